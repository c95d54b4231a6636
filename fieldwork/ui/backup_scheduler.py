"""Automatic backups of the open notebook: on open, every N minutes of changes, on lock and close.

Open and while working run on the `job` lane, so typing never waits. Lock and close run inside
the session's own shutdown on the `write` lane, after the last save and before the key is
zeroed, so the backup holds everything saved. A failure (the drive pulled out, a full disk) is
shown without blocking and nothing is lost: the notebook itself is untouched and the next
attempt comes on the next tick. A damaged notebook stops automatic backups (they could only
fail) and raises the offer to restore.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from fieldwork.domain.errors import Cancelled, FieldworkError, NotebookDamaged
from fieldwork.runtime.preferences import Preferences
from fieldwork.ui.error_display import message_for
from fieldwork.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from fieldwork.domain.backups import BackupOutcome, NotebookHealth
    from fieldwork.services.notebook import Notebook

MINUTE_MS = 60_000


class BackupScheduler(QObject):
    backed_up = Signal(str)  # "Backed up 14:02", for the status bar
    failed = Signal(str)  # a sentence; shown without blocking
    health_problem = Signal(object)  # NotebookHealth: damaged, or a backup holds more

    def __init__(
        self, tasks: TaskRunner, preferences: Callable[[], Preferences], parent: QObject
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.preferences = preferences
        self.notebook: Notebook | None = None
        self.suspended = False  # the notebook is damaged: backups could only fail
        self.running = False
        self.last_text = ""
        self.timer = QTimer(self)
        self.timer.timeout.connect(lambda: self.run("interval"))

    # --- the open notebook -----------------------------------------------------------
    def start(self, notebook: Notebook) -> None:
        """After opening: a quick health check, then the backup on open (or a page check)."""
        from fieldwork.services.backups import check_health

        self.notebook = notebook
        self.suspended = False
        self.running = False
        prefs = self.preferences()
        self.timer.start(max(1, prefs.backup_interval_minutes) * MINUTE_MS)
        self.tasks.write(
            lambda: check_health(notebook, preferences=prefs, scan=False),
            lambda health: self._checked(notebook, health, then_back_up=True),
            lambda error: self._check_failed(notebook, error),
        )

    def stop(self) -> None:
        self.timer.stop()
        self.notebook = None
        self.running = False

    def run(self, reason: str) -> None:
        """An automatic backup on the job lane, if one is due (`manual` always makes one)."""
        from fieldwork.services.backups import back_up_if_due

        notebook = self.notebook
        if notebook is None or self.suspended or self.running:
            return
        self.running = True
        prefs = self.preferences()
        self.tasks.job(
            lambda token: back_up_if_due(notebook, reason, preferences=prefs, cancel=token),
            lambda outcome: self._done(notebook, reason, outcome),
            lambda error: self._failed(notebook, error),
        )

    def back_up_now(self) -> None:
        self.run("manual")

    # --- results, on the GUI thread -------------------------------------------------------
    def _done(self, notebook: Notebook, reason: str, outcome: BackupOutcome) -> None:
        if notebook is not self.notebook:
            return
        self.running = False
        if outcome.status_text:
            self.last_text = outcome.status_text
            self.backed_up.emit(self.last_text)
        if outcome.entry is None and reason == "open":
            self._check_pages(notebook)  # nothing to copy, so read every page instead

    def _failed(self, notebook: Notebook, error: BaseException) -> None:
        if notebook is not self.notebook:
            return
        self.running = False
        if isinstance(error, Cancelled):
            return
        if isinstance(error, NotebookDamaged):
            self.suspended = True
            self._check_pages(notebook)
            return
        self.failed.emit(f"Not backed up: {message_for(error)}")

    def _check_pages(self, notebook: Notebook) -> None:
        from fieldwork.services.backups import check_health

        prefs = self.preferences()
        # The write lane: no checkpoint can change the file while it is read page by page.
        self.tasks.write(
            lambda: check_health(notebook, preferences=prefs, scan=True),
            lambda health: self._checked(notebook, health, then_back_up=False),
            lambda error: self._check_failed(notebook, error),
        )

    def _checked(self, notebook: Notebook, health: NotebookHealth, *, then_back_up: bool) -> None:
        if notebook is not self.notebook:
            return
        if health.damaged:
            self.suspended = True
        if health.problem:
            self.health_problem.emit(health)
        if then_back_up and not health.damaged:
            self.run("open")

    def _check_failed(self, notebook: Notebook, error: BaseException) -> None:
        if notebook is self.notebook and isinstance(error, FieldworkError):
            self.failed.emit(f"The notebook could not be checked: {error}")

    # --- lock and close: on the write lane, inside the session's shutdown ------------------
    def final_backup(self, notebook: Notebook, reason: str) -> Any:
        """Runs on the write lane before the notebook closes; returns the outcome or the error.

        Never raises: a failed backup must not stop the notebook closing and its key being
        zeroed.
        """
        from fieldwork.services.backups import back_up_if_due

        if self.suspended:
            return None
        try:
            return back_up_if_due(notebook, reason, preferences=self.preferences())
        except Exception as error:  # reported on the GUI thread by final_done
            return error

    def final_done(self, result: Any) -> None:
        if isinstance(result, BaseException):
            if not isinstance(result, Cancelled):
                self.failed.emit(f"Not backed up on closing: {message_for(result)}")
        elif result is not None and result.entry is not None:
            self.last_text = result.status_text
            self.backed_up.emit(self.last_text)


def connect_backup_status(window: Any, session: Any, scheduler: BackupScheduler) -> None:
    """Wire the scheduler to the session and show its state quietly in the status bar."""
    from PySide6.QtWidgets import QLabel

    from fieldwork.domain.errors import NotebookDamaged

    label = QLabel("")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAccessibleName("Backup status")
    window.statusBar().addPermanentWidget(label)
    label.hide()  # it speaks of the open notebook: shown only while one is
    window.backup_status = label
    session.final_backup = scheduler.final_backup
    session.final_backup_done = scheduler.final_done
    held: list[str] = []  # a failure while locked, told once the notebook is open again

    def opened(ctx: Any) -> None:
        label.clear()  # not the last notebook's time: this one's backup on open says its own
        label.setToolTip("")
        label.show()
        scheduler.start(ctx.notebook)
        if held:
            window.statusBar().showMessage(held.pop(), 30_000)

    def not_open(*, locked: bool) -> None:
        scheduler.stop()
        label.hide()
        label.clear()
        label.setToolTip("")
        if locked:
            window.statusBar().clearMessage()  # the lock screen shows no activity
        elif held:
            window.statusBar().showMessage(held.pop(), 30_000)  # it was this notebook's

    session.opened.connect(opened)
    session.locked.connect(lambda _message: not_open(locked=True))
    session.closed.connect(lambda: not_open(locked=False))

    def is_locked() -> bool:
        return session.ctx is None and session.path is not None

    def backed_up(text: str) -> None:
        if session.ctx is None:
            return  # the backup on lock or close: nothing to show it beside
        label.setText(text)
        label.setToolTip("The latest verified, encrypted backup of this notebook.")

    def failed(text: str) -> None:
        if is_locked():
            held[:] = [text]
            return
        if session.ctx is not None:
            label.setText("Not backed up")
            label.setToolTip(text)
        window.statusBar().showMessage(text, 30_000)  # after closing, on the start page

    def problem(health: NotebookHealth) -> None:
        from fieldwork.ui.dialogs.restore_dialog import offer_restore, tell

        folder = session.path
        if health.damaged and folder is not None:
            label.setText("Not backed up: damaged")

            def open_restored(path: Any) -> None:
                window.close_notebook()
                session.open_folder(path)

            error = NotebookDamaged(health.problem)
            offer_restore(window, scheduler.tasks, folder, error, open_restored)
        else:
            tell(window, "Check this notebook", str(health.problem))

    scheduler.backed_up.connect(backed_up)
    scheduler.failed.connect(failed)
    scheduler.health_problem.connect(problem)
