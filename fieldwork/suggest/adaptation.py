"""What one notebook's tagged notes teach the suggesters: term profiles and the nearest notes.

Two views of the same tagged notes, both updated incrementally as notes are edited, re-tagged
or deleted:

- Profiles: for every criterion (and every judgement), how many tagged notes hold each term and
  carry that tag. A term speaks for a criterion as far as it is over-represented in the
  criterion's notes compared with all tagged notes, so words every note shares ("visit",
  "weeks") weigh nothing however often they occur, and a term counts for a criterion only once
  two of its notes share it (one shared note is a coincidence as often as not).
- Neighbours: the few tagged notes most like the text (rare shared words, the same local team,
  the same child's case reference), whose tags are votes. This is what one inspection teaches
  fastest: the inspector's own names for local services and the children who keep coming back.

Nothing here is ever written anywhere: the profiles are rebuilt from the encrypted notebook when
it opens and forgotten with it.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from fieldwork.suggest.terms import Analysis, analyse, sublinear, unit

SMOOTHING = 3.0  # pseudo-notes per term: one shared note is a hint, several are evidence
MIN_SUPPORT = 2  # notes with a label that must share a term before it speaks for the label
NEIGHBOURS = 5  # tagged notes whose tags vote for a text's criteria
# A term held by more than this share of the tagged notes is skipped when looking for
# neighbours: it weighs little (its rarity is low) and walking its notes is most of the cost.
COMMON_SHARE = 0.2
COMMON_FLOOR = 40  # ... but never while the notebook has few tagged notes
# Similarity a neighbour must pass to vote, and what only counts above it. A note made of the
# same words as the text, all of them common, scores about 1; shared rare words (a local team,
# a child's case reference) score several times that. Below 1, neighbours are as often notes
# that happen to share everyday words: on notes of unrelated authorities they cost accuracy.
SIMILAR_FLOOR = 1.0


@dataclass(frozen=True, slots=True)
class _NoteShare:
    terms: frozenset[str]
    criteria: frozenset[str]
    judgements: frozenset[str]
    weights: dict[str, float]  # 1 + log(count) of each term
    norm: float  # length of `weights`, fixed when learned so neighbours need no re-scaling


@dataclass(frozen=True, slots=True)
class Vote:
    """What the nearest tagged notes say for a criterion."""

    weight: float  # summed similarity above the floor of the neighbours carrying the tag
    why: tuple[str, ...]  # the shared terms that weighed most


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
        self._holding: dict[str, dict[str, float]] = {}  # term -> note id -> weight

    # --- learning ------------------------------------------------------------------
    def set_note(self, note_id: str, text: str, criterion_ids: Iterable[str]) -> None:
        """Learn (or re-learn) one note and its tags; a note without tags is forgotten."""
        self.forget_note(note_id)
        criteria = frozenset(criterion_ids)
        analysis = analyse(text)
        # Single stems only: pairs doubled the counting and scored no better on the labelled notes.
        weights = sublinear(analysis.stems + analysis.references)
        if not criteria or not weights:
            return
        judgements = frozenset(self._judgement_of.get(c, "") for c in criteria) - {""}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        share = _NoteShare(frozenset(weights), criteria, judgements, weights, norm)
        self._notes[note_id] = share
        self._apply(share, +1)
        for term, weight in weights.items():
            self._holding.setdefault(term, {})[note_id] = weight

    def forget_note(self, note_id: str) -> None:
        share = self._notes.pop(note_id, None)
        if share is not None:
            self._apply(share, -1)
            for term in share.terms:
                holders = self._holding[term]
                del holders[note_id]
                if not holders:
                    del self._holding[term]

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

    def neighbours(self, text: Analysis, *, limit: int = NEIGHBOURS) -> dict[str, Vote]:
        """Votes of the `limit` tagged notes most like the text, by criterion.

        Similarity is the text's rarity-weighted terms (rarity among the tagged notes, read when
        asked; scaled to length 1) against each note's terms (scaled by the note's length when
        learned, so nothing is re-scaled as rarities change), so a local team's name
        or a child's case reference shared with a few notes counts for much, a word in every
        note for little.
        """
        total = len(self._notes)
        if not total:
            return {}
        common = max(COMMON_FLOOR, COMMON_SHARE * total)
        rarity: dict[str, float] = {}
        weighted: dict[str, float] = {}
        for term, weight in sublinear(text.stems + text.references).items():
            holders = self._holding.get(term)
            if holders and len(holders) <= common:
                rarity[term] = math.log((total + 1) / (len(holders) + 1)) + 1.0
                weighted[term] = weight * rarity[term]
        query = unit(weighted)
        dots: dict[str, float] = {}
        for term, q in query.items():
            factor = q * rarity[term]
            for note_id, weight in self._holding[term].items():
                dots[note_id] = dots.get(note_id, 0.0) + factor * weight
        nearest = heapq.nlargest(
            limit, ((d / self._notes[n].norm, n) for n, d in dots.items()), key=lambda x: x[0]
        )
        weights: dict[str, float] = {}
        shared: dict[str, dict[str, float]] = {}  # criterion -> term it shares -> weight
        for similarity, note_id in nearest:
            if similarity <= SIMILAR_FLOOR:
                break
            share = self._notes[note_id]
            in_common = share.terms & query.keys()
            for criterion in share.criteria:
                weights[criterion] = weights.get(criterion, 0.0) + similarity - SIMILAR_FLOOR
                terms = shared.setdefault(criterion, {})
                for term in in_common:
                    terms[term] = terms.get(term, 0.0) + query[term] * share.weights[term]
        return {
            criterion: Vote(
                weight,
                tuple(
                    t for t, _ in sorted(shared[criterion].items(), key=lambda kv: (-kv[1], kv[0]))
                )[:5],
            )
            for criterion, weight in weights.items()
        }
