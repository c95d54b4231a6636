"""Start an activity: what kind, with whom and on which cases, under a title made from them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import cast

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.evidence import ACTIVITY_KINDS, Activity, ActivityKind
from fieldwork.domain.ids import ActivityId, CaseId, PractitionerId, new_id
from fieldwork.domain.people import Case, Practitioner
from fieldwork.ui.screens.start_screen import plain_label

ACTIVITY_KIND_LABELS: dict[str, str] = {
    "sitting-alongside": "Sitting alongside a practitioner",
    "record-review": "Case record review",
    "observation": "Observation of practice",
    "meeting-leaders": "Meeting with leaders",
    "meeting-managers": "Meeting with managers",
    "meeting-partners": "Meeting with partner agencies",
    "conversation-child-family": "Conversation with a child or family",
    "focus-group": "Focus group",
    "data-review": "Data review",
    "team-meeting": "Inspection team meeting",
}
IdRole = Qt.ItemDataRole.UserRole
CHIP_STYLE = (
    "QListWidget { background: transparent; border: none; }"
    "QListWidget::item { border: 1px solid palette(mid); border-radius: 10px;"
    " padding: 2px 10px; margin: 2px; }"
    "QListWidget::item:selected { background: palette(highlight);"
    " color: palette(highlighted-text); }"
)


def kind_label(kind: str) -> str:
    return ACTIVITY_KIND_LABELS.get(kind, kind.replace("-", " ").capitalize())


def _join(references: Sequence[str]) -> str:
    if len(references) <= 1:
        return "".join(references)
    return ", ".join(references[:-1]) + " and " + references[-1]


def activity_title(kind: str, case_refs: Sequence[str], people_refs: Sequence[str]) -> str:
    """A title in the demo's style: "Sitting alongside P03 on C-012 and C-015"."""
    if kind == "sitting-alongside" and people_refs:
        title = f"Sitting alongside {_join(people_refs)}"
        return f"{title} on {_join(case_refs)}" if case_refs else title
    if kind == "record-review":
        return f"Record review: {_join(case_refs)}" if case_refs else "Record review"
    references = [*people_refs, *case_refs]
    return f"{kind_label(kind)}: {_join(references)}" if references else kind_label(kind)


class ReferencePicker(QWidget):
    """Type a reference (completion helps), Enter adds it; Backspace in the empty field removes
    the last one, Delete removes the selected one."""

    changed = Signal()

    def __init__(self, name: str, choices: Sequence[tuple[str, str]], example: str) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self._by_reference = {
            reference.casefold(): (item_id, reference) for item_id, reference in choices
        }
        self.edit = QLineEdit()
        self.edit.setAccessibleName(f"Add to {name.lower()}")
        self.edit.setPlaceholderText(f"Type a reference such as {example}, then Enter")
        self.completer = QCompleter(QStringListModel([ref for _, ref in choices]), self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.edit.setCompleter(self.completer)
        self.completer.activated.connect(self.add)
        self.edit.returnPressed.connect(lambda: self.add(self.edit.text()))
        self.edit.installEventFilter(self)
        self.chosen = QListWidget()
        self.chosen.setAccessibleName(f"Chosen {name.lower()}")
        self.chosen.setFlow(QListWidget.Flow.LeftToRight)
        self.chosen.setWrapping(True)
        self.chosen.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.chosen.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.chosen.setStyleSheet(CHIP_STYLE)
        self.chosen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chosen.installEventFilter(self)
        self.chosen.hide()
        self.hint = plain_label(muted=True)
        self.hint.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit)
        layout.addWidget(self.chosen)
        layout.addWidget(self.hint)
        self.setFocusProxy(self.edit)

    def add(self, typed: str) -> bool:
        """Add the one reference `typed` names (exactly, or as the only partial match)."""
        text = typed.strip().casefold()
        if not text:
            return False
        found = self._by_reference.get(text)
        if found is None:
            partial = [value for key, value in self._by_reference.items() if text in key]
            found = partial[0] if len(partial) == 1 else None
        if found is None:
            self.hint.setText(f"No single match for “{typed.strip()}”. Keep typing or pick one.")
            self.hint.show()
            return False
        self.hint.hide()
        item_id, reference = found
        if item_id not in self.picked_ids():
            item = QListWidgetItem(reference)
            item.setData(IdRole, item_id)
            item.setToolTip("Delete removes it")
            self.chosen.addItem(item)
            self.chosen.show()
            self._fit()
            self.changed.emit()
        self.edit.clear()
        return True

    def remove_last(self) -> None:
        if self.chosen.count():
            self._remove(self.chosen.count() - 1)

    def _remove(self, row: int) -> None:
        self.chosen.takeItem(row)
        self.chosen.setVisible(self.chosen.count() > 0)
        self._fit()
        self.changed.emit()

    def _fit(self) -> None:
        """As tall as the chips need: one row, or more once they wrap."""
        if not self.chosen.count():
            return
        self.chosen.doItemsLayout()
        last = self.chosen.visualItemRect(self.chosen.item(self.chosen.count() - 1))
        height = max(last.bottom(), 0) + 2 * self.chosen.frameWidth() + 4
        if height != self.chosen.height():
            self.chosen.setFixedHeight(height)

    def picked_ids(self) -> tuple[str, ...]:
        return tuple(str(self.chosen.item(i).data(IdRole)) for i in range(self.chosen.count()))

    def picked_references(self) -> tuple[str, ...]:
        return tuple(self.chosen.item(i).text() for i in range(self.chosen.count()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.chosen and event.type() == QEvent.Type.Resize:
            self._fit()  # wider or narrower: the chips may wrap differently
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.edit and key == Qt.Key.Key_Backspace and not self.edit.text():
                self.remove_last()
                return True
            if watched is self.edit and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                # Enter adds a reference; it must never reach the dialog and start the activity.
                self.add(self.edit.text())
                return True
            if watched is self.chosen and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                row = self.chosen.currentRow()
                if row >= 0:
                    self._remove(row)
                    if not self.chosen.count():
                        self.edit.setFocus()
                return True
        return super().eventFilter(watched, event)


class ActivityDialog(QDialog):
    """`result_activity()` gives a new Activity that starts now; the caller saves it."""

    def __init__(
        self,
        cases: Sequence[Case],
        practitioners: Sequence[Practitioner],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Start an activity")
        self.setAccessibleName("Start an activity")
        self.setMinimumWidth(540)
        self._title_edited = False

        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of activity")
        for kind in ACTIVITY_KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.practitioners = ReferencePicker(
            "Practitioners",
            sorted(((p.id, p.pseudonym) for p in practitioners), key=lambda pair: pair[1]),
            "P07",
        )
        self.cases = ReferencePicker(
            "Cases", sorted(((c.id, c.reference) for c in cases), key=lambda pair: pair[1]), "C-014"
        )
        self.title = QLineEdit()
        self.title.setAccessibleName("Title")
        self.title.setPlaceholderText("What the activity is")
        self.title.textEdited.connect(self._title_typed)
        self.kind.currentIndexChanged.connect(self._refresh_title)
        self.cases.changed.connect(self._refresh_title)
        self.practitioners.changed.connect(self._refresh_title)

        form = QFormLayout()
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(10)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, field in (
            ("&Kind:", self.kind),
            ("&Practitioners:", self.practitioners),
            ("&Cases:", self.cases),
            ("&Title:", self.title),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        intro = plain_label(
            "Notes you write while it runs are linked to it, and to its cases.", muted=True
        )

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Start activity")
        self.ok_button.setAccessibleName("Start activity")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(14)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.ok_button.setDefault(True)  # only once inside the dialog, or Qt ignores it
        self._refresh_title()
        self.kind.setFocus()

    def _title_typed(self, text: str) -> None:
        self._title_edited = bool(text.strip())  # emptied: go back to the made-up title

    def _refresh_title(self) -> None:
        if not self._title_edited:
            self.title.setText(
                activity_title(
                    self.kind_id(),
                    self.cases.picked_references(),
                    self.practitioners.picked_references(),
                )
            )

    def kind_id(self) -> str:
        return str(self.kind.currentData())

    def result_activity(self) -> Activity:
        kind = self.kind_id()
        title = self.title.text().strip() or activity_title(
            kind, self.cases.picked_references(), self.practitioners.picked_references()
        )
        return Activity(
            id=ActivityId(new_id()),
            kind=cast(ActivityKind, kind),
            title=title,
            started_at=datetime.now(UTC),
            case_ids=tuple(CaseId(i) for i in self.cases.picked_ids()),
            practitioner_ids=tuple(PractitionerId(i) for i in self.practitioners.picked_ids()),
        )
