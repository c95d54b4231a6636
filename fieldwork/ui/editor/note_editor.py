"""The note editor: ready to type at once, autosaved, with a visible saved state."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.errors import FieldworkError, StorageFull
from fieldwork.domain.evidence import Note, NoteDraft, Tag
from fieldwork.domain.ids import ActivityId, CaseId, NoteId, new_id
from fieldwork.services.notes import SaveResult, save_note
from fieldwork.services.privacy_guard import keep_as_written
from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.editor.autosave import AutosaveTimer
from fieldwork.ui.editor.banner import Banner, Tone
from fieldwork.ui.editor.emphasis_highlighter import EmphasisHighlighter
from fieldwork.ui.editor.note_text import NoteText
from fieldwork.ui.editor.privacy_banner import PrivacyBanner
from fieldwork.ui.editor.save_state_label import SaveStateLabel
from fieldwork.ui.unsaved_typing import (
    CLOSE_QUESTION,
    LOCK_QUESTION,
    ask_before_losing,
)

RETRY_MS = 3000
DISK_FULL = "The disk is full: your note is kept here and will be saved when space is freed."
DISK_FULL_EARLIER = (
    "The disk is full: a note you moved away from is kept in memory and will be saved when "
    "space is freed. Free some space before closing Fieldwork."
)
UNEXPECTED = (
    "Not saved: something went wrong inside Fieldwork. Your note is kept here, and saving "
    "will be tried again in a few seconds."
)


class NoteEditor(QWidget):
    """Edits one note at a time; every change is saved within about a second."""

    saved = Signal(object)  # SaveResult, after the latest revision reached the notebook
    note_started = Signal(object)  # the NoteDraft now being edited
    retry_ms = RETRY_MS  # how soon a save that found the disk full is tried again

    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.draft = NoteDraft(id=NoteId(new_id()), text="")
        self._revision = 0  # bumped on every change
        self._saved_revision = 0
        self._in_notebook = False  # whether this note has been saved at least once
        # Notes the user moved away from whose last save failed (a full disk): kept in memory
        # and saved by the retry timer, so switching note never drops unsaved words.
        self._orphans: dict[str, NoteDraft] = {}
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setAccessibleName("Note details")
        self.status = SaveStateLabel("New note")
        self.status.setAccessibleName("Save state")
        self.text = NoteText()
        self.text.setAccessibleName("Note text")
        self.text.setPlaceholderText(
            "Type the note. *bold* and _italic_ work; tags come from Ctrl+T."
        )
        self.text.setTabChangesFocus(True)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.text.setFont(QFont(font))
        self._highlighter = EmphasisHighlighter(self.text.document(), self.palette())
        # Banners, top to bottom: what went wrong saving; what was recovered or refused; the
        # privacy guard. None is modal and none takes the focus from the text.
        self.problem = Banner("Save problem")
        self.notice = Banner("Notice", dismissible=True)
        self.privacy = PrivacyBanner(self.text)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        for banner in (self.problem, self.notice, self.privacy):
            layout.addWidget(banner)
        layout.addWidget(self.text, 1)
        self.autosave = AutosaveTimer(self)
        self.autosave.due.connect(self.save_now)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._retry_due)
        self.text.textChanged.connect(self._changed)
        self.text.paste_refused.connect(lambda message: self.show_notice(message, "error"))
        self.text.paste_cleaned.connect(self.show_notice)
        self.privacy.keep_requested.connect(self._keep_as_written)
        self.privacy.replaced.connect(self.flush)

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
        # A copy kept in memory because the disk was full is newer than the notebook's.
        orphan = self._orphans.pop(note.id, None)
        self._start(orphan or NoteDraft.of(note), in_notebook=True)
        self._show_saved(note.edited_at)
        if orphan is not None:
            self._mark_changed()

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

    @property
    def unsaved_problem(self) -> bool:
        """Typing that could not be saved yet (a full disk): closing now would lose it."""
        return bool(self._orphans) or (self.dirty and not self.problem.isHidden())

    def may_close(self) -> bool:
        """Before the window closes: with typing the disk had no room for, ask first."""
        if not self.unsaved_problem:
            return True
        return ask_before_losing(self, CLOSE_QUESTION, "Keep Fieldwork open", "Close and lose it")

    def may_lock(self) -> bool:
        """Before Ctrl+L locks: with typing the disk had no room for, say where it will be."""
        if not self.unsaved_problem:
            return True
        return ask_before_losing(self, LOCK_QUESTION, "Stay unlocked", "Lock anyway")

    def unsaved_drafts(self) -> list[NoteDraft]:
        """What has not reached the notebook: notes moved away from, then the one on screen."""
        drafts = list(self._orphans.values())
        if self.dirty:
            drafts.append(replace(self.draft, text=self.text.toPlainText()))
        return drafts

    def hold_unsaved(self, drafts: tuple[NoteDraft, ...]) -> None:
        """After unlocking: notes the disk had no room for, saved by the retries as before."""
        for draft in drafts:
            self._orphans[draft.id] = draft
        if self._orphans:
            self._retry.start(self.retry_ms)
            self._show_problems()

    def show_notice(self, message: str, tone: Tone = "info") -> None:
        """Tell the user something (what was recovered, a refused paste) without stopping them."""
        self.notice.show_text(message, tone)

    # --- saving ----------------------------------------------------------------------
    def _start(self, draft: NoteDraft, *, in_notebook: bool) -> None:
        self.autosave.stop()
        if not self._orphans:  # else the retries go on for the notes left behind
            self._retry.stop()
        self.draft = draft
        self._in_notebook = in_notebook
        self.text.blockSignals(True)
        self.text.setPlainText(draft.text)
        self.text.blockSignals(False)
        self.text.document().clearUndoRedoStacks()
        self._revision = self._saved_revision = 0
        self.privacy.reset(draft.id)
        self.notice.hide()
        self._show_problems()
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
        self._in_notebook = True
        self.status.setText("Saving…")
        self._submit(draft, self._revision)

    def _submit(self, draft: NoteDraft, revision: int) -> None:
        self.ctx.write(
            lambda nb: save_note(nb, draft),
            lambda result: self._saved(result, revision, draft),
            coalesce=f"note:{draft.id}",
            failed=lambda error: self._failed(error, draft),
        )

    def _saved(self, result: SaveResult, revision: int, draft: NoteDraft) -> None:
        if draft.id != self.draft.id:
            # An earlier note finished saving after the user moved on (perhaps on a retry).
            if self._orphans.get(draft.id) is draft:
                del self._orphans[draft.id]
                self._show_problems()
            self.saved.emit(result)
            return
        if revision >= self._revision:
            # The text on screen is the text just saved, so the privacy guard's offsets fit it.
            self._saved_revision = revision
            if result.stored_text is not None:
                self._adopt(result.stored_text)
            self._show_saved(result.saved.edited_at)
            if result.text_changed:
                self.status.setText(self.status.text() + " (invisible control characters removed)")
            self.privacy.show_findings(draft.id, result.findings, result.case_reference)
            self._show_problems()
        self.saved.emit(result)

    def _adopt(self, stored: str) -> None:
        """Show the text as stored (cleaning removed something), keeping the cursor near."""
        position = self.text.textCursor().position()
        self.text.blockSignals(True)
        self.text.setPlainText(stored)
        self.text.blockSignals(False)
        cursor = self.text.textCursor()
        cursor.setPosition(min(position, len(stored)))
        self.text.setTextCursor(cursor)
        self.draft = replace(self.draft, text=stored)

    def _show_saved(self, when: datetime) -> None:
        self.status.setText(f"Saved {when.astimezone():%H:%M:%S}")

    def _failed(self, error: BaseException, draft: NoteDraft) -> None:
        retry = isinstance(error, StorageFull) or not isinstance(error, FieldworkError)
        if draft.id != self.draft.id:
            if retry:  # the user moved on: keep the words and try again with the retry timer
                self._orphans[draft.id] = draft
                self._retry.start(self.retry_ms)
                self._show_problems()
            return
        self.status.setText("Not saved")
        if isinstance(error, StorageFull):
            self.problem.show_text(DISK_FULL, "error")
        elif isinstance(error, FieldworkError):
            self.problem.show_text(f"Not saved: {error}", "error")  # e.g. a note too long
        else:
            self.problem.show_text(UNEXPECTED, "error")
        if retry:
            self._retry.start(self.retry_ms)

    def _retry_due(self) -> None:
        for draft in list(self._orphans.values()):
            self._submit(draft, 0)
        if self.dirty:
            self.autosave.stop()
            self.save_now()

    def _show_problems(self) -> None:
        """After a save went through: the banner shows only what is still unsaved."""
        if self._orphans:
            self.problem.show_text(DISK_FULL_EARLIER, "error")
        else:
            self.problem.hide()

    def _keep_as_written(self, note_id: str, fingerprints: tuple[str, ...]) -> None:
        def failed(error: BaseException) -> None:
            message = str(error) if isinstance(error, FieldworkError) else "Something went wrong."
            self.show_notice(f"Keep as written was not recorded: {message}", "error")

        self.ctx.write(lambda nb: keep_as_written(nb, note_id, fingerprints), failed=failed)

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
        self._orphans.clear()
        self.privacy.reset()
        for banner in (self.problem, self.notice):
            banner.hide()

    def restore(self, draft: NoteDraft, text: str, cursor: int, *, in_notebook: bool) -> None:
        """After unlocking: the note as it was, unsaved typing and cursor included."""
        self._start(replace(draft, text=text), in_notebook=in_notebook)
        moved = self.text.textCursor()
        moved.setPosition(min(cursor, len(text)))
        self.text.setTextCursor(moved)
        if text != draft.text or not in_notebook:
            self._mark_changed()
