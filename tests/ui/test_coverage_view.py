"""The coverage view: numbers from a real notebook, painting, the table twin, keyboard and clicks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from fieldwork.domain.evidence import Enquiry, NoteDraft, Tag
from fieldwork.domain.ids import EnquiryId, NoteId, new_id
from fieldwork.services import judgements, notes
from fieldwork.services.coverage import criterion_coverage
from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.models.judgements_model import CoverageTableModel, CriterionIdRole, coverage_rows
from fieldwork.ui.panels.coverage_view import CoverageView
from tests.support.ui import workspace_context

pytestmark = pytest.mark.ui

TAGGED = {
    "hp.front-door.timely-response": ("strength", "strength", "area-for-improvement"),
    "lead.knowledge.self-evaluation": ("serious-weakness", "context"),
    "cl.outcomes.accommodation": ("strength",),
}


def _note(text: str, *tags: Tag) -> NoteDraft:
    return NoteDraft(id=NoteId(new_id()), text=text, tags=tags)


@pytest.fixture
def ctx(tmp_path: Path, qtbot: QtBot) -> Iterator[WorkspaceContext]:
    with workspace_context(tmp_path) as context:
        framework = context.framework
        for criterion_id, evaluations in TAGGED.items():
            assert framework.has(criterion_id), criterion_id
            for number, evaluation in enumerate(evaluations):
                tag = Tag(criterion_id, evaluation)  # type: ignore[arg-type]
                notes.save_note(context.notebook, _note(f"{criterion_id} note {number}", tag))
        answered = notes.save_note(context.notebook, _note("Answers the second question."))
        for question, answers in (
            ("Are <b>plans</b> for disabled children reviewed?", ()),
            ("Is supervision reflective?", (answered.saved.id,)),
        ):
            enquiry = Enquiry(EnquiryId(new_id()), question, answer_note_ids=answers)
            judgements.save_enquiry(context.notebook, enquiry)
        yield context
        for _ in range(5):  # let the last results arrive; one can start another read
            qtbot.waitUntil(lambda: not context.tasks.busy)
            qtbot.wait(20)
            if not context.tasks.busy:
                break


def _view(qtbot: QtBot, ctx: WorkspaceContext, width: int = 900, height: int = 600) -> CoverageView:
    view = CoverageView(ctx)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.refreshed, timeout=5000):
        pass  # the constructor asked the read lane already
    view.resize(width, height)
    return view


def test_gets_numbers_after_construction_and_paints(qtbot: QtBot, ctx: WorkspaceContext) -> None:
    view = _view(qtbot, ctx)
    criteria = ctx.framework.criteria
    empty = [c.id for c in criteria if c.id not in TAGGED]
    assert sorted(view.without_evidence) == sorted(empty)
    assert view.summary.text() == (
        f"3 of {len(criteria)} criteria have evidence; 1 line of enquiry has no answer."
    )
    no_evidence = [
        r
        for r in range(view.model.rowCount())
        if view.model.index(r, 6).data() == "No evidence yet"
    ]
    assert len(no_evidence) == len(empty)
    assert view.open_list.count() == 1
    assert view.open_list.item(0).text() == "Are <b>plans</b> for disabled children reviewed?"
    assert "criteria with evidence" in view.chart_area.accessibleDescription()
    view.show()
    qtbot.waitExposed(view)
    assert not view.grab().isNull()
    assert not view.canvas.grab().isNull()


def test_paints_in_a_dark_palette(qtbot: QtBot, ctx: WorkspaceContext) -> None:
    view = _view(qtbot, ctx)
    dark = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#eeeeee"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.Text, "#eeeeee"),
        (QPalette.ColorRole.AlternateBase, "#333333"),
    ):
        dark.setColor(role, QColor(colour))
    view.setPalette(dark)
    view.show()
    qtbot.waitExposed(view)
    image = view.canvas.grab().toImage()
    assert not image.isNull()
    assert QColor(image.pixel(2, 2)).lightness() < 60  # the chart's background follows Base
    # Some text was drawn in the palette's light text colour, not hard-coded black.
    light = any(
        QColor(image.pixel(x, y)).lightness() > 200 for x in range(8, 300) for y in range(4, 40)
    )
    assert light


def test_table_model_passes_the_tester(qtbot: QtBot, qtmodeltester, ctx: WorkspaceContext) -> None:  # type: ignore[no-untyped-def]
    model = CoverageTableModel()
    qtmodeltester.check(model)
    loaded: list[object] = []
    ctx.read(criterion_coverage, loaded.append)
    qtbot.waitUntil(lambda: bool(loaded))
    rows = coverage_rows(ctx.framework, loaded[0])  # type: ignore[arg-type]
    model.replace(rows)
    qtmodeltester.check(model)
    model.replace(rows[:5])
    qtmodeltester.check(model)
    assert model.rowCount() == 5


def test_click_on_a_bar_and_enter_in_the_table_filter_the_notes(
    qtbot: QtBot, ctx: WorkspaceContext
) -> None:
    view = _view(qtbot, ctx)
    view.show()
    qtbot.waitExposed(view)
    line = view.canvas.line_for("hp.front-door.timely-response")
    assert line is not None
    view.chart_area.ensureVisible(40, line.top + line.height // 2)
    with qtbot.waitSignal(ctx.framework_filter_changed) as blocker:
        qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=QPoint(60, line.top + 4))
    assert blocker.args == ["hp.front-door.timely-response"]

    view.table_toggle.click()
    assert view.stack.currentWidget() is view.table
    row = next(
        r
        for r in range(view.model.rowCount())
        if view.model.index(r, 0).data(CriterionIdRole) == "lead.knowledge.self-evaluation"
    )
    view.table.setCurrentIndex(view.model.index(row, 0))
    view.table.setFocus()
    with qtbot.waitSignal(ctx.framework_filter_changed) as blocker:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert blocker.args == ["lead.knowledge.self-evaluation"]


def test_page_down_scrolls_and_new_evidence_refreshes(qtbot: QtBot, ctx: WorkspaceContext) -> None:
    view = _view(qtbot, ctx, height=400)
    view.show()
    qtbot.waitExposed(view)
    assert view.chart_area.focusPolicy() & Qt.FocusPolicy.TabFocus
    view.chart_area.setFocus()
    bar = view.chart_area.verticalScrollBar()
    assert bar.value() == 0
    qtbot.keyClick(view.chart_area, Qt.Key.Key_PageDown)
    assert bar.value() > 0

    tag = Tag("cic.homes.stability-matching", "strength")
    assert ctx.framework.has(tag.criterion_id)
    ctx.write(lambda nb: notes.save_note(nb, _note("New evidence", tag)), lambda _r: None)
    qtbot.waitUntil(lambda: not ctx.tasks.busy)
    with qtbot.waitSignal(view.refreshed, timeout=5000):
        ctx.evidence_changed.emit()
    assert "cic.homes.stability-matching" not in view.without_evidence
    assert view.summary.text().startswith("4 of ")
