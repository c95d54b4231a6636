"""Locking while the disk is full: Ctrl+L asks, the notebook always closes with its key zeroed,
and the typing the disk had no room for is held in memory, sealed, until unlocking."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from fieldwork.runtime.preferences import Preferences
from fieldwork.services import notes
from fieldwork.services.opening import open_notebook
from fieldwork.ui.editor.note_editor import DISK_FULL, DISK_FULL_EARLIER
from fieldwork.ui.lock_keeping import HELD_BACK, HOLDING, SAVED
from fieldwork.ui.main_window import MainWindow
from fieldwork.ui.unsaved_typing import LOCK_QUESTION, QUIT_LOCKED_QUESTION
from tests.support.disk_full import writes_fail
from tests.support.notebooks import TEST_PASSPHRASE, new_notebook
from tests.support.window import closed_notebook, enter_passphrase, record_shown_errors

pytestmark = pytest.mark.ui

SAVED_TEXT = "The threshold decision was recorded the same day."
UNSAVED = " Then the manager overturned it without a visit."


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return closed_notebook(tmp_path)


@pytest.fixture
def shown_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return record_shown_errors(monkeypatch)


@pytest.fixture
def window(qtbot: QtBot, folder: Path) -> Iterator[MainWindow]:
    main = MainWindow(Preferences())
    qtbot.addWidget(main)
    main.show()
    main.session.open_folder(folder)
    enter_passphrase(qtbot, main)
    qtbot.waitUntil(lambda: main.workspace is not None, timeout=10000)
    main.workspace.editor.retry_ms = 150
    yield main
    main.session.held_typing = None  # a failed test must not leave a question open
    if main.session.ctx is not None:
        main.close_notebook()
    qtbot.waitUntil(lambda: not main.tasks.busy, timeout=10000)


def _unlock(qtbot: QtBot, window: MainWindow) -> Any:
    window.unlock()
    enter_passphrase(qtbot, window)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=10000)
    return window.workspace.editor


def _type_saved_note(qtbot: QtBot, window: MainWindow) -> Any:
    editor = window.workspace.editor
    editor.new_note()
    with qtbot.waitSignal(editor.saved, timeout=5000):
        qtbot.keyClicks(editor.text, SAVED_TEXT)
    qtbot.waitUntil(lambda: not editor.dirty, timeout=5000)
    return editor


def _answer(choice: str, seen: list[str]) -> Callable[[], None]:
    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        next(b for b in box.buttons() if b.text() == choice).click()

    return click


def _closed_and_zeroed(qtbot: QtBot, window: MainWindow, notebook: Any, folder: Path) -> None:
    qtbot.waitUntil(lambda: not notebook.is_open, timeout=10000)
    assert notebook.key.is_zeroed
    qtbot.waitUntil(lambda: not (folder / "notebook.open").exists(), timeout=10000)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=10000)


def _stored_text(folder: Path, note_id: str) -> str | None:
    with open_notebook(folder, passphrase=TEST_PASSPHRASE) as opened:
        note = notes.get_note(opened, note_id)
    return None if note is None else note.text


def test_ctrl_l_asks_first_then_locks_and_gives_the_typing_back(
    qtbot: QtBot, window: MainWindow, folder: Path, shown_errors: list[str]
) -> None:
    editor = _type_saved_note(qtbot, window)
    note_id = editor.draft.id
    notebook = window.session.ctx.notebook
    seen: list[str] = []
    with writes_fail("commit"):
        qtbot.keyClicks(editor.text, UNSAVED)
        qtbot.waitUntil(lambda: editor.problem.text == DISK_FULL, timeout=5000)
        QTimer.singleShot(0, _answer("Stay unlocked", seen))
        window.commands.lock.trigger()  # Ctrl+L
        assert seen == [LOCK_QUESTION] and "disk is full" in seen[0]
        assert window.workspace is not None and window.session.ctx is not None
        assert editor.text.toPlainText() == SAVED_TEXT + UNSAVED

        QTimer.singleShot(0, _answer("Lock anyway", seen))
        window.commands.lock.trigger()
        assert window.stack.currentWidget() is window.lock_screen
        assert window.lock_screen.message.text() == HOLDING
        # Locked for real: the notebook is closed and its key zeroed, full disk or not.
        _closed_and_zeroed(qtbot, window, notebook, folder)
        held = window.session.held_typing
        assert held is not None and held.note_ids == (note_id,)
        assert UNSAVED.strip().encode() not in held.sealed and "overturned" not in repr(held)
        assert _stored_text(folder, note_id) == SAVED_TEXT  # nothing more reached the disk
    # Space is freed; unlocking gives the words back and they are saved.
    editor = _unlock(qtbot, window)
    qtbot.waitUntil(lambda: editor.text.toPlainText() == SAVED_TEXT + UNSAVED, timeout=10000)
    assert editor.notice.message.text() == HELD_BACK
    assert window.session.held_typing is None
    qtbot.waitUntil(lambda: not editor.dirty and editor.problem.isHidden(), timeout=10000)
    window.close_notebook()
    qtbot.waitUntil(lambda: not (folder / "notebook.open").exists(), timeout=10000)
    assert _stored_text(folder, note_id) == SAVED_TEXT + UNSAVED
    assert shown_errors == []


def test_the_idle_lock_does_not_ask_and_keeps_every_unsaved_note(
    qtbot: QtBot, window: MainWindow, folder: Path, shown_errors: list[str]
) -> None:
    editor = _type_saved_note(qtbot, window)
    first = editor.draft.id
    notebook = window.session.ctx.notebook
    with writes_fail("commit"):
        qtbot.keyClicks(editor.text, UNSAVED)
        qtbot.waitUntil(lambda: editor.problem.text == DISK_FULL, timeout=5000)
        editor.new_note()  # the first stays in memory, retried
        qtbot.waitUntil(lambda: editor.problem.text == DISK_FULL_EARLIER, timeout=5000)
        qtbot.keyClicks(editor.text, "A second note typed on the full disk.")
        qtbot.waitUntil(lambda: editor.problem.text == DISK_FULL, timeout=5000)
        second = editor.draft.id
        window.idle._timer.timeout.emit()  # minutes without use: no one to ask
        assert window.stack.currentWidget() is window.lock_screen
        assert window.lock_screen.message.text().startswith("Locked after ")
        assert window.lock_screen.message.text().endswith(HOLDING)
        _closed_and_zeroed(qtbot, window, notebook, folder)
        assert set(window.session.held_typing.note_ids) == {first, second}
    editor = _unlock(qtbot, window)
    qtbot.waitUntil(lambda: editor.draft.id == second, timeout=10000)
    assert editor.text.toPlainText() == "A second note typed on the full disk."
    assert editor.notice.message.text() == HELD_BACK  # said afterwards, not lost silently
    qtbot.waitUntil(lambda: not editor.dirty and editor.problem.isHidden(), timeout=10000)
    window.close_notebook()
    qtbot.waitUntil(lambda: not (folder / "notebook.open").exists(), timeout=10000)
    assert _stored_text(folder, first) == SAVED_TEXT + UNSAVED
    assert _stored_text(folder, second) == "A second note typed on the full disk."
    assert shown_errors == []


def test_a_disk_that_fills_while_locking_still_closes_and_keeps_the_draft(
    qtbot: QtBot, window: MainWindow, folder: Path
) -> None:
    editor = _type_saved_note(qtbot, window)
    note_id = editor.draft.id
    notebook = window.session.ctx.notebook
    with writes_fail("commit"):
        qtbot.keyClicks(editor.text, UNSAVED)  # not yet saved: the lock itself finds no room
        assert editor.dirty and not editor.unsaved_problem
        window.commands.lock.trigger()  # nothing known to be lost: no question
        assert window.lock_screen.message.text() == SAVED
        _closed_and_zeroed(qtbot, window, notebook, folder)
        # Before, the failed draft write left the notebook open with its key behind the lock.
        assert window.lock_screen.message.text() == HOLDING  # corrected once known
        assert window.session.held_typing is not None
    editor = _unlock(qtbot, window)
    qtbot.waitUntil(lambda: editor.text.toPlainText() == SAVED_TEXT + UNSAVED, timeout=10000)
    qtbot.waitUntil(lambda: not editor.dirty, timeout=10000)
    window.close_notebook()
    qtbot.waitUntil(lambda: not (folder / "notebook.open").exists(), timeout=10000)
    assert _stored_text(folder, note_id) == SAVED_TEXT + UNSAVED


def test_closing_the_window_while_typing_is_held_asks_first(
    qtbot: QtBot, window: MainWindow, folder: Path
) -> None:
    editor = _type_saved_note(qtbot, window)
    notebook = window.session.ctx.notebook
    seen: list[str] = []
    with writes_fail("commit"):
        qtbot.keyClicks(editor.text, UNSAVED)
        qtbot.waitUntil(lambda: editor.problem.text == DISK_FULL, timeout=5000)
        window.lock(idle=True)
        _closed_and_zeroed(qtbot, window, notebook, folder)
    QTimer.singleShot(0, _answer("Keep Fieldwork open", seen))
    assert not window.close()
    assert seen == [QUIT_LOCKED_QUESTION] and window.session.held_typing is not None
    # Opening another notebook instead of unlocking would lose it too: asked as well.
    other = new_notebook(folder.parent / "other")
    other.notebook.close()
    QTimer.singleShot(0, _answer("Keep it", seen))
    window.session.open_folder(other.notebook.folder)
    assert len(seen) == 2 and "Opening another notebook loses it" in seen[1]
    assert window.session.held_typing is not None
    assert window.session.path == folder and not window.tasks.busy  # nothing was opened
    QTimer.singleShot(0, _answer("Close and lose it", seen))
    assert window.close()
    assert window.session.held_typing is None
