"""Driving the real main window in tests: a closed notebook to open, the passphrase, shown errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from fieldwork.ui.main_window import MainWindow
from tests.support.notebooks import TEST_PASSPHRASE, new_notebook

# Where the window shows an error in a modal box (which would stall a test).
SHOWS_ERRORS = ("fieldwork.ui.main_window", "fieldwork.ui.session")


def closed_notebook(folder: Path) -> Path:
    """A new notebook's folder, closed again, for the window to open."""
    created = new_notebook(folder)
    created.notebook.close()
    return created.notebook.folder


def record_shown_errors(monkeypatch: pytest.MonkeyPatch, *also: str) -> list[str]:
    """Errors the window would show, as "Type: message", instead of showing them."""
    shown: list[str] = []

    def record(_parent: object, error: BaseException, _title: str = "") -> None:
        shown.append(f"{type(error).__name__}: {error}")

    for module in (*SHOWS_ERRORS, *also):
        monkeypatch.setattr(f"{module}.show_error", record)
    return shown


def enter_passphrase(qtbot: QtBot, window: MainWindow, passphrase: str = TEST_PASSPHRASE) -> None:
    """Wait for the unlock dialog, then give it the passphrase as a user would."""
    qtbot.waitUntil(
        lambda: window.session._dialog is not None and window.session._dialog.isVisible(),
        timeout=10000,
    )
    window.session._dialog.unlock_requested.emit(passphrase, "")


def read_next_message_box(seen: list[str]) -> None:
    """When the next modal message box opens, note its text in `seen` and close it."""

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, read_and_close)
            return
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(0, read_and_close)
