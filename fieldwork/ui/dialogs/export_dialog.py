"""Export the evidence pack: filters, marking, file and password, then a cancellable background job."""

from __future__ import annotations

import secrets
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.errors import Cancelled
from fieldwork.domain.pack import (
    MAX_MARKING_CHARS,
    PASSWORD_NOTICE,
    PackFilters,
    PackRequest,
    PackResult,
    default_pack_name,
)
from fieldwork.domain.passphrase import passphrase_warnings
from fieldwork.domain.progress import CancelToken
from fieldwork.runtime.preferences import Preferences
from fieldwork.services.pack import export_pack
from fieldwork.ui.error_display import message_for
from fieldwork.ui.screens.start_screen import plain_label
from fieldwork.ui.tasks import TaskRunner

CANCELLED_TEXT = "Cancelled — nothing was written."
SUGGESTED_NOTE = (
    "Shown once, here: note it now and send it to the lead inspector by a different route from "
    "the pack (say, by phone, spelling each word). It is hidden again as soon as you edit it."
)
PROTECTION = (
    "Not encrypted: anyone who gets the file can read it.",
    "Encrypted with AES-256: it opens only with the password; send that by a different route.",
)
# Letters that are hard to mishear or mistype; a five-letter word of them carries about 16 bits.
_CONSONANTS, _VOWELS = "bdfgjklmnprstvz", "aeiou"


def suggest_passphrase(words: int = 5) -> str:
    """Five pronounceable made-up words from `secrets` (about 80 bits): `tavok-rumel-...`."""
    letters = (_CONSONANTS, _VOWELS, _CONSONANTS, _VOWELS, _CONSONANTS)
    return "-".join("".join(secrets.choice(s) for s in letters) for _ in range(words))


def default_destination(today: date | None = None) -> Path:
    """~/Documents/Fieldwork/<dated name>: never the authority, which would show in file lists."""
    return Path.home() / "Documents" / "Fieldwork" / default_pack_name(today or date.today())


def _named(widget: Any, name: str) -> Any:
    widget.setAccessibleName(name)
    return widget


def _button(text: str, name: str, slot: Any) -> QPushButton:
    button = _named(QPushButton(text), name)
    button.clicked.connect(slot)
    button.setAutoDefault(False)
    return button


def _row(form: QFormLayout, text: str, field: Any, buddy: QWidget | None = None) -> None:
    label = plain_label(text, wrap=False)
    label.setBuddy(buddy or field)
    form.addRow(label, field)


def _hbox(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget, 1 if isinstance(widget, QLineEdit | QDateEdit | QProgressBar) else 0)
    return row


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
        self._suggested: str | None = None  # shown in clear until the user edits it
        self._outcome = ""  # the last export's outcome, shown while the inputs are valid
        self.progressed.connect(self._show_progress)  # emitted on the job lane: runs queued
        self.form = QWidget()  # every input; disabled while the export runs
        grid = QGridLayout(self.form)
        grid.addWidget(self._build_filters(ctx), 0, 0, 2, 1)
        grid.addWidget(self._build_output(preferences), 0, 1)
        grid.addWidget(self._build_password(), 1, 1)
        grid.setRowStretch(2, 1)  # spare height below the boxes, not inside them
        self.pages = QStackedWidget()
        self.pages.addWidget(self.form)
        self.summary = _named(plain_label(), "The pack written")  # the page shown when done
        self.summary.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.pages.addWidget(self.summary)
        self.status = _named(plain_label(), "Export status")
        self.progress = _named(QProgressBar(), "Export progress")
        self.export_button = _button("&Export", "Export the evidence pack", self._export)
        self.export_button.setDefault(True)
        self.cancel_button = _button("&Cancel export", "Cancel the export", self._cancel)
        self.open_folder = _button("&Open folder", "Open the folder with the pack", self._open)
        self.close_button = _button("Cl&ose", "Close", self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.status)
        buttons = (self.export_button, self.cancel_button, self.open_folder, self.close_button)
        layout.addLayout(row := _hbox(self.progress, *buttons))
        row.insertStretch(1)  # keeps the buttons their own size while the progress bar is hidden
        self._show_buttons(idle=True)
        self._refresh()
        next(iter(self.judgements.values()), self.destination).setFocus()

    def _build_filters(self, ctx: Any) -> QGroupBox:
        box = QGroupBox("Which notes go in")
        form = QFormLayout(box)
        self.judgements: dict[str, QCheckBox] = {}
        ticks = QVBoxLayout()
        for judgement in ctx.framework.judgements:
            check = _named(QCheckBox(judgement.short_title), f"Include {judgement.title}")
            check.setChecked(True)
            check.toggled.connect(self._refresh)
            self.judgements[judgement.id] = check
            ticks.addWidget(check)
        form.addRow(plain_label("Judgements:", wrap=False), ticks)
        self.use_since = _named(QCheckBox("&From"), "Only notes written from a day")
        self.use_until = _named(QCheckBox("&To"), "Only notes written up to a day")
        self.since = _named(QDateEdit(QDate.currentDate()), "Notes written from")
        self.until = _named(QDateEdit(QDate.currentDate()), "Notes written up to")
        for check, edit in ((self.use_since, self.since), (self.use_until, self.until)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self._refresh)
            edit.dateChanged.connect(self._refresh)
            form.addRow("Written:" if check is self.use_since else "", _hbox(check, edit))
        self.reviewed_only = _named(QCheckBox("&Reviewed notes only"), "Reviewed notes only")
        form.addRow("", self.reviewed_only)
        self.author = _named(QComboBox(), "Author")
        self.author.addItem("All inspectors", None)
        if actor := (ctx.notebook.actor or "").strip():
            self.author.addItem(actor, actor)
        _row(form, "&Author:", self.author)
        return box

    def _build_output(self, preferences: Preferences) -> QGroupBox:
        box = QGroupBox("The pack")
        form = QFormLayout(box)
        self.marking = _named(QLineEdit(preferences.default_marking), "Handling marking")
        self.marking.setMaxLength(MAX_MARKING_CHARS)
        self.marking.textChanged.connect(self._refresh)
        _row(form, "Handling &marking:", self.marking)
        self.threshold = _named(QSpinBox(), "Caseload threshold")
        self.threshold.setRange(0, 1000)
        self.threshold.setValue(min(max(preferences.caseload_threshold, 0), 1000))
        self.threshold.setSuffix(" children")
        self.threshold.setToolTip("Caseloads above this are counted and highlighted in the pack.")
        _row(form, "Case&load threshold:", self.threshold)
        self.destination = _named(QLineEdit(str(default_destination())), "Save the pack as")
        self.destination.textChanged.connect(self._refresh)
        self.choose = _button("C&hoose…", "Choose where to save the pack", self._choose)
        _row(form, "&Save as:", _hbox(self.destination, self.choose), self.destination)
        return box

    def _build_password(self) -> QGroupBox:
        box = QGroupBox("Password")
        layout = QVBoxLayout(box)
        self.protect = _named(QCheckBox("&Protect with a password"), "Protect with a password")
        self.protect.toggled.connect(self._refresh)
        self.password_fields = QWidget()
        self.password_fields.setVisible(False)
        self.protect.toggled.connect(self.password_fields.setVisible)
        form = QFormLayout(self.password_fields)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.password = _named(QLineEdit(), "Password")
        self.confirm = _named(QLineEdit(), "Confirm the password")
        for field in (self.password, self.confirm):
            field.setEchoMode(QLineEdit.EchoMode.Password)  # also: sensitive, no prediction
            field.textChanged.connect(self._refresh)
        _row(form, "Pass&word:", self.password)
        _row(form, "Co&nfirm:", self.confirm)
        form.addRow("", _button("Su&ggest a passphrase", "Suggest a passphrase", self._suggest))
        self.password_note = _named(plain_label(), "About this password")
        form.addRow(self.password_note)
        layout.addWidget(self.protect)
        layout.addWidget(self.password_fields)
        layout.addWidget(_named(plain_label(PASSWORD_NOTICE), "What a password protects"))
        layout.addStretch(1)
        return box

    def _problem(self) -> str | None:
        """Why Export is disabled, in words; None when the request can go."""
        since, until = self.use_since.isChecked(), self.use_until.isChecked()
        if not any(check.isChecked() for check in self.judgements.values()):
            return "Tick at least one judgement."
        if since and until and self.since.date() > self.until.date():
            return "The start of the date range is after its end."
        if not self.marking.text().strip():
            return "Give a handling marking (the usual one is OFFICIAL-SENSITIVE)."
        if not self.destination.text().strip():
            return "Choose where to save the pack."
        if self.protect.isChecked() and not self.password.text():
            return "Type a password, or untick “Protect with a password”."
        if self.protect.isChecked() and self.password.text() != self.confirm.text():
            return "The two passwords do not match."
        return None

    def _refresh(self) -> None:
        problem = None if self.pack_result else self._problem()
        self.export_button.setEnabled(self._token is None and problem is None)
        running = "Writing the evidence pack…" if self._token else ""
        self.status.setText(running or problem or self._outcome)
        if self.password.text() != self._suggested:  # typed: mask it again, advise on it
            self._suggested = None
            self.password.setEchoMode(QLineEdit.EchoMode.Password)
            warnings = passphrase_warnings(self.password.text()) if self.password.text() else []
            self.password_note.setText(warnings[0] if warnings else "")

    def _show_buttons(self, *, idle: bool = False, running: bool = False) -> None:
        self.export_button.setVisible(idle)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.open_folder.setVisible(not idle and not running)
        self.progress.setVisible(running)

    def _choose(self) -> None:
        current = Path(self.destination.text().strip() or default_destination()).expanduser()
        start = current if current.parent.is_dir() else Path.home() / current.name
        # Qt's own dialog: a native one can record the path among the desktop's recent files.
        options = QFileDialog.Option.DontUseNativeDialog
        title, kinds = "Save the evidence pack as", "PDF documents (*.pdf)"
        chosen, _ = QFileDialog.getSaveFileName(self, title, str(start), kinds, "", options)
        if chosen:
            self.destination.setText(chosen)

    def _suggest(self) -> None:
        phrase = self._suggested = suggest_passphrase()
        self.password.setEchoMode(QLineEdit.EchoMode.Normal)  # shown once, to be noted down
        self.password.setText(phrase)
        self.confirm.setText(phrase)
        self.password_note.setText(SUGGESTED_NOTE)
        self.password.setFocus()

    def _request(self) -> PackRequest:
        target = Path(self.destination.text().strip()).expanduser()
        if not target.is_dir() and not target.suffix:
            target = target.with_suffix(".pdf")
        ticked = tuple(j for j, check in self.judgements.items() if check.isChecked())
        filters = PackFilters(
            judgement_ids=() if len(ticked) == len(self.judgements) else ticked,
            since=self.since.date().toPython() if self.use_since.isChecked() else None,
            until=self.until.date().toPython() if self.use_until.isChecked() else None,
            reviewed_only=self.reviewed_only.isChecked(),
            author=self.author.currentData(),
        )
        password = self.password.text() if self.protect.isChecked() else None
        return PackRequest(target, filters, self.marking.text(), self.threshold.value(), password)

    def _export(self) -> None:
        if self._token is not None or self._problem() is not None:
            return
        request = self._request()
        target = request.target
        self.destination.setText(str(target))
        if target.is_file() and not self._replace_ok(target):
            return
        notebook, report = self.ctx.notebook, self.progressed.emit

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
        self.password.clear()  # read once, for the request; not kept on screen
        self.confirm.clear()
        pages = f"{result.pages} page{'s' if result.pages != 1 else ''}"
        notes = f"{result.notes} note{'s' if result.notes != 1 else ''}"
        self.summary.setText(
            f"The evidence pack is ready.\n\nSaved as {result.path}\n{pages}, {notes}.\n\n"
            f"Evidence fingerprint: {result.fingerprint}\nSelection hash: {result.selection_hash}"
            f"\n\n{PROTECTION[result.encrypted]}"
        )
        self.pages.setCurrentIndex(1)
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
        self.password.clear()
        self.confirm.clear()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)  # rejects, so `done` above decides
        if self._closing:
            event.ignore()  # else WA_DeleteOnClose would delete the dialog under a running job
