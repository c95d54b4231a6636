"""Paints a note snippet with its matched words highlighted, from ranges (never from markup)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QPointF
from PySide6.QtGui import QFont, QPainter, QPalette, QTextCharFormat, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from fieldwork.ui.models.notes_table_model import HighlightsRole


class SnippetDelegate(QStyledItemDelegate):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Made once: paint runs for every visible row on every repaint of the list.
        self._matched = QTextCharFormat()
        self._matched.setFontWeight(QFont.Weight.Bold)
        self._matched.setFontUnderline(True)  # not colour alone: readable in high contrast too
        self._no_wrap = QTextOption()
        self._no_wrap.setWrapMode(QTextOption.WrapMode.NoWrap)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        highlights = index.data(HighlightsRole)
        if not highlights:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        text = option.text
        option.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, option.widget)
        # Lay out only what can show: a snippet is about eighteen words and the column often
        # shows five, and shaping the hidden rest was most of the cost of painting the list.
        fits = 2 * rect.width() // max(1, option.fontMetrics.averageCharWidth()) + 4
        if len(text) > fits:
            text = text[:fits]
            highlights = [(start, min(end, fits)) for start, end in highlights if start < fits]
        layout = QTextLayout(text, option.font)
        layout.setTextOption(self._no_wrap)
        formats = []
        for start, end in highlights:
            range_ = QTextLayout.FormatRange()
            range_.start, range_.length, range_.format = start, end - start, self._matched
            formats.append(range_)
        layout.setFormats(formats)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(rect.width())  # no wrapping: text past the column is clipped
        layout.endLayout()
        painter.save()
        painter.setClipRect(rect)
        painter.setPen(option.palette.color(role))
        y = rect.top() + (rect.height() - line.height()) / 2
        layout.draw(painter, QPointF(rect.left(), y))
        painter.restore()
