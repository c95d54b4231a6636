"""Precision and recall of the privacy guard per kind, on hand-labelled note sentences."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from fieldwork.privacy.detectors import scan_text
from fieldwork.privacy.findings import FINDING_KINDS

LABELLED = Path(__file__).resolve().parents[1] / "data" / "privacy" / "labelled.jsonl"

# SECURITY.md §9: structured kinds are near-exact; names are the weakest kind.
FLOORS: dict[str, tuple[float, float]] = {  # kind -> (precision, recall)
    "nhs-number": (0.95, 0.95),
    "ni-number": (0.95, 0.95),
    "postcode": (0.95, 0.95),
    "phone": (0.95, 0.95),
    "email": (0.95, 0.95),
    "date-of-birth": (0.85, 0.85),
    "address": (0.85, 0.85),
    "name": (0.60, 0.75),
}


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


def _load() -> list[tuple[str, list[tuple[str, int, int]]]]:
    rows = []
    for line in LABELLED.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            spans = [(s["kind"], s["start"], s["end"]) for s in record["spans"]]
            rows.append((record["text"], spans))
    return rows


def measure() -> dict[str, Tally]:
    tallies: dict[str, Tally] = {kind: Tally() for kind in FINDING_KINDS}
    for text, labels in _load():
        findings = [(f.kind, f.start, f.end) for f in scan_text(text)]
        for kind, start, end in labels:
            tallies[kind].labelled += 1
            if any(k == kind and _overlaps((s, e), (start, end)) for k, s, e in findings):
                tallies[kind].labels_hit += 1
        for kind, start, end in findings:
            tallies[kind].found += 1
            if any(k == kind and _overlaps((s, e), (start, end)) for k, s, e in labels):
                tallies[kind].findings_right += 1
    return tallies


@pytest.fixture(scope="module")
def tallies() -> dict[str, Tally]:
    results = measure()
    print(f"\n{'kind':<14}{'labelled':>9}{'found':>7}{'precision':>11}{'recall':>8}")
    for kind, tally in results.items():
        print(
            f"{kind:<14}{tally.labelled:>9}{tally.found:>7}"
            f"{tally.precision:>11.2f}{tally.recall:>8.2f}"
        )
    return results


def test_the_labelled_set_is_well_formed() -> None:
    rows = _load()
    assert len(rows) >= 300
    negatives = sum(1 for _, spans in rows if not spans)
    assert negatives >= 100, "hard negatives keep precision honest"
    for text, spans in rows:
        for kind, start, end in spans:
            assert kind in FINDING_KINDS
            assert 0 <= start < end <= len(text)
            assert text[start:end] == text[start:end].strip()


@pytest.mark.parametrize("kind", list(FLOORS))
def test_precision_and_recall_meet_the_floor(kind: str, tallies: dict[str, Tally]) -> None:
    precision_floor, recall_floor = FLOORS[kind]
    tally = tallies[kind]
    assert tally.labelled >= 15, f"too few labelled {kind} spans to measure"
    assert tally.precision >= precision_floor, f"{kind} precision {tally.precision:.2f}"
    assert tally.recall >= recall_floor, f"{kind} recall {tally.recall:.2f}"
