"""Consistency rules as data: check their conditions when loading, and evaluate them on grades."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from fieldwork.domain.framework import EVIDENCE_METRICS, EvidenceCounts, Framework, RuleWarning
from fieldwork.frameworks.problems import PathPart
from fieldwork.frameworks.schema import Report

_COMBINATORS = ("all", "any", "not")
_SHAPES: dict[str, set[str]] = {
    # the key that names a condition's shape -> the keys it may carry
    "grade": {"grade", "is", "better_than", "worse_than", "by_at_least", "by_at_most"},
    "apart": {"apart", "by_at_least"},
    "any_in": {"any_in", "is"},
    "every_in": {"every_in", "is"},
    "evidence": {"evidence", "of", "at_least", "more_than"},
}


class ConditionChecker:
    """Validates a rule's `when` against one framework's judgements, groups and grades."""

    def __init__(
        self,
        judgements: set[str],
        groups: set[str],
        grades: set[str],
        report: Report,
    ) -> None:
        self.judgements = judgements
        self.groups = groups | {"all"}
        self.grades = grades
        self.report = report

    def check(self, cond: Any, path: tuple[PathPart, ...], *, bound: bool) -> None:
        if not isinstance(cond, dict) or not cond:
            self.report(path, 'A condition should be a table such as { grade = "oe", is = [...] }.')
            return
        shape = next((k for k in (*_COMBINATORS, *_SHAPES) if k in cond), None)
        if shape is None:
            known = ", ".join((*_COMBINATORS, *_SHAPES))
            self.report(
                path, f"Unknown condition {sorted(cond)}; a condition starts with one of: {known}."
            )
            return
        if shape in _COMBINATORS:
            extra = set(cond) - {shape}
            if extra:
                self.report(
                    path, f"'{shape}' cannot be combined with {sorted(extra)} in one table."
                )
            inner = cond[shape]
            if shape == "not":
                self.check(inner, (*path, "not"), bound=bound)
            elif not isinstance(inner, list) or not inner:
                self.report((*path, shape), f"'{shape}' should be a non-empty list of conditions.")
            else:
                for index, item in enumerate(inner):
                    self.check(item, (*path, shape, index), bound=bound)
            return
        extra = set(cond) - _SHAPES[shape]
        if extra:
            self.report(path, f"Unknown key(s) {sorted(extra)} in a '{shape}' condition.")
        getattr(self, f"_check_{shape}")(cond, path, bound)

    def _check_grade(self, cond: dict[str, Any], path: tuple[PathPart, ...], bound: bool) -> None:
        self._ref(cond["grade"], (*path, "grade"), bound)
        comparisons = [k for k in ("is", "better_than", "worse_than") if k in cond]
        if len(comparisons) != 1:
            self.report(
                path, "A 'grade' condition needs exactly one of 'is', 'better_than', 'worse_than'."
            )
            return
        if "is" in cond:
            self._grade_list(cond["is"], (*path, "is"))
        else:
            self._ref(cond[comparisons[0]], (*path, comparisons[0]), bound)
        self._bounds(cond, path)

    def _check_apart(self, cond: dict[str, Any], path: tuple[PathPart, ...], bound: bool) -> None:
        pair = cond["apart"]
        if not isinstance(pair, list) or len(pair) != 2:
            self.report((*path, "apart"), "'apart' should list exactly two judgements.")
            return
        for index, ref in enumerate(pair):
            self._ref(ref, (*path, "apart", index), bound)
        self._bounds(cond, path)

    def _check_any_in(self, cond: dict[str, Any], path: tuple[PathPart, ...], bound: bool) -> None:
        self._group(cond["any_in"], (*path, "any_in"))
        self._grade_list(cond.get("is"), (*path, "is"))

    def _check_every_in(
        self, cond: dict[str, Any], path: tuple[PathPart, ...], bound: bool
    ) -> None:
        self._group(cond["every_in"], (*path, "every_in"))
        self._grade_list(cond.get("is"), (*path, "is"))

    def _check_evidence(
        self, cond: dict[str, Any], path: tuple[PathPart, ...], bound: bool
    ) -> None:
        self._metric(cond["evidence"], (*path, "evidence"))
        of = cond.get("of", "$")
        if isinstance(of, str) and (of.startswith("best:") or of.startswith("worst:")):
            self.report(
                (*path, "of"), "'of' must name one judgement, not a best or worst of a group."
            )
        else:
            self._ref(of, (*path, "of"), bound)
        tests = [k for k in ("at_least", "more_than") if k in cond]
        if len(tests) != 1:
            self.report(
                path, "An 'evidence' condition needs exactly one of 'at_least', 'more_than'."
            )
        elif "at_least" in cond:
            self._count(cond["at_least"], (*path, "at_least"))
        else:
            self._metric(cond["more_than"], (*path, "more_than"))

    def _ref(self, ref: Any, path: tuple[PathPart, ...], bound: bool) -> None:
        if not isinstance(ref, str):
            self.report(path, 'A judgement reference should be text, e.g. "hp" or "best:practice".')
        elif ref == "$":
            if not bound:
                self.report(
                    path, "'$' stands for the judgement being checked; add for_each to the rule."
                )
        elif ref.startswith(("best:", "worst:")):
            self._group(ref.split(":", 1)[1], path)
        elif ref not in self.judgements:
            self.report(
                path, f"Unknown judgement '{ref}' (known: {', '.join(sorted(self.judgements))})."
            )

    def _group(self, name: Any, path: tuple[PathPart, ...]) -> None:
        if not isinstance(name, str) or name not in self.groups:
            self.report(path, f"Unknown group '{name}' (known: {', '.join(sorted(self.groups))}).")

    def _grade_list(self, grades: Any, path: tuple[PathPart, ...]) -> None:
        if not isinstance(grades, list) or not grades:
            self.report(path, "'is' should be a non-empty list of grade ids.")
            return
        for grade in grades:
            if grade not in self.grades:
                self.report(
                    path,
                    f"Unknown grade '{grade}' (the scale has: {', '.join(sorted(self.grades))}).",
                )

    def _metric(self, metric: Any, path: tuple[PathPart, ...]) -> None:
        if metric not in EVIDENCE_METRICS:
            self.report(
                path, f"Unknown evidence count '{metric}' (known: {', '.join(EVIDENCE_METRICS)})."
            )

    def _count(self, value: Any, path: tuple[PathPart, ...]) -> None:
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            self.report(path, "This should be a whole number, 0 or more.")

    def _bounds(self, cond: dict[str, Any], path: tuple[PathPart, ...]) -> None:
        for key in ("by_at_least", "by_at_most"):
            if key in cond:
                self._count(cond[key], (*path, key))


def freeze(value: Any) -> Any:
    """A read-only copy of parsed TOML data (tables become mappings, lists become tuples)."""
    if isinstance(value, dict):
        return MappingProxyType({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(freeze(v) for v in value)
    return value


class _Evaluation:
    def __init__(
        self,
        framework: Framework,
        grades: Mapping[str, str | None],
        evidence: Mapping[str, EvidenceCounts],
        bound: str | None,
    ) -> None:
        self.framework = framework
        self.grades = grades
        self.evidence = evidence
        self.bound = bound
        self.touched: set[str] = set()

    def order(self, ref: str) -> int | None:
        if ref == "$":
            ref = self.bound or ""
        if ref.startswith(("best:", "worst:")):
            kind, group = ref.split(":", 1)
            orders = [
                o for o in (self.order(j) for j in self.framework.group(group)) if o is not None
            ]
            if not orders:
                return None
            return min(orders) if kind == "best" else max(orders)
        grade = self.grades.get(ref)
        if grade is None or grade not in self.framework.grades.ids:
            return None
        self.touched.add(ref)
        return self.framework.grades.order_of(grade)

    def test(self, cond: Mapping[str, Any]) -> bool:
        if "all" in cond:
            return all(self.test(c) for c in cond["all"])
        if "any" in cond:
            return any(self.test(c) for c in cond["any"])
        if "not" in cond:
            return not self.test(cond["not"])
        if "grade" in cond:
            return self._grade(cond)
        if "apart" in cond:
            first, second = (self.order(r) for r in cond["apart"])
            return (
                first is not None
                and second is not None
                and abs(first - second) >= int(cond.get("by_at_least", 1))
            )
        if "any_in" in cond or "every_in" in cond:
            group = cond.get("any_in") or cond["every_in"]
            wanted = {self.framework.grades.order_of(g) for g in cond["is"]}
            orders = [self.order(j) for j in self.framework.group(group)]
            if "any_in" in cond:
                return any(o in wanted for o in orders if o is not None)
            return bool(orders) and all(o is not None and o in wanted for o in orders)
        return self._evidence(cond)

    def _grade(self, cond: Mapping[str, Any]) -> bool:
        mine = self.order(cond["grade"])
        if mine is None:
            return False
        if "is" in cond:
            return mine in {self.framework.grades.order_of(g) for g in cond["is"]}
        other_ref = cond.get("better_than") or cond["worse_than"]
        other = self.order(other_ref)
        if other is None:
            return False
        gap = other - mine if "better_than" in cond else mine - other
        low = int(cond.get("by_at_least", 1))
        high = cond.get("by_at_most")
        return gap >= low and (high is None or gap <= int(high))

    def _evidence(self, cond: Mapping[str, Any]) -> bool:
        of = cond.get("of", "$")
        judgement = self.bound if of == "$" else of
        counts = self.evidence.get(judgement or "", EvidenceCounts())
        value = counts.metric(cond["evidence"])
        if "at_least" in cond:
            return value >= int(cond["at_least"])
        return value > counts.metric(cond["more_than"])


def evaluate_rules(
    framework: Framework,
    grades: Mapping[str, str | None],
    evidence: Mapping[str, EvidenceCounts] | None = None,
) -> tuple[RuleWarning, ...]:
    """Every rule that fires for these provisional grades; rules warn and never set a grade."""
    evidence = evidence or {}
    warnings: list[RuleWarning] = []
    for rule in framework.rules:
        targets: list[str | None] = [None]
        if rule.for_each:
            targets = [j for j in framework.group(rule.for_each) if grades.get(j)]
        for target in targets:
            run = _Evaluation(framework, grades, evidence, target)
            if run.test(rule.when):
                involved = {target} if target else run.touched
                ordered = tuple(j.id for j in framework.judgements if j.id in involved)
                warnings.append(RuleWarning(rule.id, rule.severity, rule.message, ordered))
    return tuple(warnings)
