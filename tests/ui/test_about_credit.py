"""The About box credits the Open Government Licence for what the suggestions learned from."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from fieldwork.ui.main_window import MainWindow
from tests.support.window import read_next_message_box

pytestmark = pytest.mark.ui

CREDIT = "Contains public sector information licensed under the Open Government Licence v3.0."


def test_about_box_carries_the_open_government_licence_credit(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    seen: list[str] = []
    read_next_message_box(seen)
    window.show_about()
    assert len(seen) == 1
    assert CREDIT in seen[0]
