"""`fieldwork --self-test`: check this installation end to end on a throwaway notebook."""

from __future__ import annotations

import argparse
import platform
import sys
import time
from typing import Any


class _SelfTestFlag(argparse.Action):
    """`--self-test` chooses the self-test as the command, without a sub-command's name."""

    def __call__(self, parser: Any, namespace: argparse.Namespace, *_: object) -> None:
        namespace.handler = self_test_command


def register_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--self-test",
        action=_SelfTestFlag,
        nargs=0,
        help=(
            "check this installation works: create a notebook in a temporary folder, remember its "
            "key, save and find a note, write a pack and read it back, then remove it all"
        ),
    )
    parser.add_argument(
        "--require-keyring",
        action="store_true",
        help="with --self-test: fail, rather than skip that step, when no system keyring works",
    )


def _marks() -> dict[str, str]:
    # A console that cannot print a tick (a Windows code page, say) gets words instead.
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        "✓✗–".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return {"passed": "ok  ", "skipped": "skip", "failed": "FAIL"}
    return {"passed": "✓", "skipped": "–", "failed": "✗"}


def _where() -> str:
    frozen = "installed bundle" if getattr(sys, "frozen", False) else "Python environment"
    return f"Python {platform.python_version()}, {platform.system()}, {frozen}"


def self_test_command(args: argparse.Namespace) -> int:
    from fieldwork import __version__
    from fieldwork.services.self_check import run_self_check

    marks = _marks()
    print(f"Fieldwork {__version__} self-test ({_where()})", flush=True)
    started = time.perf_counter()
    skipped = 0
    failure = None
    for step in run_self_check(require_keyring=args.require_keyring):
        print(
            f"  {marks[step.status]} {step.title:<40} {step.seconds:6.2f} s  {step.detail}",
            flush=True,
        )
        skipped += step.status == "skipped"
        if step.status == "failed":
            failure = step
    total = time.perf_counter() - started
    if failure is not None:
        print(f"Self-test FAILED at '{failure.title}': {failure.detail}", flush=True)
        return 1
    steps = "step" if skipped == 1 else "steps"
    note = f" ({skipped} {steps} skipped: see above)" if skipped else ""
    print(f"Self-test passed in {total:.1f} s{note}.", flush=True)
    return 0
