"""Tagged notes for the suggesters to learn from, and which notes changed since they last looked."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldwork.store.models import HistoryRow, NoteRow, TagRow


class TaggedNotes:
    """Read-only; history is the change log, since every change to a note is chained into it."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def latest_change(self) -> int:
        """The newest history sequence number (0 for an empty history)."""
        return int(self.session.scalar(select(func.max(HistoryRow.seq))) or 0)

    def notes_changed_since(self, seq: int) -> set[str]:
        """Ids of notes created, edited or deleted after history entry `seq`."""
        return {
            str(note_id)
            for note_id in self.session.scalars(
                select(HistoryRow.entity_id).where(
                    HistoryRow.seq > seq, HistoryRow.entity == "note"
                )
            )
        }

    def newest_tagged_ids(self, limit: int) -> list[str]:
        """Ids of the most recently edited notes that have at least one tag, newest first."""
        has_tag = select(TagRow.id).where(TagRow.note_rowid == NoteRow.rowid).exists()
        return [
            str(note_id)
            for note_id in self.session.scalars(
                select(NoteRow.id)
                .where(has_tag)
                .order_by(NoteRow.edited_at.desc(), NoteRow.rowid.desc())
                .limit(limit)
            )
        ]

    def tagged(
        self, note_ids: Collection[str] | None = None
    ) -> dict[str, tuple[str, tuple[str, ...]]]:
        """{note id: (text, criterion ids)} for notes with at least one tag (all, or those given)."""
        query = (
            select(NoteRow.id, NoteRow.text, TagRow.criterion_id)
            .join(TagRow, TagRow.note_rowid == NoteRow.rowid)
            .order_by(NoteRow.rowid, TagRow.position, TagRow.id)
        )
        if note_ids is not None:
            if not note_ids:
                return {}
            query = query.where(NoteRow.id.in_(list(note_ids)))
        found: dict[str, tuple[str, list[str]]] = {}
        for note_id, text, criterion_id in self.session.execute(query):
            found.setdefault(str(note_id), (str(text), []))[1].append(str(criterion_id))
        return {note_id: (text, tuple(ids)) for note_id, (text, ids) in found.items()}
