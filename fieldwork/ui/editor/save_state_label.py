"""The editor's save state ("Editing…", "Saving…", "Saved 14:02:31") at a fixed size."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QWidget

# Every text the label shows while typing; the time is measured with each digit, since digits
# need not be equally wide.
TIMES = tuple(f"Saved {d}{d}:{d}{d}:{d}{d}" for d in "0123456789")
USUAL_TEXTS = ("New note", "Saved", "Editing…", "Saving…", "Not saved", *TIMES)


class SaveStateLabel(QLabel):
    """A label whose size never changes with its text while typing.

    A label that changes size asks its parent to lay out again, and that spreads to the whole
    window: a new layout of every panel each time the state changed, several times a minute of
    typing (a stall at 50,000 notes). With a fixed size, Qt does not ask the parent at all.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._usual_width = 0
        self._fit()
        self.setText(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        # A rare longer message widens the label (one new layout); back to usual, it narrows.
        width = max(self._usual_width, self._width_of(text))
        if (self.minimumWidth(), self.maximumWidth()) != (width, width):
            self.setFixedWidth(width)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()
            self.setText(self.text())

    def _width_of(self, text: str) -> int:
        margins = self.contentsMargins()
        extra = margins.left() + margins.right() + 2 * self.margin() + 2 * self.indent()
        return self.fontMetrics().horizontalAdvance(text) + max(extra, 0) + 2

    def _fit(self) -> None:
        self._usual_width = max(self._width_of(text) for text in USUAL_TEXTS)
        margins = self.contentsMargins()
        height = self.fontMetrics().height() + margins.top() + margins.bottom() + 2 * self.margin()
        self.setFixedSize(self._usual_width, height)
