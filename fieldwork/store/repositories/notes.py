"""Notes and their tags: saved from drafts, read back as domain values."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session, selectinload

from fieldwork.domain.evidence import Note, NoteDraft, Tag
from fieldwork.domain.ids import ActivityId, CaseId, NoteId
from fieldwork.store.history_states import note_state, note_state_of
from fieldwork.store.models import NoteRow, TagRow, note_cases


def tag_from_row(row: TagRow) -> Tag:
    return Tag(
        criterion_id=row.criterion_id,
        evaluation=cast(Any, row.evaluation),
        source=cast(Any, row.source),
        grade_leaning=row.grade_leaning,
        corroborated=row.corroborated,
        escalate=row.escalate,
    )


class NoteRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _row(self, note_id: str) -> NoteRow | None:
        return self.session.scalars(
            select(NoteRow).where(NoteRow.id == note_id).options(selectinload(NoteRow.tags))
        ).first()

    def case_ids(self, rowid: int) -> list[str]:
        return [
            str(c)
            for c in self.session.scalars(
                select(note_cases.c.case_id).where(note_cases.c.note_rowid == rowid)
            )
        ]

    def save(
        self, draft: NoteDraft, text: str, now: datetime, *, new: bool = False
    ) -> tuple[Note, int, str, dict[str, Any]]:
        """Insert or update; returns the note, its rowid, 'create' or 'edit', and its history state.

        `new=True` skips looking for an existing note (bulk imports of fresh ids)."""
        row = None if new else self._row(draft.id)
        op = "edit" if row is not None else "create"
        if row is None:
            row = NoteRow(id=draft.id, created_at=draft.created_at or now, revision=0)
            self.session.add(row)
        row.text = text
        row.edited_at = now
        row.author = draft.author
        row.activity_id = draft.activity_id
        row.reviewed = draft.reviewed
        row.revision = (row.revision or 0) + 1
        row.tags = [
            TagRow(
                position=i,
                criterion_id=t.criterion_id,
                evaluation=t.evaluation,
                source=t.source,
                grade_leaning=t.grade_leaning,
                corroborated=t.corroborated,
                escalate=t.escalate,
            )
            for i, t in enumerate(draft.tags)
        ]
        self.session.flush()
        case_ids = list(dict.fromkeys(draft.case_ids))
        if op == "edit":
            self.session.execute(delete(note_cases).where(note_cases.c.note_rowid == row.rowid))
        if case_ids:
            self.session.execute(
                insert(note_cases), [{"note_rowid": row.rowid, "case_id": c} for c in case_ids]
            )
        return self._to_domain(row, case_ids), row.rowid, op, note_state(row, case_ids)

    def add_new_many(
        self, drafts: Sequence[tuple[NoteDraft, str]], now: datetime
    ) -> list[tuple[Note, int, dict[str, Any]]]:
        """Insert many new notes with plain inserts (imports): (note, rowid, history state) each."""
        start = int(self.session.scalar(select(func.coalesce(func.max(NoteRow.rowid), 0))) or 0)
        notes: list[dict[str, Any]] = []
        tags: list[dict[str, Any]] = []
        links: list[dict[str, Any]] = []
        results: list[tuple[Note, int, dict[str, Any]]] = []
        for offset, (draft, text) in enumerate(drafts, start=1):
            rowid = start + offset
            note = Note(
                id=draft.id,
                text=text,
                created_at=draft.created_at or now,
                edited_at=now,
                author=draft.author,
                activity_id=draft.activity_id,
                case_ids=tuple(dict.fromkeys(draft.case_ids)),
                tags=draft.tags,
                revision=1,
                reviewed=draft.reviewed,
            )
            notes.append(
                {
                    "rowid": rowid,
                    "id": note.id,
                    "text": text,
                    "created_at": note.created_at,
                    "edited_at": now,
                    "author": note.author,
                    "activity_id": note.activity_id,
                    "revision": 1,
                    "reviewed": note.reviewed,
                }
            )
            tags.extend(
                {
                    "note_rowid": rowid,
                    "position": i,
                    "criterion_id": t.criterion_id,
                    "evaluation": t.evaluation,
                    "source": t.source,
                    "grade_leaning": t.grade_leaning,
                    "corroborated": t.corroborated,
                    "escalate": t.escalate,
                }
                for i, t in enumerate(draft.tags)
            )
            links.extend({"note_rowid": rowid, "case_id": c} for c in note.case_ids)
            results.append((note, rowid, note_state_of(note, note.case_ids, note.tags)))
        if notes:
            self.session.execute(insert(NoteRow), notes)
        if tags:
            self.session.execute(insert(TagRow), tags)
        if links:
            self.session.execute(insert(note_cases), links)
        return results

    def get(self, note_id: str) -> Note | None:
        row = self._row(note_id)
        return None if row is None else self._to_domain(row, self.case_ids(row.rowid))

    def delete(self, note_id: str) -> int | None:
        """Delete a note and its tags; returns its rowid (for the search index), None if absent."""
        row = self._row(note_id)
        if row is None:
            return None
        rowid = row.rowid
        self.session.delete(row)
        self.session.flush()
        return rowid

    def count(self) -> int:
        return int(self.session.scalar(select(func.count()).select_from(NoteRow)) or 0)

    def latest_edited(self, since: datetime | None = None) -> Note | None:
        """The note saved last (at or after `since`), e.g. the one typed when a run crashed."""
        query = select(NoteRow.id).order_by(NoteRow.edited_at.desc(), NoteRow.rowid.desc())
        if since is not None:
            query = query.where(NoteRow.edited_at >= since)
        note_id = self.session.scalars(query.limit(1)).first()
        return None if note_id is None else self.get(note_id)

    def all_ids(self) -> list[str]:
        return list(
            self.session.scalars(select(NoteRow.id).order_by(NoteRow.created_at, NoteRow.rowid))
        )

    def many(self, rowids: list[int]) -> dict[int, Note]:
        """Notes by rowid, loaded in two queries whatever their number."""
        if not rowids:
            return {}
        rows = self.session.scalars(
            select(NoteRow).where(NoteRow.rowid.in_(rowids)).options(selectinload(NoteRow.tags))
        ).all()
        links: dict[int, list[str]] = {}
        for rowid, case_id in self.session.execute(
            select(note_cases.c.note_rowid, note_cases.c.case_id).where(
                note_cases.c.note_rowid.in_(rowids)
            )
        ):
            links.setdefault(int(rowid), []).append(str(case_id))
        return {row.rowid: self._to_domain(row, links.get(row.rowid, [])) for row in rows}

    @staticmethod
    def _to_domain(row: NoteRow, case_ids: Sequence[str]) -> Note:
        return Note(
            id=NoteId(row.id),
            text=row.text,
            created_at=row.created_at,
            edited_at=row.edited_at,
            author=row.author,
            activity_id=ActivityId(row.activity_id) if row.activity_id else None,
            case_ids=tuple(CaseId(c) for c in case_ids),
            tags=tuple(tag_from_row(t) for t in sorted(row.tags, key=lambda t: t.position)),
            revision=row.revision,
            reviewed=row.reviewed,
        )
