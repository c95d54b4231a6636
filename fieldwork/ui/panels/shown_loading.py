"""Load a panel's data when it is first shown, and again on showing after a change."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class LoadWhenShown(QObject):
    """Holds a hidden panel's loading until the panel shows.

    Opening a 50,000-note notebook, panels on tabs nobody has opened yet loaded at once with the
    first page of notes and the tag counts, and applying their results stalled the window while
    it painted; a change to the notebook reloaded them again, unseen. Now a hidden panel only
    remembers that it is out of date, and loads when shown.
    """

    def __init__(self, panel: QWidget, load: Callable[[], None]) -> None:
        super().__init__(panel)
        self._panel = panel
        self._load = load
        self.stale = True
        panel.installEventFilter(self)

    def request(self) -> None:
        """Load now if the panel is on screen; otherwise when it next shows."""
        if self._panel.isVisible():
            self.stale = False
            self._load()
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._panel and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self._load()
        return False
