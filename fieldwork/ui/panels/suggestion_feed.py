"""Feeds the suggestion bar: asks the read lane once typing pauses, and the latest answer wins.

The GUI thread only reads the editor's text and fills a few buttons; ranking, and learning from
the notebook's tagged notes, happen on the `read` lane (`services/suggestions.py`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from fieldwork.domain.suggestions import SuggestionLearning, TagSuggestions
from fieldwork.services.suggestions import MIN_WORDS, prepare_suggestions, suggest_tags
from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.panels.suggestion_bar import SWITCHED_OFF, WAITING, SuggestionBar
from fieldwork.ui.tasks import weak_callback

QUIET_MS = 400  # typing paused this long: ask again
BUSY_S = 0.3  # learning waits while other reads were asked for this recently (a search typed)
READ_KEY = "tag-suggestions"
LEARN_KEY = "tag-suggestions-learn"
UNAVAILABLE = "Suggestions are unavailable just now; tagging by hand works as always."
log = logging.getLogger("fieldwork.ui.suggestions")


class SuggestionFeed(QObject):
    def __init__(
        self,
        ctx: WorkspaceContext,
        bar: SuggestionBar,
        tagged: Callable[[], set[str]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bar = bar
        self._tagged = tagged
        self._editor: Any = None
        self.enabled = True
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(QUIET_MS)
        self.timer.timeout.connect(self.refresh)
        self._asked = 0  # requests made; an answer for an older one is dropped
        self._learning = True  # tagged notes of the notebook still to learn
        # Set from a keystroke until typing pauses: read by learning on the lane, which stops
        # its batch early rather than share the interpreter with a window taking keys.
        self._keys_arriving = threading.Event()
        self.resume = QTimer(self)  # learning again once the lane has been quiet a while
        self.resume.setSingleShot(True)
        self.resume.setInterval(QUIET_MS)
        self.resume.timeout.connect(self._resume_learning)

    def follow(self, editor: Any) -> None:
        """Watch a NoteEditor: its text while typed, and each note it starts or loads."""
        self._editor = editor
        editor.text.textChanged.connect(self.timer.start)
        editor.text.textChanged.connect(self._keys_arriving.set)
        editor.note_started.connect(lambda _draft: self._note_started())
        if self.enabled:
            self.learn()  # now, so the first suggestion is quick

    def learn(self) -> None:
        """Learn the notebook's tagged notes a batch per lane task, in the background: a search
        or suggestion asked for meanwhile goes first, and a batch stops early for it or a key."""
        tasks, keys = self.ctx.tasks, self._keys_arriving

        def give_way() -> bool:
            return keys.is_set() or tasks.waiting("read", BUSY_S)

        self.ctx.read(
            lambda nb: prepare_suggestions(nb, give_way=give_way),
            weak_callback(self._learned),
            key=LEARN_KEY,
            failed=weak_callback(self._failed, -1),
            background=True,
        )

    def _learned(self, progress: SuggestionLearning) -> None:
        self._learning = bool(progress.remaining)
        # The next batch waits while keys are coming: learning shares the interpreter with the
        # window, and typing comes first. The pause that asks for suggestions resumes it.
        if self._learning and self.enabled and not self.ctx.closed and not self.timer.isActive():
            if self.ctx.tasks.waiting("read", BUSY_S):
                self.resume.start()  # a search is being typed: learn on once it rests
            else:
                self.learn()

    def _resume_learning(self) -> None:
        if self._learning and self.enabled and not self.ctx.closed and not self.timer.isActive():
            self._learned(SuggestionLearning(0, 1))  # still learning: go on, or wait again

    def set_enabled(self, on: bool) -> None:
        if on == self.enabled:
            return
        self.enabled = on
        self.bar.setVisible(on)
        if on:
            self.bar.show_message(WAITING)
            self.learn()
            self.timer.start()
        else:
            self.timer.stop()
            self._asked += 1  # an answer already on its way is no longer wanted
            self.bar.show_message(SWITCHED_OFF)

    def tags_changed(self) -> None:
        """A tag was added or removed: drop it from the bar at once, then ask again."""
        self.bar.drop(self._tagged())
        if self.enabled:
            self.timer.start()

    def _note_started(self) -> None:
        self._asked += 1
        self.bar.show_message(WAITING)
        if self.enabled:
            self.timer.start()

    def refresh(self) -> None:
        """Ask for suggestions for the editor's text now (normally the timer calls this)."""
        self._keys_arriving.clear()  # typing has paused (or an answer is wanted now)
        if not self.enabled or self._editor is None or self.ctx.closed:
            return
        if self._learning:
            self.learn()
        text = self._editor.text.toPlainText()
        self._asked += 1
        if len(text.split()) < MIN_WORDS:
            self.bar.show_message(WAITING)
            return
        asked, exclude = self._asked, frozenset(self._tagged())
        self.ctx.read(
            lambda nb: suggest_tags(nb, text, exclude=exclude),
            weak_callback(self._answered_with, asked),
            key=READ_KEY,
            failed=weak_callback(self._failed, asked),
        )

    def _answered_with(self, asked: int, found: TagSuggestions) -> None:
        if asked != self._asked or not self.enabled or self.ctx.closed:
            return  # typed on, switched note, or switched off since
        self.bar.show_suggestions(found)
        self.bar.drop(self._tagged())  # tagged while the lane was working

    def _failed(self, asked: int, error: BaseException) -> None:
        # Suggestions are a help, not the work: say so quietly in the bar, never in a dialog.
        log.warning("suggestions failed: %s", type(error).__name__)
        if asked == self._asked and not self.ctx.closed:
            self.bar.show_message(UNAVAILABLE)
