"""The framework tree: a model that passes the tester, live counts, and the filter it emits."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from fieldwork.domain.evidence import NoteDraft, Tag
from fieldwork.domain.ids import NoteId, new_id
from fieldwork.services import notes
from fieldwork.services.coverage import CriterionCoverage, criterion_coverage
from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.models.framework_counts import (
    AREAS,
    EVIDENCE,
    NAME,
    NO_EVIDENCE,
    SERIOUS,
    STRENGTHS,
)
from fieldwork.ui.models.framework_tree_model import FrameworkTreeModel, NodeIdRole, NodeKindRole
from fieldwork.ui.panels.framework_tree import FrameworkTreePanel
from tests.support.ui import workspace_context

pytestmark = pytest.mark.ui

STRATEGY = "hp.protection.strategy-enquiries"
CONFERENCES = "hp.protection.conferences-plans"


def _draft(*tags: Tag) -> NoteDraft:
    return NoteDraft(id=NoteId(new_id()), text="Strategy discussion held the same day.", tags=tags)


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[WorkspaceContext]:
    with workspace_context(tmp_path) as context:
        nb = context.notebook
        notes.save_note(nb, _draft(Tag(STRATEGY, "strength"), Tag(CONFERENCES, "context")))
        notes.save_note(nb, _draft(Tag(STRATEGY, "serious-weakness", escalate=True)))
        notes.save_note(nb, _draft(Tag(STRATEGY, "area-for-improvement")))
        yield context


def _coverage(qtbot: QtBot, ctx: WorkspaceContext) -> tuple[CriterionCoverage, ...]:
    found: list[Any] = []
    ctx.read(lambda nb: criterion_coverage(nb), found.append)
    qtbot.waitUntil(lambda: bool(found))
    return found[0]  # type: ignore[no-any-return]


def _cell(model: FrameworkTreeModel, node_id: str, column: int, role: int = 0) -> Any:
    index = model.index_of(node_id)
    return index.siblingAtColumn(column).data(role or Qt.ItemDataRole.DisplayRole)


def test_model_passes_the_tester_before_and_after_counts(
    qtbot: QtBot, qtmodeltester: Any, ctx: WorkspaceContext
) -> None:
    model = FrameworkTreeModel(ctx.framework)
    qtmodeltester.check(model)  # counts not loaded yet
    assert model.rowCount() == len(ctx.framework.judgements)
    first = model.index(0, NAME)
    judgement = ctx.framework.judgements[0]
    assert first.data() == judgement.short_title
    assert first.data(NodeIdRole) == judgement.id and first.data(NodeKindRole) == "judgement"
    assert judgement.id in first.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, EVIDENCE).data() == ""  # unknown, not "no evidence"

    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    changed: list[str] = []
    model.dataChanged.connect(lambda top, _bottom, _roles: changed.append(top.data(NodeIdRole)))
    spans: list[tuple[str, int, int]] = []
    model.dataChanged.connect(
        lambda top, bottom, _roles: spans.append(
            (top.data(NodeIdRole), top.column(), bottom.column())
        )
    )
    model.update_counts(_coverage(qtbot, ctx))
    qtmodeltester.check(model)
    assert not resets  # counts never reset the model

    assert _cell(model, STRATEGY, EVIDENCE) == "3"
    assert _cell(model, STRATEGY, STRENGTHS) == "1"
    assert _cell(model, STRATEGY, AREAS) == "1"
    assert _cell(model, STRATEGY, SERIOUS) == "1"
    assert _cell(model, "hp.protection", EVIDENCE) == "4"  # a theme is the sum of its criteria
    assert _cell(model, "hp", EVIDENCE) == "4"
    assert _cell(model, "hp", SERIOUS) == "1"
    assert _cell(model, STRATEGY, SERIOUS, Qt.ItemDataRole.AccessibleTextRole) == (
        "1 serious weakness"
    )
    assert "1 escalated" in _cell(model, STRATEGY, NAME, Qt.ItemDataRole.AccessibleTextRole)

    empty = "lead.knowledge.self-evaluation"
    assert _cell(model, empty, EVIDENCE) == NO_EVIDENCE
    assert _cell(model, empty, SERIOUS, Qt.ItemDataRole.AccessibleTextRole) == "no evidence"
    assert "no evidence" in _cell(model, empty, NAME, Qt.ItemDataRole.AccessibleTextRole)
    assert _cell(model, empty, NAME, Qt.ItemDataRole.FontRole).italic()
    assert _cell(model, empty, NAME, Qt.ItemDataRole.ForegroundRole) is not None
    assert _cell(model, STRATEGY, NAME, Qt.ItemDataRole.ForegroundRole) is None

    # A second update with the same numbers changes nothing; one changed criterion changes
    # that criterion, its theme and its judgement only.
    changed.clear()
    spans.clear()
    coverage = _coverage(qtbot, ctx)
    model.update_counts(coverage)
    assert changed == []
    bumped = tuple(
        CriterionCoverage(c.criterion_id, c.judgement_id, c.theme_id, strengths=1)
        if c.criterion_id == empty
        else c
        for c in coverage
    )
    model.update_counts(bumped)
    qtmodeltester.check(model)
    # The row of each (counts, and the name's look and spoken text), one signal per parent.
    assert sorted(spans) == sorted((n, NAME, SERIOUS) for n in ("lead", "lead.knowledge", empty))
    assert _cell(model, empty, EVIDENCE) == "1"
    assert not _cell(model, empty, NAME, Qt.ItemDataRole.FontRole)  # no longer muted

    # More evidence where there was some: the same rows, and no others.
    spans.clear()
    model.update_counts(
        tuple(
            CriterionCoverage(c.criterion_id, c.judgement_id, c.theme_id, strengths=2)
            if c.criterion_id == empty
            else c
            for c in coverage
        )
    )
    assert sorted(spans) == sorted((n, NAME, SERIOUS) for n in ("lead", "lead.knowledge", empty))

    model.clear_counts()
    qtmodeltester.check(model)
    assert _cell(model, STRATEGY, EVIDENCE) == ""


def test_selecting_a_node_emits_the_filter_and_all_notes_clears_it(
    qtbot: QtBot, ctx: WorkspaceContext
) -> None:
    panel = FrameworkTreePanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(600, 500)
    panel.show()
    tree = panel.tree
    assert tree.accessibleName() == "Framework: judgements, themes and criteria"
    assert tree.uniformRowHeights()
    hp = panel.model.index_of("hp")
    assert tree.isExpanded(hp) and not tree.isExpanded(panel.model.index_of("hp.protection"))

    index = panel.model.index_of(STRATEGY)
    with qtbot.waitSignal(ctx.framework_filter_changed) as signal:
        tree.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
    assert signal.args == [STRATEGY]
    assert panel.current_filter == STRATEGY and not panel.all_notes.isChecked()

    with qtbot.waitSignal(ctx.framework_filter_changed) as signal:
        qtbot.mouseClick(panel.all_notes, Qt.MouseButton.LeftButton)
    assert signal.args == [None]
    assert panel.all_notes.isChecked() and not tree.selectionModel().hasSelection()

    # A filter set elsewhere is shown here without being emitted a second time.
    emitted: list[object] = []
    ctx.framework_filter_changed.connect(emitted.append)
    ctx.framework_filter_changed.emit("cic")
    assert emitted == ["cic"]
    assert tree.currentIndex().data(NodeIdRole) == "cic"


def test_keyboard_moves_emit_the_filter(qtbot: QtBot, ctx: WorkspaceContext) -> None:
    panel = FrameworkTreePanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    panel.tree.setFocus()
    with qtbot.waitSignal(ctx.framework_filter_changed) as signal:
        qtbot.keyClick(panel.tree, Qt.Key.Key_Down)
    assert signal.args[0] in {j.id for j in ctx.framework.judgements}


def test_counts_load_on_show_and_follow_saved_evidence(qtbot: QtBot, ctx: WorkspaceContext) -> None:
    panel = FrameworkTreePanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    model = panel.model
    qtbot.waitUntil(lambda: _cell(model, STRATEGY, EVIDENCE) == "3")
    assert _cell(model, "cic.permanence.planning", EVIDENCE) == NO_EVIDENCE

    saved: list[object] = []
    draft = _draft(Tag("cic.permanence.planning", "strength"), Tag(STRATEGY, "strength"))

    def after_save(result: object) -> None:
        saved.append(result)
        ctx.evidence_changed.emit()

    ctx.write(lambda nb: notes.save_note(nb, draft), after_save)
    qtbot.waitUntil(lambda: _cell(model, "cic.permanence.planning", EVIDENCE) == "1")
    assert saved
    assert _cell(model, STRATEGY, EVIDENCE) == "4"
    assert _cell(model, STRATEGY, STRENGTHS) == "2"
    assert _cell(model, "cic", EVIDENCE) == "1"
