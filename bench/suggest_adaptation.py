"""Criterion suggestions: top-3 accuracy as an inspector accepts tags, ranker latency, CLI throughput.

Protocol (the hand-labelled synthetic notes in tests/data/suggest/ stand in for an authority the
suggesters have never seen): shuffle the notes, then feed them one by one to the notebook's
adaptation as if the inspector had accepted their correct tags. After 0, 20, 50 and 100 accepted
notes, score criterion top-1 and top-3 on the notes not yet fed (never on a note already
learned). The same held-out notes are also scored without adaptation, so each row carries its
own baseline. Repeated over several shuffles; the mean and the range are printed. Adapted top-3
is also split by the parity of the note's number: tune any weight on the odd notes, quote the
even ones, so a weight chosen on these notes is not also judged on them.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _common import measure, report

from fieldwork.domain.framework import Framework
from fieldwork.services.frameworks import framework_by_id
from fieldwork.suggest.adaptation import Adaptation
from fieldwork.suggest.areas import keyword_area_suggester
from fieldwork.suggest.criteria import CriterionRanker, criterion_ranker

NOTES = (
    Path(__file__).resolve().parent.parent / "tests" / "data" / "suggest" / "criteria-notes.jsonl"
)
CHECKPOINTS = (0, 20, 50, 100)


def load_notes(framework: Framework) -> list[dict[str, object]]:
    notes = [json.loads(line) for line in NOTES.read_text(encoding="utf-8").splitlines() if line]
    return [n for n in notes if all(framework.has(c) for c in n["criteria"])]  # type: ignore[union-attr]


def hits(ranked: tuple[str, ...], labels: list[str], k: int) -> bool:
    return bool(set(ranked[:k]) & set(labels))


def simulate(
    ranker: CriterionRanker, notes: list[dict[str, object]], seed: int, *, learn_areas: bool = True
) -> dict[int, tuple[float, ...]]:
    """{accepted: (top-1, top-3 adapted, top-1, top-3 without adaptation, adapted top-3 on
    odd-numbered and on even-numbered notes)} on the unseen notes."""
    order = notes[:]
    random.Random(seed).shuffle(order)
    adaptation = ranker.new_adaptation()
    results: dict[int, tuple[float, ...]] = {}
    for position, note in enumerate(order):
        if position in CHECKPOINTS:
            results[position] = _score(ranker, order[position:], adaptation, learn_areas)
        adaptation.set_note(str(note["id"]), str(note["text"]), note["criteria"])  # type: ignore[arg-type]
    return results


def _score(
    ranker: CriterionRanker,
    unseen: list[dict[str, object]],
    adaptation: Adaptation,
    learn_areas: bool,
) -> tuple[float, ...]:
    counts = [0, 0, 0, 0]
    by_parity = {0: [0, 0], 1: [0, 0]}  # parity of the note's number -> [top-3 hits, notes]
    for note in unseen:
        text, labels = str(note["text"]), list(note["criteria"])  # type: ignore[call-overload]
        areas = ranker.areas(text, adaptation if learn_areas else None)
        adapted = tuple(
            s.criterion_id for s in ranker.rank(text, areas=areas, adaptation=adaptation, limit=3)
        )
        plain = tuple(s.criterion_id for s in ranker.rank(text, limit=3))
        for n, (ranked, k) in enumerate(((adapted, 1), (adapted, 3), (plain, 1), (plain, 3))):
            counts[n] += hits(ranked, labels, k)
        parity = by_parity[int(str(note["id"]).lstrip("n") or 0) % 2]
        parity[0] += hits(adapted, labels, 3)
        parity[1] += 1
    odd, even = (h / max(1, n) for h, n in (by_parity[1], by_parity[0]))
    return (*(c / len(unseen) for c in counts), odd, even)


def accuracy_table(ranker: CriterionRanker, notes: list[dict[str, object]], seeds: int) -> None:
    runs = [simulate(ranker, notes, seed) for seed in range(seeds)]
    areas_off = [simulate(ranker, notes, seed, learn_areas=False) for seed in range(seeds)]
    print(
        f"{'accepted':>8}  {'unseen':>6}  {'top-1':>6}  {'top-3 (range)':>20}  "
        f"{'no adaptation top-1 / top-3':>28}  {'criteria-only top-3':>20}  "
        f"{'top-3 odd / even':>16}"
    )
    for point in CHECKPOINTS:
        top1 = statistics.mean(r[point][0] for r in runs)
        top3 = [r[point][1] for r in runs]
        base1 = statistics.mean(r[point][2] for r in runs)
        base3 = statistics.mean(r[point][3] for r in runs)
        only = statistics.mean(r[point][1] for r in areas_off)
        print(
            f"{point:>8}  {len(notes) - point:>6}  {top1:>6.3f}  "
            f"{statistics.mean(top3):>6.3f} ({min(top3):.3f}-{max(top3):.3f})  "
            f"{base1:>13.3f} / {base3:.3f}  {only:>20.3f}  "
            f"{statistics.mean(r[point][4] for r in runs):>8.3f} / "
            f"{statistics.mean(r[point][5] for r in runs):.3f}"
        )


def latency(ranker: CriterionRanker, notes: list[dict[str, object]], repeats: int) -> None:
    texts = [str(n["text"]) for n in notes]
    adaptation = ranker.new_adaptation()
    for note in notes[:100]:
        adaptation.set_note(str(note["id"]), str(note["text"]), note["criteria"])  # type: ignore[arg-type]
    for text in texts:  # warm-up: stems are cached, as in a running app
        ranker.suggest(text, adaptation=adaptation, limit=5)
    area_only = keyword_area_suggester(ranker.framework)
    per_note: list[float] = []
    baseline: list[float] = []
    for _ in range(repeats):
        for text in texts:
            start = time.perf_counter()
            area_only.rank(text)
            baseline.append(time.perf_counter() - start)
            start = time.perf_counter()
            ranker.suggest(text, adaptation=adaptation, limit=5)
            per_note.append(time.perf_counter() - start)
    base = report("baseline: keyword area ranking alone, per note", baseline)
    full = report("areas + criteria with 100 accepted notes learned, per note", per_note, budget=5)
    print(f"ratio to the keyword area ranking alone: {full / base:.1f}x")
    report(
        "building the criterion ranker for a framework (once per framework)",
        measure(lambda: CriterionRanker(ranker.framework), max(3, repeats)),
    )
    many = [
        (f"{n}-{i}", str(note["text"]), note["criteria"])
        for i in range(20)
        for n, note in enumerate(notes)
    ]

    def learn_all() -> None:
        fresh = ranker.new_adaptation()
        for note_id, text, labels in many:
            fresh.set_note(note_id, text, labels)  # type: ignore[arg-type]

    report(f"learning {len(many)} tagged notes from scratch (notebook open)", measure(learn_all, 3))
    report(
        "re-learning one edited note (incremental)",
        measure(lambda: adaptation.set_note("edited", texts[0], ["hp.practice.assessment"]), 200),
    )


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(command: list[str], body: bytes = b"") -> tuple[float, float, bytes]:
    """(wall seconds, CPU seconds, standard output) of one child process."""
    cpu, start = _child_cpu(), time.perf_counter()
    done = subprocess.run(command, input=body, check=True, capture_output=True)
    return time.perf_counter() - start, _child_cpu() - cpu, done.stdout


def cli_throughput(framework_id: str, notes: list[dict[str, object]], lines: int) -> None:
    """Wall and CPU time: the machine is shared, and CPU time is what the command itself costs."""
    body = "".join(
        json.dumps({"id": f"x{i}", "text": notes[i % len(notes)]["text"]}) + "\n"
        for i in range(lines)
    ).encode("utf-8")
    command = [sys.executable, "-m", "fieldwork"]
    bare_wall, bare_cpu, _ = _timed([*command, "--version"])
    wall, cpu, out = _timed([*command, "suggest", "--framework", framework_id], body)
    assert out.count(b"\n") == lines, (out.count(b"\n"), lines)
    print(
        f"fieldwork suggest: {lines} lines in {wall:.2f} s wall, {cpu:.2f} s CPU "
        f"({lines / cpu:,.0f} lines per CPU second); "
        f"baseline fieldwork --version {bare_wall:.2f} s wall, {bare_cpu:.2f} s CPU"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer shuffles and repeats (CI)")
    parser.add_argument("--framework", default="ilacs-2023")
    args = parser.parse_args()
    framework = framework_by_id(args.framework)
    notes = load_notes(framework)
    ranker = criterion_ranker(framework)
    print(f"{len(notes)} hand-labelled notes, {len(framework.criteria)} criteria in {framework.id}")
    accuracy_table(ranker, notes, 2 if args.quick else 10)
    latency(ranker, notes, 1 if args.quick else 5)
    cli_throughput(framework.id, notes, 1000 if args.quick else 10_000)


if __name__ == "__main__":
    main()
