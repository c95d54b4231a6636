"""Words for evidence notes: slot pools, labels, anchors, sources, tails and cross-cutting lines."""

from __future__ import annotations

# For criteria the bank does not know (other frameworks): built from the criterion's heading.
GENERIC_PHRASES: dict[str, tuple[str, ...]] = {
    "strength": (
        "the record shows good practice on {topic} for {child}: decisions are timely and "
        "reasoned, and the plan is making a visible difference.",
        "managers gave convincing examples of good practice on {topic}, and the records sampled "
        "bear them out, to children's benefit.",
    ),
    "area-for-improvement": (
        "practice on {topic} was late for {child} and the record gives no reasons, so {child} "
        "waited longer than needed for the right help.",
        "practice on {topic} is uneven: some records cover {keyword} well and others not at all, "
        "and managers do not check the difference made.",
    ),
    "serious-weakness": (
        "nothing was done about {topic} for {child} for {weeks} weeks although concerns were "
        "recorded; {child} remains at risk.",
        "managers could not show that {topic} is monitored at all, which leaves children at risk.",
    ),
    "context": (
        "arrangements for {topic} were described by managers and will be tested in the case "
        "sample.",
    ),
}
# What a parent or carer said, for conversations (written as "they ...").
ADULT_VOICES = frozenset({"the parent", "the foster carer", "the carers"})
FAMILY_VOICE: dict[str, tuple[str, ...]] = {
    "strength": (
        "they described {worker} as honest and reliable, someone who explains what is happening "
        "and does what they say; home feels calmer for {child} now.",
        "they said this help was the first that made a real difference, and they know whom to "
        "call if things go wrong for {child}.",
    ),
    "area-for-improvement": (
        "they did not know what the plan is for or when it will be reviewed; meetings move at "
        "short notice and decisions about {child} feel made without them.",
        "they said {child} has had {changes} workers, each asking the same questions, and nobody "
        "explained why the workers changed.",
    ),
    "context": (
        "they explained what matters most to {child} at the moment: friendships, routines and "
        "time with family.",
    ),
}
# Background about one child, for context notes where the criterion has none about a child.
CHILD_CONTEXT = (
    "the family moved into the area {months} months ago and the case transferred in with an "
    "assessment already done; {child} is known to {agency}.",
    "the chronology lists {count} earlier contacts about {child}, two of them closed with advice "
    "only, before the current referral.",
    "{child} has brothers and sisters; the plan covers all of them, and this note is about "
    "{child} only.",
)

# Slots filled from seeded choices; numbers in words where a report would write them so.
SLOT_POOLS: dict[str, tuple[str, ...]] = {
    "few_hours": ("two", "three", "four"),
    "few_days": ("two", "three", "four"),
    "days": ("five", "six", "eight", "ten", "twelve"),
    "few_weeks": ("two", "three", "four", "six"),
    "weeks": ("six", "seven", "eight", "nine", "eleven"),
    "months": ("four", "five", "six", "seven", "nine"),
    "many_months": ("fourteen", "fifteen", "eighteen", "twenty", "twenty-two"),
    "count": ("three", "four", "five"),
    "changes": ("three", "four", "five"),
    "many": ("nine", "eleven", "fourteen", "seventeen"),
    "hundreds": ("120", "160", "210", "260", "340"),
    "contacts": ("350", "420", "480", "540"),
    "count_cases": ("12", "15", "18", "24", "30"),
    "pct_high": ("86", "89", "91", "93", "95"),
    "pct_mid": ("58", "61", "64", "68", "72"),
    "pct_low": ("18", "22", "27", "31", "36"),
    "pct_low_small": ("14", "15", "16", "17"),
    "iro_caseload": ("68", "72", "75", "80"),
    "agency": ("police", "the designated nurse", "a school safeguarding lead", "the GP surgery"),
    "support": (
        "a parenting programme",
        "a domestic abuse recovery group",
        "family support at home",
        "a sleep and routines course",
    ),
    "direct_work": (
        "a wishes and feelings booklet",
        "drawing and play",
        "a three houses tool",
        "walk-and-talk sessions",
        "a worry scale",
    ),
    "time": ("late on a Friday", "overnight", "on a Saturday evening", "early on a Sunday"),
    "manager": ("the team manager", "the practice supervisor", "the service manager"),
    "confirmer": ("the team manager", "the practice supervisor", "the service manager"),
    "teller": ("the worker",),
    "family": ("the parent",),
    "child": ("the child",),
    "worker": ("the worker",),
}
AGENCIES_YOUNG = ("the health visitor", "the midwife", "the GP surgery", "police", "the nursery")
AGENCIES_OLDER = ("the school", "the school nurse", "police", "the GP surgery")
AGENCIES_ADULT = ("housing", "the college", "police", "the GP surgery")
AGENCIES_IN_CARE = ("the school", "the children in care nurse", "the virtual school", "police")

STATUS_LABELS = {
    "early-help": "early help",
    "child-in-need": "child in need",
    "child-protection-plan": "child protection plan",
    "privately-fostered": "privately fostered",
    "child-in-care": "child in care",
    "care-leaver": "care leaver",
    "other": "other",
}
CHILD_WORDS = {"unborn": "the baby", "0-1": "the baby", "16-17": "the young person"}
ADULT_BANDS = frozenset({"18-20", "21-25"})
FAMILY_WORDS: dict[str, tuple[str, ...]] = {
    "privately-fostered": ("the private foster carer",),
    "child-in-care": ("the foster carer", "the carers"),
    "care-leaver": ("the young person",),
}
PARENTS = ("the mother", "the father", "the parents")
ANCHOR_ROLES = {
    "newly qualified social worker (ASYE)": "ASYE social worker",
    "independent reviewing officer": "IRO",
}

# Anchors: which child or activity, and whose work. A case anchor reads e.g.
# "C-012 (child protection plan, 5–9), with P07 (social worker, FH)"; a colon follows.
CASE_ANCHORS = {
    "sitting-alongside": "{ref} ({status}, {age}), with {pseud} ({role}, {team})",
    "record-review": "{ref} ({status}, {age}), record review",
    "conversation-child-family": "{ref} ({status}, {age}), conversation with {family}",
}
DEFAULT_CASE_ANCHOR = "{ref} ({status}, {age}), {what}"

# How the inspector knows: (uncorroborated, corroborated) sentences per source.
SOURCE_SENTENCES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "seen-on-record": (
        ("Seen on the record.", "Read on the case record.", "From the chronology and case notes."),
        (
            "Seen on the record; {confirmer} confirmed it.",
            "Read on the record and confirmed by {confirmer}.",
            "Seen on the record and matches what {teller} described.",
        ),
    ),
    "practitioner": (
        ("Told by {teller}; not yet checked on the record.", "As described by {teller}; to check."),
        (
            "Told by {teller} and borne out by the record.",
            "Told by {teller}; {confirmer} gave the same account.",
        ),
    ),
    "observed": (
        ("Observed directly.", "Seen during the session."),
        ("Observed, and the record agrees.", "Observed; {confirmer} confirmed it afterwards."),
    ),
    "partner": (
        ("Told by {agency}.", "Reported by {agency}; not yet checked."),
        ("Told by {agency}; matches the record.", "Reported by {agency} and confirmed on file."),
    ),
    "data": (
        ("From the authority's performance data.", "From the latest performance report."),
        (
            "From performance data; the audits seen agree.",
            "From the performance report, which matches the audit findings.",
        ),
    ),
    "child-or-family": (
        ("Told by {family}.", "As described by {family}."),
        (
            "Told by {family}; the record agrees.",
            "Described by {family}, confirmed by {confirmer}.",
        ),
    ),
}

# On a note about one child, "data" means the authority's own audit of that child's record.
CHILD_DATA_SENTENCES = (
    ("From the authority's own audit of this record.", "From the audit of this record."),
    (
        "The authority's audit of this record found the same.",
        "From the audit of this record; {confirmer} agreed with it.",
    ),
)

# Short evaluative labels after the finding, and how often each evaluation carries one.
TAILS: dict[str, tuple[str, ...]] = {
    "strength": ("Good practice.", "A strength.", "Timely and child-focused.", "Well evidenced."),
    "area-for-improvement": (
        "Area for improvement.",
        "Not yet consistent.",
        "Not yet good enough.",
        "Area for improvement; to test with managers.",
    ),
    "serious-weakness": ("Serious weakness.", "Serious weakness; raised with the team manager."),
    "context": (),
}
SERVICE_TAILS = {**TAILS, "strength": ("Good practice.", "A strength.", "Well evidenced.")}
TAIL_CHANCE = {"strength": 0.35, "area-for-improvement": 0.5, "serious-weakness": 1.0}

# Added to short service-level findings: what the inspector will do with them.
FOLLOW_UPS: dict[str, tuple[str, ...]] = {
    "strength": (
        "The case sample this week bears this out.",
        "Consistent with the children's records read so far.",
        "The records seen in the case sample support this.",
    ),
    "area-for-improvement": (
        "Seen in {count} of the cases sampled.",
        "To raise at the end-of-day team meeting.",
        "Leaders know and have a plan, not yet showing impact.",
    ),
    "serious-weakness": ("Raised with leaders the same day.",),
    "context": (
        "Useful background for reading the case sample.",
        "To bear in mind when reading children's records.",
        "Background only; no judgement drawn from it yet.",
    ),
}
SHORT_FINDING_WORDS = 20

# Cross-cutting sentences that add a second tag to a case note: (criterion, strength, weakness).
ADDENDA: dict[str, tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]] = {
    "": (
        (
            "lead.workforce.supervision-oversight",
            (
                "Management oversight is recent and gives clear direction.",
                "Supervision notes show reflective discussion and clear actions.",
            ),
            (
                "No management oversight is recorded for {months} months.",
                "Supervision notes list tasks but do not reflect on progress.",
            ),
        ),
        (
            "lead.workforce.stability-caseloads",
            ("{Child} has had the same worker throughout.",),
            ("{Child} has had {changes} workers this year.",),
        ),
    ),
    "hp": (
        (
            "hp.practice.direct-work",
            ("{Child}'s own views are recorded and used.",),
            ("{Child}'s own views are not recorded.",),
        ),
    ),
    "cic": (
        (
            "cic.practice.relationships-visits",
            ("Visits are regular and {child} is seen alone.",),
            ("Visits to {child} are overdue.",),
        ),
    ),
    "cl": (
        (
            "cl.relationships.pa-contact",
            ("The adviser keeps in regular touch.",),
            ("Contact with the adviser has lapsed.",),
        ),
    ),
}
ESCALATIONS = (
    "Escalate now: referred back to the authority through {manager} this afternoon; a visit "
    "today was agreed.",
    "Escalate now: raised at once with the service manager, who arranged a strategy discussion "
    "for today.",
)

# fmt: off
# Key lines of enquiry: alternatives (criterion id, question); the first the framework has is used.
ENQUIRIES: tuple[tuple[tuple[str, str], ...], ...] = (
    (("hp.front-door.out-of-hours",
       "Are police notifications screened promptly overnight and at weekends?"),),
    (("hp.protection.conferences-plans",
       "Is there lasting change for children whose protection plans have run past a year?"),),
    (("cic.homes.unregistered-distance",
       "What do leaders know of children placed in unregistered settings, and what do they do?"),),
    (("cl.groups.custody",
       "Are pathway plans for care leavers in custody up to date, with a release address agreed?"),),
    (("hp.early-help.family-help",
       "Has the family help model changed what happens for families who need help early?"),
      ("hp.early-help.offer",
       "How quickly do families get early help, and does the help last?")),
    (("hp.practice.pre-proceedings",
       "Does management oversight stop drift for children in pre-proceedings?"),),
    (("hp.groups.disabled-children",
       "Are disabled children's plans and risks reviewed when their circumstances change?"),),
    (("lead.knowledge.quality-assurance",
       "Do the authority's own audits give leaders an accurate picture of practice?"),),
)
GENERIC_ENQUIRY = "What does the evidence show about {topic}?"

# A short rationale per ILACS judgement for its section 8.1 grade; others use the generic one.
RATIONALES = {
    "hp": (
        "Most children get a prompt first response and strategy discussions are timely and well "
        "attended. Plans for some children in need and on protection plans drift, and management "
        "oversight does not reliably prevent it. Safe, but not yet consistently good."
    ),
    "cic": (
        "Most children in care live in stable homes that suit them, with workers and "
        "reviewing officers who know them well. Permanence is planned early for most; the few "
        "children kept waiting are known to leaders and tracked."
    ),
    "cl": (
        "Personal advisers stay in touch with nearly all care leavers, and most pathway plans "
        "are current and co-written with young people. Release planning for young people in "
        "custody starts too late, which leaders recognise."
    ),
    "cic-cl": (
        "Children in care mostly live in stable homes with workers who know them well, and "
        "permanence is planned early. Care leavers are well supported by advisers who keep "
        "in contact; release planning for young people in custody starts too late."
    ),
    "lead": (
        "Leaders know their services well, and their self-evaluation is borne out by what "
        "inspectors found. The workforce is more stable and most caseloads are manageable, "
        "although a few workers carry too many children."
    ),
    "oe": (
        "Children's experiences are mostly good across services, and leaders have sustained "
        "improvement since the last inspection. Help and protection remains the weaker area "
        "and is not yet consistently good."
    ),
}
GENERIC_RATIONALE = (
    "{title}: the evidence gathered is mostly positive, with {strengths} strengths and {afis} "
    "areas for improvement recorded so far. Provisional leaning {grade}, to test at the "
    "judgement meeting."
)
# fmt: on
