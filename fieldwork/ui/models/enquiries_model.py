"""A table model over key lines of enquiry: question, status, answering notes and judgement."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from fieldwork.domain.evidence import Enquiry
from fieldwork.ui.models.table_base import HeaderedTableModel

Index = QModelIndex | QPersistentModelIndex
EnquiryIdRole = Qt.ItemDataRole.UserRole + 1
STATUS_LABELS = {"open": "Open", "partly-answered": "Partly answered", "answered": "Answered"}


class EnquiriesTableModel(HeaderedTableModel):
    """Rows are `Enquiry`s, loaded whole (an inspection has a handful)."""

    HEADERS = ("Question", "Status", "Answering notes", "Judgement")

    def __init__(self, judgement_titles: dict[str, str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Enquiry] = []
        self._titles = judgement_titles  # judgement id -> short title

    # --- content -----------------------------------------------------------------------
    def replace(self, enquiries: list[Enquiry]) -> None:
        self.beginResetModel()
        self._rows = list(enquiries)
        self.endResetModel()

    def put(self, enquiry: Enquiry) -> int:
        """Show a changed or new enquiry at once (before the write lane confirms); its row."""
        row = self.row_of(enquiry.id)
        if row >= 0:
            self._rows[row] = enquiry
            last = self.index(row, len(self.HEADERS) - 1)
            self.dataChanged.emit(self.index(row, 0), last)
            return row
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(enquiry)
        self.endInsertRows()
        return row

    def enquiry(self, row: int) -> Enquiry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, enquiry_id: str) -> int:
        return next((n for n, e in enumerate(self._rows) if e.id == enquiry_id), -1)

    # --- Qt model API ------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        enquiry = self.enquiry(index.row()) if index.isValid() else None
        column = index.column()
        if enquiry is None or not 0 <= column < len(self.HEADERS):
            return None
        if role == EnquiryIdRole:
            return enquiry.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(enquiry, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return html.escape(enquiry.question)  # tooltips render markup; the question is text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column == 2 else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, enquiry: Enquiry, column: int) -> str:
        if column == 0:
            return enquiry.question
        if column == 1:
            return STATUS_LABELS.get(enquiry.status, enquiry.status)
        if column == 2:
            return str(len(enquiry.answer_note_ids))
        return self._titles.get(enquiry.judgement_id or "", "")
