"""The full-text index of notes (FTS5 inside the encrypted database) and filtered, ranked search."""

from __future__ import annotations

import json
from collections import defaultdict
from itertools import pairwise
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from fieldwork.domain.errors import NotebookLocked
from fieldwork.domain.evidence import Tag
from fieldwork.domain.ids import CaseId
from fieldwork.domain.search import NoteHit, SearchPage, SearchQuery, SearchTerm, split_search_text
from fieldwork.domain.snippets import Excerpt
from fieldwork.domain.text import first_line
from fieldwork.store.fts_query import searchable_terms, to_match
from fieldwork.store.models.base import parse_time_text, time_text

# How many of the newest matches are ranked by relevance: bm25 costs about 20 us a match here, so
# ranking all 50,000 matches of a common word would take a second (see bench/store_ops.py).
RANK_CANDIDATES = 300
# Snippets made with the page, for the rows a list shows first; the rest are made when read.
READY_SNIPPETS = 50


class SearchIndex:
    def __init__(self, session: Session) -> None:
        self.session = session

    def index(self, rowid: int, body: str, *, new: bool = False) -> None:
        if not new:
            self.session.execute(text("DELETE FROM note_fts WHERE rowid = :r"), {"r": rowid})
        self.session.execute(
            text("INSERT INTO note_fts(rowid, text) VALUES (:r, :t)"), {"r": rowid, "t": body}
        )

    def index_new_many(self, rows: list[tuple[int, str]]) -> None:
        if rows:
            self.session.execute(
                text("INSERT INTO note_fts(rowid, text) VALUES (:r, :t)"),
                [{"r": r, "t": t} for r, t in rows],
            )

    def remove(self, rowid: int) -> None:
        self.session.execute(text("DELETE FROM note_fts WHERE rowid = :r"), {"r": rowid})

    # Searching runs on the DB-API cursor of the session's own connection (same transaction):
    # on this hot path SQLAlchemy's statement handling cost more than the queries themselves.
    def _rows(self, statement: str, params: dict[str, Any] | list[int]) -> list[Any]:
        connection = self.session.connection().connection.driver_connection
        if connection is None:
            # The notebook closed (a lock) from another lane while this unit of work was under
            # way: its connection was taken away. Say so as the lock, not as a fault.
            raise NotebookLocked()
        cursor = connection.cursor()
        try:
            return list(cursor.execute(statement, params).fetchall())
        finally:
            cursor.close()

    def _scalar(self, statement: str, params: dict[str, Any]) -> int:
        rows = self._rows(statement, params)
        return int(rows[0][0]) if rows and rows[0][0] is not None else 0

    def search(self, query: SearchQuery) -> SearchPage:
        terms = searchable_terms(
            self.session, split_search_text(query.text, prefix_last=query.as_you_type)
        )
        where, params = _filters(query)
        limit = max(1, min(query.limit, 1000))
        if not terms:
            return self._newest(query, where, params, limit)
        params["m"] = to_match(terms)
        # Join the notes table only when a filter needs it: the index alone answers faster.
        source = "note_fts JOIN notes n ON n.rowid = note_fts.rowid" if where else "note_fts"
        match = " AND ".join(["note_fts MATCH :m", *where])
        cursor = query.after
        if cursor is not None and cursor[0] == "n":
            total = self._scalar(f"SELECT count(*) FROM {source} WHERE {match}", params)
            rowids = self._newest_matches(source, match, params, below=cursor[1], limit=limit)
            return self._page(rowids, terms, total, limit, ranked=False)
        total, bound = self._count_and_bound(source, match, params)
        params["bound"] = bound
        ranked = match + " AND note_fts.rowid >= :bound"
        if cursor is not None:
            params["as"], params["ar"] = float(cursor[0]), cursor[1]
            ranked += (
                " AND (bm25(note_fts) > :as OR (bm25(note_fts) = :as AND note_fts.rowid > :ar))"
            )
        rows = self._rows(
            f"SELECT note_fts.rowid, bm25(note_fts) AS score FROM {source} WHERE {ranked} "
            f"ORDER BY score, note_fts.rowid LIMIT {limit}",
            params,
        )
        rowids = [int(r[0]) for r in rows]
        if len(rowids) == limit:
            page = self._page(rowids, terms, total, limit, ranked=True)
            return SearchPage(page.hits, total, True, (repr(float(rows[-1][1])), rowids[-1]), terms)
        if bound:
            rowids += self._newest_matches(
                source, match, params, below=bound, limit=limit - len(rowids)
            )
        return self._page(rowids, terms, total, limit, ranked=True)

    def _count_and_bound(self, source: str, match: str, params: dict[str, Any]) -> tuple[int, int]:
        """How many notes match, and the rowid of the oldest of the newest RANK_CANDIDATES (0 if
        there are no more than that many), from one pass over the matches."""
        # Collecting the rowids as text while counting costs little more than counting alone;
        # a second query to find the bound (OFFSET from the oldest match) cost as much again,
        # and walking FTS5 doclists newest first with several terms took over half a second.
        row = self._rows(
            f"SELECT count(*), group_concat(note_fts.rowid) FROM {source} WHERE {match}", params
        )[0]
        total = int(row[0])
        if total <= RANK_CANDIDATES:
            return total, 0
        rowids = str(row[1])
        if source == "note_fts":
            # FTS5 yields a query's rowids in ascending order, so the bound is the 300th from the
            # end; checking that tail is ascending costs nothing and guards the assumption.
            tail = [int(r) for r in rowids.rsplit(",", RANK_CANDIDATES)[1:]]
            if all(a < b for a, b in pairwise(tail)):
                return total, tail[0]
        # Joined with the notes table for a filter, rows may come in another order.
        return total, sorted(int(r) for r in rowids.split(","))[-RANK_CANDIDATES]

    def _newest_matches(
        self, source: str, match: str, params: dict[str, Any], *, below: int, limit: int
    ) -> list[int]:
        """The newest `limit` matches older than `below`, newest first (read oldest-first)."""
        params["below"] = below
        older = self._scalar(
            f"SELECT count(*) FROM {source} WHERE {match} AND note_fts.rowid < :below", params
        )
        params["skip"] = max(0, older - limit)
        rows = self._rows(
            f"SELECT note_fts.rowid FROM {source} WHERE {match} AND note_fts.rowid < :below "
            f"ORDER BY note_fts.rowid LIMIT {limit} OFFSET :skip",
            params,
        )
        return [int(r[0]) for r in reversed(rows)]

    def _page(
        self,
        rowids: list[int],
        terms: tuple[SearchTerm, ...],
        total: int,
        limit: int,
        *,
        ranked: bool,
    ) -> SearchPage:
        # A full page continues newest first below its oldest row; the UI asks for it on scrolling.
        cursor = ("n", min(rowids)) if len(rowids) == limit and rowids else None
        return SearchPage(self._hits(rowids, terms), total, ranked, cursor, terms)

    def _newest(
        self, query: SearchQuery, where: list[str], params: dict[str, Any], limit: int
    ) -> SearchPage:
        condition = " AND ".join(where) if where else "1"
        total = self._scalar(f"SELECT count(*) FROM notes n WHERE {condition}", params)
        if query.after:
            params["ac"], params["ar"] = query.after
            condition += " AND (n.created_at < :ac OR (n.created_at = :ac AND n.rowid < :ar))"
        rows = self._rows(
            f"SELECT n.rowid, n.created_at FROM notes n WHERE {condition} "
            f"ORDER BY n.created_at DESC, n.rowid DESC LIMIT {limit}",
            params,
        )
        hits = self._hits([int(r[0]) for r in rows], ())
        cursor = (str(rows[-1][1]), int(rows[-1][0])) if len(rows) == limit else None
        return SearchPage(hits, total, False, cursor, ())

    def _hits(self, rowids: list[int], terms: tuple[SearchTerm, ...]) -> tuple[NoteHit, ...]:
        """The page's rows in order, read with three plain queries."""
        if not rowids:
            return ()
        # A list of bound values, not json_each: with SQLCipher's memory wiping, parsing the JSON
        # cost more than reading the rows (3.4 ms against 0.9 ms for 200 notes at 50,000).
        ids, slots = _id_list(rowids)
        notes = {
            r[0]: r
            for r in self._rows(
                f"SELECT n.rowid, n.id, n.text, n.created_at, n.activity_id FROM notes n "
                f"WHERE n.rowid IN ({slots})",
                ids,
            )
        }
        # No ORDER BY: the index yields a note's tags by id, and tags are always written whole in
        # position order, so they arrive in order already.
        tags: defaultdict[int, list[Tag]] = defaultdict(list)
        for rowid, criterion, evaluation, source, leaning, corroborated, escalate in self._rows(
            "SELECT t.note_rowid, t.criterion_id, t.evaluation, t.source, t.grade_leaning, "
            f"t.corroborated, t.escalate FROM tags t WHERE t.note_rowid IN ({slots})",
            ids,
        ):
            tags[rowid].append(
                Tag(criterion, evaluation, source, leaning, bool(corroborated), bool(escalate))
            )
        cases: defaultdict[int, list[CaseId]] = defaultdict(list)
        for rowid, case_id in self._rows(
            f"SELECT c.note_rowid, c.case_id FROM note_cases c WHERE c.note_rowid IN ({slots})",
            ids,
        ):
            cases[rowid].append(case_id)
        hits = []
        for number, rowid in enumerate(rowids):
            _, note_id, body, created, activity = notes[rowid]
            if not terms:
                excerpt = Excerpt.made(first_line(body, 160))
            elif number < READY_SNIPPETS:
                excerpt = Excerpt(body, terms).now()
            else:
                excerpt = Excerpt(body, terms)
            hits.append(
                NoteHit(
                    note_id,
                    parse_time_text(created),
                    activity or None,
                    tuple(cases.get(rowid, ())),
                    tuple(tags.get(rowid, ())),
                    first_line(body),
                    excerpt,
                )
            )
        return tuple(hits)


def _id_list(rowids: list[int]) -> tuple[list[int], str]:
    """The ids and their placeholders, padded to a power of two with a repeated id so that a few
    statement texts serve every page size and stay in the connection's statement cache."""
    size = 16
    while size < len(rowids):
        size *= 2
    return rowids + [rowids[-1]] * (size - len(rowids)), ",".join("?" * size)


def _filters(query: SearchQuery) -> tuple[list[str], dict[str, Any]]:
    """SQL conditions on the notes table `n`, with their parameters (lists travel as JSON)."""
    where: list[str] = []
    params: dict[str, Any] = {}
    tag_conditions = []
    if query.criterion_ids:
        tag_conditions.append("t.criterion_id IN (SELECT value FROM json_each(:criteria))")
        params["criteria"] = json.dumps(list(query.criterion_ids))
    if query.evaluations:
        tag_conditions.append("t.evaluation IN (SELECT value FROM json_each(:evaluations))")
        params["evaluations"] = json.dumps(list(query.evaluations))
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
