"""Searching notes: words and phrases, with filters by framework node, evaluation, case and more."""

from __future__ import annotations

from dataclasses import replace

from fieldwork.domain.search import SearchPage, SearchQuery
from fieldwork.services.notebook import Notebook


def expand_framework_node(notebook: Notebook, node_id: str) -> tuple[str, ...]:
    """A judgement, theme or criterion id as the criterion ids it covers."""
    framework = notebook.framework
    if not framework.has(node_id):
        return ()
    try:
        return tuple(c.id for c in framework.judgement(node_id).criteria)
    except KeyError:
        pass
    try:
        return tuple(c.id for c in framework.theme(node_id).criteria)
    except KeyError:
        return (node_id,)


def search_notes(notebook: Notebook, query: SearchQuery) -> SearchPage:
    """One page of matching notes, best first (or newest first with no words, or very many hits)."""
    criteria: list[str] = []
    for node in query.criterion_ids:
        criteria.extend(expand_framework_node(notebook, node) or (node,))
    expanded = replace(query, criterion_ids=tuple(dict.fromkeys(criteria)))
    with notebook.unit_of_work(read_only=True) as uow:
        return uow.search.search(expanded)
