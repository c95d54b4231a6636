"""Put the test application's style, palette and icon back after a test that styled it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QToolTip


@contextmanager
def restored_look() -> Iterator[QApplication]:
    """Styling is application-wide: undo it so later tests see Qt's defaults, as before."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style = app.style().name()
    palette = app.palette()
    tooltip = QToolTip.palette()
    try:
        yield app
    finally:
        from fieldwork.ui.style import Appearance

        for appearance in app.findChildren(Appearance):
            appearance.setParent(None)
        app.styleHints().unsetColorScheme()
        app.setStyle(style)
        app.setPalette(palette)
        QToolTip.setPalette(tooltip)
        app.setWindowIcon(QIcon())
