"""The notes list: one page of plain search hits at a time, more fetched as the user scrolls."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from fieldwork.domain.search import NoteHit, SearchPage

NoteIdRole = Qt.ItemDataRole.UserRole + 1
HighlightsRole = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex

EVALUATION_MARK = {
    "strength": "+",
    "area-for-improvement": "−",
    "serious-weakness": "‼",
    "context": "·",
}


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    value: Callable[[NoteHit], str]
    alignment: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class NotesTableModel(QAbstractTableModel):
    """Rows are `NoteHit`s; `replace(page)` resets, `append(page)` adds the next page."""

    def __init__(self, lookups: Callable[[], tuple[dict[str, str], dict[str, str]]]) -> None:
        super().__init__()
        self._rows: list[NoteHit] = []
        self._cursor: Any = None
        self.total = 0
        self.ranked = False
        self.fetch_more_requested: Callable[[Any], None] | None = None
        self._fetching = False
        self._lookups = lookups  # () -> (activity titles by id, case references by id)
        self.columns = (
            Column("Time", lambda h: h.created_at.astimezone().strftime("%a %d %b %H:%M")),
            Column("Activity", lambda h: self._activity(h)),
            Column("Cases", lambda h: ", ".join(self._case(c) for c in h.case_ids)),
            Column("Tags", _tags_text),
            Column("Note", lambda h: h.snippet),
        )

    def _activity(self, hit: NoteHit) -> str:
        return self._lookups()[0].get(hit.activity_id or "", "")

    def _case(self, case_id: str) -> str:
        return self._lookups()[1].get(case_id, "?")

    # --- content ---------------------------------------------------------------------
    def replace(self, page: SearchPage) -> None:
        self.beginResetModel()
        self._rows = list(page.hits)
        self._cursor = page.next_cursor
        self.total = page.total
        self.ranked = page.ranked
        self._fetching = False
        self.endResetModel()

    def append(self, page: SearchPage) -> None:
        self._fetching = False
        if not page.hits:
            self._cursor = None
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page.hits) - 1)
        self._rows.extend(page.hits)
        self._cursor = page.next_cursor
        self.endInsertRows()

    def hit(self, row: int) -> NoteHit | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, note_id: str) -> int:
        for row, hit in enumerate(self._rows):
            if hit.note_id == note_id:
                return row
        return -1

    # --- Qt model API ----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            not index.isValid()
            or not 0 <= index.row() < len(self._rows)
            or not 0 <= index.column() < len(self.columns)
        ):
            return None
        hit = self._rows[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.value(hit)
        if role == Qt.ItemDataRole.ToolTipRole and column.header == "Tags":
            return _tags_text(hit, long=True)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.alignment)
        if role == NoteIdRole:
            return hit.note_id
        if role == HighlightsRole and column.header == "Note":
            return hit.highlights
        return None

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._cursor is not None and not self._fetching

    def fetchMore(self, parent: Index) -> None:
        if self.canFetchMore(parent) and self.fetch_more_requested is not None:
            self._fetching = True
            self.fetch_more_requested(self._cursor)


def _tags_text(hit: NoteHit, long: bool = False) -> str:
    if not hit.tags:
        return "untagged"
    if long:
        return "\n".join(f"{t.criterion_id}: {t.evaluation.replace('-', ' ')}" for t in hit.tags)
    return " ".join(
        f"{EVALUATION_MARK.get(t.evaluation, '')}{t.criterion_id.rsplit('.', 1)[-1]}"
        for t in hit.tags
    )
