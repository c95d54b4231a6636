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
    from fieldwork.services.held_typing import HeldTyping
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
        # Typing the disk had no room for when it locked: sealed (held_typing.py), with the other
        # notes' ids and tags; given back on unlocking.
        self.held_typing: HeldTyping | None = None
        self.held_others: tuple[NoteDraft, ...] = ()
        self.held_lost = False
        self._dialog: Any = None
        # Set by the window's backup scheduler: a backup on the write lane before closing.
        self.final_backup: Any = None
        self.final_backup_done: Any = None

    # --- opening ---------------------------------------------------------------------
    def open_folder(self, path: Path | str) -> None:
        from fieldwork.services.opening import open_notebook

        folder = Path(path)
        if not self._may_leave_held(folder):
            return
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

        if not self._may_leave_held(Path(values.folder)):
            return
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
        if not self._may_leave_held(folder):
            return
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
    def lock(self, editor: Any, reason: str = "") -> None:
        """Hide at once; keep the typing (lock_keeping.py); close the notebook, zero the key."""
        if self.ctx is None:
            return
        from fieldwork.services.drafts import Draft
        from fieldwork.ui.lock_keeping import lock_message, shut_for_lock

        notebook, final_backup = self.ctx.notebook, self.final_backup
        draft = replace(editor.draft, text=editor.text.toPlainText())
        keep = editor.dirty or (bool(draft.text.strip()) and not editor._in_notebook)
        cursor = editor.cursor_position()
        # Typing the disk had no room for: the notebook cannot take it, memory (sealed) can.
        unsaved = editor.unsaved_drafts() if editor.unsaved_problem else []
        texts = [Draft(d.id, d.text, cursor if d.id == draft.id else 0) for d in unsaved]
        self.held_draft = replace(draft, text="")
        self.held_others = tuple(replace(d, text="") for d in unsaved if d.id != draft.id)
        self.held_in_notebook = editor._in_notebook
        editor.clear_for_lock()
        self.ctx.closed = True
        self.locked.emit(lock_message(reason, holding=bool(texts)))  # before any disk work
        self.ctx = None
        keeping = Draft(draft.id, draft.text, cursor) if keep else None

        def done(out: Any) -> None:
            self.held_typing, self.held_lost = out.held, out.lost
            if (message := out.message(reason)) is not None:
                self.locked.emit(message)
            if self.final_backup_done is not None:
                self.final_backup_done(out.backup)
            if out.error is not None:
                show_error(self.window, out.error, "Locking")

        self._release_lanes(notebook)
        self.tasks.write(
            lambda: shut_for_lock(notebook, keeping, texts, final_backup),
            done,
            lambda e: show_error(self.window, e, "Locking"),
        )

    def may_quit(self, question: str = "", answers: tuple[str, str] | None = None) -> bool:
        """Typing is held for the locked notebook: leaving it (quitting, opening another) loses it."""
        if self.held_typing is None:
            return True
        from fieldwork.ui.unsaved_typing import QUIT_LOCKED_QUESTION, ask_before_losing

        keep, go = answers or ("Keep Fieldwork open", "Close and lose it")
        if not ask_before_losing(self.window, question or QUIT_LOCKED_QUESTION, keep, go):
            return False
        self.held_typing, self.held_others = None, ()
        return True

    def _may_leave_held(self, folder: Path) -> bool:
        """Opening a notebook while typing is held for the locked one: only that one keeps it."""
        if self.path is not None and folder.resolve() == self.path.resolve():
            return True  # unlocking it
        from fieldwork.ui.unsaved_typing import OPEN_OTHER_QUESTION

        return self.may_quit(OPEN_OTHER_QUESTION, ("Keep it", "Open and lose it"))

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
        from fieldwork.ui.lock_keeping import HELD_BACK, HELD_LOST, take_back

        held = self.held_draft
        if self.ctx is None:
            return
        if held is None:  # opened, not unlocked: give back what an earlier run left, and say so
            from fieldwork.ui.editor.recovery import recover

            recover(self.ctx, editor)
            return
        self.held_draft = None
        sealed, others, lost = self.held_typing, self.held_others, self.held_lost
        self.held_typing, self.held_others, self.held_lost = None, (), False

        def done(kept: list[Any]) -> None:
            texts = {draft.note_id: draft for draft in kept}
            editor.hold_unsaved(
                tuple(replace(d, text=texts[d.id].text) for d in others if d.id in texts)
            )
            if held.id in texts:
                found = texts[held.id]
                editor.restore(held, found.text, found.cursor, in_notebook=self.held_in_notebook)
            elif self.held_in_notebook:
                from fieldwork.services.notes import get_note

                if self.ctx is not None:
                    self.ctx.read(
                        lambda nb: get_note(nb, held.id), lambda note: _load(editor, note)
                    )
            if sealed is not None or lost:  # after restoring, which hides any earlier notice
                editor.show_notice(HELD_LOST if lost else HELD_BACK, "error" if lost else "info")

        def failed(error: BaseException) -> None:
            if sealed is None:
                show_error(self.window, error)
            else:
                editor.show_notice(HELD_LOST, "error")

        self.ctx.write(lambda nb: take_back(nb, sealed), done, failed=failed)


def _load(editor: Any, note: Any) -> None:
    if note is not None:
        editor.load_note(note)
