"""Unsaved editor text kept inside the encrypted notebook, and what to give back after a crash."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fieldwork.domain.evidence import Note
from fieldwork.services.notebook import Notebook


@dataclass(frozen=True, slots=True)
class Draft:
    note_id: str
    text: str
    cursor: int
    kept_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Recovery:
    """What opening the notebook found to give back to the user.

    `draft`: text kept when the window locked and never unlocked (the run ended while locked);
    `note`: the note saved last by a run that ended without closing (the one being typed), or
    the saved note `draft` belongs to. Both None: nothing to give back.
    """

    crashed: bool
    note: Note | None = None
    draft: Draft | None = None

    @property
    def at(self) -> datetime | None:
        """When the recovered text was last written to the notebook."""
        if self.draft is not None and self.draft.kept_at is not None:
            return self.draft.kept_at
        return self.note.edited_at if self.note is not None else None


def keep_draft(notebook: Notebook, draft: Draft) -> None:
    """Store (or replace) the draft of one note; it never touches evidence or history."""
    with notebook.unit_of_work() as uow:
        uow.drafts.keep(draft.note_id, draft.text, draft.cursor, uow.now)
        uow.commit()


def take_drafts(notebook: Notebook) -> list[Draft]:
    """Every kept draft, oldest first, removed from the notebook as it is handed back."""
    with notebook.unit_of_work() as uow:
        drafts = [Draft(*row) for row in uow.drafts.take_all()]
        uow.commit()
    return drafts


def recover_on_open(notebook: Notebook) -> Recovery:
    """Just after opening (not unlocking): drafts left behind, or the note a crashed run typed.

    A draft is only left when the window locked and the program then ended without unlocking;
    the newest one is handed back (a lock keeps one). Drafts are removed once handed back, and
    the evidence itself was saved as it was typed, so nothing here repairs anything: it says
    what was being worked on, so the user can carry on where they were.
    """
    crashed = notebook.recovered_after_crash
    with notebook.unit_of_work() as uow:
        kept = [Draft(*row) for row in uow.drafts.take_all()]
        if kept:
            draft = kept[-1]
            note = uow.notes.get(draft.note_id)
            uow.commit()
            return Recovery(crashed, note, draft)
        if not crashed:
            return Recovery(False)
        note = uow.notes.latest_edited(since=notebook.marker.previous_run_since)
    return Recovery(True, note)
