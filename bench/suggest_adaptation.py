"""Criterion suggestions: top-3 accuracy as an inspector accepts tags, ranker latency, CLI throughput.

Protocol: feed a set of hand-labelled notes one by one to a notebook's adaptation as if the
inspector had accepted their correct tags; after 0, 20, 50 and 100 (and, for the longer sets,
150 and 200) accepted notes, score criterion top-1 and top-3 on the notes not yet fed (never on a
note already learned). The same unseen notes are also scored without adaptation, so each row
carries its own baseline. The sets (tests/data/suggest/README.md says how they were written):

- `inspection-a`, `inspection-b`: one inspector's notebook from one inspection of one fictional
  authority each, in the order written (the simulation the issue asks for: a held-back
  authority), then also shuffled. Weights are tuned on A only; B is quoted as held out.
- `varied`: notes of many authorities, deliberately unrelated to each other (each case
  reference used once), shuffled: what a fresh notebook can learn from language alone.
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
from dataclasses import dataclass
from pathlib import Path

from _common import measure, report

from fieldwork.domain.framework import Framework
from fieldwork.services.frameworks import framework_by_id
from fieldwork.suggest.adaptation import Adaptation
from fieldwork.suggest.areas import keyword_area_suggester
from fieldwork.suggest.criteria import CriterionRanker, criterion_ranker

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "suggest"
SETS = {
    "inspection-a": DATA / "inspection-a.jsonl",
    "inspection-b": DATA / "inspection-b.jsonl",
    "varied": DATA / "criteria-notes.jsonl",
}
CHECKPOINTS = (0, 20, 50, 100, 150, 200)
Note = dict[str, object]


def load_notes(framework: Framework, name: str = "varied") -> list[Note]:
    path = SETS[name]
    notes = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [n for n in notes if all(framework.has(c) for c in n["criteria"])]  # type: ignore[union-attr]


def hits(ranked: tuple[str, ...], labels: list[str], k: int) -> bool:
    return bool(set(ranked[:k]) & set(labels))


@dataclass(frozen=True)
class Score:
    """Accuracy on the notes not yet learned from, with and without adaptation."""

    unseen: int
    top1: float
    top3: float
    plain1: float
    plain3: float


def simulate(
    ranker: CriterionRanker, order: list[Note], *, learn_areas: bool = True
) -> dict[int, Score]:
    """Scores at each checkpoint that leaves at least 20 notes unseen, learning in `order`."""
    adaptation = ranker.new_adaptation()
    results: dict[int, Score] = {}
    for position, note in enumerate(order):
        if position in CHECKPOINTS and len(order) - position >= 20:
            results[position] = score(ranker, order[position:], adaptation, learn_areas)
        adaptation.set_note(str(note["id"]), str(note["text"]), note["criteria"])  # type: ignore[arg-type]
    return results


def score(
    ranker: CriterionRanker, unseen: list[Note], adaptation: Adaptation, learn_areas: bool
) -> Score:
    counts = [0, 0, 0, 0]
    for note in unseen:
        text, labels = str(note["text"]), list(note["criteria"])  # type: ignore[call-overload]
        areas = ranker.areas(text, adaptation if learn_areas else None)
        adapted = tuple(
            s.criterion_id for s in ranker.rank(text, areas=areas, adaptation=adaptation, limit=3)
        )
        plain = tuple(s.criterion_id for s in ranker.rank(text, limit=3))
        for n, (ranked, k) in enumerate(((adapted, 1), (adapted, 3), (plain, 1), (plain, 3))):
            counts[n] += hits(ranked, labels, k)
    return Score(len(unseen), *(c / len(unseen) for c in counts))


def shuffled(notes: list[Note], seed: int) -> list[Note]:
    order = notes[:]
    random.Random(seed).shuffle(order)
    return order


def accuracy_table(ranker: CriterionRanker, name: str, notes: list[Note], seeds: int) -> None:
    """As written (when the set is one notebook) and the mean over shuffles, with baselines."""
    written = simulate(ranker, notes) if name != "varied" else {}
    runs = [simulate(ranker, shuffled(notes, seed)) for seed in range(seeds)]
    print(f"\n{name}: {len(notes)} notes")
    head = f"{'accepted':>8}  {'unseen':>6}"
    if written:
        head += f"  {'as written: top-1 / top-3':>25}  {'no adaptation':>15}"
    head += f"  {'shuffled top-3 (range)':>24}  {'no adaptation':>13}"
    print(head)
    for point in sorted(runs[0]):
        line = f"{point:>8}  {runs[0][point].unseen:>6}"
        if written:
            w = written.get(point)
            line += (
                f"  {w.top1:>13.3f} / {w.top3:.3f}  {w.plain1:>7.3f} / {w.plain3:.3f}"
                if w
                else f"{'':>44}"
            )
        top3 = [r[point].top3 for r in runs]
        line += (
            f"  {statistics.mean(top3):>10.3f} ({min(top3):.3f}-{max(top3):.3f})"
            f"  {statistics.mean(r[point].plain3 for r in runs):>13.3f}"
        )
        print(line)


def latency(ranker: CriterionRanker, notes: list[Note], repeats: int) -> None:
    texts = [str(n["text"]) for n in notes]
    area_only = keyword_area_suggester(ranker.framework)
    for text in texts:  # warm-up: stems are cached, as in a running app
        ranker.suggest(text, limit=5)
    per_note: dict[int, list[float]] = {}
    baseline: list[float] = []
    for learned in (100, 2000):  # 2,000: what the app learns at most when a notebook opens
        adaptation = ranker.new_adaptation()
        for n in range(learned):
            note = notes[n % len(notes)]
            text = str(note["text"]).replace("C-", f"C-{n // len(notes)}")  # other children
            adaptation.set_note(f"{n}", text, note["criteria"])  # type: ignore[arg-type]
        per_note[learned] = []
        for _ in range(repeats):
            for text in texts:
                start = time.perf_counter()
                area_only.rank(text)
                baseline.append(time.perf_counter() - start)
                start = time.perf_counter()
                ranker.suggest(text, adaptation=adaptation, limit=5)
                per_note[learned].append(time.perf_counter() - start)
    base = report("baseline: keyword area ranking alone, per note", baseline)
    for learned, times in per_note.items():
        full = report(
            f"areas + criteria with {learned:,} accepted notes learned, per note", times, budget=5
        )
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
    adaptation = ranker.new_adaptation()
    for n, note in enumerate(notes):
        adaptation.set_note(f"{n}", str(note["text"]), note["criteria"])  # type: ignore[arg-type]
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
    parser.add_argument("--sets", nargs="+", choices=sorted(SETS), default=list(SETS))
    parser.add_argument("--accuracy-only", action="store_true", help="skip latency and the CLI")
    args = parser.parse_args()
    framework = framework_by_id(args.framework)
    ranker = criterion_ranker(framework)
    print(f"{len(framework.criteria)} criteria in {framework.id}")
    for name in args.sets:
        accuracy_table(ranker, name, load_notes(framework, name), 2 if args.quick else 10)
    notes = [n for name in SETS for n in load_notes(framework, name)]
    if args.accuracy_only:
        return
    latency(ranker, notes, 1 if args.quick else 5)
    cli_throughput(framework.id, notes, 1000 if args.quick else 10_000)


if __name__ == "__main__":
    main()
