"""Suggested tags while a note is typed: after a pause, off the GUI thread, added only by a key."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldwork.domain.evidence import Note
from fieldwork.domain.suggestions import SuggestionLearning
from fieldwork.services import notes
from fieldwork.services.suggestions import prepare_suggestions
from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.panels.suggestion_bar import WAITING
from fieldwork.ui.workspace import Workspace
from tests.support.ui import workspace_context

pytestmark = pytest.mark.ui

NOTE = "Strategy discussion for C-162 held the same day with police; section 47 enquiries began."


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[WorkspaceContext]:
    with workspace_context(tmp_path) as context:
        # As in the app: any database access from the GUI thread raises.
        context.notebook.forbid_thread(threading.main_thread())
        yield context
        context.notebook.database._forbidden.clear()  # closing checkpoints on this thread


@pytest.fixture
def workspace(qtbot: QtBot, ctx: WorkspaceContext) -> Workspace:
    widget = Workspace(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    widget.start()
    return widget


def stored(qtbot: QtBot, ctx: WorkspaceContext, note_id: str) -> Note:
    found: list[Note | None] = []
    ctx.read(lambda nb: notes.get_note(nb, note_id), found.append)
    qtbot.waitUntil(lambda: bool(found))
    assert found[0] is not None
    return found[0]


def type_and_wait(qtbot: QtBot, workspace: Workspace, text: str) -> list[str]:
    bar = workspace.tags.suggestions
    qtbot.keyClicks(workspace.editor.text, text)
    # Nothing is asked while keys keep coming: the request waits for a pause in typing.
    assert workspace.tags.feed.timer.isActive()
    qtbot.waitUntil(lambda: bool(bar.suggested()), timeout=10000)
    return bar.suggested()


def test_alt_1_adds_the_top_suggestion_as_a_tag_and_it_is_saved(
    qtbot: QtBot, workspace: Workspace, ctx: WorkspaceContext
) -> None:
    picker, bar = workspace.tags, workspace.tags.suggestions
    assert bar.header.text() == WAITING
    suggested = type_and_wait(qtbot, workspace, NOTE)
    assert suggested[0] == "hp.protection.strategy-enquiries"
    assert bar.header.text().startswith("Looks like Help and protection")
    assert picker.tags() == ()  # shown, never applied by itself
    first = bar.buttons[0]
    assert first.text().startswith("Alt+1  Strategy discussions")
    assert "Alt+1 adds it" in first.accessibleName()
    assert "Why:" in first.toolTip() and "strategy discussion" in first.toolTip()

    with qtbot.waitSignal(picker.tags_edited, timeout=2000):
        qtbot.keyClick(workspace.editor.text, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert [t.criterion_id for t in picker.tags()] == [suggested[0]]
    assert workspace.editor.text.hasFocus()  # the inspector keeps typing
    assert workspace.editor.text.toPlainText() == NOTE  # the key typed nothing
    assert suggested[0] not in bar.suggested()  # a tag is not suggested again

    note_id = workspace.editor.draft.id
    qtbot.waitUntil(lambda: not workspace.editor.dirty, timeout=10000)
    saved = stored(qtbot, ctx, note_id)
    assert [t.criterion_id for t in saved.tags] == [suggested[0]]
    assert saved.tags[0].evaluation == "strength"  # the same default as a tag chosen by hand

    # The notebook's profiles see the accepted tag.
    learned: list[SuggestionLearning] = []
    ctx.read(prepare_suggestions, learned.append)
    qtbot.waitUntil(lambda: bool(learned))
    assert learned[0].learned == 1 and learned[0].remaining == 0


def test_a_click_adds_the_suggestion_too(qtbot: QtBot, workspace: Workspace) -> None:
    suggested = type_and_wait(qtbot, workspace, NOTE)
    with qtbot.waitSignal(workspace.tags.tags_edited, timeout=2000):
        qtbot.mouseClick(workspace.tags.suggestions.buttons[1], Qt.MouseButton.LeftButton)
    assert [t.criterion_id for t in workspace.tags.tags()] == [suggested[1]]


def test_a_new_note_starts_without_suggestions_and_short_text_gets_none(
    qtbot: QtBot, workspace: Workspace
) -> None:
    type_and_wait(qtbot, workspace, NOTE)
    workspace.new_note()
    bar = workspace.tags.suggestions
    assert bar.suggested() == [] and bar.header.text() == WAITING
    qtbot.keyClicks(workspace.editor.text, "Police")
    workspace.tags.feed.refresh()  # what the timer does after the pause
    assert bar.suggested() == []
    qtbot.keyClick(workspace.editor.text, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert workspace.tags.tags() == ()


def test_switched_off_nothing_is_suggested_and_the_keys_do_nothing(
    qtbot: QtBot, workspace: Workspace
) -> None:
    picker = workspace.tags
    type_and_wait(qtbot, workspace, NOTE)
    picker.set_suggestions_enabled(False)
    assert not picker.suggestions.isVisible() and picker.suggestions.suggested() == []
    qtbot.keyClicks(workspace.editor.text, " Core group met.")
    picker.feed.refresh()
    qtbot.keyClick(workspace.editor.text, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert picker.tags() == ()
    picker.set_suggestions_enabled(True)
    assert picker.suggestions.isVisible()
    qtbot.waitUntil(lambda: bool(picker.suggestions.suggested()), timeout=10000)
