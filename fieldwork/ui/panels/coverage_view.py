"""The coverage view: criteria against evidence counts by evaluation, with a table twin."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.evidence import Enquiry
from fieldwork.domain.framework import Framework
from fieldwork.services.coverage import criterion_coverage
from fieldwork.services.judgements import list_enquiries
from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.models.judgements_model import (
    EVALUATION_NAMES,
    CoverageRow,
    CoverageTableModel,
    CriterionIdRole,
    coverage_rows,
    unanswered,
)
from fieldwork.ui.panels.coverage_canvas import CoverageCanvas, CoverageLegend
from fieldwork.ui.panels.shown_loading import LoadWhenShown
from fieldwork.ui.tasks import weak_callback


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


class CoverageView(QWidget):
    """Which criteria have evidence, split by evaluation; a click filters the notes to a node."""

    refreshed = Signal()  # new numbers are shown

    def __init__(
        self,
        ctx: WorkspaceContext,
        parent: QWidget | None = None,
        *,
        load_when_shown: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.without_evidence: tuple[str, ...] = ()  # criterion ids, in the order shown
        self.setAccessibleName("Coverage of the framework")

        self.legend = CoverageLegend()
        self.table_toggle = QPushButton("Show as &table")
        self.table_toggle.setCheckable(True)
        self.table_toggle.setAccessibleName("Show the coverage as a table")
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Coverage summary")

        self.canvas = CoverageCanvas()
        self.canvas.setAccessibleName("Coverage bars")
        self.chart_area = QScrollArea()
        self.chart_area.setWidget(self.canvas)
        self.chart_area.setWidgetResizable(True)
        self.chart_area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # PageUp and PageDown scroll it
        self.chart_area.setAccessibleName("Coverage chart")
        self.model = CoverageTableModel(self)  # owned by Qt, so it dies on the GUI thread
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Coverage table")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.chart_area)
        self.stack.addWidget(self.table)

        self.open_title = QLabel("Lines of enquiry without an answer")
        bold = QFont(self.open_title.font())
        bold.setBold(True)
        self.open_title.setFont(bold)
        self.open_list = QListWidget()
        self.open_list.setAccessibleName("Lines of enquiry without an answer")
        self.open_list.setWordWrap(True)
        self.open_title.setBuddy(self.open_list)
        self.none_open = QLabel("Every line of enquiry has at least one answering note.")
        self.none_open.setTextFormat(Qt.TextFormat.PlainText)

        top = QHBoxLayout()
        top.addWidget(self.legend, 1)
        top.addWidget(self.table_toggle)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.open_title)
        layout.addWidget(self.open_list)
        layout.addWidget(self.none_open)
        self.setTabOrder(self.table_toggle, self.chart_area)
        self.setTabOrder(self.chart_area, self.table)
        self.setTabOrder(self.table, self.open_list)

        self.table_toggle.toggled.connect(self._show_table)
        self.canvas.picked.connect(self.ctx.framework_filter_changed.emit)
        self.table.activated.connect(self._pick_row)  # Enter (and double-click)
        self.table.clicked.connect(self._pick_row)
        # Hidden, it only notes that it is out of date, and loads when next shown.
        self._loader = LoadWhenShown(self, self.refresh)
        self.ctx.evidence_changed.connect(self._loader.request)
        if not load_when_shown:
            self.refresh()

    # --- data --------------------------------------------------------------------------
    def refresh(self) -> None:
        self._loader.stale = False
        # A key of its own: the framework tree also reads coverage, and a shared key would let
        # one panel's request replace the other's.
        self.ctx.read(
            lambda nb: (criterion_coverage(nb), list_enquiries(nb)),
            weak_callback(self._apply),
            key="coverage-view",
        )

    def _apply(self, result: tuple[Any, list[Enquiry]]) -> None:
        coverage, enquiries = result
        framework = self.ctx.framework
        rows = coverage_rows(framework, coverage)
        self.canvas.set_rows(framework, rows)
        self.model.replace(rows)
        self.without_evidence = tuple(r.criterion_id for r in rows if not r.total)
        open_ones = unanswered(enquiries)
        covered = len(rows) - len(self.without_evidence)
        lines = _plural(len(open_ones), "line of enquiry has", "lines of enquiry have")
        self.summary.setText(f"{covered} of {len(rows)} criteria have evidence; {lines} no answer.")
        self.open_list.clear()
        for enquiry in open_ones:
            self.open_list.addItem(enquiry.question)
            item = self.open_list.item(self.open_list.count() - 1)
            item.setToolTip(html.escape(enquiry.question))
        self.open_list.setVisible(bool(open_ones))
        # With no lines of enquiry at all, "every one is answered" would mislead a new notebook.
        self.none_open.setText(
            "Every line of enquiry has at least one answering note."
            if enquiries
            else "No lines of enquiry yet: add the team's questions under Lines of enquiry."
        )
        self.none_open.setVisible(not open_ones)
        rows_shown = min(max(len(open_ones), 1), 5)
        self.open_list.setMaximumHeight(self.open_list.sizeHintForRow(0) * rows_shown + 8)
        description = self._description(framework, rows)
        self.chart_area.setAccessibleDescription(description)
        self.canvas.setAccessibleDescription(description)
        self.refreshed.emit()

    def _description(self, framework: Framework, rows: tuple[CoverageRow, ...]) -> str:
        """What the painted bars say, for screen readers."""
        parts = [self.summary.text()]
        for judgement in framework.body_order:
            mine = [r for r in rows if r.judgement_id == judgement.id]
            totals = [sum(r.counts[i] for r in mine) for i in range(4)]
            counts = ", ".join(
                f"{n} {name.lower()}" for name, n in zip(EVALUATION_NAMES, totals, strict=True)
            )
            covered = sum(1 for r in mine if r.total)
            parts.append(
                f"{judgement.title}: {covered} of {len(mine)} criteria with evidence; {counts}."
            )
        parts.append("Choose Show as table to read each criterion.")
        return " ".join(parts)

    # --- interaction -------------------------------------------------------------------
    def _show_table(self, table: bool) -> None:
        self.stack.setCurrentIndex(1 if table else 0)
        self.table_toggle.setText("Show as &chart" if table else "Show as &table")
        self.table_toggle.setAccessibleName(
            "Show the coverage as a chart" if table else "Show the coverage as a table"
        )

    def _pick_row(self, index: QModelIndex) -> None:
        criterion_id = self.model.data(index, CriterionIdRole)
        if criterion_id:
            self.ctx.framework_filter_changed.emit(criterion_id)
