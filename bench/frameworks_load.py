"""Budget: loading and validating every shipped framework takes under 50 ms."""

from __future__ import annotations

import argparse

import tomli
from _common import measure, report

from fieldwork.frameworks.library import build_library, shipped_sources


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats (CI)")
    args = parser.parse_args()
    repeats = 5 if args.quick else 40
    sources = shipped_sources()
    library = build_library(sources)
    assert not library.problems, library.problems
    total = sum(len(data) for _, data in sources)
    print(
        f"{len(sources)} framework files, {total / 1024:.0f} KiB, {sum(len(f.criteria) for f in library.frameworks)} criteria"
    )
    # Baseline in the same run: parsing the same bytes as TOML, without any checking or building.
    baseline = report(
        "baseline: TOML parse only (tomli)",
        measure(lambda: [tomli.loads(d.decode()) for _, d in sources], repeats),
    )
    full = report(
        "read files, parse, validate, build and cross-check all frameworks",
        measure(lambda: build_library(shipped_sources()), repeats),
        budget=50,
    )
    print(f"ratio to parsing alone: {full / baseline:.1f}x")


if __name__ == "__main__":
    main()
