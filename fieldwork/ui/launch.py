"""Start the desktop window: paint the shell first, then load what it shows."""

from __future__ import annotations

import os
import sys


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
    app.setApplicationName("Fieldwork")
    app.setApplicationDisplayName("Fieldwork")
    from fieldwork.ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    return int(app.exec())
