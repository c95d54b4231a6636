"""The framework as a tree (judgements, themes, criteria) with live evidence counts per node."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any, Literal

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from fieldwork.domain.framework import Framework
from fieldwork.services.coverage import CriterionCoverage

NodeIdRole = Qt.ItemDataRole.UserRole + 1
NodeKindRole = Qt.ItemDataRole.UserRole + 2  # "judgement", "theme" or "criterion"

NAME, EVIDENCE, STRENGTHS, WEAKNESSES = range(4)
HEADERS = ("Framework", "Evidence", "Strengths", "Weaknesses")
NO_EVIDENCE = "\u2014"  # an em dash, so an empty criterion reads differently from a zero
Index = QModelIndex | QPersistentModelIndex
Kind = Literal["judgement", "theme", "criterion"]
# What a name cell shows from the counts: its font and colour (muted when there is no evidence).
_NAME_ROLES = [Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ForegroundRole]


def rich_tooltip(*paragraphs: str) -> str:
    """Tooltips are rich text: escape every part and say so explicitly with <p>."""
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)


@dataclass(frozen=True, slots=True)
class Counts:
    total: int = 0
    strengths: int = 0
    weaknesses: int = 0  # areas for improvement and serious weaknesses
    serious: int = 0
    escalations: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.total + other.total,
            self.strengths + other.strengths,
            self.weaknesses + other.weaknesses,
            self.serious + other.serious,
            self.escalations + other.escalations,
        )


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
    """Wraps an immutable `Framework`; `update_counts` changes only counts, through dataChanged."""

    def __init__(self, framework: Framework, parent: Any = None) -> None:
        super().__init__(parent)
        self.framework = framework
        self._nodes: list[_Node] = []
        self._roots: list[int] = []
        self._by_id: dict[str, int] = {}
        for judgement in framework.judgements:
            name = judgement.short_title or judgement.title
            j = self._add(-1, "judgement", judgement.id, name, (judgement.id, judgement.title))
            for theme in judgement.themes:
                t = self._add(j, "theme", theme.id, theme.title, (theme.id, theme.good))
                for criterion in theme.criteria:
                    tips = (criterion.id, criterion.good)
                    self._add(t, "criterion", criterion.id, criterion.heading, tips)
        self._counts: list[Counts] | None = None  # None until the first update_counts
        self._fonts: dict[tuple[bool, bool], QFont] = {}

    def _add(self, parent: int, kind: Kind, node_id: str, text: str, tips: tuple[str, str]) -> int:
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
        if role == Qt.ItemDataRole.ToolTipRole and section == WEAKNESSES:
            return rich_tooltip("Areas for improvement and serious weaknesses.")
        return None

    # --- data --------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self._node(index)
        if node is None:
            return None
        column = index.column()
        if role == NodeIdRole:
            return node.node_id
        if role == NodeKindRole:
            return node.kind
        counts = None if self._counts is None else self._counts[node.number]
        empty = _empty(counts)
        if role == Qt.ItemDataRole.DisplayRole:
            return node.text if column == NAME else _count_text(counts, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return _accessible(node, counts, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return node.tooltip if column == NAME else _count_tooltip(counts)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and (empty or node.kind == "judgement"):
            return self._font(italic=empty, bold=node.kind == "judgement")
        if role == Qt.ItemDataRole.ForegroundRole and empty:
            # The palette's placeholder colour: muted in light and dark themes alike.
            # Copy the colour while the palette is alive: brush()/color() return references.
            palette = QGuiApplication.palette()
            return QColor(palette.color(QPalette.ColorRole.PlaceholderText))
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

    def update_counts(self, coverage: tuple[CriterionCoverage, ...]) -> None:
        """Take counts per criterion; themes and judgements show sums. Emits dataChanged only."""
        new = [Counts() for _ in self._nodes]
        for row in coverage:
            number = self._by_id.get(row.criterion_id)
            if number is None or self._nodes[number].kind != "criterion":
                continue  # a criterion of another framework version: nothing to show it under
            counts = Counts(
                row.total,
                row.strengths,
                row.areas_for_improvement + row.serious_weaknesses,
                row.serious_weaknesses,
                row.escalations,
            )
            while number >= 0:
                new[number] = new[number] + counts
                number = self._nodes[number].parent
        old, self._counts = self._counts, new
        changed = [n for n in self._nodes if old is None or old[n.number] != new[n.number]]
        muted = [
            n for n in changed if old is None or _empty(old[n.number]) != _empty(new[n.number])
        ]
        self._emit_changed(changed, muted)

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
                self.createIndex(last.row, WEAKNESSES, last.number),
                [],
            )
        for node in muted:
            name = self.createIndex(node.row, NAME, node.number)
            self.dataChanged.emit(name, name, _NAME_ROLES)

    def clear_counts(self) -> None:
        """Forget the counts (e.g. on lock), so no number from the notebook stays on screen."""
        if self._counts is None:
            return
        old, self._counts = self._counts, None
        self._emit_changed(list(self._nodes), [n for n in self._nodes if _empty(old[n.number])])


def _empty(counts: Counts | None) -> bool:
    """Whether a node is shown muted: counts known, and none."""
    return counts is not None and counts.total == 0


def _count_text(counts: Counts | None, column: int) -> str:
    if counts is None:
        return ""
    if counts.total == 0:
        return NO_EVIDENCE
    if column == EVIDENCE:
        return str(counts.total)
    if column == STRENGTHS:
        return str(counts.strengths)
    if counts.serious:
        return f"{counts.weaknesses} ({counts.serious} serious)"
    return str(counts.weaknesses)


def _count_sentence(counts: Counts) -> str:
    if counts.total == 0:
        return "no evidence"
    parts = [
        f"{counts.total} evidence tags",
        f"{counts.strengths} strengths",
        f"{counts.weaknesses} weaknesses, {counts.serious} serious",
    ]
    if counts.escalations:
        parts.append(f"{counts.escalations} escalated")
    return ", ".join(parts)


def _count_tooltip(counts: Counts | None) -> str:
    if counts is None:
        return ""
    sentence = _count_sentence(counts)
    return rich_tooltip(sentence[:1].upper() + sentence[1:] + ".")


def _accessible(node: _Node, counts: Counts | None, column: int) -> str:
    if column == NAME:
        name = f"{node.kind.capitalize()}: {node.text}"
        return name if counts is None else f"{name}, {_count_sentence(counts)}"
    if counts is None:
        return ""
    if counts.total == 0:
        return "no evidence"
    if column == EVIDENCE:
        return f"{counts.total} evidence tags"
    if column == STRENGTHS:
        return f"{counts.strengths} strengths"
    return f"{counts.weaknesses} weaknesses, {counts.serious} serious"
