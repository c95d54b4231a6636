"""The framework as a tree (judgements, themes, criteria) with live evidence counts per node."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from fieldwork.domain.framework import Framework
from fieldwork.services.coverage import CriterionCoverage
from fieldwork.ui.models.framework_counts import (
    COUNT_COLUMNS,
    EVIDENCE,
    HEADER_TIPS,
    HEADERS,
    NAME,
    SERIOUS,
    Counts,
    accessible_text,
    count_text,
    count_tooltip,
    count_value,
    is_empty,
)
from fieldwork.ui.models.framework_counts import rich_tooltip as rich_tooltip  # for the panels

NodeIdRole = Qt.ItemDataRole.UserRole + 1
NodeKindRole = Qt.ItemDataRole.UserRole + 2  # "judgement", "theme" or "criterion"

Index = QModelIndex | QPersistentModelIndex
Kind = Literal["judgement", "theme", "criterion"]
# What a name cell shows from the counts: its font and colour (muted when there is no evidence).
_NAME_ROLES = [Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ForegroundRole]
# What the view asks of each cell it paints; the values are kept until the cell's counts change.
_PAINT_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.CheckStateRole,
    )
)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_MUTED = object()  # kept in place of the muted colour, which follows the palette when shown
# The overload of the layout signals that carries a hint (the plain one is the default).
_LAYOUT_SIGNATURE = ("QList<QPersistentModelIndex>", "QAbstractItemModel::LayoutChangeHint")


@dataclass(eq=False, slots=True)
class _Node:
    number: int  # position in the flat node list: the QModelIndex internal id
    parent: int  # -1 for a judgement
    row: int
    kind: Kind
    node_id: str
    text: str
    tooltip: str
    children: list[int] = field(default_factory=list)


class FrameworkTreeModel(QAbstractItemModel):
    """Wraps an immutable `Framework`; `update_counts` changes only counts, never the rows."""

    def __init__(self, framework: Framework, parent: Any = None) -> None:
        super().__init__(parent)
        self.framework = framework
        self._nodes: list[_Node] = []
        self._roots: list[int] = []
        self._by_id: dict[str, int] = {}
        for judgement in framework.judgements:
            # Each tooltip opens with the full title: a narrow tree cuts the titles short.
            name = judgement.short_title or judgement.title
            j = self._add(-1, "judgement", judgement.id, name, (judgement.title, judgement.id))
            for theme in judgement.themes:
                tips = (theme.title, theme.good, theme.id)
                t = self._add(j, "theme", theme.id, theme.title, tips)
                for criterion in theme.criteria:
                    tips = (criterion.heading, criterion.good, criterion.id)
                    self._add(t, "criterion", criterion.id, criterion.heading, tips)
        self._counts: list[Counts] | None = None  # None until the first update_counts
        self._fonts: dict[tuple[bool, bool], QFont] = {}
        self._cells: dict[int, dict[int, Any]] = {}  # node number * columns + column: paint roles

    def _add(self, parent: int, kind: Kind, node_id: str, text: str, tips: tuple[str, ...]) -> int:
        siblings = self._roots if parent < 0 else self._nodes[parent].children
        node = _Node(
            len(self._nodes), parent, len(siblings), kind, node_id, text, rich_tooltip(*tips)
        )
        self._nodes.append(node)
        siblings.append(node.number)
        self._by_id[node_id] = node.number
        return node.number

    # --- structure ---------------------------------------------------------------------
    def _node(self, index: Index) -> _Node | None:
        return self._nodes[index.internalId()] if index.isValid() else None

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # hasIndex() would call rowCount() and columnCount() back into Python: the view asks
        # for indexes by the hundred on a count update, each call waiting for the interpreter.
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        node = self._node(parent)
        children = self._roots if node is None else node.children
        if not (0 <= row < len(children) and 0 <= column < len(HEADERS)):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self._node(child)
        if node is None or node.parent < 0:
            return QModelIndex()
        up = self._nodes[node.parent]
        return self.createIndex(up.row, 0, up.number)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        node = self._node(parent)
        return len(self._roots if node is None else node.children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        node = self._nodes[index.internalId()]
        if node.kind == "criterion":
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return rich_tooltip(HEADER_TIPS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole and section != NAME:
            return _RIGHT  # over the numbers
        return None

    # --- data --------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self._node(index)
        value = None if node is None else self._value(node, index.column(), role)
        return _muted_colour() if value is _MUTED else value

    def multiData(self, index: Index, roleDataSpan: Any) -> None:
        """All the roles a painted cell needs in one call into Python, not one per role (seven
        for each cell), from values kept per cell until its counts change: a repaint after a
        count load crossed into Python about 800 times more, and spent twice as long in it.
        """
        if not index.isValid():
            return
        number, column = index.internalId(), index.column()
        key = number * len(HEADERS) + column
        cell = self._cells.get(key)
        if cell is None:
            node = self._nodes[number]
            cell = self._cells[key] = {r: self._value(node, column, r) for r in _PAINT_ROLES}
        for wanted in roleDataSpan:
            role = wanted.role()
            value = cell[role] if role in cell else self._value(self._nodes[number], column, role)
            # Every entry is set, None too: the view hands over the previous cell's entries,
            # still holding its values (a count's alignment would move the next title right).
            wanted.setData(_muted_colour() if value is _MUTED else value)

    def _value(self, node: _Node, column: int, role: int) -> Any:
        if role == NodeIdRole:
            return node.node_id
        if role == NodeKindRole:
            return node.kind
        counts = None if self._counts is None else self._counts[node.number]
        empty = is_empty(counts)
        if role == Qt.ItemDataRole.DisplayRole:
            return node.text if column == NAME else count_text(counts, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return accessible_text(node.kind, node.text, counts, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return node.tooltip if column == NAME else count_tooltip(counts)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != NAME:
            return _RIGHT
        if role == Qt.ItemDataRole.FontRole and (empty or node.kind == "judgement"):
            return self._font(italic=empty, bold=node.kind == "judgement")
        if role == Qt.ItemDataRole.ForegroundRole and empty:
            return _MUTED
        return None

    def _font(self, *, italic: bool, bold: bool) -> QFont:
        # Made once per style: data() runs for every visible cell on every paint.
        key = (italic, bold)
        if key not in self._fonts:
            font = QFont()
            font.setItalic(italic)
            font.setBold(bold)
            self._fonts[key] = font
        return self._fonts[key]

    # --- lookups and live counts -------------------------------------------------------
    def index_of(self, node_id: str) -> QModelIndex:
        number = self._by_id.get(node_id)
        if number is None:
            return QModelIndex()
        node = self._nodes[number]
        return self.createIndex(node.row, 0, node.number)

    def counts_of(self, node_id: str) -> Counts | None:
        number = self._by_id.get(node_id)
        return None if number is None or self._counts is None else self._counts[number]

    def largest_counts(self) -> dict[int, int]:
        """The largest number in each count column (0 before the first load)."""
        counts = self._counts or [Counts()]
        return {c: max(count_value(n, c) for n in counts) for c in COUNT_COLUMNS}

    def update_counts(self, coverage: tuple[CriterionCoverage, ...]) -> None:
        """Take counts per criterion; themes and judgements show sums. A few changed counts are
        signalled row by row (dataChanged), a load where most change as one layout change."""
        new = [Counts() for _ in self._nodes]
        for row in coverage:
            number = self._by_id.get(row.criterion_id)
            if number is None or self._nodes[number].kind != "criterion":
                continue  # a criterion of another framework version: nothing to show it under
            counts = Counts(
                row.total,
                row.strengths,
                row.areas_for_improvement,
                row.serious_weaknesses,
                row.escalations,
            )
            while number >= 0:
                new[number] = new[number] + counts
                number = self._nodes[number].parent
        old = self._counts
        changed = [n for n in self._nodes if old is None or old[n.number] != new[n.number]]
        if old is None or len(changed) * 2 > len(self._nodes):
            self._replace_all(new)
            return
        self._counts = new
        for node in changed:
            for column in range(len(HEADERS)):
                self._cells.pop(node.number * len(HEADERS) + column, None)
        muted = [n for n in changed if is_empty(old[n.number]) != is_empty(new[n.number])]
        self._emit_changed(changed, muted)

    def _replace_all(self, counts: list[Counts] | None) -> None:
        """Most counts change (the first load, a lock): one layout change instead of a signal
        per parent. The view then lays the tree out again and repaints it once, a few hundred
        calls into Python; a dataChanged per parent made it map every changed cell back to the
        screen, about 1,800 calls while the keys were being typed. Nothing moves, so expansion,
        selection and the current item stay as they were.
        """
        # "Rows may move" leaves the header out of it: with no hint, it saved and restored every
        # section and repainted itself, asking for the headers' texts again.
        hint = QAbstractItemModel.LayoutChangeHint.VerticalSortHint
        self.layoutAboutToBeChanged[_LAYOUT_SIGNATURE].emit([], hint)  # type: ignore[index]
        self._counts = counts
        self._cells.clear()
        self.layoutChanged[_LAYOUT_SIGNATURE].emit([], hint)  # type: ignore[index]

    def _emit_changed(self, nodes: list[_Node], muted: list[_Node]) -> None:
        """One dataChanged per parent over the count columns of the rows that changed, and the
        name cell alone of a row whose evidence came or went (its font and colour follow that).

        The tree view does work in Python per cell of a range, and a range that includes the
        name column made it recheck each row's children and height too: including the names
        cost thousands of calls into the model per update, while the keys were being typed.
        """
        by_parent: dict[int, list[_Node]] = {}
        for node in nodes:
            by_parent.setdefault(node.parent, []).append(node)
        for siblings in by_parent.values():
            first = min(siblings, key=lambda n: n.row)
            last = max(siblings, key=lambda n: n.row)
            self.dataChanged.emit(
                self.createIndex(first.row, EVIDENCE, first.number),
                self.createIndex(last.row, SERIOUS, last.number),
                [],
            )
        for node in muted:
            name = self.createIndex(node.row, NAME, node.number)
            self.dataChanged.emit(name, name, _NAME_ROLES)

    def clear_counts(self) -> None:
        """Forget the counts (e.g. on lock), so no number from the notebook stays on screen."""
        if self._counts is not None:
            self._replace_all(None)


def _muted_colour() -> QColor:
    """The palette's placeholder colour: muted in light and dark themes alike. A copy, made
    while the palette is alive: brush() and color() return references."""
    return QColor(QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText))
