"""Problems found in a framework file, each with the file, the place in it and a plain message."""

from __future__ import annotations

import re
from dataclasses import dataclass

PathPart = str | int


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int | None
    place: str  # e.g. "criteria #3 (hp.front-door.thresholds), field 'theme'"
    message: str

    def __str__(self) -> str:
        where = f"{self.file}"
        if self.line is not None:
            where += f", line {self.line}"
        if self.place:
            where += f" ({self.place})"
        return f"{where}: {self.message}"


_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?\s*(#.*)?$")


class LineFinder:
    """Finds the line of a table or key in TOML text, so messages can point at the place."""

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()
        # header name -> list of (line number, is_array)
        self._headers: dict[str, list[int]] = {}
        self._header_lines: list[int] = []
        for number, line in enumerate(self._lines, start=1):
            match = _HEADER.match(line)
            if match and "=" not in line.split("#", 1)[0]:
                name = match.group(2).replace('"', "").replace("'", "").replace(" ", "")
                self._headers.setdefault(name, []).append(number)
                self._header_lines.append(number)

    def line_of(self, path: tuple[PathPart, ...]) -> int | None:
        """Best-effort line for a path such as ("criteria", 3, "theme")."""
        if not path:
            return None
        start, end, rest = 1, len(self._lines) + 1, list(path)
        # Walk down headers: "criteria", 3 -> the fourth [[criteria]] header.
        name_parts: list[str] = []
        while rest:
            part = rest[0]
            if isinstance(part, int):
                key = ".".join(name_parts)
                found = self._headers.get(key, [])
                if part < len(found):
                    start = found[part]
                    end = self._next_header_after(start)
                    rest.pop(0)
                    continue
                break
            candidate = ".".join([*name_parts, part])
            if candidate in self._headers:
                name_parts.append(part)
                rest.pop(0)
                if len(rest) == 0 or not isinstance(rest[0], int):
                    start = self._headers[candidate][0]
                    end = self._next_header_after(start)
                continue
            break
        if rest and isinstance(rest[0], str):
            key = rest[0]
            pattern = re.compile(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*[=.]")
            for number in range(start, min(end, len(self._lines) + 1)):
                if pattern.match(self._lines[number - 1]):
                    return number
            # A missing key: point at its table, or nowhere for a missing top-level table.
            return start if name_parts or len(path) > len(rest) else None
        return start

    def _next_header_after(self, line: int) -> int:
        for number in self._header_lines:
            if number > line:
                return number
        return len(self._lines) + 1


def describe_path(path: tuple[PathPart, ...], ident: str | None = None) -> str:
    """A readable place: ("criteria", 3, "theme") with an id -> "criteria #4 (id), 'theme'"."""
    tables: list[str] = []
    fields: list[str] = []
    index = 0
    while index < len(path):
        part = path[index]
        nxt = path[index + 1] if index + 1 < len(path) else None
        if isinstance(part, str) and isinstance(nxt, int) and not fields:
            tables.append(f"{part} #{nxt + 1}")
            index += 2
            continue
        fields.append(str(part) if isinstance(part, str) else f"[{part + 1}]")
        index += 1
    place = " > ".join(tables)
    if ident:
        place = f"{place} ({ident})" if place else ident
    if fields:
        field_text = "'" + ".".join(fields).replace(".[", "[") + "'"
        place = f"{place}, {field_text}" if place else field_text
    return place
