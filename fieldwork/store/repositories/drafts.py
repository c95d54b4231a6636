"""Drafts: unsaved editor text kept in the notebook while it is locked (not evidence, no history)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from fieldwork.store.models import DraftRow


class DraftRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def keep(self, note_id: str, text: str, cursor: int, now: datetime) -> None:
        row = self.session.get(DraftRow, note_id)
        if row is None:
            self.session.add(DraftRow(note_id=note_id, text=text, cursor=cursor, saved_at=now))
        else:
            row.text, row.cursor, row.saved_at = text, cursor, now

    def take_all(self) -> list[tuple[str, str, int, datetime]]:
        """(note id, text, cursor, when kept) of every draft, oldest first; all are removed."""
        drafts = [
            (r.note_id, r.text, r.cursor, r.saved_at)
            for r in self.session.scalars(select(DraftRow).order_by(DraftRow.saved_at))
        ]
        self.session.execute(delete(DraftRow))
        return drafts
