"""Opening, creating, locking and closing the notebook from the window, on the task runner."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from fieldwork.runtime.paths import folders
from fieldwork.runtime.preferences import Preferences, save_preferences
from fieldwork.ui.error_display import message_for, show_error
from fieldwork.ui.tasks import TaskRunner

# Services (and the framework loader behind them) are imported when first used, not before the
# window's first paint: start-up is budgeted at twice a bare Qt window.
if TYPE_CHECKING:
    from fieldwork.domain.evidence import NoteDraft
    from fieldwork.services import drafts as draft_service
    from fieldwork.services.notebook import Notebook
    from fieldwork.ui.context import WorkspaceContext

# The demo is synthetic and lives in Fieldwork's own data folder; its passphrase is no secret.
DEMO_PASSPHRASE = "demonstration only"


class NotebookSession(QObject):
    opened = Signal(object)  # WorkspaceContext
    locked = Signal(str)  # message for the lock screen
    closed = Signal()
    busy = Signal(str)  # a status message while something slow happens

    def __init__(self, window: QWidget, tasks: TaskRunner, preferences: Preferences) -> None:
        super().__init__(window)
        self.window = window
        self.tasks = tasks
        self.preferences = preferences
        self.path: Path | None = None
        self.ctx: WorkspaceContext | None = None
        self.held_draft: NoteDraft | None = (
            None  # ids and tags only while locked; text is in the notebook
        )
        self.held_in_notebook = False
        self._dialog: Any = None
        # Set by the window's backup scheduler: a backup on the write lane before closing.
        self.final_backup: Any = None
        self.final_backup_done: Any = None

    # --- opening ---------------------------------------------------------------------
    def open_folder(self, path: Path | str) -> None:
        from fieldwork.services.opening import open_notebook

        folder = Path(path)
        self.busy.emit("Opening the notebook…")
        self.tasks.write(
            lambda: open_notebook(folder),
            lambda nb: self._opened(nb, folder),
            lambda e: self._open_failed(e, folder),
        )

    def _open_failed(self, error: BaseException, folder: Path) -> None:
        from fieldwork.services.opening import PassphraseNeeded

        self.busy.emit("")
        if isinstance(error, PassphraseNeeded):
            self.ask_passphrase(folder, "")
        elif not self._offer_restore(error, folder):
            show_error(self.window, error, "Could not open the notebook")

    def _offer_restore(self, error: BaseException, folder: Path) -> bool:
        """A damaged notebook or key file: offer the latest good backup instead of a bare error."""
        from fieldwork.ui.dialogs.restore_dialog import offer_restore, offers_restore

        if not offers_restore(error):
            return False
        offer_restore(self.window, self.tasks, folder, error, self.open_folder)
        return True

    def ask_passphrase(self, folder: Path, reason: str) -> None:
        from fieldwork.services.opening import open_notebook
        from fieldwork.ui.screens.unlock_dialog import UnlockDialog

        dialog = UnlockDialog(folder.name, reason)
        self._dialog = dialog

        def opened(notebook: Notebook) -> None:
            dialog.accept()
            self._opened(notebook, folder)

        def refused(error: BaseException) -> None:
            dialog.show_busy(False)
            if self._offer_restore(error, folder):
                dialog.reject()
                return
            dialog.show_error(message_for(error))

        def attempt(passphrase: str, code: str) -> None:
            dialog.show_busy(True)
            self.tasks.write(
                lambda: open_notebook(
                    folder,
                    passphrase=passphrase or None,
                    recovery_code=code or None,
                    use_keyring=False,
                ),
                opened,
                refused,
            )

        dialog.unlock_requested.connect(attempt)
        dialog.open()

    def create(self, values: Any) -> None:
        from fieldwork.services.opening import create_notebook, remember_on_this_computer

        self.busy.emit("Creating the encrypted notebook…")

        def work() -> Any:
            created = create_notebook(
                values.folder,
                values.inspection,
                values.passphrase,
                recovery_code=values.recovery_code,
            )
            problem = remember_on_this_computer(created.notebook) if values.remember else None
            return created, problem

        def done(result: Any) -> None:
            created, problem = result
            if created.recovery_code:
                from fieldwork.ui.screens.recovery_code_dialog import RecoveryCodeDialog

                RecoveryCodeDialog(created.recovery_code, self.window).exec()
            self._opened(created.notebook, Path(values.folder))
            if problem:
                self.busy.emit(f"Not remembered on this computer: {problem}")

        def failed(error: BaseException) -> None:
            self.busy.emit("")
            show_error(self.window, error, "Could not create the notebook")

        self.tasks.write(work, done, failed)

    def open_demo(self) -> None:
        from fieldwork.services.demo_notebook import create_demo_notebook
        from fieldwork.services.opening import open_notebook

        folder = folders().demo_notebook
        if folder.exists():
            self.busy.emit("Opening the demo inspection…")
            self.tasks.write(
                lambda: open_notebook(folder, passphrase=DEMO_PASSPHRASE),
                lambda nb: self._opened(nb, folder),
                lambda e: show_error(self.window, e),
            )
            return
        self.busy.emit("Writing the demo inspection (600 synthetic notes)…")
        self.tasks.write(
            lambda: create_demo_notebook(folder, DEMO_PASSPHRASE).notebook,
            lambda nb: self._opened(nb, folder),
            lambda e: show_error(self.window, e, "Could not create the demo"),
        )

    def _opened(self, notebook: Notebook, folder: Path) -> None:
        from fieldwork.ui.context import WorkspaceContext

        notebook.forbid_thread(threading.main_thread())
        self.path = folder
        self.ctx = WorkspaceContext(self.tasks, notebook)
        self.preferences = self.preferences.with_recent(folder)
        save_preferences(self.preferences)
        self.busy.emit("")
        self.opened.emit(self.ctx)

    # --- locking and closing ---------------------------------------------------------------
    def lock(self, editor: Any, message: str = "Fieldwork is locked.") -> None:
        """Hide at once; keep the unsaved draft inside the notebook; close it and drop the key."""
        if self.ctx is None:
            return
        from fieldwork.services import drafts as draft_service

        notebook = self.ctx.notebook
        draft = replace(editor.draft, text=editor.text.toPlainText())
        keep = editor.dirty or (bool(draft.text.strip()) and not editor._in_notebook)
        cursor = editor.cursor_position()
        self.held_draft = replace(draft, text="")
        self.held_in_notebook = editor._in_notebook
        editor.clear_for_lock()
        self.ctx.closed = True
        self.locked.emit(message)  # the lock screen paints before any disk work
        self.ctx = None

        def shut() -> Any:
            if keep:
                draft_service.keep_draft(
                    notebook, draft_service.Draft(draft.id, draft.text, cursor)
                )
            backup = self.final_backup(notebook, "lock") if self.final_backup else None
            notebook.release_thread()
            notebook.close()
            return backup

        self._release_lanes(notebook)
        self.tasks.write(
            shut, self.final_backup_done, lambda e: show_error(self.window, e, "Locking")
        )

    def close(self, editor: Any | None) -> None:
        if self.ctx is None:
            self.closed.emit()
            return
        if editor is not None:
            editor.flush()
        notebook = self.ctx.notebook
        self.ctx.closed = True
        self.ctx = None
        self.path = None
        self._release_lanes(notebook)

        def shut() -> Any:
            backup = self.final_backup(notebook, "close") if self.final_backup else None
            notebook.release_thread()
            notebook.close()
            return backup

        self.tasks.write(shut, self.final_backup_done, lambda e: show_error(self.window, e))
        self.closed.emit()

    def _release_lanes(self, notebook: Notebook) -> None:
        # Each lane closes its own connection (SQLite connections belong to their thread);
        # the write lane closes last, after any queued save.
        if self.tasks.job_token is not None:
            self.tasks.job_token.cancel()
        self.tasks.read(notebook.release_thread, at_close=True)
        self.tasks.job(lambda _token: notebook.release_thread(), at_close=True)

    def restore_drafts(self, editor: Any) -> None:
        """After unlocking: put back the note being typed, with its cursor."""
        from fieldwork.services import drafts as draft_service

        held = self.held_draft
        if self.ctx is None:
            return
        if held is None:  # opened, not unlocked: give back what an earlier run left, and say so
            from fieldwork.ui.editor.recovery import recover

            recover(self.ctx, editor)
            return
        self.held_draft = None

        def done(kept: list[draft_service.Draft]) -> None:
            for draft in kept:
                if draft.note_id == held.id:
                    editor.restore(
                        held, draft.text, draft.cursor, in_notebook=self.held_in_notebook
                    )
                    return
            if self.held_in_notebook:
                from fieldwork.services.notes import get_note

                if self.ctx is not None:
                    self.ctx.read(
                        lambda nb: get_note(nb, held.id), lambda note: _load(editor, note)
                    )

        self.ctx.write(draft_service.take_drafts, done)


def _load(editor: Any, note: Any) -> None:
    if note is not None:
        editor.load_note(note)
