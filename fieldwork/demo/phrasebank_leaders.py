"""Note templates for leaders and overall effectiveness (lead.*, oe.*)."""

from __future__ import annotations

# Templates naming {child} or {Child} are about one child's case; the rest are about the service.
LEADERS_PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "lead.knowledge.self-evaluation": {
        "strength": (
            "the self-evaluation is accurate; it names the weaknesses inspectors also found, "
            "including drift in some child in need plans, with actions already under way.",
            "leaders described the service candidly and their priorities match what the case "
            "sample shows.",
        ),
        "area-for-improvement": (
            "the self-evaluation underplays delay in pre-proceedings; leaders had not spotted "
            "that several cases exceed the expected timescale.",
        ),
        "context": ("the self-evaluation was last updated {few_weeks} weeks before the visit.",),
    },
    "lead.knowledge.quality-assurance": {
        "strength": (
            "the authority's audit of {child}'s case was accurate and found the same gaps; the "
            "follow-up actions were completed and checked.",
            "audits are thorough and include families' feedback; learning from them has changed "
            "how plans are written.",
            "performance reports are timely and reliable, and managers use them in supervision.",
        ),
        "area-for-improvement": (
            "the audit of {child}'s case rated it good but missed the gap in visits, and its "
            "actions were never followed up.",
            "some audits rate work more highly than the evidence supports; moderation is not yet "
            "catching this.",
        ),
        "context": ("the authority audits about {count_cases} cases a month across all teams.",),
    },
    "lead.knowledge.learning": {
        "strength": (
            "learning from a recent safeguarding practice review led to new guidance on bruising "
            "in babies, which workers could describe.",
            "leaders acted on a concern raised during the visit the same day, checking similar "
            "cases and reporting back.",
        ),
        "area-for-improvement": (
            "complaints are answered on time, but themes are not collated and learning is slow "
            "to reach practice.",
        ),
        "context": ("a peer review last year looked at the front door and assessment.",),
    },
    "lead.governance.political-corporate": {
        "strength": (
            "the chief executive and lead member know the service well and have protected the "
            "budget for early help and social work posts.",
            "elected members scrutinise performance closely and ask informed questions about "
            "children's experiences.",
        ),
        "area-for-improvement": (
            "changes of senior leader over two years slowed improvement; a permanent director has "
            "been in post only {months} months.",
        ),
        "context": ("the director of children's services also leads education services.",),
    },
    "lead.governance.corporate-parenting": {
        "strength": (
            "the corporate parenting board is active; council departments have made practical "
            "commitments, such as apprenticeships and council tax exemption.",
            "members of the children in care council sit on the board and hold it to account.",
        ),
        "area-for-improvement": (
            "corporate parenting commitments are broad, and the board cannot show what difference "
            "they make for children.",
        ),
        "context": ("the corporate parenting board meets every two months.",),
    },
    "lead.governance.partnerships": {
        "strength": (
            "police, health and education leaders described mature joint working and shared "
            "priorities, with challenge that leads to change.",
            "the safeguarding partnership has improved attendance by health at strategy "
            "discussions after a joint audit.",
        ),
        "area-for-improvement": (
            "some partners do not contribute fully; escalation is used, but slow responses from "
            "one agency persist.",
        ),
        "context": (
            "the safeguarding partnership is led jointly by the council, police and health.",
        ),
    },
    "lead.governance.sufficiency": {
        "strength": (
            "the sufficiency strategy is based on a good analysis of need, and two new in-house "
            "children's homes have opened.",
            "foster carer recruitment targets were met this year, widening local choice.",
        ),
        "area-for-improvement": (
            "sufficiency plans are not yet delivering enough local homes for older children, who "
            "still live far away.",
        ),
        "serious-weakness": (
            "leaders could not say how many children are in unregistered settings or who checks "
            "on them.",
        ),
        "context": ("the council commissions most residential care from private providers.",),
    },
    "lead.governance.voice": {
        "strength": (
            "children and families helped design the new family help service, and leaders could "
            "point to changes made because of it.",
            "a 'you said, we did' report is shared with young people each quarter.",
        ),
        "area-for-improvement": (
            "participation happens, but leaders could not show how families' views changed "
            "services.",
        ),
        "context": ("a participation team of {count} staff supports youth voice groups.",),
    },
    "lead.workforce.stability-caseloads": {
        "strength": (
            "{child} has had the same worker throughout, reflecting a more stable team; "
            "turnover has fallen this year.",
            "agency use has fallen to about {pct_low_small}% and most caseloads are manageable, "
            "managers showed.",
        ),
        "area-for-improvement": (
            "{child} has had {changes} workers this year because of vacancies in the team.",
            "caseloads in the family help teams are high; one worker holds over 30 children and "
            "said visits slip as a result.",
        ),
        "serious-weakness": (
            "vacancies in one team have left {count_cases} children without an allocated worker "
            "for weeks, with no interim oversight.",
        ),
        "context": ("the vacancy rate is about {pct_low_small}%, close to the national average.",),
    },
    "lead.workforce.development": {
        "strength": (
            "newly qualified workers have protected caseloads and good support through the "
            "academy; the practice model is understood.",
            "training is valued, and staff described clear routes to progression.",
        ),
        "area-for-improvement": (
            "the practice model is well known but applied unevenly; plans in some teams do not "
            "follow it.",
        ),
        "context": ("the academy supports about {count_cases} newly qualified workers a year.",),
    },
    "lead.workforce.supervision-oversight": {
        "strength": (
            "supervision of {child}'s case is regular and reflective; the manager's oversight "
            "gives clear direction and has kept the plan on track.",
            "records sampled show managers giving direction at key points, which keeps plans "
            "moving.",
        ),
        "area-for-improvement": (
            "there is no recorded management oversight on {child}'s case for {months} months, and "
            "drift went unchallenged.",
            "supervision records list tasks but rarely reflect on the child's progress.",
        ),
        "serious-weakness": (
            "no manager has reviewed {child}'s case for {months} months despite new concerns; "
            "decisions were left to an unsupported worker.",
        ),
        "context": ("supervision is expected monthly and is recorded on the child's file.",),
    },
    "lead.workforce.culture": {
        "strength": (
            "staff feel valued and listened to; they described visible leaders and said they "
            "enjoy working here.",
            "the staff survey shows morale rising for the second year.",
        ),
        "area-for-improvement": (
            "morale is mixed; staff in the busiest team said they feel stretched and unheard.",
        ),
        "context": ("leaders hold monthly open sessions with frontline staff.",),
    },
    "lead.reform.implementation": {
        "strength": (
            "leaders are putting the reforms in place jointly with partners; governance is clear "
            "and early measures of impact exist.",
        ),
        "area-for-improvement": (
            "reform work has started but is early; partners are not yet clear about new roles.",
        ),
        "context": ("the council joined a reform programme with partners this year.",),
    },
    "lead.reform.equality": {
        "strength": (
            "leaders use data to find disparities, such as the over-representation of some "
            "groups in care, and act on them.",
        ),
        "area-for-improvement": (
            "diversity is considered in assessments but disparities are not analysed.",
        ),
        "context": ("the area's population has become more diverse over the last decade.",),
    },
    "oe.overall.combined-picture": {
        "strength": (
            "across the teams sampled, most children receive help that makes a positive "
            "difference, and leaders know where practice is weaker.",
        ),
        "area-for-improvement": (
            "practice is not yet consistently good across help and protection, although no "
            "widespread failures were seen.",
        ),
        "context": ("findings from all four inspectors were combined at the meeting.",),
    },
    "oe.overall.trajectory": {
        "strength": (
            "services are better than at the last inspection, and most earlier recommendations "
            "have been dealt with.",
        ),
        "area-for-improvement": (
            "improvement since the last inspection is uneven; one earlier recommendation on plans "
            "is still open.",
        ),
        "context": ("the previous inspection graded the service as requiring improvement.",),
    },
}
