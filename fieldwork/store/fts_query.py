"""Turn typed search terms into FTS5 query text that can never be a syntax error."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

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


def searchable_terms(session: Any, terms: tuple[SearchTerm, ...]) -> tuple[SearchTerm, ...]:
    """Drop terms the tokenizer turns into no words at all (such as a lone '®'), which would
    otherwise make the whole search match nothing. ASCII terms need no check; others are put
    through the same tokenizer as the notes, in a table that lives only in memory."""
    unsure = [t for t in terms if not t.text.isascii()]
    if not unsure:
        return terms
    session.execute(
        text(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fw_terms USING fts5(t, tokenize = 'unicode61 remove_diacritics 2')"
        )
    )
    session.execute(
        text(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fw_terms_vocab USING fts5vocab(temp, fw_terms, 'instance')"
        )
    )
    session.execute(text("DELETE FROM temp.fw_terms"))
    for number, term in enumerate(unsure):
        session.execute(
            text("INSERT INTO temp.fw_terms(rowid, t) VALUES (:n, :t)"),
            {"n": number, "t": term.text},
        )
    with_words = {
        int(row[0]) for row in session.execute(text("SELECT DISTINCT doc FROM temp.fw_terms_vocab"))
    }
    session.execute(text("DELETE FROM temp.fw_terms"))
    keep = {id(t) for number, t in enumerate(unsure) if number in with_words}
    return tuple(t for t in terms if t.text.isascii() or id(t) in keep)
