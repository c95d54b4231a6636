"""Autosave timing: a save starts after ~300 ms of quiet and never later than ~750 ms after a change."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

QUIET_MS = 300
DEADLINE_MS = 750


class AutosaveTimer(QObject):
    """Emits `due` when the unsaved text should be saved; `flush()` makes it due at once."""

    due = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(QUIET_MS)
        self._quiet.timeout.connect(self._fire)
        # The deadline keeps a fast, unbroken typist's text from waiting indefinitely.
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(DEADLINE_MS)
        self._deadline.timeout.connect(self._fire)

    def changed(self) -> None:
        self._quiet.start()
        if not self._deadline.isActive():
            self._deadline.start()

    def flush(self) -> None:
        if self._quiet.isActive() or self._deadline.isActive():
            self._fire()

    def stop(self) -> None:
        self._quiet.stop()
        self._deadline.stop()

    @property
    def pending(self) -> bool:
        return self._quiet.isActive() or self._deadline.isActive()

    def _fire(self) -> None:
        self.stop()
        self.due.emit()
