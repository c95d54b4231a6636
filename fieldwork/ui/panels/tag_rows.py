"""Rows of tags and of matching criteria: two lines each, evaluation markers, a search popup."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from fieldwork.domain.evidence import Tag
from fieldwork.domain.framework import Framework
from fieldwork.domain.pack import EVALUATION_LABELS, SOURCE_LABELS
from fieldwork.ui.models.framework_tree_model import rich_tooltip
from fieldwork.ui.panels.criterion_search import CriterionMatch

CriterionRole = Qt.ItemDataRole.UserRole + 1
PrimaryRole = Qt.ItemDataRole.UserRole + 10
SecondaryRole = Qt.ItemDataRole.UserRole + 11
EvaluationRole = Qt.ItemDataRole.UserRole + 12
LoudRole = Qt.ItemDataRole.UserRole + 13  # "escalate now" is set

# A shape and a word for each evaluation, so nothing depends on colour alone.
MARKERS = {
    "strength": "▲",
    "area-for-improvement": "▽",
    "serious-weakness": "▼",
    "context": "●",
}
ESCALATE_TEXT = "⚠ ESCALATE NOW"
# Okabe–Ito hues (distinct for colour-blind readers, mid-tone on light and dark bases) plus a
# fill pattern each, so the stripe still differs when printed or seen in greyscale.
_STRIPES = {
    "strength": (QColor("#009e73"), Qt.BrushStyle.SolidPattern),
    "area-for-improvement": (QColor("#e69f00"), Qt.BrushStyle.Dense4Pattern),
    "serious-weakness": (QColor("#d55e00"), Qt.BrushStyle.DiagCrossPattern),
    "context": (QColor("#999999"), Qt.BrushStyle.Dense6Pattern),
}
_ESCALATE_FRAME = QColor("#d55e00")
_STRIPE_WIDTH = 6
POPUP_ROWS = 8


def evaluation_text(evaluation: str) -> str:
    return f"{MARKERS.get(evaluation, '?')} {EVALUATION_LABELS.get(evaluation, evaluation)}"


def describe_tag(framework: Framework, tag: Tag) -> tuple[str, str, str]:
    """(heading, one-line summary, a sentence for screen readers) for a tag."""
    heading = (
        framework.criterion(tag.criterion_id).heading
        if framework.has(tag.criterion_id)
        else tag.criterion_id
    )
    parts = [evaluation_text(tag.evaluation)]
    parts.append(SOURCE_LABELS.get(tag.source, tag.source) if tag.source else "no source")
    if tag.grade_leaning:
        grade_ids = framework.grades.ids
        label = (
            framework.grades.get(tag.grade_leaning).label
            if tag.grade_leaning in grade_ids
            else tag.grade_leaning
        )
        parts.append(f"leaning {label}")
    if tag.corroborated:
        parts.append("corroborated")
    if tag.escalate:
        parts.insert(0, ESCALATE_TEXT)
    summary = " · ".join(parts)
    sentence = f"{heading}. " + ", ".join(p.lstrip("▲▽▼●⚠ ") for p in parts) + "."
    return heading, summary, sentence


class TwoLineDelegate(QStyledItemDelegate):
    """Paints PrimaryRole over SecondaryRole (smaller, muted), with an evaluation stripe if any.

    Text is drawn as plain strings with QPainter.drawText: criteria and tags never pass through a
    rich-text renderer.
    """

    def __init__(self, parent: QWidget | None = None, *, bold_primary: bool = False) -> None:
        super().__init__(parent)
        self.bold_primary = bold_primary

    def _fonts(self, base: QFont) -> tuple[QFont, QFont]:
        primary = QFont(base)
        primary.setBold(self.bold_primary)
        secondary = QFont(base)
        if base.pointSizeF() > 0:
            secondary.setPointSizeF(base.pointSizeF() * 0.88)
        return primary, secondary

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        primary, secondary = self._fonts(option.font)
        height = QFontMetrics(primary).height() + QFontMetrics(secondary).height() + 10
        return QSize(200, height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the background and focus only; text below
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect: QRect = opt.rect
        palette: QPalette = opt.palette
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        loud = bool(index.data(LoudRole))
        painter.save()
        inset = 0
        if loud:  # a thick frame round the whole row, drawn first so the stripe sits inside it
            painter.setPen(QPen(_ESCALATE_FRAME, 3))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
            inset = 3
        left = rect.left() + 6 + inset
        stripe = _STRIPES.get(index.data(EvaluationRole) or "")
        if stripe is not None:
            color, pattern = stripe
            bar = QRect(
                rect.left() + 2 + inset,
                rect.top() + 3 + inset,
                _STRIPE_WIDTH,
                rect.height() - 6 - 2 * inset,
            )
            painter.fillRect(bar, QBrush(color, pattern))
            painter.setPen(QPen(color, 1))
            painter.drawRect(bar.adjusted(0, 0, -1, -1))
            left = bar.right() + 7
        text_rect = QRect(left, rect.top() + 4, rect.right() - left - 4, rect.height() - 8)
        primary_font, secondary_font = self._fonts(opt.font)
        group = (
            QPalette.ColorGroup.Active
            if opt.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        main = palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = (
            main if selected or loud else palette.color(group, QPalette.ColorRole.PlaceholderText)
        )
        metrics = QFontMetrics(primary_font)
        painter.setFont(primary_font)
        painter.setPen(main)
        first = metrics.elidedText(
            str(index.data(PrimaryRole) or ""), Qt.TextElideMode.ElideRight, text_rect.width()
        )
        painter.drawText(text_rect.left(), text_rect.top() + metrics.ascent(), first)
        if loud:
            secondary_font.setBold(True)
        small = QFontMetrics(secondary_font)
        painter.setFont(secondary_font)
        painter.setPen(muted)
        second = small.elidedText(
            str(index.data(SecondaryRole) or ""), Qt.TextElideMode.ElideRight, text_rect.width()
        )
        painter.drawText(
            text_rect.left(), text_rect.top() + metrics.height() + small.ascent(), second
        )
        painter.restore()


class CriterionPopup(QListWidget):
    """Criteria matching the typed words, in a frameless window that never takes the focus.

    The search box keeps the keyboard (the tag picker forwards Up, Down, Enter and Escape), which
    is simpler than QCompleter's popup grabbing keys and handing them back.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowFlags(
            Qt.WindowType.ToolTip
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowDoesNotAcceptFocus
        )
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName("Matching criteria")
        self.setItemDelegate(TwoLineDelegate(self))
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A plain box in the palette's text colour sets the popup apart from the list below it.
        self.setFrameShape(QFrame.Shape.Box)
        self.setFrameShadow(QFrame.Shadow.Plain)
        self.hide()

    def show_matches(
        self, matches: Iterable[CriterionMatch], tagged: set[str], *, under: QWidget
    ) -> None:
        """Fill with matches (best first, the first one current) and open under `under`."""
        self.clear()
        for match in matches:
            criterion = match.criterion
            where = f"{match.judgement_title} · {match.theme_title}"
            if criterion.id in tagged:
                where += " · already tagged"
            item = QListWidgetItem()
            item.setData(PrimaryRole, criterion.heading)
            item.setData(SecondaryRole, where)
            item.setData(CriterionRole, criterion.id)
            # Every role the delegate reads is set: an unset one comes back as None, and
            # PySide6 6.12.0 on Python 3.11 loses a reference to None on each such return.
            item.setData(EvaluationRole, "")
            item.setData(LoudRole, False)
            item.setData(Qt.ItemDataRole.DisplayRole, criterion.heading)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{criterion.heading}, {where}")
            item.setToolTip(rich_tooltip(criterion.id, criterion.good))
            self.addItem(item)
        if self.count() == 0:
            self.hide()
            return
        self.setCurrentRow(0)
        self._place_under(under)
        self.show()
        self.raise_()

    def _place_under(self, anchor: QWidget) -> None:
        rows = min(self.count(), POPUP_ROWS)
        height = rows * self.sizeHintForRow(0) + 2 * self.frameWidth()
        width = max(anchor.width(), 380)
        below = anchor.mapToGlobal(QPoint(0, anchor.height()))
        x, y = below.x(), below.y()
        screen = anchor.screen()
        if screen is not None:
            area = screen.availableGeometry()
            if y + height > area.bottom():
                y = anchor.mapToGlobal(QPoint(0, 0)).y() - height  # no room below: open above
            x = max(area.left(), min(x, area.right() - width))
        self.setGeometry(x, y, width, height)

    def move_by(self, step: int) -> None:
        """Move the current row, wrapping round at either end."""
        if self.count():
            self.setCurrentRow((self.currentRow() + step) % self.count())

    def current_criterion(self) -> str | None:
        item = self.currentItem()
        return None if item is None else str(item.data(CriterionRole))
