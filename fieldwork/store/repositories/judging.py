"""Key lines of enquiry and provisional judgements."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from fieldwork.domain.evidence import Enquiry, ProvisionalJudgement
from fieldwork.domain.ids import EnquiryId, NoteId
from fieldwork.store.history_states import enquiry_state, judgement_state
from fieldwork.store.models import EnquiryRow, JudgementRow, enquiry_answers, judgement_support


class JudgingRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def save_enquiry(
        self, enquiry: Enquiry, position: int | None = None
    ) -> tuple[str, dict[str, Any]]:
        row = self.session.get(EnquiryRow, enquiry.id)
        op = "edit" if row else "create"
        if row is None:
            count = len(self.session.scalars(select(EnquiryRow.id)).all())
            row = EnquiryRow(id=enquiry.id, position=count if position is None else position)
            self.session.add(row)
        row.question = enquiry.question
        row.status = enquiry.status
        row.judgement_id = enquiry.judgement_id
        self.session.flush()
        notes = list(dict.fromkeys(enquiry.answer_note_ids))
        self.session.execute(delete(enquiry_answers).where(enquiry_answers.c.enquiry_id == row.id))
        if notes:
            self.session.execute(
                insert(enquiry_answers), [{"enquiry_id": row.id, "note_id": n} for n in notes]
            )
        return op, enquiry_state(row, notes)

    def enquiries(self) -> list[Enquiry]:
        answers: dict[str, list[str]] = {}
        for e, n in self.session.execute(
            select(enquiry_answers.c.enquiry_id, enquiry_answers.c.note_id)
        ):
            answers.setdefault(e, []).append(n)
        return [
            Enquiry(
                EnquiryId(r.id),
                r.question,
                cast(Any, r.status),
                r.judgement_id,
                tuple(NoteId(n) for n in answers.get(r.id, [])),
            )
            for r in self.session.scalars(select(EnquiryRow).order_by(EnquiryRow.position))
        ]

    def save_judgement(self, judgement: ProvisionalJudgement) -> tuple[str, dict[str, Any]]:
        row = self.session.get(JudgementRow, judgement.judgement_id)
        op = "edit" if row else "create"
        if row is None:
            row = JudgementRow(judgement_id=judgement.judgement_id)
            self.session.add(row)
        row.grade = judgement.grade
        row.rationale = judgement.rationale
        self.session.flush()
        notes = list(dict.fromkeys(judgement.supporting_note_ids))
        self.session.execute(
            delete(judgement_support).where(judgement_support.c.judgement_id == row.judgement_id)
        )
        if notes:
            self.session.execute(
                insert(judgement_support),
                [{"judgement_id": row.judgement_id, "note_id": n} for n in notes],
            )
        return op, judgement_state(row, notes)

    def judgements(self) -> list[ProvisionalJudgement]:
        support: dict[str, list[str]] = {}
        for j, n in self.session.execute(
            select(judgement_support.c.judgement_id, judgement_support.c.note_id)
        ):
            support.setdefault(j, []).append(n)
        return [
            ProvisionalJudgement(
                r.judgement_id,
                r.grade,
                r.rationale,
                tuple(NoteId(n) for n in support.get(r.judgement_id, [])),
            )
            for r in self.session.scalars(select(JudgementRow))
        ]
