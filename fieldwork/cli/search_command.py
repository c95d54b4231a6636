"""`fieldwork search PATH QUERY [filters]`: ranked notes with highlighted snippets."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fieldwork.domain.errors import InputRejected
from fieldwork.domain.evidence import EVALUATIONS


def register(commands: Any) -> None:
    search = commands.add_parser(
        "search", help='search a notebook\'s notes (words and "quoted phrases")'
    )
    search.add_argument("path", type=Path)
    search.add_argument(
        "query",
        nargs="?",
        default="",
        help='words and "quoted phrases"; empty lists the newest notes',
    )
    search.add_argument(
        "--in",
        dest="nodes",
        action="append",
        default=[],
        metavar="ID",
        help="a judgement, theme or criterion id (repeatable)",
    )
    search.add_argument("--evaluation", action="append", default=[], choices=EVALUATIONS)
    search.add_argument("--case", help="a case reference such as C-014")
    search.add_argument("--practitioner", help="a practitioner pseudonym such as P07")
    search.add_argument("--since", help="notes from this day (YYYY-MM-DD)")
    search.add_argument("--until", help="notes up to and including this day (YYYY-MM-DD)")
    search.add_argument("--limit", type=int, default=20, help="how many notes to show (default 20)")
    search.add_argument("--json", action="store_true", help="one JSON object per note")
    search.add_argument("--passphrase-file", type=Path)
    search.set_defaults(handler=search_command)


def _day(text: str | None, *, end: bool = False) -> datetime | None:
    if not text:
        return None
    from datetime import date, timedelta

    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InputRejected(f"'{text}' is not a date like 2026-05-11.") from None
    if end:
        day += timedelta(days=1)
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _highlight(snippet: str, ranges: tuple[tuple[int, int], ...]) -> str:
    out, last = [], 0
    for start, stop in ranges:
        out.append(snippet[last:start])
        out.append("[" + snippet[start:stop] + "]")
        last = stop
    out.append(snippet[last:])
    return "".join(out)


def search_command(args: argparse.Namespace) -> int:
    from fieldwork.cli.notebook_commands import open_for_command
    from fieldwork.domain.search import SearchQuery
    from fieldwork.services.people import list_cases, list_practitioners
    from fieldwork.services.search import search_notes

    with open_for_command(args) as notebook:
        cases = {c.reference.casefold(): c for c in list_cases(notebook)}
        people = {p.pseudonym.casefold(): p for p in list_practitioners(notebook)}
        references = {c.id: c.reference for c in cases.values()}
        case = cases.get(args.case.casefold()) if args.case else None
        if args.case and case is None:
            raise InputRejected(f"No case with the reference {args.case} in this notebook.")
        person = people.get(args.practitioner.casefold()) if args.practitioner else None
        if args.practitioner and person is None:
            raise InputRejected(f"No practitioner {args.practitioner} in this notebook.")
        for node in args.nodes:
            if not notebook.framework.has(node):
                raise InputRejected(
                    f"'{node}' is not a judgement, theme or criterion of {notebook.framework.id}."
                )
        query = SearchQuery(
            text=args.query,
            criterion_ids=tuple(args.nodes),
            evaluations=tuple(args.evaluation),
            case_id=case.id if case else None,
            practitioner_id=person.id if person else None,
            since=_day(args.since),
            until=_day(args.until, end=True),
            limit=max(1, min(args.limit, 1000)),
        )
        page = search_notes(notebook, query)
    if args.json:
        for hit in page.hits:
            print(
                json.dumps(
                    {
                        "id": hit.note_id,
                        "created_at": hit.created_at.isoformat(),
                        "cases": [references.get(c, c) for c in hit.case_ids],
                        "criteria": [t.criterion_id for t in hit.tags],
                        "snippet": hit.snippet,
                        "highlights": [list(r) for r in hit.highlights],
                    },
                    ensure_ascii=False,
                )
            )
        return 0
    order = "best first" if page.ranked else "newest first"
    print(
        f"{page.total} note{'s' if page.total != 1 else ''} found; showing {len(page.hits)}, {order}."
    )
    for hit in page.hits:
        when = hit.created_at.astimezone().strftime("%a %d %b %H:%M")
        refs = ", ".join(references.get(c, "?") for c in hit.case_ids) or "-"
        tags = ", ".join(f"{t.criterion_id} ({t.evaluation})" for t in hit.tags) or "untagged"
        print(f"\n{when}  cases: {refs}  tags: {tags}")
        print(f"  {_highlight(hit.snippet, hit.highlights)}")
    return 0
