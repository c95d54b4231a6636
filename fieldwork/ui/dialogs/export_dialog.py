"""Export the evidence pack: the form, then a cancellable background job, then where it went."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.errors import Cancelled
from fieldwork.domain.pack import PackRequest, PackResult
from fieldwork.domain.progress import CancelToken
from fieldwork.runtime.preferences import Preferences
from fieldwork.services.pack import export_pack
from fieldwork.ui.dialogs.export_form import (
    ExportForm,
    button,
    default_destination,
    hbox,
    named,
    suggest_passphrase,
)
from fieldwork.ui.error_display import message_for
from fieldwork.ui.screens.start_screen import plain_label
from fieldwork.ui.tasks import TaskRunner

__all__ = ["CANCELLED_TEXT", "ExportDialog", "default_destination", "suggest_passphrase"]

CANCELLED_TEXT = "Cancelled — nothing was written."
PROTECTION = (
    "Not encrypted: anyone who gets the file can read it.",
    "Encrypted with AES-256: it opens only with the password; send that by a different route.",
)


class ExportDialog(QDialog):
    """Non-modal, so typing goes on while the job lane writes the pack.

    Closing it while an export runs cancels the export: the dialog hides at once and finishes
    closing (deleting itself, with WA_DeleteOnClose) only once the job has stopped.
    """

    exported = Signal(object)  # PackResult
    cancelled = Signal()
    export_failed = Signal(str)  # the plain message shown
    progressed = Signal(int, int)  # (done, total) from export_pack, a few times a second

    def __init__(
        self, ctx: Any, tasks: TaskRunner, preferences: Preferences, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export evidence pack")  # neutral: never the authority
        self.setAccessibleName("Export evidence pack")
        self.ctx, self.tasks = ctx, tasks
        self.pack_result: PackResult | None = None
        self._token: CancelToken | None = None
        self._closing = False
        self._outcome = ""  # the last export's outcome, shown while the inputs are valid
        self.progressed.connect(self._show_progress)  # emitted on the job lane: runs queued
        self.form = ExportForm(ctx, preferences)  # every input; disabled while the export runs
        self.form.changed.connect(self._refresh)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.form)
        self.summary = named(plain_label(), "The pack written")  # the page shown when done
        self.summary.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.pages.addWidget(self.summary)
        self.status = named(plain_label(), "Export status")
        self.progress = named(QProgressBar(), "Export progress")
        self.export_button = button("&Export", "Export the evidence pack", self._export)
        self.export_button.setDefault(True)
        self.cancel_button = button("&Cancel export", "Cancel the export", self._cancel)
        self.open_folder = button("&Open folder", "Open the folder with the pack", self._open)
        self.close_button = button("Cl&ose", "Close", self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status)
        buttons = (self.export_button, self.cancel_button, self.open_folder, self.close_button)
        layout.addLayout(row := hbox(self.progress, *buttons))
        row.insertStretch(1)  # keeps the buttons their own size while the progress bar is hidden
        self._show_buttons(idle=True)
        self._refresh()
        self.form.first_field().setFocus()

    def _refresh(self) -> None:
        problem = None if self.pack_result else self.form.problem()
        self.export_button.setEnabled(self._token is None and problem is None)
        running = "Writing the evidence pack…" if self._token else ""
        self.status.setText(running or problem or self._outcome)

    def _show_buttons(self, *, idle: bool = False, running: bool = False) -> None:
        self.export_button.setVisible(idle)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.open_folder.setVisible(not idle and not running)
        self.progress.setVisible(running)

    def _export(self) -> None:
        if self._token is not None or self.form.problem() is not None:
            return
        request = self.form.request()
        self.form.destination.setText(str(request.target))
        if request.target.is_file() and not self._replace_ok(request.target):
            return
        self._write(request)

    def _write(self, request: PackRequest) -> None:
        target, notebook, report = request.target, self.ctx.notebook, self.progressed.emit

        def work(token: CancelToken) -> PackResult | None:
            if target.parent == default_destination().parent:  # a chosen folder must exist
                target.parent.mkdir(parents=True, exist_ok=True)
            try:
                return export_pack(notebook, request, progress=report, cancel=token)
            except Cancelled:
                return None  # the runner drops Cancelled silently; this dialog must hear of it

        self._outcome = ""
        self.form.setEnabled(False)
        self._show_buttons(running=True)
        self.progress.setRange(0, 0)
        self._token = self.tasks.job(work, self._job_done, self._job_failed)
        self._refresh()

    def _replace_ok(self, target: Path) -> bool:
        question = f"{target.name} already exists in that folder. Replace it with the new pack?"
        box = QMessageBox(QMessageBox.Icon.Question, "Replace the file?", question, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _show_progress(self, done: int, total: int) -> None:
        if self._token is not None and not self._token.cancelled:
            self.progress.setRange(0, max(total, 0))  # 0: busy, reading the notebook
            self.progress.setValue(min(done, total))

    def _cancel(self) -> None:
        if self._token is not None:
            self._token.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText("Cancelling…")

    def _job_done(self, result: PackResult | None) -> None:
        if result is not None:
            self._show_result(result)
        self._job_ended("" if result else CANCELLED_TEXT)
        if result is None:
            self.cancelled.emit()
        else:
            self.exported.emit(result)

    def _job_failed(self, error: BaseException) -> None:
        self._job_ended(message_for(error))
        self.export_failed.emit(self._outcome)

    def _job_ended(self, outcome: str) -> None:
        self._token = None
        self._outcome = outcome
        self.form.setEnabled(True)
        self._show_buttons(idle=self.pack_result is None)
        self._refresh()
        if self._closing:
            self._closing = False
            self.reject()  # deletion (WA_DeleteOnClose) is deferred, so the signals still go

    def _show_result(self, result: PackResult) -> None:
        self.pack_result = result
        self.form.clear_passwords()
        pages = f"{result.pages} page{'s' if result.pages != 1 else ''}"
        notes = f"{result.notes} note{'s' if result.notes != 1 else ''}"
        self.summary.setText(
            f"The evidence pack is ready.\n\nSaved as {result.path}\n{pages}, {notes}.\n\n"
            f"Evidence fingerprint: {result.fingerprint}\nSelection hash: {result.selection_hash}"
            f"\n\n{PROTECTION[result.encrypted]}"
        )
        self.pages.setCurrentWidget(self.summary)
        self.open_folder.setFocus()

    def _open(self) -> None:
        if self.pack_result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.pack_result.path.parent)))

    def done(self, result: int) -> None:  # Esc, Close and the window's close button end here
        if self._token is not None:
            self._cancel()
            self._closing = True  # close for real once the job has stopped
            self.hide()
            return
        self.form.clear_passwords()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)  # rejects, so `done` above decides
        if self._closing:
            event.ignore()  # else WA_DeleteOnClose would delete the dialog under a running job
