"""Cases and practitioners: add, change, list."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldwork.domain.ids import CaseId, PractitionerId
from fieldwork.domain.people import Case, Practitioner
from fieldwork.store.history_states import case_state, practitioner_state
from fieldwork.store.models import CaseRow, PractitionerRow


class PeopleRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def save_case(self, case: Case) -> tuple[str, dict[str, Any]]:
        row = self.session.get(CaseRow, case.id)
        op = "edit" if row else "create"
        if row is None:
            row = CaseRow(id=case.id)
            self.session.add(row)
        row.reference = case.reference
        row.age_band = case.age_band
        row.legal_status = case.legal_status
        row.team = case.team
        row.practitioner_id = case.practitioner_id
        row.detail = case.detail
        self.session.flush()
        return op, case_state(row)

    def save_practitioner(self, person: Practitioner) -> tuple[str, dict[str, Any]]:
        row = self.session.get(PractitionerRow, person.id)
        op = "edit" if row else "create"
        if row is None:
            row = PractitionerRow(id=person.id)
            self.session.add(row)
        row.pseudonym = person.pseudonym
        row.role = person.role
        row.team = person.team
        row.caseload = person.caseload
        row.agency = person.agency
        row.months_in_post = person.months_in_post
        self.session.flush()
        return op, practitioner_state(row)

    def cases(self) -> list[Case]:
        rows = self.session.scalars(select(CaseRow).order_by(CaseRow.reference))
        return [
            Case(
                CaseId(r.id),
                r.reference,
                cast(Any, r.age_band),
                cast(Any, r.legal_status),
                r.team,
                PractitionerId(r.practitioner_id) if r.practitioner_id else None,
                r.detail,
            )
            for r in rows
        ]

    def practitioners(self) -> list[Practitioner]:
        rows = self.session.scalars(select(PractitionerRow).order_by(PractitionerRow.pseudonym))
        return [
            Practitioner(
                PractitionerId(r.id),
                r.pseudonym,
                r.role,
                r.team,
                r.caseload,
                r.agency,
                r.months_in_post,
            )
            for r in rows
        ]

    def case_by_reference(self, reference: str) -> Case | None:
        found = [c for c in self.cases() if c.reference.casefold() == reference.casefold()]
        return found[0] if found else None
