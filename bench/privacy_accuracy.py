"""Report: the privacy guard's precision and recall per kind on the labelled sets under tests/.

Not a timing: the same figures `tests/unit/test_privacy_precision_recall.py` holds to its floors,
printed as a table for the changelog. `--misses KIND` lists what was missed or wrongly found.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository, for tests.support

from tests.support.privacy_scoring import HELD_OUT, LABELLED, load, measure, misses, table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="accepted for CI; the report is fast")
    parser.add_argument("--misses", metavar="KIND", help="list misses and false hits of a kind")
    args = parser.parse_args()
    for title, path in (("labelled set", LABELLED), ("held-out names", HELD_OUT)):
        rows = load(path)
        negatives = sum(1 for _, spans in rows if not spans)
        print(f"{title}: {path.name}, {len(rows)} sentences ({negatives} with nothing to find)")
        print(table(measure(rows), skip_empty=True))
        if args.misses:
            for outcome, span, sentence in misses(rows, args.misses):
                print(f"  {outcome:<7}{span!r:<28}{sentence}")
        print()


if __name__ == "__main__":
    main()
