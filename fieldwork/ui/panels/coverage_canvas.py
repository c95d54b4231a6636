"""The painted coverage chart: a stacked bar per criterion, grouped by judgement and theme."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from fieldwork.domain.framework import Framework
from fieldwork.ui.models.judgements_model import EVALUATION_NAMES, CoverageRow

_S = Qt.BrushStyle
EVALUATION_STYLES = (
    ("Strength", QColor("#2e7d4f"), _S.NoBrush, QColor("#ffffff"), QColor("#ffffff")),
    (
        "Area for improvement",
        QColor("#e8b13a"),
        _S.BDiagPattern,
        QColor("#6b4a00"),
        QColor("#000000"),
    ),
    (
        "Serious weakness",
        QColor("#b83227"),
        _S.DiagCrossPattern,
        QColor("#f6c9c4"),
        QColor("#ffffff"),
    ),
    ("Context", QColor("#9aabbf"), _S.NoBrush, QColor("#000000"), QColor("#000000")),
)
WARNING_EDGE = QColor("#d35400")  # orange, apart from the serious-weakness red
WARNING_TINT = QColor(211, 84, 0, 40)  # see-through, so it suits light and dark backgrounds


def paint_segment(painter: QPainter, rect: QRect, style: int, count: int | None = None) -> None:
    """One evaluation's fill and hatching, with its count on a plain chip if it fits."""
    _, fill, pattern, ink, text = EVALUATION_STYLES[style]
    painter.fillRect(rect, fill)
    if pattern != Qt.BrushStyle.NoBrush:
        painter.fillRect(rect, QBrush(ink, pattern))
    if count is None:
        return
    label = str(count)
    metrics = painter.fontMetrics()
    chip_width = metrics.horizontalAdvance(label) + 6
    if chip_width > rect.width() - 2:
        return
    chip = QRect(0, 0, chip_width, min(rect.height() - 2, metrics.height()))
    chip.moveCenter(rect.center())
    painter.fillRect(chip, fill)  # the hatching would make the digits hard to read
    painter.setPen(text)
    painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, label)


@dataclass(frozen=True, slots=True)
class _Line:
    kind: str  # "judgement", "theme" or "criterion"
    node_id: str
    text: str
    top: int
    height: int
    row: CoverageRow | None = None
    aside: str = ""  # right-hand note on a judgement line


class CoverageCanvas(QWidget):
    """Paints the grouped bars; a click on a line picks its framework node."""

    picked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scroll area takes focus and scrolls
        self._framework: Framework | None = None
        self._rows: tuple[CoverageRow, ...] = ()
        self._lines: list[_Line] = []
        self._hover = -1

    def set_rows(self, framework: Framework, rows: tuple[CoverageRow, ...]) -> None:
        self._framework, self._rows = framework, rows
        self._relayout()

    def changeEvent(self, event: Any) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._relayout()

    def _fonts(self) -> tuple[QFont, QFont]:
        title = QFont(self.font())
        title.setBold(True)
        title.setPointSizeF(self.font().pointSizeF() * 1.15)
        theme = QFont(self.font())
        theme.setBold(True)
        return title, theme

    def _relayout(self) -> None:
        self._lines = []
        if self._framework is None:
            return
        title_font, theme_font = self._fonts()
        row_height = max(QFontMetrics(self.font()).height() + 10, 22)
        title_height = QFontMetrics(title_font).height() + 18
        theme_height = QFontMetrics(theme_font).height() + 8
        top = 4
        for judgement in self._framework.body_order:
            rows = [r for r in self._rows if r.judgement_id == judgement.id]
            covered = sum(1 for r in rows if r.total)
            aside = f"{covered} of {len(rows)} criteria with evidence"
            self._lines.append(
                _Line("judgement", judgement.id, judgement.title, top, title_height, aside=aside)
            )
            top += title_height
            for theme in judgement.themes:
                self._lines.append(_Line("theme", theme.id, theme.title, top, theme_height))
                top += theme_height
                for row in (r for r in rows if r.theme_id == theme.id):
                    self._lines.append(
                        _Line("criterion", row.criterion_id, row.heading, top, row_height, row)
                    )
                    top += row_height
        self.setMinimumHeight(top + 8)
        self.update()

    def line_at(self, y: int) -> int:
        for number, line in enumerate(self._lines):
            if line.top <= y < line.top + line.height:
                return number
        return -1

    def line_for(self, node_id: str) -> _Line | None:
        return next((line for line in self._lines if line.node_id == node_id), None)

    def _columns(self) -> tuple[int, int, int]:
        """Right edge of the heading column, the widest bar, and the total column's width."""
        heading_right = min(max(180, int(self.width() * 0.42)), 460)
        total_width = QFontMetrics(self.font()).horizontalAdvance("0000") + 12
        return (
            heading_right,
            max(40, self.width() - heading_right - 16 - total_width - 12),
            total_width,
        )

    def paintEvent(self, event: Any) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        visible = event.rect()
        scale = max((r.total for r in self._rows), default=0) or 1
        for number, line in enumerate(self._lines):
            if line.top + line.height < visible.top() or line.top > visible.bottom():
                continue
            if number == self._hover and line.kind != "theme":
                painter.fillRect(
                    0,
                    line.top,
                    self.width(),
                    line.height,
                    self.palette().color(QPalette.ColorRole.AlternateBase),
                )
            if line.kind == "criterion" and line.row is not None:
                self._paint_criterion(painter, line, line.row, scale)
            else:
                self._paint_header(painter, line)
        painter.end()

    def _paint_header(self, painter: QPainter, line: _Line) -> None:
        title_font, theme_font = self._fonts()
        palette = self.palette()
        painter.setFont(title_font if line.kind == "judgement" else theme_font)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        indent = 8 if line.kind == "judgement" else 16
        rect = QRect(indent, line.top, self.width() - indent - 8, line.height - 2)
        align = (
            Qt.AlignmentFlag.AlignBottom
            if line.kind == "judgement"
            else Qt.AlignmentFlag.AlignVCenter
        )
        if line.kind == "judgement":
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
            painter.drawLine(
                8, line.top + line.height - 1, self.width() - 8, line.top + line.height - 1
            )
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.setFont(self.font())
            painter.drawText(rect, Qt.AlignmentFlag.AlignRight | align, line.aside)
            aside_width = QFontMetrics(self.font()).horizontalAdvance(line.aside) + 16
            rect.setWidth(max(20, rect.width() - aside_width))
            painter.setFont(title_font)
        elided = painter.fontMetrics().elidedText(
            line.text, Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | align, elided)

    def _paint_criterion(
        self, painter: QPainter, line: _Line, row: CoverageRow, scale: int
    ) -> None:
        palette = self.palette()
        heading_right, bar_width, _ = self._columns()
        metrics = QFontMetrics(self.font())
        painter.setFont(self.font())
        text_rect = QRect(28, line.top, heading_right - 28 - 8, line.height)
        bar = QRect(heading_right + 8, line.top + 3, bar_width, line.height - 6)
        if not row.total:
            painter.fillRect(8, line.top + 1, 6, line.height - 2, WARNING_EDGE)
            painter.fillRect(bar, WARNING_TINT)
            painter.setPen(QPen(WARNING_EDGE, 1, Qt.PenStyle.DashLine))
            painter.drawRect(bar.adjusted(0, 0, -1, -1))
            bold = QFont(self.font())
            bold.setBold(True)
            painter.setFont(bold)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.drawText(
                bar.adjusted(8, 0, 0, 0),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                "No evidence yet",
            )
            painter.setFont(self.font())
        else:
            x = bar.left()
            for style, count in enumerate(row.counts):
                if not count:
                    continue
                width = max(3, round(bar_width * count / scale))
                paint_segment(painter, QRect(x, bar.top(), width, bar.height()), style, count)
                x += width
                painter.fillRect(
                    x, bar.top(), 1, bar.height(), palette.color(QPalette.ColorRole.Base)
                )
                x += 1
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.drawText(
                QRect(x + 6, line.top, 60, line.height),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                str(row.total),
            )
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        elided = metrics.elidedText(row.heading, Qt.TextElideMode.ElideRight, text_rect.width())
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided
        )

    def event(self, event: Any) -> bool:
        if event.type() == event.Type.ToolTip:
            number = self.line_at(event.pos().y())
            tip = self._tooltip(self._lines[number]) if number >= 0 else ""
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    @staticmethod
    def _tooltip(line: _Line) -> str:
        if line.row is None:
            return html.escape(f"{line.text} ({line.node_id})")
        row = line.row
        pairs = zip(EVALUATION_NAMES, row.counts, strict=True)
        counts = ", ".join(f"{name}: {count}" for name, count in pairs)
        return (
            f"{html.escape(row.heading)} ({html.escape(row.criterion_id)})<br>{html.escape(counts)}"
        )

    def mouseMoveEvent(self, event: Any) -> None:
        number = self.line_at(int(event.position().y()))
        if number != self._hover:
            self._hover = number
            clickable = number >= 0 and self._lines[number].kind != "theme"
            self.setCursor(
                Qt.CursorShape.PointingHandCursor if clickable else Qt.CursorShape.ArrowCursor
            )
            self.update()

    def leaveEvent(self, event: Any) -> None:
        self._hover = -1
        self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event: Any) -> None:
        number = self.line_at(int(event.position().y()))
        if (
            event.button() == Qt.MouseButton.LeftButton
            and number >= 0
            and self._lines[number].kind != "theme"
        ):
            self.picked.emit(self._lines[number].node_id)
        super().mousePressEvent(event)


class CoverageLegend(QWidget):
    """A swatch per evaluation, painted exactly as the bars are, and the no-evidence mark."""

    def __init__(self) -> None:
        super().__init__()
        labels = [style[0] for style in EVALUATION_STYLES] + ["No evidence yet"]
        self.setAccessibleName("Legend")
        self.setAccessibleDescription(", ".join(labels))
        self._labels = labels

    def sizeHint(self) -> QSize:
        metrics = QFontMetrics(self.font())
        width = sum(metrics.horizontalAdvance(label) + 50 for label in self._labels)
        return QSize(width, metrics.height() + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, QFontMetrics(self.font()).height() + 8)

    def paintEvent(self, event: Any) -> None:
        painter = QPainter(self)
        metrics = QFontMetrics(self.font())
        x, height = 0, metrics.height()
        text = self.palette().color(QPalette.ColorRole.WindowText)
        for number, label in enumerate(self._labels):
            swatch = QRect(x, (self.height() - height) // 2, 26, height)
            if number < len(EVALUATION_STYLES):
                paint_segment(painter, swatch, number)
            else:
                painter.fillRect(swatch.left(), swatch.top(), 6, swatch.height(), WARNING_EDGE)
                painter.setPen(QPen(WARNING_EDGE, 1, Qt.PenStyle.DashLine))
                painter.drawRect(swatch.adjusted(8, 0, -1, -1))
            painter.setPen(text)
            label_rect = QRect(x + 32, 0, metrics.horizontalAdvance(label) + 4, self.height())
            painter.drawText(
                label_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label
            )
            x = label_rect.right() + 14
        painter.end()
