"""The About box credits the Open Government Licence for what the suggestions learned from."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from fieldwork.ui.main_window import MainWindow

pytestmark = pytest.mark.ui

CREDIT = "Contains public sector information licensed under the Open Government Licence v3.0."


def test_about_box_carries_the_open_government_licence_credit(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, read_and_close)
            return
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(0, read_and_close)
    window.show_about()
    assert len(seen) == 1
    assert CREDIT in seen[0]
