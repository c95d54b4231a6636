"""`fieldwork framework list | show ID | check FILE`: the installed frameworks and their files."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fieldwork.domain.framework import Framework

# The service (and the TOML loader behind it) is imported inside each command, so that building
# the parser for `--version` or `--help` loads nothing it does not need.


def register(commands: Any) -> None:
    parser = commands.add_parser("framework", help="list, show or check inspection frameworks")
    sub = parser.add_subparsers(dest="framework_command", metavar="ACTION", required=True)
    listing = sub.add_parser("list", help="the installed frameworks")
    listing.set_defaults(handler=list_command)
    show = sub.add_parser("show", help="a framework as a tree of judgements, themes and criteria")
    show.add_argument("framework_id", metavar="ID")
    show.add_argument(
        "--detail", action="store_true", help="include what good looks like and keywords"
    )
    show.set_defaults(handler=show_command)
    check = sub.add_parser("check", help="validate a framework file and report every problem")
    check.add_argument("file", type=Path, metavar="FILE")
    check.set_defaults(handler=check_command)


def _dates(framework: Framework) -> str:
    end = framework.in_force_to.isoformat() if framework.in_force_to else "now"
    return f"{framework.in_force_from.isoformat()} to {end}"


def list_command(args: argparse.Namespace) -> int:
    from fieldwork.services import frameworks as service

    library = service.installed_frameworks()
    width = max((len(f.id) for f in library.frameworks), default=2)
    for framework in library.frameworks:
        judgements = len(framework.judgements)
        criteria = len(framework.criteria)
        print(f"{framework.id:<{width}}  {framework.title}")
        print(
            f"{'':<{width}}  in force {_dates(framework)}; {judgements} judgements, "
            f"{criteria} criteria, {len(framework.rules)} consistency rules ({framework.origin})"
        )
    for problem in library.problems:
        print(f"not loaded: {problem}")
    return 0


def show_command(args: argparse.Namespace) -> int:
    from fieldwork.services import frameworks as service

    framework = service.framework_by_id(args.framework_id)
    print(f"{framework.title} [{framework.id}]")
    print(f"In force {_dates(framework)}.")
    grades = ", ".join(
        f"{g.order} {g.label}{' (benchmark)' if g.id == framework.grades.benchmark else ''}"
        for g in framework.grades.grades
    )
    print(f"Grades: {grades}")
    print(framework.source_note)
    for judgement in framework.judgements:
        print(f"\n{judgement.id}  {judgement.title}  [{judgement.kind}]")
        for t_index, theme in enumerate(judgement.themes):
            last_theme = t_index == len(judgement.themes) - 1
            print(f"{'└─' if last_theme else '├─'} {theme.id}  {theme.title}")
            stem = "   " if last_theme else "│  "
            for c_index, criterion in enumerate(theme.criteria):
                last = c_index == len(theme.criteria) - 1
                print(f"{stem}{'└─' if last else '├─'} {criterion.id}  {criterion.heading}")
                if args.detail:
                    inner = stem + ("   " if last else "│  ")
                    print(f"{inner}good: {criterion.good}")
                    print(f"{inner}keywords: {', '.join(criterion.keywords)}")
    if framework.rules:
        print(f"\nConsistency rules ({len(framework.rules)}; they warn, never set a grade):")
        for rule in framework.rules:
            print(f"  {rule.severity:<7} {rule.id}: {rule.message}")
    for mapping in framework.mappings:
        print(f"\nMaps from {mapping.source_id}:", end="")
        for source, aims in (*mapping.judgements, *mapping.criteria):
            print(f" {source} -> {' + '.join(aims)};", end="")
        if mapping.removed:
            print(f" removed: {', '.join(mapping.removed)}", end="")
        print()
    return 0


def check_command(args: argparse.Namespace) -> int:
    from fieldwork.services import frameworks as service

    report = service.check_framework_file(args.file)
    if report.ok and report.framework is not None:
        framework = report.framework
        print(
            f"{report.file}: OK — {framework.id}, {len(framework.judgements)} judgements, "
            f"{len(framework.themes)} themes, {len(framework.criteria)} criteria, "
            f"{len(framework.rules)} rules."
        )
        return 0
    count = len(report.problems)
    print(f"{report.file}: {count} problem{'s' if count != 1 else ''}")
    for problem in report.problems:
        print(f"  {problem}")
    return 1
