"""Shared benchmark helpers: repeat a measurement, report median and p95 against a budget."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def measure(action: Callable[[], object], repeats: int) -> list[float]:
    """Seconds taken by each of `repeats` runs of `action`."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def report(name: str, values: list[float], budget: float | None = None, unit: str = "ms") -> float:
    scale = 1000 if unit == "ms" else 1
    median = statistics.median(values) * scale
    line = f"{name}: median {median:.2f} {unit}, p95 {p95(values) * scale:.2f} {unit} over {len(values)} runs"
    if budget is not None:
        verdict = "within" if median <= budget else "OVER"
        line += f"; budget {budget:g} {unit} ({verdict})"
    print(line)
    return median
