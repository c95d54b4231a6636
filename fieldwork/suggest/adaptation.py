"""What one notebook's tagged notes teach the suggesters: term counts per criterion and per area.

For every criterion (and every judgement) the profile counts, for each term, how many of the
notebook's tagged notes hold the term and carry that tag. A term then speaks for a criterion as
far as it is over-represented in the criterion's notes compared with all tagged notes, so words
every note shares ("visit", "weeks") weigh nothing however often they occur, and a term counts
for a criterion only once two of its notes share it (one shared note is a coincidence as often as
not). Each note's share is kept, so editing, re-tagging or deleting a note updates the counts
incrementally.

Nothing here is ever written anywhere: the profiles are rebuilt from the encrypted notebook when
it opens and forgotten with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from fieldwork.suggest.terms import Analysis, analyse, sublinear, unit

SMOOTHING = 3.0  # pseudo-notes per term: one shared note is a hint, several are evidence
MIN_SUPPORT = 2  # notes with a label that must share a term before it speaks for the label


@dataclass(frozen=True, slots=True)
class _NoteShare:
    terms: frozenset[str]
    criteria: frozenset[str]
    judgements: frozenset[str]


@dataclass(frozen=True, slots=True)
class Affinity:
    """How much the text's terms speak for a label in this notebook (0 when nothing does)."""

    score: float
    notes: int  # tagged notes behind the label's profile
    why: tuple[str, ...]  # terms that weighed most


class _Counts:
    """Notes per label, and per (term, label): the incremental heart of a profile."""

    def __init__(self) -> None:
        self.labels: dict[str, int] = {}
        self.by_term: dict[str, dict[str, int]] = {}

    def change(self, terms: Iterable[str], labels: Iterable[str], step: int) -> None:
        labels = tuple(labels)
        for label in labels:
            left = self.labels.get(label, 0) + step
            if left > 0:
                self.labels[label] = left
            else:
                self.labels.pop(label, None)
        for term in terms:
            held = self.by_term.setdefault(term, {})
            for label in labels:
                left = held.get(label, 0) + step
                if left > 0:
                    held[label] = left
                else:
                    held.pop(label, None)
            if not held:
                del self.by_term[term]


class Adaptation:
    """Profiles over a notebook's tagged notes; not thread-safe (the caller holds a lock)."""

    def __init__(self, judgement_of: Mapping[str, str] | None = None) -> None:
        self._judgement_of = dict(judgement_of or {})  # criterion id -> judgement id
        self._notes: dict[str, _NoteShare] = {}
        self._terms = _Counts()  # labels are terms themselves: notes holding each term
        self._criteria = _Counts()
        self._judgements = _Counts()

    # --- learning ------------------------------------------------------------------
    def set_note(self, note_id: str, text: str, criterion_ids: Iterable[str]) -> None:
        """Learn (or re-learn) one note and its tags; a note without tags is forgotten."""
        self.forget_note(note_id)
        criteria = frozenset(criterion_ids)
        analysis = analyse(text)
        # Single stems only: pairs doubled the counting and scored no better on the labelled notes.
        terms = frozenset(analysis.stems) | frozenset(analysis.references)
        if not criteria or not terms:
            return
        judgements = frozenset(self._judgement_of.get(c, "") for c in criteria) - {""}
        share = _NoteShare(terms, criteria, judgements)
        self._notes[note_id] = share
        self._apply(share, +1)

    def forget_note(self, note_id: str) -> None:
        share = self._notes.pop(note_id, None)
        if share is not None:
            self._apply(share, -1)

    def _apply(self, share: _NoteShare, step: int) -> None:
        for term in share.terms:
            self._terms.labels[term] = self._terms.labels.get(term, 0) + step
            if self._terms.labels[term] <= 0:
                del self._terms.labels[term]
        self._criteria.change(share.terms, share.criteria, step)
        self._judgements.change(share.terms, share.judgements, step)

    # --- what was learned ----------------------------------------------------------
    @property
    def notes(self) -> int:
        """Tagged notes learned from."""
        return len(self._notes)

    def tagged(self, criterion_id: str) -> int:
        return self._criteria.labels.get(criterion_id, 0)

    def criteria(self, text: Analysis, *, why_length: int = 5) -> dict[str, Affinity]:
        """Affinity of the text with each criterion that has tagged notes sharing a term."""
        return self._affinities(text, self._criteria, why_length)

    def judgements(self, text: Analysis) -> dict[str, float]:
        """Affinity of the text with each judgement's tagged notes (not normalised: a few
        generic words give a little, a word only one area's notes use gives a lot)."""
        return {j: a.score for j, a in self._affinities(text, self._judgements, 0).items()}

    def _affinities(self, text: Analysis, counts: _Counts, why_length: int) -> dict[str, Affinity]:
        total = len(self._notes)
        if not total:
            return {}
        query = unit(sublinear(text.stems + text.references))
        parts: dict[str, dict[str, float]] = {}
        for term, weight in query.items():
            held = counts.by_term.get(term)
            if not held:
                continue
            holding = self._terms.labels.get(term, 0)
            for label, together in held.items():
                if together < MIN_SUPPORT:
                    continue
                # Over-representation: the label's share of the notes holding the term,
                # shrunk towards its share of all notes, less that share (what any term would
                # show by chance): (k + S p) / (n + S) - p.
                lift = (together - holding * counts.labels[label] / total) / (holding + SMOOTHING)
                if lift > 0:
                    parts.setdefault(label, {})[term] = weight * lift
        return {
            label: Affinity(
                sum(by_term.values()),
                counts.labels[label],
                tuple(t for t, _ in sorted(by_term.items(), key=lambda kv: (-kv[1], kv[0])))[
                    :why_length
                ],
            )
            for label, by_term in parts.items()
        }
