"""The welcome page: recent notebooks, a new inspection, open a notebook, or the demo."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from fieldwork.runtime.preferences import MAX_RECENT, Preferences

PathRole = Qt.ItemDataRole.UserRole
MissingRole = Qt.ItemDataRole.UserRole + 1
NOT_FOUND = "(not found)"
ROW_PADDING = 8


def choose_notebook_folder(parent: QWidget | None, start: str = "") -> str | None:
    """Ask for a notebook folder; None if cancelled.

    Qt's own dialog, never the desktop's: a native one can add the path to the desktop's
    recent-files list (SECURITY.md §5), and a notebook's path can name the authority.
    """
    options = QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.ShowDirsOnly
    chosen = QFileDialog.getExistingDirectory(
        parent, "Open a notebook: choose its .fieldwork folder", start or str(Path.home()), options
    )
    return chosen or None


def centre_page(page: QWidget, column: QWidget) -> None:
    """Lay `column` out in the middle of `page`, a little above centre, like a welcome page."""
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(column, 4)
    row.addStretch(1)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(48, 36, 48, 36)
    outer.addStretch(2)
    outer.addLayout(row)
    outer.addStretch(3)


def plain_label(text: str = "", *, muted: bool = False, wrap: bool = True) -> QLabel:
    """A label that never interprets markup (paths and names can contain `<`)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if muted:
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def align_form_labels(*forms: QFormLayout) -> None:
    """One label column for several forms, so fields line up across group boxes."""
    labels: list[QWidget] = []
    for form in forms:
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QLabel):
                widget.setAlignment(form.labelAlignment())  # text keeps to the field side
                labels.append(widget)
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)


def title_label(text: str, scale: float = 2.0) -> QLabel:
    label = plain_label(text, wrap=False)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


class _RecentDelegate(QStyledItemDelegate):
    """Folder name on the first line, its parent folder muted below; missing ones greyed."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        height = option.fontMetrics.height() * 2 + 2 + 2 * ROW_PADDING
        return QSize(option.rect.width(), height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""
        widget = option.widget
        style = widget.style() if widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)
        path = Path(str(index.data(PathRole)))
        missing = bool(index.data(MissingRole))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        strong = palette.highlightedText() if selected else palette.text()
        soft = palette.highlightedText() if selected else palette.placeholderText()
        box = option.rect.adjusted(12, ROW_PADDING, -12, -ROW_PADDING)
        metrics = option.fontMetrics
        painter.save()
        font = QFont(option.font)
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.setPen(QPen(soft.color() if missing else strong.color()))
        name = (path.name or str(path)) + (f"  {NOT_FOUND}" if missing else "")
        first = QRect(box.left(), box.top(), box.width(), metrics.height())
        room = box.width() - self._paint_retention(painter, option, index, first, selected)
        painter.drawText(
            first,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(font).elidedText(name, Qt.TextElideMode.ElideRight, room),
        )
        painter.setFont(option.font)
        painter.setPen(QPen(soft.color()))
        second = first.translated(0, metrics.height() + 2)
        painter.drawText(
            second,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(str(path.parent), Qt.TextElideMode.ElideMiddle, box.width()),
        )
        painter.restore()

    def _paint_retention(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
        line: QRect,
        selected: bool,
    ) -> int:
        """ "Ended 104 days ago — past …" at the right of the first line; returns its width."""
        from fieldwork.ui.screens.retention_offer import DueRole, RetentionRole

        text = index.data(RetentionRole)
        if not text:
            return 0
        palette = option.palette
        due = bool(index.data(DueRole))
        colour = palette.highlightedText() if selected else palette.text()
        font = QFont(option.font)
        font.setWeight(QFont.Weight.DemiBold if due else QFont.Weight.Normal)
        painter.save()
        painter.setFont(font)
        painter.setPen(
            QPen(colour.color() if due or selected else palette.placeholderText().color())
        )
        width = min(QFontMetrics(font).horizontalAdvance(text), line.width() // 2)
        shown = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, width)
        painter.drawText(line, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, shown)
        painter.restore()
        return width + 16


class StartScreen(QWidget):
    """Calm first page; it only asks, the main window does the opening."""

    new_requested = Signal()
    open_requested = Signal(str)
    demo_requested = Signal()

    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Start page")
        column = QWidget(self)
        column.setMaximumWidth(680)
        column.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)

        title = title_label("Fieldwork", 2.4)
        intro = plain_label(
            "An encrypted notebook for inspections of children's services. It works without "
            "a network, and nothing leaves this computer unless you export it.",
            muted=True,
        )
        intro.setAccessibleName("About Fieldwork")
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(16)

        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        # Ctrl+N belongs to "new note" in the notebook window; File ▸ New inspection has its own.
        self.new_button = QPushButton("&New inspection…")
        self.new_button.setDefault(True)  # drawn as the primary action
        self.new_button.setAccessibleName("New inspection")
        self.open_button = QPushButton("&Open notebook…")
        self.open_button.setAccessibleName("Open notebook")
        # A notebook is a folder, not a file: say so before the folder chooser appears.
        self.open_button.setToolTip("Choose a notebook's folder: its name ends in .fieldwork.")
        self.demo_button = QPushButton("Open the &demo inspection")
        self.demo_button.setAccessibleName("Open the demo inspection")
        self.demo_button.setToolTip("A fictional authority with 600 notes, to try things out.")
        for button in (self.new_button, self.open_button, self.demo_button):
            hint = button.sizeHint()
            button.setMinimumSize(hint.width() + 24, max(hint.height(), 34))
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addSpacing(20)

        recent_title = QLabel("&Recent notebooks")
        recent_title.setTextFormat(Qt.TextFormat.PlainText)
        heading_font = recent_title.font()
        heading_font.setWeight(QFont.Weight.DemiBold)
        recent_title.setFont(heading_font)
        self.recent_list = QListWidget()
        self.recent_list.setAccessibleName("Recent notebooks")
        self.recent_list.setAccessibleDescription("Press Enter to open the selected notebook.")
        self.recent_list.setFrameShape(QFrame.Shape.StyledPanel)
        self.recent_list.setUniformItemSizes(True)
        self.recent_list.setItemDelegate(_RecentDelegate(self.recent_list))
        self.recent_list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.recent_list.itemActivated.connect(self._activate)
        self.recent_list.installEventFilter(self)
        recent_title.setBuddy(self.recent_list)
        self.empty_note = plain_label("Notebooks you open will be listed here.", muted=True)
        self.status = plain_label(muted=True)
        self.status.setAccessibleName("Start page message")
        self.status.hide()
        layout.addWidget(recent_title)
        layout.addWidget(self.recent_list)
        from fieldwork.ui.screens.retention_offer import RetentionOffer

        self.retention = RetentionOffer(self.recent_list, preferences)
        layout.addWidget(self.retention)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.status)

        centre_page(self, column)

        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self._choose)
        self.demo_button.clicked.connect(self.demo_requested)
        self.setTabOrder(self.new_button, self.open_button)
        self.setTabOrder(self.open_button, self.demo_button)
        self.setTabOrder(self.demo_button, self.recent_list)
        self.set_recent(preferences.recent_notebooks)

    # --- recent notebooks -------------------------------------------------------------
    def set_recent(self, paths: Sequence[str]) -> None:
        """Show these notebook folders, newest first; missing ones are greyed."""
        self.recent_list.clear()
        self.status.hide()
        for text in paths:
            item = QListWidgetItem()
            item.setData(PathRole, text)
            self._describe(item)
            self.recent_list.addItem(item)
        has_items = self.recent_list.count() > 0
        self.recent_list.setVisible(has_items)
        self.empty_note.setVisible(not has_items)
        if has_items:
            self.recent_list.setCurrentRow(0)
            rows = min(self.recent_list.count(), MAX_RECENT)
            frame = self.recent_list.frameWidth() * 2
            self.recent_list.setFixedHeight(self.recent_list.sizeHintForRow(0) * rows + frame)
        self.retention.refresh()

    def _describe(self, item: QListWidgetItem) -> None:
        path = Path(str(item.data(PathRole)))
        exists = path.exists()
        name = path.name or str(path)
        first = name if exists else f"{name}  {NOT_FOUND}"
        item.setText(f"{first}\n{path.parent}")
        item.setData(MissingRole, not exists)
        item.setToolTip(html.escape(str(path)))
        item.setData(
            Qt.ItemDataRole.AccessibleTextRole,
            f"{name}, in {path.parent}" + ("" if exists else ", not found"),
        )

    def _activate(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        text = str(item.data(PathRole))
        self._describe(item)  # it may have come back (a USB stick plugged in) or gone
        if Path(text).exists():
            self.status.hide()
            self.open_requested.emit(text)
        else:
            self.status.setText(
                f"{Path(text).name} is no longer at {Path(text).parent}. It may have been "
                "moved, renamed or deleted; use Open notebook… to find it."
            )
            self.status.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter opens on every platform (macOS does not map Return to "activated").
        if (
            watched is self.recent_list
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._activate(self.recent_list.currentItem())
            return True
        return super().eventFilter(watched, event)

    def _choose(self) -> None:
        chosen = choose_notebook_folder(self)
        if chosen:
            self.open_requested.emit(chosen)
