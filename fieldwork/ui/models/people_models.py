"""Cases and practitioners as read-only table models: columns declared once over frozen rows."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from fieldwork.domain.people import AGE_BANDS, Case
from fieldwork.ui.dialogs.person_dialogs import age_band_label, legal_status_label

Index = QModelIndex | QPersistentModelIndex
SortRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True, slots=True)
class CaseRow:
    """A case with its practitioner's pseudonym, so the model needs no lookups."""

    case: Case
    practitioner: str

    @property
    def id(self) -> str:
        return self.case.id


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any]
    align: Qt.AlignmentFlag = LEFT


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


CASE_COLUMNS = (
    Column("Reference", lambda r: r.case.reference, lambda r: r.case.reference.casefold()),
    Column("Age band", lambda r: age_band_label(r.case.age_band), lambda r: _age_key(r.case)),
    Column(
        "Legal status",
        lambda r: legal_status_label(r.case.legal_status),
        lambda r: legal_status_label(r.case.legal_status),
    ),
    Column("Team", lambda r: r.case.team, lambda r: r.case.team.casefold()),
    Column("Practitioner", lambda r: r.practitioner, lambda r: r.practitioner.casefold()),
    Column("Detail", lambda r: r.case.detail, lambda r: r.case.detail.casefold()),
)
PRACTITIONER_COLUMNS = (
    Column("Pseudonym", lambda p: p.pseudonym, lambda p: p.pseudonym.casefold()),
    Column("Role", lambda p: p.role, lambda p: p.role.casefold()),
    Column("Team", lambda p: p.team, lambda p: p.team.casefold()),
    Column("Agency", lambda p: "Agency" if p.agency else "Permanent", lambda p: p.agency),
    Column("Caseload", lambda p: _number(p.caseload), lambda p: p.caseload or -1, RIGHT),
    Column(
        "Months in post",
        lambda p: _number(p.months_in_post),
        lambda p: p.months_in_post or -1,
        RIGHT,
    ),
)


def _age_key(case: Case) -> int:
    return AGE_BANDS.index(case.age_band) if case.age_band in AGE_BANDS else -1


class RowsModel(QAbstractTableModel):
    """A read-only table over frozen rows; columns are declared once."""

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.rows: tuple[Any, ...] = ()

    def replace(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = tuple(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == SortRole:
            return column.sort(row)
        if role == IdRole:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(row, CaseRow) and row.case.detail:
            return html.escape(row.case.detail)  # tooltips take rich text (SECURITY.md §5)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].header
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(self.columns[section].align)  # numbers and their heading line up
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
