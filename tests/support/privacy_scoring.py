"""Precision and recall of the privacy guard per kind, on labelled note sentences (JSON lines)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from fieldwork.privacy.detectors import scan_text
from fieldwork.privacy.findings import FINDING_KINDS, Finding

DATA = Path(__file__).resolve().parents[1] / "data" / "privacy"
LABELLED = DATA / "labelled.jsonl"  # the main set: every kind, with hard negatives
HELD_OUT = DATA / "held_out.jsonl"  # names only, written after the name rules were last tuned

Labelled = list[tuple[str, list[tuple[str, int, int]]]]


@dataclass
class Tally:
    labelled: int = 0
    found: int = 0
    labels_hit: int = 0  # labelled spans overlapped by a finding of the same kind
    findings_right: int = 0  # findings that overlap a labelled span of the same kind

    @property
    def precision(self) -> float:
        return self.findings_right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.labels_hit / self.labelled if self.labelled else 1.0


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def load(path: Path = LABELLED) -> Labelled:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            spans = [(s["kind"], s["start"], s["end"]) for s in record["spans"]]
            rows.append((record["text"], spans))
    return rows


def measure(
    rows: Labelled, scan: Callable[[str], Sequence[Finding]] = scan_text
) -> dict[str, Tally]:
    tallies: dict[str, Tally] = {kind: Tally() for kind in FINDING_KINDS}
    for text, labels in rows:
        findings = [(f.kind, f.start, f.end) for f in scan(text)]
        for kind, start, end in labels:
            tallies[kind].labelled += 1
            if any(k == kind and _overlaps((s, e), (start, end)) for k, s, e in findings):
                tallies[kind].labels_hit += 1
        for kind, start, end in findings:
            tallies[kind].found += 1
            if any(k == kind and _overlaps((s, e), (start, end)) for k, s, e in labels):
                tallies[kind].findings_right += 1
    return tallies


def table(tallies: dict[str, Tally], *, skip_empty: bool = False) -> str:
    lines = [f"{'kind':<14}{'labelled':>9}{'found':>7}{'precision':>11}{'recall':>8}"]
    for kind, tally in tallies.items():
        if skip_empty and not tally.labelled and not tally.found:
            continue
        lines.append(
            f"{kind:<14}{tally.labelled:>9}{tally.found:>7}"
            f"{tally.precision:>11.2f}{tally.recall:>8.2f}"
        )
    return "\n".join(lines)


def misses(rows: Labelled, kind: str) -> list[tuple[str, str, str]]:
    """("missed" or "wrong", the span's text, the sentence) for one kind: for tuning by hand."""
    found_rows = []
    for text, labels in rows:
        findings = [(f.kind, f.start, f.end) for f in scan_text(text)]
        for k, start, end in labels:
            if k == kind and not any(
                fk == kind and _overlaps((s, e), (start, end)) for fk, s, e in findings
            ):
                found_rows.append(("missed", text[start:end], text))
        for k, start, end in findings:
            if k == kind and not any(
                lk == kind and _overlaps((s, e), (start, end)) for lk, s, e in labels
            ):
                found_rows.append(("wrong", text[start:end], text))
    return found_rows
