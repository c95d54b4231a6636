"""Which judgement area a note is evidence for: the shipped model, or the framework's keywords."""

from __future__ import annotations

import threading

from fieldwork.domain.framework import Framework
from fieldwork.suggest.keyword_areas import KeywordAreaSuggester
from fieldwork.suggest.model_areas import model_area_suggester
from fieldwork.suggest.ranking import NEVER_SUGGESTED, AreaScore, AreaSuggester, suggestible

__all__ = [
    "NEVER_SUGGESTED",
    "AreaScore",
    "AreaSuggester",
    "area_suggester",
    "area_suggester_from",
    "keyword_area_suggester",
    "suggestible",
]

_lock = threading.Lock()
_cache: dict[tuple[object, ...], AreaSuggester] = {}


def _fingerprint(framework: Framework) -> tuple[object, ...]:
    """Frameworks are not hashable (rules hold mappings); their id and structure identify them."""
    return (
        framework.id,
        framework.version,
        tuple((j.id, j.short_title, tuple(c.id for c in j.criteria)) for j in framework.judgements),
    )


def keyword_area_suggester(framework: Framework) -> AreaSuggester:
    """Framework keywords only (the baseline, and the fallback where no model fits)."""
    key = ("keywords", *_fingerprint(framework))
    with _lock:
        found = _cache.get(key)
        if found is None:
            found = _cache[key] = KeywordAreaSuggester(framework)
        return found


def area_suggester(framework: Framework) -> AreaSuggester:
    """The shipped model for this framework, loaded once and cached.

    Frameworks the model was not trained for (the children's homes framework has no report data)
    and an unusable artefact (logged as a warning) fall back to the keyword suggester.
    """
    key = ("model", *_fingerprint(framework))
    with _lock:
        found = _cache.get(key)
    if found is None:
        found = model_area_suggester(framework) or keyword_area_suggester(framework)
        with _lock:
            found = _cache.setdefault(key, found)
    return found


def area_suggester_from(framework: Framework, artefact: bytes | None) -> AreaSuggester:
    """The suggester built from the given artefact bytes (None: missing), not cached."""
    chosen = model_area_suggester(framework, artefact, shipped=False)
    return chosen or KeywordAreaSuggester(framework)
