"""Framework use cases: list installed frameworks, check a file, show one as a tree."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fieldwork.domain.framework import Framework
from fieldwork.frameworks.library import FrameworkLibrary, check_mappings_between, default_library
from fieldwork.frameworks.loader import check_framework_bytes
from fieldwork.frameworks.problems import Problem
from fieldwork.frameworks.schema import MAX_FILE_BYTES


@dataclass(frozen=True, slots=True)
class CheckReport:
    file: str
    framework: Framework | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return self.framework is not None and not self.problems


def installed_frameworks() -> FrameworkLibrary:
    return default_library()


def framework_by_id(framework_id: str) -> Framework:
    return default_library().get(framework_id)


def check_framework_file(path: Path) -> CheckReport:
    """Validate a file from anywhere, alone and against the installed frameworks it maps from."""
    name = path.name
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return CheckReport(name, None, (Problem(name, None, "", "The file does not exist."),))
    except IsADirectoryError:
        return CheckReport(name, None, (Problem(name, None, "", "This is a folder, not a file."),))
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return CheckReport(
            name, None, (Problem(name, None, "", f"The file cannot be read ({reason})."),)
        )
    framework, problems = check_framework_bytes(data, name)
    if framework is None:
        return CheckReport(name, None, tuple(problems))
    # Check its mappings against what is installed, as if this file replaced any of the same id.
    others = [f for f in default_library().frameworks if f.id != framework.id]
    cross = [p for p in check_mappings_between([*others, framework]) if p.file == name]
    return CheckReport(name, framework, tuple(cross))
