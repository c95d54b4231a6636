"""The state recorded in history for each kind of evidence, built the same way when saving and verifying."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldwork.store.history_chain import history_time
from fieldwork.store.models import (
    ActivityRow,
    CaseRow,
    EnquiryRow,
    JudgementRow,
    NoteRow,
    PractitionerRow,
    TagRow,
    activity_cases,
    activity_practitioners,
    enquiry_answers,
    judgement_support,
    note_cases,
)


class _NoteFields(Protocol):
    @property
    def text(self) -> str: ...

    @property
    def created_at(self) -> datetime: ...

    @property
    def edited_at(self) -> datetime: ...

    @property
    def author(self) -> str: ...

    @property
    def activity_id(self) -> str | None: ...

    @property
    def revision(self) -> int: ...

    @property
    def reviewed(self) -> bool: ...


class _TagFields(Protocol):
    @property
    def criterion_id(self) -> str: ...

    @property
    def evaluation(self) -> str: ...

    @property
    def source(self) -> str | None: ...

    @property
    def grade_leaning(self) -> str | None: ...

    @property
    def corroborated(self) -> bool: ...

    @property
    def escalate(self) -> bool: ...


def note_state(row: NoteRow, case_ids: Sequence[str]) -> dict[str, Any]:
    tags: list[TagRow] = sorted(row.tags, key=lambda t: t.position)
    return note_state_of(row, case_ids, tags)


def note_state_of(
    note: _NoteFields, case_ids: Sequence[str], tags: Sequence[_TagFields]
) -> dict[str, Any]:
    """A note's recorded state, from a row or from plain values (bulk imports)."""
    # The text's hash, not the text: history must prove what a note said without keeping words
    # that were deleted or replaced (a name the privacy guard caught, a note deleted in error).
    return {
        "text_sha256": hashlib.sha256(note.text.encode("utf-8", "surrogatepass")).hexdigest(),
        "created_at": history_time(note.created_at),
        "edited_at": history_time(note.edited_at),
        "author": note.author,
        "activity_id": note.activity_id,
        "case_ids": sorted(case_ids),
        "revision": note.revision,
        "reviewed": note.reviewed,
        "tags": [
            {
                "criterion_id": t.criterion_id,
                "evaluation": t.evaluation,
                "source": t.source,
                "grade_leaning": t.grade_leaning,
                "corroborated": t.corroborated,
                "escalate": t.escalate,
            }
            for t in tags
        ],
    }


def case_state(row: CaseRow) -> dict[str, Any]:
    return {
        "reference": row.reference,
        "age_band": row.age_band,
        "legal_status": row.legal_status,
        "team": row.team,
        "practitioner_id": row.practitioner_id,
        "detail": row.detail,
    }


def practitioner_state(row: PractitionerRow) -> dict[str, Any]:
    return {
        "pseudonym": row.pseudonym,
        "role": row.role,
        "team": row.team,
        "caseload": row.caseload,
        "agency": row.agency,
        "months_in_post": row.months_in_post,
    }


def activity_state(
    row: ActivityRow, case_ids: Sequence[str], practitioner_ids: Sequence[str]
) -> dict[str, Any]:
    return {
        "kind": row.kind,
        "title": row.title,
        "started_at": history_time(row.started_at),
        "ended_at": history_time(row.ended_at) if row.ended_at else None,
        "case_ids": sorted(case_ids),
        "practitioner_ids": sorted(practitioner_ids),
    }


def enquiry_state(row: EnquiryRow, note_ids: Sequence[str]) -> dict[str, Any]:
    return {
        "question": row.question,
        "status": row.status,
        "judgement_id": row.judgement_id,
        "answer_note_ids": sorted(note_ids),
    }


def judgement_state(row: JudgementRow, note_ids: Sequence[str]) -> dict[str, Any]:
    return {"grade": row.grade, "rationale": row.rationale, "supporting_note_ids": sorted(note_ids)}


def _links(session: Session, table: Any, key: str, value: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for owner, item in session.execute(select(table.c[key], table.c[value])):
        found.setdefault(str(owner), []).append(str(item))
    return found


def current_states(session: Session) -> Iterator[tuple[tuple[str, str], dict[str, Any]]]:
    """Every evidence row as history would record it now, for `verify`."""
    note_links = _links(session, note_cases, "note_rowid", "case_id")
    for row in session.scalars(select(NoteRow)):
        yield ("note", row.id), note_state(row, note_links.get(str(row.rowid), []))
    for case in session.scalars(select(CaseRow)):
        yield ("case", case.id), case_state(case)
    for person in session.scalars(select(PractitionerRow)):
        yield ("practitioner", person.id), practitioner_state(person)
    cases = _links(session, activity_cases, "activity_id", "case_id")
    people = _links(session, activity_practitioners, "activity_id", "practitioner_id")
    for activity in session.scalars(select(ActivityRow)):
        yield (
            ("activity", activity.id),
            activity_state(activity, cases.get(activity.id, []), people.get(activity.id, [])),
        )
    answers = _links(session, enquiry_answers, "enquiry_id", "note_id")
    for enquiry in session.scalars(select(EnquiryRow)):
        yield ("enquiry", enquiry.id), enquiry_state(enquiry, answers.get(enquiry.id, []))
    support = _links(session, judgement_support, "judgement_id", "note_id")
    for judgement in session.scalars(select(JudgementRow)):
        yield (
            ("judgement", judgement.judgement_id),
            judgement_state(judgement, support.get(judgement.judgement_id, [])),
        )
