"""The demo's mix of evaluations: exact shares, serious weaknesses about children, escalations."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from fieldwork.demo import phrasebank_setting as setting
from fieldwork.demo import timetable
from fieldwork.domain.evidence import Evaluation
from fieldwork.domain.people import Case

NOTES_PER_FORTNIGHT = 600  # section 8.4's mix; larger demos add one or two escalations per 600
STRENGTH: Evaluation = "strength"
IMPROVE: Evaluation = "area-for-improvement"
SERIOUS: Evaluation = "serious-weakness"
CONTEXT: Evaluation = "context"
SHARES = {SERIOUS: 0.035, IMPROVE: 0.30, CONTEXT: 0.10}  # strengths take the rest (about 55%)


@dataclass(frozen=True, slots=True)
class Pool:
    """Criteria one kind of note can speak to, with cumulative weights for a seeded choice."""

    criteria: tuple[str, ...]
    cum: tuple[float, ...]
    serious: tuple[str, ...]  # those the bank can write a serious weakness for
    serious_cum: tuple[float, ...]


Slot = tuple[timetable.Plan, Case | None, Pool]


def escalations(
    rng: random.Random,
    slots: Sequence[Slot],
    evaluations: Sequence[Evaluation],
    criteria: Sequence[str],
    total: int,
) -> set[int]:
    """One or two children found at risk and referred back, per fortnight's worth of notes."""
    at_risk = [
        i
        for i, (_, case, _) in enumerate(slots)
        if case
        and evaluations[i] == SERIOUS
        and criteria[i].startswith(setting.ESCALATION_PREFIXES)
    ]
    fortnights = -(-max(total, 1) // NOTES_PER_FORTNIGHT)
    return set(rng.sample(at_risk, min(len(at_risk), fortnights * rng.choice((1, 2)))))


def evaluations_for(rng: random.Random, slots: Sequence[Slot]) -> list[Evaluation]:
    """Exact shares of each evaluation; serious weaknesses go to notes about a child if they can."""
    n = len(slots)
    quota = {evaluation: round(n * share) for evaluation, share in SHARES.items()}
    # Families are not asked to judge practice: no serious weaknesses from conversations.
    about_child = [
        i
        for i, (plan, case, pool) in enumerate(slots)
        if case and pool.serious and plan.kind != "conversation-child-family"
    ]
    about_service = [i for i, (_, case, pool) in enumerate(slots) if not case and pool.serious]
    serious = rng.sample(about_child, min(quota[SERIOUS], len(about_child)))
    missing = quota[SERIOUS] - len(serious)
    serious += rng.sample(about_service, min(missing, len(about_service)))
    rest = [IMPROVE] * (quota[IMPROVE] + quota[SERIOUS] - len(serious)) + [CONTEXT] * quota[CONTEXT]
    rest += [STRENGTH] * (n - len(serious) - len(rest))
    rng.shuffle(rest)
    marked, others = set(serious), iter(rest)
    return [SERIOUS if i in marked else next(others) for i in range(n)]
