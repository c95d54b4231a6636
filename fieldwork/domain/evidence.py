"""Evidence: activities, notes and their tags, lines of enquiry and provisional judgements."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, get_args

from fieldwork.domain.ids import ActivityId, CaseId, EnquiryId, NoteId, PractitionerId

ActivityKind = Literal[
    "sitting-alongside",
    "record-review",
    "observation",
    "meeting-leaders",
    "meeting-managers",
    "meeting-partners",
    "conversation-child-family",
    "focus-group",
    "data-review",
    "team-meeting",
]
ACTIVITY_KINDS: tuple[str, ...] = get_args(ActivityKind)
Evaluation = Literal["strength", "area-for-improvement", "serious-weakness", "context"]
EVALUATIONS: tuple[str, ...] = get_args(Evaluation)
Source = Literal["observed", "seen-on-record", "practitioner", "child-or-family", "partner", "data"]
SOURCES: tuple[str, ...] = get_args(Source)
EnquiryStatus = Literal["open", "partly-answered", "answered"]
ENQUIRY_STATUSES: tuple[str, ...] = get_args(EnquiryStatus)
MAX_NOTE_CHARS = 1_000_000  # a note larger than this is refused with a message, not saved


@dataclass(frozen=True, slots=True)
class Activity:
    id: ActivityId
    kind: ActivityKind
    title: str
    started_at: datetime  # aware UTC
    ended_at: datetime | None = None
    case_ids: tuple[CaseId, ...] = ()
    practitioner_ids: tuple[PractitionerId, ...] = ()


@dataclass(frozen=True, slots=True)
class Tag:
    criterion_id: str
    evaluation: Evaluation
    source: Source | None = None
    grade_leaning: str | None = None  # a grade id of the notebook's framework
    corroborated: bool = False
    escalate: bool = False  # "escalate now": a child found at risk, referred back at once


@dataclass(frozen=True, slots=True)
class NoteDraft:
    """What the editor hands to `save_note`: a new note (no revision) or an edit of one."""

    id: NoteId
    text: str
    activity_id: ActivityId | None = None
    case_ids: tuple[CaseId, ...] = ()
    tags: tuple[Tag, ...] = ()
    author: str = ""
    reviewed: bool = False
    created_at: datetime | None = None  # None: now

    @classmethod
    def of(cls, note: Note, text: str | None = None) -> NoteDraft:
        """An edit of a saved note, keeping everything but (optionally) its text."""
        return cls(
            id=note.id,
            text=note.text if text is None else text,
            activity_id=note.activity_id,
            case_ids=note.case_ids,
            tags=note.tags,
            author=note.author,
            reviewed=note.reviewed,
            created_at=note.created_at,
        )


@dataclass(frozen=True, slots=True)
class Note:
    id: NoteId
    text: str
    created_at: datetime
    edited_at: datetime
    author: str
    activity_id: ActivityId | None
    case_ids: tuple[CaseId, ...]
    tags: tuple[Tag, ...]
    revision: int
    reviewed: bool = False


@dataclass(frozen=True, slots=True)
class SavedNote:
    id: NoteId
    revision: int
    edited_at: datetime


@dataclass(frozen=True, slots=True)
class Enquiry:
    """A key line of enquiry: a question the inspection must answer, and the notes that do."""

    id: EnquiryId
    question: str
    status: EnquiryStatus = "open"
    judgement_id: str | None = None
    answer_note_ids: tuple[NoteId, ...] = ()


@dataclass(frozen=True, slots=True)
class ProvisionalJudgement:
    judgement_id: str
    grade: str | None = None
    rationale: str = ""
    supporting_note_ids: tuple[NoteId, ...] = field(default=())
