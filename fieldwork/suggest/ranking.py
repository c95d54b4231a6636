"""What an area suggester answers: a score per judgement, best first, with the words behind it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from fieldwork.domain.framework import Framework, Judgement

# Overall effectiveness is drawn from the other judgements; no evidence is filed under it alone.
NEVER_SUGGESTED = frozenset({"oe"})
WHY_LENGTH = 5


@dataclass(frozen=True, slots=True)
class AreaScore:
    judgement_id: str  # an id of the given framework's judgements; never "oe"
    score: float  # higher is better; probabilities summing to 1 when the model gives them
    why: tuple[str, ...]  # up to ~5 words/phrases of the text that weighed most for this area


class AreaSuggester(Protocol):
    def rank(self, text: str) -> tuple[AreaScore, ...]:
        """Every suggestible judgement, best first."""
        ...


def suggestible(framework: Framework) -> tuple[Judgement, ...]:
    """The judgements a note can be filed under, in report-body order."""
    return tuple(j for j in framework.body_order if j.id not in NEVER_SUGGESTED)


def best_first(
    order: tuple[str, ...], scores: dict[str, float], why: dict[str, tuple[str, ...]]
) -> tuple[AreaScore, ...]:
    """Scores sorted high to low; ties keep the framework's body order, so answers are stable."""
    position = {jid: n for n, jid in enumerate(order)}
    ranked = sorted(order, key=lambda jid: (-scores[jid], position[jid]))
    return tuple(AreaScore(jid, scores[jid], why.get(jid, ())) for jid in ranked)
