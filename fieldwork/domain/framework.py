"""An inspection framework as immutable data: grades, judgements, themes, criteria, rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any, Literal

JudgementKind = Literal["graded", "headline", "limiting"]
Severity = Literal["warning", "notice"]
EVIDENCE_METRICS = (
    "notes",
    "strengths",
    "areas-for-improvement",
    "serious-weaknesses",
    "escalations",
    "context",
    "themes-without-evidence",
)


@dataclass(frozen=True, slots=True)
class Grade:
    id: str
    label: str
    order: int  # 1 is best
    meaning: str


@dataclass(frozen=True, slots=True)
class GradeScale:
    grades: tuple[Grade, ...]  # best first
    benchmark: str

    def get(self, grade_id: str) -> Grade:
        for grade in self.grades:
            if grade.id == grade_id:
                return grade
        raise KeyError(grade_id)

    def order_of(self, grade_id: str) -> int:
        return self.get(grade_id).order

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(g.id for g in self.grades)


@dataclass(frozen=True, slots=True)
class Criterion:
    id: str
    theme_id: str
    judgement_id: str
    heading: str
    good: str
    features: tuple[tuple[str, str], ...]  # (grade id, what distinguishes it)
    keywords: tuple[str, ...]
    national_framework: str | None = None


@dataclass(frozen=True, slots=True)
class Theme:
    id: str
    judgement_id: str
    title: str
    good: str
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True, slots=True)
class Judgement:
    id: str
    title: str
    short_title: str
    table_order: int
    body_order: int
    kind: JudgementKind
    themes: tuple[Theme, ...]
    description: str = ""

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for t in self.themes for c in t.criteria)


@dataclass(frozen=True, slots=True)
class Mapping:
    """How an earlier framework's ids show under this one."""

    source_id: str
    judgements: tuple[tuple[str, tuple[str, ...]], ...]
    criteria: tuple[tuple[str, tuple[str, ...]], ...]
    removed: tuple[str, ...]
    reverse: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    message: str
    source: str
    when: Any  # a validated condition tree (nested read-only mappings and tuples)
    for_each: str | None = None


@dataclass(frozen=True, slots=True)
class Framework:
    id: str
    family: str
    title: str
    version: str
    in_force_from: date
    in_force_to: date | None
    source_note: str
    paraphrase: bool
    grades: GradeScale
    judgements: tuple[Judgement, ...]  # in report-table order
    groups: tuple[tuple[str, tuple[str, ...]], ...]
    mappings: tuple[Mapping, ...]
    rules: tuple[Rule, ...]
    revisions: tuple[str, ...] = ()
    origin: str = ""  # where it was loaded from (file name), for messages
    _index: MappingProxyType[str, Any] = field(
        default_factory=lambda: MappingProxyType({}), repr=False, compare=False
    )

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for j in self.judgements for c in j.criteria)

    @property
    def themes(self) -> tuple[Theme, ...]:
        return tuple(t for j in self.judgements for t in j.themes)

    @property
    def body_order(self) -> tuple[Judgement, ...]:
        return tuple(sorted(self.judgements, key=lambda j: j.body_order))

    def judgement(self, judgement_id: str) -> Judgement:
        found = self._index.get(judgement_id)
        if not isinstance(found, Judgement):
            raise KeyError(judgement_id)
        return found

    def theme(self, theme_id: str) -> Theme:
        found = self._index.get(theme_id)
        if not isinstance(found, Theme):
            raise KeyError(theme_id)
        return found

    def criterion(self, criterion_id: str) -> Criterion:
        found = self._index.get(criterion_id)
        if not isinstance(found, Criterion):
            raise KeyError(criterion_id)
        return found

    def has(self, any_id: str) -> bool:
        return any_id in self._index

    def group(self, name: str) -> tuple[str, ...]:
        if name == "all":
            return tuple(j.id for j in self.judgements)
        return dict(self.groups)[name]


@dataclass(frozen=True, slots=True)
class RuleWarning:
    """A consistency rule that fired: shown next to the grades, never changes one."""

    rule_id: str
    severity: Severity
    message: str
    judgement_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EvidenceCounts:
    """Evidence tagged to one judgement, as the rules see it."""

    notes: int = 0
    strengths: int = 0
    areas_for_improvement: int = 0
    serious_weaknesses: int = 0
    escalations: int = 0
    context: int = 0
    themes_without_evidence: int = 0

    def metric(self, name: str) -> int:
        return int(getattr(self, name.replace("-", "_")))
