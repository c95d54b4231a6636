"""The demo's setting: its practitioners, forty children and the fortnight's timetable in UK time."""

from __future__ import annotations

import itertools
import random
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fieldwork.demo import phrasebank_setting as setting
from fieldwork.domain.evidence import Activity, ActivityKind
from fieldwork.domain.framework import Framework
from fieldwork.domain.ids import ActivityId, CaseId, PractitionerId
from fieldwork.domain.people import AgeBand, Case, LegalStatus, Practitioner

# A fixed fortnight per known framework, inside its in-force dates (Monday week 1 to Friday week 2).
FORTNIGHTS = {
    "ilacs-2026": date(2026, 5, 11),
    "ilacs-2023": date(2025, 5, 12),
    "ilacs-2018": date(2019, 5, 13),
}
WORKING_DAYS = (0, 1, 2, 3, 4, 7, 8, 9, 10, 11)  # days after the first Monday
HALF_DAYS = ((9 * 60, 12 * 60 + 45), (13 * 60 + 30, 16 * 60 + 40))  # local minutes after midnight
TEAM_MEETING = (16 * 60 + 50, 17 * 60 + 30)
GAP_MINUTES = 10
MAX_PER_HALF_DAY = 3
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
try:
    LONDON: ZoneInfo | None = ZoneInfo("Europe/London")
except ZoneInfoNotFoundError:  # Windows without the tzdata package: see _utc
    LONDON = None


@dataclass(slots=True)
class Plan:
    """An activity being planned: what, with whom, and (once scheduled) when."""

    kind: str
    title: str
    cases: tuple[Case, ...] = ()
    people: tuple[Practitioner, ...] = ()
    focus: tuple[str, ...] = ()  # criterion id prefixes; empty: whatever its children speak to
    case_scope: bool = False  # notes are about its children rather than the service
    family: str = ""
    sources: tuple[tuple[str, int], ...] = ()
    days: tuple[int, int] = (0, 9)
    partners: tuple[str, ...] = ()
    day: int = 0
    start: datetime = EPOCH
    end: datetime = EPOCH
    id: str = ""


def seeded_uuid(rng: random.Random) -> str:
    """A version 4 UUID drawn from `rng`, so the same seed gives the same ids."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def working_days(framework: Framework) -> tuple[date, ...]:
    """The fortnight's ten working days, inside the dates the framework is in force."""
    monday = FORTNIGHTS.get(framework.id)
    last_day = framework.in_force_to or date.max
    if monday is None or not framework.in_force_from <= monday <= last_day:
        start = framework.in_force_from + timedelta(days=60)
        monday = start + timedelta(days=-start.weekday() % 7)
    return tuple(monday + timedelta(days=d) for d in WORKING_DAYS)


def _utc(day: date, minutes: int) -> datetime:
    """A local (UK) time on `day` as an aware UTC datetime."""
    local = datetime.combine(day, time(minutes // 60, minutes % 60))
    if LONDON is not None:
        return local.replace(tzinfo=LONDON).astimezone(UTC)
    # No time zone database: UK summer time runs from the last Sunday of March to that of October.
    march, october = date(day.year, 3, 31), date(day.year, 10, 31)
    summer_starts = march - timedelta(days=(march.weekday() + 1) % 7)
    summer_ends = october - timedelta(days=(october.weekday() + 1) % 7)
    summer = summer_starts <= day < summer_ends
    return (local - timedelta(hours=1 if summer else 0)).replace(tzinfo=UTC)


def practitioners(rng: random.Random) -> tuple[Practitioner, ...]:
    """The roster as pseudonymised practitioners; the seed decides how long each has been in post."""
    permanent = itertools.cycle(rng.sample(setting.PERMANENT_MONTHS, len(setting.PERMANENT_MONTHS)))
    agency = itertools.cycle(rng.sample(setting.AGENCY_MONTHS, len(setting.AGENCY_MONTHS)))
    people = []
    for n, row in enumerate(setting.ROSTER, start=1):
        if row.agency:
            months = next(agency)
        elif "ASYE" in row.role:
            months = rng.choice(setting.ASYE_MONTHS)
        else:
            months = next(permanent)
        people.append(Practitioner(PractitionerId(seeded_uuid(rng)), f"P{n:02d}", *row, months))
    return tuple(people)


def sample_cases(
    rng: random.Random, by_pseudonym: dict[str, Practitioner]
) -> tuple[tuple[Case, ...], dict[CaseId, setting.CaseRow]]:
    """Forty children by reference; the seed decides which reference each story gets."""
    rows = rng.sample(setting.CASE_ROWS, len(setting.CASE_ROWS))
    turns: Counter[str] = Counter()
    cases, by_case = [], {}
    for n, row in enumerate(rows, start=1):
        if row.status == "early-help":
            holder = setting.EARLY_HELP_HOLDER
        else:
            holders = setting.CASE_HOLDERS[row.team]
            holder = holders[turns[row.team] % len(holders)]
            turns[row.team] += 1
        case = Case(
            CaseId(seeded_uuid(rng)),
            f"C-{n:03d}",
            age_band=cast(AgeBand, row.age_band),
            legal_status=cast(LegalStatus, row.status),
            team=row.team,
            practitioner_id=by_pseudonym[holder].id,
            detail=row.detail,
        )
        cases.append(case)
        by_case[case.id] = row
    return tuple(cases), by_case


def _refs(cases: Sequence[Case]) -> str:
    refs = [c.reference for c in cases]
    return refs[0] if len(refs) == 1 else ", ".join(refs[:-1]) + " and " + refs[-1]


def plan_fortnight(
    rng: random.Random, cases: Sequence[Case], people: Sequence[Practitioner], days: Sequence[date]
) -> list[Plan]:
    """The fortnight's sixty activities (section 8.4), scheduled and in time order."""
    by_pseudonym = {p.pseudonym: p for p in people}
    by_id = {p.id: p for p in people}
    seen: Counter[CaseId] = Counter()

    def pick(pool: Iterable[Case], k: int) -> tuple[Case, ...]:
        # Children not yet seen first, so the sample reaches as many of the forty as it can.
        chosen = sorted(pool, key=lambda c: (seen[c.id], rng.random()))[:k]
        seen.update(c.id for c in chosen)
        return tuple(sorted(chosen, key=lambda c: c.reference))

    def workers(chosen: Iterable[Case]) -> tuple[Practitioner, ...]:
        ids = dict.fromkeys(c.practitioner_id for c in chosen if c.practitioner_id)
        return tuple(by_id[i] for i in ids)

    plans: list[Plan] = []
    for pseudonym in setting.SITTING_ALONGSIDE:
        worker = by_pseudonym[pseudonym]
        chosen = pick((c for c in cases if c.practitioner_id == worker.id), rng.randint(2, 4))
        title = f"Sitting alongside {pseudonym} ({worker.team}) on {_refs(chosen)}"
        if any(p.title == title for p in plans):
            title += " (second session)"
        plans.append(Plan("sitting-alongside", title, chosen, (worker,), case_scope=True))
    for status in setting.RECORD_REVIEW_STATUSES:
        chosen = pick((c for c in cases if c.legal_status == status), rng.randint(1, 2))
        title = f"Record review: {_refs(chosen)}"
        plans.append(Plan("record-review", title, chosen, workers(chosen), case_scope=True))
    for row in setting.PLANS:
        linked: tuple[Case, ...] = ()
        if row.case_hint:
            status, hint = row.case_hint
            linked = (next(c for c in cases if c.legal_status == status and hint in c.detail),)
        staff = workers(linked) if "case" in row.people else ()
        staff += tuple(by_pseudonym[p] for p in row.people if p != "case")
        title = row.title.format(ref=linked[0].reference) if linked else row.title
        plans.append(
            Plan(
                row.kind,
                title,
                linked,
                staff,
                row.focus,
                row.case_scope,
                row.family,
                row.sources,
                row.days,
                row.partners,
            )
        )
    _schedule(rng, plans, days)
    for day, title in setting.TEAM_MEETINGS:
        meeting = Plan("team-meeting", title, focus=("",), day=day)
        meeting.start, meeting.end = (_utc(days[day], minutes) for minutes in TEAM_MEETING)
        plans.append(meeting)
    plans.sort(key=lambda p: p.start)
    for plan in plans:
        plan.id = seeded_uuid(rng)
    return plans


def _schedule(rng: random.Random, plans: list[Plan], days: Sequence[date]) -> None:
    """Place activities in half-days, three at most, roughly in their likely order."""
    # A plan fixed to one day opens it (the director's meeting on day one).
    order = sorted(
        plans,
        key=lambda p: (
            p.days[0] if p.days[0] == p.days[1] else rng.uniform(p.days[0], p.days[1] + 1)
        ),
    )
    halves = 2 * len(days)
    # Three to a half-day, counting the end-of-day team meeting in its afternoon.
    meetings = {2 * day + 1 for day, _ in setting.TEAM_MEETINGS}
    places = [MAX_PER_HALF_DAY - (half in meetings) for half in range(halves)]
    for half in itertools.islice(itertools.cycle(range(halves)), len(order) - sum(places)):
        places[half] += 1  # only if the tables grow beyond the fortnight
    queue = iter(order)
    for half in range(halves):
        group = list(itertools.islice(queue, places[half]))
        start, stop = HALF_DAYS[half % 2]
        wants = [rng.randint(*setting.MINUTES[p.kind]) for p in group]
        room = stop - start - GAP_MINUTES * max(0, len(group) - 1)
        scale = min(1.0, room / sum(wants)) if wants else 1.0
        for plan, want in zip(group, wants, strict=True):
            length = max(15, int(want * scale) // 5 * 5)
            plan.day = half // 2
            plan.start = _utc(days[plan.day], start)
            plan.end = _utc(days[plan.day], start + length)
            start += length + GAP_MINUTES


def as_activities(plans: Sequence[Plan]) -> tuple[Activity, ...]:
    """The scheduled plans as the notebook's activities, in the same (time) order."""
    return tuple(
        Activity(
            ActivityId(p.id),
            cast(ActivityKind, p.kind),
            p.title,
            p.start,
            p.end,
            case_ids=tuple(c.id for c in p.cases),
            practitioner_ids=tuple(w.id for w in p.people),
        )
        for p in plans
    )
