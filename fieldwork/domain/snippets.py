"""A short window of a note around the searched words, with the matched words marked."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fieldwork.domain.search import SearchTerm

_WORD = re.compile(r"\w+")
Marks = tuple[tuple[int, int], ...]


class Excerpt:
    """A note's snippet and its marks, made the first time either is read: a page holds 200
    notes, and most of them are never scrolled into view."""

    __slots__ = ("_made", "_source")

    def __init__(self, text: str, terms: tuple[SearchTerm, ...]) -> None:
        self._source: tuple[str, tuple[SearchTerm, ...]] | None = (text, terms)
        self._made: tuple[str, Marks] = ("", ())

    @classmethod
    def made(cls, snippet: str, marks: Marks = ()) -> Excerpt:
        excerpt = cls.__new__(cls)
        excerpt._source, excerpt._made = None, (snippet, marks)
        return excerpt

    def now(self) -> Excerpt:
        """Made here and now, so that a page's first rows cost nothing when they are shown."""
        source = self._source
        if source is not None:
            # Two threads may both make it; the result is the same, and the text is dropped after.
            self._made, self._source = make_snippet(*source), None
        return self

    @property
    def value(self) -> tuple[str, Marks]:
        return self.now()._made

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Excerpt) and self.value == other.value

    def __hash__(self) -> int:
        return hash(self.value)

    def __repr__(self) -> str:
        return f"Excerpt{self.value!r}"


def _fold(word: str) -> str:
    # Like the full-text index: case-insensitive, accents ignored ("â" finds "a").
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=64)
def _pattern(terms: tuple[SearchTerm, ...]) -> re.Pattern[str] | None:
    """One regular expression for every searched word (the last one as a prefix)."""
    parts: list[str] = []
    for term in terms:
        words = _WORD.findall(term.text)
        for index, word in enumerate(words):
            variants = {word, _fold(word)}
            tail = r"\w*" if term.prefix and index == len(words) - 1 else ""
            parts.extend(re.escape(v) + tail for v in variants if v)
    if not parts:
        return None
    parts.sort(key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def make_snippet(
    text: str, terms: tuple[SearchTerm, ...], words: int = 18
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """(snippet, highlight ranges in it): about `words` words around the first match."""
    pattern = _pattern(terms)
    first = pattern.search(text) if pattern else None
    anchor = first.start() if first else 0
    # A third of the window before the first match, the rest after it; regular expressions
    # rather than a Python loop over words, since this runs for every row of a results page.
    begin = _start_of_words_before(text, anchor, words // 3)
    after = _words_after(words - words // 3).match(text, anchor)
    finish = after.end() if after and after.end() > anchor else min(len(text), anchor + 160)
    if not _WORD.search(text, finish):
        finish = len(text.rstrip())  # only punctuation follows: show it, and no "…"
    lead = "…" if begin > 0 else ""
    tail = "…" if finish < len(text.rstrip()) else ""
    # Marks from the first match on (there are none before it), read in place rather than from
    # a copy: trying the pattern at each character is most of the cost of a snippet.
    shift = len(lead) - begin
    found = pattern.finditer(text, anchor, finish) if pattern and first else ()
    marks = tuple((a + shift, b + shift) for a, b in map(_span, found))
    return (lead + text[begin:finish] + tail).replace("\n", " "), marks


_span = re.Match.span


def _start_of_words_before(text: str, anchor: int, count: int) -> int:
    """Where the last `count` words before `anchor` begin, looking back at most 120 characters
    (a word cut by that limit counts as a word)."""
    if count <= 0:
        return anchor
    # Matched on the reversed text: one linear match, where a pattern anchored at the end of the
    # forward text was retried from every position.
    back = _words_after(count).match(text[max(0, anchor - 120) : anchor][::-1])
    return anchor - back.end() if back else anchor


@lru_cache(maxsize=8)
def _words_after(count: int) -> re.Pattern[str]:
    return re.compile(r"(?:\W*\w+){1," + str(count) + "}")
