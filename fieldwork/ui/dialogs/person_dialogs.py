"""Small dialogs to add or change a case (by reference) or a practitioner (by pseudonym)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.ids import CaseId, PractitionerId, new_id
from fieldwork.domain.people import (
    AGE_BANDS,
    LEGAL_STATUSES,
    AgeBand,
    Case,
    LegalStatus,
    Practitioner,
)
from fieldwork.ui.screens.start_screen import plain_label

NOT_RECORDED = "Not recorded"
LEGAL_STATUS_LABELS = {
    "early-help": "Early help",
    "child-in-need": "Child in need",
    "child-protection-plan": "Child protection plan",
    "privately-fostered": "Privately fostered",
    "child-in-care": "Child in care",
    "care-leaver": "Care leaver",
    "other": "Other",
}
COMMON_ROLES = (
    "social worker",
    "senior practitioner",
    "newly qualified social worker (ASYE)",
    "team manager",
    "personal adviser",
    "family support worker",
)


def age_band_label(band: str | None) -> str:
    if not band:
        return ""
    return "Unborn" if band == "unborn" else band.replace("-", "–")


def legal_status_label(status: str | None) -> str:
    return LEGAL_STATUS_LABELS.get(status or "", status or "")


def next_reference(existing: Iterable[str], prefix: str, width: int) -> str:
    """The next free code in a series: C-007 after C-006, P20 after P19."""
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)$", re.IGNORECASE)
    numbers = [int(m.group(1)) for text in existing if (m := pattern.match(text))]
    return f"{prefix}{(max(numbers) if numbers else 0) + 1:0{width}d}"


def _choice(name: str, items: Sequence[tuple[str, Any]], current: Any) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for text, data in items:
        combo.addItem(text, data)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


def _suggesting(name: str, suggestions: Iterable[str], current: str) -> QComboBox:
    """An editable combo that offers the values already used (teams, roles)."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setAccessibleName(name)
    combo.addItems(sorted({s for s in suggestions if s}, key=str.casefold))
    combo.setCurrentText(current)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    return combo


def _count(name: str, value: int | None, high: int, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setAccessibleName(name)
    spin.setRange(-1, high)
    spin.setSpecialValueText(NOT_RECORDED)  # shown at -1
    spin.setSuffix(suffix)
    spin.setValue(-1 if value is None else value)
    spin.setMinimumWidth(150)
    return spin


class PersonDialog(QDialog):
    """OK asks to save (`save_requested`); the caller accepts it once saved, or shows an error."""

    save_requested = Signal(object)  # a Case or a Practitioner

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(460)
        self.form = QFormLayout()
        self.form.setHorizontalSpacing(14)
        self.form.setVerticalSpacing(8)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.note = plain_label(muted=True)
        self.error = plain_label()
        self.error.setAccessibleName("Problem")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self._request)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(self.note)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.save_button.setDefault(True)  # only once inside the dialog, or Qt ignores it

    def row(self, text: str, field: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(field)
        self.form.addRow(label, field)

    def value(self) -> Case | Practitioner:
        raise NotImplementedError

    def first_field(self) -> QLineEdit:
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        self.error.setText(f"⚠  {message}")
        self.error.setAccessibleDescription(message)
        self.error.show()
        self.first_field().setFocus()
        self.first_field().selectAll()

    def set_busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)
        if busy:
            self.error.hide()

    def _request(self) -> None:
        if not self.first_field().text().strip():
            self.show_error("Enter a short code first.")
            return
        self.save_requested.emit(self.value())


class CaseDialog(PersonDialog):
    def __init__(
        self,
        case: Case | None,
        practitioners: Sequence[Practitioner],
        cases: Sequence[Case],
        suggested_reference: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Edit case" if case else "Add a case", parent)
        self.case_id = case.id if case else CaseId(new_id())
        self.note.setText("A child is recorded by a reference such as C-014, never by name.")
        self.reference = QLineEdit(suggested_reference)
        self.reference.setAccessibleName("Case reference")
        self.reference.setMaxLength(32)
        self.age_band = _choice(
            "Age band",
            [(NOT_RECORDED, None), *((age_band_label(b), b) for b in AGE_BANDS)],
            case.age_band if case else None,
        )
        self.legal_status = _choice(
            "Legal status",
            [(NOT_RECORDED, None), *((legal_status_label(s), s) for s in LEGAL_STATUSES)],
            case.legal_status if case else None,
        )
        self.team = _suggesting("Team", (c.team for c in cases), case.team if case else "")
        people = sorted(practitioners, key=lambda p: p.pseudonym.casefold())
        self.practitioner = _choice(
            "Allocated practitioner",
            [("None", None), *((p.pseudonym, p.id) for p in people)],
            case.practitioner_id if case else None,
        )
        self.detail = QLineEdit(case.detail if case else "")
        self.detail.setAccessibleName("Detail")
        self.detail.setPlaceholderText("Short context, e.g. care order; no names")
        self.row("&Reference:", self.reference)
        self.row("&Age band:", self.age_band)
        self.row("&Legal status:", self.legal_status)
        self.row("&Team:", self.team)
        self.row("&Practitioner:", self.practitioner)
        self.row("De&tail:", self.detail)
        self.reference.setFocus()
        self.reference.selectAll()

    def first_field(self) -> QLineEdit:
        return self.reference

    def value(self) -> Case:
        return Case(
            id=self.case_id,
            reference=self.reference.text().strip(),
            age_band=cast(AgeBand | None, self.age_band.currentData()),
            legal_status=cast(LegalStatus | None, self.legal_status.currentData()),
            team=self.team.currentText().strip(),
            practitioner_id=self.practitioner.currentData(),
            detail=self.detail.text().strip(),
        )


class PractitionerDialog(PersonDialog):
    def __init__(
        self,
        person: Practitioner | None,
        practitioners: Sequence[Practitioner],
        suggested_pseudonym: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Edit practitioner" if person else "Add a practitioner", parent)
        self.person_id = person.id if person else PractitionerId(new_id())
        self.note.setText("A practitioner is recorded by a pseudonym such as P07, never by name.")
        self.pseudonym = QLineEdit(suggested_pseudonym)
        self.pseudonym.setAccessibleName("Pseudonym")
        self.pseudonym.setMaxLength(32)
        self.role = _suggesting(
            "Role", [*COMMON_ROLES, *(p.role for p in practitioners)], person.role if person else ""
        )
        self.team = _suggesting(
            "Team", (p.team for p in practitioners), person.team if person else ""
        )
        self.caseload = _count("Caseload", person.caseload if person else None, 300, " children")
        self.agency = QCheckBox("&Agency worker")
        self.agency.setAccessibleName("Agency worker")
        self.agency.setChecked(bool(person and person.agency))
        self.months = _count(
            "Months in post", person.months_in_post if person else None, 600, " months"
        )
        self.row("&Pseudonym:", self.pseudonym)
        self.row("&Role:", self.role)
        self.row("&Team:", self.team)
        self.row("&Caseload:", self.caseload)
        self.form.addRow("", self.agency)
        self.row("&Months in post:", self.months)
        self.pseudonym.setFocus()
        self.pseudonym.selectAll()

    def first_field(self) -> QLineEdit:
        return self.pseudonym

    def value(self) -> Practitioner:
        return Practitioner(
            id=self.person_id,
            pseudonym=self.pseudonym.text().strip(),
            role=self.role.currentText().strip(),
            team=self.team.currentText().strip(),
            caseload=None if self.caseload.value() < 0 else self.caseload.value(),
            agency=self.agency.isChecked(),
            months_in_post=None if self.months.value() < 0 else self.months.value(),
        )
