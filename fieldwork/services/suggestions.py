"""Suggested tags for a note: the framework's words, the area model and this notebook's own tags.

What is learned from a notebook (term counts per criterion and area) lives only in memory, beside
the open notebook: it is derived from the notebook's tagged notes on the first suggestion,
brought up to date from the history chain on each later one (so a tag accepted by any route,
suggested or typed, is seen at once), and dropped when the notebook closes or locks. Nothing
learned is written to disk, preferences or the log; the tags it comes from are already in the
encrypted notebook.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fieldwork.domain.framework import Framework
from fieldwork.domain.suggestions import NO_SUGGESTIONS, TagSuggestions
from fieldwork.suggest.adaptation import Adaptation
from fieldwork.suggest.criteria import criterion_ranker

if TYPE_CHECKING:
    from fieldwork.services.notebook import Notebook

DEFAULT_TOP = 5
MIN_WORDS = 3  # fewer words than this say too little to suggest anything


@dataclass
class _Learning:
    """One open notebook's profiles; `seen` is the history entry they are up to date with."""

    adaptation: Adaptation
    owner: weakref.ReferenceType[Notebook]
    seen: int = -1  # -1: not yet learned
    lock: threading.Lock = field(default_factory=threading.Lock)


_registry_lock = threading.Lock()
_learning: dict[int, _Learning] = {}


def suggest_for_text(
    framework: Framework, text: str, *, top: int = DEFAULT_TOP, exclude: Collection[str] = ()
) -> TagSuggestions:
    """Suggestions from the framework and the area model alone (no notebook, nothing learned)."""
    if len(text.split()) < MIN_WORDS:
        return NO_SUGGESTIONS
    return criterion_ranker(framework).suggest(text, exclude=exclude, limit=top)


def suggest_lines(
    framework: Framework, texts: list[str], *, top: int = DEFAULT_TOP
) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(judgement ids, criterion ids), best first, for each text: the command line's answer.

    Every suggestible judgement is ranked even for a short text, so each line gets an answer.
    """
    ranker = criterion_ranker(framework)
    answers = []
    for text in texts:
        found = ranker.suggest(text, limit=top)
        answers.append(
            (
                tuple(a.judgement_id for a in found.areas),
                tuple(c.criterion_id for c in found.criteria),
            )
        )
    return answers


def suggest_tags(
    notebook: Notebook, text: str, *, top: int = DEFAULT_TOP, exclude: Collection[str] = ()
) -> TagSuggestions:
    """Suggestions for the note being written, adapted to what this notebook's inspector tags.

    `exclude` holds the criteria the note already has. Runs on a background lane: the first
    call learns from every tagged note, later ones only from notes changed since.
    """
    learning = _learning_for(notebook)
    with learning.lock:
        _catch_up(notebook, learning)
        if len(text.split()) < MIN_WORDS:
            return TagSuggestions((), (), learning.adaptation.notes)
        ranker = criterion_ranker(notebook.framework)
        return ranker.suggest(text, adaptation=learning.adaptation, exclude=exclude, limit=top)


def prepare_suggestions(notebook: Notebook) -> int:
    """Learn from the notebook's tagged notes now (e.g. when it opens); returns how many."""
    learning = _learning_for(notebook)
    with learning.lock:
        _catch_up(notebook, learning)
        return learning.adaptation.notes


def forget_learning(notebook: Notebook) -> None:
    """Drop what was learned from this notebook (it is also dropped when the notebook closes)."""
    with _registry_lock:
        _learning.pop(id(notebook), None)


def _learning_for(notebook: Notebook) -> _Learning:
    with _registry_lock:
        for key, item in list(_learning.items()):
            owner = item.owner()
            if owner is None or not owner.is_open:
                del _learning[key]  # a closed or locked notebook's profiles go at once
        learning = _learning.get(id(notebook))
        if learning is None or learning.owner() is not notebook:
            ranker = criterion_ranker(notebook.framework)
            learning = _Learning(ranker.new_adaptation(), weakref.ref(notebook))
            _learning[id(notebook)] = learning
            weakref.finalize(notebook, _drop, id(notebook), learning)
        return learning


def _drop(key: int, learning: _Learning) -> None:
    with _registry_lock:
        if _learning.get(key) is learning:
            del _learning[key]


def _catch_up(notebook: Notebook, learning: _Learning) -> None:
    """Bring the profiles up to date with the notebook, in one read-only snapshot."""
    adaptation = learning.adaptation
    with notebook.unit_of_work(read_only=True) as uow:
        latest = uow.tagged.latest_change()
        if latest == learning.seen:
            return
        if learning.seen < 0:
            for note_id, (text, criteria) in uow.tagged.tagged().items():
                adaptation.set_note(note_id, text, criteria)
        else:
            changed = uow.tagged.notes_changed_since(learning.seen)
            current = uow.tagged.tagged(changed)
            for note_id in changed:
                if note_id in current:
                    text, criteria = current[note_id]
                    adaptation.set_note(note_id, text, criteria)
                else:  # deleted, or its last tag removed
                    adaptation.forget_note(note_id)
        learning.seen = latest
