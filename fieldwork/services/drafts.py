"""Unsaved editor text kept inside the encrypted notebook while the window is locked."""

from __future__ import annotations

from dataclasses import dataclass

from fieldwork.services.notebook import Notebook


@dataclass(frozen=True, slots=True)
class Draft:
    note_id: str
    text: str
    cursor: int


def keep_draft(notebook: Notebook, draft: Draft) -> None:
    """Store (or replace) the draft of one note; it never touches evidence or history."""
    with notebook.unit_of_work() as uow:
        uow.drafts.keep(draft.note_id, draft.text, draft.cursor, uow.now)
        uow.commit()


def take_drafts(notebook: Notebook) -> list[Draft]:
    """Every kept draft, removed from the notebook as it is handed back."""
    with notebook.unit_of_work() as uow:
        drafts = [Draft(*row) for row in uow.drafts.take_all()]
        uow.commit()
    return drafts
