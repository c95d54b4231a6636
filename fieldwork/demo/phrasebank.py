"""Evidence-note writing: per-criterion templates, seeded slots, and the note's anchor and source."""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from fieldwork.demo import phrasebank_words as words
from fieldwork.demo.phrasebank_care import CARE_PHRASES
from fieldwork.demo.phrasebank_help import HELP_PHRASES
from fieldwork.demo.phrasebank_leaders import LEADERS_PHRASES
from fieldwork.demo.phrasebank_leavers import LEAVERS_PHRASES
from fieldwork.demo.phrasebank_practice import PRACTICE_PHRASES
from fieldwork.demo.phrasebank_setting import NOT_FOR_YOUNG_CHILDREN, YOUNG_AGE_BANDS

# Per criterion and evaluation: templates. Those naming {child}/{Child} are about one child.
PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    **HELP_PHRASES,
    **PRACTICE_PHRASES,
    **CARE_PHRASES,
    **LEAVERS_PHRASES,
    **LEADERS_PHRASES,
}


@dataclass(frozen=True, slots=True)
class Child:
    """The child a note is about, as the anchor and slots need them (never a name)."""

    reference: str  # "C-014"
    status: str  # a legal status id
    age_band: str
    team: str
    worker: str  # the allocated worker's pseudonym, "P07"
    worker_role: str
    agency_worker: bool = False


@dataclass(frozen=True, slots=True)
class Occasion:
    """Where a note was written: the activity, who told the inspector, whom they spoke to."""

    kind: str  # an activity kind id
    title: str
    teller: str = "the worker"
    family: str = ""
    partners: tuple[str, ...] = ()  # partner agencies present, for service notes


@dataclass(frozen=True, slots=True)
class Written:
    text: str
    about_child: bool  # False: the note speaks about the service, whatever the activity
    extra_criteria: tuple[str, ...]  # further criteria the note supports, for extra tags


def capitalise(text: str) -> str:
    """Upper-case the first letter only ("the child" -> "The child"; "MASH" stays)."""
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """A heading inside a sentence: "Young carers" -> "young carers"; "MASH ..." stays."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def is_case_template(template: str) -> bool:
    """Whether a template is about one child (names the child) rather than the service."""
    return "{child}" in template or "{Child}" in template


@cache
def templates(
    criterion_id: str, evaluation: str, about_child: bool
) -> tuple[tuple[str, ...], bool]:
    """Templates for a criterion and evaluation, and whether they are about one child.

    A note that may be about a child prefers templates that are, and falls back to service
    ones; a service note takes only service templates; unknown criteria use the generic set.
    """
    known = PHRASES.get(criterion_id, {}).get(evaluation, ())
    pool = known or words.GENERIC_PHRASES[evaluation]
    child_templates = tuple(t for t in pool if is_case_template(t))
    if evaluation == "context" and not child_templates:
        child_templates = words.CHILD_CONTEXT
    service_templates = tuple(t for t in pool if not is_case_template(t))
    if about_child and child_templates:
        return child_templates, True
    if service_templates:
        return service_templates, False
    generic = words.GENERIC_PHRASES[evaluation]
    return tuple(t for t in generic if not is_case_template(t)), False


def has_serious(criterion_id: str, about_child: bool) -> bool:
    """Whether the bank can write a serious weakness for this criterion about a child (or not)."""
    known = PHRASES.get(criterion_id)
    if known is None:
        return True  # the generic set covers both
    return any(is_case_template(t) == about_child for t in known.get("serious-weakness", ()))


class Slots(dict[str, str]):
    """Template slots, chosen lazily from seeded pools so a template pays only for what it uses.

    "{Child}" is "{child}" at the start of a sentence: the same choice with a capital letter.
    """

    __slots__ = ("_overrides", "_rng")

    def __init__(
        self,
        rng: random.Random,
        fixed: Mapping[str, str],
        overrides: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        super().__init__(fixed)
        self._rng = rng
        self._overrides = overrides or {}

    def __missing__(self, key: str) -> str:
        lower = key[:1].lower() + key[1:]
        if lower != key:
            value = capitalise(self[lower])
        else:
            value = self._rng.choice(self._overrides.get(key) or words.SLOT_POOLS[key])
        self[key] = value
        return value


class NoteWriter:
    """Writes a note's text: anchor, finding, evaluative label, cross-cutting line, source.

    Rules of the bank (section 8.5): anchored on a child or an activity, specific, evaluative,
    about the impact on the child, sourced, 25 to 80 words, roles and pseudonyms, never names.
    """

    def __init__(
        self,
        rng: random.Random,
        topics: Mapping[str, str],
        keywords: Mapping[str, tuple[str, ...]],
        siblings: Mapping[str, tuple[str, ...]],
        available: frozenset[str],
    ) -> None:
        self._rng = rng
        self._topics = topics
        self._keywords = keywords
        self._siblings = siblings
        self._available = available

    def write(
        self,
        occasion: Occasion,
        child: Child | None,
        criterion: str,
        evaluation: str,
        source: str,
        corroborated: bool,
        escalate: bool,
    ) -> Written:
        rng = self._rng
        pool, about_child = templates(criterion, evaluation, child is not None)
        subject = child if about_child else None
        conversation = occasion.kind == "conversation-child-family"
        # A parent's or carer's view in their own terms (a young person's view is the child's).
        voiced = subject is not None and conversation and occasion.family in words.ADULT_VOICES
        if voiced and rng.random() < 0.5:
            pool = words.FAMILY_VOICE.get(evaluation, pool)
        slots = self._slots(occasion, subject, criterion)
        finding = rng.choice(pool).format_map(slots)
        parts = [_anchor(occasion, subject, evaluation), finding]
        if rng.random() < words.TAIL_CHANCE.get(evaluation, 0.0):
            tails = words.TAILS if subject else words.SERVICE_TAILS
            parts.append(rng.choice(tails[evaluation]))
        lines = subject is not None and not conversation  # families are not asked about oversight
        extra = self._extra_tags(subject if lines else None, criterion, evaluation, slots, parts)
        if subject is None and len(finding.split()) < words.SHORT_FINDING_WORDS:
            parts.append(rng.choice(words.FOLLOW_UPS[evaluation]).format_map(slots))
        sentences = words.SOURCE_SENTENCES[source]
        if subject and source == "data":
            sentences = words.CHILD_DATA_SENTENCES
        parts.append(rng.choice(sentences[corroborated]).format_map(slots))
        if escalate:
            parts.append(rng.choice(words.ESCALATIONS).format_map(slots))
        return Written(" ".join(parts), about_child, extra)

    def _extra_tags(
        self, child: Child | None, criterion: str, evaluation: str, slots: Slots, parts: list[str]
    ) -> tuple[str, ...]:
        """Criteria for a second or third tag: a cross-cutting line added to the text (about a
        child), or at most one neighbour in the theme, which the finding speaks to loosely."""
        rng = self._rng
        extra: list[str] = []
        roll = rng.random()  # one tag for half the notes, two for most others, now and then three
        for _ in range(0 if roll < 0.5 else 1 if roll < 0.88 else 2):
            taken = {criterion, *extra}
            weighed = evaluation in ("strength", "area-for-improvement")
            line = None
            if child and weighed and rng.random() < 0.5:
                line = self._addendum(child, criterion, evaluation, taken, slots)
            if line:
                extra.append(line[0])
                parts.append(line[1])
                continue
            neighbours = self._siblings.get(criterion, ())
            siblings = [c for c in neighbours if c not in taken]
            if siblings and not any(c in neighbours for c in extra):
                extra.append(rng.choice(siblings))
        return tuple(extra)

    def _slots(self, occasion: Occasion, child: Child | None, criterion: str) -> Slots:
        overrides = {"keyword": self._keywords[criterion], "topic": (self._topics[criterion],)}
        if occasion.family:
            overrides["family"] = (occasion.family,)
        if child is None:
            if occasion.partners:  # a child's own agencies are named by age below
                overrides["agency"] = occasion.partners
            return Slots(self._rng, {"teller": occasion.teller}, overrides)
        young = child.age_band in YOUNG_AGE_BANDS
        adult = child.age_band in words.ADULT_BANDS
        agencies = words.AGENCIES_YOUNG if young else words.AGENCIES_OLDER
        if child.status == "child-in-care" and not young:
            agencies = words.AGENCIES_IN_CARE
        overrides["agency"] = words.AGENCIES_ADULT if adult else agencies
        overrides.setdefault("family", words.FAMILY_WORDS.get(child.status, words.PARENTS))
        fixed = {
            "child": words.CHILD_WORDS.get(
                child.age_band, "the young person" if adult else "the child"
            ),
            "worker": "the " + child.worker_role.split(" (")[0],
            "teller": child.worker,
        }
        return Slots(self._rng, fixed, overrides)

    def _addendum(
        self, child: Child, criterion: str, evaluation: str, taken: set[str], slots: Slots
    ) -> tuple[str, str] | None:
        """A cross-cutting line (oversight, stability, the child's voice) and its criterion."""
        young = child.age_band in YOUNG_AGE_BANDS
        options = [
            option
            for option in words.ADDENDA[""] + words.ADDENDA.get(criterion.split(".", 1)[0], ())
            if option[0] in self._available
            and option[0] not in taken
            and not (young and option[0] in NOT_FOR_YOUNG_CHILDREN)
        ]
        if not options:
            return None
        target, stronger, weaker = self._rng.choice(options)
        lines = stronger if evaluation == "strength" else weaker
        return target, self._rng.choice(lines).format_map(slots)


def _anchor(occasion: Occasion, child: Child | None, evaluation: str) -> str:
    """ "C-012 (child protection plan, 5–9), with P07 (social worker, FH):" or the activity's title."""
    text = occasion.title
    if child is not None:
        role = words.ANCHOR_ROLES.get(child.worker_role, child.worker_role)
        text = words.CASE_ANCHORS.get(occasion.kind, words.DEFAULT_CASE_ANCHOR).format(
            ref=child.reference,
            status=words.STATUS_LABELS.get(child.status, "other"),
            age=child.age_band.replace("-", "\u2013"),
            pseud=child.worker,
            role=("agency " if child.agency_worker else "") + role,
            team=child.team,
            family=occasion.family or "the family",
            what="observed " + occasion.title.split(": ", 1)[-1].split(" for ")[0].lower(),
        )
    return text + (" \u2014 context:" if evaluation == "context" else ":")
