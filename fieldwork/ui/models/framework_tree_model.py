"""The framework as a tree (judgements, themes, criteria) with live evidence counts per node."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QSignalBlocker, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPalette,
    QStandardItem,
    QStandardItemModel,
)

from fieldwork.domain.framework import Framework
from fieldwork.services.coverage import CriterionCoverage
from fieldwork.ui.models.framework_counts import (
    COUNT_COLUMNS,
    HEADER_TIPS,
    HEADERS,
    NAME,
    Counts,
    count_value,
    is_empty,
    row_texts,
)
from fieldwork.ui.models.framework_counts import rich_tooltip as rich_tooltip  # for the panels

NodeIdRole = Qt.ItemDataRole.UserRole + 1  # on every cell of a node's row
NodeKindRole = Qt.ItemDataRole.UserRole + 2  # "judgement", "theme" or "criterion"

Kind = Literal["judgement", "theme", "criterion"]
Role = Qt.ItemDataRole
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
# The overload of the layout signals that carries a hint (the plain one is the default).
_LAYOUT_SIGNATURE = ("QList<QPersistentModelIndex>", "QAbstractItemModel::LayoutChangeHint")


@dataclass(eq=False, slots=True)
class _Node:
    number: int  # position in the flat node list
    parent: int  # -1 for a judgement
    kind: Kind
    node_id: str
    text: str
    items: list[QStandardItem]  # the row's cells, NAME first
    muted: bool = False  # shown as without evidence


class FrameworkTreeModel(QStandardItemModel):
    """Wraps an immutable `Framework`; `update_counts` changes only counts, never the rows.

    The nodes are items of Qt's own model, so that the view lays the tree out and paints it
    without calling back into Python. Each such call waits for the interpreter, which a busy lane
    holds: a count load's repaint made about 800 of them, and stalled typing in the window.
    """

    def __init__(self, framework: Framework, parent: Any = None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.framework = framework
        self._nodes: list[_Node] = []
        self._by_id: dict[str, int] = {}
        for column, text in enumerate(HEADERS):
            header = QStandardItem(text)
            header.setToolTip(rich_tooltip(HEADER_TIPS[column]))
            if column != NAME:
                header.setTextAlignment(_RIGHT)  # over the numbers
            self.setHorizontalHeaderItem(column, header)
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
        for node in self._nodes:
            self._show(node, None)

    def _add(self, parent: int, kind: Kind, node_id: str, text: str, tips: tuple[str, ...]) -> int:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if kind == "criterion":
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        items = [QStandardItem() for _ in HEADERS]
        for column, item in enumerate(items):
            item.setFlags(flags)
            item.setData(node_id, NodeIdRole)
            item.setData(kind, NodeKindRole)
            if column != NAME:
                item.setTextAlignment(_RIGHT)
            if kind == "judgement":
                item.setFont(_font(bold=True, italic=False))
        items[NAME].setText(text)
        items[NAME].setToolTip(rich_tooltip(*tips))
        node = _Node(len(self._nodes), parent, kind, node_id, text, items)
        above = self.invisibleRootItem() if parent < 0 else self._nodes[parent].items[NAME]
        above.appendRow(items)
        self._nodes.append(node)
        self._by_id[node_id] = node.number
        return node.number

    # --- lookups -----------------------------------------------------------------------
    def index_of(self, node_id: str) -> QModelIndex:
        number = self._by_id.get(node_id)
        return QModelIndex() if number is None else self._nodes[number].items[NAME].index()

    def counts_of(self, node_id: str) -> Counts | None:
        number = self._by_id.get(node_id)
        return None if number is None or self._counts is None else self._counts[number]

    def largest_counts(self) -> dict[int, int]:
        """The largest number in each count column (0 before the first load)."""
        counts = self._counts or [Counts()]
        return {c: max(count_value(n, c) for n in counts) for c in COUNT_COLUMNS}

    # --- live counts -------------------------------------------------------------------
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
        elif changed:
            self._replace_some(new, changed)

    def clear_counts(self) -> None:
        """Forget the counts (e.g. on lock), so no number from the notebook stays on screen."""
        if self._counts is not None:
            self._replace_all(None)

    def palette_changed(self) -> None:
        """The theme changed: give rows without evidence the new palette's muted colour."""
        if self._counts is not None:
            self._replace_all(self._counts, restyle=True)

    def _replace_all(self, counts: list[Counts] | None, restyle: bool = False) -> None:
        """Most counts change (the first load, a lock): one layout change instead of a signal
        per cell. The view lays the tree out again and repaints it once, all in Qt. Nothing
        moves, so expansion, selection and the current item stay as they were.
        """
        # "Rows may move" leaves the header out of it: with no hint, it saved and restored every
        # section and repainted itself.
        hint = QAbstractItemModel.LayoutChangeHint.VerticalSortHint
        self.layoutAboutToBeChanged[_LAYOUT_SIGNATURE].emit([], hint)  # type: ignore[index]
        with QSignalBlocker(self):
            self._counts = counts
            for node in self._nodes:
                self._show(node, None if counts is None else counts[node.number], restyle)
        self.layoutChanged[_LAYOUT_SIGNATURE].emit([], hint)  # type: ignore[index]

    def _replace_some(self, counts: list[Counts], changed: list[_Node]) -> None:
        """One dataChanged per parent over the rows that changed: the cells are set with the
        signals held back, as each role of each cell would signal on its own."""
        with QSignalBlocker(self):
            self._counts = counts
            for node in changed:
                self._show(node, counts[node.number])
        by_parent: dict[int, list[_Node]] = {}
        for node in changed:
            by_parent.setdefault(node.parent, []).append(node)
        for siblings in by_parent.values():
            rows = [node.items[NAME].row() for node in siblings]
            first, last = siblings[rows.index(min(rows))], siblings[rows.index(max(rows))]
            self.dataChanged.emit(first.items[NAME].index(), last.items[-1].index(), [])

    def _show(self, node: _Node, counts: Counts | None, restyle: bool = False) -> None:
        """Set what a node's cells show of its counts; their font and colour too when its
        evidence came or went (or the palette changed)."""
        texts = row_texts(node.kind, node.text, counts)
        node.items[NAME].setData(texts.name_spoken, Role.AccessibleTextRole)
        for column, (text, spoken) in zip(COUNT_COLUMNS, texts.counts, strict=True):
            item = node.items[column]
            item.setText(text)
            item.setData(spoken, Role.AccessibleTextRole)
            item.setData(texts.tooltip or None, Role.ToolTipRole)
        empty = is_empty(counts)
        if not restyle and empty == node.muted:
            return
        node.muted = empty
        bold = node.kind == "judgement"
        font = _font(bold=bold, italic=empty) if empty or bold else None
        # The palette's placeholder colour: muted in light and dark themes alike.
        colour = QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        for item in node.items:
            item.setData(font, Role.FontRole)
            item.setData(QColor(colour) if empty else None, Role.ForegroundRole)


_FONTS: dict[tuple[bool, bool], QFont] = {}


def _font(*, bold: bool, italic: bool) -> QFont:
    """Made once per style and shared: setting a font on a cell copies it."""
    key = (bold, italic)
    if key not in _FONTS:
        font = QFont()
        font.setBold(bold)
        font.setItalic(italic)
        _FONTS[key] = font
    return _FONTS[key]
