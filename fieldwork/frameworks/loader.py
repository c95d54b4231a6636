"""Load one framework file: parse, check against the schema, report every problem, build it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from fieldwork.domain.errors import FrameworkFileError
from fieldwork.domain.framework import (
    Framework,
    Grade,
    GradeScale,
)
from fieldwork.frameworks import schema as s
from fieldwork.frameworks.build import build_framework
from fieldwork.frameworks.parsing import parse_framework_bytes
from fieldwork.frameworks.problems import LineFinder, PathPart, Problem, describe_path
from fieldwork.frameworks.rules import ConditionChecker


class _Collector:
    """Collects problems with their line and readable place."""

    def __init__(self, file: str, text: str, raw: dict[str, Any]) -> None:
        self.file = file
        self.lines = LineFinder(text)
        self.raw = raw
        self.problems: list[Problem] = []

    def __call__(self, path: tuple[PathPart, ...], message: str) -> None:
        self.problems.append(
            Problem(
                self.file, self.lines.line_of(path), describe_path(path, self._ident(path)), message
            )
        )

    def _ident(self, path: tuple[PathPart, ...]) -> str | None:
        if len(path) >= 2 and isinstance(path[0], str) and isinstance(path[1], int):
            table = self.raw.get(path[0])
            if (
                isinstance(table, list)
                and path[1] < len(table)
                and isinstance(table[path[1]], dict)
            ):
                ident = table[path[1]].get("id") or table[path[1]].get("from")
                return ident if isinstance(ident, str) else None
        return None


def load_framework_file(path: Path) -> Framework:
    """Load and validate a framework file from anywhere; raise FrameworkFileError listing problems."""
    name = Path(path).name
    try:
        size = Path(path).stat().st_size
        if size > s.MAX_FILE_BYTES:
            raise _error(
                [
                    Problem(
                        name,
                        None,
                        "",
                        f"The file is {size / 1048576:.1f} MB; framework files may be at most 5 MB.",
                    )
                ]
            )
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise _error([Problem(name, None, "", "The file does not exist.")]) from None
    except IsADirectoryError:
        raise _error([Problem(name, None, "", "This is a folder, not a framework file.")]) from None
    except PermissionError:
        raise _error(
            [Problem(name, None, "", "Fieldwork is not allowed to read this file.")]
        ) from None
    return load_framework_bytes(data, name)


def load_framework_bytes(data: bytes, file: str) -> Framework:
    """Validate and build a framework from a file's bytes; `file` names it in messages."""
    framework, problems = check_framework_bytes(data, file)
    if framework is None:
        raise _error(problems)
    return framework


def check_framework_bytes(data: bytes, file: str) -> tuple[Framework | None, list[Problem]]:
    """The framework (None if unusable) and every problem found in the file."""
    raw, text, problems = parse_framework_bytes(data, file)
    if raw is None:
        return None, problems
    report = _Collector(file, text, raw)
    if not _check_format(raw, report):
        return None, report.problems
    if not s.check_fields(raw, s.TOP_LEVEL, (), report):
        return None, report.problems
    framework = _check_and_build(raw, report, file)
    return (framework if not report.problems else None), report.problems


def _error(problems: list[Problem]) -> FrameworkFileError:
    count = len(problems)
    first = problems[0] if problems else None
    message = (
        f"{first.file} has {count} problem{'s' if count != 1 else ''}; the first: {first}"
        if first
        else "The framework file could not be read."
    )
    return FrameworkFileError(
        message, detail="\n".join(map(str, problems)), problems=tuple(problems)
    )


def _check_format(raw: dict[str, Any], report: _Collector) -> bool:
    if raw.get("format") != s.FORMAT_NAME:
        report(
            ("format",),
            f'This is not a Fieldwork framework file: the first line should be format = "{s.FORMAT_NAME}".',
        )
        return False
    version = raw.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        report(("format_version",), "'format_version' should be a whole number.")
        return False
    if version > s.FORMAT_VERSION:
        report(
            ("format_version",),
            f"Made for a newer Fieldwork (format version {version}); update Fieldwork to use it.",
        )
        return False
    if version < 1:
        report(("format_version",), f"Unknown format version {version}.")
        return False
    return True


def _tables(
    raw: dict[str, Any], name: str, spec: dict[str, s.Field], report: _Collector
) -> list[tuple[int, dict[str, Any]]]:
    """The tables of a [[list]], each checked; those without a usable id are left out, so a table
    missing some other field is still known to the tables that refer to it."""
    key = "from" if name == "mappings" else "id"
    usable = []
    for index, table in enumerate(raw.get(name, [])):
        s.check_fields(table, spec, (name, index), report)
        if isinstance(table.get(key), str) and s.ID_PATTERN.match(table[key]):
            usable.append((index, table))
    return usable


def _unique(
    items: list[tuple[int, dict[str, Any]]], name: str, seen: dict[str, str], report: _Collector
) -> None:
    for index, table in items:
        ident = table["id"]
        if ident in seen:
            report(
                (name, index, "id"), f"Duplicate id '{ident}' (already used by a {seen[ident]})."
            )
        else:
            seen[ident] = name.rstrip("s").replace("criteri", "criterion")


def _check_and_build(raw: dict[str, Any], report: _Collector, file: str) -> Framework | None:
    meta = raw["framework"]
    meta_ok = s.check_fields(meta, s.FRAMEWORK, ("framework",), report)
    scale = _check_grades(raw["grades"], report)
    grade_ids = set(scale.ids) if scale else set()

    judgements = _tables(raw, "judgements", s.JUDGEMENT, report)
    themes = _tables(raw, "themes", s.THEME, report)
    criteria = _tables(raw, "criteria", s.CRITERION, report)
    seen: dict[str, str] = {}
    for name, items in (("judgements", judgements), ("themes", themes), ("criteria", criteria)):
        _unique(items, name, seen, report)

    judgement_ids = {t["id"] for _, t in judgements}
    for index, table in judgements:
        if isinstance(table.get("kind"), str) and table["kind"] not in s.JUDGEMENT_KINDS:
            report(
                ("judgements", index, "kind"),
                f"Unknown kind '{table['kind']}' (use graded, headline or limiting).",
            )
    for key in ("table_order", "body_order"):
        counts = Counter(t.get(key) for _, t in judgements)
        for index, table in judgements:
            if isinstance(table.get(key), int) and counts[table[key]] > 1:
                report(("judgements", index, key), f"Two judgements share {key} {table[key]}.")
    if not raw.get("judgements"):
        report(("judgements",), "The framework has no judgements.")

    theme_ids = {t["id"] for _, t in themes}
    for index, table in themes:
        if isinstance(table.get("judgement"), str) and table["judgement"] not in judgement_ids:
            report(
                ("themes", index, "judgement"),
                f"Theme '{table['id']}' names judgement '{table['judgement']}', which does not exist.",
            )
    for index, table in criteria:
        if isinstance(table.get("theme"), str) and table["theme"] not in theme_ids:
            report(
                ("criteria", index, "theme"),
                f"Criterion '{table['id']}' has no theme: '{table['theme']}' does not exist.",
            )
        _check_features(table, index, scale, report)
        if table.get("keywords") == []:
            report(
                ("criteria", index, "keywords"),
                "Give at least one keyword (used for search and suggestions).",
            )
    used_themes = {t.get("theme") for _, t in criteria}
    for index, table in themes:
        if table["id"] not in used_themes:
            report(("themes", index), f"Theme '{table['id']}' has no criteria.")
    used_judgements = {t.get("judgement") for _, t in themes}
    for index, table in judgements:
        if table["id"] not in used_judgements:
            report(("judgements", index), f"Judgement '{table['id']}' has no themes.")

    groups = _check_groups(raw.get("groups", {}), judgement_ids, report)
    rules = _check_rules(raw, judgement_ids, set(groups), grade_ids, report)
    mappings = _check_mappings(raw, meta.get("id"), report)

    if report.problems or not meta_ok or scale is None:
        return None
    return build_framework(meta, scale, judgements, themes, criteria, groups, rules, mappings, file)


def _check_grades(grades: dict[str, Any], report: _Collector) -> GradeScale | None:
    if not s.check_fields(grades, s.GRADES, ("grades",), report):
        return None
    items = []
    for index, table in enumerate(grades["scale"]):
        if s.check_fields(table, s.GRADE, ("grades", "scale", index), report):
            items.append((index, table))
    ids = Counter(t["id"] for _, t in items)
    orders = Counter(t["order"] for _, t in items)
    ok = len(items) == len(grades["scale"]) and len(items) >= 2
    if len(grades["scale"]) < 2:
        report(("grades", "scale"), "A grade scale needs at least two grades.")
    for index, table in items:
        if ids[table["id"]] > 1:
            report(("grades", "scale", index, "id"), f"Duplicate grade id '{table['id']}'.")
            ok = False
        if orders[table["order"]] > 1:
            report(("grades", "scale", index, "order"), f"Two grades share order {table['order']}.")
            ok = False
    if sorted(orders) != list(range(1, len(items) + 1)):
        report(("grades", "scale"), "Grade orders should run 1, 2, 3, ... with 1 the best.")
        ok = False
    if grades["benchmark"] not in ids:
        report(
            ("grades", "benchmark"),
            f"Unknown grade '{grades['benchmark']}' as benchmark (the scale has: {', '.join(ids)}).",
        )
        ok = False
    if not ok:
        return None
    scale = tuple(
        Grade(t["id"], t["label"], t["order"], t["meaning"])
        for _, t in sorted(items, key=lambda p: p[1]["order"])
    )
    return GradeScale(scale, grades["benchmark"])


def _check_features(
    table: dict[str, Any], index: int, scale: GradeScale | None, report: _Collector
) -> None:
    if scale is None:
        return
    features = table.get("features")
    if not isinstance(features, dict):
        return
    for grade, text in features.items():
        if grade not in scale.ids:
            report(
                ("criteria", index, "features", grade),
                f"Unknown grade '{grade}' (the scale has: {', '.join(scale.ids)}).",
            )
        elif grade == scale.benchmark:
            report(
                ("criteria", index, "features", grade),
                f"'{grade}' is the benchmark; describe it in 'good', not in features.",
            )
        elif not isinstance(text, str) or not text.strip():
            report(("criteria", index, "features", grade), "Each feature should be non-empty text.")
    for grade in scale.ids:
        if grade != scale.benchmark and grade not in features:
            report(("criteria", index, "features"), f"No features given for grade '{grade}'.")


def _check_groups(
    groups: Any, judgement_ids: set[str], report: _Collector
) -> dict[str, tuple[str, ...]]:
    result: dict[str, tuple[str, ...]] = {}
    for name, members in groups.items():
        if not s.ID_PATTERN.match(name) or name == "all":
            report(("groups", name), f"'{name}' cannot be a group name.")
            continue
        if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
            report(("groups", name), "A group should be a list of judgement ids.")
            continue
        for member in members:
            if member not in judgement_ids:
                report(
                    ("groups", name),
                    f"Group '{name}' names judgement '{member}', which does not exist.",
                )
        result[name] = tuple(members)
    return result


def _check_rules(
    raw: dict[str, Any],
    judgements: set[str],
    groups: set[str],
    grades: set[str],
    report: _Collector,
) -> list[tuple[int, dict[str, Any]]]:
    rules = _tables(raw, "rules", s.RULE, report)
    checker = ConditionChecker(judgements, groups, grades, report)
    counts = Counter(t["id"] for _, t in rules)
    for index, table in rules:
        if counts[table["id"]] > 1:
            report(("rules", index, "id"), f"Duplicate rule id '{table['id']}'.")
        if isinstance(table.get("severity"), str) and table["severity"] not in s.SEVERITIES:
            report(
                ("rules", index, "severity"),
                f"Unknown severity '{table['severity']}' (use warning or notice).",
            )
        for_each = table.get("for_each")
        if for_each is not None and for_each not in groups | {"all"}:
            report(("rules", index, "for_each"), f"Unknown group '{for_each}'.")
        if "when" in table:
            checker.check(table["when"], ("rules", index, "when"), bound=for_each is not None)
    return rules


def _check_mappings(
    raw: dict[str, Any], own_id: Any, report: _Collector
) -> list[tuple[int, dict[str, Any]]]:
    mappings = _tables(raw, "mappings", s.MAPPING, report)
    sources = Counter(t["from"] for _, t in mappings)
    for index, table in mappings:
        if table["from"] == own_id:
            report(("mappings", index, "from"), "A framework cannot map from itself (a cycle).")
        if sources[table["from"]] > 1:
            report(("mappings", index, "from"), f"Two mappings from '{table['from']}'.")
    return mappings
