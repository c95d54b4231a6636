"""The clipboard guard with the real QClipboard (offscreen): marked, cleared if still ours."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from fieldwork.runtime.preferences import Preferences
from fieldwork.ui.clipboard_guard import KDE_HINT, ClipboardGuard, guard_formats
from tests.support.notebooks import TEST_PASSPHRASE, new_notebook

pytestmark = pytest.mark.ui


@pytest.fixture
def clipboard(qtbot: QtBot) -> Iterator[object]:
    board = QGuiApplication.clipboard()
    board.clear()
    yield board
    board.clear()


@pytest.fixture
def guards() -> Iterator[list[ClipboardGuard]]:
    """Each test's guard is deleted after it, so guards never stack up on the one clipboard."""
    made: list[ClipboardGuard] = []
    yield made
    for guard in made:
        shiboken6.delete(guard)


def _guard(guards: list[ClipboardGuard], seconds: float) -> ClipboardGuard:
    guards.append(ClipboardGuard(seconds))
    return guards[-1]


def _copy_from_editor(qtbot: QtBot, text: str) -> QPlainTextEdit:
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText(text)
    editor.selectAll()
    editor.copy()
    return editor


def _guarded(board: object) -> bool:
    mime = board.mimeData()  # type: ignore[attr-defined]
    return mime is not None and mime.hasFormat(KDE_HINT)


def test_a_copy_from_a_text_field_is_marked_for_clipboard_managers(
    qtbot: QtBot, clipboard: object, guards: list[ClipboardGuard]
) -> None:
    guard = _guard(guards, 30)
    _copy_from_editor(qtbot, "C-014 was seen alone at the visit.")
    qtbot.waitUntil(lambda: _guarded(clipboard))
    mime = clipboard.mimeData()  # type: ignore[attr-defined]
    assert bytes(mime.data(KDE_HINT)) == b"secret"
    assert mime.text() == "C-014 was seen alone at the visit."
    assert mime.hasHtml()  # the editor's other formats are kept for pasting
    assert guard.holding


def test_it_is_cleared_after_the_configured_time(
    qtbot: QtBot, clipboard: object, guards: list[ClipboardGuard]
) -> None:
    guard = _guard(guards, 0.3)
    line = QLineEdit("a line from a dialog")
    qtbot.addWidget(line)
    line.selectAll()
    line.copy()  # any text field, not only the editor
    qtbot.waitUntil(lambda: _guarded(clipboard))
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=3000)  # type: ignore[attr-defined]
    assert not guard.holding


def test_what_replaced_our_text_is_never_cleared(
    qtbot: QtBot, clipboard: object, guards: list[ClipboardGuard]
) -> None:
    guard = _guard(guards, 0.3)
    _copy_from_editor(qtbot, "our note text")
    qtbot.waitUntil(lambda: _guarded(clipboard))
    other = QMimeData()  # e.g. a password manager's own copy, already marked
    other.setText("something copied elsewhere")
    other.setData(KDE_HINT, b"secret")
    clipboard.setMimeData(other)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not guard._timers[next(iter(guard._timers))].isActive(), timeout=3000)
    assert clipboard.text() == "something copied elsewhere"  # type: ignore[attr-defined]


def test_zero_keeps_it_until_lock_or_quit(
    qtbot: QtBot, clipboard: object, guards: list[ClipboardGuard]
) -> None:
    guard = _guard(guards, 0)
    _copy_from_editor(qtbot, "kept until the lock")
    qtbot.waitUntil(lambda: _guarded(clipboard))
    assert not any(timer.isActive() for timer in guard._timers.values())
    guard.clear_if_ours()  # what the window calls on lock, close and quit
    assert clipboard.text() == ""  # type: ignore[attr-defined]


def test_the_platform_marks() -> None:
    windows = guard_formats("win32")
    for name in (
        "ExcludeClipboardContentFromMonitorProcessing",
        "CanIncludeInClipboardHistory",
        "CanUploadToCloudClipboard",
    ):
        assert windows[f'application/x-qt-windows-mime;value="{name}"'] == b"\0\0\0\0"
    assert set(guard_formats("darwin")) >= {
        "application/x-nspasteboard-concealed-type",
        "application/x-nspasteboard-transient-type",
    }
    assert guard_formats("linux") == {KDE_HINT: b"secret"}


def test_the_window_clears_it_on_lock(qtbot: QtBot, clipboard: object, tmp_path: Path) -> None:
    from fieldwork.ui.main_window import MainWindow

    created = new_notebook(tmp_path)
    created.notebook.close()
    window = MainWindow(Preferences(clipboard_clear_seconds=600))
    qtbot.addWidget(window)
    window.show()
    window.session.open_folder(created.notebook.folder)
    qtbot.waitUntil(lambda: window.session._dialog is not None, timeout=10000)
    window.session._dialog.unlock_requested.emit(TEST_PASSPHRASE, "")
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=10000)
    editor = window.workspace.editor
    qtbot.keyClicks(editor.text, "Typed in the real editor")
    qtbot.waitUntil(lambda: not editor.dirty and not window.tasks.busy, timeout=10000)
    editor.text.selectAll()
    qtbot.keySequence(editor.text, QKeySequence.StandardKey.Copy)
    qtbot.waitUntil(lambda: _guarded(clipboard))
    assert clipboard.text() == "Typed in the real editor"  # type: ignore[attr-defined]
    window.lock()
    assert clipboard.text() == ""  # type: ignore[attr-defined]
    window.close_notebook()
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=10000)
    assert window.stack.currentWidget() is window.start_screen


def test_a_detached_guard_no_longer_touches_the_clipboard(
    qtbot: QtBot, clipboard: object, guards: list[ClipboardGuard]
) -> None:
    # The window detaches its guard when it closes: the clipboard outlives it, and a copy made
    # later (or the clipboard's own teardown at exit) must not call into a closed window.
    guard = _guard(guards, 30)
    guard.detach()
    editor = _copy_from_editor(qtbot, "copied after the window closed")
    qtbot.wait(50)
    assert clipboard.mimeData().text() == "copied after the window closed"  # type: ignore[attr-defined]
    assert not _guarded(clipboard)
    assert not guard.holding
    editor.clear()
