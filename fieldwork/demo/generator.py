"""Seeded synthetic inspection for the demo notebook: people, cases, a fortnight and its notes."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast

from fieldwork.demo import conclusions, timetable
from fieldwork.demo import phrasebank as bank
from fieldwork.demo import phrasebank_setting as setting
from fieldwork.demo import phrasebank_words as words
from fieldwork.demo.evaluation_mix import (
    CONTEXT,
    IMPROVE,
    SERIOUS,
    STRENGTH,
    Pool,
    Slot,
    escalations,
    evaluations_for,
)
from fieldwork.demo.model import DemoInspection
from fieldwork.domain.evidence import (
    Evaluation,
    NoteDraft,
    Source,
    Tag,
)
from fieldwork.domain.framework import Framework
from fieldwork.domain.ids import ActivityId, CaseId, NoteId
from fieldwork.domain.inspection import Inspection
from fieldwork.domain.people import Case, Practitioner

MAX_NOTES = 50_000
MIN_SUPPORT = 4  # strengths and areas for improvement per judgement, enough to argue a grade from


@dataclass(frozen=True, slots=True)
class _Index:
    """What the generator needs to know about the framework's criteria."""

    available: tuple[str, ...]  # every criterion except the deliberate gaps
    weight: dict[str, float]
    siblings: dict[str, tuple[str, ...]]
    topics: dict[str, str]  # the heading, to sit inside a sentence
    keywords: dict[str, tuple[str, ...]]
    judgement_of: dict[str, str]
    headline: tuple[str, ...]  # criteria of the headline judgement, which team meetings weigh up


def generate_demo(framework: Framework, *, notes: int = 600, seed: int = 2026) -> DemoInspection:
    """A reproducible demo inspection: the same framework, note count and seed give equal output."""
    if not 0 <= notes <= MAX_NOTES:
        raise ValueError(f"notes must be between 0 and {MAX_NOTES}, not {notes}")
    # The setting (people, cases, timetable) depends on the seed alone; the evidence on all three.
    world = random.Random(f"fieldwork-demo/{seed}/setting")
    rng = random.Random(f"fieldwork-demo/{seed}/{framework.id}/{notes}")
    days = timetable.working_days(framework)
    practitioners = timetable.practitioners(world)
    cases, rows = timetable.sample_cases(world, {p.pseudonym: p for p in practitioners})
    plans = timetable.plan_fortnight(world, cases, practitioners, days)
    index = _index(framework, _gaps(framework, rng))
    drafts = _notes(rng, framework, index, plans, rows, practitioners, notes)
    activities = timetable.as_activities(plans)
    inspection = Inspection(
        setting.AUTHORITY,
        "standard",
        days[0],
        days[-1],
        framework.id,
        setting.INSPECTOR,
        setting.LEAD_INSPECTOR,
    )
    enquiries = conclusions.enquiries_for(rng, framework, index.judgement_of, drafts)
    judgements = conclusions.judgements_for(rng, framework, index.judgement_of, drafts)
    return DemoInspection(
        inspection, practitioners, cases, activities, drafts, enquiries, judgements
    )


def _gaps(framework: Framework, rng: random.Random) -> frozenset[str]:
    """Two or three criteria left without evidence, so the gap view has something to show.

    Chosen among the version's least reported topics, never one a child in the sample or a line
    of enquiry is about, at most one per judgement and only from judgements of three or more.
    """
    criteria = framework.criteria
    wanted = rng.choice((2, 3)) if len(criteria) >= 30 else 2 if len(criteria) >= 14 else 0
    protected = {c for row in setting.CASE_ROWS for c in row.special}
    protected |= {c for alternatives in words.ENQUIRIES for c, _ in alternatives}
    column = _seen_in_column(framework) or 0
    ranked = sorted(
        (c for c in criteria if c.id not in protected),
        key=lambda c: (setting.SEEN_IN.get(c.id, (100, 100, 100))[column], rng.random()),
    )
    gaps: dict[str, str] = {}
    for criterion in ranked:
        judgement = criterion.judgement_id
        roomy = len(framework.judgement(judgement).criteria) >= 3
        if len(gaps) < wanted and judgement not in gaps and roomy:
            gaps[judgement] = criterion.id
    return frozenset(gaps.values())


def _seen_in_column(framework: Framework) -> int | None:
    if framework.family == "ilacs" and framework.version in setting.SEEN_IN_VERSIONS:
        return setting.SEEN_IN_VERSIONS.index(framework.version)
    return None


def _index(framework: Framework, gaps: frozenset[str]) -> _Index:
    column = _seen_in_column(framework)
    weight = dict.fromkeys((c.id for c in framework.criteria), 1.0)
    if column is not None:  # weight by how often the version's reports mention the topic
        for c in framework.criteria:
            if c.id in setting.SEEN_IN:
                weight[c.id] = max(0.05, setting.SEEN_IN[c.id][column] / 100)
    # A second tag may go to a neighbour in the theme, except where the theme groups distinct
    # topics (particular risks, particular groups of children, routes to permanence).
    siblings = {
        c.id: tuple(o.id for o in theme.criteria if o.id != c.id and o.id not in gaps)
        for theme in framework.themes
        if not theme.id.endswith((".groups", ".risk", ".permanence"))
        for c in theme.criteria
    }
    topics = {c.id: bank.lower_first(c.heading) for c in framework.criteria}
    keywords = {c.id: c.keywords or (topics[c.id],) for c in framework.criteria}
    available = tuple(c.id for c in framework.criteria if c.id not in gaps)
    judgement_of = {c.id: c.judgement_id for c in framework.criteria}
    headline = tuple(c.id for j in framework.judgements if j.kind == "headline" for c in j.criteria)
    return _Index(available, weight, siblings, topics, keywords, judgement_of, headline)


def _pool(
    index: _Index,
    prefixes: Iterable[str],
    special: tuple[str, ...],
    young: bool,
    child: bool,
    boost_special: float = 4.0,
) -> Pool:
    wanted = (*prefixes, *special)
    weights: dict[str, float] = {}
    for c in index.available:
        if not any(p == "" or c == p or c.startswith(p + ".") for p in wanted):
            continue
        if young and c in setting.NOT_FOR_YOUNG_CHILDREN:
            continue
        # A child's own story counts most; oversight is remarked on in most records.
        boost = boost_special if c in special else 2.0 if c in setting.CROSS_CUTTING else 1.0
        weights[c] = index.weight[c] * boost
    if not weights:  # a framework the setting does not speak to: every criterion, evenly
        weights = dict.fromkeys(index.available, 1.0)
    serious = [c for c in weights if bank.has_serious(c, child)]
    return Pool(
        tuple(weights),
        tuple(itertools.accumulate(weights.values())),
        tuple(serious),
        tuple(itertools.accumulate(weights[c] for c in serious)),
    )


def _slot_pool(
    index: _Index, plan: timetable.Plan, case: Case | None, rows: dict[CaseId, setting.CaseRow]
) -> Pool:
    if case is None:
        # Team meetings are where the overall picture is weighed up, more than any one area.
        special = index.headline if plan.kind == "team-meeting" else ()
        return _pool(index, plan.focus, special, False, False, boost_special=12.0)
    row = rows[case.id]
    # Management oversight shows on any child's record, but not in what a family says.
    cross = setting.CROSS_CUTTING if plan.kind != "conversation-child-family" else ()
    prefixes = plan.focus or setting.CASE_FOCUS.get(row.status, ()) + cross
    return _pool(index, prefixes, row.special, row.age_band in setting.YOUNG_AGE_BANDS, True)


def _allocate(total: int, weights: Sequence[int]) -> list[int]:
    """Split `total` in proportion to `weights` by largest remainders, so the counts sum exactly."""
    shares = [total * w / sum(weights) for w in weights]
    counts = [int(share) for share in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: counts[i] - shares[i])
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


# One note to write: its activity, child and options.


def _notes(
    rng: random.Random,
    framework: Framework,
    index: _Index,
    plans: Sequence[timetable.Plan],
    rows: dict[CaseId, setting.CaseRow],
    practitioners: Sequence[Practitioner],
    total: int,
) -> tuple[NoteDraft, ...]:
    """Decide each note's activity, child, evaluation and criterion, then write it."""
    slots = _slots(rng, index, plans, rows, total)
    evaluations = evaluations_for(rng, slots)
    criteria = [
        rng.choices(pool.serious, cum_weights=pool.serious_cum)[0]
        if evaluation == SERIOUS
        else rng.choices(pool.criteria, cum_weights=pool.cum)[0]
        for (_, _, pool), evaluation in zip(slots, evaluations, strict=True)
    ]
    _cover(rng, index, criteria, evaluations, [pool for _, _, pool in slots])
    escalate = escalations(rng, slots, evaluations, criteria, total)
    available = frozenset(index.available)
    writer = bank.NoteWriter(rng, index.topics, index.keywords, index.siblings, available)
    unique = {case.id: case for _, case, _ in slots if case}
    children = {key: _child(case, rows[key], practitioners) for key, case in unique.items()}
    occasions = {id(plan): _occasion(plan) for plan in plans}
    leanings = _leanings(framework)
    drafts = []
    for i, (plan, case, _) in enumerate(slots):
        evaluation, criterion, urgent = evaluations[i], criteria[i], i in escalate
        source = _source(rng, plan)
        if case and evaluation == CONTEXT and source == "observed":
            source = "seen-on-record"  # a child's background is read, not watched
        corroborated = rng.random() < 0.5
        child = children[case.id] if case else None
        written = writer.write(
            occasions[id(plan)], child, criterion, evaluation, source, corroborated, urgent
        )
        leaning = None
        if evaluation in leanings and rng.random() < 0.2:
            leaning = rng.choice(leanings[evaluation])
        tags: tuple[Tag, ...] = (Tag(criterion, evaluation, source, leaning, corroborated, urgent),)
        tags += tuple(
            Tag(c, evaluation, source, None, corroborated) for c in written.extra_criteria
        )
        drafts.append(
            NoteDraft(
                id=NoteId(timetable.seeded_uuid(rng)),
                text=written.text,
                activity_id=ActivityId(plan.id),
                case_ids=(case.id,) if case and written.about_child else (),
                tags=tags,
                author=setting.INSPECTOR,
                # Earlier notes have had more chance to be read back.
                reviewed=rng.random() < 0.92 - 0.44 * plan.day / 9,
                created_at=plan.start + (plan.end - plan.start) * rng.random(),
            )
        )
    drafts.sort(key=lambda d: d.created_at or timetable.EPOCH)
    return tuple(drafts)


def _slots(
    rng: random.Random,
    index: _Index,
    plans: Sequence[timetable.Plan],
    rows: dict[CaseId, setting.CaseRow],
    total: int,
) -> list[Slot]:
    """Notes per activity in section 8.4's proportions, each with its child (if any) and options.

    Larger demos keep the fortnight's sixty activities and write more notes in each.
    """
    counts = _allocate(total, [rng.randint(*setting.NOTES_PER_ACTIVITY[p.kind]) for p in plans])
    pools: dict[tuple[int, CaseId | None], Pool] = {}
    slots: list[Slot] = []
    for number, (plan, count) in enumerate(zip(plans, counts, strict=True)):
        sample = plan.cases if plan.case_scope else ()
        offset = rng.randrange(len(sample)) if sample else 0
        for k in range(count):
            case = sample[(offset + k) % len(sample)] if sample else None
            key = (number, case.id if case else None)
            if key not in pools:
                pools[key] = _slot_pool(index, plan, case, rows)
            slots.append((plan, case, pools[key]))
    return slots


def _cover(
    rng: random.Random,
    index: _Index,
    criteria: list[str],
    evaluations: Sequence[Evaluation],
    pools: Sequence[Pool],
) -> None:
    """Move notes onto criteria still without evidence, then onto judgements with too little to
    support a grade; only from criteria and judgements with evidence to spare."""
    counts = Counter(criteria)
    weighing = (STRENGTH, IMPROVE)  # the evaluations a provisional grade is argued from
    support = Counter(
        index.judgement_of[c] for c, e in zip(criteria, evaluations, strict=True) if e in weighing
    )
    slots_of: dict[int, list[int]] = {}
    pool_of: dict[int, Pool] = {}
    for i, pool in enumerate(pools):
        slots_of.setdefault(id(pool), []).append(i)
        pool_of[id(pool)] = pool

    def move(criterion: str, allowed: tuple[Evaluation, ...]) -> bool:
        holders = [key for key, pool in pool_of.items() if criterion in pool.criteria]
        for key in rng.sample(holders, len(holders)):
            for i in rng.sample(slots_of[key], min(len(slots_of[key]), 50)):
                old, evaluation = criteria[i], evaluations[i]
                weighed = evaluation in weighing
                if evaluation not in allowed or counts[old] < 2:
                    continue
                if weighed and support[index.judgement_of[old]] <= MIN_SUPPORT:
                    continue
                criteria[i] = criterion
                counts[old] -= 1
                counts[criterion] += 1
                support[index.judgement_of[old]] -= weighed
                support[index.judgement_of[criterion]] += weighed
                return True
        return False

    for criterion in [c for c in index.available if not counts[c]]:
        move(criterion, (*weighing, CONTEXT))
    for judgement in dict.fromkeys(index.judgement_of.values()):
        members = [c for c in index.available if index.judgement_of[c] == judgement]
        while support[judgement] < MIN_SUPPORT:
            if not any(move(c, weighing) for c in rng.sample(members, len(members))):
                break


def _child(case: Case, row: setting.CaseRow, practitioners: Sequence[Practitioner]) -> bank.Child:
    worker = next(p for p in practitioners if p.id == case.practitioner_id)
    return bank.Child(
        case.reference,
        row.status,
        row.age_band,
        row.team,
        worker.pseudonym,
        worker.role,
        worker.agency,
    )


def _occasion(plan: timetable.Plan) -> bank.Occasion:
    teller = setting.TELLERS.get(plan.kind, "the worker")
    if plan.case_scope and plan.people:
        teller = plan.people[0].pseudonym
    return bank.Occasion(plan.kind, plan.title, teller, plan.family, plan.partners)


def _source(rng: random.Random, plan: timetable.Plan) -> Source:
    mix = plan.sources or setting.SOURCES_BY_KIND[plan.kind]
    names = [name for name, _ in mix]
    return cast(Source, rng.choices(names, weights=[w for _, w in mix])[0])


def _leanings(framework: Framework) -> dict[str, tuple[str, ...]]:
    """Grade leanings that fit an evaluation: the benchmark for strengths, now and then better."""
    grades = [g.id for g in sorted(framework.grades.grades, key=lambda g: g.order)]
    bench = grades.index(framework.grades.benchmark)
    return {
        STRENGTH: (grades[bench],) * 5 + (grades[max(bench - 1, 0)],),
        IMPROVE: (grades[min(bench + 1, len(grades) - 1)],),
        SERIOUS: (grades[-1],),
    }
