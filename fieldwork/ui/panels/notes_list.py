"""The notes list: search as you type, combined with the framework tree and quick filters."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.evidence import EVALUATIONS
from fieldwork.domain.search import SearchPage, SearchQuery
from fieldwork.services.search import search_notes
from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.delegates.snippet_delegate import SnippetDelegate
from fieldwork.ui.models.notes_table_model import NoteIdRole, NotesTableModel

PAGE = 200


# Column -> (share of the list's width, least, most) in pixels; the note takes what is left.
COLUMN_WIDTHS = {0: (1.0, 112, 112), 1: (0.16, 70, 130), 2: (1.0, 64, 64), 3: (0.2, 90, 140)}


class _NotesTable(QTableView):
    """A table that says when its viewport changes size (the scroll area's resize event is
    the viewport's; an event filter instead would see every paint event in Python)."""

    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()


class NotesList(QWidget):
    note_chosen = Signal(str)  # a note id

    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._activities: dict[str, str] = {}
        self._cases: dict[str, str] = {}
        self._node: str | None = None
        self._keep_selection: str | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText('Search notes: words and "quoted phrases"')
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search notes")
        self.evaluation = QComboBox()
        self.evaluation.setAccessibleName("Show evaluation")
        self.evaluation.addItem("All evaluations", None)
        for value in EVALUATIONS:
            self.evaluation.addItem(value.replace("-", " ").capitalize(), value)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAccessibleName("Search results summary")
        self.model = NotesTableModel(lambda: (self._activities, self._cases))
        self.model.fetch_more_requested = self._fetch_more
        self.table = _NotesTable()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Notes")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setItemDelegateForColumn(4, SnippetDelegate(self.table))
        header = self.table.horizontalHeader()
        # The Tags column shows one mark per tag; say what they mean where they are read.
        header.setToolTip(
            "Tags: + strength, − area for improvement, ‼ serious weakness, · context."
        )
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.resized.connect(self._fit_columns)
        # Compact rows: a screen of notes, not a screen of padding.
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.evaluation)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.search.textChanged.connect(self.refresh)
        self.evaluation.currentIndexChanged.connect(self.refresh)
        ctx.framework_filter_changed.connect(self._set_node)
        ctx.evidence_changed.connect(self.refresh)

    def _fit_columns(self) -> None:
        """Time and cases at their width, activity and tags a share of what the list has, so the
        note itself keeps the rest: at 1280 px wide it was left a dozen characters."""
        width = self.table.viewport().width()
        for column, (share, least, most) in COLUMN_WIDTHS.items():
            self.table.setColumnWidth(column, max(least, min(most, int(width * share))))

    def set_lookups(self, activities: dict[str, str], cases: dict[str, str]) -> None:
        self._activities, self._cases = activities, cases
        self.model.lookups_changed()

    def query(self, after: Any = None) -> SearchQuery:
        evaluation = self.evaluation.currentData()
        return SearchQuery(
            text=self.search.text(),
            as_you_type=True,
            criterion_ids=(self._node,) if self._node else (),
            evaluations=(evaluation,) if evaluation else (),
            limit=PAGE,
            after=after,
        )

    def refresh(self) -> None:
        """Run the current search; a newer search makes an older result stale (dropped)."""
        query = self.query()
        current = self.table.currentIndex()
        self._keep_selection = (
            current.data(NoteIdRole) if current.isValid() else self._keep_selection
        )
        self.ctx.read(lambda nb: search_notes(nb, query), self._show, key="notes")

    def select_note(self, note_id: str) -> None:
        self._keep_selection = note_id
        current = self.table.currentIndex()
        if current.isValid() and current.data(NoteIdRole) == note_id:
            return  # called after every autosave: moving nothing repaints nothing
        row = self.model.row_of(note_id)
        if row >= 0:
            self._select_row(row)

    def _node_title(self, node: str) -> str:
        """The criterion, theme or judgement by name: ids are for the computer."""
        framework = self.ctx.framework
        for find, name in (
            (framework.criterion, "heading"),
            (framework.theme, "title"),
            (framework.judgement, "title"),
        ):
            try:
                return f"“{getattr(find(node), name)}”"
            except KeyError:
                continue
        return node

    def _set_node(self, node: Any) -> None:
        self._node = node if isinstance(node, str) else None
        self.refresh()

    def _show(self, page: SearchPage) -> None:
        self.model.replace(page)
        order = (
            "best matches first" if page.ranked and self.search.text().strip() else "newest first"
        )
        shown = f"{page.total:,} note{'s' if page.total != 1 else ''}"
        if self._node:
            shown += f" in {self._node_title(self._node)}"
        text = f"{shown} · {order}"
        filtered = self.search.text().strip() or self.evaluation.currentData() or self._node
        if not page.total and not filtered:
            # An empty notebook: say where notes come from instead of showing an empty table.
            text = f"{shown} yet. Type in the note on the right: it saves itself; Ctrl+T tags it."
        self.summary.setText(text)
        if self._keep_selection:
            row = self.model.row_of(self._keep_selection)
            if row >= 0:
                self._select_row(row, quietly=True)

    def _select_row(self, row: int, *, quietly: bool = False) -> None:
        selection = self.table.selectionModel()
        if quietly:
            selection.blockSignals(True)
        index = self.model.index(row, 0)
        selection.setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        if quietly:
            selection.blockSignals(False)

    def _fetch_more(self, cursor: Any) -> None:
        query = self.query(after=cursor)
        self.ctx.read(lambda nb: search_notes(nb, query), self.model.append, key="notes-more")

    def _row_changed(self, current: Any, _previous: Any) -> None:
        note_id = current.data(NoteIdRole) if current.isValid() else None
        if note_id:
            self._keep_selection = note_id
            self.note_chosen.emit(note_id)
