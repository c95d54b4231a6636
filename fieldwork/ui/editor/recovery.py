"""After a notebook opens: give back what the last run left behind, and tell the user what it was."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from fieldwork.domain.evidence import NoteDraft
from fieldwork.domain.ids import NoteId
from fieldwork.services.drafts import Recovery, recover_on_open

if TYPE_CHECKING:
    from fieldwork.ui.context import WorkspaceContext
    from fieldwork.ui.editor.note_editor import NoteEditor

NOT_CLOSED = "Fieldwork was not closed properly last time."


def recover(ctx: WorkspaceContext, editor: NoteEditor) -> None:
    """Ask the notebook (on the write lane: drafts are taken out of it) and show the answer."""
    ctx.write(recover_on_open, lambda found: show_recovery(editor, found))


def show_recovery(editor: NoteEditor, found: Recovery) -> None:
    shown = True
    if found.draft is not None:
        note, draft = found.note, found.draft
        base = (
            NoteDraft(
                note.id,
                note.text,
                note.activity_id,
                note.case_ids,
                note.tags,
                note.author,
                note.reviewed,
                note.created_at,
            )
            if note is not None
            else NoteDraft(NoteId(draft.note_id), "", created_at=draft.kept_at)
        )
        editor.flush()  # anything typed since opening is saved before the draft comes back
        editor.restore(base, draft.text, draft.cursor, in_notebook=note is not None)
    elif found.note is not None and not editor.dirty and not editor.text.toPlainText():
        editor.load_note(found.note)
        editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
        editor.ctx.current_note = found.note
        editor.ctx.current_note_changed.emit(found.note)
    else:
        shown = False  # the user started typing first: the note stays in the list, unswitched
    message = describe(found, shown)
    if message:
        editor.show_notice(message)


def describe(found: Recovery, shown: bool = True) -> str:
    """One or two sentences saying what came back (times only, never the note's words)."""
    when = _when(found.at) if found.at is not None else ""
    if found.draft is not None:
        opening = f"{NOT_CLOSED} " if found.crashed else ""
        return (
            f"{opening}Recovered the unsaved words of the note you were typing when Fieldwork "
            f"locked {when}. They are back in the editor and will be saved."
        )
    if not found.crashed:
        return ""
    if found.note is None:
        return f"{NOT_CLOSED} No note was changed in that session, so nothing needed recovering."
    where = "it is open below" if shown else "it is in the notes list"
    return (
        f"{NOT_CLOSED} Recovered the note you were typing, as last saved {when}; {where}. "
        "Words typed in the last second before Fieldwork stopped may be missing."
    )


def _when(moment: datetime) -> str:
    local = moment.astimezone()
    if local.date() == datetime.now().astimezone().date():
        return f"at {local:%H:%M:%S}"
    return f"on {local:%a %d %b} at {local:%H:%M:%S}"
