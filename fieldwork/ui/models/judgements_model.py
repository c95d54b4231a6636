"""Plain rows and a table model of the evidence per criterion, grouped by judgement."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from fieldwork.domain.evidence import Enquiry
from fieldwork.domain.framework import Framework
from fieldwork.services.coverage import CriterionCoverage
from fieldwork.ui.models.table_base import HeaderedTableModel

Index = QModelIndex | QPersistentModelIndex
CriterionIdRole = Qt.ItemDataRole.UserRole + 1
EVALUATION_NAMES = ("Strengths", "Areas for improvement", "Serious weaknesses", "Context")


@dataclass(frozen=True, slots=True)
class CoverageRow:
    criterion_id: str
    judgement_id: str
    judgement: str  # short title
    theme_id: str
    theme: str
    heading: str
    counts: tuple[
        int, int, int, int
    ]  # strengths, areas for improvement, serious weaknesses, context

    @property
    def total(self) -> int:
        return sum(self.counts)


def coverage_rows(
    framework: Framework, coverage: tuple[CriterionCoverage, ...]
) -> tuple[CoverageRow, ...]:
    """Criteria in report body order, then theme order, each with its counts."""
    by_id = {c.criterion_id: c for c in coverage}
    rows = []
    for judgement in framework.body_order:
        for theme in judgement.themes:
            for criterion in theme.criteria:
                c = by_id.get(criterion.id) or CriterionCoverage(
                    criterion.id, judgement.id, theme.id
                )
                counts = (c.strengths, c.areas_for_improvement, c.serious_weaknesses, c.context)
                rows.append(
                    CoverageRow(
                        criterion.id,
                        judgement.id,
                        judgement.short_title,
                        theme.id,
                        theme.title,
                        criterion.heading,
                        counts,
                    )
                )
    return tuple(rows)


def unanswered(enquiries: list[Enquiry]) -> list[Enquiry]:
    return [e for e in enquiries if e.status == "open" and not e.answer_note_ids]


class CoverageTableModel(HeaderedTableModel):
    """The same numbers as the chart, one criterion a row, for screen readers and high contrast."""

    # The criterion first, as a reader scans; the counts next; its judgement last (the theme is
    # in the tooltip: a column of it left the criterion too little room).
    HEADERS = ("Criterion", *EVALUATION_NAMES, "Total", "Evidence", "Judgement")
    NUMBERS = range(1, 6)  # the count columns and the total

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[CoverageRow, ...] = ()

    def replace(self, rows: tuple[CoverageRow, ...]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row(self, number: int) -> CoverageRow | None:
        return self._rows[number] if 0 <= number < len(self._rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row(index.row()) if index.isValid() else None
        column = index.column()
        if row is None or not 0 <= column < len(self.HEADERS):
            return None
        if role == CriterionIdRole:
            return row.criterion_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = column in self.NUMBERS
            horizontal = Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            heading = html.escape(f"{row.heading} ({row.criterion_id})")
            return f"{heading}<br>{html.escape(row.theme)}"
        if role == Qt.ItemDataRole.AccessibleTextRole and column in self.NUMBERS:
            return f"{self._value(row, column)} {self.HEADERS[column].lower()}"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._value(row, column)
        return None

    @staticmethod
    def _value(row: CoverageRow, column: int) -> str:
        if column == 0:
            return row.heading
        if column < 5:
            return str(row.counts[column - 1])
        if column == 5:
            return str(row.total)
        if column == 6:
            return "" if row.total else "No evidence yet"
        return row.judgement
