"""The demo's key lines of enquiry and provisional judgements, drawn from its generated notes."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import cast

from fieldwork.demo import phrasebank as bank
from fieldwork.demo import phrasebank_setting as setting
from fieldwork.demo import phrasebank_words as words
from fieldwork.demo import timetable
from fieldwork.domain.evidence import Enquiry, EnquiryStatus, NoteDraft, ProvisionalJudgement
from fieldwork.domain.framework import Framework
from fieldwork.domain.ids import EnquiryId

STRENGTH, IMPROVE, CONTEXT = "strength", "area-for-improvement", "context"


def enquiries_for(
    rng: random.Random,
    framework: Framework,
    judgement_of: Mapping[str, str],
    drafts: Sequence[NoteDraft],
) -> tuple[Enquiry, ...]:
    """Six to eight lines of enquiry: about half answered by notes, one or two partly, the rest open."""
    questions = []
    for alternatives in words.ENQUIRIES:
        found = next(((c, q) for c, q in alternatives if c in judgement_of), None)
        if found:
            questions.append(found)
    wanted = rng.choice((6, 7, 8))
    asked = {c for c, _ in questions}
    spare = [c for c in framework.criteria if c.id not in asked]
    for c in rng.sample(spare, max(0, min(len(spare), wanted - len(questions)))):
        topic = bank.lower_first(c.heading)
        questions.append((c.id, words.GENERIC_ENQUIRY.format(topic=topic)))
    questions = questions[:wanted]
    statuses = ["answered"] * (wanted // 2) + ["partly-answered"] * (2 if wanted >= 7 else 1)
    statuses = (statuses + ["open"] * len(questions))[: len(questions)]
    rng.shuffle(statuses)
    evidence: dict[str, list[NoteDraft]] = {}
    for draft in drafts:
        if draft.tags[0].evaluation != CONTEXT:
            evidence.setdefault(draft.tags[0].criterion_id, []).append(draft)
    enquiries = []
    for (criterion, question), status in zip(questions, statuses, strict=True):
        wanted_notes = {"answered": 3, "partly-answered": 1}.get(status, 0)
        chosen = _prefer_corroborated(rng, evidence.get(criterion, []), wanted_notes)
        enquiries.append(
            Enquiry(
                EnquiryId(timetable.seeded_uuid(rng)),
                question,
                cast(EnquiryStatus, status if chosen else "open"),
                judgement_of[criterion],
                tuple(d.id for d in chosen),
            )
        )
    return tuple(enquiries)


def judgements_for(
    rng: random.Random,
    framework: Framework,
    judgement_of: Mapping[str, str],
    drafts: Sequence[NoteDraft],
) -> tuple[ProvisionalJudgement, ...]:
    """A provisional grade per judgement (section 8.1 for ILACS), a rationale, notes behind it."""
    ilacs = framework.family == "ilacs"
    by_judgement: dict[str, list[NoteDraft]] = {}
    for draft in drafts:
        by_judgement.setdefault(judgement_of[draft.tags[0].criterion_id], []).append(draft)
    benchmark = framework.grades.benchmark
    result = []
    for judgement in framework.judgements:
        grade = setting.PROVISIONAL_GRADES.get(judgement.id, benchmark) if ilacs else benchmark
        grade = grade if grade in framework.grades.ids else benchmark
        notes = by_judgement.get(judgement.id, [])
        strengths = [d for d in notes if d.tags[0].evaluation == STRENGTH]
        weaker = [d for d in notes if d.tags[0].evaluation == IMPROVE]
        rationale = (words.RATIONALES.get(judgement.id) if ilacs else None) or (
            words.GENERIC_RATIONALE.format(
                title=judgement.short_title,
                strengths=len(strengths),
                afis=len(weaker),
                grade=framework.grades.get(grade).label.lower(),
            )
        )
        wanted = rng.randint(3, 6)
        below = framework.grades.order_of(grade) > framework.grades.order_of(benchmark)
        chosen = _prefer_corroborated(rng, weaker, wanted // 2 if below else 1)
        chosen += _prefer_corroborated(rng, strengths, wanted - len(chosen))
        spare = [d for d in weaker if d not in chosen]  # too few strengths: more of the rest
        chosen += _prefer_corroborated(rng, spare, wanted - len(chosen))
        supporting = tuple(d.id for d in chosen)
        result.append(ProvisionalJudgement(judgement.id, grade, rationale, supporting))
    return tuple(result)


def _prefer_corroborated(rng: random.Random, notes: Sequence[NoteDraft], k: int) -> list[NoteDraft]:
    ranked = sorted(notes, key=lambda d: (not d.tags[0].corroborated, rng.random()))
    return ranked[:k]
