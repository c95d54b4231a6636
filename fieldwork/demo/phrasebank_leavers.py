"""Note templates for care leavers: relationships, planning, outcomes, groups, voice (cl.*)."""

from __future__ import annotations

# Templates naming {child} or {Child} are about one young person; the rest are about the service.
LEAVERS_PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "cl.relationships.pa-contact": {
        "strength": (
            "{worker} has known {child} since 16 and is in touch every week; {child} says the "
            "adviser is the first person they call.",
            "the adviser kept in touch through a difficult year, visiting when {child} would not "
            "answer messages, and the relationship held.",
            "advisers are allocated at 16 and stay in touch with almost every care leaver, often "
            "by message between visits.",
        ),
        "area-for-improvement": (
            "{child} has had {changes} advisers in a year, and contact lapsed for {weeks} weeks "
            "after the last change.",
            "adviser caseloads are high, at about 30 young people, which limits time for each.",
        ),
        "context": ("the leaving care team is in touch with about {pct_high}% of care leavers.",),
    },
    "cl.relationships.networks": {
        "strength": (
            "the adviser helped {child} reconnect with an uncle and join a mentoring scheme; "
            "{child} says they feel less alone.",
            "care leavers have regular social events and a mentoring scheme; loneliness is "
            "recognised and tackled.",
        ),
        "area-for-improvement": (
            "{child} lives alone and describes feeling isolated; the pathway plan says nothing "
            "about relationships.",
            "loneliness is recognised, but few care leavers have a mentor.",
        ),
        "context": ("a drop-in hub for care leavers opens four afternoons a week.",),
    },
    "cl.planning.pathway-plans": {
        "strength": (
            "the pathway plan was written with {child}, in their words; it sets clear goals for "
            "college and housing and was reviewed on time.",
            "{child}'s plan was updated within {few_weeks} weeks of a change of address, with new "
            "actions for money and health.",
            "pathway plans sampled are mostly current and co-written with young people.",
        ),
        "area-for-improvement": (
            "{child}'s pathway plan is {months} months out of date and does not mention that "
            "{child} has left college.",
            "the pathway plan is generic and does not say what help {child} will get to reach "
            "their goals.",
            "pathway plans are reviewed on time, but too many are written for young people rather "
            "than with them.",
        ),
        "serious-weakness": (
            "{child} has no current pathway plan; they left care {months} months ago with no plan "
            "for housing or money.",
        ),
        "context": ("pathway plans are reviewed every six months or sooner if life changes.",),
    },
    "cl.planning.preparation-transition": {
        "strength": (
            "{child} took part in an independence programme and practised budgeting with carers; "
            "the move to a flat was gradual.",
            "adult social care was involved from 17, and the adult assessment was finished before "
            "{child} turned 18.",
            "preparation for adulthood starts at 16, with a clear programme and taster flats.",
        ),
        "area-for-improvement": (
            "{child} moved to independence with little preparation and soon fell behind with bills.",
            "transition to adult services starts late for some disabled young people.",
        ),
        "context": ("the leaving care team takes case responsibility at 18.",),
    },
    "cl.planning.entitlements": {
        "strength": (
            "{child} has a passport, birth certificate and health history, and knows about the "
            "setting-up home allowance and council tax exemption.",
            "the local offer is easy to understand and generous, and care leavers helped write it.",
        ),
        "area-for-improvement": (
            "{child} did not know about the college bursary and has not had the setting-up home "
            "allowance.",
            "care leavers' knowledge of the local offer varies.",
        ),
        "context": ("the local offer was refreshed this year, with council tax exemption to 25.",),
    },
    "cl.outcomes.accommodation": {
        "strength": (
            "{child} is staying put with former foster carers and is settled; the plan for moving "
            "on is clear and unhurried.",
            "most care leavers have suitable places to live, and bed and breakfast is not used.",
        ),
        "area-for-improvement": (
            "{child} has moved {count} times in supported accommodation, and the current place is "
            "far from college.",
            "supported accommodation is limited; a few care leavers live where needs are not met.",
        ),
        "serious-weakness": (
            "{child} was placed in a hostel alongside adults who pose a risk; the adviser raised it "
            "{weeks} weeks ago and nothing has changed.",
        ),
        "context": ("care leavers are a priority group for social housing.",),
    },
    "cl.outcomes.eet": {
        "strength": (
            "{child} started an apprenticeship with the council; the adviser helped with travel "
            "costs and interview practice.",
            "the share of care leavers in education, employment or training is above similar areas.",
        ),
        "area-for-improvement": (
            "{child} has been out of education or work for {months} months, and the pathway plan "
            "has no actions to change that.",
            "help for care leavers who are not in education, employment or training is thin.",
        ),
        "context": ("about {pct_mid}% of care leavers are in education, employment or training.",),
    },
    "cl.outcomes.health-wellbeing": {
        "strength": (
            "{child} has a health history and a GP; the adviser helped {child} reach adult mental "
            "health services.",
            "care leavers can see a dedicated emotional health worker without a long wait.",
        ),
        "area-for-improvement": (
            "{child} struggles with anxiety; support ended at 18 and no adult service is in place.",
            "mental health support after 18 is hard for care leavers to reach.",
        ),
        "context": ("a nurse for care leavers works alongside the leaving care team.",),
    },
    "cl.outcomes.safety": {
        "strength": (
            "when {child} was at risk from an older partner, the adviser acted quickly with police "
            "and housing; {child} now lives somewhere safe.",
            "advisers understand risks to care leavers and use adult safeguarding routes.",
        ),
        "area-for-improvement": (
            "{child} is at risk of exploitation, yet the risk assessment has not been updated "
            "since they turned 18.",
            "links between children's and adults' safeguarding for care leavers are weak.",
        ),
        "serious-weakness": (
            "{child} told the adviser an adult is taking their money and keeping them indoors; no "
            "safeguarding referral has been made.",
        ),
        "context": ("care leavers at risk are discussed at a monthly vulnerability meeting.",),
    },
    "cl.groups.custody": {
        "strength": (
            "{worker} has kept up monthly prison visits; {child}'s pathway plan was revised when "
            "the sentence was passed, and release planning has begun.",
            "advisers keep in touch with care leavers in custody and work with probation before "
            "release.",
        ),
        "area-for-improvement": (
            "{child} leaves custody in {few_weeks} weeks and nowhere to live has been agreed yet.",
            "release planning for care leavers in custody starts late.",
        ),
        "context": ("a small number of care leavers are in custody at any time.",),
    },
    "cl.groups.parents": {
        "strength": (
            "{child} is a young parent; the adviser and health visitor work together, and the "
            "pre-birth assessment recognised {child}'s own history.",
            "care-experienced parents get support from a specialist worker.",
        ),
        "area-for-improvement": (
            "the pre-birth assessment for {child}'s baby ignored {child}'s own care experience "
            "and offered no extra support.",
            "support for care-experienced parents is inconsistent.",
        ),
        "context": ("the council tracks care leavers who are parents.",),
    },
    "cl.groups.former-uasc": {
        "strength": (
            "{child} had help to apply for leave to remain; the adviser arranged legal advice "
            "and an interpreter.",
            "former unaccompanied young people get good help with immigration status.",
        ),
        "area-for-improvement": (
            "{child}'s immigration status is uncertain and there is no legal representative; the "
            "pathway plan does not mention it.",
            "legal advice for former unaccompanied care leavers is slow to arrange.",
        ),
        "context": ("former unaccompanied children are a large share of care leavers here.",),
    },
    "cl.groups.over-21": {
        "strength": (
            "{child} is 22 and came back to the service for help with housing; the adviser "
            "responded within days.",
            "care leavers aged 21 to 25 are offered continued support and told how to return.",
        ),
        "area-for-improvement": (
            "{child}'s support ended at 21 without a conversation about the help still available.",
            "few care leavers over 21 know they can ask for support.",
        ),
        "context": ("about a third of care leavers aged 21 to 25 are still in touch.",),
    },
    "cl.voice.influence": {
        "strength": (
            "the care leavers' forum shaped the local offer; members described changes they won.",
            "care leavers sit on the corporate parenting board and set part of its agenda.",
        ),
        "area-for-improvement": ("care leavers' influence on services is limited.",),
        "context": ("the care leavers' forum meets monthly.",),
    },
}
