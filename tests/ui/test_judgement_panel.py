"""The judgement panel: grades and rationale save, warnings sit beside the grades they name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from fieldwork.domain.evidence import NoteDraft, ProvisionalJudgement, Tag
from fieldwork.domain.ids import NoteId, new_id
from fieldwork.services import judgements, notes
from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.panels.judgement_panel import JudgementPanel
from tests.support.ui import workspace_context

pytestmark = pytest.mark.ui


@pytest.fixture
def ctx(tmp_path: Path, qtbot: QtBot) -> Iterator[WorkspaceContext]:
    with workspace_context(tmp_path) as context:
        weakness = Tag("hp.front-door.thresholds", "serious-weakness")
        draft = NoteDraft(
            NoteId(new_id()), "Threshold applied <i>late</i>.\nMore.", tags=(weakness,)
        )
        notes.save_note(context.notebook, draft)
        yield context
        for _ in range(5):  # let the last results arrive; one can start another read
            qtbot.waitUntil(lambda: not context.tasks.busy)
            qtbot.wait(20)
            if not context.tasks.busy:
                break


@pytest.fixture
def panel(qtbot: QtBot, ctx: WorkspaceContext) -> JudgementPanel:
    panel = JudgementPanel(ctx)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.refreshed, timeout=5000):
        pass  # the constructor asked the read lane already
    panel.resize(900, 1400)
    return panel


def _stored(ctx: WorkspaceContext, judgement_id: str) -> ProvisionalJudgement:
    view = judgements.judgements_view(ctx.notebook)  # on the test thread, after the lane saved
    return next(j for j in view.judgements if j.judgement_id == judgement_id)


def _grade(panel: JudgementPanel, judgement_id: str, grade_id: str | None) -> None:
    combo = panel.section(judgement_id).grade
    combo.setCurrentIndex(combo.findData(grade_id))


def test_sections_follow_the_report_table_and_offer_the_grades(panel: JudgementPanel) -> None:
    assert list(panel.sections) == ["lead", "hp", "cic", "cl", "oe"]
    combo = panel.section("hp").grade
    assert combo.itemText(0) == "Not graded yet" and combo.itemData(0) is None
    assert [combo.itemData(i) for i in range(1, combo.count())] == [
        "outstanding",
        "good",
        "requires-improvement",
        "inadequate",
    ]
    assert "1 serious weakness" in panel.section("hp").counts.text()
    assert all(
        s.grade.accessibleName() and s.rationale.accessibleName() for s in panel.sections.values()
    )


def test_choosing_a_grade_saves_it(
    qtbot: QtBot, ctx: WorkspaceContext, panel: JudgementPanel
) -> None:
    with qtbot.waitSignal(panel.judgement_saved) as blocker:
        _grade(panel, "hp", "good")
    assert blocker.args == ["hp"]
    assert _stored(ctx, "hp").grade == "good"
    # Good with a serious weakness tagged: the evidence rule shows beside the hp grade.
    qtbot.waitUntil(lambda: "evidence-serious-weakness" in panel.section("hp").warning_rule_ids())
    assert panel.section("hp").grade.currentData() == "good"  # a warning never changes a grade


def test_oe_better_than_hp_notice_shows_beside_both(
    qtbot: QtBot, ctx: WorkspaceContext, panel: JudgementPanel
) -> None:
    grades = {
        "lead": "good",
        "hp": "requires-improvement",
        "cic": "good",
        "cl": "good",
        "oe": "good",
    }
    for judgement_id, grade in grades.items():
        _grade(panel, judgement_id, grade)
    qtbot.waitUntil(lambda: "oe-better-than-hp" in panel.section("oe").warning_rule_ids())
    assert "oe-better-than-hp" in panel.section("hp").warning_rule_ids()
    for other in ("lead", "cic", "cl"):
        assert "oe-better-than-hp" not in panel.section(other).warning_rule_ids()
    oe = panel.section("oe")
    assert oe.warnings.isVisibleTo(oe)
    shown = [label.text() for label in oe.warnings.findChildren(QLabel)]
    assert any("one grade better than help and protection" in text for text in shown)
    assert {j: panel.section(j).grade.currentData() for j in grades} == grades
    qtbot.waitUntil(lambda: _stored(ctx, "oe").grade == "good")
    assert {j: _stored(ctx, j).grade for j in grades} == grades


def test_rationale_is_saved_after_a_pause(
    qtbot: QtBot, ctx: WorkspaceContext, panel: JudgementPanel
) -> None:
    rationale = panel.section("cic").rationale
    qtbot.keyClicks(rationale, "Permanence drifts for some.")
    assert panel.section("cic").timer.isActive()
    assert _stored(ctx, "cic").rationale == ""  # not yet: it waits for typing to stop
    qtbot.waitUntil(
        lambda: _stored(ctx, "cic").rationale == "Permanence drifts for some.", timeout=3000
    )


def test_leaving_the_rationale_saves_at_once(
    qtbot: QtBot, ctx: WorkspaceContext, panel: JudgementPanel
) -> None:
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    section = panel.section("cl")
    section.rationale.setFocus()
    qtbot.waitUntil(section.rationale.hasFocus)
    qtbot.keyClicks(section.rationale, "Care leavers are known well.")
    with qtbot.waitSignal(panel.judgement_saved, timeout=1000):
        section.grade.setFocus()
        assert not section.timer.isActive()  # the focus change sent it without the pause
    assert _stored(ctx, "cl").rationale == "Care leavers are known well."


def test_supporting_notes_added_from_the_editor_and_removed(
    qtbot: QtBot, ctx: WorkspaceContext, panel: JudgementPanel
) -> None:
    section = panel.section("lead")
    assert not section.add_note.isEnabled()
    saved = notes.save_note(
        ctx.notebook, NoteDraft(NoteId(new_id()), "Leaders know the service.\nx")
    )
    note = notes.get_note(ctx.notebook, saved.saved.id)
    ctx.current_note = note
    ctx.current_note_changed.emit(note)
    assert section.add_note.isEnabled()
    with qtbot.waitSignal(panel.judgement_saved):
        section.add_note.click()
    assert _stored(ctx, "lead").supporting_note_ids == (saved.saved.id,)
    assert section.supports.item(0).text() == "Leaders know the service."

    section.supports.setCurrentRow(0)
    assert section.remove_note.isEnabled()
    with qtbot.waitSignal(panel.judgement_saved):
        section.remove_note.click()
    assert _stored(ctx, "lead").supporting_note_ids == ()
    assert section.supports.count() == 0
