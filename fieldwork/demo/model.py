"""The synthetic demo inspection as one frozen value: inspection, people, cases and evidence."""

from __future__ import annotations

from dataclasses import dataclass

from fieldwork.domain.evidence import Activity, Enquiry, NoteDraft, ProvisionalJudgement
from fieldwork.domain.inspection import Inspection
from fieldwork.domain.people import Case, Practitioner


@dataclass(frozen=True, slots=True)
class DemoInspection:
    """One team inspector's notebook for a fictional authority, ready to be written to a store."""

    inspection: Inspection
    practitioners: tuple[Practitioner, ...]
    cases: tuple[Case, ...]
    activities: tuple[Activity, ...]  # in time order
    notes: tuple[NoteDraft, ...]  # in time order; each inside its activity's window
    enquiries: tuple[Enquiry, ...]
    judgements: tuple[ProvisionalJudgement, ...]  # one per judgement, in the framework's order
