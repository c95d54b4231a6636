"""The notes list: one page of plain search hits at a time, more fetched as the user scrolls."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from fieldwork.domain.search import NoteHit, SearchPage
from fieldwork.ui.models.table_base import HeaderedTableModel

NoteIdRole = Qt.ItemDataRole.UserRole + 1
HighlightsRole = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
TAGS_COLUMN, NOTE_COLUMN = 3, 4
# Plain ints: data() compares them thousands of times a second.
_ALIGNMENT_ROLE = int(Qt.ItemDataRole.TextAlignmentRole)
_TEXT_ROLES = frozenset({int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.AccessibleTextRole)})
_ROLES = _TEXT_ROLES | {
    _ALIGNMENT_ROLE,
    int(Qt.ItemDataRole.ToolTipRole),
    int(NoteIdRole),
    int(HighlightsRole),
}

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


class NotesTableModel(HeaderedTableModel):
    """Rows are `NoteHit`s; `replace(page)` resets, `append(page)` adds the next page."""

    def __init__(self, lookups: Callable[[], tuple[dict[str, str], dict[str, str]]]) -> None:
        super().__init__()
        self._rows: list[NoteHit] = []
        self._cells: list[tuple[str, ...] | None] = []  # each row's texts, made when first shown
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
        self.HEADERS = tuple(column.header for column in self.columns)
        self._alignments = tuple(int(column.alignment) for column in self.columns)

    def _activity(self, hit: NoteHit) -> str:
        return self._lookups()[0].get(hit.activity_id or "", "")

    def _case(self, case_id: str) -> str:
        return self._lookups()[1].get(case_id, "?")

    # --- content ---------------------------------------------------------------------
    def replace(self, page: SearchPage) -> None:
        self.beginResetModel()
        self._rows = list(page.hits)
        self._cells = [None] * len(self._rows)
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
        self._cells.extend([None] * len(page.hits))
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
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Qt makes an index for every painted cell; the inherited index() asks rowCount() and
        # columnCount() each time, two calls into Python where this is one.
        if parent.isValid() or not (0 <= row < len(self._rows) and 0 <= column < len(self.columns)):
            return QModelIndex()
        return self.createIndex(row, column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Unused roles are refused before the index is even read, and a row's texts are built
        # once: this runs for many cells on every repaint.
        if role not in _ROLES:
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._rows) and 0 <= column < len(self.columns)):
            return None  # an invalid index has row -1
        return self._value(row, column, role)

    def multiData(self, index: Index, roleDataSpan: Any) -> None:
        """All the roles a painted cell needs in one call into Python, not one call per role:
        each call must take the interpreter lock, and a lane may be holding it."""
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._rows) and 0 <= column < len(self.columns)):
            return
        for wanted in roleDataSpan:  # entries arrive empty: roles not answered stay so
            role = wanted.role()
            if role in _ROLES:
                wanted.setData(self._value(row, column, role))

    def _value(self, row: int, column: int, role: int) -> Any:
        if role in _TEXT_ROLES:
            return self._texts(row)[column]
        if role == _ALIGNMENT_ROLE:
            return self._alignments[column]
        hit = self._rows[row]
        if role == NoteIdRole:
            return hit.note_id
        if role == HighlightsRole:
            return hit.highlights if column == NOTE_COLUMN else None
        return _tags_text(hit, long=True) if column == TAGS_COLUMN else None  # the tooltip

    def _texts(self, row: int) -> tuple[str, ...]:
        texts = self._cells[row]
        if texts is None:
            hit = self._rows[row]
            texts = self._cells[row] = tuple(column.value(hit) for column in self.columns)
        return texts

    def lookups_changed(self) -> None:
        """Activity titles or case references changed: rebuild the texts of the loaded rows."""
        self._cells = [None] * len(self._rows)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1)
            )

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
