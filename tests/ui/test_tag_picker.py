"""The tag picker: typing finds criteria, Enter tags one, single keys change the selected tag."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldwork.domain.evidence import SOURCES, Tag
from fieldwork.frameworks.library import default_library
from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.panels.criterion_search import CriterionIndex, words_of
from fieldwork.ui.panels.tag_picker import TagPicker
from fieldwork.ui.panels.tag_rows import CriterionRole, describe_tag
from tests.support.ui import workspace_context

pytestmark = pytest.mark.ui

STRATEGY = "hp.protection.strategy-enquiries"
CONFERENCES = "hp.protection.conferences-plans"
PERMANENCE = "cic.permanence.planning"


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[WorkspaceContext]:
    with workspace_context(tmp_path) as context:
        yield context


@pytest.fixture
def picker(qtbot: QtBot, ctx: WorkspaceContext) -> TagPicker:
    widget = TagPicker(ctx)
    qtbot.addWidget(widget)
    widget.resize(480, 360)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _popup_ids(picker: TagPicker) -> list[str]:
    popup = picker.popup
    return [popup.item(row).data(CriterionRole) for row in range(popup.count())]


def _press(qtbot: QtBot, picker: TagPicker, key: Qt.Key) -> tuple[Tag, ...]:
    with qtbot.waitSignal(picker.tags_edited, timeout=1000) as signal:
        qtbot.keyClick(picker.list, key)
    assert signal.args[0] == picker.tags()
    return picker.tags()


# --- matching typed words to criteria (no Qt) --------------------------------------------------
def test_ranking_by_id_heading_keywords_and_theme() -> None:
    framework = next(f for f in default_library().frameworks if f.id == "ilacs-2023")
    index = CriterionIndex(framework)
    assert index.search("strat")[0].criterion.id == STRATEGY
    assert index.search("strategy")[0].criterion.id == STRATEGY
    assert index.search("s47")[0].criterion.id == STRATEGY  # a keyword
    assert index.search(STRATEGY)[0].criterion.id == STRATEGY  # the id itself
    assert {m.criterion.id for m in index.search("hp.protection")[:2]} == {STRATEGY, CONFERENCES}
    assert index.search("caseload")[0].criterion.id == "lead.workforce.stability-caseloads"
    assert index.search("care leaver housing")[0].criterion.id == "cl.outcomes.accommodation"
    assert index.search("IRO")[0].criterion.id == "cic.practice.iro-reviews"
    assert index.search("zzzz") == () and index.search("  ") == ()
    assert words_of("Children's homes") == ("childrens", "homes")


# --- the search box and its popup --------------------------------------------------------------
def test_typing_offers_criteria_and_enter_adds_a_strength(qtbot: QtBot, picker: TagPicker) -> None:
    picker.focus_search()
    qtbot.keyClicks(picker.search, "strat")
    assert picker.popup.isVisible()
    assert _popup_ids(picker)[0] == STRATEGY
    first = picker.popup.item(0)
    assert "Strategy discussions" in first.data(Qt.ItemDataRole.DisplayRole)
    assert "section 47" in first.toolTip()  # the criterion's "good" text
    with qtbot.waitSignal(picker.tags_edited) as signal:
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert signal.args == [(Tag(STRATEGY, "strength"),)]
    assert not picker.popup.isVisible() and picker.search.text() == ""
    assert picker.selected_tag() == Tag(STRATEGY, "strength")
    assert picker.list.count() == 1


def test_up_down_choose_and_escape_closes(qtbot: QtBot, picker: TagPicker) -> None:
    qtbot.keyClicks(picker.search, "child protection")
    ids = _popup_ids(picker)
    assert len(ids) >= 3 and picker.popup.currentRow() == 0
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    qtbot.keyClick(picker.search, Qt.Key.Key_Up)
    assert picker.popup.currentRow() == 1
    qtbot.keyClick(picker.search, Qt.Key.Key_Escape)
    assert not picker.popup.isVisible() and picker.search.text() == "child protection"
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)  # opens it again
    assert picker.popup.isVisible()
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    with qtbot.waitSignal(picker.tags_edited) as signal:
        qtbot.keyClick(picker.search, Qt.Key.Key_Enter)
    assert signal.args[0][0].criterion_id == ids[1]
    # Escape with nothing to close hands the focus back (the window connects `finished`).
    with qtbot.waitSignal(picker.finished):
        qtbot.keyClick(picker.search, Qt.Key.Key_Escape)


def test_adding_a_tagged_criterion_selects_it(qtbot: QtBot, picker: TagPicker) -> None:
    picker.set_tags((Tag(STRATEGY, "context"), Tag(PERMANENCE, "strength")))
    picker.list.setCurrentRow(1)
    qtbot.keyClicks(picker.search, "strategy")
    assert "already tagged" in picker.popup.item(0).data(Qt.ItemDataRole.AccessibleTextRole)
    with qtbot.assertNotEmitted(picker.tags_edited):
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.list.currentRow() == 0 and len(picker.tags()) == 2


def test_set_tags_shows_them_without_emitting(qtbot: QtBot, picker: TagPicker) -> None:
    tags = (
        Tag(STRATEGY, "serious-weakness", "observed", "inadequate", True, True),
        Tag(CONFERENCES, "context"),
    )
    with qtbot.assertNotEmitted(picker.tags_edited):
        picker.set_tags(tags)
    assert picker.tags() == tags and picker.list.count() == 2
    summary = picker.list.item(0).data(Qt.ItemDataRole.DisplayRole)
    for words in ("Serious weakness", "Observed", "leaning Inadequate", "corroborated", "ESCALATE"):
        assert words in summary
    assert "context" in picker.list.item(1).data(Qt.ItemDataRole.AccessibleTextRole).lower()
    assert not picker.evaluation.isEnabled()  # nothing selected yet
    picker.list.setCurrentRow(0)
    assert picker.evaluation.currentData() == "serious-weakness"
    assert picker.leaning.currentData() == "inadequate"
    assert picker.escalate.isChecked() and "ESCALATE" in picker.escalate.text()


def test_single_keys_change_the_selected_tag(qtbot: QtBot, picker: TagPicker) -> None:
    picker.set_tags((Tag(STRATEGY, "strength"), Tag(PERMANENCE, "strength")))
    picker.list.setFocus()
    picker.list.setCurrentRow(0)
    assert _press(qtbot, picker, Qt.Key.Key_A)[0].evaluation == "area-for-improvement"
    assert _press(qtbot, picker, Qt.Key.Key_W)[0].evaluation == "serious-weakness"
    assert _press(qtbot, picker, Qt.Key.Key_C)[0].evaluation == "context"
    assert _press(qtbot, picker, Qt.Key.Key_S)[0].evaluation == "strength"
    for number, source in enumerate(SOURCES, start=1):
        assert _press(qtbot, picker, Qt.Key(Qt.Key.Key_0 + number))[0].source == source
    assert _press(qtbot, picker, Qt.Key.Key_0)[0].source is None
    leanings = [_press(qtbot, picker, Qt.Key.Key_G)[0].grade_leaning for _ in range(5)]
    assert leanings == ["outstanding", "good", "requires-improvement", "inadequate", None]
    assert _press(qtbot, picker, Qt.Key.Key_K)[0].corroborated
    assert not _press(qtbot, picker, Qt.Key.Key_K)[0].corroborated
    assert _press(qtbot, picker, Qt.Key.Key_E)[0].escalate
    assert picker.list.item(0).data(Qt.ItemDataRole.DisplayRole).startswith("Strategy discussions")
    assert "ESCALATE NOW" in picker.list.item(0).data(Qt.ItemDataRole.DisplayRole)
    assert picker.escalate.font().bold()
    assert not _press(qtbot, picker, Qt.Key.Key_E)[0].escalate
    assert picker.tags()[1] == Tag(PERMANENCE, "strength")  # the other tag is untouched

    # Modified keys are shortcuts, not tag keys.
    with qtbot.assertNotEmitted(picker.tags_edited):
        qtbot.keyClick(picker.list, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    # Our keys win over window shortcuts (e.g. a "delete note" action bound to Delete).
    override = QKeyEvent(
        QEvent.Type.ShortcutOverride, Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier
    )
    override.ignore()
    QApplication.sendEvent(picker.list, override)
    assert override.isAccepted()

    assert _press(qtbot, picker, Qt.Key.Key_Delete) == (Tag(PERMANENCE, "strength"),)
    assert picker.selected_tag() == Tag(PERMANENCE, "strength")


def test_the_last_evaluation_used_is_the_next_default(qtbot: QtBot, picker: TagPicker) -> None:
    picker.add_criterion(STRATEGY)
    picker.list.setFocus()
    _press(qtbot, picker, Qt.Key.Key_W)
    with qtbot.waitSignal(picker.tags_edited):
        picker.add_criterion(PERMANENCE)
    assert picker.tags()[1] == Tag(PERMANENCE, "serious-weakness")


def test_mouse_controls_edit_the_selected_tag(qtbot: QtBot, picker: TagPicker) -> None:
    picker.set_tags((Tag(STRATEGY, "strength"),))
    picker.list.setCurrentRow(0)
    for widget in (picker.evaluation, picker.source, picker.leaning, picker.escalate):
        assert widget.isEnabled() and widget.accessibleName()
    with qtbot.waitSignal(picker.tags_edited):
        qtbot.mouseClick(picker.corroborated, Qt.MouseButton.LeftButton)
    assert picker.tags()[0].corroborated
    with qtbot.waitSignal(picker.tags_edited):
        picker.source.activated.emit(picker.source.findData("child-or-family"))
    with qtbot.waitSignal(picker.tags_edited):
        picker.evaluation.activated.emit(picker.evaluation.findData("context"))
    assert picker.tags()[0] == Tag(STRATEGY, "context", "child-or-family", corroborated=True)
    with qtbot.waitSignal(picker.tags_edited):
        qtbot.mouseClick(picker.remove, Qt.MouseButton.LeftButton)
    assert picker.tags() == () and not picker.remove.isEnabled()


def test_text_from_files_is_escaped_in_tooltips(picker: TagPicker, ctx: WorkspaceContext) -> None:
    odd = Tag("<img src=x>", "strength")  # an id no framework has, shown as it is
    picker.set_tags((odd,))
    assert "&lt;img src=x&gt;" in picker.list.item(0).toolTip()
    heading, summary, sentence = describe_tag(ctx.framework, odd)
    assert heading == "<img src=x>" and "no source" in summary and sentence.endswith(".")
