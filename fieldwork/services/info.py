"""A summary of an open notebook: its inspection, what it holds and its evidence fingerprint."""

from __future__ import annotations

from dataclasses import dataclass

from fieldwork.domain.inspection import Inspection
from fieldwork.services.notebook import Notebook
from fieldwork.services.opening import is_remembered
from fieldwork.services.verification import evidence_fingerprint


@dataclass(frozen=True, slots=True)
class NotebookInfo:
    notebook_id: str
    inspection: Inspection
    framework_title: str
    notes: int
    tags: int
    cases: int
    practitioners: int
    activities: int
    enquiries: int
    fingerprint: str
    remembered_here: bool
    recovered_after_crash: bool


def notebook_info(notebook: Notebook) -> NotebookInfo:
    with notebook.unit_of_work(read_only=True) as uow:
        inspection = uow.inspection.get()
        counts = uow.inspection.counts()
        cases = len(uow.people.cases())
        people = len(uow.people.practitioners())
        activities = len(uow.activities.all())
        enquiries = len(uow.judging.enquiries())
    assert inspection is not None  # checked when the notebook was opened
    return NotebookInfo(
        notebook_id=notebook.notebook_id,
        inspection=inspection,
        framework_title=notebook.framework.title,
        notes=counts["notes"],
        tags=counts["tags"],
        cases=cases,
        practitioners=people,
        activities=activities,
        enquiries=enquiries,
        fingerprint=evidence_fingerprint(notebook)[0],
        remembered_here=is_remembered(notebook),
        recovered_after_crash=notebook.recovered_after_crash,
    )
