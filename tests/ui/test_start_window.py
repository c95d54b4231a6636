"""The start window opens offscreen and lists the installed frameworks."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from fieldwork.ui.start_window import StartWindow

pytestmark = pytest.mark.ui


def test_start_window_lists_frameworks(qtbot: QtBot) -> None:
    window = StartWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.tree.topLevelItemCount() == 4)
    ids = [window.tree.topLevelItem(i).text(0) for i in range(4)]
    assert "ilacs-2026" in ids
    ilacs_2026 = window.tree.topLevelItem(ids.index("ilacs-2026"))
    assert ilacs_2026.childCount() == 4
