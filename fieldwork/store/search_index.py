"""The full-text index of notes (FTS5 inside the encrypted database) and filtered, ranked search."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from fieldwork.domain.search import NoteHit, SearchPage, SearchQuery, split_search_text
from fieldwork.domain.text import first_line
from fieldwork.store.fts_query import to_match
from fieldwork.store.models.base import time_text
from fieldwork.store.repositories.notes import NoteRepository

# Markers around matched words in snippets: control characters never survive into stored text.
_OPEN, _CLOSE = "\x02", "\x03"
SNIPPET_WORDS = 18
# Ranking every match costs time in proportion to the matches; past this many, the first page is
# the newest matching notes instead (measured in bench/store_ops.py; see the issue note).
RANK_LIMIT = 20_000


class SearchIndex:
    def __init__(self, session: Session) -> None:
        self.session = session

    def index(self, rowid: int, body: str) -> None:
        self.session.execute(text("DELETE FROM note_fts WHERE rowid = :r"), {"r": rowid})
        self.session.execute(
            text("INSERT INTO note_fts(rowid, text) VALUES (:r, :t)"), {"r": rowid, "t": body}
        )

    def remove(self, rowid: int) -> None:
        self.session.execute(text("DELETE FROM note_fts WHERE rowid = :r"), {"r": rowid})

    def search(self, query: SearchQuery) -> SearchPage:
        terms = split_search_text(query.text)
        where, params = _filters(query)
        notes = NoteRepository(self.session)
        if not terms:
            return self._newest(query, where, params, notes)
        params["m"] = to_match(terms)
        source = "note_fts JOIN notes n ON n.rowid = note_fts.rowid"
        match_where = " AND ".join(["note_fts MATCH :m", *where])
        total = int(
            self.session.execute(
                _sql(f"SELECT count(*) FROM {source} WHERE {match_where}", params), params
            ).scalar()
            or 0
        )
        ranked = total <= RANK_LIMIT
        limit = max(1, min(query.limit, 1000))
        if ranked:
            page_where = match_where
            if query.after:
                params["as"], params["ar"] = float(query.after[0]), query.after[1]
                page_where += (
                    " AND (bm25(note_fts) > :as OR (bm25(note_fts) = :as AND n.rowid > :ar))"
                )
            sql = f"SELECT n.rowid, bm25(note_fts) AS score FROM {source} WHERE {page_where} ORDER BY score, n.rowid LIMIT {limit}"
        else:
            page_where = match_where + _after_newest(query, params)
            sql = f"SELECT n.rowid, n.created_at AS score FROM {source} WHERE {page_where} ORDER BY n.created_at DESC, n.rowid DESC LIMIT {limit}"
        rows = self.session.execute(_sql(sql, params), params).all()
        rowids = [int(r[0]) for r in rows]
        snippets = self._snippets(rowids, params["m"])
        loaded = notes.many(rowids)
        hits = []
        for rowid in rowids:
            note = loaded[rowid]
            snippet, marks = snippets.get(rowid, (first_line(note.text, 160), ()))
            hits.append(
                NoteHit(
                    note.id,
                    note.created_at,
                    note.activity_id,
                    note.case_ids,
                    note.tags,
                    first_line(note.text),
                    snippet,
                    marks,
                )
            )
        cursor = (str(rows[-1][1]), int(rows[-1][0])) if len(rows) == limit else None
        return SearchPage(tuple(hits), total, ranked, cursor, terms)

    def _newest(
        self, query: SearchQuery, where: list[str], params: dict[str, Any], notes: NoteRepository
    ) -> SearchPage:
        condition = " AND ".join(where) if where else "1"
        total = int(
            self.session.execute(
                _sql(f"SELECT count(*) FROM notes n WHERE {condition}", params), params
            ).scalar()
            or 0
        )
        limit = max(1, min(query.limit, 1000))
        condition += _after_newest(query, params)
        rows = self.session.execute(
            _sql(
                f"SELECT n.rowid, n.created_at FROM notes n WHERE {condition} ORDER BY n.created_at DESC, n.rowid DESC LIMIT {limit}",
                params,
            ),
            params,
        ).all()
        rowids = [int(r[0]) for r in rows]
        loaded = notes.many(rowids)
        hits = tuple(
            NoteHit(
                n.id,
                n.created_at,
                n.activity_id,
                n.case_ids,
                n.tags,
                first_line(n.text),
                first_line(n.text, 160),
                (),
            )
            for n in (loaded[r] for r in rowids)
        )
        cursor = (str(rows[-1][1]), int(rows[-1][0])) if len(rows) == limit else None
        return SearchPage(hits, total, False, cursor, ())

    def _snippets(
        self, rowids: list[int], match: str
    ) -> dict[int, tuple[str, tuple[tuple[int, int], ...]]]:
        if not rowids:
            return {}
        statement = text(
            f"SELECT rowid, snippet(note_fts, 0, '{_OPEN}', '{_CLOSE}', '…', {SNIPPET_WORDS}) FROM note_fts "
            "WHERE note_fts MATCH :m AND rowid IN :ids"
        ).bindparams(bindparam("ids", expanding=True))
        found = {}
        for rowid, marked in self.session.execute(statement, {"m": match, "ids": rowids}):
            found[int(rowid)] = _unmark(str(marked))
        return found


def _unmark(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Plain snippet text and the (start, end) of each highlighted run."""
    out: list[str] = []
    ranges: list[tuple[int, int]] = []
    length = 0
    start = -1
    for char in marked:
        if char == _OPEN:
            start = length
        elif char == _CLOSE:
            if start >= 0:
                ranges.append((start, length))
            start = -1
        else:
            out.append(char)
            length += 1
    return "".join(out).replace("\n", " "), tuple(ranges)


def _filters(query: SearchQuery) -> tuple[list[str], dict[str, Any]]:
    where: list[str] = []
    params: dict[str, Any] = {}
    tag_conditions = []
    if query.criterion_ids:
        tag_conditions.append("t.criterion_id IN :criteria")
        params["criteria"] = list(query.criterion_ids)
    if query.evaluations:
        tag_conditions.append("t.evaluation IN :evaluations")
        params["evaluations"] = list(query.evaluations)
    if tag_conditions:
        where.append(
            f"EXISTS (SELECT 1 FROM tags t WHERE t.note_rowid = n.rowid AND {' AND '.join(tag_conditions)})"
        )
    if query.case_id:
        where.append(
            "EXISTS (SELECT 1 FROM note_cases nc WHERE nc.note_rowid = n.rowid AND nc.case_id = :case)"
        )
        params["case"] = query.case_id
    if query.practitioner_id:
        where.append(
            "(EXISTS (SELECT 1 FROM activity_practitioners ap WHERE ap.activity_id = n.activity_id AND ap.practitioner_id = :person)"
            " OR EXISTS (SELECT 1 FROM note_cases nc JOIN cases c ON c.id = nc.case_id WHERE nc.note_rowid = n.rowid AND c.practitioner_id = :person))"
        )
        params["person"] = query.practitioner_id
    if query.activity_id:
        where.append("n.activity_id = :activity")
        params["activity"] = query.activity_id
    if query.since:
        where.append("n.created_at >= :since")
        params["since"] = time_text(query.since)
    if query.until:
        where.append("n.created_at < :until")
        params["until"] = time_text(query.until)
    return where, params


def _after_newest(query: SearchQuery, params: dict[str, Any]) -> str:
    if not query.after:
        return ""
    params["ac"], params["ar"] = query.after
    return " AND (n.created_at < :ac OR (n.created_at = :ac AND n.rowid < :ar))"


def _sql(statement: str, params: dict[str, Any]) -> Any:
    compiled = text(statement)
    lists = [name for name, value in params.items() if isinstance(value, list)]
    if lists:
        compiled = compiled.bindparams(*(bindparam(name, expanding=True) for name in lists))
    return compiled
