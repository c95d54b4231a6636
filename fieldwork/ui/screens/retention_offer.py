"""The start page's retention line: how long ago each inspection ended, and "Delete securely…"."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QWidget

from fieldwork.runtime.preferences import Preferences
from fieldwork.services.retention import RetentionStatus, remembered_statuses
from fieldwork.ui.screens.start_screen import PathRole, plain_label

RetentionRole = Qt.ItemDataRole.UserRole + 2  # "Ended 104 days ago — past the …" or None
DueRole = Qt.ItemDataRole.UserRole + 3  # True when past the retention period


class RetentionOffer(QWidget):
    """Below the recent list: for the selected notebook past its retention period, the offer."""

    delete_requested = Signal(str)  # the notebook folder

    def __init__(
        self, recent: QListWidget, preferences: Preferences, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.recent = recent
        self.preferences = preferences
        self.statuses: dict[str, RetentionStatus] = {}
        self.note = plain_label()
        self.note.setAccessibleName("Retention")
        self.delete_button = QPushButton("Delete &securely…")
        self.delete_button.setAccessibleName("Delete this notebook securely")
        self.delete_button.setToolTip(
            "Deletes the notebook, its backups and the key remembered on this computer."
        )
        self.delete_button.clicked.connect(self._request)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.note, 1)
        row.addWidget(self.delete_button)
        recent.currentItemChanged.connect(self._current_changed)
        self.hide()

    def refresh(self) -> None:
        """Read the remembered end dates (no key needed) and mark the recent list's items."""
        paths = [str(self.recent.item(i).data(PathRole)) for i in range(self.recent.count())]
        self.statuses = remembered_statuses(paths, self.preferences)
        for row in range(self.recent.count()):
            item = self.recent.item(row)
            status = self.statuses.get(str(item.data(PathRole)))
            item.setData(RetentionRole, status.describe_short() if status else None)
            item.setData(DueRole, bool(status and status.due))
            if status is not None:
                spoken = item.data(Qt.ItemDataRole.AccessibleTextRole) or ""
                item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{spoken}. {status.describe()}")
        self._current_changed(self.recent.currentItem())

    def _current_changed(self, item: QListWidgetItem | None) -> None:
        status = self.statuses.get(str(item.data(PathRole))) if item is not None else None
        if status is None or not status.due:
            self.hide()
            return
        self.note.setText(
            f"{status.describe()}. If nothing more is needed from it, delete it securely: the "
            "notebook, its backups and the key remembered on this computer."
        )
        self.show()

    def _request(self) -> None:
        item = self.recent.currentItem()
        if item is not None:
            self.delete_requested.emit(str(item.data(PathRole)))


def announce_retention(window: Any, ctx: Any) -> None:
    """On unlocking: remember the end date for the start page; if past retention, say so."""
    from fieldwork.services.retention import record_inspection

    preferences = window.session.preferences

    def known(status: RetentionStatus) -> None:
        if status.due:
            window.statusBar().showMessage(
                f"{status.describe()}. When nothing more is needed from it, close it and choose "
                "Delete securely… on the start page.",
                60000,
            )

    ctx.read(lambda nb: record_inspection(nb, preferences), known, failed=lambda _error: None)
