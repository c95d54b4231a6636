"""Showing evidence tagged under one framework version under another, following declared mappings."""

from __future__ import annotations

from fieldwork.domain.framework import Framework, Mapping
from fieldwork.frameworks.library import FrameworkLibrary


def map_id(
    library: FrameworkLibrary, ident: str, source_id: str, target_id: str
) -> tuple[str, ...]:
    """Where a judgement or criterion id of `source_id` shows in `target_id` (empty: nowhere).

    Forward steps follow a later file's mapping from an earlier one; backward steps invert it,
    using the file's `reverse` table for ids that are new in the later version.
    """
    if source_id == target_id:
        framework = library.get(source_id)
        return (ident,) if framework.has(ident) else ()
    route = _route(library, source_id, target_id)
    if not route:
        return ()  # unrelated frameworks: nothing can be shown
    current: tuple[str, ...] = (ident,)
    for _, step_to, mapping, forward in route:
        after: list[str] = []
        for item in current:
            mapped = (
                _forward(mapping, item, library.get(step_to))
                if forward
                else _backward(mapping, item, library.get(step_to))
            )
            after.extend(m for m in mapped if m not in after)
        current = tuple(after)
    return current


def _forward(mapping: Mapping, ident: str, target: Framework) -> tuple[str, ...]:
    explicit = dict(mapping.judgements) | dict(mapping.criteria)
    if ident in explicit:
        return explicit[ident]
    if ident in mapping.removed:
        return ()
    return (ident,) if target.has(ident) else ()


def _backward(mapping: Mapping, ident: str, earlier: Framework) -> tuple[str, ...]:
    reverse = dict(mapping.reverse)
    if ident in reverse:
        return reverse[ident]
    merged = [source for source, aims in (*mapping.judgements, *mapping.criteria) if ident in aims]
    if merged:
        return tuple(merged)
    return (ident,) if earlier.has(ident) else ()


def _route(
    library: FrameworkLibrary, source_id: str, target_id: str
) -> list[tuple[str, str, Mapping, bool]]:
    """The shortest chain of mappings between two versions (breadth-first over both directions)."""
    steps: dict[str, list[tuple[str, Mapping, bool]]] = {}
    for framework in library.frameworks:
        for mapping in framework.mappings:
            steps.setdefault(mapping.source_id, []).append((framework.id, mapping, True))
            steps.setdefault(framework.id, []).append((mapping.source_id, mapping, False))
    library.get(source_id)
    library.get(target_id)
    came_from: dict[str, tuple[str, Mapping, bool]] = {}
    frontier = [source_id]
    seen = {source_id}
    while frontier and target_id not in seen:
        next_frontier: list[str] = []
        for node in frontier:
            for aim, mapping, forward in steps.get(node, []):
                if aim not in seen:
                    seen.add(aim)
                    came_from[aim] = (node, mapping, forward)
                    next_frontier.append(aim)
        frontier = next_frontier
    if target_id not in seen:
        return []
    route: list[tuple[str, str, Mapping, bool]] = []
    node = target_id
    while node != source_id:
        previous, mapping, forward = came_from[node]
        route.append((previous, node, mapping, forward))
        node = previous
    return list(reversed(route))
