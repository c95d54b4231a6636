"""Suggested tags for the note being written: the likely area and the top criteria, one key each.

Nothing here is ever applied by itself: a suggestion becomes a tag only when the inspector
presses its key (Alt+1 to Alt+5, from the editor or anywhere in the window) or clicks it, and
then through the same path as a tag chosen by hand.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPalette, QResizeEvent, QShortcut
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from fieldwork.domain.framework import Framework
from fieldwork.domain.suggestions import SuggestedCriterion, TagSuggestions
from fieldwork.ui.models.framework_tree_model import rich_tooltip

SLOTS = 5
CLEAR_LEAD = 1.25  # the top area's score over the next one's, before the header names it
WAITING = "Suggestions appear here as you write (Alt+1 to Alt+5 accept them)."
SWITCHED_OFF = "Suggestions are switched off in Preferences."


def key_text(slot: int) -> str:
    return f"Alt+{slot + 1}"


class SuggestionBar(QWidget):
    """Shows `TagSuggestions`; emits `accepted(criterion id)` on a key or a click, nothing else."""

    accepted = Signal(str)

    def __init__(self, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.framework = framework
        self.setAccessibleName("Suggested tags")
        self._shown: list[SuggestedCriterion] = []
        self._texts: list[str] = []
        self._area = ""  # the judgement the header names
        self.header = QLabel(WAITING)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)
        self.header.setAccessibleName("Suggested judgement area")
        # A role, not a copied colour, so it follows a theme switched while the notebook is open.
        self.header.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.header)
        self.buttons: list[QPushButton] = []
        self.shortcuts: list[QShortcut] = []
        for slot in range(SLOTS):
            button = QPushButton()
            button.setFlat(True)
            button.setStyleSheet("text-align: left; padding: 1px 4px;")
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, s=slot: self.accept(s))
            button.hide()
            layout.addWidget(button)
            self.buttons.append(button)
            # Window-wide, so the key works while typing in the editor; inactive while the
            # bar is hidden (another tab, suggestions off) or the slot is empty.
            shortcut = QShortcut(QKeySequence(key_text(slot)), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setEnabled(False)
            shortcut.activated.connect(lambda s=slot: self.accept(s))
            self.shortcuts.append(shortcut)

    # --- showing ---------------------------------------------------------------------
    def show_suggestions(self, found: TagSuggestions) -> None:
        self._shown = list(found.criteria[:SLOTS])
        area = found.top_area
        if area is None or not self._shown:
            self.show_message(WAITING)
            return
        self._area = area.judgement_id
        title = self._judgement_title(area.judgement_id)
        runner_up = found.areas[1].score if len(found.areas) > 1 else 0.0
        # Name the area only when it stands out; a near tie would be a guess dressed as advice.
        confident = area.score >= CLEAR_LEAD * runner_up
        self.header.setText(f"Looks like {title}. Suggested:" if confident else "Suggested:")
        why = ", ".join(area.why)
        self.header.setToolTip(rich_tooltip(f"Words that point to {title}: {why}." if why else ""))
        self.header.setAccessibleDescription(f"Words that point to {title}: {why}.")
        self._show_rows()

    def show_message(self, message: str) -> None:
        """No suggestions: say why, and leave no key armed."""
        self._shown = []
        self._texts = []
        self.header.setText(message)
        self.header.setToolTip("")
        for button, shortcut in zip(self.buttons, self.shortcuts, strict=True):
            button.hide()
            shortcut.setEnabled(False)

    def suggested(self) -> list[str]:
        """Criterion ids on show, best first."""
        return [s.criterion_id for s in self._shown]

    def _judgement_title(self, judgement_id: str) -> str:
        if not self.framework.has(judgement_id):
            return judgement_id
        judgement = self.framework.judgement(judgement_id)
        return judgement.short_title or judgement.title

    def _fill(self, slot: int, button: QPushButton, item: SuggestedCriterion, area: str) -> None:
        criterion = self.framework.criterion(item.criterion_id)
        where = (
            "" if item.judgement_id == area else f" ({self._judgement_title(item.judgement_id)})"
        )
        text = f"{key_text(slot)}  {criterion.heading}{where}"
        self._texts.append(text)
        why = ", ".join(item.why) if item.why else "nothing in particular (the area alone)"
        learned = (
            f"Weighed with {item.learned_from} of your notes tagged with it."
            if item.learned_from
            else ""
        )
        button.setToolTip(
            rich_tooltip(
                f"{criterion.heading} · {self._judgement_title(item.judgement_id)}",
                f"Why: {why}.",
                learned,
                f"{key_text(slot)} or a click adds this tag; nothing is added otherwise.",
            )
        )
        button.setAccessibleName(
            f"Suggested tag {slot + 1}: {criterion.heading}, "
            f"{self._judgement_title(item.judgement_id)}. {key_text(slot)} adds it."
        )
        button.setAccessibleDescription(f"Why: {why}. {learned}".strip())

    def _elide(self) -> None:
        for button, text in zip(self.buttons, self._texts, strict=False):
            width = max(40, button.width() - 12)
            button.setText(
                button.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width)
            )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    # --- accepting -------------------------------------------------------------------
    def accept(self, slot: int) -> None:
        if 0 <= slot < len(self._shown) and self.isVisible():
            self.accepted.emit(self._shown[slot].criterion_id)

    def drop(self, criterion_ids: set[str]) -> None:
        """Take away suggestions that became tags; the rest move up to the first keys."""
        kept = [s for s in self._shown if s.criterion_id not in criterion_ids]
        if len(kept) == len(self._shown):
            return
        if not kept:
            self.show_message(WAITING)
            return
        self._shown = kept
        self._show_rows()

    def _show_rows(self) -> None:
        self._texts = []
        for slot, button in enumerate(self.buttons):
            if slot < len(self._shown):
                self._fill(slot, button, self._shown[slot], self._area)
                button.show()
            else:
                button.hide()
            self.shortcuts[slot].setEnabled(slot < len(self._shown))
        self._elide()
