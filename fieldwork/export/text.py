"""The one way user and framework text becomes ReportLab markup: clean, escape, then decorate.

ReportLab's Paragraph reads a small XML language; unescaped, a note could embed a local image
(`<img src=...>`), add a link (`<a href=...>`), reach the colour evaluator (`<font color=...>`) or
abort the build with its own text in the error. So `escape_text` is the only function that turns
a string into markup, and everything the pack prints passes through it (SECURITY.md §6). Emphasis
(`*bold*`, `_italic_`, parsed by fieldwork.domain.emphasis) and font fallback are applied only to
text that has already been escaped.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from xml.sax.saxutils import escape

from fieldwork.domain.emphasis import emphasis_segments, find_emphasis
from fieldwork.export.fonts import PackFonts, pack_fonts

# C0 controls except tab and newline, DEL and C1: invisible, and a NUL prints as a missing glyph.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_NEWLINES = re.compile(r"\r\n?")
EMOJI_PLACEHOLDER = "[emoji]"
REPLACEMENT = "\ufffd"
# Characters that only join, select or modify others: dropped when no font draws them.
_INVISIBLE_RANGES = (
    (0x200B, 0x200F),
    (0x2060, 0x206F),
    (0xFE00, 0xFE0F),
    (0x1F3FB, 0x1F3FF),
    (0xE0000, 0xE01EF),
)


def clean(text: str) -> str:
    """Newlines made plain, control characters dropped, lone surrogates made U+FFFD."""
    text = _NEWLINES.sub("\n", text)
    return _SURROGATES.sub(REPLACEMENT, _CONTROLS.sub("", text))


def escape_text(text: str) -> str:
    """THE escaping function: clean, XML-escape, newline -> <br/>. Nothing else builds markup."""
    return escape(clean(text)).replace("\n", "<br/>")


def markup(text: str, *, emphasis: bool = False) -> str:
    """Paragraph markup for user or framework text: escaped, drawable, with emphasis if asked."""
    if not emphasis:
        return _drawable(escape_text(text))
    parts = []
    for piece, style in emphasis_segments(clean(text)):
        safe = _drawable(escape_text(piece))
        if style == "bold":
            safe = f"<b>{safe}</b>"
        elif style == "italic":
            safe = f"<i>{safe}</i>"
        parts.append(safe)
    return "".join(parts)


def plain(text: str) -> str:
    """Text for the canvas or a chart (one font, no markup): clean, one line, drawable."""
    text = clean(text).replace("\n", " ").replace("\t", " ")
    fonts = pack_fonts()
    if text.isascii():
        return text
    out = []
    for ch in text:
        code = ord(ch)
        if code in fonts.body or ch == " ":
            out.append(ch)
        elif not _invisible(code):
            out.append(EMOJI_PLACEHOLDER if _emoji_like(code) else REPLACEMENT)
    return "".join(out)


def _invisible(code: int) -> bool:
    return any(low <= code <= high for low, high in _INVISIBLE_RANGES)


def _emoji_like(code: int) -> bool:
    if 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF:
        return True
    return unicodedata.category(chr(code)) == "So"


@functools.cache
def _not_in_body() -> re.Pattern[str]:
    """A pattern matching runs of characters the body font cannot draw."""
    fonts = pack_fonts()
    allowed = sorted(fonts.body | {0x09, 0x0A, 0x20})
    ranges: list[str] = []
    start = previous = allowed[0]
    for code in [*allowed[1:], -1]:
        if code == previous + 1:
            previous = code
            continue
        low, high = re.escape(chr(start)), re.escape(chr(previous))
        ranges.append(low if start == previous else f"{low}-{high}")
        start = previous = code
    return re.compile(f"[^{''.join(ranges)}]+")


def _drawable(escaped: str) -> str:
    """Characters the body font lacks: a fallback font, else `[emoji]` or U+FFFD, never a box."""
    if escaped.isascii():
        return escaped
    fonts = pack_fonts()
    return _not_in_body().sub(lambda m: _fallback_run(m.group(0), fonts), escaped)


def _fallback_run(run: str, fonts: PackFonts) -> str:
    out: list[str] = []
    current: str | None = None
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            out.append(f'<font name="{current}">{"".join(buffer)}</font>')
            buffer.clear()

    for ch in run:
        code = ord(ch)
        name = fonts.fallback_for(code)
        if name is None:
            flush()
            current = None
            if _invisible(code):
                continue
            placeholder = EMOJI_PLACEHOLDER if _emoji_like(code) else REPLACEMENT
            if not (placeholder == EMOJI_PLACEHOLDER and out and out[-1] == placeholder):
                out.append(placeholder)
            continue
        if name != current:
            flush()
            current = name
        buffer.append(ch)
    flush()
    return "".join(out)


_SENTENCE_END = re.compile(r"[.!?;:][\"'’”)\]]*$")
_SPACE = re.compile(r"\s+")


def note_paragraphs(text: str, *, words: int = 200) -> list[str]:
    """A note's text in pieces to lay out separately: its own lines, and long ones cut after a
    sentence once they pass `words` words (or at a space, at twice that), never inside an
    emphasised span. Short pieces take ReportLab's fast path; a 40,000-word note no longer
    costs time in proportion to its length times its pages."""
    pieces: list[str] = []
    for line in clean(text).split("\n"):
        if not line.strip():
            continue
        pieces.extend(_cut(line, words))
    return pieces or [""]


def _cut(line: str, words: int) -> list[str]:
    if line.count(" ") < words * 1.5:
        return [line]
    spans = [(s.start, s.end) for s in find_emphasis(line)]

    def inside(position: int) -> bool:
        return any(start < position < end for start, end in spans)

    pieces, start, count = [], 0, 0
    for gap in _SPACE.finditer(line):
        count += 1
        if count < words or inside(gap.start()):
            continue
        sentence = _SENTENCE_END.search(line, max(gap.start() - 4, start), gap.start())
        if sentence or count >= 2 * words:
            pieces.append(line[start : gap.start()])
            start, count = gap.end(), 0
    pieces.append(line[start:])
    return [p for p in pieces if p]
