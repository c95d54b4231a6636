"""The tiny emphasis syntax of note text: `*bold*` and `_italic_`, parsed by this one function.

Rules (so that ordinary text is never mangled):
- a marker opens only at the start of the text or after a character that is not a letter or digit,
  and only when the next character is neither white space nor the same marker;
- it closes at the first marker of the same kind on the same line that follows a character other
  than white space, and that is not followed by a letter or digit;
- spans do not nest or cross lines; a marker that finds no partner stays as typed.
So `snake_case_name`, `2*3*4` and `* list item` are left alone, while `*not* seen _alone_` is not.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Literal

Style = Literal["bold", "italic"]
MARKERS: dict[str, Style] = {"*": "bold", "_": "italic"}


@dataclass(frozen=True, slots=True)
class EmphasisSpan:
    """One emphasised run: `start` is the opening marker, `end` is just after the closing one."""

    start: int
    end: int
    style: Style

    @property
    def inner(self) -> tuple[int, int]:
        """Where the emphasised words are, without their markers."""
        return self.start + 1, self.end - 1


def _opens(text: str, i: int, marker: str) -> bool:
    if i + 1 >= len(text):
        return False
    after = text[i + 1]
    if after.isspace() or after == marker:
        return False
    return i == 0 or not text[i - 1].isalnum()


def _closes(text: str, j: int) -> bool:
    before = text[j - 1] if j > 0 else " "
    if before.isspace():
        return False
    return j + 1 == len(text) or not text[j + 1].isalnum()


def find_emphasis(text: str) -> tuple[EmphasisSpan, ...]:
    """Every emphasised span in `text`, in order; positions index the text as given."""
    if "*" not in text and "_" not in text:
        return ()
    spans: list[EmphasisSpan] = []
    line_start = 0
    for line_end in (*(i for i, ch in enumerate(text) if ch == "\n"), len(text)):
        _line_spans(text, line_start, line_end, spans)
        line_start = line_end + 1
    return tuple(spans)


def _line_spans(text: str, start: int, stop: int, spans: list[EmphasisSpan]) -> None:
    closers: dict[str, list[int]] = {m: [] for m in MARKERS}
    openers: list[tuple[int, str]] = []
    for i in range(start, stop):
        ch = text[i]
        if ch in MARKERS:
            if _closes(text, i) and i > start:
                closers[ch].append(i)
            if _opens(text, i, ch):
                openers.append((i, ch))
    position = start
    for i, marker in openers:
        if i < position:
            continue
        candidates = closers[marker]
        k = bisect_left(candidates, i + 2)  # at least one character inside
        if k < len(candidates):
            close = candidates[k]
            spans.append(EmphasisSpan(i, close + 1, MARKERS[marker]))
            position = close + 1


def emphasis_segments(text: str) -> tuple[tuple[str, Style | None], ...]:
    """The visible text in pieces, markers removed: (words, None | "bold" | "italic")."""
    pieces: list[tuple[str, Style | None]] = []
    last = 0
    for span in find_emphasis(text):
        if span.start > last:
            pieces.append((text[last : span.start], None))
        inner_start, inner_end = span.inner
        pieces.append((text[inner_start:inner_end], span.style))
        last = span.end
    if last < len(text) or not pieces:
        pieces.append((text[last:], None))
    return tuple(pieces)
