"""The editor's save state changes while typing without laying out the window again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from fieldwork.ui.editor.save_state_label import SaveStateLabel

pytestmark = pytest.mark.ui

TYPING = ["Editing…", "Saving…", "Saved 14:02:31", "Editing…", "Saving…", "Saved 09:11:58"]


class LayoutRequests(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def _window(qtbot: QtBot, label: QLabel) -> tuple[QWidget, LayoutRequests]:
    window = QWidget()
    qtbot.addWidget(window)
    top = QHBoxLayout()
    top.addWidget(QLabel("Note of Mon 03 Mar 10:00"), 1)
    top.addWidget(label)
    layout = QVBoxLayout(window)
    layout.addLayout(top)
    layout.addWidget(QLabel("the rest of the window"), 1)
    window.show()
    qtbot.waitExposed(window)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # showing's own
    requests = LayoutRequests()
    window.installEventFilter(requests)
    return window, requests


def _type_states(qtbot: QtBot, label: QLabel) -> None:
    for text in TYPING:
        label.setText(text)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)


def test_the_save_state_never_asks_the_window_for_a_new_layout(qtbot: QtBot) -> None:
    label = SaveStateLabel("New note")
    _window_kept, requests = _window(qtbot, label)
    width = label.width()
    _type_states(qtbot, label)
    assert requests.count == 0
    assert label.width() == width
    # Every usual text fits whole.
    assert all(label.fontMetrics().horizontalAdvance(text) < width for text in TYPING)


def test_a_plain_label_would_have_asked(qtbot: QtBot) -> None:
    # The reason for the fixed size: without it each new text lays out the whole window.
    label = QLabel("New note")
    _window_kept, requests = _window(qtbot, label)
    _type_states(qtbot, label)
    assert requests.count > 0


def test_a_rare_long_message_widens_it_and_the_usual_width_comes_back(qtbot: QtBot) -> None:
    label = SaveStateLabel("Saved")
    _window_kept, _requests = _window(qtbot, label)
    usual = label.width()
    long = "Saved 14:02:31 (invisible control characters removed)"
    label.setText(long)
    qtbot.waitUntil(lambda: label.width() > usual)
    assert label.width() >= label.fontMetrics().horizontalAdvance(long)
    label.setText("Editing…")
    qtbot.waitUntil(lambda: label.width() == usual)
