"""Start the desktop window: paint the shell first, then load what it shows."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from fieldwork.ui.main_window import MainWindow

# The installed menu entry is <APP_ID>.desktop (installer/linux): Wayland desktops match the
# window to that entry, and so to its icon, by this name alone.
APP_ID = "org.fieldwork.Fieldwork"


def launch_window() -> int:
    """Open the Fieldwork window and run the event loop; return the exit code."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM") in {"offscreen", "minimal", "vnc"}
    ):
        sys.stderr.write(
            "No display found, so the Fieldwork window cannot open here.\n"
            "Use the command line instead: fieldwork --help\n"
        )
        return 1
    from PySide6.QtWidgets import QApplication

    from fieldwork.runtime.logs import setup_logging

    setup_logging()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    window = open_main_window(app)
    window.show()
    return int(app.exec())


def open_main_window(app: QApplication) -> MainWindow:
    """The main window, styled, with the welcome in front on first run (not yet shown)."""
    from fieldwork.runtime.preferences import load_preferences
    from fieldwork.ui.screens.first_run import is_first_run, show_first_run
    from fieldwork.ui.style import apply_style

    app.setApplicationName("Fieldwork")
    app.setApplicationDisplayName("Fieldwork")
    app.setDesktopFileName(APP_ID)
    first_run = is_first_run()  # before anything can write the preferences file
    preferences = load_preferences()
    apply_style(app, preferences.theme)
    from fieldwork.ui.main_window import MainWindow

    window = MainWindow(preferences)
    if first_run:
        show_first_run(window)
    return window
