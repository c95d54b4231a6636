"""Cases (anonymised children, by reference) and practitioners (pseudonymised workers)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from fieldwork.domain.ids import CaseId, PractitionerId

AgeBand = Literal["unborn", "0-1", "2-4", "5-9", "10-15", "16-17", "18-20", "21-25"]
AGE_BANDS: tuple[str, ...] = get_args(AgeBand)
LegalStatus = Literal[
    "early-help",
    "child-in-need",
    "child-protection-plan",
    "privately-fostered",
    "child-in-care",
    "care-leaver",
    "other",
]
LEGAL_STATUSES: tuple[str, ...] = get_args(LegalStatus)


@dataclass(frozen=True, slots=True)
class Case:
    id: CaseId
    reference: str  # e.g. "C-014"; never a name
    age_band: AgeBand | None = None
    legal_status: LegalStatus | None = None
    team: str = ""
    practitioner_id: PractitionerId | None = None
    detail: str = ""  # e.g. "care order; living in an unregistered setting"


@dataclass(frozen=True, slots=True)
class Practitioner:
    id: PractitionerId
    pseudonym: str  # e.g. "P07"; never a name
    role: str = ""
    team: str = ""
    caseload: int | None = None
    agency: bool = False
    months_in_post: int | None = None
