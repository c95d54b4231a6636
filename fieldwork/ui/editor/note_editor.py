"""The note editor: ready to type at once, autosaved, with a visible saved state."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from fieldwork.domain.errors import FieldworkError, StorageFull
from fieldwork.domain.evidence import Note, NoteDraft, Tag
from fieldwork.domain.ids import ActivityId, CaseId, NoteId, new_id
from fieldwork.services.notes import SaveResult, save_note
from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.editor.autosave import AutosaveTimer
from fieldwork.ui.editor.emphasis_highlighter import EmphasisHighlighter

RETRY_MS = 5000


class NoteEditor(QWidget):
    """Edits one note at a time; every change is saved within about a second."""

    saved = Signal(object)  # SaveResult, after the latest revision reached the notebook
    note_started = Signal(object)  # the NoteDraft now being edited

    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.draft = NoteDraft(id=NoteId(new_id()), text="")
        self._revision = 0  # bumped on every change
        self._saved_revision = 0
        self._in_notebook = False  # whether this note has been saved at least once
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setAccessibleName("Note details")
        self.status = QLabel("New note")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName("Save state")
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Note text")
        self.text.setPlaceholderText(
            "Type the note. *bold* and _italic_ work; tags come from Ctrl+T."
        )
        self.text.setTabChangesFocus(True)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.text.setFont(QFont(font))
        self._highlighter = EmphasisHighlighter(self.text.document(), self.palette())
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        self.autosave = AutosaveTimer(self)
        self.autosave.due.connect(self.save_now)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.save_now)
        self.text.textChanged.connect(self._changed)

    # --- what the user does ----------------------------------------------------------
    def new_note(
        self, activity_id: ActivityId | None = None, case_ids: tuple[CaseId, ...] = ()
    ) -> None:
        """Start a fresh note, pre-filled with the running activity, its cases and the time."""
        self.flush()
        self._start(
            NoteDraft(
                id=NoteId(new_id()),
                text="",
                activity_id=activity_id,
                case_ids=case_ids,
                author=self.ctx.notebook.actor,
                created_at=datetime.now(UTC),
            ),
            in_notebook=False,
        )
        self.text.setFocus()

    def load_note(self, note: Note) -> None:
        """Show a saved note for editing (flushing the one being typed first)."""
        if note.id == self.draft.id:
            return
        self.flush()
        self._start(
            NoteDraft(
                id=note.id,
                text=note.text,
                activity_id=note.activity_id,
                case_ids=note.case_ids,
                tags=note.tags,
                author=note.author,
                reviewed=note.reviewed,
                created_at=note.created_at,
            ),
            in_notebook=True,
        )
        self._show_saved(note.edited_at)

    def set_tags(self, tags: tuple[Tag, ...]) -> None:
        self.draft = replace(self.draft, tags=tags)
        self._mark_changed()

    def set_cases(self, case_ids: tuple[CaseId, ...]) -> None:
        self.draft = replace(self.draft, case_ids=case_ids)
        self._mark_changed()

    def set_reviewed(self, reviewed: bool) -> None:
        self.draft = replace(self.draft, reviewed=reviewed)
        self._mark_changed()

    @property
    def dirty(self) -> bool:
        return self._revision != self._saved_revision

    def flush(self) -> None:
        """Save now if anything is unsaved (switching note, locking, closing)."""
        if self.dirty:
            self.autosave.stop()
            self.save_now()

    # --- saving ----------------------------------------------------------------------
    def _start(self, draft: NoteDraft, *, in_notebook: bool) -> None:
        self.autosave.stop()
        self._retry.stop()
        self.draft = draft
        self._in_notebook = in_notebook
        self.text.blockSignals(True)
        self.text.setPlainText(draft.text)
        self.text.blockSignals(False)
        self.text.document().clearUndoRedoStacks()
        self._revision = self._saved_revision = 0
        when = (draft.created_at or datetime.now(UTC)).astimezone()
        self.heading.setText(f"Note of {when:%a %d %b %H:%M}")
        self.status.setText("Saved" if in_notebook else "New note")
        self.note_started.emit(draft)

    def _changed(self) -> None:
        self.draft = replace(self.draft, text=self.text.toPlainText())
        self._mark_changed()

    def _mark_changed(self) -> None:
        self._revision += 1
        self.status.setText("Editing…")
        self.autosave.changed()

    def save_now(self) -> None:
        draft = self.draft
        if not self._in_notebook and not draft.text.strip() and not draft.tags:
            self._saved_revision = self._revision  # nothing worth keeping yet
            return
        revision = self._revision
        self._in_notebook = True
        self.status.setText("Saving…")
        self.ctx.write(
            lambda nb: save_note(nb, draft),
            lambda result: self._saved(result, revision, draft.id),
            coalesce=f"note:{draft.id}",
            failed=lambda error: self._failed(error, draft.id),
        )

    def _saved(self, result: SaveResult, revision: int, note_id: str) -> None:
        if note_id != self.draft.id:
            self.saved.emit(result)  # an earlier note finished saving after the user moved on
            return
        if revision >= self._revision:
            self._saved_revision = revision
            self._show_saved(result.saved.edited_at)
            if result.text_changed:
                self.status.setText(self.status.text() + " (invisible control characters removed)")
        self.saved.emit(result)

    def _show_saved(self, when: datetime) -> None:
        self.status.setText(f"Saved {when.astimezone():%H:%M:%S}")

    def _failed(self, error: BaseException, note_id: str) -> None:
        if note_id != self.draft.id:
            return
        if isinstance(error, StorageFull):
            self.status.setText("Not saved: the disk is full. Your text is kept here; retrying…")
            self._retry.start()
        elif isinstance(error, FieldworkError):
            self.status.setText(f"Not saved: {error}")
        else:
            self.status.setText(
                "Not saved: something went wrong. Your text is kept here; retrying…"
            )
            self._retry.start()

    # --- lock ------------------------------------------------------------------------
    def cursor_position(self) -> int:
        return self.text.textCursor().position()

    def clear_for_lock(self) -> None:
        """Forget the text and its undo history (it may hold words the privacy guard replaced)."""
        self.autosave.stop()
        self._retry.stop()
        self.text.blockSignals(True)
        self.text.clear()
        self.text.document().clearUndoRedoStacks()
        self.text.blockSignals(False)
        self.draft = NoteDraft(id=NoteId(new_id()), text="")
        self._revision = self._saved_revision = 0

    def restore(self, draft: NoteDraft, text: str, cursor: int, *, in_notebook: bool) -> None:
        """After unlocking: the note as it was, unsaved typing and cursor included."""
        self._start(replace(draft, text=text), in_notebook=in_notebook)
        moved = self.text.textCursor()
        moved.setPosition(min(cursor, len(text)))
        self.text.setTextCursor(moved)
        if text != draft.text or not in_notebook:
            self._mark_changed()
