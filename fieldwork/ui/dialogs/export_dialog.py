"""Export the evidence pack: the form, a privacy check, then a cancellable job, then where it went."""

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
from fieldwork.services.pack_privacy import PackPrivacyReport, Replaced, replace_in_notes, scan_pack
from fieldwork.ui.dialogs.export_form import (
    ExportForm,
    button,
    default_destination,
    hbox,
    named,
    suggest_passphrase,
)
from fieldwork.ui.dialogs.export_review import PrivacyReview
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
    privacy_reviewed = Signal(object)  # PackPrivacyReport with findings, shown for review
    notes_replaced = Signal(object)  # tuple of note ids whose text the privacy guard changed
    note_requested = Signal(str)  # a note id the user asked to see in the window
    replacing = Signal()  # about to replace in notes: the editor should save what it holds first

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
        self._running = ""  # what the job lane is doing, while it does it
        self._request: PackRequest | None = None  # held while the privacy review is shown
        self._replaced: Replaced | None = None
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
        self.review = PrivacyReview()
        self.review.accepted.connect(self._accept_findings)
        self.review.replace_requested.connect(self._replace_findings)
        self.review.back_requested.connect(self._back_to_form)
        self.review.note_requested.connect(self.note_requested)
        self.pages.addWidget(self.review)
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
        self.status.setText(self._running or problem or self._outcome)

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
        self._check_privacy(request)

    def _start_job(self, running: str) -> None:
        self._outcome, self._running = "", running
        self.form.setEnabled(False)
        self.pages.setCurrentWidget(self.form)
        self._show_buttons(running=True)
        self.progress.setRange(0, 0)

    # --- the privacy guard: warns, never blocks ------------------------------------------
    def _check_privacy(self, request: PackRequest) -> None:
        notebook = self.ctx.notebook
        self._replaced = None

        def work(token: CancelToken) -> PackPrivacyReport | None:
            try:
                return scan_pack(notebook, request, cancel=token)
            except Cancelled:
                return None

        self._start_job("Checking the pack for personal data…")
        self._token = self.tasks.job(
            work, lambda report: self._scanned(request, report), self._job_failed
        )
        self._refresh()

    def _scanned(self, request: PackRequest, report: PackPrivacyReport | None) -> None:
        if report is None or self._closing:
            self._job_done(None)
            return
        if report.clean:
            self._token = None
            self._write(request)
            return
        self._token, self._running, self._request = None, "", request
        self._show_buttons()
        self.export_button.setVisible(False)
        self.open_folder.setVisible(False)
        self.review.setEnabled(True)
        self.review.show_report(report)
        self.pages.setCurrentWidget(self.review)
        self._refresh()
        self.privacy_reviewed.emit(report)

    def _accept_findings(self) -> None:
        if self._request is not None and self._token is None:
            request, self._request = self._request, None
            self.review.clear()
            self._write(request)

    def _replace_findings(self) -> None:
        report = self.review.report
        if self._request is None or report is None or not report.notes or self._token:
            return
        ids = [found.note_id for found in report.notes]
        self.replacing.emit()  # the editor's unsaved typing goes first, on the same lane
        self.review.setEnabled(False)
        self.status.setText("Replacing what looks like personal data…")
        self.ctx.write(
            lambda nb: replace_in_notes(nb, ids), self._findings_replaced, failed=self._job_failed
        )

    def _findings_replaced(self, replaced: Replaced) -> None:
        self._replaced = replaced
        self.ctx.evidence_changed.emit()
        self.notes_replaced.emit(replaced.note_ids)
        self._accept_findings()

    def _back_to_form(self) -> None:
        self._request = None
        self.review.clear()
        self.form.setEnabled(True)
        self.pages.setCurrentWidget(self.form)
        self._show_buttons(idle=True)
        self._refresh()
        self.form.first_field().setFocus()

    # --- writing the pack ------------------------------------------------------------------
    def _write(self, request: PackRequest) -> None:
        target, notebook, report = request.target, self.ctx.notebook, self.progressed.emit

        def work(token: CancelToken) -> PackResult | None:
            if target.parent == default_destination().parent:  # a chosen folder must exist
                target.parent.mkdir(parents=True, exist_ok=True)
            try:
                return export_pack(notebook, request, progress=report, cancel=token)
            except Cancelled:
                return None  # the runner drops Cancelled silently; this dialog must hear of it

        self._start_job("Writing the evidence pack…")
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
        self._token, self._running, self._request = None, "", None
        self._outcome = outcome
        self.review.clear()
        self.form.setEnabled(True)
        if self.pack_result is None:
            self.pages.setCurrentWidget(self.form)
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
        replaced = ""
        if self._replaced is not None and self._replaced.note_ids:
            count = len(self._replaced.note_ids)
            replaced = (
                f"\n\nBefore writing it, {count} note{'s' if count != 1 else ''} had what looked "
                "like personal data replaced: names with the case reference, other details "
                "with a placeholder (kept in the history)."
            )
        self.summary.setText(
            f"The evidence pack is ready.\n\nSaved as {result.path}\n{pages}, {notes}.\n\n"
            f"Evidence fingerprint: {result.fingerprint}\nSelection hash: {result.selection_hash}"
            f"\n\n{PROTECTION[result.encrypted]}{replaced}"
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
        self.review.clear()
        self._request = None
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)  # rejects, so `done` above decides
        if self._closing:
            event.ignore()  # else WA_DeleteOnClose would delete the dialog under a running job
