"""The main flows in the real window: unlock, type, tag, search, lock with a draft, unlock, judge."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from fieldwork.ui.main_window import MainWindow
from tests.support.notebooks import TEST_PASSPHRASE
from tests.support.window import closed_notebook, enter_passphrase, record_shown_errors

pytestmark = pytest.mark.ui


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return closed_notebook(tmp_path)


@pytest.fixture
def shown_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return record_shown_errors(monkeypatch)


def test_open_type_tag_search_lock_unlock_judge(
    qtbot: QtBot, folder: Path, shown_errors: list[str]
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.session.open_folder(folder)
    # A wrong passphrase says so and lets the user try again.
    enter_passphrase(qtbot, window, "not the passphrase")
    dialog = window.session._dialog
    qtbot.waitUntil(lambda: "does not open this notebook" in dialog.error.text(), timeout=10000)
    assert dialog.isVisible()
    dialog.unlock_requested.emit(TEST_PASSPHRASE, "")
    qtbot.waitUntil(lambda: window.workspace is not None)
    workspace = window.workspace
    assert window.stack.currentWidget() is workspace

    # Type a note: it is saved after the autosave delay, without sleeping.
    editor = workspace.editor
    with qtbot.waitSignal(editor.saved, timeout=5000):
        qtbot.keyClicks(editor.text, "Strategy discussion held the same day with police.")

    # Tag it from the keyboard.
    window.commands.tag.trigger()
    qtbot.keyClicks(workspace.tags.search, "strat")
    qtbot.keyClick(workspace.tags.search, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: [t.criterion_id for t in editor.draft.tags] == ["hp.protection.strategy-enquiries"]
    )
    qtbot.waitUntil(lambda: not editor.dirty, timeout=5000)

    # Search finds it.
    window.commands.find.trigger()
    qtbot.keyClicks(workspace.notes.search, "police")
    qtbot.waitUntil(lambda: workspace.notes.model.total == 1)

    # Undo is in the Edit menu and reaches the focused text.
    assert (
        window.commands.undo.shortcut().matches(QKeySequence(QKeySequence.StandardKey.Undo))
        == QKeySequence.SequenceMatch.ExactMatch
    )

    # Lock with unsaved typing: the content goes, the key is dropped, the draft comes back.
    editor.text.setFocus()
    editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.text, " Unsaved words")
    window.commands.lock.trigger()
    assert window.stack.currentWidget() is window.lock_screen
    assert window.workspace is None
    qtbot.waitUntil(lambda: not window.tasks.busy)
    window.lock_screen.unlock_requested.emit()
    enter_passphrase(qtbot, window, TEST_PASSPHRASE)
    qtbot.waitUntil(lambda: window.workspace is not None)
    qtbot.waitUntil(lambda: window.workspace.editor.text.toPlainText().endswith(" Unsaved words"))
    editor = window.workspace.editor
    assert editor.cursor_position() == len(editor.text.toPlainText())
    # Back where the user was: the same view and the same note selected in the list.
    from fieldwork.ui.models.notes_table_model import NoteIdRole

    assert window.workspace.tabs.currentIndex() == 0
    qtbot.waitUntil(
        lambda: window.workspace.notes.table.currentIndex().data(NoteIdRole) == editor.draft.id
    )
    qtbot.waitUntil(lambda: not editor.dirty, timeout=5000)

    window.close()
    assert shown_errors == []
