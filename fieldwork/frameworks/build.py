"""Turning checked framework tables into the immutable Framework (after every problem is ruled out)."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, cast

from fieldwork.domain.framework import (
    Criterion,
    Framework,
    GradeScale,
    Judgement,
    JudgementKind,
    Mapping,
    Rule,
    Severity,
    Theme,
)
from fieldwork.frameworks.rules import freeze


def build_framework(
    meta: dict[str, Any],
    scale: GradeScale,
    judgements: list[tuple[int, dict[str, Any]]],
    themes: list[tuple[int, dict[str, Any]]],
    criteria: list[tuple[int, dict[str, Any]]],
    groups: dict[str, tuple[str, ...]],
    rules: list[tuple[int, dict[str, Any]]],
    mappings: list[tuple[int, dict[str, Any]]],
    file: str,
) -> Framework:
    index: dict[str, Any] = {}
    theme_of = {t["id"]: t for _, t in themes}
    built_themes: dict[str, list[Theme]] = {}
    crits_by_theme: dict[str, list[Criterion]] = {}
    for _, c in criteria:
        judgement_id = theme_of[c["theme"]]["judgement"]
        features = tuple((g, c["features"][g]) for g in scale.ids if g in c["features"])
        crit = Criterion(
            c["id"],
            c["theme"],
            judgement_id,
            c["heading"],
            c["good"],
            features,
            tuple(c["keywords"]),
            c.get("national_framework"),
        )
        crits_by_theme.setdefault(c["theme"], []).append(crit)
        index[crit.id] = crit
    for _, t in themes:
        theme = Theme(
            t["id"], t["judgement"], t["title"], t["good"], tuple(crits_by_theme[t["id"]])
        )
        built_themes.setdefault(t["judgement"], []).append(theme)
        index[theme.id] = theme
    built: list[Judgement] = []
    for _, j in sorted(judgements, key=lambda p: p[1]["table_order"]):
        judgement = Judgement(
            j["id"],
            j["title"],
            j["short_title"],
            j["table_order"],
            j["body_order"],
            cast(JudgementKind, j["kind"]),
            tuple(built_themes[j["id"]]),
            j.get("description", ""),
        )
        built.append(judgement)
        index[judgement.id] = judgement

    def pairs(table: dict[str, list[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return tuple((k, tuple(v)) for k, v in table.items())

    return Framework(
        id=meta["id"],
        family=meta["family"],
        title=meta["title"],
        version=meta["version"],
        in_force_from=meta["in_force_from"],
        in_force_to=meta.get("in_force_to"),
        source_note=meta["source_note"],
        paraphrase=meta["paraphrase"],
        grades=scale,
        judgements=tuple(built),
        groups=tuple(groups.items()),
        mappings=tuple(
            Mapping(
                m["from"],
                pairs(m.get("judgements", {})),
                pairs(m.get("criteria", {})),
                tuple(m.get("removed", [])),
                pairs(m.get("reverse", {})),
            )
            for _, m in mappings
        ),
        rules=tuple(
            Rule(
                r["id"],
                cast(Severity, r["severity"]),
                r["message"],
                r.get("source", ""),
                freeze(r["when"]),
                r.get("for_each"),
            )
            for _, r in rules
        ),
        revisions=tuple(meta.get("revisions", [])),
        origin=file,
        _index=MappingProxyType(index),
    )
