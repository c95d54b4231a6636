"""The framework tree panel: pick a judgement, theme or criterion to filter notes; live counts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QFontMetrics, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from fieldwork.services.coverage import criterion_coverage
from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.models.framework_counts import COUNT_COLUMNS, NAME, NO_EVIDENCE
from fieldwork.ui.models.framework_tree_model import FrameworkTreeModel, NodeIdRole

COUNTS_KEY = "framework-tree-counts"
INDENTATION = 14  # per level, under the style's 20: criteria sit two levels in, beside counts
CELL_PADDING = 12  # beside a count: the item view's text margins and a little air


class FrameworkTreePanel(QWidget):
    """Selecting a node emits `ctx.framework_filter_changed(node_id)`; "All notes" emits None."""

    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Framework panel")
        self.model = FrameworkTreeModel(ctx.framework, self)
        self._filter: str | None = None
        self._syncing = False  # True while following a filter set elsewhere: do not echo it
        self._loaded_once = False

        self.all_notes = QPushButton("All notes")
        self.all_notes.setAccessibleName("All notes: clear the framework filter")
        self.all_notes.setToolTip("Show notes for every criterion (clear the framework filter).")
        self.all_notes.setCheckable(True)
        self.all_notes.setChecked(True)
        self.all_notes.clicked.connect(self.clear_filter)
        self.framework_label = QLabel(ctx.framework.title)
        self.framework_label.setTextFormat(Qt.TextFormat.PlainText)  # framework files are data
        self.framework_label.setAccessibleName("Framework in force")
        self.framework_label.setToolTip("The inspection framework this notebook uses.")

        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setAccessibleName("Framework: judgements, themes and criteria")
        self.tree.setAccessibleDescription(
            "Select a judgement, theme or criterion to show only its notes. "
            "Counts: evidence tags, strengths, and weaknesses."
        )
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.setIndentation(INDENTATION)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)  # the tooltip has the full title
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("99"))  # not 38 px
        # The counts are as wide as their numbers and the title takes the rest. Fixed widths,
        # set here from the largest count: "resize to contents" re-measured every row on each
        # count update, which stalled the window while notes were being typed.
        for column in COUNT_COLUMNS:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        # Measured once: each measure asks the model for the header's texts, in Python.
        self._header_widths = {c: header.sectionSizeHint(c) for c in COUNT_COLUMNS}
        self._fit_count_columns()
        self.tree.expandToDepth(0)  # judgements open, showing their themes
        self.tree.selectionModel().currentChanged.connect(self._current_changed)

        top = QHBoxLayout()
        top.addWidget(self.all_notes)
        top.addWidget(self.framework_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        self.setFocusProxy(self.tree)

        ctx.evidence_changed.connect(self.refresh)
        ctx.framework_filter_changed.connect(self._follow_filter)

    # --- counts ------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded_once:
            self._loaded_once = True
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.model.palette_changed()  # the model keeps the muted colour it was given

    def refresh(self) -> None:
        """Ask the read lane for fresh counts; a newer request makes this one's result stale."""
        self._loaded_once = True
        self.ctx.read(lambda nb: criterion_coverage(nb), self._counts_arrived, key=COUNTS_KEY)

    def _counts_arrived(self, coverage: Any) -> None:
        self.model.update_counts(coverage)
        self._fit_count_columns()

    def _fit_count_columns(self) -> None:
        """Each count column as wide as its header or its largest number in bold (judgements are
        bold), at least three digits wide, so that the widths seldom change as evidence grows."""
        header = self.tree.header()
        bold = self.tree.font()
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        dash = metrics.horizontalAdvance(NO_EVIDENCE)
        for column, largest in self.model.largest_counts().items():
            digits = metrics.horizontalAdvance("9" * max(3, len(str(largest))))
            width = max(self._header_widths[column], max(digits, dash) + CELL_PADDING)
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    # --- the filter --------------------------------------------------------------------
    @property
    def current_filter(self) -> str | None:
        return self._filter

    def clear_filter(self) -> None:
        """Show all notes: clear the selection and emit None."""
        self._syncing = True
        try:
            self.tree.selectionModel().clearSelection()
            self.tree.setCurrentIndex(QModelIndex())
        finally:
            self._syncing = False
        self._set_filter(None)

    def select_node(self, node_id: str | None) -> None:
        """Select a node (and emit the filter), or all notes for None."""
        if node_id is None:
            self.clear_filter()
            return
        index = self.model.index_of(node_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)  # emits through _current_changed
            self.tree.scrollTo(index)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing:
            return
        self._set_filter(current.data(NodeIdRole) if current.isValid() else None)

    def _set_filter(self, node_id: str | None) -> None:
        self.all_notes.setChecked(node_id is None)
        if node_id == self._filter:
            return
        self._filter = node_id
        self.ctx.framework_filter_changed.emit(node_id)

    def _follow_filter(self, node_id: object) -> None:
        """Another panel changed the filter: show it here without emitting it again."""
        if node_id == self._filter:
            return
        self._filter = node_id if isinstance(node_id, str) else None
        self.all_notes.setChecked(self._filter is None)
        self._syncing = True
        try:
            index = self.model.index_of(self._filter) if self._filter else QModelIndex()
            self.tree.setCurrentIndex(index)
            if not index.isValid():
                self.tree.selectionModel().clearSelection()
            else:
                self.tree.scrollTo(index)
        finally:
            self._syncing = False
