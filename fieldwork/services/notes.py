"""Saving, reading and deleting notes: one transaction each, indexed and chained into history."""

from __future__ import annotations

from dataclasses import dataclass

from fieldwork.domain.errors import InputRejected
from fieldwork.domain.evidence import EVALUATIONS, SOURCES, Note, NoteDraft, SavedNote
from fieldwork.domain.text import clean_note_text
from fieldwork.services import privacy_guard
from fieldwork.services.notebook import Notebook
from fieldwork.services.privacy_guard import Flagged


@dataclass(frozen=True, slots=True)
class SaveResult:
    saved: SavedNote
    text_changed: bool  # control characters removed or broken characters replaced
    # The privacy guard: what looks like personal data and was not kept as written (warns,
    # never blocks), with offsets into the stored text; and the note's one case reference.
    findings: tuple[Flagged, ...] = ()
    case_reference: str | None = None
    stored_text: str | None = None  # the text as stored, when cleaning changed it


def _check_tags(notebook: Notebook, draft: NoteDraft) -> None:
    framework = notebook.framework
    for tag in draft.tags:
        if not framework.has(tag.criterion_id):
            raise InputRejected(f"'{tag.criterion_id}' is not a criterion of {framework.title}.")
        if tag.evaluation not in EVALUATIONS:
            raise InputRejected(f"'{tag.evaluation}' is not an evaluation.")
        if tag.source is not None and tag.source not in SOURCES:
            raise InputRejected(f"'{tag.source}' is not a source of evidence.")
        if tag.grade_leaning is not None and tag.grade_leaning not in framework.grades.ids:
            raise InputRejected(f"'{tag.grade_leaning}' is not a grade of {framework.title}.")


def save_note(notebook: Notebook, draft: NoteDraft) -> SaveResult:
    """Save a draft, index it and chain it into history in one transaction."""
    text, changed = clean_note_text(draft.text)
    _check_tags(notebook, draft)
    with notebook.unit_of_work() as uow:
        note, rowid, op, state = uow.notes.save(draft, text, uow.now)
        uow.search.index(rowid, note.text)
        uow.record("note", note.id, op, state)
        # Scanned in the transaction so a "keep as written" cannot slip in between; on the
        # write lane, so typing never waits for it. Findings are returned, never logged.
        findings = privacy_guard.scan_saved(uow, note.id, text)
        reference = privacy_guard.case_reference(uow, note.case_ids) if findings else None
        uow.commit()
    saved = SavedNote(note.id, note.revision, note.edited_at)
    return SaveResult(saved, changed, findings, reference, text if changed else None)


def get_note(notebook: Notebook, note_id: str) -> Note | None:
    with notebook.unit_of_work(read_only=True) as uow:
        return uow.notes.get(note_id)


def delete_note(notebook: Notebook, note_id: str) -> bool:
    """Delete a note; its words are removed from the index and overwritten on the next checkpoint."""
    with notebook.unit_of_work() as uow:
        rowid = uow.notes.delete(note_id)
        if rowid is None:
            return False
        uow.search.remove(rowid)
        uow.record("note", note_id, "delete", {"id": note_id})
        privacy_guard.forget_kept(uow, note_id)
        uow.commit()
    # Old page versions (holding the deleted words) stay in the database file until a checkpoint.
    notebook.checkpoint(truncate=True)
    return True


def count_notes(notebook: Notebook) -> int:
    with notebook.unit_of_work(read_only=True) as uow:
        return uow.notes.count()
