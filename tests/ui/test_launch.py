"""Launching: the window names the installed menu entry, so desktops can match it to its icon."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldwork.ui.launch import open_main_window
from tests.support.app_look import restored_look

pytestmark = pytest.mark.ui

LINUX_INSTALLER = Path(__file__).resolve().parents[2] / "installer" / "linux"


def test_the_desktop_file_name_is_the_installed_menu_entrys(
    qtbot: QtBot, qapp: QApplication
) -> None:
    (entry,) = LINUX_INSTALLER.glob("*.desktop")  # the one the installer puts in the menu
    before = qapp.desktopFileName()
    with restored_look() as app:
        try:
            window = open_main_window(app)
            qtbot.addWidget(window)
            assert app.desktopFileName() == entry.stem == "org.fieldwork.Fieldwork"
        finally:
            app.setDesktopFileName(before)
