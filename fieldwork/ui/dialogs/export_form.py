"""The export dialog's inputs: which notes go in, marking, file and password, as a PackRequest."""

from __future__ import annotations

import secrets
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.pack import (
    MAX_MARKING_CHARS,
    PASSWORD_NOTICE,
    PackFilters,
    PackRequest,
    default_pack_name,
)
from fieldwork.domain.passphrase import passphrase_warnings
from fieldwork.runtime.preferences import Preferences
from fieldwork.ui.screens.start_screen import plain_label

SUGGESTED_NOTE = (
    "Shown once, here: note it now and send it to the lead inspector by a different route from "
    "the pack (say, by phone, spelling each word). It is hidden again as soon as you edit it."
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


def named(widget: Any, name: str) -> Any:
    widget.setAccessibleName(name)
    return widget


def button(text: str, name: str, slot: Any) -> QPushButton:
    made = named(QPushButton(text), name)
    made.clicked.connect(slot)
    made.setAutoDefault(False)
    return made


def hbox(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget, 1 if isinstance(widget, QLineEdit | QDateEdit | QProgressBar) else 0)
    return row


def _row(form: QFormLayout, text: str, field: Any, buddy: QWidget | None = None) -> None:
    label = plain_label(text, wrap=False)
    label.setBuddy(buddy or field)
    form.addRow(label, field)


class ExportForm(QWidget):
    """Every input of the export; `changed` fires whenever one of them does."""

    changed = Signal()

    def __init__(self, ctx: Any, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._suggested: str | None = None  # shown in clear until the user edits it
        grid = QGridLayout(self)
        grid.addWidget(self._build_filters(ctx), 0, 0, 2, 1)
        grid.addWidget(self._build_output(preferences), 0, 1)
        grid.addWidget(self._build_password(), 1, 1)
        grid.setRowStretch(2, 1)  # spare height below the boxes, not inside them
        self.changed.connect(self._advise_on_password)

    def _build_filters(self, ctx: Any) -> QGroupBox:
        box = QGroupBox("Which notes go in")
        form = QFormLayout(box)
        self.judgements: dict[str, QCheckBox] = {}
        ticks = QVBoxLayout()
        for judgement in ctx.framework.judgements:
            check = named(QCheckBox(judgement.short_title), f"Include {judgement.title}")
            check.setChecked(True)
            check.toggled.connect(self.changed)
            self.judgements[judgement.id] = check
            ticks.addWidget(check)
        form.addRow(plain_label("Judgements:", wrap=False), ticks)
        self.use_since = named(QCheckBox("&From"), "Only notes written from a day")
        self.use_until = named(QCheckBox("&To"), "Only notes written up to a day")
        self.since = named(QDateEdit(QDate.currentDate()), "Notes written from")
        self.until = named(QDateEdit(QDate.currentDate()), "Notes written up to")
        for check, edit in ((self.use_since, self.since), (self.use_until, self.until)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self.changed)
            edit.dateChanged.connect(self.changed)
            form.addRow("Written:" if check is self.use_since else "", hbox(check, edit))
        self.reviewed_only = named(QCheckBox("&Reviewed notes only"), "Reviewed notes only")
        form.addRow("", self.reviewed_only)
        self.author = named(QComboBox(), "Author")
        self.author.addItem("All inspectors", None)
        if actor := (ctx.notebook.actor or "").strip():
            self.author.addItem(actor, actor)
        _row(form, "&Author:", self.author)
        return box

    def _build_output(self, preferences: Preferences) -> QGroupBox:
        box = QGroupBox("The pack")
        form = QFormLayout(box)
        self.marking = named(QLineEdit(preferences.default_marking), "Handling marking")
        self.marking.setMaxLength(MAX_MARKING_CHARS)
        self.marking.textChanged.connect(self.changed)
        _row(form, "Handling &marking:", self.marking)
        self.threshold = named(QSpinBox(), "Caseload threshold")
        self.threshold.setRange(0, 1000)
        self.threshold.setValue(min(max(preferences.caseload_threshold, 0), 1000))
        self.threshold.setSuffix(" children")
        self.threshold.setToolTip("Caseloads above this are counted and highlighted in the pack.")
        _row(form, "Case&load threshold:", self.threshold)
        self.destination = named(QLineEdit(str(default_destination())), "Save the pack as")
        self.destination.textChanged.connect(self.changed)
        self.choose = button("C&hoose…", "Choose where to save the pack", self._choose)
        _row(form, "&Save as:", hbox(self.destination, self.choose), self.destination)
        return box

    def _build_password(self) -> QGroupBox:
        box = QGroupBox("Password")
        layout = QVBoxLayout(box)
        self.protect = named(QCheckBox("&Protect with a password"), "Protect with a password")
        self.protect.toggled.connect(self.changed)
        self.password_fields = QWidget()
        self.password_fields.setVisible(False)
        self.protect.toggled.connect(self.password_fields.setVisible)
        form = QFormLayout(self.password_fields)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.password = named(QLineEdit(), "Password")
        self.confirm = named(QLineEdit(), "Confirm the password")
        for field in (self.password, self.confirm):
            field.setEchoMode(QLineEdit.EchoMode.Password)  # also: sensitive, no prediction
            field.textChanged.connect(self.changed)
        _row(form, "Pass&word:", self.password)
        _row(form, "Co&nfirm:", self.confirm)
        form.addRow("", button("Su&ggest a passphrase", "Suggest a passphrase", self.suggest))
        self.password_note = named(plain_label(), "About this password")
        form.addRow(self.password_note)
        layout.addWidget(self.protect)
        layout.addWidget(self.password_fields)
        layout.addWidget(named(plain_label(PASSWORD_NOTICE), "What a password protects"))
        layout.addStretch(1)
        return box

    def first_field(self) -> QWidget:
        return next(iter(self.judgements.values()), self.destination)

    def problem(self) -> str | None:
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

    def _advise_on_password(self) -> None:
        if self.password.text() != self._suggested:  # typed: mask it again, advise on it
            self._suggested = None
            self.password.setEchoMode(QLineEdit.EchoMode.Password)
            warnings = passphrase_warnings(self.password.text()) if self.password.text() else []
            self.password_note.setText(warnings[0] if warnings else "")

    def _choose(self) -> None:
        current = Path(self.destination.text().strip() or default_destination()).expanduser()
        start = current if current.parent.is_dir() else Path.home() / current.name
        # Qt's own dialog: a native one can record the path among the desktop's recent files.
        options = QFileDialog.Option.DontUseNativeDialog
        title, kinds = "Save the evidence pack as", "PDF documents (*.pdf)"
        chosen, _ = QFileDialog.getSaveFileName(self, title, str(start), kinds, "", options)
        if chosen:
            self.destination.setText(chosen)

    def suggest(self) -> None:
        phrase = self._suggested = suggest_passphrase()
        self.password.setEchoMode(QLineEdit.EchoMode.Normal)  # shown once, to be noted down
        self.password.setText(phrase)
        self.confirm.setText(phrase)
        self.password_note.setText(SUGGESTED_NOTE)
        self.password.setFocus()

    def request(self) -> PackRequest:
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

    def clear_passwords(self) -> None:
        """Read once, for the request; not kept on screen."""
        self.password.clear()
        self.confirm.clear()
