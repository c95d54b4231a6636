"""Framework tree count loads: a full load is one layout change, a few changed criteria are
signalled row by row, and both keep what is open and selected; titles stay readable."""

from __future__ import annotations

import html
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyledItemDelegate, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from fieldwork.domain.framework import Framework
from fieldwork.services.coverage import CriterionCoverage
from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.models.framework_counts import AREAS, COUNT_COLUMNS, EVIDENCE, NAME, SERIOUS
from fieldwork.ui.models.framework_tree_model import NodeIdRole
from fieldwork.ui.panels.framework_tree import FrameworkTreePanel
from fieldwork.ui.workspace import Workspace
from tests.support.ui import workspace_context

pytestmark = pytest.mark.ui

STRATEGY = "hp.protection.strategy-enquiries"


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[WorkspaceContext]:
    with workspace_context(tmp_path) as context:
        yield context


def _coverage(
    framework: Framework, extra: int = 0, only: str = ""
) -> tuple[CriterionCoverage, ...]:
    """Evidence for every criterion (each a little different), plus `extra` strengths on one."""
    return tuple(
        CriterionCoverage(
            c.id,
            c.judgement_id,
            c.theme_id,
            strengths=3 + i + (extra if c.id == only else 0),
            areas_for_improvement=i % 5,
            serious_weaknesses=i % 3,
        )
        for i, c in enumerate(framework.criteria)
    )


def _shown_panel(qtbot: QtBot, ctx: WorkspaceContext) -> FrameworkTreePanel:
    panel = FrameworkTreePanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(370, 700)
    panel.show()
    qtbot.waitUntil(lambda: panel.model.counts_of(STRATEGY) is not None)  # the notebook's own
    return panel


def _signals(model: Any) -> dict[str, list[Any]]:
    seen: dict[str, list[Any]] = {"data": [], "layout": [], "reset": []}
    model.dataChanged.connect(
        lambda top, bottom, _roles: seen["data"].append(
            (top.data(NodeIdRole), bottom.data(NodeIdRole), top.column(), bottom.column())
        )
    )
    model.layoutChanged.connect(lambda *_: seen["layout"].append(True))
    model.modelReset.connect(lambda: seen["reset"].append(True))
    return seen


def test_full_and_partial_loads_show_the_counts_and_keep_expansion_and_selection(
    qtbot: QtBot, qtmodeltester: Any, ctx: WorkspaceContext
) -> None:
    panel = _shown_panel(qtbot, ctx)
    model, tree = panel.model, panel.tree
    tree.expand(model.index_of("hp.protection"))
    panel.select_node(STRATEGY)
    emitted: list[object] = []
    ctx.framework_filter_changed.connect(emitted.append)
    seen = _signals(model)

    def kept() -> None:
        assert tree.isExpanded(model.index_of("hp")) and tree.isExpanded(
            model.index_of("hp.protection")
        )
        assert not tree.isExpanded(model.index_of("cic.permanence"))
        assert tree.currentIndex().data(NodeIdRole) == STRATEGY
        selected = tree.selectionModel().selectedRows()
        assert [i.data(NodeIdRole) for i in selected] == [STRATEGY]
        assert emitted == [] and panel.current_filter == STRATEGY

    # Every count changes: one layout change, no signal per parent, no reset.
    full = _coverage(ctx.framework)
    model.update_counts(full)
    qtmodeltester.check(model)
    assert seen == {"data": [], "layout": [True], "reset": []}
    kept()
    strategy = next(c for c in full if c.criterion_id == STRATEGY)
    counts = model.counts_of(STRATEGY)
    assert counts is not None and counts.strengths == strategy.strengths
    shown = model.index_of(STRATEGY)
    assert shown.siblingAtColumn(AREAS).data() == str(strategy.areas_for_improvement)
    theme = sum(c.total for c in full if c.theme_id == "hp.protection")
    assert model.index_of("hp.protection").siblingAtColumn(EVIDENCE).data() == str(theme)

    # One criterion changes: its row, its theme's and its judgement's, one signal each.
    seen["data"].clear()
    seen["layout"].clear()
    model.update_counts(_coverage(ctx.framework, extra=2, only=STRATEGY))
    assert seen["layout"] == [] and seen["reset"] == []
    assert sorted(seen["data"]) == sorted(
        (n, n, NAME, SERIOUS) for n in ("hp", "hp.protection", STRATEGY)
    )
    kept()
    assert shown.siblingAtColumn(EVIDENCE).data() == str(strategy.total + 2)
    assert model.index_of("hp.protection").siblingAtColumn(EVIDENCE).data() == str(theme + 2)

    # Locking forgets every count the same way, and the tree stays as it was.
    model.clear_counts()
    assert seen["layout"] == [True]
    assert shown.siblingAtColumn(EVIDENCE).data() == ""
    kept()


def test_the_view_lays_out_and_paints_a_load_without_calling_into_python(
    qtbot: QtBot, ctx: WorkspaceContext
) -> None:
    """Each call from Qt into Python waits for the interpreter, which a lane may hold: the
    repaint after a count load made about 800 such calls (2,950 before that), while the keys
    were being typed."""
    panel = _shown_panel(qtbot, ctx)
    panel.tree.expandAll()
    qtbot.wait(10)
    entries = 0

    def count(frame: Any, event: str, _arg: Any) -> None:
        nonlocal entries
        outer = frame.f_back
        if event == "call" and "fieldwork" in frame.f_code.co_filename and outer is not None:
            entries += "fieldwork" not in outer.f_code.co_filename  # called from Qt's side

    panel.model.update_counts(_coverage(ctx.framework))
    sys.setprofile(count)
    try:
        panel.tree.viewport().repaint()  # the layout is done first
    finally:
        sys.setprofile(None)
    assert entries == 0


def test_muted_rows_follow_the_palette(qtbot: QtBot, ctx: WorkspaceContext) -> None:
    panel = _shown_panel(qtbot, ctx)
    model = panel.model
    empty = ctx.framework.criteria[0].id
    model.update_counts(tuple(c for c in _coverage(ctx.framework) if c.criterion_id != empty))
    muted = model.index_of(empty).siblingAtColumn(EVIDENCE)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    palette = QPalette(before)
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#123456"))
    try:
        app.setPalette(palette)
        qtbot.waitUntil(lambda: muted.data(Qt.ItemDataRole.ForegroundRole) == QColor("#123456"))
    finally:
        app.setPalette(before)
    assert model.index_of(STRATEGY).data(Qt.ItemDataRole.ForegroundRole) is None


def test_painted_cells_take_their_own_look(qtbot: QtBot, ctx: WorkspaceContext) -> None:
    """The view hands each cell the entries of the cell painted before: a count's alignment
    must not carry over to the next title, nor a muted font to a criterion with evidence."""
    panel = _shown_panel(qtbot, ctx)
    model = panel.model
    model.update_counts(_coverage(ctx.framework))
    empty = ctx.framework.criteria[0].id
    model.update_counts(
        tuple(c for c in _coverage(ctx.framework) if c.criterion_id != empty)  # none on it
    )
    delegate = QStyledItemDelegate()

    def option(index: QModelIndex) -> QStyleOptionViewItem:
        opt = QStyleOptionViewItem()
        delegate.initStyleOption(opt, index)
        return opt

    right = Qt.AlignmentFlag.AlignRight
    muted = option(model.index_of(empty))
    assert muted.font.italic() and muted.text == model.index_of(empty).data()
    count = option(model.index_of(STRATEGY).siblingAtColumn(SERIOUS))
    assert count.displayAlignment & right
    title = option(model.index_of(STRATEGY))
    assert not title.displayAlignment & right and not title.font.italic()
    assert title.text == model.index_of(STRATEGY).data()


def test_at_1280_px_titles_get_the_width_and_tooltips_carry_them(
    qtbot: QtBot, ctx: WorkspaceContext
) -> None:
    workspace = Workspace(ctx)
    qtbot.addWidget(workspace)
    workspace.resize(1280, 760)
    workspace.show()
    qtbot.waitExposed(workspace)
    panel = workspace.tree
    model, tree, header = panel.model, panel.tree, panel.tree.header()
    qtbot.waitUntil(lambda: model.counts_of(STRATEGY) is not None)
    tree.expandAll()

    # The header paints the model's own texts, and names each mark in its tooltip.
    for column in (NAME, *COUNT_COLUMNS):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            shown = header.model().headerData(column, Qt.Orientation.Horizontal, role)
            assert shown and shown == model.headerData(column, Qt.Orientation.Horizontal, role)
    assert "Serious weaknesses" in model.headerData(
        SERIOUS, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    # The counts are as narrow as their numbers; the title column takes the rest.
    widths = [header.sectionSize(c) for c in COUNT_COLUMNS]
    assert header.sectionSize(NAME) >= 0.6 * tree.viewport().width()
    assert all(width <= 4 * tree.fontMetrics().horizontalAdvance("9") + 20 for width in widths)
    # A title the column cuts short is there in full in its tooltip.
    cut = 0
    for criterion in ctx.framework.criteria:
        index = model.index_of(criterion.id)
        room = tree.visualRect(index).width()
        tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
        assert tooltip.startswith(f"<p>{html.escape(criterion.heading)}</p>")
        cut += tree.fontMetrics().horizontalAdvance(criterion.heading) > room
    assert cut < len(ctx.framework.criteria)  # some at least are whole on screen
