"""Which criteria have evidence, split by evaluation, and the evidence counts the rules use."""

from __future__ import annotations

from dataclasses import dataclass

from fieldwork.domain.framework import EvidenceCounts
from fieldwork.services.notebook import Notebook


@dataclass(frozen=True, slots=True)
class CriterionCoverage:
    criterion_id: str
    judgement_id: str
    theme_id: str
    strengths: int = 0
    areas_for_improvement: int = 0
    serious_weaknesses: int = 0
    context: int = 0
    escalations: int = 0

    @property
    def total(self) -> int:
        return self.strengths + self.areas_for_improvement + self.serious_weaknesses + self.context


_FIELD = {
    "strength": "strengths",
    "area-for-improvement": "areas_for_improvement",
    "serious-weakness": "serious_weaknesses",
    "context": "context",
}


def criterion_coverage(notebook: Notebook) -> tuple[CriterionCoverage, ...]:
    """Every criterion of the notebook's framework, in framework order, with its tag counts."""
    with notebook.unit_of_work(read_only=True) as uow:
        counts = uow.inspection.tag_counts()
    per: dict[str, dict[str, int]] = {}
    for criterion_id, evaluation, tags, escalations in counts:
        bucket = per.setdefault(criterion_id, {})
        name = _FIELD.get(evaluation)
        if name:
            bucket[name] = bucket.get(name, 0) + tags
        bucket["escalations"] = bucket.get("escalations", 0) + escalations
    return tuple(
        CriterionCoverage(c.id, c.judgement_id, c.theme_id, **per.get(c.id, {}))
        for c in notebook.framework.criteria
    )


def evidence_by_judgement(notebook: Notebook) -> dict[str, EvidenceCounts]:
    """Per judgement: tags by evaluation, escalations, and themes that have no evidence at all."""
    coverage = criterion_coverage(notebook)
    result: dict[str, EvidenceCounts] = {}
    for judgement in notebook.framework.judgements:
        rows = [c for c in coverage if c.judgement_id == judgement.id]
        empty_themes = sum(
            1
            for theme in judgement.themes
            if not any(c.total for c in rows if c.theme_id == theme.id)
        )
        result[judgement.id] = EvidenceCounts(
            notes=sum(c.total for c in rows),
            strengths=sum(c.strengths for c in rows),
            areas_for_improvement=sum(c.areas_for_improvement for c in rows),
            serious_weaknesses=sum(c.serious_weaknesses for c in rows),
            escalations=sum(c.escalations for c in rows),
            context=sum(c.context for c in rows),
            themes_without_evidence=empty_themes,
        )
    return result
