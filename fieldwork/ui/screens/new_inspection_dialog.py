"""The form for a new inspection: the inspection's details, where the notebook goes, its passphrase."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import cast

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.inspection import (
    INSPECTION_TYPE_LABELS,
    INSPECTION_TYPES,
    Inspection,
    InspectionType,
)
from fieldwork.services.passphrases import passphrase_advice
from fieldwork.ui.screens.start_screen import align_form_labels, plain_label

NOTEBOOK_SUFFIX = ".fieldwork"
STRENGTH_WORDS = ("No passphrase yet", "Weak", "Fair", "Good", "Strong")


@dataclass(frozen=True, slots=True)
class NewInspection:
    inspection: Inspection
    folder: Path
    passphrase: str
    remember: bool
    recovery_code: bool

    def __repr__(self) -> str:  # never show the passphrase in a log or traceback
        return f"NewInspection(folder={self.folder.name!r}, remember={self.remember})"


def notebooks_home() -> Path:
    return Path.home() / "Documents" / "Fieldwork"


def default_folder(first_day: date, parent: Path | None = None) -> Path:
    """A dated folder that does not exist yet; never named after the authority (ARCHITECTURE §6.3)."""
    parent = parent or notebooks_home()
    candidate = parent / f"{first_day.isoformat()}{NOTEBOOK_SUFFIX}"
    number = 2
    while candidate.exists():
        candidate = parent / f"{first_day.isoformat()}-{number}{NOTEBOOK_SUFFIX}"
        number += 1
    return candidate


def strength(passphrase: str) -> tuple[int, str | None, list[str]]:
    """(meter level 0–4, refusal or None, warnings) for a proposed passphrase."""
    refusal, warnings = passphrase_advice(passphrase)
    if refusal is not None:
        return 0, refusal, warnings
    if warnings:
        return (1 if len(warnings) > 1 else 2), None, warnings
    return (4 if len(passphrase) >= 20 else 3), None, warnings


class NewInspectionDialog(QDialog):
    """OK stays disabled until the form is valid; the first problem is named under the form."""

    def __init__(
        self,
        frameworks: Sequence[tuple[str, str]],
        default_framework_id: str,
        inspector_name: str,
        keyring_available: tuple[bool, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("New inspection")
        self.setAccessibleName("New inspection")
        self.setMinimumWidth(600)
        self._folder_edited = False

        # --- the inspection ---------------------------------------------------------
        self.authority = QLineEdit()
        self.authority.setPlaceholderText("For example, Westmere Borough Council")
        self.authority.setAccessibleName("Local authority")
        self.inspection_type = QComboBox()
        self.inspection_type.setAccessibleName("Inspection type")
        for type_id in INSPECTION_TYPES:
            self.inspection_type.addItem(INSPECTION_TYPE_LABELS[type_id], type_id)
        self.inspection_type.setCurrentIndex(INSPECTION_TYPES.index("standard"))
        today = QDate.currentDate()
        self.first_day = self._date_edit("First day on site", today)
        self.last_day = self._date_edit("Last day on site", today.addDays(11))
        self.framework = QComboBox()
        self.framework.setAccessibleName("Framework version")
        for framework_id, title in frameworks:
            self.framework.addItem(title, framework_id)
        index = self.framework.findData(default_framework_id)
        self.framework.setCurrentIndex(max(index, 0))
        self.inspector = QLineEdit(inspector_name)
        self.inspector.setAccessibleName("Inspector")
        self.inspector.setPlaceholderText("Your name as it appears on the evidence pack")
        self.lead = QLineEdit()
        self.lead.setAccessibleName("Lead inspector")
        self.lead.setPlaceholderText("Optional")

        details = QGroupBox("Inspection")
        form = details_form = self._form(details)
        self._row(form, "Local &authority:", self.authority)
        self._row(form, "Inspection &type:", self.inspection_type)
        self._row(form, "&First day on site:", self.first_day)
        self._row(form, "La&st day on site:", self.last_day)
        self._row(form, "Framework &version:", self.framework)
        self._row(form, "&Inspector:", self.inspector)
        self._row(form, "&Lead inspector:", self.lead)

        # --- the notebook -----------------------------------------------------------
        self.folder = QLineEdit(str(default_folder(self.first_date())))
        self.folder.setAccessibleName("Notebook folder")
        self.folder.textEdited.connect(self._folder_typed)
        self.choose_button = QPushButton("C&hoose…")
        self.choose_button.setAccessibleName("Choose where to keep the notebook")
        self.choose_button.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.setSpacing(6)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose_button)
        self.passphrase = self._secret("Passphrase")
        self.confirmation = self._secret("Passphrase again")
        # Answers "what makes a good one?" before the meter has to.
        self.passphrase.setPlaceholderText("Four or more words you will remember")
        self.confirmation.setPlaceholderText("The same passphrase again")
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(True)
        self.meter.setFormat(STRENGTH_WORDS[0])
        self.meter.setMaximumHeight(18)
        self.meter.setAccessibleName("Passphrase strength")
        self.advice = plain_label(muted=True)
        self.advice.setAccessibleName("Passphrase advice")
        self.remember = QCheckBox("&Remember on this computer")
        self.remember.setAccessibleName("Remember on this computer")
        # SECURITY.md: with a remembered key the notebook is only as safe as the login.
        self.remember.setToolTip(
            "Keep a key in this computer's keyring so the notebook opens without the passphrase. "
            "Anyone who can sign in to your account on this computer can then open it."
        )
        available, reason = keyring_available
        self.keyring_note = plain_label(
            "This computer cannot remember the notebook for you, so you will type the passphrase "
            f"each time you open it. {reason}".strip(),
            muted=True,
        )
        self.keyring_note.setAccessibleName("Why the key cannot be remembered")
        self.recovery = QCheckBox("Make a recovery &code (recommended)")
        self.recovery.setAccessibleName("Make a recovery code")
        self.recovery.setChecked(True)

        notebook = QGroupBox("Notebook")
        form = self._notebook_form = self._form(notebook)
        folder_label = QLabel("Notebook f&older:")
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, folder_row)
        self._row(form, "&Passphrase:", self.passphrase)
        self._row(form, "Passphrase a&gain:", self.confirmation)
        form.addRow("Strength:", self.meter)
        form.addRow("", self.advice)
        form.addRow("", self.remember)
        form.setRowVisible(self.remember, available)
        form.addRow("", self.keyring_note)
        form.setRowVisible(self.keyring_note, not available)
        form.addRow("", self.recovery)
        self._can_remember = available

        # --- messages and buttons ---------------------------------------------------
        self.problem = plain_label()
        self.problem.setAccessibleName("What still needs doing")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Create notebook")
        self.ok_button.setAccessibleName("Create notebook")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        align_form_labels(details_form, self._notebook_form)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(14)
        layout.addWidget(details)
        layout.addWidget(notebook)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.ok_button.setDefault(True)  # not Choose…: only once inside the dialog

        for signal in (
            self.authority.textChanged,
            self.inspector.textChanged,
            self.folder.textChanged,
            self.passphrase.textChanged,
            self.confirmation.textChanged,
            self.last_day.dateChanged,
        ):
            signal.connect(self.validate)
        self.first_day.dateChanged.connect(self._first_day_changed)
        self.authority.setFocus()
        self.validate()

    # --- building blocks --------------------------------------------------------------
    @staticmethod
    def _form(box: QGroupBox) -> QFormLayout:
        form = QFormLayout(box)
        form.setContentsMargins(14, 12, 14, 12)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(8)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return form

    @staticmethod
    def _row(form: QFormLayout, text: str, field: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(field)
        form.addRow(label, field)

    @staticmethod
    def _date_edit(name: str, day: QDate) -> QDateEdit:
        edit = QDateEdit(day)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMMM yyyy")
        edit.setAccessibleName(name)
        return edit

    @staticmethod
    def _secret(name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setAccessibleName(name)
        edit.setInputMethodHints(
            Qt.InputMethodHint.ImhHiddenText | Qt.InputMethodHint.ImhNoPredictiveText
        )
        return edit

    # --- behaviour --------------------------------------------------------------------
    def first_date(self) -> date:
        return cast(date, self.first_day.date().toPython())

    def last_date(self) -> date:
        return cast(date, self.last_day.date().toPython())

    def _first_day_changed(self) -> None:
        if not self._folder_edited:
            current = Path(self.folder.text()).expanduser()
            self.folder.setText(str(default_folder(self.first_date(), current.parent)))
        self.validate()

    def _folder_typed(self) -> None:
        self._folder_edited = True

    def _choose_folder(self) -> None:
        start = Path(self.folder.text()).expanduser().parent
        chosen = QFileDialog.getExistingDirectory(
            self,
            "Choose where to keep the notebook",
            str(start if start.is_dir() else Path.home()),
            QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.ShowDirsOnly,
        )
        if not chosen:
            return
        place = Path(chosen)
        if place.suffix != NOTEBOOK_SUFFIX:
            place = default_folder(self.first_date(), place)
        self.folder.setText(str(place))
        self._folder_edited = True

    def problems(self) -> list[str]:
        """Every reason the form cannot be accepted yet, in the order of the form."""
        found = []
        if not self.authority.text().strip():
            found.append("Enter the name of the local authority.")
        if self.last_date() < self.first_date():
            found.append("The last day on site is before the first day.")
        if self.framework.currentIndex() < 0:
            found.append("No framework is installed; add one before starting an inspection.")
        if not self.inspector.text().strip():
            found.append("Enter your name as the inspector.")
        folder_text = self.folder.text().strip()
        if not folder_text:
            found.append("Choose a folder for the notebook.")
        elif Path(folder_text).expanduser().exists():
            found.append("Something already exists at that folder; choose another name.")
        passphrase = self.passphrase.text()
        _, refusal, _ = strength(passphrase)
        if refusal is not None:
            found.append(refusal)
        elif not self.confirmation.text():
            found.append("Type the passphrase again to confirm it.")
        elif self.confirmation.text() != passphrase:
            found.append("The two passphrases are different. Type them again.")
        return found

    def validate(self) -> bool:
        level, _, warnings = strength(self.passphrase.text())
        self.meter.setValue(level)
        self.meter.setFormat(STRENGTH_WORDS[level])
        self.advice.setText(" ".join(warnings))
        self._notebook_form.setRowVisible(self.advice, bool(warnings))
        found = self.problems()
        self.problem.setText(found[0] if found else "Ready to create the notebook.")
        self.ok_button.setEnabled(not found)
        return not found

    def accept(self) -> None:
        if self.validate():
            super().accept()

    def result_values(self) -> NewInspection:
        """The new inspection; reads the passphrase once and clears both fields (SECURITY.md §5)."""
        passphrase = self.passphrase.text()
        self.passphrase.clear()
        self.confirmation.clear()
        inspection = Inspection(
            authority=self.authority.text().strip(),
            inspection_type=cast(InspectionType, self.inspection_type.currentData()),
            start_date=self.first_date(),
            end_date=self.last_date(),
            framework_id=str(self.framework.currentData()),
            inspector=self.inspector.text().strip(),
            lead_inspector=self.lead.text().strip(),
        )
        return NewInspection(
            inspection=inspection,
            folder=Path(self.folder.text().strip()).expanduser(),
            passphrase=passphrase,
            remember=self._can_remember and self.remember.isChecked(),
            recovery_code=self.recovery.isChecked(),
        )
