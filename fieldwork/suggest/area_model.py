"""The shipped area model: a linear classifier over word and word-pair TF-IDF, scored in Python."""

from __future__ import annotations

import base64
import binascii
import gzip
import heapq
import json
import math
import sys
import threading
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

from fieldwork.domain.errors import FieldworkError
from fieldwork.suggest.features import features
from fieldwork.suggest.ranking import WHY_LENGTH
from fieldwork.suggest.tokens import STOPWORDS

FORMAT = "fieldwork-area-model"
FORMAT_VERSION = 2
MODEL_FOLDER = "suggest"
MODEL_FILE = "area-model.json.gz"
_T = TypeVar("_T")


class SuggestionModelError(FieldworkError):
    default_message = "The suggestion model shipped with Fieldwork is damaged. Reinstall Fieldwork."


@dataclass(frozen=True, slots=True)
class AreaHead:
    """One classifier: its labels (judgement ids) and, per feature, idf and a weight per label."""

    name: str
    family: str
    labels: tuple[str, ...]
    bias: tuple[float, ...]
    index: dict[str, int]  # feature -> row
    idf: array[int]  # per row, times idf_scale
    weights: array[int]  # row-major: weights[row * len(labels) + label], times weight_scale
    idf_scale: float
    weight_scale: float
    temperature: float  # fitted on held-out authorities, so probabilities are not overconfident

    def logits(self, text: str) -> tuple[list[float], list[tuple[str, float, int]], dict[str, str]]:
        """Raw scores per label, the note's features found in the model, and how they read."""
        counts, shown = features(text)
        width = len(self.labels)
        found: list[tuple[str, float, int]] = []
        norm = 0.0
        get, idf, log = self.index.get, self.idf, math.log
        for feature, count in counts.items():
            row = get(feature)
            if row is None:
                continue
            # The idf scale is left out: L2 normalisation below cancels any constant factor.
            value = idf[row] if count == 1 else (1.0 + log(count)) * idf[row]
            norm += value * value
            found.append((feature, value, row * width))
        factor = 1.0 / ((math.sqrt(norm) or 1.0) * self.weight_scale)
        sums = [0.0] * width
        weights = self.weights
        for _, value, start in found:
            for n, weight in enumerate(weights[start : start + width]):
                sums[n] += weight * value
        return [b + s * factor for b, s in zip(self.bias, sums, strict=True)], found, shown

    def scores(self, text: str) -> tuple[dict[str, float], dict[str, tuple[str, ...]]]:
        """Probabilities per label, and the words that pushed hardest towards each."""
        logits, found, shown = self.logits(text)
        probabilities = dict(zip(self.labels, softmax(logits, self.temperature), strict=True))
        # Words like "the" and "is" can carry weight but explain nothing, so they are not shown.
        telling = [(f, value, start) for f, value, start in found if not _only_stopwords(f)]
        why = {label: self._why(telling, n, shown) for n, label in enumerate(self.labels)}
        return probabilities, why

    def _why(
        self, found: list[tuple[str, float, int]], n: int, shown: dict[str, str]
    ) -> tuple[str, ...]:
        """The features with the largest positive contribution (weight x value) towards label n."""
        weights = self.weights
        pushing = heapq.nlargest(
            WHY_LENGTH,
            (
                (value * weights[start + n], feature)
                for feature, value, start in found
                if weights[start + n] > 0
            ),
        )
        return tuple(shown[feature] for _, feature in pushing)


def softmax(logits: list[float], temperature: float = 1.0) -> list[float]:
    top = max(logits)
    exps = [math.exp((v - top) / temperature) for v in logits]
    total = sum(exps)
    return [e / total for e in exps]


@lru_cache(maxsize=50_000)
def _only_stopwords(feature: str) -> bool:
    return all(word in STOPWORDS for word in feature.split(" "))


class AreaModel:
    """An artefact read but not unpacked: each head is built the first time it is asked for."""

    def __init__(self, raw_heads: list[dict[str, Any]]) -> None:
        self._raw = {str(raw["name"]): raw for raw in raw_heads}
        self.summaries = tuple(
            (name, str(raw["family"]), tuple(str(label) for label in raw["labels"]))
            for name, raw in self._raw.items()
        )  # (name, family, labels) per head
        self._built: dict[str, AreaHead] = {}
        self._lock = threading.Lock()

    def head(self, name: str) -> AreaHead:
        """One head, built once; raises SuggestionModelError when its numbers are malformed."""
        with self._lock:
            if name not in self._built:
                self._built[name] = _guarded(lambda: _head(self._raw[name]))
            return self._built[name]

    def heads(self) -> tuple[AreaHead, ...]:
        return tuple(self.head(name) for name, _, _ in self.summaries)


def read_area_model(data: bytes) -> AreaModel:
    """The artefact's heads, checked as far as their names and labels."""

    def read() -> AreaModel:
        document = json.loads(gzip.decompress(data))
        if document.get("format") != FORMAT or document.get("format_version") != FORMAT_VERSION:
            raise SuggestionModelError(detail="not an area model of this version")
        return AreaModel(list(document["heads"]))

    return _guarded(read)


def parse_area_model(data: bytes) -> tuple[AreaHead, ...]:
    """Every head in an artefact, built; anything malformed raises SuggestionModelError."""
    return read_area_model(data).heads()


def _guarded(action: Callable[[], _T]) -> _T:
    """Whatever goes wrong reading an artefact becomes one SuggestionModelError."""
    try:
        return action()
    except SuggestionModelError:
        raise
    except (OSError, EOFError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise SuggestionModelError(detail=type(error).__name__) from error


def _numbers(encoded: str, typecode: str) -> array[int]:
    """Little-endian integers from base64."""
    raw = array(typecode)
    try:
        raw.frombytes(base64.b64decode(encoded, validate=True))
    except binascii.Error as error:
        raise SuggestionModelError(detail="bad base64") from error
    if sys.byteorder == "big":
        raw.byteswap()
    return raw


def _head(raw: dict[str, Any]) -> AreaHead:
    labels = tuple(str(label) for label in raw["labels"])
    names = str(raw["features"]).split("\n")
    idf = _numbers(raw["idf"], "H")
    weights = _numbers(raw["weights"], "h")
    if len(idf) != len(names) or len(weights) != len(names) * len(labels):
        raise SuggestionModelError(detail="columns of different lengths")
    if len(raw["bias"]) != len(labels) or not labels:
        raise SuggestionModelError(detail="labels and biases differ")
    if not min(float(raw["idf_scale"]), float(raw["weight_scale"]), float(raw["temperature"])) > 0:
        raise SuggestionModelError(detail="scales must be positive")
    return AreaHead(
        name=str(raw["name"]),
        family=str(raw["family"]),
        labels=labels,
        bias=tuple(float(b) for b in raw["bias"]),
        index=dict(zip(names, range(len(names)), strict=True)),
        idf=idf,
        weights=weights,
        idf_scale=float(raw["idf_scale"]),
        weight_scale=float(raw["weight_scale"]),
        temperature=float(raw["temperature"]),
    )
