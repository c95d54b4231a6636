"""A strip above the note text that tells the user something without stopping their typing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

Tone = Literal["info", "warning", "error"]

# Fixed light colours with dark text: readable whatever the system theme, and the tone shows in
# the left border too, for users who cannot tell the fills apart.
_COLOURS: dict[Tone, tuple[str, str, str]] = {
    "info": ("#e8f1fb", "#2f6fb8", "#10243d"),
    "warning": ("#fff4ce", "#b58900", "#3b2f00"),
    "error": ("#fde7e9", "#c42b1c", "#4a0b10"),
}


class Banner(QFrame):
    """A sentence and a few buttons; never modal, never takes the focus from the text."""

    def __init__(
        self,
        name: str,
        parent: QWidget | None = None,
        *,
        dismissible: bool = False,
        buttons_below: bool = False,  # for longer messages: the editor pane is narrow
    ) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setAccessibleName(name)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # never markup: it may quote errors
        self.message.setWordWrap(True)
        self.message.setAccessibleName(name)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer: QBoxLayout = QVBoxLayout(self) if buttons_below else QHBoxLayout(self)
        outer.setContentsMargins(10, 6, 6, 6)
        outer.setSpacing(6 if buttons_below else 8)
        outer.addWidget(self.message, 1)
        self._row = QHBoxLayout()
        self._row.setSpacing(8)
        if buttons_below:
            self._row.addStretch(1)
        outer.addLayout(self._row)
        self.tone: Tone = "info"
        if dismissible:
            self.add_button("Dismiss", "Dismiss this message", self.hide)
        self.hide()

    def add_button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        # Clicking must not pull the focus out of the note: the user may be mid-sentence.
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        self._row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        return button

    def show_text(self, text: str, tone: Tone = "info") -> None:
        self.message.setText(text)
        self.setAccessibleDescription(text)
        if tone != self.tone or not self.styleSheet():
            self.tone = tone
            fill, edge, ink = _COLOURS[tone]
            self.setStyleSheet(
                f"QFrame#banner {{ background: {fill}; border: 1px solid {edge};"
                f" border-left: 4px solid {edge}; border-radius: 3px; }}"
                f" QFrame#banner QLabel {{ color: {ink}; background: transparent; }}"
            )
        self.show()

    @property
    def text(self) -> str:
        return "" if self.isHidden() else self.message.text()
