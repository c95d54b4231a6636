"""Budget: `fieldwork --version` in 0.3 s; baseline: a bare Python interpreter in the same run."""

from __future__ import annotations

import argparse
import subprocess
import sys

from _common import measure, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    repeats = 5 if parser.parse_args().quick else 20
    bare = report(
        "baseline: python -c pass",
        measure(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), repeats),
    )
    version = report(
        "fieldwork --version",
        measure(
            lambda: subprocess.run(
                [sys.executable, "-m", "fieldwork", "--version"], check=True, capture_output=True
            ),
            repeats,
        ),
        budget=300,
    )
    framework_list = report(
        "fieldwork framework list",
        measure(
            lambda: subprocess.run(
                [sys.executable, "-m", "fieldwork", "framework", "list"],
                check=True,
                capture_output=True,
            ),
            repeats,
        ),
    )
    print(
        f"--version is {version / bare:.1f}x a bare interpreter; framework list {framework_list / bare:.1f}x"
    )


if __name__ == "__main__":
    main()
