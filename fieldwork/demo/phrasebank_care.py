"""Note templates for children in care: entry, permanence, homes, practice, wellbeing (cic.*)."""

from __future__ import annotations

# Templates naming {child} or {Child} are about one child's case; the rest are about the service.
CARE_PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "cic.entry.decisions": {
        "strength": (
            "the decision for {child} to come into care followed a clear assessment; proceedings "
            "were issued without delay and {child} moved to a prepared foster home.",
            "consent to accommodation was informed and recorded, and the arrangement was reviewed "
            "at {few_weeks} weeks; the parent understood the plan for {child}.",
            "children come into care at the right time; managers showed how each case is tracked "
            "through the legal gateway.",
        ),
        "area-for-improvement": (
            "{child} has been accommodated under section 20 for {many_months} months with no "
            "permanence plan and no check that consent is still valid.",
            "{child} came into care in an emergency after earlier concerns were not acted on; the "
            "decision was right but late.",
            "a few children stay under section 20 too long without legal planning, managers said.",
        ),
        "serious-weakness": (
            "{child} stayed at home for {months} months after the threshold for proceedings was "
            "met; the decision to issue was deferred three times.",
        ),
        "context": ("about {hundreds} children are in care; most came in under care orders.",),
    },
    "cic.permanence.planning": {
        "strength": (
            "permanence for {child} was agreed at the second review; a long-term match was "
            "approved and the carers know they are staying together.",
            "the permanence tracker lists every child's plan and target date, and managers use it "
            "to challenge drift.",
        ),
        "area-for-improvement": (
            "{child} has waited {many_months} months in care for a permanence decision; the IRO's "
            "two written challenges are unanswered.",
            "parallel planning for {child} began late, and other options were explored only after "
            "the final hearing.",
            "a few children are kept waiting for long-term matches to be confirmed, managers said.",
        ),
        "serious-weakness": (
            "{child} has no permanence plan after {many_months} months in care and has moved "
            "{count} times; nobody has taken ownership of the delay.",
        ),
        "context": ("a permanence panel meets monthly to approve long-term matches.",),
    },
    "cic.permanence.adoption": {
        "strength": (
            "{child} was placed with early permanence carers soon after birth; matching was "
            "careful and the adoption plan is progressing without delay.",
            "the life-story book and later-life letter for {child} are under way, written warmly "
            "and in plain language.",
            "the regional adoption agency and the council work closely; children with adoption "
            "plans are matched in good time.",
        ),
        "area-for-improvement": (
            "family finding for {child} started {months} months after the placement order and the "
            "delay was not escalated.",
            "adoption support assessments take too long, and some families wait months for "
            "therapy, adopters said.",
        ),
        "context": ("the council belongs to a regional adoption agency with {count} neighbours.",),
    },
    "cic.permanence.kinship-sgo": {
        "strength": (
            "the connected carer assessment of {child}'s grandparent was completed on time, with "
            "support agreed before the special guardianship order.",
            "the special guardianship support plan is specific about money, family time and "
            "therapy, so {child}'s carers know what help to expect.",
            "kinship carers said the new support offer, including a named worker, has helped.",
        ),
        "area-for-improvement": (
            "the viability assessment of {child}'s aunt took {weeks} weeks, and {child} lived "
            "with unrelated carers meanwhile.",
            "the support plan for {child}'s special guardians is vague, and agreeing an allowance "
            "dragged on for months.",
            "support after a special guardianship order is patchy; some carers do not know whom "
            "to call.",
        ),
        "context": ("about a quarter of children in care live with family or friends.",),
    },
    "cic.permanence.reunification": {
        "strength": (
            "{child}'s return home was planned in stages with a clear support plan; {child} has "
            "settled and discharge of the care order is being prepared.",
            "placements with parents are reviewed regularly, and several care orders were "
            "discharged after successful returns home.",
        ),
        "area-for-improvement": (
            "{child} has been placed with parents for {many_months} months; discharge of the care "
            "order has not been considered and visits are infrequent.",
            "reunification assessments are not always completed before children go home.",
        ),
        "serious-weakness": (
            "{child} returned home without any assessment of the parent's new partner; the risk "
            "to {child} has not been considered.",
        ),
        "context": ("about {count_cases} children live with parents under care orders.",),
    },
    "cic.homes.stability-matching": {
        "strength": (
            "{child} has lived with the same foster carers for {many_months} months; the match "
            "reflected {child}'s culture and routines, and the home is stable.",
            "{child} lives with brothers and sisters, as the assessment recommended, and the "
            "carers were supported to make it work.",
            "most children have stable homes, and stability measures have improved steadily.",
        ),
        "area-for-improvement": (
            "{child} has had {count} homes in a year; the most recent move came with no planning "
            "and a new school.",
            "{child}'s move was arranged in an emergency, and the carers learned of {child}'s "
            "needs only afterwards.",
            "stability is fragile for older children; several have moved three or more times "
            "this year.",
        ),
        "serious-weakness": (
            "{child} has had {count} homes in {months} months, including a night in an office; "
            "nobody has reviewed what the moves are doing to {child}.",
        ),
        "context": ("about {pct_low}% of children in care live more than 20 miles from home.",),
    },
    "cic.homes.unregistered-distance": {
        "strength": (
            "{child} lives in a children's home out of area; the worker visits monthly and the "
            "IRO checks that health care and schooling are in place.",
            "leaders know every child in an unregistered setting; a senior manager reviews each "
            "weekly, with a plan to move them to a registered home.",
        ),
        "area-for-improvement": (
            "{child} has lived in an unregistered setting for {weeks} weeks; leaders know, but "
            "the plan to move {child} has slipped twice.",
            "more children live far from home than last year, which makes visits and family time "
            "harder.",
        ),
        "serious-weakness": (
            "{child} lives in an unregistered setting where staff checks have not been seen, and "
            "nobody from the council has visited for {weeks} weeks.",
        ),
        "context": (
            "{count} children live in unregistered settings; some are subject to deprivation of "
            "liberty orders.",
        ),
    },
    "cic.homes.carers-support": {
        "strength": (
            "the supervising social worker visits {child}'s carers regularly; training on trauma "
            "has helped them respond to {child}'s distress.",
            "foster carers said they feel valued; help is there at night and at weekends, and the "
            "training is practical.",
        ),
        "area-for-improvement": (
            "{child}'s carers have had no supervision for {months} months, and help they asked "
            "for has not come.",
            "recruitment has not kept up with need; more fostering households left than were "
            "approved this year.",
        ),
        "context": ("the fostering service has about {hundreds} approved households.",),
    },
    "cic.practice.relationships-visits": {
        "strength": (
            "{worker} has known {child} for {many_months} months and visits often; {child} "
            "describes the worker as someone they trust.",
            "visits are on time and {child} is seen alone; the worker brings activities {child} "
            "enjoys and records what they talk about.",
            "most children in care have stable relationships with workers, and visits are on time.",
        ),
        "area-for-improvement": (
            "{child} has had {changes} social workers in {many_months} months; each change came by "
            "letter and {child} says they stopped trusting workers.",
            "statutory visits to {child} are late, with a gap of {weeks} weeks before the last.",
            "changes of worker in one team have unsettled children's relationships.",
        ),
        "context": ("visits to children in care are tracked on a monthly dashboard.",),
    },
    "cic.practice.voice-advocacy": {
        "strength": (
            "{child} had an advocate for the review and used it to ask for more time with a "
            "sister; the request was agreed.",
            "the children in care council meets monthly; members described changes they won, "
            "including a fairer pocket money policy.",
        ),
        "area-for-improvement": (
            "{child} was not offered an advocate or independent visitor despite asking for "
            "someone outside the family to talk to.",
            "take-up of advocacy is low, and some children who want an independent visitor wait.",
        ),
        "context": ("advocacy is commissioned from a voluntary organisation.",),
    },
    "cic.practice.family-time": {
        "strength": (
            "family time for {child} with brothers is well planned and flexible; it moved to "
            "weekends, as the family asked.",
            "family time arrangements are reviewed regularly and shaped by children's views.",
        ),
        "area-for-improvement": (
            "{child} has not seen a sister for {months} months because nobody arranged transport.",
            "family time between brothers and sisters in different homes is not always a priority.",
        ),
        "context": ("family time is supervised by a central contact team.",),
    },
    "cic.practice.iro-reviews": {
        "strength": (
            "the IRO knows {child} well, meets the carers before every review and challenged a "
            "late health assessment effectively.",
            "the review was centred on {child}; the care plan was updated with clear actions and "
            "owners.",
            "IRO challenge is visible on records and leads to action; the dispute process is used "
            "when needed.",
        ),
        "area-for-improvement": (
            "{child}'s care plan has not been updated since the last review; the IRO's concerns "
            "are noted but not escalated.",
            "IRO caseloads are high at about {iro_caseload} children, and midway checks are not "
            "always done.",
        ),
        "context": ("IROs also chair child protection conferences here.",),
    },
    "cic.practice.identity-life-story": {
        "strength": (
            "life-story work with {child} is under way and sensitive; {child}'s heritage and faith "
            "are respected at home.",
            "a dedicated worker supports life-story work, and records are written to the child.",
        ),
        "area-for-improvement": (
            "{child} has been in care for {many_months} months and no life-story work has started; "
            "questions about the past go unanswered.",
            "identity is considered in assessments but less so in matching and daily care.",
        ),
        "context": ("writing records to the child was introduced this year.",),
    },
    "cic.wellbeing.health": {
        "strength": (
            "{child}'s health assessment was on time and led to a referral for specialist support; "
            "carers report that {child} is more settled.",
            "health assessments are timely, and emotional wellbeing screening triggers support.",
        ),
        "area-for-improvement": (
            "{child}'s initial health assessment was {weeks} weeks late and a dental check is "
            "overdue.",
            "{child} has waited {months} months for CAMHS with no interim support.",
            "emotional health support is a gap; waits for CAMHS are long.",
        ),
        "context": ("health assessments are done by a children in care nursing team.",),
    },
    "cic.wellbeing.education": {
        "strength": (
            "the personal education plan is specific and ambitious; tutoring funded by the virtual "
            "school lifted {child}'s attendance to {pct_high}%.",
            "the virtual school head knows each child's progress, and most education plans are "
            "good.",
        ),
        "area-for-improvement": (
            "{child}'s education plan targets are copied from last term; {child} has been "
            "excluded twice with no change to support.",
            "persistent absence remains high for older children in care.",
        ),
        "context": ("the virtual school supports about {hundreds} children, some out of area.",),
    },
    "cic.wellbeing.safety": {
        "strength": (
            "when {child} went missing, staff and police acted quickly; return interviews led to "
            "a safety plan and episodes have reduced.",
            "children in care are kept safe: safety plans are revised after each incident.",
        ),
        "area-for-improvement": (
            "{child}'s risk assessment has not been updated since concerns about online contact "
            "were raised {weeks} weeks ago.",
            "return interviews for children placed out of area are not always completed.",
        ),
        "serious-weakness": (
            "{child} has gone missing {count} times in {few_weeks} weeks; no strategy discussion "
            "has been held and {child} remains at risk of exploitation.",
        ),
        "context": ("children placed here by other councils are tracked by the missing panel.",),
    },
    "cic.wellbeing.opportunities": {
        "strength": (
            "{child} joined a football club and went on a residential trip; carers can agree "
            "sleepovers, so {child} has ordinary experiences.",
            "children in care have free leisure passes, and achievements are celebrated each year.",
        ),
        "area-for-improvement": (
            "{child}'s carers could not agree a school trip without a manager's signature, so "
            "{child} missed it.",
            "delegated authority is not well understood by all carers.",
        ),
        "context": ("the council offers free leisure passes to children in care.",),
    },
    "cic.groups.uasc": {
        "strength": (
            "{child} has an interpreter at every visit; the worker arranged legal advice early and "
            "helps {child} understand the asylum process.",
            "unaccompanied children get quick access to legal advice, education and health checks.",
        ),
        "area-for-improvement": (
            "{child}'s age assessment took {months} months, and {child} waited for a school place "
            "meanwhile.",
            "help with immigration status is available but inconsistently offered.",
        ),
        "context": ("the council receives unaccompanied children through the national scheme.",),
    },
}
