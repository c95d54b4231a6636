"""The tag picker: find a criterion by typing, then set each tag's evaluation, source and flags."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.evidence import EVALUATIONS, SOURCES, Evaluation, Tag
from fieldwork.domain.pack import EVALUATION_LABELS, SOURCE_LABELS
from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.models.framework_tree_model import rich_tooltip
from fieldwork.ui.panels.criterion_search import CriterionIndex
from fieldwork.ui.panels.suggestion_bar import SuggestionBar
from fieldwork.ui.panels.suggestion_feed import SuggestionFeed
from fieldwork.ui.panels.tag_keys import (
    EVALUATION_KEYS,
    FLAG_KEYS,
    KEY_HELP,
    REMOVE_KEYS,
    SEARCH_HELP,
    SOURCE_KEYS,
    change_for_key,
    is_plain,
)
from fieldwork.ui.panels.tag_rows import (
    POPUP_ROWS,
    CriterionPopup,
    CriterionRole,
    EvaluationRole,
    LoudRole,
    PrimaryRole,
    SecondaryRole,
    TwoLineDelegate,
    describe_tag,
)


class TagPicker(QWidget):
    """Edits the tags of the note in the editor; `tags_edited` carries the new tuple[Tag, ...]."""

    tags_edited = Signal(object)
    finished = Signal()  # Escape with nothing left to close: hand the focus back to the editor

    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.framework = ctx.framework
        self.setAccessibleName("Tag picker")
        self._index = CriterionIndex(self.framework)
        self._tags: tuple[Tag, ...] = ()
        self._last_evaluation: Evaluation = "strength"
        self._watched_window: QWidget | None = None
        self._build()

    # --- building ----------------------------------------------------------------------
    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tag: type a criterion, theme or keyword…")
        self.search.setAccessibleName("Add a tag: search the framework's criteria")
        self.search.setAccessibleDescription(SEARCH_HELP)
        self.search.setToolTip(rich_tooltip(SEARCH_HELP, "Ctrl+T comes here from the editor."))
        self.search.setClearButtonEnabled(True)
        self.search.textEdited.connect(self._search_edited)
        self.search.installEventFilter(self)

        self.popup = CriterionPopup(self)
        self.popup.itemClicked.connect(lambda item: self._choose(item))

        # Suggestions become tags only by a key or a click, exactly as one chosen here by hand.
        self.suggestions = SuggestionBar(self.framework)
        self.suggestions.accepted.connect(self.add_criterion)
        self.feed = SuggestionFeed(
            self.ctx, self.suggestions, lambda: {t.criterion_id for t in self._tags}, self
        )
        self.tags_edited.connect(lambda _tags: self.feed.tags_changed())

        self.list = QListWidget()
        self.list.setAccessibleName("Tags of this note")
        self.list.setAccessibleDescription(KEY_HELP)
        self.list.setToolTip(rich_tooltip("With a tag selected:", KEY_HELP))
        self.list.setItemDelegate(TwoLineDelegate(self.list, bold_primary=True))
        self.list.setUniformItemSizes(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentRowChanged.connect(lambda _row: self._sync_controls())
        self.list.installEventFilter(self)

        self.help = QLabel(KEY_HELP)
        self.help.setTextFormat(Qt.TextFormat.PlainText)
        self.help.setWordWrap(True)
        self.help.setAccessibleName("Keys for the selected tag")
        font = self.help.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.help.setFont(font)
        # A role, not a copied colour, so it follows a theme switched while the notebook is open.
        self.help.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.evaluation = self._combo("Evaluation of the selected tag (keys S, A, W, C)")
        for key, evaluation in zip("SAWC", EVALUATIONS, strict=True):
            self.evaluation.addItem(f"{EVALUATION_LABELS[evaluation]} ({key})", evaluation)
        self.evaluation.activated.connect(
            lambda i: self._edit(evaluation=self.evaluation.itemData(i))
        )
        self.source = self._combo("Source of the selected tag (keys 1 to 6, 0 for none)")
        self.source.addItem("No source (0)", None)
        for number, source in enumerate(SOURCES, start=1):
            self.source.addItem(f"{SOURCE_LABELS[source]} ({number})", source)
        self.source.activated.connect(lambda i: self._edit(source=self.source.itemData(i)))
        self.leaning = self._combo("Grade leaning of the selected tag (key G cycles)")
        self.leaning.addItem("No grade leaning", None)
        for grade in self.framework.grades.grades:
            self.leaning.addItem(f"Leaning: {grade.label}", grade.id)
        self.leaning.activated.connect(lambda i: self._edit(grade_leaning=self.leaning.itemData(i)))
        self.corroborated = QCheckBox("Corroborated (K)")
        self.corroborated.setAccessibleName("Corroborated (key K)")
        self.corroborated.clicked.connect(lambda on: self._edit(corroborated=bool(on)))
        self.escalate = QCheckBox("Escalate now (E)")
        self.escalate.setAccessibleName("Escalate now: a child at risk, refer back at once (key E)")
        self.escalate.setToolTip(rich_tooltip("A child found at risk: refer back at once (key E)."))
        self.escalate.clicked.connect(lambda on: self._edit(escalate=bool(on)))
        self.remove = QPushButton("Remove")
        self.remove.setAccessibleName("Remove the selected tag (key Delete)")
        self.remove.setToolTip(rich_tooltip("Remove the selected tag (Delete)."))
        self.remove.clicked.connect(self.remove_selected)

        choices = QHBoxLayout()
        for combo in (self.evaluation, self.source, self.leaning):
            choices.addWidget(combo, 1)
        flags = QHBoxLayout()
        flags.addWidget(self.corroborated)
        flags.addWidget(self.escalate)
        flags.addStretch(1)
        flags.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addWidget(self.suggestions)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.help)
        layout.addLayout(choices)
        layout.addLayout(flags)
        self.setTabOrder(self.search, self.list)
        self._sync_controls()

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(rich_tooltip(name + "."))
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        return combo

    # --- public API --------------------------------------------------------------------
    def set_tags(self, tags: tuple[Tag, ...]) -> None:
        """Show a note's tags; emits nothing (the editor is telling us, not the user)."""
        current = self.selected_tag()
        self._tags = tuple(tags)
        self._rebuild(current.criterion_id if current else None)

    def tags(self) -> tuple[Tag, ...]:
        return self._tags

    def follow_editor(self, editor: QWidget) -> None:
        self.feed.follow(editor)  # suggest tags for the note in this editor as it is written

    def set_suggestions_enabled(self, on: bool) -> None:
        self.feed.set_enabled(on)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def selected_tag(self) -> Tag | None:
        row = self.list.currentRow()
        return self._tags[row] if 0 <= row < len(self._tags) else None

    def add_criterion(self, criterion_id: str) -> None:
        """Tag a criterion (with the last evaluation used); if already tagged, select that tag."""
        for row, tag in enumerate(self._tags):
            if tag.criterion_id == criterion_id:
                self.list.setCurrentRow(row)
                return
        evaluation = self._last_evaluation
        self._tags = (*self._tags, Tag(criterion_id, evaluation))
        self._rebuild(criterion_id)
        self.tags_edited.emit(self._tags)

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self._tags):
            return
        self._tags = self._tags[:row] + self._tags[row + 1 :]
        self._rebuild(None)
        if self._tags:
            self.list.setCurrentRow(min(row, len(self._tags) - 1))
        self.tags_edited.emit(self._tags)

    # --- editing the selected tag ------------------------------------------------------
    def _edit(self, **changes: object) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self._tags):
            return
        tag = replace(self._tags[row], **changes)  # type: ignore[arg-type]
        if "evaluation" in changes:
            self._last_evaluation = tag.evaluation
        if tag == self._tags[row]:
            self._sync_controls()
            return
        self._tags = (*self._tags[:row], tag, *self._tags[row + 1 :])
        self._fill_item(self.list.item(row), tag)
        self._sync_controls()
        self.tags_edited.emit(self._tags)

    def _key_on_tag(self, event: QKeyEvent) -> bool:
        """Single keys on the selected tag; True if the key was one of ours."""
        tag = self.selected_tag()
        key = event.key()
        if tag is None or not is_plain(event):
            return False
        if key in REMOVE_KEYS:
            self.remove_selected()
            return True
        change = change_for_key(key, tag, self.framework.grades.ids)
        if change is None:
            return False
        self._edit(**change)
        return True

    # --- showing tags ------------------------------------------------------------------
    def _rebuild(self, select: str | None) -> None:
        self.list.blockSignals(True)
        try:
            self.list.clear()
            for tag in self._tags:
                item = QListWidgetItem()
                self._fill_item(item, tag)
                self.list.addItem(item)
            rows = [i for i, t in enumerate(self._tags) if t.criterion_id == select]
            self.list.setCurrentRow(rows[0] if rows else -1)
        finally:
            self.list.blockSignals(False)
        self._sync_controls()

    def _fill_item(self, item: QListWidgetItem, tag: Tag) -> None:
        heading, summary, sentence = describe_tag(self.framework, tag)
        item.setData(PrimaryRole, heading)
        item.setData(SecondaryRole, summary)
        item.setData(EvaluationRole, tag.evaluation)
        item.setData(LoudRole, tag.escalate)
        item.setData(CriterionRole, tag.criterion_id)
        item.setData(Qt.ItemDataRole.DisplayRole, f"{heading}: {summary}")
        item.setData(Qt.ItemDataRole.AccessibleTextRole, sentence)
        item.setToolTip(rich_tooltip(tag.criterion_id, summary, KEY_HELP))

    def _sync_controls(self) -> None:
        tag = self.selected_tag()
        controls = (self.evaluation, self.source, self.leaning)
        for widget in (*controls, self.corroborated, self.escalate, self.remove):
            widget.setEnabled(tag is not None)
        if tag is None:
            return
        self.evaluation.setCurrentIndex(max(0, self.evaluation.findData(tag.evaluation)))
        self.source.setCurrentIndex(max(0, self.source.findData(tag.source)))
        self.leaning.setCurrentIndex(max(0, self.leaning.findData(tag.grade_leaning)))
        self.corroborated.setChecked(tag.corroborated)
        self.escalate.setChecked(tag.escalate)
        font = self.escalate.font()
        font.setBold(tag.escalate)  # loud when on: bold, and the row gets a frame
        self.escalate.setFont(font)
        self.escalate.setText("⚠ ESCALATE NOW (E)" if tag.escalate else "Escalate now (E)")

    # --- the search popup --------------------------------------------------------------
    def _search_edited(self, text: str) -> None:
        tagged = {t.criterion_id for t in self._tags}
        self.popup.show_matches(self._index.search(text), tagged, under=self.search)

    def _choose(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        criterion_id = item.data(CriterionRole)
        self.popup.hide()
        self.search.clear()
        self.add_criterion(criterion_id)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)  # so S/A/W/C… apply at once

    def _key_in_search(self, event: QKeyEvent) -> bool:
        key, open_ = event.key(), self.popup.isVisible()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            if open_:
                self.popup.move_by(1 if key == Qt.Key.Key_Down else -1)
            elif self.search.text().strip():
                self._search_edited(self.search.text())
            elif key == Qt.Key.Key_Down and self._tags:
                self.list.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if not open_ and self.search.text().strip():
                self._search_edited(self.search.text())
            if self.popup.isVisible():
                self._choose(self.popup.currentItem())
            return True
        if key == Qt.Key.Key_Escape:
            if open_:
                self.popup.hide()
            elif self.search.text():
                self.search.clear()
            else:
                self.finished.emit()
            return True
        if key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp) and open_:
            self.popup.move_by(POPUP_ROWS if key == Qt.Key.Key_PageDown else -POPUP_ROWS)
            return True
        return False

    # --- events ------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.search:
            if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                return self._key_in_search(event)
            if kind == QEvent.Type.FocusOut and not self.popup.underMouse():
                self.popup.hide()
        elif watched is self.list:
            if kind == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
                # Claim our single keys (and Delete) before any window shortcut takes them.
                if self._claims(event):
                    event.accept()
                    return True
            elif kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                if event.key() == Qt.Key.Key_Escape and is_plain(event):
                    self.finished.emit()
                    return True
                return self._key_on_tag(event)
        elif watched is self._watched_window and kind in (
            QEvent.Type.Move,
            QEvent.Type.Resize,
            QEvent.Type.Hide,
            QEvent.Type.WindowDeactivate,
        ):
            self.popup.hide()
        return super().eventFilter(watched, event)

    def _claims(self, event: QKeyEvent) -> bool:
        key = event.key()
        ours = key in EVALUATION_KEYS or key in SOURCE_KEYS or key in FLAG_KEYS
        return ours and is_plain(event) and self.selected_tag() is not None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        window = self.window()
        if window is not self._watched_window:
            if self._watched_window is not None:
                self._watched_window.removeEventFilter(self)
            self._watched_window = window
            window.installEventFilter(self)

    def hideEvent(self, event: QHideEvent) -> None:
        self.popup.hide()
        super().hideEvent(event)
