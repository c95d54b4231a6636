"""The fictional authority's setting: staff roster, case sample, activity plans, KLOEs, weights."""

from __future__ import annotations

from typing import NamedTuple

AUTHORITY = "Westmere Borough Council (fictional)"
INSPECTOR = "Team inspector 2"
LEAD_INSPECTOR = "Lead inspector"


class RosterRow(NamedTuple):
    role: str
    team: str
    caseload: int
    agency: bool = False


class CaseRow(NamedTuple):
    status: str
    team: str
    age_band: str
    detail: str
    special: tuple[str, ...] = ()  # criteria this child's story speaks to most


class PlanRow(NamedTuple):
    kind: str
    title: str  # "{ref}" is the linked case's reference
    focus: tuple[str, ...]  # criterion id prefixes; "" matches every criterion
    case_hint: tuple[str, str] | None = None  # (legal status, words in the case detail)
    people: tuple[str, ...] = ()  # pseudonyms; "case" is the linked case's worker
    days: tuple[int, int] = (0, 9)  # working days (0-based) it is likely to fall on
    case_scope: bool = False  # notes are about the linked child rather than the service
    family: str = ""  # whom the inspector spoke to, for conversations and groups
    sources: tuple[tuple[str, int], ...] = ()  # overrides the kind's usual source mix
    partners: tuple[str, ...] = ()  # partner agencies present, for notes about the service


# The tables below are kept one row to a line.
# fmt: off

# Section 8.2: 20 practitioners, pseudonyms P01..P20 in this order. Caseloads are fixed so that
# the median is about 18, three or four sit above 25 and the range is about 10 to 34.
ROSTER: tuple[RosterRow, ...] = (
    RosterRow("senior practitioner", "FD", 12),
    RosterRow("social worker", "FD", 14),
    RosterRow("social worker", "AST", 24),
    RosterRow("social worker", "AST", 26, agency=True),
    RosterRow("newly qualified social worker (ASYE)", "AST", 12),
    RosterRow("social worker", "FH", 19),
    RosterRow("social worker", "FH", 22),
    RosterRow("social worker", "FH", 33, agency=True),
    RosterRow("family help practitioner", "FH", 16),
    RosterRow("social worker", "CWD", 17),
    RosterRow("social worker", "CWD", 20),
    RosterRow("social worker", "ADO", 15),
    RosterRow("youth practitioner", "ADO", 11),
    RosterRow("social worker", "CIC", 18),
    RosterRow("social worker", "CIC", 16),
    RosterRow("social worker", "CIC", 19, agency=True),
    RosterRow("personal adviser", "CL", 28),
    RosterRow("personal adviser", "CL", 23),
    RosterRow("supervising social worker", "FOS", 14),
    RosterRow("independent reviewing officer", "IRO", 62),
)
PERMANENT_MONTHS = (6, 9, 14, 18, 22, 26, 28, 30, 31, 34, 41, 48, 60, 72, 96, 120)
AGENCY_MONTHS = (1, 3, 4, 5, 6, 9, 18)
ASYE_MONTHS = (3, 5, 7, 9, 11)

# Section 8.3: 40 cases; the seed decides which reference (C-001..C-040) each row gets.
CASE_ROWS: tuple[CaseRow, ...] = (
    CaseRow("early-help", "FH", "2-4", "early help plan; parenting support through the family hub",
            ("hp.early-help.offer", "hp.early-help.family-help")),
    CaseRow("early-help", "FH", "5-9", "early help plan; school attendance and routines",
            ("hp.early-help.offer", "hp.groups.education-safeguarding")),
    CaseRow("early-help", "FH", "10-15", "early help plan; stepped down from child in need",
            ("hp.early-help.step-up-down", "hp.early-help.family-help")),
    CaseRow("child-in-need", "CWD", "5-9", "disabled child; short breaks and communication needs",
            ("hp.groups.disabled-children",)),
    CaseRow("child-in-need", "CWD", "10-15", "disabled child; transition planning begun",
            ("hp.groups.disabled-children",)),
    CaseRow("child-in-need", "FH", "10-15", "young carer for a parent with a long-term illness",
            ("hp.groups.young-carers",)),
    CaseRow("child-in-need", "AST", "16-17", "homeless 16/17-year-old; joint housing assessment",
            ("hp.groups.homeless-16-17",)),
    CaseRow("child-in-need", "AST", "5-9", "new assessment after a school referral",
            ("hp.practice.assessment", "hp.front-door.timely-response")),
    CaseRow("child-in-need", "FH", "5-9", "child in need plan; parental mental health",
            ("hp.risk.abuse-neglect", "hp.practice.plans-review")),
    CaseRow("child-in-need", "FH", "10-15", "child in need plan; stepped down from protection",
            ("hp.early-help.step-up-down", "hp.practice.plans-review")),
    CaseRow("child-in-need", "AST", "10-15", "missing from school and going missing from home",
            ("hp.risk.exploitation-missing", "hp.groups.education-safeguarding")),
    CaseRow("child-protection-plan", "FH", "unborn", "pre-birth plan; pre-proceedings",
            ("hp.practice.pre-proceedings", "hp.protection.conferences-plans")),
    CaseRow("child-protection-plan", "FH", "0-1", "neglect; pre-proceedings",
            ("hp.practice.pre-proceedings", "hp.risk.abuse-neglect")),
    CaseRow("child-protection-plan", "FH", "2-4", "domestic abuse; plan for over a year",
            ("hp.risk.abuse-neglect", "hp.protection.conferences-plans")),
    CaseRow("child-protection-plan", "FH", "5-9", "domestic abuse; recent strategy discussion",
            ("hp.protection.strategy-enquiries",)),
    CaseRow("child-protection-plan", "FH", "5-9", "neglect; family network involved",
            ("hp.practice.family-network",)),
    CaseRow("child-protection-plan", "FH", "10-15", "parental substance misuse",
            ("hp.risk.abuse-neglect",)),
    CaseRow("child-protection-plan", "ADO", "10-15", "criminal exploitation; going missing",
            ("hp.risk.exploitation-missing",)),
    CaseRow("child-protection-plan", "ADO", "10-15", "risk of sexual exploitation; online harm",
            ("hp.risk.exploitation-missing",)),
    CaseRow("child-protection-plan", "FH", "2-4", "neglect; second plan",
            ("hp.protection.conferences-plans",)),
    CaseRow("privately-fostered", "AST", "10-15", "private fostering arrangement with a family friend",
            ("hp.groups.private-fostering",)),
    CaseRow("child-in-care", "CIC", "10-15", "care order; living in an unregistered setting",
            ("cic.homes.unregistered-distance",)),
    CaseRow("child-in-care", "CIC", "5-9", "care order; placed with parents",
            ("cic.permanence.reunification",)),
    CaseRow("child-in-care", "CIC", "10-15", "care order; long-term foster home",
            ("cic.permanence.planning", "cic.homes.stability-matching")),
    CaseRow("child-in-care", "CIC", "5-9", "care order; living with connected carers",
            ("cic.permanence.kinship-sgo",)),
    CaseRow("child-in-care", "CIC", "10-15", "care order; several moves this year",
            ("cic.homes.stability-matching",)),
    CaseRow("child-in-care", "CIC", "16-17", "care order; children's home out of area",
            ("cic.homes.unregistered-distance", "cic.wellbeing.safety")),
    CaseRow("child-in-care", "ADO", "16-17", "care order; going missing from care",
            ("cic.wellbeing.safety",)),
    CaseRow("child-in-care", "CWD", "10-15", "care order; disabled child at a residential school",
            ("cic.wellbeing.health", "cic.wellbeing.education")),
    CaseRow("child-in-care", "CIC", "5-9", "care order; living with brothers and sisters",
            ("cic.practice.family-time",)),
    CaseRow("child-in-care", "CIC", "5-9", "interim care order; care proceedings under way",
            ("cic.entry.decisions",)),
    CaseRow("child-in-care", "CIC", "16-17", "section 20; unaccompanied asylum-seeking child",
            ("cic.groups.uasc",)),
    CaseRow("child-in-care", "CIC", "10-15", "section 20; short-term foster home",
            ("cic.entry.decisions",)),
    CaseRow("child-in-care", "CIC", "0-1", "placement order; early permanence placement",
            ("cic.permanence.adoption",)),
    CaseRow("care-leaver", "CL", "16-17", "eligible; still in care, pathway plan begun",
            ("cl.planning.pathway-plans", "cl.planning.preparation-transition")),
    CaseRow("care-leaver", "CL", "18-20", "former relevant; in custody", ("cl.groups.custody",)),
    CaseRow("care-leaver", "CL", "18-20", "former relevant; young parent", ("cl.groups.parents",)),
    CaseRow("care-leaver", "CL", "21-25", "former relevant; aged 22", ("cl.groups.over-21",)),
    CaseRow("care-leaver", "CL", "18-20", "former relevant; formerly unaccompanied",
            ("cl.groups.former-uasc",)),
    CaseRow("care-leaver", "CL", "18-20", "former relevant; at college, staying put",
            ("cl.outcomes.eet", "cl.outcomes.accommodation")),
)

# Which practitioners hold each team's cases (round robin); early help sits with P09.
CASE_HOLDERS = {
    "AST": ("P03", "P04", "P05"), "FH": ("P06", "P07", "P08"), "CWD": ("P10", "P11"),
    "ADO": ("P12",), "CIC": ("P14", "P15", "P16"), "CL": ("P17", "P18"),
}
EARLY_HELP_HOLDER = "P09"

# What a child's story usually gives evidence on, by legal status (criterion id prefixes).
CASE_FOCUS: dict[str, tuple[str, ...]] = {
    "early-help": ("hp.early-help.offer", "hp.practice.direct-work", "hp.practice.family-network",
                   "hp.risk.abuse-neglect"),
    "child-in-need": ("hp.practice.assessment", "hp.practice.plans-review",
                      "hp.practice.direct-work", "hp.practice.family-network",
                      "hp.early-help.step-up-down", "hp.risk", "hp.front-door.timely-response",
                      "hp.front-door.thresholds"),
    "child-protection-plan": ("hp.protection", "hp.practice", "hp.risk.abuse-neglect",
                              "hp.front-door.timely-response", "hp.front-door.out-of-hours"),
    "privately-fostered": ("hp.practice.assessment", "hp.practice.direct-work"),
    "child-in-care": ("cic.permanence.planning", "cic.homes.stability-matching",
                      "cic.homes.carers-support", "cic.practice", "cic.wellbeing.health",
                      "cic.wellbeing.education", "cic.wellbeing.opportunities"),
    "care-leaver": ("cl.relationships.pa-contact", "cl.planning", "cl.outcomes"),
}
# Every case's notes may also speak to management oversight (a cross-cutting leaders' criterion).
CROSS_CUTTING = ("lead.workforce.supervision-oversight",)
# Serious weaknesses that mean a child is unprotected now, and so may be escalated at once.
ESCALATION_PREFIXES = ("hp.front-door", "hp.protection", "hp.practice", "hp.risk", "hp.groups",
                       "cic.wellbeing.safety", "cic.homes", "cl.outcomes.safety", "ch.protect")
# Criteria whose wording assumes a child old enough to talk, play or go to school.
NOT_FOR_YOUNG_CHILDREN = frozenset({
    "hp.practice.direct-work", "hp.risk.exploitation-missing", "hp.groups.education-safeguarding",
    "hp.early-help.step-up-down", "cic.practice.voice-advocacy",
    "cic.practice.relationships-visits", "cic.practice.identity-life-story",
    "cic.wellbeing.education", "cic.wellbeing.safety", "cic.wellbeing.opportunities",
})
YOUNG_AGE_BANDS = frozenset({"unborn", "0-1", "2-4"})

# Section 8.4: twenty sitting-alongside sessions (help and protection first) and eight record
# reviews; the other activities follow as plans.
SITTING_ALONGSIDE = ("P03", "P04", "P05", "P06", "P06", "P07", "P07", "P08", "P08", "P09",
                     "P10", "P11", "P12", "P12", "P14", "P15", "P16", "P17", "P18", "P03")
RECORD_REVIEW_STATUSES = ("child-protection-plan", "child-protection-plan", "child-in-need",
                          "child-in-need", "early-help", "child-protection-plan",
                          "child-in-care", "care-leaver")
PLANS: tuple[PlanRow, ...] = (
    PlanRow("observation", "Observation: MASH screening meeting", ("hp.front-door",),
            people=("P01", "P02"), days=(0, 3),
            partners=("the police officer in the MASH", "the MASH health practitioner")),
    PlanRow("observation", "Observation: strategy discussion for {ref}",
            ("hp.protection.strategy-enquiries", "hp.risk", "hp.front-door.timely-response"),
            ("child-protection-plan", "recent strategy"), ("case",), (1, 8), case_scope=True),
    PlanRow("observation", "Observation: initial child protection conference for {ref}",
            ("hp.protection.conferences-plans", "hp.practice.family-network",
             "hp.practice.assessment"),
            ("child-protection-plan", "family network"), ("case", "P20"), (1, 8),
            case_scope=True),
    PlanRow("observation", "Observation: child in care review for {ref}, chaired by P20",
            ("cic.practice.iro-reviews", "cic.practice.voice-advocacy", "cic.permanence.planning"),
            ("child-in-care", "long-term"), ("case", "P20"), (2, 9), case_scope=True),
    PlanRow("observation", "Observation: permanence panel", ("cic.permanence",),
            ("child-in-care", "placement order"), ("P19",), (2, 9),
            partners=("the panel's medical adviser", "the regional adoption agency")),
    PlanRow("meeting-managers", "Meeting with front door and assessment team managers",
            ("hp.front-door", "hp.early-help.step-up-down", "hp.practice.assessment",
             "lead.workforce.supervision-oversight"), days=(0, 4)),
    PlanRow("meeting-managers", "Meeting with family help team managers",
            ("hp.protection", "hp.practice", "hp.early-help", "hp.risk",
             "lead.workforce.supervision-oversight", "lead.workforce.stability-caseloads")),
    PlanRow("meeting-managers", "Meeting with the reviewing service manager",
            ("hp.protection.conferences-plans", "cic.practice.iro-reviews",
             "cic.permanence.planning")),
    PlanRow("meeting-managers", "Meeting with children in care and permanence team managers",
            ("cic", "lead.workforce.supervision-oversight")),
    PlanRow("meeting-managers", "Meeting with the leaving care team manager", ("cl",)),
    PlanRow("meeting-leaders", "Meeting with the director of children's services and lead member",
            ("lead.governance", "lead.knowledge.self-evaluation", "lead.reform", "oe"),
            days=(0, 0)),
    PlanRow("meeting-leaders", "Meeting with the head of service for help and protection",
            ("hp", "lead.knowledge"), days=(1, 6)),
    PlanRow("meeting-leaders", "Meeting with the principal social worker and workforce lead",
            ("lead.workforce", "lead.knowledge.learning", "lead.reform"), days=(2, 7)),
    PlanRow("meeting-leaders", "Meeting with the virtual school head and corporate parenting lead",
            ("cic.wellbeing", "lead.governance.corporate-parenting", "lead.governance.sufficiency",
             "cic.homes.unregistered-distance", "cl.outcomes.eet"), days=(3, 8)),
    PlanRow("meeting-partners", "Meeting with police and health safeguarding partners",
            ("hp.front-door", "hp.protection.strategy-enquiries", "hp.risk",
             "lead.governance.partnerships"),
            partners=("the police safeguarding lead", "the designated nurse",
                      "the designated doctor")),
    PlanRow("meeting-partners", "Meeting with school safeguarding leads and education welfare",
            ("hp.groups.education-safeguarding", "hp.early-help.offer", "hp.front-door.thresholds",
             "cic.wellbeing.education"),
            partners=("a primary head teacher", "a secondary safeguarding lead",
                      "the education welfare lead")),
    PlanRow("meeting-partners", "Meeting with the designated officer and housing leads",
            ("hp.groups.lado", "hp.groups.homeless-16-17", "cl.outcomes.accommodation",
             "lead.governance.partnerships"),
            partners=("the designated officer", "the housing options manager")),
    PlanRow("conversation-child-family", "Telephone conversation with a parent ({ref})",
            ("hp.protection.conferences-plans", "hp.practice.plans-review",
             "hp.practice.direct-work", "hp.practice.family-network"),
            ("child-protection-plan", "over a year"), ("case",), case_scope=True,
            family="the parent"),
    PlanRow("conversation-child-family", "Visit with consent: a foster carer ({ref})",
            ("cic.homes", "cic.practice.family-time", "cic.wellbeing.health",
             "cic.wellbeing.education"),
            ("child-in-care", "several moves"), ("case",), case_scope=True,
            family="the foster carer"),
    PlanRow("conversation-child-family", "Conversation with a young person ({ref})",
            ("hp.groups.homeless-16-17", "hp.practice.direct-work", "hp.practice.plans-review"),
            ("child-in-need", "homeless"), ("case",), case_scope=True, family="the young person"),
    PlanRow("conversation-child-family", "Conversation with a care leaver ({ref})",
            ("cl.relationships.pa-contact", "cl.planning", "cl.groups.parents",
             "cl.outcomes.accommodation"),
            ("care-leaver", "young parent"), ("case",), case_scope=True,
            family="the young person"),
    PlanRow("focus-group", "Focus group: frontline social workers",
            ("lead.workforce", "hp.practice", "lead.knowledge.learning"),
            people=("P03", "P06", "P07", "P10", "P14", "P15"), sources=(("practitioner", 1),)),
    PlanRow("focus-group", "Focus group: foster and kinship carers",
            ("cic.homes.carers-support", "cic.permanence.kinship-sgo", "cic.practice.family-time",
             "lead.governance.sufficiency"),
            people=("P19",), family="the carers",
            sources=(("child-or-family", 70), ("practitioner", 30))),
    PlanRow("focus-group", "Focus group: care leavers' forum",
            ("cl", "lead.governance.voice", "cic.practice.voice-advocacy"), family="forum members",
            sources=(("child-or-family", 80), ("practitioner", 20))),
    PlanRow("data-review", "Data review: front door and assessment performance",
            ("hp.front-door", "hp.practice.assessment", "hp.early-help",
             "lead.knowledge.quality-assurance"), days=(0, 2)),
    PlanRow("data-review", "Data review: the authority's own case audits",
            ("lead.knowledge", "hp.practice", "cic.practice.iro-reviews"), days=(0, 4)),
    PlanRow("data-review", "Data review: children in care and care leavers performance",
            ("cic", "cl", "lead.governance.sufficiency"), days=(1, 5)),
)
# End-of-day team meetings: (working day, title); findings from every judgement are discussed.
TEAM_MEETINGS = ((1, "End-of-day team meeting"), (3, "End-of-day team meeting"),
                 (4, "Mid-point review"), (6, "End-of-day team meeting"),
                 (8, "Final judgement meeting"))

# Section 8.4: notes per activity (low, high), minutes, and the usual sources behind the notes.
NOTES_PER_ACTIVITY = {
    "sitting-alongside": (12, 20), "record-review": (8, 12), "observation": (8, 12),
    "meeting-managers": (6, 10), "meeting-leaders": (6, 10), "meeting-partners": (4, 8),
    "conversation-child-family": (3, 6), "focus-group": (6, 10), "data-review": (5, 8),
    "team-meeting": (3, 6),
}
MINUTES = {
    "sitting-alongside": (90, 150), "record-review": (30, 60), "observation": (60, 110),
    "meeting-managers": (40, 60), "meeting-leaders": (45, 60), "meeting-partners": (40, 60),
    "conversation-child-family": (20, 45), "focus-group": (60, 90), "data-review": (40, 80),
    "team-meeting": (40, 40),
}
SOURCES_BY_KIND: dict[str, tuple[tuple[str, int], ...]] = {
    "sitting-alongside": (("seen-on-record", 46), ("practitioner", 29), ("observed", 18),
                          ("child-or-family", 3), ("partner", 4)),
    "record-review": (("seen-on-record", 85), ("data", 8), ("partner", 7)),
    "observation": (("observed", 72), ("partner", 28)),
    "meeting-managers": (("practitioner", 55), ("data", 25), ("seen-on-record", 20)),
    "meeting-leaders": (("practitioner", 60), ("data", 30), ("observed", 10)),
    "meeting-partners": (("partner", 1),),
    "conversation-child-family": (("child-or-family", 85), ("seen-on-record", 15)),
    "focus-group": (("practitioner", 1),),
    "data-review": (("data", 1),),
    "team-meeting": (("practitioner", 60), ("data", 40)),
}
# Who told the inspector, by activity kind, when a note is not about one worker's child.
TELLERS = {
    "meeting-managers": "the managers", "meeting-leaders": "leaders", "meeting-partners": "partners",
    "focus-group": "the group", "data-review": "the performance lead",
    "team-meeting": "a colleague inspector", "observation": "the chair",
}

# Section 4 "seen in" shares (per cent of the archive's sections in 2018, 2023, 2026 reports):
# criteria are weighted by them, so topics a version rarely reported stay rare in its demo.
SEEN_IN_VERSIONS = ("2018", "2023", "2026")
SEEN_IN: dict[str, tuple[int, int, int]] = {
    "hp.early-help.offer": (99, 97, 91), "hp.early-help.step-up-down": (52, 55, 36),
    "hp.early-help.family-help": (0, 13, 27), "hp.front-door.timely-response": (97, 97, 100),
    "hp.front-door.thresholds": (87, 76, 91), "hp.front-door.out-of-hours": (61, 85, 100),
    "hp.protection.strategy-enquiries": (97, 99, 100),
    "hp.protection.conferences-plans": (81, 78, 73), "hp.practice.assessment": (99, 100, 100),
    "hp.practice.plans-review": (92, 94, 100), "hp.practice.direct-work": (90, 90, 82),
    "hp.practice.family-network": (27, 58, 91), "hp.practice.pre-proceedings": (87, 97, 100),
    "hp.risk.abuse-neglect": (82, 89, 100), "hp.risk.exploitation-missing": (98, 97, 100),
    "hp.groups.disabled-children": (87, 97, 91), "hp.groups.young-carers": (2, 53, 91),
    "hp.groups.homeless-16-17": (76, 94, 100), "hp.groups.private-fostering": (66, 88, 91),
    "hp.groups.education-safeguarding": (76, 91, 100), "hp.groups.lado": (48, 75, 82),
    "cic.entry.decisions": (86, 92, 82), "cic.permanence.planning": (97, 94, 100),
    "cic.permanence.adoption": (97, 97, 100), "cic.permanence.kinship-sgo": (77, 86, 91),
    "cic.permanence.reunification": (74, 76, 64), "cic.homes.stability-matching": (95, 95, 100),
    "cic.homes.unregistered-distance": (36, 87, 91), "cic.homes.carers-support": (96, 94, 91),
    "cic.practice.relationships-visits": (95, 99, 100), "cic.practice.voice-advocacy": (82, 72, 82),
    "cic.practice.family-time": (78, 83, 100), "cic.practice.iro-reviews": (88, 97, 100),
    "cic.practice.identity-life-story": (78, 88, 100), "cic.wellbeing.health": (91, 81, 91),
    "cic.wellbeing.education": (98, 99, 100), "cic.wellbeing.safety": (43, 58, 64),
    "cic.wellbeing.opportunities": (73, 84, 82), "cic.groups.uasc": (60, 86, 100),
    "cl.relationships.pa-contact": (93, 98, 91), "cl.relationships.networks": (32, 33, 64),
    "cl.planning.pathway-plans": (92, 99, 100), "cl.planning.preparation-transition": (30, 56, 82),
    "cl.planning.entitlements": (77, 99, 100), "cl.outcomes.accommodation": (77, 88, 91),
    "cl.outcomes.eet": (93, 99, 100), "cl.outcomes.health-wellbeing": (88, 86, 91),
    "cl.outcomes.safety": (35, 37, 73), "cl.groups.custody": (16, 88, 100),
    "cl.groups.parents": (14, 81, 91), "cl.groups.former-uasc": (60, 78, 45),
    "cl.groups.over-21": (9, 41, 45), "cl.voice.influence": (41, 64, 55),
    "lead.knowledge.self-evaluation": (50, 51, 55),
    "lead.knowledge.quality-assurance": (100, 99, 100), "lead.knowledge.learning": (65, 78, 82),
    "lead.governance.political-corporate": (88, 91, 100),
    "lead.governance.corporate-parenting": (89, 88, 91),
    "lead.governance.partnerships": (87, 96, 100), "lead.governance.sufficiency": (55, 68, 82),
    "lead.governance.voice": (50, 59, 91), "lead.workforce.stability-caseloads": (98, 91, 82),
    "lead.workforce.development": (87, 92, 91),
    "lead.workforce.supervision-oversight": (86, 90, 91), "lead.workforce.culture": (71, 79, 73),
    "lead.reform.implementation": (2, 30, 82), "lead.reform.equality": (4, 27, 18),
    "oe.overall.combined-picture": (90, 98, 100), "oe.overall.trajectory": (69, 79, 82),
}

# Provisional grades per ILACS judgement (section 8.1); other frameworks lean "good".
PROVISIONAL_GRADES = {"lead": "good", "hp": "requires-improvement", "cic": "good", "cl": "good",
                      "cic-cl": "good", "oe": "good"}
# fmt: on
