"""Rebuild the shipped area model from the report-paragraph data file (scikit-learn at training only).

    .venv/bin/pip install -e ".[train]"
    .venv/bin/python scripts/train_suggester.py [DATA] [--out resources/suggest/area-model.json.gz]

DATA defaults to ../shared/data/ilacs-report-paragraphs-train.jsonl beside the repository. The
output is the same bytes for the same data: no randomness without a fixed seed, gzip without a
timestamp, sorted JSON. Only numbers and single words or word pairs used in reports of at least
MIN_AUTHORITIES authorities are written; no sentence of the data enters the artefact.
"""

from __future__ import annotations

import argparse
import base64
import collections
import gzip
import itertools
import json
import math
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fieldwork.frameworks.library import build_library, shipped_sources  # noqa: E402
from fieldwork.suggest.area_model import (  # noqa: E402
    FORMAT,
    FORMAT_VERSION,
    MODEL_FILE,
    MODEL_FOLDER,
    parse_area_model,
    softmax,
)
from fieldwork.suggest.features import features  # noqa: E402
from fieldwork.suggest.ranking import suggestible  # noqa: E402
from fieldwork.suggest.tokens import fold, raw_words  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ilacs-report-paragraphs-train.jsonl"
DEFAULT_OUT = ROOT / "resources" / MODEL_FOLDER / MODEL_FILE

# The masking test: notes rarely name their cohort, so training hides the names at random.
AREA_NAMES = re.compile(r"help and protection|children in care|care leavers|leaders", re.IGNORECASE)
MASK = "[...]"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“‘(])")

COMBINED = "children_in_care_and_care_leavers"
MIN_CHAINS_LOG10 = 6.0  # refuse to write an artefact from which a sentence is this easy to guess


@dataclass(frozen=True)
class HeadSpec:
    """One classifier: the frameworks it serves and how the data's section labels map onto ids."""

    name: str
    family: str
    frameworks: tuple[str, ...]
    labels: dict[str, tuple[str, ...]]  # data section -> judgement ids it is evidence for
    eras: tuple[str, ...]  # the report eras trained on (chosen by grouped cross-validation)
    evaluated_eras: tuple[str, ...] = ()  # eras whose reports it is scored on, if not `eras`


HEADS = (
    HeadSpec(
        name="ilacs-2018",
        family="ilacs",
        frameworks=("ilacs-2018",),
        labels={
            "help_protection": ("hp",),
            "leaders": ("lead",),
            "children_in_care": ("cic-cl",),
            "care_leavers": ("cic-cl",),
            COMBINED: ("cic-cl",),
        },
        eras=("2018", "2023", "2026"),  # every report adds evidence for the combined area
        evaluated_eras=("2018",),
    ),
    HeadSpec(
        name="ilacs-2023",
        family="ilacs",
        frameworks=("ilacs-2023", "ilacs-2026"),
        labels={
            "help_protection": ("hp",),
            "leaders": ("lead",),
            "children_in_care": ("cic",),
            "care_leavers": ("cl",),
            COMBINED: (),
        },
        # Older reports made the separate model worse (README beside the artefact): left out.
        eras=("2023", "2026"),
    ),
)


@dataclass(frozen=True)
class Settings:
    c: float = 3.0  # inverse regularisation (1, 3, 10 and 30 tried; 3 best by grouped CV)
    min_authorities: int = 3  # a feature must occur in reports of this many authorities
    mask_rate: float = 0.5  # share of training units naming an area that are also seen masked
    sentences: bool = True  # train on each sentence as well as the whole paragraph
    calibrate: bool = True  # fit the softmax temperature on held-out authorities
    seed: int = 2024
    idf_scale: int = 1000  # idf is stored as an unsigned 16-bit integer: round(idf * scale)


def read_rows(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if s.strip()]


def first_sentence(text: str) -> str:
    found = sentences(text)
    return found[0] if found else text


def mask_names(text: str) -> str:
    return AREA_NAMES.sub(MASK, text)


def training_units(
    rows: list[dict[str, Any]], spec: HeadSpec, settings: Settings
) -> tuple[list[Counter[str]], list[str], list[str]]:
    """Feature counts, label and authority of every training unit (paragraphs and sentences)."""
    rng = random.Random(settings.seed)
    counts: list[Counter[str]] = []
    labels: list[str] = []
    authorities: list[str] = []
    for row in rows:
        targets = spec.labels[row["judgement"]]
        if not targets or row["framework_era"] not in spec.eras:
            continue
        units = [row["text"], *(sentences(row["text"]) if settings.sentences else [])]
        units += [
            mask_names(u)
            for u in units
            if AREA_NAMES.search(u) and rng.random() < settings.mask_rate
        ]
        for unit in units:
            found = features(unit)[0]
            for target in targets:
                counts.append(found)
                labels.append(target)
                authorities.append(row["authority"])
    return counts, labels, authorities


def fit_head(rows: list[dict[str, Any]], spec: HeadSpec, settings: Settings) -> dict[str, Any]:
    """Train one head and return it as the artefact's JSON object."""
    head = _fit_weights(rows, spec, settings)
    head["temperature"] = temperature(rows, spec, settings) if settings.calibrate else 1.0
    return head


def authority_folds(authorities: list[str], count: int) -> list[set[str]]:
    """Authorities dealt into folds by size, largest first (as GroupKFold does): no authority twice."""
    sizes = Counter(authorities)
    bins: list[set[str]] = [set() for _ in range(count)]
    load = [0] * count
    for authority, size in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])):
        smallest = load.index(min(load))
        bins[smallest].add(authority)
        load[smallest] += size
    return bins


def evaluation_units(
    rows: list[dict[str, Any]], spec: HeadSpec
) -> dict[str, list[tuple[str, str]]]:
    """(text, judgement id) per view, for rows of the eras the head serves."""
    eras = spec.evaluated_eras or spec.eras
    kept = [r for r in rows if r["framework_era"] in eras and spec.labels[r["judgement"]]]
    truth = [spec.labels[r["judgement"]][0] for r in kept]
    views = {
        "paragraphs": [r["text"] for r in kept],
        "first sentences": [first_sentence(r["text"]) for r in kept],
        "first, names masked": [mask_names(first_sentence(r["text"])) for r in kept],
    }
    return {view: list(zip(texts, truth, strict=True)) for view, texts in views.items()}


def temperature(rows: list[dict[str, Any]], spec: HeadSpec, settings: Settings) -> float:
    """The softmax temperature that best fits held-out authorities (ranking is unchanged by it)."""
    held_out = authority_folds([r["authority"] for r in rows], 5)[0]
    part = _fit_weights([r for r in rows if r["authority"] not in held_out], spec, settings)
    head = parse_area_model(artefact_bytes([part | {"temperature": 1.0}]))[0]
    scored = [
        (head.logits(text)[0], head.labels.index(label))
        for units in evaluation_units(
            [r for r in rows if r["authority"] in held_out], spec
        ).values()
        for text, label in units
    ]

    def loss(t: float) -> float:
        return -sum(math.log(max(softmax(z, t)[k], 1e-12)) for z, k in scored) / len(scored)

    return min((x / 10 for x in range(5, 61)), key=loss)


def _fit_weights(rows: list[dict[str, Any]], spec: HeadSpec, settings: Settings) -> dict[str, Any]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    counts, labels, authorities = training_units(rows, spec, settings)
    seen_by: dict[str, set[str]] = collections.defaultdict(set)
    document_frequency: Counter[str] = Counter()
    for found, authority in zip(counts, authorities, strict=True):
        for feature in found:
            seen_by[feature].add(authority)
            document_frequency[feature] += 1
    vocabulary = sorted(f for f, who in seen_by.items() if len(who) >= settings.min_authorities)
    index = {f: n for n, f in enumerate(vocabulary)}
    total = len(counts)
    # Quantise idf first, so training sees exactly the values the app will compute.
    idf_stored = [
        round((math.log((1 + total) / (1 + document_frequency[f])) + 1) * settings.idf_scale)
        for f in vocabulary
    ]
    idf = [v / settings.idf_scale for v in idf_stored]
    matrix = vectorise(counts, index, idf)
    model = LogisticRegression(C=settings.c, max_iter=5000, tol=1e-6)
    model.fit(matrix, np.array(labels))
    classes = [str(c) for c in model.classes_]
    coefficients = model.coef_
    if len(classes) == 2:  # binary models keep one row; the app always wants one per label
        coefficients = np.vstack([-coefficients[0] / 2, coefficients[0] / 2])
    # int16 weights: the largest weight maps to 32767, so rounding costs under 1/32767 of it.
    weight_scale = math.floor(32767 / float(np.abs(coefficients).max()))
    quantised = np.rint(coefficients.T * weight_scale).astype("<i2")  # row per feature
    keep = [n for n in range(len(vocabulary)) if quantised[n].any()]
    return {
        "name": spec.name,
        "family": spec.family,
        "frameworks": list(spec.frameworks),
        "labels": classes,
        "bias": [round(float(b), 6) for b in model.intercept_],
        "weight_scale": weight_scale,
        "idf_scale": settings.idf_scale,
        "features": "\n".join(vocabulary[n] for n in keep),
        "idf": _base64(np.array([idf_stored[n] for n in keep], dtype="<u2")),
        "weights": _base64(quantised[keep]),
    }


def _base64(values: Any) -> str:
    return base64.b64encode(values.tobytes()).decode("ascii")


def vectorise(counts: list[Counter[str]], index: dict[str, int], idf: list[float]) -> Any:
    """Sublinear TF-IDF rows, L2-normalised, as the app computes them (area_model.AreaHead)."""
    from scipy import sparse

    data: list[float] = []
    columns: list[int] = []
    pointers = [0]
    for found in counts:
        present = [
            (index[f], (1.0 + math.log(c)) * idf[index[f]]) for f, c in found.items() if f in index
        ]
        norm = math.sqrt(sum(v * v for _, v in present)) or 1.0
        for column, value in present:
            columns.append(column)
            data.append(value / norm)
        pointers.append(len(columns))
    return sparse.csr_matrix((data, columns, pointers), shape=(len(counts), len(index)))


def check_specs() -> None:
    """Every head's labels must be exactly the suggestible judgements of the frameworks it serves."""
    library = build_library(shipped_sources())
    for spec in HEADS:
        produced = {t for targets in spec.labels.values() for t in targets}
        for framework_id in spec.frameworks:
            wanted = {j.id for j in suggestible(library.get(framework_id))}
            if produced != wanted:
                raise SystemExit(
                    f"{spec.name}: labels {sorted(produced)} but {framework_id} wants {sorted(wanted)}"
                )


def reconstruction_check(rows: list[dict[str, Any]], heads: list[dict[str, Any]]) -> float:
    """How hard the easiest data sentence is to read back from the shipped word pairs.

    A sentence of eight or more words whose every adjacent pair was kept is one chain through the
    pair vocabulary; the vocabulary has no counts or order, so it is one among the product of each
    word's number of kept successors. Returns log10 of that number for the easiest such sentence.
    """
    pairs = {f for head in heads for f in head["features"].split("\n") if " " in f}
    successors = Counter(pair.split(" ")[0] for pair in pairs)
    easiest = math.inf
    for row in rows:
        for sentence in sentences(row["text"]):
            folded = [fold(w) for w in raw_words(sentence)]
            if len(folded) < 8:
                continue
            if all(f"{a} {b}" in pairs for a, b in itertools.pairwise(folded)):
                easiest = min(easiest, sum(math.log10(successors[w]) for w in folded[:-1]))
    return easiest


def artefact_bytes(heads: list[dict[str, Any]]) -> bytes:
    document = {"format": FORMAT, "format_version": FORMAT_VERSION, "heads": heads}
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    check_specs()
    rows = read_rows(args.data)
    settings = Settings()
    heads = [fit_head(rows, spec, settings) for spec in HEADS]
    data = artefact_bytes(heads)
    easiest = reconstruction_check(rows, heads)
    print(f"easiest data sentence is one of 10^{easiest:.1f} chains through the kept word pairs")
    if easiest < MIN_CHAINS_LOG10:
        raise SystemExit(
            "a data sentence could be read back from the word pairs: raise MIN_AUTHORITIES"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    for head in heads:
        print(
            f"{head['name']}: {head['features'].count(chr(10)) + 1} features, labels {', '.join(head['labels'])}"
        )
    print(f"wrote {args.out.name}: {len(data):,} bytes")


if __name__ == "__main__":
    main()
