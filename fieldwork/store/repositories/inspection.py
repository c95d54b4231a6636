"""The notebook's inspection record and its key/value facts (notebook id, creation time)."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldwork.domain.inspection import Inspection
from fieldwork.store.models import InspectionRow, MetaRow, NoteRow, TagRow


class InspectionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def save(self, inspection: Inspection) -> dict[str, Any]:
        row = self.session.get(InspectionRow, 1)
        if row is None:
            row = InspectionRow(id=1)
            self.session.add(row)
        row.authority = inspection.authority
        row.inspection_type = inspection.inspection_type
        row.start_date = inspection.start_date
        row.end_date = inspection.end_date
        row.framework_id = inspection.framework_id
        row.inspector = inspection.inspector
        row.lead_inspector = inspection.lead_inspector
        self.session.flush()
        return {
            "authority": row.authority,
            "inspection_type": row.inspection_type,
            "start_date": row.start_date.isoformat(),
            "end_date": row.end_date.isoformat(),
            "framework_id": row.framework_id,
            "inspector": row.inspector,
            "lead_inspector": row.lead_inspector,
        }

    def get(self) -> Inspection | None:
        row = self.session.get(InspectionRow, 1)
        if row is None:
            return None
        return Inspection(
            row.authority,
            cast(Any, row.inspection_type),
            row.start_date,
            row.end_date,
            row.framework_id,
            row.inspector,
            row.lead_inspector,
        )

    def set_meta(self, key: str, value: str) -> None:
        row = self.session.get(MetaRow, key)
        if row is None:
            self.session.add(MetaRow(key=key, value=value))
        else:
            row.value = value

    def meta(self, key: str) -> str | None:
        row = self.session.get(MetaRow, key)
        return None if row is None else row.value

    def counts(self) -> dict[str, int]:
        notes = int(self.session.scalar(select(func.count()).select_from(NoteRow)) or 0)
        tags = int(self.session.scalar(select(func.count()).select_from(TagRow)) or 0)
        return {"notes": notes, "tags": tags}

    def tag_counts(self) -> list[tuple[str, str, int, int]]:
        """(criterion id, evaluation, tags, escalations) over every note."""
        rows = self.session.execute(
            select(
                TagRow.criterion_id, TagRow.evaluation, func.count(), func.sum(TagRow.escalate)
            ).group_by(TagRow.criterion_id, TagRow.evaluation)
        )
        return [(str(c), str(e), int(n), int(x or 0)) for c, e, n, x in rows]
