"""Budget: the privacy guard scans a 600-word note in under 2 ms and 1 MB of text in under 1 s."""

from __future__ import annotations

import argparse
import json
import random
import re
from functools import partial
from pathlib import Path

from _common import measure, report

from fieldwork.privacy.detectors import scan_text
from fieldwork.privacy.names import name_lists

LABELLED = Path(__file__).resolve().parents[1] / "tests" / "data" / "privacy" / "labelled.jsonl"
WORD = re.compile(r"\w+")


def sentences() -> list[str]:
    """The labelled note sentences: about one in three holds personal data, so denser than life."""
    lines = LABELLED.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


def note_of(pool: list[str], words: int, seed: int) -> str:
    rng = random.Random(seed)
    picked: list[str] = []
    count = 0
    while count < words:
        sentence = rng.choice(pool)
        picked.append(sentence)
        count += len(sentence.split())
    return " ".join(picked)


def text_of(pool: list[str], characters: int, seed: int) -> str:
    rng = random.Random(seed)
    picked: list[str] = []
    size = 0
    while size < characters:
        sentence = rng.choice(pool)
        picked.append(sentence)
        size += len(sentence) + 1
    return " ".join(picked)[:characters]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats (CI)")
    args = parser.parse_args()
    note_repeats, big_repeats = (50, 3) if args.quick else (500, 15)
    name_lists()  # the word lists load once per process; measure the scan, not the first read
    pool = sentences()
    note = note_of(pool, 600, seed=1)
    big = text_of(pool, 1_000_000, seed=2)
    print(
        f"note: {len(note.split())} words, {len(scan_text(note))} findings; "
        f"1 MB text: {len(big.split())} words, {len(scan_text(big))} findings"
    )
    # Baseline in the same run: one regex pass that only splits the text into words.
    baseline = report(
        "baseline: split the 600-word note into words",
        measure(lambda: WORD.findall(note), note_repeats),
    )
    scan = report("scan a 600-word note", measure(lambda: scan_text(note), note_repeats), budget=2)
    print(f"ratio to splitting alone: {scan / baseline:.1f}x")
    big_baseline = report(
        "baseline: split 1 MB into words", measure(lambda: WORD.findall(big), big_repeats)
    )
    big_scan = report(
        "scan 1 MB of note text", measure(lambda: scan_text(big), big_repeats), budget=1000
    )
    print(f"ratio to splitting alone: {big_scan / big_baseline:.1f}x")
    # Worst cases for the name rules and the number patterns: every word a candidate.
    hostile = {
        "1 MB of capitalised non-names": "Abcde " * 166_666,
        "1 MB of digit groups": "0113 " * 200_000,
    }
    for label, text in hostile.items():
        report(f"hostile: {label}", measure(partial(scan_text, text), 3))


if __name__ == "__main__":
    main()
