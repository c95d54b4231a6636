"""Suggested tags for a note: judgement areas and criteria, best first, with the words behind each."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SuggestedArea:
    judgement_id: str
    score: float  # higher is better
    why: tuple[str, ...]  # words of the note that weighed most


@dataclass(frozen=True, slots=True)
class SuggestedCriterion:
    criterion_id: str
    judgement_id: str
    score: float  # higher is better; comparable within one answer only
    why: tuple[str, ...]  # words of the note that weighed most, the inspector's own spelling
    learned_from: int = 0  # this notebook's notes tagged with the criterion that shaped the score


@dataclass(frozen=True, slots=True)
class TagSuggestions:
    """Never applied by themselves: the inspector accepts each with a key or a click."""

    areas: tuple[SuggestedArea, ...]
    criteria: tuple[SuggestedCriterion, ...]
    learned_from: int = 0  # tagged notes of this notebook the suggestions adapted to

    @property
    def top_area(self) -> SuggestedArea | None:
        return self.areas[0] if self.areas else None


NO_SUGGESTIONS = TagSuggestions((), ())


@dataclass(frozen=True, slots=True)
class SuggestionLearning:
    """How far suggestions have learned from an open notebook's tagged notes."""

    learned: int  # tagged notes learned from
    remaining: int  # tagged notes still to learn (learned a batch at a time)
