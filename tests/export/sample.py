"""Hand-built evidence packs for exporter tests: no database, fast."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from fieldwork.domain.pack import (
    ActivityRow,
    CaseloadRow,
    CaseloadSummary,
    CaseSampleRow,
    CoverageRow,
    CriterionEvidence,
    EnquiryItem,
    EvidenceEntry,
    EvidencePack,
    FindingSummary,
    GapItem,
    GradeRow,
    ImprovementItem,
    JudgementSection,
    PackCover,
    PackWarning,
    ThemeEvidence,
    caseload_figures,
)

AUTHORITY = "Westmere Borough Council (fictional)"
START = datetime(2026, 5, 11, 9, 0, tzinfo=UTC)


def entry(text: str, n: int = 0, **changes: Any) -> EvidenceEntry:
    base = EvidenceEntry(
        note_ref=f"N-{n:08x}",
        text=text,
        evaluation="strength",
        at=START + timedelta(minutes=7 * n),
        case_refs=("C-014",),
        activity="Sitting alongside P07 (FH) on C-014",
        source="Seen on record",
        corroborated=n % 2 == 0,
        criterion="Strategy discussions and enquiries",
    )
    return replace(base, **changes)


def section(
    entries: tuple[EvidenceEntry, ...] = (),
    *,
    judgement_id: str = "hp",
    title: str = "The experiences and progress of children who need help and protection",
    **changes: Any,
) -> JudgementSection:
    entries = entries or (
        entry("Strategy discussion held the same day with police and health.", 1),
        entry(
            "Plan actions unchanged since the first review: drift.",
            2,
            evaluation="area-for-improvement",
        ),
        entry(
            "Child left at home with the same risk.",
            3,
            evaluation="serious-weakness",
            escalate=True,
        ),
    )
    counts = {
        e: sum(1 for x in entries if x.evaluation == e)
        for e in ("strength", "area-for-improvement", "serious-weakness", "context")
    }
    base = JudgementSection(
        judgement_id=judgement_id,
        title=title,
        grade="Requires improvement to be good",
        rationale="Most children get a *prompt* first response; plans for some _drift_.",
        supporting_refs=("N-00000001", "N-00000002"),
        coverage=(
            CoverageRow(
                "hp.protection.strategy",
                "Strategy discussions and enquiries",
                "Protection",
                counts["strength"],
                counts["area-for-improvement"],
                counts["serious-weakness"],
                counts["context"],
                1,
            ),
            CoverageRow(
                "hp.protection.conferences", "Child protection conferences and plans", "Protection"
            ),
        ),
        serious=tuple(e for e in entries if e.evaluation == "serious-weakness" or e.escalate),
        strengths=(FindingSummary("Strategy discussions and enquiries", 1, 1, ("C-014",)),),
        improvements=(FindingSummary("Strategy discussions and enquiries", 1, 0, ("C-014",)),),
        themes=(
            ThemeEvidence(
                "hp.protection",
                "Protection",
                (
                    CriterionEvidence(
                        "hp.protection.strategy", "Strategy discussions and enquiries", entries
                    ),
                ),
            ),
        ),
        gaps=(GapItem("Protection", "Child protection conferences and plans"),),
        enquiries=(EnquiryItem("Are police notifications screened promptly at night?", "Open"),),
        answered_enquiries=(
            EnquiryItem("Does oversight stop drift?", "Answered", ("N-00000002",)),
        ),
        warnings=(
            PackWarning(
                "notice",
                "Overall effectiveness is better than help and protection.",
                ("Help and protection",),
            ),
        ),
    )
    return replace(base, **changes)


def pack(
    sections: tuple[JudgementSection, ...] | None = None,
    *,
    authority: str = AUTHORITY,
    marking: str = "OFFICIAL-SENSITIVE",
    cases: tuple[CaseSampleRow, ...] | None = None,
    **changes: Any,
) -> EvidencePack:
    sections = sections if sections is not None else (section(),)
    caseloads = (
        *(
            CaseloadRow(f"P{i:02d}", "social worker", "FH", load, i == 3, 12, True, load > 25)
            for i, load in enumerate((12, 14, 18, 19, 22, 26, 33), start=1)
        ),
        CaseloadRow("P20", "independent reviewing officer", "IRO", 62, False, 30, False, False),
    )
    n, median, low, high, above = caseload_figures(
        [c.caseload or 0 for c in caseloads if c.counted], 25
    )
    base = EvidencePack(
        marking=marking,
        cover=PackCover(
            authority=authority,
            inspection_type="Standard inspection",
            start_date=date(2026, 5, 11),
            end_date=date(2026, 5, 22),
            framework_title="Inspecting local authority children's services (2026)",
            framework_version="2026",
            framework_note="Criterion headings are Fieldwork's paraphrase, not Ofsted's wording.",
            inspector="Team inspector 2",
            lead_inspector="Lead inspector",
            produced_at=datetime(2026, 5, 22, 16, 30, tzinfo=UTC),
            filters=(
                "Judgements: all",
                "Notes written: all dates",
                "Notes: reviewed and not yet reviewed",
                "Author: all inspectors",
            ),
            fingerprint="FW1-7Q2K-M9XD-4TRA-PL6W-QH3C @ 1284",
            selection_hash="SEL1-ABCD-EFGH-IJKL-MNOP-QRST",
            notes_in_pack=3,
            notes_in_notebook=3,
        ),
        grades=(
            GradeRow(
                "lead",
                "The impact of leaders on social work practice with children and families",
                "Good",
                2,
                3,
                1,
                0,
                False,
            ),
            GradeRow(
                "hp",
                "The experiences and progress of children who need help and protection",
                "Requires improvement to be good",
                3,
                1,
                1,
                1,
            ),
        ),
        warnings=(
            PackWarning("warning", "A judgement graded good has serious weaknesses.", ("Leaders",)),
        ),
        improvements=(
            ImprovementItem(
                "Strategy discussions and enquiries",
                "Help and protection",
                "outcome 3, national framework",
                1,
                1,
                1,
                ("C-014",),
            ),
        ),
        also_noted=(
            ImprovementItem(
                "Child protection conferences and plans", "Help and protection", None, 1, 0, 4, ()
            ),
        ),
        judgements=sections,
        cases=cases
        if cases is not None
        else (
            CaseSampleRow(
                "C-014", "5-9", "Child protection plan", "FH", "P07", "neglect; pre-proceedings", 3
            ),
        ),
        caseloads=caseloads,
        caseload_summary=CaseloadSummary(
            25, n, median, low, high, above, "Not counted: P20 (independent reviewing officer)."
        ),
        activities=(
            ActivityRow(
                START,
                START + timedelta(hours=1),
                "Sitting alongside",
                "Sitting alongside P07 (FH) on C-014",
                ("C-014",),
                ("P07",),
                3,
            ),
        ),
    )
    return replace(base, **changes)
