"""The privacy guard in the editor: a banner that names kinds, highlights spans, keeps or replaces."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldwork.domain.ids import CaseId, new_id
from fieldwork.domain.people import Case
from fieldwork.services import notes, people
from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.editor.note_editor import NoteEditor
from tests.support.ui import workspace_context

pytestmark = pytest.mark.ui

NHS = "943 476 5919"  # a valid checksum


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[WorkspaceContext]:
    with workspace_context(tmp_path) as context:
        yield context


@pytest.fixture
def editor(qtbot: QtBot, ctx: WorkspaceContext) -> NoteEditor:
    widget = NoteEditor(ctx)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    # Alt+K and Alt+R are window shortcuts: they reach the window that is active, as for a user.
    widget.activateWindow()
    qtbot.waitActive(widget)
    return widget


def _stored(qtbot: QtBot, ctx: WorkspaceContext, note_id: str) -> Any:
    found: list[Any] = []
    ctx.read(lambda nb: notes.get_note(nb, note_id), found.append)
    qtbot.waitUntil(lambda: bool(found))
    return found[0]


def _type_and_wait_for_banner(qtbot: QtBot, editor: NoteEditor, text: str) -> None:
    editor.text.setFocus()
    qtbot.keyClicks(editor.text, text)
    qtbot.waitUntil(lambda: editor.privacy.isVisible(), timeout=5000)


def _alt(qtbot: QtBot, editor: NoteEditor, key: Qt.Key) -> None:
    """Alt+letter while typing; a mnemonic clicks its button a moment later (Qt animates it)."""
    qtbot.keyClick(editor.text, key, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: editor.privacy.isHidden(), timeout=2000)


def test_an_nhs_number_is_flagged_and_replaced_from_the_keyboard(
    qtbot: QtBot, ctx: WorkspaceContext, editor: NoteEditor
) -> None:
    editor.new_note()
    typed = f"Health record checked: NHS number {NHS} matches the referral."
    _type_and_wait_for_banner(qtbot, editor, typed)
    banner = editor.privacy.text
    assert "an NHS number" in banner
    assert "943" not in banner and "5919" not in banner  # kinds only, never the words
    start = typed.index(NHS)
    assert editor.privacy.marked == [(start, start + len(NHS))]  # highlighted in the note
    # Never blocked: the note was saved with the number before the user answered.
    assert _stored(qtbot, ctx, editor.draft.id).text == typed
    assert editor.text.hasFocus()  # the banner did not take the focus
    with qtbot.waitSignal(editor.saved, timeout=5000):
        _alt(qtbot, editor, Qt.Key.Key_R)
    expected = typed.replace(NHS, "[NHS number removed]")
    assert editor.text.toPlainText() == expected
    qtbot.waitUntil(lambda: not editor.dirty, timeout=5000)
    assert _stored(qtbot, ctx, editor.draft.id).text == expected
    assert not editor.privacy.isVisible()
    assert editor.privacy.marked == []
    # One undo step brings the words back (the user's choice); lock clears undo history.
    editor.text.undo()
    assert editor.text.toPlainText() == typed


def test_names_become_the_case_reference(
    qtbot: QtBot, ctx: WorkspaceContext, editor: NoteEditor
) -> None:
    case = Case(CaseId(new_id()), "C-012")
    done: list[object] = []
    ctx.write(lambda nb: people.save_case(nb, case), done.append)
    qtbot.waitUntil(lambda: bool(done))
    editor.new_note(case_ids=(case.id,))
    _type_and_wait_for_banner(qtbot, editor, "Visited the family; Mrs Hughes was welcoming.")
    assert "a name" in editor.privacy.text
    assert editor.privacy.replace_button.text() == "&Replace with C-012"
    assert editor.privacy.replace_button.accessibleName() == "Replace with C-012"
    editor.privacy.replace_button.click()
    assert editor.text.toPlainText() == "Visited the family; C-012 was welcoming."
    qtbot.waitUntil(lambda: not editor.dirty, timeout=5000)
    assert _stored(qtbot, ctx, editor.draft.id).text == "Visited the family; C-012 was welcoming."


def test_several_kinds_are_listed_and_each_gets_its_own_placeholder(
    qtbot: QtBot, editor: NoteEditor
) -> None:
    editor.new_note()
    _type_and_wait_for_banner(
        qtbot, editor, "Mrs Hughes rang from 07700 900123 and again from 07700 900124."
    )
    assert "a name and 2 phone numbers" in editor.privacy.text
    assert editor.privacy.replace_button.text() == "&Replace them"
    _alt(qtbot, editor, Qt.Key.Key_R)
    assert editor.text.toPlainText() == (
        "[name removed] rang from [phone number removed] and again from [phone number removed]."
    )


def test_kept_as_written_is_not_raised_again_for_that_note(
    qtbot: QtBot, ctx: WorkspaceContext, editor: NoteEditor
) -> None:
    editor.new_note()
    _type_and_wait_for_banner(qtbot, editor, f"NHS number {NHS} is on the plan.")
    note_id = editor.draft.id
    assert editor.privacy.keep_button.accessibleName() == "Keep as written"
    _alt(qtbot, editor, Qt.Key.Key_K)
    assert editor.privacy.marked == []
    # More typing, more saves: the kept number is not raised again.
    with qtbot.waitSignal(editor.saved, timeout=5000):
        qtbot.keyClicks(editor.text, " Agreed with the team manager.")
    qtbot.waitUntil(lambda: not editor.dirty, timeout=5000)
    assert not editor.privacy.isVisible()
    # Nor after the note is opened again (the choice is kept in the notebook).
    editor.new_note()
    editor.load_note(_stored(qtbot, ctx, note_id))
    editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
    with qtbot.waitSignal(editor.saved, timeout=5000):
        qtbot.keyClicks(editor.text, " Reviewed.")
    qtbot.waitUntil(lambda: not editor.dirty, timeout=5000)
    assert not editor.privacy.isVisible()
    # A new phone number in the same note is raised.
    _type_and_wait_for_banner(qtbot, editor, " Call 07700 900123.")
    assert "a phone number" in editor.privacy.text and "NHS" not in editor.privacy.text


def test_the_highlight_follows_typing_before_the_user_answers(
    qtbot: QtBot, editor: NoteEditor
) -> None:
    editor.new_note()
    _type_and_wait_for_banner(qtbot, editor, f"Number {NHS} checked.")
    editor.text.moveCursor(editor.text.textCursor().MoveOperation.Start)
    qtbot.keyClicks(editor.text, "Earlier: ")
    start = len("Earlier: Number ")
    assert editor.privacy.marked == [(start, start + len(NHS))]
    _alt(qtbot, editor, Qt.Key.Key_R)
    assert editor.text.toPlainText() == "Earlier: Number [NHS number removed] checked."


def test_switching_note_clears_the_banner_and_highlights(qtbot: QtBot, editor: NoteEditor) -> None:
    editor.new_note()
    _type_and_wait_for_banner(qtbot, editor, f"NHS number {NHS}.")
    editor.new_note()
    assert not editor.privacy.isVisible()
    assert editor.text.extraSelections() == []
