"""Shows *bold* and _italic_ spans in the editor as the PDF will print them, markers dimmed."""

from __future__ import annotations

from PySide6.QtGui import QFont, QPalette, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from fieldwork.domain.emphasis import find_emphasis


class EmphasisHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, palette: QPalette) -> None:
        super().__init__(document)
        self._bold = QTextCharFormat()
        self._bold.setFontWeight(QFont.Weight.Bold)
        self._italic = QTextCharFormat()
        self._italic.setFontItalic(True)
        self._marker = QTextCharFormat()
        self._marker.setForeground(palette.color(QPalette.ColorRole.PlaceholderText))

    def highlightBlock(self, text: str) -> None:
        for span in find_emphasis(text):
            start, end = span.inner
            self.setFormat(start, end - start, self._bold if span.style == "bold" else self._italic)
            self.setFormat(span.start, 1, self._marker)
            self.setFormat(span.end - 1, 1, self._marker)
