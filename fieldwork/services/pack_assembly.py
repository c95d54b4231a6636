"""Assembling the evidence pack from a snapshot: pure functions over plain domain values.

`services/pack.py` reads the snapshot and the request; this module turns the filtered notes into
evidence entries per criterion, judgement sections, draft improvement points, and the rows of
the appendices. No database and no PDF here, so each part is easy to test on its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from fieldwork.domain.evidence import Activity, Enquiry, Note, ProvisionalJudgement
from fieldwork.domain.framework import EvidenceCounts, Framework, Judgement
from fieldwork.domain.inspection import Inspection
from fieldwork.domain.pack import (
    ACTIVITY_KIND_LABELS,
    ENQUIRY_STATUS_LABELS,
    EVALUATION_ORDER,
    LEGAL_STATUS_LABELS,
    SOURCE_LABELS,
    ActivityRow,
    CaseloadRow,
    CaseloadSummary,
    CaseSampleRow,
    CoverageRow,
    CriterionEvidence,
    EnquiryItem,
    EvidenceEntry,
    FindingSummary,
    GapItem,
    ImprovementItem,
    JudgementSection,
    PackFilters,
    PackWarning,
    ThemeEvidence,
    caseload_figures,
    national_framework_reference,
    note_reference,
)
from fieldwork.domain.people import Case, Practitioner

MAX_POINTS = 10  # draft "What needs to improve?" points
MIN_WEIGHT = 5  # 3 x serious weaknesses + areas for improvement


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything the pack needs, read in one transaction."""

    inspection: Inspection
    fingerprint: str
    notes: list[Note]
    cases: list[Case]
    practitioners: list[Practitioner]
    activities: list[Activity]
    enquiries: list[Enquiry]
    judgements: list[ProvisionalJudgement]


def evidence_counts(framework: Framework, notes: Iterable[Note]) -> dict[str, EvidenceCounts]:
    """What the consistency rules count, per judgement, over the filtered notes' tags."""
    tallies: dict[str, dict[str, int]] = {j.id: {} for j in framework.judgements}
    themes_seen: set[str] = set()
    field = {
        "strength": "strengths",
        "area-for-improvement": "areas_for_improvement",
        "serious-weakness": "serious_weaknesses",
        "context": "context",
    }
    for note in notes:
        for tag in note.tags:
            if not framework.has(tag.criterion_id) or tag.evaluation not in field:
                continue
            criterion = framework.criterion(tag.criterion_id)
            tally = tallies[criterion.judgement_id]
            tally[field[tag.evaluation]] = tally.get(field[tag.evaluation], 0) + 1
            tally["notes"] = tally.get("notes", 0) + 1
            tally["escalations"] = tally.get("escalations", 0) + int(tag.escalate)
            themes_seen.add(criterion.theme_id)
    return {
        j.id: EvidenceCounts(
            **tallies[j.id],
            themes_without_evidence=sum(1 for t in j.themes if t.id not in themes_seen),
        )
        for j in framework.judgements
    }


@dataclass
class Selection:
    """The notes in the pack, as evidence entries per criterion, with the look-ups they need."""

    framework: Framework
    notes: list[Note]
    untagged: int  # passed the filters but tagged to nothing in this framework
    entries: dict[str, list[EvidenceEntry]]  # criterion id -> entries, in reading order
    enquiries: list[Enquiry]

    @classmethod
    def make(
        cls, framework: Framework, snap: Snapshot, passed: list[Note], chosen: set[str]
    ) -> Selection:
        refs = {c.id: c.reference for c in snap.cases}
        activities = {
            a.id: a.title or ACTIVITY_KIND_LABELS.get(a.kind, a.kind) for a in snap.activities
        }
        grades = {g.id: g.label for g in framework.grades.grades}
        notes, untagged = [], 0
        entries: dict[str, list[EvidenceEntry]] = {}
        for note in passed:
            tags = [t for t in note.tags if framework.has(t.criterion_id)]
            tags = [t for t in tags if framework.criterion(t.criterion_id).judgement_id in chosen]
            if not tags:
                untagged += not any(framework.has(t.criterion_id) for t in note.tags)
                continue
            notes.append(note)
            cases = tuple(sorted(refs[c] for c in set(note.case_ids) if c in refs))
            for tag in tags:
                entries.setdefault(tag.criterion_id, []).append(
                    EvidenceEntry(
                        note_ref=note_reference(note.id),
                        text=note.text,
                        evaluation=tag.evaluation,
                        at=note.created_at,
                        case_refs=cases,
                        activity=activities.get(note.activity_id, "") if note.activity_id else "",
                        source=SOURCE_LABELS.get(tag.source or "", tag.source or ""),
                        corroborated=tag.corroborated,
                        escalate=tag.escalate,
                        grade_leaning=grades.get(tag.grade_leaning or "", ""),
                        author=note.author,
                        reviewed=note.reviewed,
                        criterion=framework.criterion(tag.criterion_id).heading,
                    )
                )
        for items in entries.values():
            items.sort(key=lambda e: (EVALUATION_ORDER.get(e.evaluation, 9), e.at))
        return cls(framework, notes, untagged, entries, snap.enquiries)

    def of(self, criterion_id: str) -> list[EvidenceEntry]:
        return self.entries.get(criterion_id, [])

    def enquiry_items(self, judgement_id: str | None, *, answered: bool) -> tuple[EnquiryItem, ...]:
        known = {j.id for j in self.framework.judgements}
        return tuple(
            EnquiryItem(
                e.question,
                ENQUIRY_STATUS_LABELS.get(e.status, e.status),
                tuple(note_reference(n) for n in e.answer_note_ids),
            )
            for e in self.enquiries
            if (e.status == "answered") == answered
            and (e.judgement_id == judgement_id if judgement_id else e.judgement_id not in known)
        )


def _findings(sel: Selection, judgement: Judgement, evaluation: str) -> tuple[FindingSummary, ...]:
    found = []
    for criterion in judgement.criteria:
        items = [e for e in sel.of(criterion.id) if e.evaluation == evaluation]
        if items:
            cases = sorted({r for e in items for r in e.case_refs})
            found.append(
                FindingSummary(
                    criterion.heading, len(items), sum(e.corroborated for e in items), tuple(cases)
                )
            )
    return tuple(sorted(found, key=lambda f: -f.notes))


def judgement_section(
    sel: Selection,
    judgement: Judgement,
    provisional: ProvisionalJudgement,
    warnings: tuple[PackWarning, ...],
) -> JudgementSection:
    coverage, themes, gaps = [], [], []
    for theme in judgement.themes:
        with_evidence = []
        for c in theme.criteria:
            items = sel.of(c.id)
            tally = {e: sum(1 for i in items if i.evaluation == e) for e in EVALUATION_ORDER}
            coverage.append(
                CoverageRow(
                    c.id,
                    c.heading,
                    theme.title,
                    tally["strength"],
                    tally["area-for-improvement"],
                    tally["serious-weakness"],
                    tally["context"],
                    sum(1 for i in items if i.escalate),
                )
            )
            if items:
                with_evidence.append(CriterionEvidence(c.id, c.heading, tuple(items)))
            else:
                gaps.append(GapItem(theme.title, c.heading))
        if with_evidence:
            themes.append(ThemeEvidence(theme.id, theme.title, tuple(with_evidence)))
    serious: dict[str, EvidenceEntry] = {}  # once per note, naming every criterion it is under
    for c in judgement.criteria:
        for e in sel.of(c.id):
            if e.evaluation != "serious-weakness" and not e.escalate:
                continue
            prior = serious.get(e.note_ref)
            if prior is not None:
                e = replace(
                    prior,
                    criterion=f"{prior.criterion}; {e.criterion}",
                    evaluation="serious-weakness"
                    if "serious-weakness" in (prior.evaluation, e.evaluation)
                    else prior.evaluation,
                    escalate=prior.escalate or e.escalate,
                )
            serious[e.note_ref] = e
    grade = provisional.grade
    return JudgementSection(
        judgement_id=judgement.id,
        title=judgement.title,
        grade=sel.framework.grades.get(grade).label if grade in sel.framework.grades.ids else None,
        rationale=provisional.rationale,
        supporting_refs=tuple(note_reference(n) for n in provisional.supporting_note_ids),
        coverage=tuple(coverage),
        serious=tuple(sorted(serious.values(), key=lambda e: e.at)),
        strengths=_findings(sel, judgement, "strength"),
        improvements=_findings(sel, judgement, "area-for-improvement"),
        themes=tuple(themes),
        gaps=tuple(gaps),
        enquiries=sel.enquiry_items(judgement.id, answered=False),
        answered_enquiries=sel.enquiry_items(judgement.id, answered=True),
        warnings=warnings,
    )


def what_needs_to_improve(
    sel: Selection, judgements: list[Judgement]
) -> tuple[tuple[ImprovementItem, ...], tuple[ImprovementItem, ...]]:
    """Draft points and the other criteria with areas for improvement or serious weaknesses.

    A criterion's weight is 3 x serious weaknesses + areas for improvement. It is a draft point
    when the weight is at least MIN_WEIGHT (a pattern, not one observation) and at least a
    quarter of its evaluative evidence is negative; the heaviest MAX_POINTS are the points
    (published reports list 1 to 15, typically 3 or 4). Everything else follows, by weight."""
    candidates: list[tuple[int, bool, ImprovementItem]] = []
    for judgement in judgements:
        for c in judgement.criteria:
            items = sel.of(c.id)
            weak = sum(1 for e in items if e.evaluation == "serious-weakness")
            afi = sum(1 for e in items if e.evaluation == "area-for-improvement")
            good = sum(1 for e in items if e.evaluation == "strength")
            if not weak and not afi:
                continue
            cases = sorted({r for e in items if e.evaluation != "strength" for r in e.case_refs})
            item = ImprovementItem(
                c.heading,
                judgement.short_title,
                national_framework_reference(c.national_framework),
                afi,
                weak,
                good,
                tuple(cases),
            )
            weight = 3 * weak + afi
            strong = weight >= MIN_WEIGHT and 4 * (weak + afi) >= weak + afi + good
            candidates.append((weight, strong, item))
    candidates.sort(key=lambda c: (-c[0], -c[2].serious_weaknesses))
    points = [item for _, strong, item in candidates if strong][:MAX_POINTS]
    chosen = {id(item) for item in points}
    also = [item for _, _, item in candidates if id(item) not in chosen]
    return tuple(points), tuple(also)


def case_rows(snap: Snapshot, selection: Selection) -> tuple[CaseSampleRow, ...]:
    workers = {p.id: p.pseudonym for p in snap.practitioners}
    mentions: dict[str, int] = {}
    for note in selection.notes:
        for case_id in set(note.case_ids):
            mentions[case_id] = mentions.get(case_id, 0) + 1
    return tuple(
        CaseSampleRow(
            reference=c.reference,
            age_band=c.age_band or "–",
            legal_status=LEGAL_STATUS_LABELS.get(c.legal_status or "", "–"),
            team=c.team or "–",
            practitioner=workers.get(c.practitioner_id, "–") if c.practitioner_id else "–",
            detail=c.detail,
            notes=mentions.get(c.id, 0),
        )
        for c in sorted(snap.cases, key=lambda c: c.reference)
    )


def case_holding(person: Practitioner) -> tuple[bool, str]:
    """Whether a caseload is comparable with social workers' (and if not, why not)."""
    if "reviewing" in person.role.casefold():
        return False, "reviewing officers review plans rather than hold cases"
    if person.team.strip().upper() == "FD":
        return False, "front door: screening throughput, not allocated cases"
    if person.caseload is None:
        return False, "no caseload recorded"
    return True, ""


def caseload_rows(
    people: list[Practitioner], threshold: int
) -> tuple[tuple[CaseloadRow, ...], CaseloadSummary]:
    rows = []
    left_out: dict[str, list[str]] = {}
    for person in sorted(people, key=lambda p: p.pseudonym):
        counted, reason = case_holding(person)
        if not counted:
            left_out.setdefault(reason, []).append(person.pseudonym)
        rows.append(
            CaseloadRow(
                pseudonym=person.pseudonym,
                role=person.role,
                team=person.team,
                caseload=person.caseload,
                agency=person.agency,
                months_in_post=person.months_in_post,
                counted=counted,
                above_threshold=counted and (person.caseload or 0) > threshold,
            )
        )
    values = [r.caseload for r in rows if r.counted and r.caseload is not None]
    n, median, low, high, above = caseload_figures(values, threshold)
    note = ""
    if left_out:
        note = (
            "Not counted in these figures: "
            + "; ".join(f"{', '.join(names)} ({reason})" for reason, names in left_out.items())
            + "."
        )
    return tuple(rows), CaseloadSummary(threshold, n, median, low, high, above, note)


def activity_rows(
    snap: Snapshot, selection: Selection, filters: PackFilters
) -> tuple[ActivityRow, ...]:
    refs = {c.id: c.reference for c in snap.cases}
    workers = {p.id: p.pseudonym for p in snap.practitioners}
    per_activity: dict[str, int] = {}
    for note in selection.notes:
        if note.activity_id:
            per_activity[note.activity_id] = per_activity.get(note.activity_id, 0) + 1
    rows = []
    for a in snap.activities:
        day = a.started_at.astimezone().date()
        if (filters.since and day < filters.since) or (filters.until and day > filters.until):
            continue
        rows.append(
            ActivityRow(
                started_at=a.started_at,
                ended_at=a.ended_at,
                kind=ACTIVITY_KIND_LABELS.get(a.kind, a.kind),
                title=a.title,
                case_refs=tuple(sorted(refs[c] for c in a.case_ids if c in refs)),
                practitioners=tuple(sorted(workers[p] for p in a.practitioner_ids if p in workers)),
                notes=per_activity.get(a.id, 0),
            )
        )
    return tuple(rows)


def at_a_glance(sel: Selection, cases: int) -> tuple[tuple[str, str], ...]:
    """How much evidence, how firm: tags, corroboration, review, sources, cases mentioned."""
    entries = [e for items in sel.entries.values() for e in items]
    if not entries:
        return (("Notes", "none in this pack"),)
    tags = len(entries)
    firm = sum(e.corroborated for e in entries)
    unreviewed = sum(1 for n in sel.notes if not n.reviewed)
    escalated = len({e.note_ref for e in entries if e.escalate})
    sources: dict[str, int] = {}
    for e in entries:
        label = e.source or "not recorded"
        sources[label] = sources.get(label, 0) + 1
    mentioned = len({c for n in sel.notes for c in n.case_ids})
    by_source = sorted(sources.items(), key=lambda item: -item[1])
    return (
        ("Notes", f"{len(sel.notes)}, tagged {tags} times (a note can support several criteria)"),
        ("Corroborated", f"{firm} of {tags} tags ({round(100 * firm / tags)}%)"),
        ("Not yet reviewed", f"{unreviewed} of {len(sel.notes)} notes"),
        ("Escalated at once", f"{escalated} note{'s' if escalated != 1 else ''}"),
        ("Sources", "; ".join(f"{k} {round(100 * v / tags)}%" for k, v in by_source)),
        ("Cases mentioned", f"{mentioned} of the {cases} cases in the sample"),
    )
