"""Turn typed search terms into FTS5 query text that can never be a syntax error."""

from __future__ import annotations

from fieldwork.domain.search import SearchTerm


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def to_match(terms: tuple[SearchTerm, ...]) -> str:
    """Every term quoted (so FTS5 operators typed by the user are just words), ANDed together;
    the last word typed so far matches as a prefix."""
    parts = []
    for term in terms:
        part = _quoted(term.text)
        if term.prefix:
            part += "*"
        parts.append(part)
    return " ".join(parts)
