"""All frameworks available here: the shipped ones plus the user's, checked against each other."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fieldwork.domain.errors import UnknownFramework
from fieldwork.domain.framework import Framework, Mapping
from fieldwork.frameworks.loader import check_framework_bytes
from fieldwork.frameworks.problems import Problem
from fieldwork.frameworks.schema import MAX_FILE_BYTES
from fieldwork.runtime import assets
from fieldwork.runtime.paths import folders


@dataclass(frozen=True, slots=True)
class FrameworkLibrary:
    frameworks: tuple[Framework, ...]  # sorted by family, then in-force date
    problems: tuple[Problem, ...]  # files that could not be used, and cross-file problems

    def get(self, framework_id: str) -> Framework:
        for framework in self.frameworks:
            if framework.id == framework_id:
                return framework
        known = ", ".join(f.id for f in self.frameworks)
        raise UnknownFramework(f"No framework '{framework_id}' is installed (installed: {known}).")

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.frameworks)


def build_library(sources: Iterable[tuple[str, bytes]]) -> FrameworkLibrary:
    """Check each (file name, bytes) and then the set as a whole; bad files are left out."""
    loaded: list[Framework] = []
    problems: list[Problem] = []
    for name, data in sources:
        framework, found = check_framework_bytes(data, name)
        problems.extend(found)
        if framework is not None:
            loaded.append(framework)
    kept = _drop_duplicates(loaded, problems)
    problems.extend(check_mappings_between(kept))
    kept.sort(key=lambda f: (f.family, f.in_force_from, f.id))
    return FrameworkLibrary(tuple(kept), tuple(problems))


def _drop_duplicates(loaded: list[Framework], problems: list[Problem]) -> list[Framework]:
    kept: dict[str, Framework] = {}
    for framework in loaded:
        if framework.id in kept:
            problems.append(
                Problem(
                    framework.origin,
                    None,
                    "framework.id",
                    f"Framework id '{framework.id}' is already used by {kept[framework.id].origin}; "
                    "this file was not loaded.",
                )
            )
            continue
        kept[framework.id] = framework
    return list(kept.values())


def check_mappings_between(frameworks: list[Framework]) -> list[Problem]:
    """Mappings must name a loaded framework, account for every earlier id, and never loop."""
    by_id = {f.id: f for f in frameworks}
    problems: list[Problem] = []
    for target in frameworks:
        for mapping in target.mappings:
            source = by_id.get(mapping.source_id)
            place = f"mappings from {mapping.source_id}"
            if source is None:
                problems.append(
                    Problem(
                        target.origin,
                        None,
                        place,
                        f"Maps from '{mapping.source_id}', which is not installed.",
                    )
                )
                continue
            problems.extend(_unaccounted(source, target, mapping, place))
    problems.extend(_cycles(frameworks))
    return problems


def _unaccounted(
    source: Framework, target: Framework, mapping: Mapping, place: str
) -> list[Problem]:
    problems: list[Problem] = []
    explicit = dict(mapping.judgements) | dict(mapping.criteria)
    removed = set(mapping.removed)
    source_ids = [j.id for j in source.judgements] + [c.id for c in source.criteria]
    for ident in source_ids:
        if ident in explicit:
            for aim in explicit[ident]:
                if not target.has(aim):
                    problems.append(
                        Problem(
                            target.origin,
                            None,
                            place,
                            f"'{ident}' maps to '{aim}', which is not in {target.id}.",
                        )
                    )
        elif not target.has(ident) and ident not in removed:
            problems.append(
                Problem(
                    target.origin,
                    None,
                    place,
                    f"'{ident}' from {source.id} has no place in {target.id}: map it or list it under 'removed'.",
                )
            )
    for ident, aims in mapping.reverse:
        if not target.has(ident):
            problems.append(
                Problem(
                    target.origin, None, f"{place}, 'reverse'", f"'{ident}' is not in {target.id}."
                )
            )
        for aim in aims:
            if not source.has(aim):
                problems.append(
                    Problem(
                        target.origin,
                        None,
                        f"{place}, 'reverse'",
                        f"'{aim}' is not in {source.id}.",
                    )
                )
    return problems


def _cycles(frameworks: list[Framework]) -> list[Problem]:
    """Mappings point from later to earlier versions; a loop would make 'earlier' meaningless."""
    edges = {f.id: [m.source_id for m in f.mappings] for f in frameworks}
    origin = {f.id: f.origin for f in frameworks}
    problems: list[Problem] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    for start in edges:
        if state.get(start):
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = []
        while stack:
            node, next_edge = stack.pop()
            if next_edge == 0:
                state[node] = 1
                path.append(node)
            targets = edges.get(node, [])
            if next_edge < len(targets):
                stack.append((node, next_edge + 1))
                aim = targets[next_edge]
                if state.get(aim) == 1:
                    loop = [*path[path.index(aim) :], aim]
                    problems.append(
                        Problem(
                            origin[node],
                            None,
                            f"mappings from {aim}",
                            f"The mappings form a cycle: {' -> '.join(loop)}.",
                        )
                    )
                elif aim in edges and not state.get(aim):
                    stack.append((aim, 0))
            else:
                state[node] = 2
                path.pop()
    return problems


def shipped_sources() -> list[tuple[str, bytes]]:
    return [(f.name, f.read_bytes()) for f in assets.listing("frameworks", suffix=".toml")]


def user_sources(folder: Path | None = None) -> list[tuple[str, bytes]]:
    folder = folder or folders().user_frameworks
    if not folder.is_dir():
        return []
    sources = []
    for path in sorted(folder.glob("*.toml")):
        try:
            with path.open("rb") as handle:
                # One byte past the limit is enough for the loader to say the file is too big.
                sources.append((path.name, handle.read(MAX_FILE_BYTES + 1)))
        except OSError:
            continue  # unreadable: `fieldwork framework check` names the reason
    return sources


@lru_cache(maxsize=1)
def default_library() -> FrameworkLibrary:
    """Shipped and user frameworks, loaded once per process."""
    return build_library([*shipped_sources(), *user_sources()])
