"""Suggested tags for a note: the framework's words, the area model and this notebook's own tags.

What is learned from a notebook (term counts per criterion and area) lives only in memory, beside
the open notebook: it is derived from the notebook's newest tagged notes, a batch at a time (so
a search on the same lane never waits long behind it), brought up to date from the history
chain on each later call (so a tag accepted by any route, suggested or typed, is seen at once),
and dropped when the notebook closes or locks. Nothing learned is written to disk, preferences
or the log; the tags it comes from are already in the encrypted notebook.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fieldwork.domain.framework import Framework
from fieldwork.domain.suggestions import NO_SUGGESTIONS, SuggestionLearning, TagSuggestions
from fieldwork.suggest.adaptation import Adaptation
from fieldwork.suggest.criteria import criterion_ranker

if TYPE_CHECKING:
    from fieldwork.services.notebook import Notebook

DEFAULT_TOP = 5
MIN_WORDS = 3  # fewer words than this say too little to suggest anything
LEARN_AT_MOST = 2000  # newest tagged notes learned from when a notebook opens (about 8 MB)
LEARN_BATCH = 250  # notes learned per call: about 30 ms of the lane's time
YIELD_EVERY = 10  # notes learned between offers of the interpreter to other threads


@dataclass
class _Learning:
    """One open notebook's profiles; `seen` is the history entry they are up to date with."""

    adaptation: Adaptation
    owner: weakref.ReferenceType[Notebook]
    seen: int = -1  # -1: not yet learned
    backlog: list[str] = field(default_factory=list)  # tagged notes still to learn, newest first
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
        found = ranker.suggest(text, limit=top, explain=False)
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


def prepare_suggestions(
    notebook: Notebook, *, give_way: Callable[[], bool] | None = None
) -> SuggestionLearning:
    """Learn the next batch of the notebook's tagged notes (call again while any remain).

    `give_way` is asked every few notes; when it says so (a search is waiting for the lane, keys
    are arriving), the rest of the batch goes back on the backlog and the call returns at once.
    """
    learning = _learning_for(notebook)
    with learning.lock:
        _catch_up(notebook, learning, give_way)
        return SuggestionLearning(learning.adaptation.notes, len(learning.backlog))


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


def _catch_up(
    notebook: Notebook, learning: _Learning, give_way: Callable[[], bool] | None = None
) -> None:
    """Apply changes since the last look, then learn one batch of the backlog: one snapshot."""
    adaptation = learning.adaptation
    with notebook.unit_of_work(read_only=True) as uow:
        latest = uow.tagged.latest_change()
        if learning.seen < 0:
            learning.backlog = uow.tagged.newest_tagged_ids(LEARN_AT_MOST)
        elif latest != learning.seen:
            changed = uow.tagged.notes_changed_since(learning.seen)
            current = uow.tagged.tagged(changed)
            for note_id in changed:
                if note_id in current:
                    text, criteria = current[note_id]
                    adaptation.set_note(note_id, text, criteria)
                else:  # deleted, or its last tag removed
                    adaptation.forget_note(note_id)
            if changed and learning.backlog:
                learning.backlog = [n for n in learning.backlog if n not in changed]
        learning.seen = latest
        if learning.backlog and not (give_way is not None and give_way()):
            batch = learning.backlog[:LEARN_BATCH]
            del learning.backlog[:LEARN_BATCH]
            found = uow.tagged.tagged(batch)
            for n, note_id in enumerate(batch):
                if note_id in found:
                    text, criteria = found[note_id]
                    adaptation.set_note(note_id, text, criteria)
                if n % YIELD_EVERY == YIELD_EVERY - 1:
                    # Hand the interpreter to the GUI thread now and then: pure-Python work
                    # holding it for a whole batch made the window's event loop lag by tens of
                    # milliseconds (measured: p50 19 ms without, under 1 ms with, for 5,000 notes).
                    time.sleep(0)
                    if give_way is not None and give_way():
                        learning.backlog[:0] = batch[n + 1 :]  # learned on a later call
                        return
