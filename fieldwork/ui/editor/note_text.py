"""The note's text field: plain text only, and pastes too large or full of control codes handled."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Signal
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from fieldwork.domain.evidence import MAX_NOTE_CHARS
from fieldwork.domain.text import without_controls

# Qt lays out a line's unbroken run in time growing with the square of its length: 25,000
# characters without a space took 0.4 s to paste and 0.12 s per keystroke after, 100,000 took
# 5 s and 2 s. Real words, web addresses included, are far shorter than this.
MAX_UNBROKEN = 10_000


class NoteText(QPlainTextEdit):
    """A `QPlainTextEdit` whose pastes and drops are checked before they reach the document.

    A paste that would make the note longer than a note may be is refused whole: laying out ten
    megabytes froze the window for about nine seconds, only for the save to be refused. So is one
    with a very long run of characters without a space (see MAX_UNBROKEN). Control characters
    (NUL, escape codes) are left out of a paste rather than stored or shown as boxes.
    """

    paste_refused = Signal(str)  # a sentence for the user
    paste_cleaned = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if not source.hasText():
            return
        text = source.text()
        cursor = self.textCursor()
        selected = cursor.selectionEnd() - cursor.selectionStart()
        after = self.document().characterCount() - 1 - selected + len(text)
        if after > MAX_NOTE_CHARS:
            self.paste_refused.emit(
                f"Nothing was pasted: that text is {len(text):,} characters long, and a note "
                f"holds at most {MAX_NOTE_CHARS:,}. Paste it in parts, into several notes."
            )
            return
        longest = max(map(len, text.split()), default=0)
        if longest > MAX_UNBROKEN:
            self.paste_refused.emit(
                f"Nothing was pasted: the text holds {longest:,} characters in a row without a "
                "space or line break, which would freeze the editor. Is it the right text?"
            )
            return
        cleaned = without_controls(text.replace("\r\n", "\n").replace("\r", "\n"))
        if cleaned != text.replace("\r\n", "\n").replace("\r", "\n"):
            self.paste_cleaned.emit(
                "Invisible control characters in the pasted text were left out."
            )
        cursor.insertText(cleaned)
        self.ensureCursorVisible()
