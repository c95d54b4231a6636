"""The seeded demo inspection: shape, reproducibility, realism of the mix, and no personal data."""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from fieldwork.demo.generator import generate_demo
from fieldwork.demo.model import DemoInspection
from fieldwork.domain.evidence import ACTIVITY_KINDS, ENQUIRY_STATUSES, EVALUATIONS, SOURCES
from fieldwork.domain.framework import Framework
from fieldwork.domain.people import AGE_BANDS, LEGAL_STATUSES
from fieldwork.frameworks.library import default_library

LONDON = ZoneInfo("Europe/London")
FRAMEWORKS = ("ilacs-2018", "ilacs-2023", "ilacs-2026", "sccif-childrens-homes")

PHONE = re.compile(r"(?:\+44|\b0)\d[\d ]{8,12}\d\b")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b")
TITLE_AND_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.? +[A-Z][a-z]+")
CASE_REFERENCE = re.compile(r"\bC-\d+\b")


def framework(framework_id: str = "ilacs-2023") -> Framework:
    return default_library().get(framework_id)


def demo(framework_id: str = "ilacs-2023", **options: int) -> DemoInspection:
    return generate_demo(framework(framework_id), **options)


def shares(values: list[str]) -> dict[str, float]:
    return {key: count / len(values) for key, count in Counter(values).items()}


def test_the_fortnight_has_the_planned_shape() -> None:
    result = demo()
    assert (len(result.cases), len(result.practitioners)) == (40, 20)
    assert (len(result.activities), len(result.notes)) == (60, 600)
    assert 6 <= len(result.enquiries) <= 8
    assert [j.judgement_id for j in result.judgements] == ["lead", "hp", "cic", "cl", "oe"]
    inspection = result.inspection
    assert inspection.authority == "Westmere Borough Council (fictional)"
    assert inspection.inspection_type == "standard"
    assert (inspection.inspector, inspection.lead_inspector) == (
        "Team inspector 2",
        "Lead inspector",
    )
    assert inspection.framework_id == "ilacs-2023"
    assert inspection.start_date.weekday() == 0
    assert inspection.end_date - inspection.start_date == timedelta(days=11)
    assert framework().in_force_from <= inspection.start_date


def test_same_inputs_give_equal_output_and_another_seed_other_notes() -> None:
    first, again = demo(), demo()
    assert first == again
    assert repr(first) == repr(again)
    other = demo(seed=7)
    assert {n.text for n in other.notes} != {n.text for n in first.notes}
    assert not {n.id for n in other.notes} & {n.id for n in first.notes}


def test_ids_are_version_4_uuids_and_unique() -> None:
    result = demo()
    ids = [n.id for n in result.notes] + [c.id for c in result.cases]
    ids += [p.id for p in result.practitioners] + [a.id for a in result.activities]
    ids += [e.id for e in result.enquiries]
    assert len(set(ids)) == len(ids)
    assert all(
        re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", i)
        for i in ids
    )


@pytest.mark.parametrize("framework_id", FRAMEWORKS)
def test_evidence_spreads_over_every_judgement_and_most_criteria(framework_id: str) -> None:
    result, rules = demo(framework_id), framework(framework_id)
    per_judgement = Counter(
        rules.criterion(n.tags[0].criterion_id).judgement_id for n in result.notes
    )
    assert set(per_judgement) == {j.id for j in rules.judgements}
    covered = {tag.criterion_id for note in result.notes for tag in note.tags}
    assert covered <= {c.id for c in rules.criteria}
    missing = [c.id for c in rules.criteria if c.id not in covered]
    assert 2 <= len(missing) <= 3
    assert len(covered) / len(rules.criteria) >= 0.85


def test_help_and_protection_carries_the_most_evidence() -> None:
    result = demo()
    per_judgement = Counter(
        framework().criterion(n.tags[0].criterion_id).judgement_id for n in result.notes
    )
    assert per_judgement.most_common(1)[0][0] == "hp"
    assert 0.40 <= per_judgement["hp"] / len(result.notes) <= 0.60


@pytest.mark.parametrize("framework_id", FRAMEWORKS)
def test_evaluations_sources_and_flags_follow_the_mix(framework_id: str) -> None:
    result = demo(framework_id)
    evaluations = shares([n.tags[0].evaluation for n in result.notes])
    assert 0.50 <= evaluations["strength"] <= 0.60
    assert 0.25 <= evaluations["area-for-improvement"] <= 0.35
    assert 0.03 <= evaluations["serious-weakness"] <= 0.04
    assert 0.07 <= evaluations["context"] <= 0.13
    sources = shares([str(n.tags[0].source) for n in result.notes])
    for source, (low, high) in {
        "seen-on-record": (0.28, 0.42),
        "practitioner": (0.18, 0.32),
        "observed": (0.10, 0.20),
        "partner": (0.04, 0.12),
        "data": (0.04, 0.12),
        "child-or-family": (0.03, 0.11),
    }.items():
        assert low <= sources[source] <= high, source
    assert 1 <= sum(t.escalate for n in result.notes for t in n.tags) <= 2
    assert all(
        t.evaluation == "serious-weakness" for n in result.notes for t in n.tags if t.escalate
    )
    assert 0.40 <= sum(n.tags[0].corroborated for n in result.notes) / len(result.notes) <= 0.60
    assert 0.60 <= sum(n.reviewed for n in result.notes) / len(result.notes) <= 0.80


@pytest.mark.parametrize("framework_id", FRAMEWORKS)
def test_every_tag_is_valid_for_the_framework(framework_id: str) -> None:
    rules = framework(framework_id)
    result = demo(framework_id)
    leanings = 0
    for note in result.notes:
        assert 1 <= len(note.tags) <= 3
        assert len({t.criterion_id for t in note.tags}) == len(note.tags)
        for tag in note.tags:
            assert rules.has(tag.criterion_id)
            assert tag.evaluation in EVALUATIONS and tag.source in SOURCES
            assert tag.grade_leaning is None or tag.grade_leaning in rules.grades.ids
            leanings += tag.grade_leaning is not None
    assert 0.05 <= leanings / len(result.notes) <= 0.40


def test_caseloads_agency_and_months_in_post_follow_the_workforce_figures() -> None:
    people = demo().practitioners
    caseloads = [p.caseload for p in people if p.caseload is not None]
    assert 16 <= statistics.median(caseloads) <= 20
    assert 3 <= sum(c > 25 for c in caseloads) <= 4
    assert 3 <= sum(p.agency for p in people) <= 4
    assert [p.pseudonym for p in people] == [f"P{n:02d}" for n in range(1, 21)]
    assert {p.team for p in people} == {"FD", "AST", "FH", "CWD", "ADO", "CIC", "CL", "FOS", "IRO"}
    for person in people:
        assert person.months_in_post is not None
        if person.agency:
            assert 1 <= person.months_in_post <= 18
        elif "ASYE" in person.role:
            assert person.months_in_post < 12
        else:
            assert 6 <= person.months_in_post <= 120


def test_cases_follow_the_sample() -> None:
    result = demo()
    cases = result.cases
    assert [c.reference for c in cases] == [f"C-{n:03d}" for n in range(1, 41)]
    assert Counter(c.legal_status for c in cases) == {
        "early-help": 3,
        "child-in-need": 8,
        "child-protection-plan": 9,
        "privately-fostered": 1,
        "child-in-care": 13,
        "care-leaver": 6,
    }
    workers = {p.id for p in result.practitioners}
    for case in cases:
        assert case.age_band in AGE_BANDS and case.legal_status in LEGAL_STATUSES
        assert case.practitioner_id in workers and case.detail and case.team


def test_activities_fill_ten_working_days_in_office_hours() -> None:
    result = demo()
    inspection = result.inspection
    assert Counter(a.kind for a in result.activities) == {
        "sitting-alongside": 20,
        "record-review": 8,
        "observation": 5,
        "meeting-managers": 5,
        "meeting-leaders": 4,
        "meeting-partners": 3,
        "conversation-child-family": 4,
        "focus-group": 3,
        "data-review": 3,
        "team-meeting": 5,
    }
    cases = {c.id for c in result.cases}
    people = {p.id for p in result.practitioners}
    days = set()
    for activity in result.activities:
        assert activity.kind in ACTIVITY_KINDS and activity.ended_at is not None
        assert activity.started_at.utcoffset() == timedelta(0)
        start, end = activity.started_at.astimezone(LONDON), activity.ended_at.astimezone(LONDON)
        assert start.date() == end.date() and start.weekday() < 5
        assert time(9, 0) <= start.time() < end.time() <= time(17, 30)
        assert inspection.start_date <= start.date() <= inspection.end_date
        assert set(activity.case_ids) <= cases and set(activity.practitioner_ids) <= people
        days.add(start.date())
    assert len(days) == 10
    sitting = [a for a in result.activities if a.kind == "sitting-alongside"]
    assert all(
        re.fullmatch(r"Sitting alongside P\d\d \(\w+\) on C-\d{3}.*", a.title) for a in sitting
    )


@pytest.mark.parametrize("notes", [600, 5000])
def test_notes_sit_inside_their_activity_and_the_inspection(notes: int) -> None:
    result = demo(notes=notes)
    assert len(result.notes) == notes
    assert len(result.activities) <= 60 * math.ceil(notes / 600)
    activities = {a.id: a for a in result.activities}
    cases = {c.id for c in result.cases}
    first = datetime.combine(result.inspection.start_date, time(0), LONDON)
    last = datetime.combine(result.inspection.end_date, time(23, 59), LONDON)
    for note in result.notes:
        activity = activities[note.activity_id or ""]
        assert note.created_at is not None and activity.ended_at is not None
        assert activity.started_at <= note.created_at <= activity.ended_at
        assert first <= note.created_at <= last
        assert set(note.case_ids) <= cases
        assert note.author == "Team inspector 2"
    assert [n.created_at for n in result.notes] == sorted(
        n.created_at or first for n in result.notes
    )


@pytest.mark.parametrize("framework_id", FRAMEWORKS)
def test_notes_are_short_plain_and_free_of_personal_data(framework_id: str) -> None:
    result = demo(framework_id)
    references = {c.reference for c in result.cases}
    words = [len(n.text.split()) for n in result.notes]
    assert sum(25 <= w <= 80 for w in words) / len(words) >= 0.9
    assert len({n.text for n in result.notes}) >= 0.95 * len(result.notes)
    for note in result.notes:
        for pattern in (PHONE, EMAIL, POSTCODE, TITLE_AND_NAME):
            assert not pattern.search(note.text), (pattern.pattern, note.text)
        for reference in CASE_REFERENCE.findall(note.text):
            assert re.fullmatch(r"C-\d{3}", reference) and reference in references
        assert "{" not in note.text and "}" not in note.text


def test_notes_about_a_child_are_anchored_on_the_case() -> None:
    result = demo()
    by_id = {c.id: c.reference for c in result.cases}
    about_children = [n for n in result.notes if n.case_ids]
    assert len(about_children) >= 0.5 * len(result.notes)
    for note in about_children:
        assert note.text.startswith(by_id[note.case_ids[0]] + " (")


def test_enquiries_mix_answered_and_open_lines() -> None:
    result = demo()
    notes = {n.id: n for n in result.notes}
    statuses = Counter(e.status for e in result.enquiries)
    assert set(statuses) <= set(ENQUIRY_STATUSES)
    assert statuses["open"] >= 1 and statuses["answered"] + statuses["partly-answered"] >= 2
    for enquiry in result.enquiries:
        assert enquiry.question.endswith("?")
        assert enquiry.judgement_id in {j.id for j in framework().judgements}
        assert (enquiry.status == "open") == (not enquiry.answer_note_ids)
        assert all(i in notes for i in enquiry.answer_note_ids)


@pytest.mark.parametrize(
    ("framework_id", "grades"),
    [
        (
            "ilacs-2023",
            {
                "lead": "good",
                "hp": "requires-improvement",
                "cic": "good",
                "cl": "good",
                "oe": "good",
            },
        ),
        (
            "ilacs-2018",
            {"lead": "good", "hp": "requires-improvement", "cic-cl": "good", "oe": "good"},
        ),
        ("ilacs-2026", {"lead": "good", "hp": "requires-improvement", "cic": "good", "cl": "good"}),
        ("sccif-childrens-homes", {"ch.overall": "good", "ch.protect": "good", "ch.lead": "good"}),
    ],
)
def test_provisional_judgements_lean_as_planned(framework_id: str, grades: dict[str, str]) -> None:
    rules = framework(framework_id)
    result = demo(framework_id)
    assert {j.judgement_id: j.grade for j in result.judgements} == grades
    notes = {n.id: n for n in result.notes}
    for judgement in result.judgements:
        assert 2 <= judgement.rationale.count(". ") + 1 <= 4
        assert 3 <= len(judgement.supporting_note_ids) <= 6
        for note_id in judgement.supporting_note_ids:
            tag = notes[note_id].tags[0]
            assert tag.evaluation in ("strength", "area-for-improvement")
            assert rules.criterion(tag.criterion_id).judgement_id == judgement.judgement_id


def test_small_and_out_of_range_note_counts() -> None:
    assert demo(notes=0).notes == ()
    assert len(demo(notes=1).notes) == 1
    for wrong in (-1, 50_001):
        with pytest.raises(ValueError):
            demo(notes=wrong)
