"""Note templates for help and protection: early help, the front door, protection (hp.*)."""

from __future__ import annotations

# Templates naming {child} or {Child} are about one child's case; the rest are about the service.
# Case templates for criteria that babies' cases reach are written without school or speech.
HELP_PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "hp.early-help.offer": {
        "strength": (
            "the family was offered help through the family hub within {few_weeks} weeks of the "
            "first concern. The plan names a lead professional and the parenting support has "
            "steadied routines at home for {child}.",
            "the early help assessment was written with the parents and uses their words. "
            "{Support} began promptly and {child}'s home life is calmer, which {agency} confirms.",
            "managers described early help that partners take part in: schools and health "
            "visitors lead many family plans, so families get help before problems grow.",
        ),
        "area-for-improvement": (
            "the early help assessment took {weeks} weeks to start and the plan lists services "
            "rather than what should change for {child}. Help has been slow to make a difference.",
            "no lead professional was agreed for {months} months after the family asked for help, "
            "so {child}'s needs were passed between agencies and little changed at home.",
            "waiting times for family hub support vary; in one locality families wait {weeks} "
            "weeks, and leaders do not yet measure whether help lasts.",
        ),
        "serious-weakness": (
            "{child} stayed in early help for {months} months while neglect worsened; repeated "
            "concerns from {agency} were not escalated and {child} still lives with the same "
            "poor home conditions.",
        ),
        "context": (
            "the family hubs cover {count} localities; about {pct_mid}% of early help plans are "
            "led by partner agencies rather than council staff.",
        ),
    },
    "hp.early-help.step-up-down": {
        "strength": (
            "when concerns rose, the case moved from early help to the assessment team within "
            "{few_days} days; the lead professional joined the first visit, so {child}'s family "
            "did not have to repeat their story.",
            "the step-down to early help was planned at a joint meeting and the family hub worker "
            "was introduced before the social worker left. Support for {child} continued without "
            "a gap.",
            "managers track step-up and step-down decisions weekly; re-referrals within a year "
            "have fallen to {pct_low}%, which suggests change is lasting.",
        ),
        "area-for-improvement": (
            "the case closed to social work with a recommendation for early help, but no "
            "referral was made for {weeks} weeks, so {child}'s family had no support in that time.",
            "{child} has been referred {count} times in a year, each time closing after a short "
            "assessment; the pattern of concern was not recognised.",
            "step-up decisions are timely but step-down hand-overs are uneven; some early help "
            "workers receive only a closure summary and families return.",
        ),
        "serious-weakness": (
            "risk to {child} rose for {months} months while the case stayed in early help; police "
            "reports of domestic abuse at home were not escalated for a social work assessment.",
        ),
        "context": (
            "step-up and step-down decisions are made at a weekly panel chaired by a service "
            "manager, with early help and social work leads present.",
        ),
    },
    "hp.early-help.family-help": {
        "strength": (
            "the family has kept the same family help worker since first contact; the worker "
            "co-ordinates {agency} and the family says help now feels joined up for {child}.",
            "the family help team brings social workers, family support and health staff "
            "together; managers showed fewer changes of worker since the model began.",
        ),
        "area-for-improvement": (
            "the family help model is new in this locality; {child}'s family has had {changes} "
            "workers in {months} months as the case moved between teams, and actions stalled.",
            "lead practitioner roles in family help are understood differently across teams, "
            "and leaders cannot yet show what difference the model makes.",
        ),
        "context": (
            "family help teams went live in {count} localities this year; the rest move over in "
            "the next quarter.",
        ),
    },
    "hp.front-door.timely-response": {
        "strength": (
            "the referral was screened the same morning with police and health checks completed; "
            "the decision and reasons are clearly recorded and {child} was seen the next day.",
            "consent was discussed with the parent and recorded before checks, and the contact "
            "reached the assessment team within {few_hours} hours, so help for {child} started "
            "without delay.",
            "screening decisions seen were prompt and reasoned; partner checks came back within "
            "the day and the rationale was recorded in plain language.",
        ),
        "area-for-improvement": (
            "the contact waited {few_days} days before screening because of volume; health were "
            "not asked for information and the decision about {child} gives no reasons.",
            "consent was not discussed with the parent and the record does not say why it was "
            "set aside; what was shared about {child} was thin.",
            "most contacts are screened within a day, but managers said {many} waited over "
            "{few_days} days last month, some without partner checks.",
        ),
        "serious-weakness": (
            "a contact describing bruising to {child} waited {few_days} days in the screening "
            "queue and {child} was not seen; the risk was only picked up when {agency} rang again.",
        ),
        "context": (
            "the MASH receives about {contacts} contacts a week; police, health and education "
            "staff work in the hub alongside social workers.",
        ),
    },
    "hp.front-door.thresholds": {
        "strength": (
            "the referral from {agency} was well framed against the threshold guidance and the "
            "decision for {child} matched the level of need.",
            "partners knew the levels of need well; a school safeguarding lead described using "
            "the guidance to choose the right route and getting advice the same day.",
        ),
        "area-for-improvement": (
            "{child}'s referral went to a full assessment when advice to {agency} would have met "
            "the need; two similar contacts that week were handled differently.",
            "police send many domestic abuse notifications with no clear concern for a child; "
            "about {pct_mid}% end with no further action, which managers accept is too high.",
        ),
        "serious-weakness": (
            "{child}'s referral was closed with no further action although it described a "
            "pattern of injuries; the threshold decision left {child} unprotected for {weeks} "
            "weeks.",
        ),
        "context": (
            "the partnership refreshed its threshold guidance last year and trained about "
            "{hundreds} staff in schools and health, managers said.",
        ),
    },
    "hp.front-door.out-of-hours": {
        "strength": (
            "police called the emergency duty team {time}; the worker found a safe relative for "
            "{child} that night and the hand-over to the day team was clear and prompt.",
            "emergency duty hand-over notes reach daytime teams by nine each morning; managers "
            "showed a weekend referral followed up first thing on Monday.",
        ),
        "area-for-improvement": (
            "the emergency duty record for {child} is brief, and the day team did not act on it "
            "for {few_days} days, so the family was not contacted in that time.",
            "the emergency duty service has {count} workers overnight; managers said capacity is "
            "stretched at weekends and hand-overs vary in quality.",
        ),
        "serious-weakness": (
            "a police notification about {child} received {time} was never passed to the day "
            "team; nobody followed it up for {days} days while the risk continued.",
        ),
        "context": (
            "the emergency duty team is shared with a neighbouring council and works from the "
            "MASH building.",
        ),
    },
    "hp.protection.strategy-enquiries": {
        "strength": (
            "the strategy discussion was held the same day with police, health and {agency}; "
            "the section 47 enquiry saw {child} within {few_days} days and the safety plan is "
            "specific.",
            "a joint visit with police took place the day after the concern; {child} was seen "
            "and the enquiry reached a proportionate outcome with a clear safety plan.",
            "strategy discussions seen were prompt, well chaired and included every key agency; "
            "actions were agreed and recorded before the meeting closed.",
        ),
        "area-for-improvement": (
            "the strategy discussion for {child} took place {few_days} days after the referral "
            "and health did not attend; actions have no owners or timescales.",
            "the section 47 enquiry ended on the parents' account alone; the record does not show "
            "how {child}'s own experience was understood.",
            "health attendance at strategy discussions is inconsistent; managers said GP "
            "information is often missing when decisions are made.",
        ),
        "serious-weakness": (
            "a serious concern about {child} was raised but no strategy discussion was held for "
            "{days} days; {child} stayed at home with the adult concerned in the meantime.",
        ),
        "context": (
            "strategy discussions are held in the MASH, with a police detective sergeant and a "
            "safeguarding nurse as standing members.",
        ),
    },
    "hp.protection.conferences-plans": {
        "strength": (
            "the initial conference was held within {few_weeks} weeks; the plan says exactly "
            "what must change and core groups meet every {few_weeks} weeks. Risk to {child} has "
            "reduced.",
            "core group minutes show each action checked and updated; the parents attend and "
            "understand what is expected, and {child} is safer at home.",
            "the conference seen was child-focused; the chair checked the family understood, and "
            "the plan agreed was specific and measurable.",
        ),
        "area-for-improvement": (
            "{child} has been on a plan for {many_months} months; its actions have barely changed "
            "since the first conference and core groups have lapsed.",
            "the plan is generic, asking parents to 'engage with services', and gives no measure "
            "of progress for {child}.",
            "about {pct_low}% of children on plans have had one before; managers know this, but "
            "work to understand why is unfinished.",
        ),
        "serious-weakness": (
            "{child} has been on a plan for {many_months} months with no change to the neglect "
            "at home; the core group has not met for {weeks} weeks and nobody has escalated.",
        ),
        "context": (
            "about {hundreds} children are on child protection plans; conferences are chaired by "
            "the reviewing service.",
        ),
    },
}
