"""ORM models of the notebook's tables; they never leave fieldwork.store."""

from fieldwork.store.models.base import Base
from fieldwork.store.models.evidence import (
    ActivityRow,
    DraftRow,
    EnquiryRow,
    JudgementRow,
    NoteRow,
    TagRow,
    activity_cases,
    activity_practitioners,
    enquiry_answers,
    judgement_support,
    note_cases,
)
from fieldwork.store.models.history import HistoryRow
from fieldwork.store.models.inspection import InspectionRow, MetaRow
from fieldwork.store.models.people import CaseRow, PractitionerRow

__all__ = [
    "ActivityRow",
    "Base",
    "CaseRow",
    "DraftRow",
    "EnquiryRow",
    "HistoryRow",
    "InspectionRow",
    "JudgementRow",
    "MetaRow",
    "NoteRow",
    "PractitionerRow",
    "TagRow",
    "activity_cases",
    "activity_practitioners",
    "enquiry_answers",
    "judgement_support",
    "note_cases",
]
