"""Locks the notebook after a set time without keyboard or mouse input."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication, QWindow

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class IdleLock(QObject):
    """Restarts a timer on keyboard or mouse input to the window in use.

    It filters the focused window's events, not the whole application's: an application-wide
    filter written in Python runs for every event Qt delivers (each paint, timer and layout
    request), and each call must win the interpreter lock back from a busy background lane,
    which stalled typing. Input reaches a window before its widgets, so nothing is missed.
    """

    def __init__(self, minutes: int, lock: Callable[[], None]) -> None:
        super().__init__()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lock)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: int) -> None:
        self._timer.setInterval(max(1, minutes) * 60_000)

    def watch(self, app: QCoreApplication) -> None:
        """Follow the focused window, whichever it is (the main window or a dialog)."""
        if not isinstance(app, QGuiApplication):
            return
        app.focusWindowChanged.connect(self._watch_window)
        self._watch_window(app.focusWindow())

    def _watch_window(self, window: QWindow | None) -> None:
        if window is not None:
            window.installEventFilter(self)  # installing twice keeps a single filter

    def arm(self) -> None:
        self._timer.start()

    def disarm(self) -> None:
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False
