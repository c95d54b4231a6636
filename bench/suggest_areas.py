"""Area suggestions: authority-grouped cross-validation, artefact size, load time and latency.

Budgets: artefact <= 5 MB, load <= 100 ms, <= 5 ms per note. The cross-validation retrains the
model on four fifths of the authorities and scores the held-out fifth with the app's own scorer
(quantised weights, pure Python), beside the keyword baseline. Needs the `train` extra.

    .venv/bin/python bench/suggest_areas.py [--data FILE] [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from _common import measure, report

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import train_suggester as training  # noqa: E402

from fieldwork.frameworks.library import build_library, shipped_sources  # noqa: E402
from fieldwork.suggest.area_model import MODEL_FILE, MODEL_FOLDER, parse_area_model  # noqa: E402
from fieldwork.suggest.areas import area_suggester, keyword_area_suggester  # noqa: E402
from fieldwork.suggest.model_areas import ModelAreaSuggester  # noqa: E402

ARTEFACT = ROOT / "resources" / MODEL_FOLDER / MODEL_FILE
VIEWS = ["paragraphs", "first sentences", "first, names masked"]


def macro_f1(truth: list[str], guess: list[str]) -> float:
    scores = []
    for label in sorted(set(truth)):
        tp = sum(t == label == g for t, g in zip(truth, guess, strict=True))
        fp = sum(g == label != t for t, g in zip(truth, guess, strict=True))
        fn = sum(t == label != g for t, g in zip(truth, guess, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return statistics.fmean(scores)


def cross_validate(
    rows: list[dict[str, Any]], spec: training.HeadSpec, n_folds: int, only: int | None
) -> None:
    framework = build_library(shipped_sources()).get(spec.frameworks[0])
    keywords = keyword_area_suggester(framework)
    totals: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(
        lambda: {"guess": [], "top2": [], "truth": []}
    )
    bins = training.authority_folds([r["authority"] for r in rows], n_folds)
    # Ranking does not depend on the softmax temperature, so the folds skip fitting it.
    settings = training.Settings(calibrate=False)
    for number, held_out in enumerate(bins[:only] if only else bins):
        train = [r for r in rows if r["authority"] not in held_out]
        test = [r for r in rows if r["authority"] in held_out]
        assert not {r["authority"] for r in train} & {r["authority"] for r in test}
        head = training.fit_head(train, spec, settings)
        model = ModelAreaSuggester(framework, parse_area_model(training.artefact_bytes([head]))[0])
        units = training.evaluation_units(test, spec)
        for view, pairs in units.items():
            for name, suggester in (("model", model), ("keywords", keywords)):
                total = totals[(view, name)]
                for text, truth in pairs:
                    ranked = [s.judgement_id for s in suggester.rank(text)]
                    total["guess"].append(ranked[0])
                    total["top2"].append(truth if truth in ranked[:2] else ranked[0])
                    total["truth"].append(truth)
        print(
            f"  fold {number + 1}: {len(held_out)} authorities held out, "
            f"{len(units['paragraphs'])} paragraphs scored",
            flush=True,
        )
    eras = ", ".join(spec.evaluated_eras or spec.eras)
    print(f"\n{spec.name} head, scored on {eras}-era reports of held-out authorities")
    print(f"| {'view':<20} | {'suggester':<9} | top-1 | top-2 | macro-F1 |   n   |")
    print(f"|{'-' * 22}|{'-' * 11}|-------|-------|----------|-------|")
    for (view, name), total in sorted(
        totals.items(), key=lambda kv: (VIEWS.index(kv[0][0]), kv[0][1] != "model")
    ):
        truth = total["truth"]
        n = len(truth)
        top1 = sum(g == t for g, t in zip(total["guess"], truth, strict=True)) / n
        top2 = sum(g == t for g, t in zip(total["top2"], truth, strict=True)) / n
        print(
            f"| {view:<20} | {name:<9} | {top1:.3f} | {top2:.3f} |"
            f"   {macro_f1(truth, total['guess']):.3f}  | {n:>5} |"
        )


def speed(quick: bool) -> None:
    data = ARTEFACT.read_bytes()
    print(f"\nartefact {ARTEFACT.name}: {len(data) / 1e6:.2f} MB (budget 5 MB)")
    report(
        "read artefact and unpack both heads, in process",
        measure(lambda: parse_area_model(data), 5 if quick else 15),
        100,
    )
    runs = [_fresh_load() for _ in range(3 if quick else 9)]
    report("fresh process: read the artefact, unpack one head", [r[1] for r in runs], 100)
    report("fresh process: importing fieldwork.suggest first (not the model)", [r[0] for r in runs])
    framework = build_library(shipped_sources()).get("ilacs-2023")
    notes = _notes(framework)
    for name, suggester in (
        ("model", area_suggester(framework)),
        ("keywords, same-run baseline", keyword_area_suggester(framework)),
    ):
        times = []
        for note in notes * (1 if quick else 5):
            start = time.perf_counter()
            suggester.rank(note)
            times.append(time.perf_counter() - start)
        report(f"rank one note ({name})", times, 5)
    long_note = " ".join(notes) * 3
    report(
        f"rank a {len(long_note.split())}-word note (model; scores its first 8,000 characters)",
        measure(lambda: area_suggester(framework).rank(long_note), 20),
        5,
    )
    print(
        f"(notes of {min(len(n.split()) for n in notes)} to {max(len(n.split()) for n in notes)} words)"
    )


_FRESH_LOAD = """
import time
start = time.perf_counter()
from fieldwork.suggest.model_areas import shipped_model
imported = time.perf_counter()
shipped_model().head("ilacs-2023")  # what a 2023 or 2026 notebook unpacks
print(imported - start, time.perf_counter() - imported)
"""


def _fresh_load() -> tuple[float, float]:
    done = subprocess.run(
        [sys.executable, "-c", _FRESH_LOAD], capture_output=True, text=True, check=True, cwd=ROOT
    )
    imported, loaded = done.stdout.split()
    return float(imported), float(loaded)


def _notes(framework: Any) -> list[str]:
    """Notes of 20 to 300 words built from the framework's own criterion text."""
    goods = [c.good for c in framework.criteria]
    notes = []
    for n in range(len(goods)):
        words = " ".join(goods[n : n + 1 + n % 6]).split()
        notes.append(" ".join(words[: 20 + (n * 37) % 280]))
    return notes


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=training.DEFAULT_DATA)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--quick", action="store_true", help="one fold of the cross-validation, fewer repeats"
    )
    parser.add_argument("--speed-only", action="store_true", help="size, load and latency only")
    args = parser.parse_args()
    if not args.speed_only:
        rows = training.read_rows(args.data)
        for spec in training.HEADS:
            cross_validate(rows, spec, args.folds, 1 if args.quick else None)
    speed(args.quick)


if __name__ == "__main__":
    main()
