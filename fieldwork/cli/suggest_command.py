"""`fieldwork suggest --framework ID [--jsonl FILE] [--top N]`: suggested areas and criteria per line.

Reads lines of {"id": ..., "text": ...} (standard input when no file) and writes, in the same
order, lines of {"id": ..., "ranked_labels": [judgement ids], "criteria": [criterion ids]}, best
first. No notebook and no passphrase: suggestions come from the framework and the shipped area
model only. A line that cannot be read is named on standard error (line number and what is
wrong, never its text), skipped, and the command goes on; it then exits 1 so scripts notice.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from fieldwork.domain.errors import InputRejected
from fieldwork.domain.framework import Framework

DEFAULT_TOP = 5
BATCH = 256  # lines answered per write


def register(commands: Any) -> None:
    suggest = commands.add_parser(
        "suggest",
        help="suggest judgement areas and criteria for lines of JSON text (no notebook needed)",
        description=(
            'Reads lines of {"id": ..., "text": ...} and writes lines of {"id": ..., '
            '"ranked_labels": [judgement ids], "criteria": [criterion ids]}, best first. '
            "Unreadable lines are reported on standard error and skipped (exit status 1)."
        ),
    )
    suggest.add_argument("--framework", required=True, metavar="ID", help="e.g. ilacs-2023")
    suggest.add_argument(
        "--jsonl", type=Path, metavar="FILE", help="read this file (default: standard input)"
    )
    suggest.add_argument(
        "--top",
        type=int,
        default=DEFAULT_TOP,
        metavar="N",
        help=f"criteria per line (default {DEFAULT_TOP}); every judgement is always ranked",
    )
    suggest.set_defaults(handler=suggest_command)


def _parse(number: int, line: str) -> tuple[Any, str] | str:
    """(id, text) from one line, or a sentence saying what is wrong with it."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        return f"line {number}: not JSON ({error.msg} at column {error.colno})"
    except ValueError:
        return f"line {number}: not JSON"
    if not isinstance(item, dict):
        return f'line {number}: expected an object like {{"id": ..., "text": ...}}'
    if "id" not in item:
        return f'line {number}: no "id"'
    text = item.get("text")
    if not isinstance(text, str):
        return f'line {number}: "text" is missing or not a string'
    return item["id"], text


def suggest_command(args: argparse.Namespace) -> int:
    from fieldwork.services.frameworks import framework_by_id

    if args.top < 1:
        raise InputRejected("--top must be 1 or more.")
    framework = framework_by_id(args.framework)
    if args.jsonl is None:
        return _run(sys.stdin, framework, args.top)
    try:
        source = args.jsonl.open(encoding="utf-8", errors="replace")
    except OSError as error:
        raise InputRejected(f"Cannot read {args.jsonl}: {error.strerror}.") from None
    with source:
        return _run(source, framework, args.top)


def _run(source: TextIO, framework: Framework, top: int) -> int:
    bad = 0
    batch: list[tuple[Any, str]] = []
    for number, line in enumerate(source, start=1):
        if not line.strip():
            continue
        parsed = _parse(number, line)
        if isinstance(parsed, str):
            print(f"fieldwork suggest: {parsed}; skipped.", file=sys.stderr)
            bad += 1
            continue
        batch.append(parsed)
        if len(batch) >= BATCH:
            _write(batch, framework, top)
            batch = []
    _write(batch, framework, top)
    sys.stdout.flush()
    if bad:
        print(f"fieldwork suggest: {bad} line(s) skipped.", file=sys.stderr)
        return 1
    return 0


def _write(batch: list[tuple[Any, str]], framework: Framework, top: int) -> None:
    """Answers for a batch, in input order, in one write (far fewer system calls per line)."""
    from fieldwork.services.suggestions import suggest_lines

    if not batch:
        return
    ranked = suggest_lines(framework, [text for _, text in batch], top=top)
    sys.stdout.write(
        "".join(
            json.dumps(
                {"id": item_id, "ranked_labels": list(areas), "criteria": list(criteria)},
                ensure_ascii=False,
            )
            + "\n"
            for (item_id, _), (areas, criteria) in zip(batch, ranked, strict=True)
        )
    )
