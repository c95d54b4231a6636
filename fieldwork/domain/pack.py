"""The draft judgement evidence pack as plain data: the request, its filters, and every part shown.

`services/pack.py` builds an `EvidencePack` from one read-only snapshot of a notebook;
`export/` turns it into PDF bytes. Every string here is plain text (never markup): the exporter
escapes all of it. Times are aware UTC; the PDF shows them in local time.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from fieldwork.domain.evidence import Evaluation, Note

PACK_TITLE = "Draft evidence pack"
DEFAULT_MARKING = "OFFICIAL-SENSITIVE"
DEFAULT_CASELOAD_THRESHOLD = 25
MAX_MARKING_CHARS = 80

# Shown by the command line and the export dialog whenever a password is used.
PASSWORD_NOTICE = (
    "What the password protects: the pack is encrypted (AES-256), so without the password "
    "nobody can open it or read its pages or details. "
    "What it does not protect: anyone who has the file can try passwords for as long as they "
    "like, so a short password can be guessed; use a long one (five random words) and send it "
    "by a different route from the pack (say, by phone rather than in the same email). "
    "Once the pack is open it can be printed, copied or forwarded like any document, and "
    "anyone who has the password can pass it on."
)

EVALUATION_LABELS: Mapping[str, str] = {
    "strength": "Strength",
    "area-for-improvement": "Area for improvement",
    "serious-weakness": "Serious weakness",
    "context": "Context",
}
EVALUATION_ORDER: Mapping[str, int] = {
    "strength": 0,
    "area-for-improvement": 1,
    "serious-weakness": 2,
    "context": 3,
}
SOURCE_LABELS: Mapping[str, str] = {
    "observed": "Observed",
    "seen-on-record": "Seen on record",
    "practitioner": "Told by practitioner",
    "child-or-family": "Told by child or family",
    "partner": "Told by partner agency",
    "data": "Data",
}
ACTIVITY_KIND_LABELS: Mapping[str, str] = {
    "sitting-alongside": "Sitting alongside",
    "record-review": "Record review",
    "observation": "Observation",
    "meeting-leaders": "Meeting with leaders",
    "meeting-managers": "Meeting with managers",
    "meeting-partners": "Meeting with partners",
    "conversation-child-family": "Conversation with child or family",
    "focus-group": "Focus group",
    "data-review": "Data review",
    "team-meeting": "Team meeting",
}
LEGAL_STATUS_LABELS: Mapping[str, str] = {
    "early-help": "Early help",
    "child-in-need": "Child in need",
    "child-protection-plan": "Child protection plan",
    "privately-fostered": "Privately fostered",
    "child-in-care": "Child in care",
    "care-leaver": "Care leaver",
    "other": "Other",
}
ENQUIRY_STATUS_LABELS: Mapping[str, str] = {
    "open": "Open",
    "partly-answered": "Partly answered",
    "answered": "Answered",
}


def national_framework_reference(reference: str | None) -> str | None:
    """`nf.outcome.3` -> `outcome 3, national framework` (as published reports print it)."""
    if not reference:
        return None
    parts = reference.split(".")
    if len(parts) == 3 and parts[0] == "nf" and parts[1] in {"outcome", "enabler", "principle"}:
        return f"{parts[1]} {parts[2]}, national framework"
    return f"{reference}, national framework"


def default_pack_name(day: date) -> str:
    """A neutral file name: the date only, never the authority (names show in file lists)."""
    return f"evidence-pack-{day.isoformat()}.pdf"


def note_reference(note_id: str) -> str:
    """The short reference printed beside each entry, to find the note in the notebook."""
    return "N-" + note_id.replace("-", "")[:8]


def selection_digest(notes: Iterable[Note]) -> str:
    """`SEL1-XXXX-XXXX-XXXX-XXXX-XXXX`: a hash of exactly which notes (and which revisions) are in."""
    lines = sorted(
        f"{n.id}\x1f{n.revision}\x1f{hashlib.sha256(n.text.encode('utf-8', 'surrogatepass')).hexdigest()}"
        for n in notes
    )
    digest = hashlib.sha256(b"fieldwork/pack-selection/v1\n" + "\n".join(lines).encode()).digest()
    text = base64.b32encode(digest).decode()[:20]
    return "SEL1-" + "-".join(text[i : i + 4] for i in range(0, 20, 4))


@dataclass(frozen=True, slots=True)
class PackFilters:
    """Which notes go into the pack; the defaults take everything."""

    judgement_ids: tuple[str, ...] = ()  # empty: every judgement
    since: date | None = None  # local calendar days, inclusive
    until: date | None = None
    reviewed_only: bool = False
    author: str | None = None  # one inspector's notes (as the note records its author); None: all

    def describe(self, judgement_titles: Mapping[str, str]) -> tuple[str, ...]:
        """The filters in words, for the cover."""
        judgements = (
            "; ".join(judgement_titles.get(j, j) for j in self.judgement_ids)
            if self.judgement_ids
            else "all"
        )
        if self.since and self.until:
            dates = f"{self.since:%d %B %Y} to {self.until:%d %B %Y}"
        elif self.since:
            dates = f"from {self.since:%d %B %Y}"
        elif self.until:
            dates = f"up to {self.until:%d %B %Y}"
        else:
            dates = "all dates"
        return (
            f"Judgements: {judgements}",
            f"Notes written: {dates}",
            f"Notes: {'reviewed notes only' if self.reviewed_only else 'reviewed and not yet reviewed'}",
            f"Author: {self.author if self.author else 'all inspectors'}",
        )


@dataclass(frozen=True, slots=True)
class PackRequest:
    """What the user asked for: where to write, which notes, the marking, and a password."""

    target: Path
    filters: PackFilters = field(default_factory=PackFilters)
    marking: str = DEFAULT_MARKING
    caseload_threshold: int = DEFAULT_CASELOAD_THRESHOLD
    password: str | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class PackCover:
    authority: str
    inspection_type: str  # a label, e.g. "Standard inspection"
    start_date: date
    end_date: date
    framework_title: str
    framework_version: str
    framework_note: str  # e.g. "Fieldwork's own paraphrase ... not Ofsted's wording"
    inspector: str
    lead_inspector: str
    produced_at: datetime
    filters: tuple[str, ...]
    fingerprint: str  # the notebook history's head, `FW1-... @ seq`
    selection_hash: str  # `SEL1-...`, over the notes in this pack
    notes_in_pack: int
    notes_in_notebook: int
    notes_untagged: int = (
        0  # passed the filters but carry no tag of this framework: not in the pack
    )


@dataclass(frozen=True, slots=True)
class GradeRow:
    """One row of the summary table, in report-table order."""

    judgement_id: str
    title: str
    grade: str | None  # the grade's label; None: not yet graded
    grade_order: int | None = None  # 1 is best
    strengths: int = 0
    areas_for_improvement: int = 0
    serious_weaknesses: int = 0
    in_pack: bool = True


@dataclass(frozen=True, slots=True)
class PackWarning:
    """A consistency rule that fired on the provisional grades (it warns, never changes a grade)."""

    severity: str  # "warning" or "notice"
    message: str
    judgements: tuple[str, ...]  # short titles


@dataclass(frozen=True, slots=True)
class EvidenceEntry:
    """One note as evidence for one criterion (a note tagged twice appears under both)."""

    note_ref: str
    text: str
    evaluation: Evaluation
    at: datetime
    case_refs: tuple[str, ...] = ()
    activity: str = ""
    source: str = ""  # a label; "" when not recorded
    corroborated: bool = False
    escalate: bool = False
    grade_leaning: str = ""  # a grade label
    author: str = ""
    reviewed: bool = True
    criterion: str = ""  # the criterion heading (used where entries are listed outside it)


@dataclass(frozen=True, slots=True)
class CriterionEvidence:
    criterion_id: str
    heading: str
    entries: tuple[EvidenceEntry, ...]  # strengths, areas for improvement, serious, context


@dataclass(frozen=True, slots=True)
class ThemeEvidence:
    theme_id: str
    title: str
    criteria: tuple[CriterionEvidence, ...]  # only criteria with evidence, framework order


@dataclass(frozen=True, slots=True)
class CoverageRow:
    """A criterion's evidence counts by evaluation, for the coverage chart."""

    criterion_id: str
    heading: str
    theme: str
    strengths: int = 0
    areas_for_improvement: int = 0
    serious_weaknesses: int = 0
    context: int = 0
    escalations: int = 0

    @property
    def total(self) -> int:
        return self.strengths + self.areas_for_improvement + self.serious_weaknesses + self.context


@dataclass(frozen=True, slots=True)
class FindingSummary:
    """Strengths (or areas for improvement) on one criterion: how many notes, which cases."""

    heading: str
    notes: int
    corroborated: int
    case_refs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GapItem:
    theme: str
    heading: str


@dataclass(frozen=True, slots=True)
class EnquiryItem:
    question: str
    status: str  # a label
    answered_by: tuple[str, ...] = ()  # note references


@dataclass(frozen=True, slots=True)
class JudgementSection:
    judgement_id: str
    title: str
    grade: str | None  # label; None: not yet graded
    rationale: str
    supporting_refs: tuple[str, ...] = ()
    coverage: tuple[CoverageRow, ...] = ()  # every criterion of the judgement, framework order
    serious: tuple[EvidenceEntry, ...] = ()  # serious weaknesses and escalations
    strengths: tuple[FindingSummary, ...] = ()
    improvements: tuple[FindingSummary, ...] = ()
    themes: tuple[ThemeEvidence, ...] = ()
    gaps: tuple[GapItem, ...] = ()
    enquiries: tuple[EnquiryItem, ...] = ()  # open or partly answered
    answered_enquiries: tuple[EnquiryItem, ...] = ()
    warnings: tuple[PackWarning, ...] = ()


@dataclass(frozen=True, slots=True)
class ImprovementItem:
    """A draft "What needs to improve?" point: a criterion heading and its evidence."""

    heading: str
    judgement: str  # short title
    cross_reference: str | None  # "outcome 3, national framework"
    areas_for_improvement: int = 0
    serious_weaknesses: int = 0
    strengths: int = 0
    case_refs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CaseSampleRow:
    reference: str
    age_band: str
    legal_status: str
    team: str
    practitioner: str
    detail: str
    notes: int  # notes in this pack that mention the case


@dataclass(frozen=True, slots=True)
class CaseloadRow:
    pseudonym: str
    role: str
    team: str
    caseload: int | None
    agency: bool
    months_in_post: int | None
    counted: bool  # a case-holding practitioner, counted in the figures
    above_threshold: bool


@dataclass(frozen=True, slots=True)
class CaseloadSummary:
    threshold: int
    counted: int
    median: float | None
    lowest: int | None
    highest: int | None
    above_threshold: int
    note: str  # who is left out of the figures, and why


@dataclass(frozen=True, slots=True)
class ActivityRow:
    started_at: datetime
    ended_at: datetime | None
    kind: str  # a label
    title: str
    case_refs: tuple[str, ...] = ()
    practitioners: tuple[str, ...] = ()
    notes: int = 0  # notes in this pack from the activity


@dataclass(frozen=True, slots=True)
class EvidencePack:
    marking: str
    cover: PackCover
    grades: tuple[GradeRow, ...]  # report-table order
    warnings: tuple[PackWarning, ...]
    improvements: tuple[ImprovementItem, ...]
    also_noted: tuple[ImprovementItem, ...]  # the other criteria with any, heaviest first
    judgements: tuple[JudgementSection, ...]  # report-body order, after the filters
    cases: tuple[CaseSampleRow, ...] = ()
    caseloads: tuple[CaseloadRow, ...] = ()
    caseload_summary: CaseloadSummary | None = None
    activities: tuple[ActivityRow, ...] = ()
    other_enquiries: tuple[EnquiryItem, ...] = ()  # open lines of enquiry with no judgement
    national_framework: bool = True  # print the cross-reference footnote
    at_a_glance: tuple[tuple[str, str], ...] = ()  # (what, figure): the evidence in numbers


@dataclass(frozen=True, slots=True)
class PackResult:
    """What an export produced: where it went, and what the lead inspector can check it against."""

    path: Path
    pages: int
    fingerprint: str
    selection_hash: str
    notes: int
    encrypted: bool


def caseload_figures(
    caseloads: Iterable[int], threshold: int
) -> tuple[int, float | None, int | None, int | None, int]:
    """(how many, median, lowest, highest, how many above the threshold)."""
    import statistics  # here, so the command line's parser stays light

    values = sorted(caseloads)
    if not values:
        return 0, None, None, None, 0
    return (
        len(values),
        float(statistics.median(values)),
        values[0],
        values[-1],
        sum(1 for v in values if v > threshold),
    )
