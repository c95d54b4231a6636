"""Turning a framework file's bytes into TOML data, with a plain message for every way that fails."""

from __future__ import annotations

import json
import re
from typing import Any

from fieldwork.frameworks.problems import Problem

try:  # tomli is the same parser as the standard library's tomllib, compiled: about 4x faster here
    import tomli as toml
except (
    ImportError
):  # pragma: no cover - tomli is a declared dependency; this keeps odd installs working
    import tomllib as toml  # type: ignore[no-redef]
from fieldwork.frameworks.schema import MAX_DEPTH, MAX_FILE_BYTES, depth_of

_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def parse_framework_bytes(
    data: bytes, file: str
) -> tuple[dict[str, Any] | None, str, list[Problem]]:
    """The parsed data and text, or None and the problems that stopped parsing."""
    if len(data) > MAX_FILE_BYTES:
        size = len(data) / (1024 * 1024)
        return (
            None,
            "",
            [
                Problem(
                    file,
                    None,
                    "",
                    f"The file is {size:.1f} MB; framework files may be at most 5 MB.",
                )
            ],
        )
    if not data.strip():
        return None, "", [Problem(file, None, "", "The file is empty.")]
    if b"\x00" in data:
        return (
            None,
            "",
            [
                Problem(
                    file,
                    None,
                    "",
                    "This is not a framework file: it holds binary data, not TOML text.",
                )
            ],
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return (
            None,
            "",
            [
                Problem(
                    file,
                    line,
                    f"byte {error.start}",
                    "The file is not UTF-8 text; save it as UTF-8 and try again.",
                )
            ],
        )
    try:
        parsed = toml.loads(text)
    except toml.TOMLDecodeError as error:
        return None, text, [_toml_problem(file, text, error)]
    except RecursionError:
        return (
            None,
            text,
            [
                Problem(
                    file, None, "", f"The file is nested too deeply (more than {MAX_DEPTH} levels)."
                )
            ],
        )
    if depth_of(parsed) > MAX_DEPTH:
        return (
            None,
            text,
            [
                Problem(
                    file, None, "", f"The file is nested too deeply (more than {MAX_DEPTH} levels)."
                )
            ],
        )
    return parsed, text, []


def _toml_problem(file: str, text: str, error: toml.TOMLDecodeError) -> Problem:
    message = str(error)
    match = _TOML_POSITION.search(message)
    line = int(match.group(1)) if match else getattr(error, "lineno", None)
    place = f"column {match.group(2)}" if match else ""
    reason = _TOML_POSITION.sub("", message).strip().rstrip(".")
    if _looks_like_json(text):
        return Problem(
            file,
            line,
            place,
            "This looks like JSON; framework files are TOML (see the framework format).",
        )
    return Problem(file, line, place, f"This is not valid TOML: {reason}.")


def _looks_like_json(text: str) -> bool:
    stripped = text.lstrip()
    if not stripped.startswith(("{", "[")):
        return False
    try:
        json.loads(stripped)
    except (ValueError, RecursionError):
        return False
    return True
