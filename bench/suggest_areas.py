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
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import measure, p95, report

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import train_suggester as training  # noqa: E402

from fieldwork.frameworks.library import build_library, shipped_sources  # noqa: E402
from fieldwork.suggest.area_model import MODEL_FILE, MODEL_FOLDER, parse_area_model  # noqa: E402
from fieldwork.suggest.areas import area_suggester, keyword_area_suggester  # noqa: E402
from fieldwork.suggest.model_areas import ModelAreaSuggester  # noqa: E402

ARTEFACT = ROOT / "resources" / MODEL_FOLDER / MODEL_FILE
# Which data eras each head is scored on: a report is judged under the framework of its era.
EVALUATED_ERAS = {"ilacs-2018": {"2018"}, "ilacs-2023": {"2023", "2026"}}
VIEWS: dict[str, Callable[[str], str]] = {
    "paragraphs": lambda text: text,
    "first sentences": training.first_sentence,
    "first, names masked": lambda text: training.mask_names(training.first_sentence(text)),
}


def folds(authorities: list[str], count: int) -> list[set[str]]:
    """Authorities dealt into folds by size, largest first (as GroupKFold does): no authority twice."""
    sizes = Counter(authorities)
    bins: list[set[str]] = [set() for _ in range(count)]
    load = [0] * count
    for authority, size in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])):
        smallest = load.index(min(load))
        bins[smallest].add(authority)
        load[smallest] += size
    return bins


def macro_f1(truth: list[str], guess: list[str]) -> float:
    scores = []
    for label in sorted(set(truth)):
        tp = sum(t == label == g for t, g in zip(truth, guess, strict=True))
        fp = sum(g == label != t for t, g in zip(truth, guess, strict=True))
        fn = sum(t == label != g for t, g in zip(truth, guess, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return statistics.fmean(scores)


def score(
    rank: Callable[[str], tuple[Any, ...]], texts: list[str], truth: list[str]
) -> dict[str, Any]:
    ranked = [[s.judgement_id for s in rank(text)] for text in texts]
    return {
        "guess": [r[0] for r in ranked],
        "top1": sum(r[0] == t for r, t in zip(ranked, truth, strict=True)),
        "top2": sum(t in r[:2] for r, t in zip(ranked, truth, strict=True)),
    }


def cross_validate(
    rows: list[dict[str, Any]], spec: training.HeadSpec, n_folds: int, only: int | None
) -> None:
    framework = build_library(shipped_sources()).get(spec.frameworks[0])
    keywords = keyword_area_suggester(framework)
    eras = EVALUATED_ERAS[spec.name]
    totals: dict[tuple[str, str], dict[str, Any]] = defaultdict(
        lambda: {"top1": 0, "top2": 0, "guess": [], "truth": []}
    )
    bins = folds([r["authority"] for r in rows], n_folds)
    for number, held_out in enumerate(bins[:only] if only else bins):
        train = [r for r in rows if r["authority"] not in held_out]
        test = [r for r in rows if r["authority"] in held_out and r["framework_era"] in eras]
        assert not {r["authority"] for r in train} & {r["authority"] for r in test}
        head = parse_area_model(
            training.artefact_bytes([training.fit_head(train, spec, training.Settings())])
        )[0]
        model = ModelAreaSuggester(framework, head)
        truth = [spec.labels[r["judgement"]][0] for r in test]
        for view, make in VIEWS.items():
            texts = [make(r["text"]) for r in test]
            for name, suggester in (("model", model), ("keywords", keywords)):
                found = score(suggester.rank, texts, truth)
                total = totals[(view, name)]
                total["top1"] += found["top1"]
                total["top2"] += found["top2"]
                total["guess"] += found["guess"]
                total["truth"] += truth
        print(
            f"  fold {number + 1}: {len(held_out)} authorities held out, {len(test)} paragraphs scored",
            flush=True,
        )
    print(
        f"\n{spec.name} head, scored on {', '.join(sorted(eras))}-era reports of held-out authorities"
    )
    print(f"| {'view':<20} | {'suggester':<9} | top-1 | top-2 | macro-F1 |   n   |")
    print(f"|{'-' * 22}|{'-' * 11}|-------|-------|----------|-------|")
    for (view, name), total in totals.items():
        n = len(total["truth"])
        print(
            f"| {view:<20} | {name:<9} | {total['top1'] / n:.3f} | {total['top2'] / n:.3f} |"
            f"   {macro_f1(total['truth'], total['guess']):.3f}  | {n:>5} |"
        )


def speed(quick: bool) -> None:
    data = ARTEFACT.read_bytes()
    print(f"\nartefact {ARTEFACT.name}: {len(data) / 1e6:.2f} MB (budget 5 MB)")
    report(
        "parse artefact (in process)",
        measure(lambda: parse_area_model(data), 5 if quick else 15),
        100,
    )
    fresh = [
        float(
            subprocess.run(
                [sys.executable, "-c", _FRESH_LOAD],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            ).stdout
        )
        for _ in range(3 if quick else 9)
    ]
    report("fresh process: read + parse shipped artefact", fresh, 100)
    library = build_library(shipped_sources())
    framework = library.get("ilacs-2023")
    model, keywords = area_suggester(framework), keyword_area_suggester(framework)
    notes = _notes(framework)
    for name, suggester in (("model", model), ("keywords (same-run baseline)", keywords)):
        times = []
        for note in notes * (1 if quick else 5):
            start = time.perf_counter()
            suggester.rank(note)
            times.append(time.perf_counter() - start)
        median = report(f"rank one note, {name}", times, 5)
        del median
    long_note = " ".join(notes) * 3
    report(
        f"rank a {len(long_note.split())}-word note, model",
        measure(lambda: model.rank(long_note), 20),
        5,
    )
    print(
        f"(p95 per note: {p95(times) * 1000:.2f} ms; notes of {min(len(n.split()) for n in notes)}–{max(len(n.split()) for n in notes)} words)"
    )


_FRESH_LOAD = """
import time
start = time.perf_counter()
from fieldwork.suggest.model_areas import shipped_heads
shipped_heads()
print(time.perf_counter() - start)
"""


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
