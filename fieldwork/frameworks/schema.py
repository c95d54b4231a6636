"""The framework file schema: which tables and fields exist, their types, and which are required."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from fieldwork.frameworks.problems import PathPart

FORMAT_NAME = "fieldwork-framework"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 32
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:[.\-][a-z0-9]+)*$")
JUDGEMENT_KINDS = ("graded", "headline", "limiting")
SEVERITIES = ("warning", "notice")

Report = Callable[[tuple[PathPart, ...], str], None]


@dataclass(frozen=True, slots=True)
class Field:
    kind: str  # "str", "int", "bool", "date", "str-list", "table", "id", "id-list", "id-map"
    required: bool = True


# Every table in the format, its fields, and which are required. Unknown fields are reported so a
# misspelt key ("heading" as "headnig") is not silently ignored.
TOP_LEVEL: dict[str, Field] = {
    "format": Field("str"),
    "format_version": Field("int"),
    "framework": Field("table"),
    "grades": Field("table"),
    "groups": Field("table", required=False),
    "judgements": Field("table-list"),
    "themes": Field("table-list"),
    "criteria": Field("table-list"),
    "mappings": Field("table-list", required=False),
    "rules": Field("table-list", required=False),
}
FRAMEWORK: dict[str, Field] = {
    "id": Field("id"),
    "family": Field("id"),
    "title": Field("str"),
    "version": Field("str"),
    "in_force_from": Field("date"),
    "in_force_to": Field("date", required=False),
    "source_note": Field("str"),
    "paraphrase": Field("bool"),
    "revisions": Field("str-list", required=False),
}
GRADES: dict[str, Field] = {"benchmark": Field("id"), "scale": Field("table-list")}
GRADE: dict[str, Field] = {
    "id": Field("id"),
    "label": Field("str"),
    "order": Field("int"),
    "meaning": Field("str"),
}
JUDGEMENT: dict[str, Field] = {
    "id": Field("id"),
    "title": Field("str"),
    "short_title": Field("str"),
    "table_order": Field("int"),
    "body_order": Field("int"),
    "kind": Field("str"),
    "description": Field("str", required=False),
}
THEME: dict[str, Field] = {
    "id": Field("id"),
    "judgement": Field("id"),
    "title": Field("str"),
    "good": Field("str"),
}
CRITERION: dict[str, Field] = {
    "id": Field("id"),
    "theme": Field("id"),
    "heading": Field("str"),
    "good": Field("str"),
    "keywords": Field("str-list"),
    "features": Field("table"),
    "national_framework": Field("id", required=False),
}
MAPPING: dict[str, Field] = {
    "from": Field("id"),
    "judgements": Field("id-map", required=False),
    "criteria": Field("id-map", required=False),
    "removed": Field("id-list", required=False),
    "reverse": Field("id-map", required=False),
}
RULE: dict[str, Field] = {
    "id": Field("id"),
    "severity": Field("str"),
    "message": Field("str"),
    "source": Field("str", required=False),
    "for_each": Field("id", required=False),
    "when": Field("table"),
}

_TYPE_WORDS = {
    "str": "text in quotes",
    "int": "a whole number",
    "bool": "true or false",
    "date": "a date like 2023-01-01",
    "table": "a table",
    "table-list": "a list of tables ([[...]])",
    "str-list": "a list of texts",
    "id": "an id (lower-case letters and digits joined by '.' or '-')",
    "id-list": "a list of ids",
    "id-map": "a table of id = [ids]",
}


def check_fields(
    raw: Mapping[str, Any], spec: Mapping[str, Field], path: tuple[PathPart, ...], report: Report
) -> bool:
    """Report missing, unknown and mistyped fields; True when the table is usable."""
    usable = True
    for name, field in spec.items():
        if name not in raw:
            if field.required:
                report((*path, name), f"'{name}' is missing.")
                usable = False
            continue
        if not _has_type(raw[name], field.kind):
            report((*path, name), f"'{name}' should be {_TYPE_WORDS[field.kind]}.")
            usable = False
        elif field.kind == "str" and not str(raw[name]).strip():
            report((*path, name), f"'{name}' is empty.")
            usable = False
    for name in raw:
        if name not in spec:
            known = ", ".join(sorted(spec))
            report((*path, name), f"Unknown field '{name}' (expected one of: {known}).")
    return usable


def _has_type(value: Any, kind: str) -> bool:
    if kind == "str":
        return isinstance(value, str)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "date":
        return isinstance(value, date) and not hasattr(value, "hour")
    if kind == "table":
        return isinstance(value, dict)
    if kind == "table-list":
        return isinstance(value, list) and all(isinstance(v, dict) for v in value)
    if kind == "str-list":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == "id":
        return isinstance(value, str) and bool(ID_PATTERN.match(value))
    if kind == "id-list":
        return isinstance(value, list) and all(
            isinstance(v, str) and ID_PATTERN.match(v) for v in value
        )
    if kind == "id-map":
        return isinstance(value, dict) and all(
            isinstance(k, str)
            and ID_PATTERN.match(k)
            and isinstance(v, list)
            and all(isinstance(t, str) and ID_PATTERN.match(t) for t in v)
            for k, v in value.items()
        )
    raise ValueError(kind)


def depth_of(value: Any, limit: int = MAX_DEPTH) -> int:
    """Nesting depth of parsed data, stopping early once past `limit`."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if level > deepest:
            deepest = level
            if deepest > limit:
                return deepest
        if isinstance(item, dict):
            stack.extend((v, level + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, level + 1) for v in item)
    return deepest
