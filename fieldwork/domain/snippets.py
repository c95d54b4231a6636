"""A short window of a note around the searched words, with the matched words marked."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from fieldwork.domain.search import SearchTerm

_WORD = re.compile(r"\w+")


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
    # A few words before the first match, then the rest of the window after it.
    before = (
        list(_WORD.finditer(text, max(0, anchor - 160), anchor))[-(words // 3) :] if anchor else []
    )
    begin = before[0].start() if before else anchor
    after: list[re.Match[str]] = []
    for match in _WORD.finditer(text, anchor):
        after.append(match)
        if len(after) >= words - len(before):
            break
    finish = after[-1].end() if after else min(len(text), anchor + 160)
    lead = "…" if begin > 0 else ""
    tail = "…" if finish < len(text.rstrip()) else ""
    body = text[begin:finish]
    marks = tuple(
        (len(lead) + m.start(), len(lead) + m.end())
        for m in (pattern.finditer(body) if pattern else ())
    )
    return (lead + body + tail).replace("\n", " "), marks
