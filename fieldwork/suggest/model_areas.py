"""The learned area suggester: a shipped model head that matches the framework's judgements."""

from __future__ import annotations

import logging
import threading

from fieldwork.domain.framework import Framework
from fieldwork.runtime import assets
from fieldwork.suggest.area_model import (
    MODEL_FILE,
    MODEL_FOLDER,
    AreaHead,
    AreaModel,
    SuggestionModelError,
    read_area_model,
)
from fieldwork.suggest.ranking import AreaScore, best_first, suggestible

log = logging.getLogger("fieldwork.suggest")
_lock = threading.Lock()
_model: AreaModel | None = None


class ModelAreaSuggester:
    """Ranks a framework's judgements by the probabilities of the head trained for them."""

    def __init__(self, framework: Framework, head: AreaHead) -> None:
        self._order = tuple(j.id for j in suggestible(framework))
        self._head = head

    @property
    def head_name(self) -> str:
        return self._head.name

    def rank(self, text: str) -> tuple[AreaScore, ...]:
        probabilities, why = self._head.scores(text)
        return best_first(self._order, probabilities, why)


def read_shipped_artefact() -> bytes | None:
    """The artefact's bytes, or None when this installation lacks it."""
    try:
        return assets.read_bytes(MODEL_FOLDER, MODEL_FILE)
    except OSError:
        return None


def model_from(data: bytes | None) -> AreaModel:
    """An artefact's model; raises SuggestionModelError when it is missing or malformed."""
    if data is None:
        raise SuggestionModelError(
            "The suggestion model is missing from this installation. Reinstall Fieldwork.",
            detail="missing",
        )
    return read_area_model(data)


def shipped_model() -> AreaModel:
    """The shipped model, read once per process; raises SuggestionModelError."""
    global _model
    with _lock:
        if _model is None:
            _model = model_from(read_shipped_artefact())
        return _model


def shipped_heads() -> tuple[AreaHead, ...]:
    """Every shipped head, built; raises SuggestionModelError."""
    return shipped_model().heads()


def head_for(framework: Framework, model: AreaModel) -> AreaHead | None:
    """The head trained for exactly this framework's suggestible judgements, if there is one."""
    wanted = {j.id for j in suggestible(framework)}
    for name, family, labels in model.summaries:
        if family == framework.family and set(labels) == wanted:
            return model.head(name)
    return None


def model_area_suggester(
    framework: Framework, data: bytes | None = None, *, shipped: bool = True
) -> ModelAreaSuggester | None:
    """The learned suggester, or None (logged) when no head fits or the artefact is unusable.

    With `shipped` the installed artefact is used (read once); otherwise `data` is. Only the
    head this framework needs is unpacked.
    """
    try:
        head = head_for(framework, shipped_model() if shipped else model_from(data))
    except SuggestionModelError as error:
        log.warning("Area model unusable (%s); suggesting from framework keywords", error.detail)
        return None
    if head is None:
        log.info("No area model for framework %s; suggesting from its keywords", framework.id)
        return None
    return ModelAreaSuggester(framework, head)
