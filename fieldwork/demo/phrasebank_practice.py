"""Note templates for help and protection: practice, particular risks and groups (hp.*)."""

from __future__ import annotations

# Templates naming {child} or {Child} are about one child's case; the rest are about the service.
PRACTICE_PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "hp.practice.assessment": {
        "strength": (
            "the assessment uses the family history and what partners know, includes the "
            "father's view and weighs risks against strengths; it shows clearly what daily life "
            "is like for {child}.",
            "the assessment was completed in {few_weeks} weeks and takes account of the family's "
            "culture and first language; an interpreter was used and the plan follows from the "
            "analysis for {child}.",
            "assessments sampled are timely and analytical; most capture children's lived "
            "experience and use partner checks well.",
        ),
        "area-for-improvement": (
            "the assessment is mostly about the adults' difficulties; it says little about how "
            "{child} spends the day or feels, and the father was never contacted.",
            "the assessment does not use the history; two earlier referrals about {child} are not "
            "mentioned, so the analysis underestimates cumulative harm.",
            "assessment quality varies between teams; managers agreed that analysis and "
            "involving fathers are the weaker parts.",
        ),
        "serious-weakness": (
            "the assessment concluded that needs were met although the history shows repeated "
            "injuries; risk to {child} was minimised and the case closed.",
        ),
        "context": (
            "the assessment team holds children for about {few_weeks} weeks before they move to "
            "family help teams.",
        ),
    },
    "hp.practice.plans-review": {
        "strength": (
            "the plan is specific about who will do what by when, and reviews every {few_weeks} "
            "weeks record real progress; {child}'s circumstances are steadily improving.",
            "actions in the plan are written so the family can follow them; the last review "
            "ended two services that were no longer needed, keeping help focused on {child}.",
            "plans sampled are mostly clear and reviewed on time, with actions families can "
            "understand.",
        ),
        "area-for-improvement": (
            "the child in need plan has not been reviewed for {months} months and its actions "
            "are unchanged; {child}'s situation is drifting without a clear aim.",
            "the plan lists services but not outcomes; it does not say what would show that life "
            "is better for {child}.",
            "reviews are usually on time, but some plans carry the same actions for months and "
            "managers do not always pick up the drift.",
        ),
        "serious-weakness": (
            "{child}'s plan has not been reviewed for {months} months and there has been no visit "
            "for {weeks} weeks; the case is effectively unallocated while concerns remain open.",
        ),
        "context": (
            "the authority supports about {hundreds} children in need; plans are reviewed at least "
            "every three months.",
        ),
    },
    "hp.practice.direct-work": {
        "strength": (
            "{worker} visits regularly, sees {child} alone and uses {direct_work}; {child}'s "
            "wishes are recorded in their own words and shaped the plan.",
            "{worker} knows {child} well, describing routines, friends and worries in detail; "
            "{child} has had the same worker for over a year.",
            "workers spoke about children with warmth and detail, and records show regular "
            "visits, often with the child seen alone.",
        ),
        "area-for-improvement": (
            "visits to {child} are on time but brief; there is no direct work on record for "
            "{months} months and {child}'s views are missing from the plan.",
            "{child} has had {changes} social workers this year; each started again and no "
            "trusting relationship has formed.",
            "direct work is uneven: some teams record children's views well, others note only "
            "that the child was seen.",
        ),
        "serious-weakness": (
            "{child} has not been seen for {weeks} weeks despite an open protection plan; nobody "
            "has checked where {child} is living.",
        ),
        "context": (
            "the teams share a set of direct work tools introduced last year, including "
            "{direct_work}.",
        ),
    },
    "hp.practice.family-network": {
        "strength": (
            "a family group conference was held early; grandparents and an aunt agreed a rota "
            "that means {child} always has a safe adult at home.",
            "the family network meeting found a relative able to care before proceedings were "
            "needed, so {child} could stay within the family.",
            "family group conferences are offered early and widely; most children on plans have "
            "had a network meeting, managers showed.",
        ),
        "area-for-improvement": (
            "no family network meeting was held before the plan was made, and wider family who "
            "could support {child} were not explored.",
            "family group conferences are available but offered late, often only once "
            "pre-proceedings have begun.",
        ),
        "context": (
            "the family group conference service has {count} co-ordinators and a waiting time of "
            "about {few_weeks} weeks.",
        ),
    },
    "hp.practice.pre-proceedings": {
        "strength": (
            "the letter before proceedings is clear and in plain language; the pre-proceedings "
            "period was tracked and brought real change for {child} within {months} months.",
            "the legal planning meeting was timely and parallel plans were made early; a "
            "relative's assessment began so {child} would not wait.",
            "pre-proceedings is tracked weekly by a service manager and most cases conclude "
            "within the expected timescale.",
        ),
        "area-for-improvement": (
            "{child} has been in pre-proceedings for {many_months} months without a review; the "
            "original concerns remain and no decision has been made.",
            "the pre-proceedings plan does not say what the parents must achieve by when, and "
            "{child}'s situation has not changed since the letter.",
            "pre-proceedings tracking exists, but some cases overrun the expected timescale with "
            "no recorded reason.",
        ),
        "serious-weakness": (
            "{child} remains at home in pre-proceedings after further serious incidents; the "
            "legal gateway has not reconsidered the case for {weeks} weeks.",
        ),
        "context": (
            "the legal gateway meets weekly; about {count_cases} families are in pre-proceedings "
            "at any time.",
        ),
    },
    "hp.risk.abuse-neglect": {
        "strength": (
            "the worker understands the effect of domestic abuse on {child}; the risk from the "
            "perpetrator is assessed, the MARAC actions are linked and the safety plan is current.",
            "a graded care profile measured the neglect and shows clear improvement; {child} is "
            "now well cared for and health appointments are kept.",
            "work with parents who misuse drugs or alcohol is joined up; specialist workers attend "
            "core groups and share progress.",
        ),
        "area-for-improvement": (
            "the assessment focuses on the mother's duty to protect and says little about the "
            "father's behaviour; the risk he poses to {child} has not been assessed.",
            "neglect has persisted for {many_months} months across several plans; the cumulative "
            "effect on {child} is not analysed.",
            "tools for measuring neglect are used in some teams but not others, so progress is "
            "judged inconsistently.",
        ),
        "serious-weakness": (
            "{child} still lives with a parent whose drinking led to repeated police call-outs; "
            "risk was not reassessed after the last incident and nothing followed.",
        ),
        "context": (
            "domestic abuse is the most common reason for referral, about {pct_low}% of contacts, "
            "managers said.",
        ),
    },
    "hp.risk.exploitation-missing": {
        "strength": (
            "return home interviews took place within {few_days} days each time {child} went "
            "missing; information went to police and a disruption plan targets the adults "
            "involved.",
            "the youth practitioner has built trust with {child}, who now says where they are "
            "going; missing episodes have dropped from weekly to rare.",
            "the exploitation panel was well informed; police, youth justice and schools shared "
            "intelligence and agreed disruption actions.",
        ),
        "area-for-improvement": (
            "{child} has been missing {count} times this month; return home interviews were "
            "offered but not done, and the reasons for going missing are not understood.",
            "the exploitation risk assessment for {child} has not been updated since new concerns "
            "about older peers were raised {weeks} weeks ago.",
            "about {pct_mid}% of return home interviews are completed; managers recognise that "
            "what children say is not always used.",
        ),
        "serious-weakness": (
            "{child} is known to be carrying drugs for older young people, yet there has been no "
            "strategy discussion or disruption plan; {child} remains exposed to serious harm.",
        ),
        "context": (
            "an adolescent team of {count} workers leads on exploitation, with a weekly "
            "multi-agency panel.",
        ),
    },
    "hp.groups.disabled-children": {
        "strength": (
            "the worker uses {child}'s communication aids to hear their views; short breaks are "
            "in place and the family say they are coping much better.",
            "transition planning with adult services began early; {child}'s plan links the "
            "education, health and care plan with social care support.",
            "the children with disabilities team know their children well; assessments consider "
            "both care needs and safeguarding.",
        ),
        "area-for-improvement": (
            "{child}'s short breaks were cut without a review; the family are struggling and the "
            "plan has not been updated for {months} months.",
            "{child}'s views are gathered only through the parent; no one has tried to "
            "communicate with {child} directly.",
            "safeguarding concerns about disabled children are sometimes treated as care needs; "
            "managers accept that thresholds differ.",
        ),
        "context": (
            "the children with disabilities team supports about {hundreds} children, many with "
            "short breaks.",
        ),
    },
    "hp.groups.young-carers": {
        "strength": (
            "{child}'s caring role was recognised in the assessment; a young carer's assessment "
            "followed and {child} now goes to a weekly group and has more time for school.",
            "schools and the young carers service identify children early; the offer includes "
            "respite trips and support in school.",
        ),
        "area-for-improvement": (
            "{child} helps care for a parent every day, but no young carer's assessment has been "
            "offered and the effect on school attendance is not addressed.",
            "young carers are identified, but assessments are slow and few lead to a support plan, "
            "managers said.",
        ),
        "context": (
            "the young carers service is commissioned from a voluntary organisation and supports "
            "about {hundreds} children.",
        ),
    },
    "hp.groups.homeless-16-17": {
        "strength": (
            "when {child} became homeless, a joint assessment with housing took place the same "
            "day; {child} was told in writing about the right to be accommodated.",
            "the joint housing protocol works well; young people who present as homeless get a "
            "social work assessment rather than being sent to housing alone.",
        ),
        "area-for-improvement": (
            "{child} was in emergency accommodation for {few_weeks} weeks before a social work "
            "assessment; rights to be looked after were not explained.",
            "advice to homeless 16- and 17-year-olds about their rights is inconsistent, and a few "
            "have been placed in bed and breakfast.",
        ),
        "serious-weakness": (
            "{child} has been sofa-surfing for {weeks} weeks; the assessment did not consider "
            "accommodation under section 20 and nobody has seen where {child} sleeps.",
        ),
        "context": (
            "about {count_cases} homeless 16- and 17-year-olds came to the service last year.",
        ),
    },
    "hp.groups.private-fostering": {
        "strength": (
            "the notification was followed by a visit within {few_days} days; checks on the carer "
            "were completed and {child} is seen alone at each visit.",
            "awareness raising with schools and faith groups has increased private fostering "
            "notifications this year.",
        ),
        "area-for-improvement": (
            "visits to {child} are late and checks on the private foster carer were not "
            "completed for {weeks} weeks.",
            "few private fostering arrangements are notified, and awareness raising has not "
            "reached every community.",
        ),
        "context": ("only a handful of private fostering arrangements are known at any time.",),
    },
    "hp.groups.education-safeguarding": {
        "strength": (
            "the school, education welfare officer and worker agreed a plan that returned {child} "
            "to a full timetable within {few_weeks} weeks; attendance is now {pct_high}%.",
            "the children missing education team tracks every child taken off roll, and checks "
            "on home-educated children known to social care are prompt.",
        ),
        "area-for-improvement": (
            "{child} has been on a part-time timetable for {months} months with no end date; "
            "the plan does not address the lost learning.",
            "visits to electively home-educated children known to social care are not always "
            "prompt.",
        ),
        "context": (
            "elective home education has risen by about {pct_low}% over two years, managers said.",
        ),
    },
    "hp.groups.lado": {
        "strength": (
            "the designated officer handles allegations promptly; referrals are acknowledged "
            "within a day and outcomes are tracked to the end.",
            "the designated officer's annual report shows referrals from every sector, including "
            "sports clubs and faith groups, after targeted training.",
        ),
        "area-for-improvement": (
            "some allegations take months to conclude while police enquiries continue, and "
            "employers are not always kept informed.",
        ),
        "context": ("the designated officer handled about {hundreds} consultations last year.",),
    },
}
