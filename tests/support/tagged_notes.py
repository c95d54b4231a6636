"""Tagged notes that give a notebook's learning a little of everything (suggestion tests)."""

from __future__ import annotations

BACKGROUND = (
    ("Caseloads in the assessment team are high.", "lead.workforce.stability-caseloads"),
    ("Strategy discussion held late without police.", "hp.protection.strategy-enquiries"),
    ("Personal adviser keeps in touch every fortnight.", "cl.relationships.pa-contact"),
    ("Supervision records show no reflection.", "lead.workforce.supervision-oversight"),
    ("Return home conversations offered after each episode.", "hp.risk.exploitation-missing"),
    ("Health assessments completed late for most children.", "cic.wellbeing.health"),
)
