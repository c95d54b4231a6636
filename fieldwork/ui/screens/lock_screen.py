"""What the window shows while locked: nothing about the inspection, only a way back in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from fieldwork.ui.screens.start_screen import plain_label, title_label


class LockScreen(QWidget):
    """Neutral on purpose: a passer-by learns only that Fieldwork is running."""

    unlock_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Fieldwork is locked")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.title = title_label("Fieldwork is locked", 1.8)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = plain_label(muted=True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setAccessibleName("Why Fieldwork is locked")
        self.message.hide()
        self.unlock_button = QPushButton("&Unlock…")
        self.unlock_button.setAccessibleName("Unlock")
        self.unlock_button.setDefault(True)
        self.unlock_button.setMinimumSize(140, 34)
        self.unlock_button.clicked.connect(self.unlock_requested)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.setSpacing(12)
        layout.addStretch(3)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addSpacing(12)
        layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(4)
        self.setFocusProxy(self.unlock_button)

    def set_message(self, text: str) -> None:
        """A short, neutral reason, e.g. "Locked after 5 minutes without use"."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter unlocks wherever the focus is on this screen (a QWidget has no default button).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.unlock_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.unlock_button.setFocus()
