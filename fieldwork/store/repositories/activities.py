"""Activities: what evidence came from (sitting alongside, record review, meetings, ...)."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from fieldwork.domain.evidence import Activity
from fieldwork.domain.ids import ActivityId, CaseId, PractitionerId
from fieldwork.store.history_states import activity_state
from fieldwork.store.models import ActivityRow, activity_cases, activity_practitioners


class ActivityRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def save(self, activity: Activity) -> tuple[str, dict[str, Any]]:
        row = self.session.get(ActivityRow, activity.id)
        op = "edit" if row else "create"
        if row is None:
            row = ActivityRow(id=activity.id)
            self.session.add(row)
        row.kind = activity.kind
        row.title = activity.title
        row.started_at = activity.started_at
        row.ended_at = activity.ended_at
        self.session.flush()
        cases = list(dict.fromkeys(activity.case_ids))
        people = list(dict.fromkeys(activity.practitioner_ids))
        self.session.execute(delete(activity_cases).where(activity_cases.c.activity_id == row.id))
        self.session.execute(
            delete(activity_practitioners).where(activity_practitioners.c.activity_id == row.id)
        )
        if cases:
            self.session.execute(
                insert(activity_cases), [{"activity_id": row.id, "case_id": c} for c in cases]
            )
        if people:
            self.session.execute(
                insert(activity_practitioners),
                [{"activity_id": row.id, "practitioner_id": p} for p in people],
            )
        return op, activity_state(row, cases, people)

    def all(self) -> list[Activity]:
        cases: dict[str, list[str]] = {}
        for a, c in self.session.execute(
            select(activity_cases.c.activity_id, activity_cases.c.case_id)
        ):
            cases.setdefault(a, []).append(c)
        people: dict[str, list[str]] = {}
        for a, p in self.session.execute(
            select(activity_practitioners.c.activity_id, activity_practitioners.c.practitioner_id)
        ):
            people.setdefault(a, []).append(p)
        return [
            Activity(
                ActivityId(r.id),
                cast(Any, r.kind),
                r.title,
                r.started_at,
                r.ended_at,
                tuple(CaseId(c) for c in cases.get(r.id, [])),
                tuple(PractitionerId(p) for p in people.get(r.id, [])),
            )
            for r in self.session.scalars(select(ActivityRow).order_by(ActivityRow.started_at))
        ]
