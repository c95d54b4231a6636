"""`fieldwork export PATH [filters] [--out FILE.pdf]`: write the draft judgement evidence pack."""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from fieldwork.domain.errors import InputRejected

if TYPE_CHECKING:
    from fieldwork.services.pack_privacy import PackPrivacyReport

PASSWORD_ENV = "FIELDWORK_PDF_PASSWORD"
SHORT_PASSWORD = 12
# Shown in --help; the values themselves come from fieldwork.domain.pack when the command runs
# (importing it here would slow every command's start, --version included). A test keeps them equal.
MARKING_HELP_DEFAULT = "OFFICIAL-SENSITIVE"
THRESHOLD_HELP_DEFAULT = 25


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-05-11") from None


def register(commands: Any) -> None:
    export = commands.add_parser(
        "export",
        help="write the draft judgement evidence pack (PDF) for the lead inspector",
        description=(
            "Write the draft judgement evidence pack as a PDF. Give a password (from a file or "
            f"{PASSWORD_ENV}) to encrypt it; never on the command line."
        ),
    )
    export.add_argument("path", type=Path, help="the notebook folder")
    export.add_argument(
        "--out",
        type=Path,
        default=None,
        help="the PDF to write, or a folder for it (default: evidence-pack-DATE.pdf here)",
    )
    export.add_argument(
        "--judgement",
        dest="judgements",
        action="append",
        default=[],
        metavar="ID",
        help="only this judgement, e.g. hp (repeatable; default: all)",
    )
    export.add_argument("--since", type=_date, help="notes written from this day (YYYY-MM-DD)")
    export.add_argument("--until", type=_date, help="notes written up to this day (YYYY-MM-DD)")
    export.add_argument("--reviewed-only", action="store_true", help="only notes marked reviewed")
    export.add_argument("--author", help="only this inspector's notes (as recorded on each note)")
    export.add_argument(
        "--marking",
        help=f"the handling marking on every page (default {MARKING_HELP_DEFAULT})",
    )
    export.add_argument(
        "--caseload-threshold",
        type=int,
        metavar="N",
        help=f"count caseloads above N (default {THRESHOLD_HELP_DEFAULT})",
    )
    export.add_argument(
        "--password-file",
        type=Path,
        help=f"encrypt the PDF with the password in this file (or set {PASSWORD_ENV})",
    )
    export.add_argument(
        "--passphrase-file",
        type=Path,
        help="the notebook's passphrase, from a file (or set FIELDWORK_PASSPHRASE)",
    )
    guard = export.add_mutually_exclusive_group()
    guard.add_argument(
        "--privacy-check",
        action="store_true",
        help="only list the notes that look like they hold personal data; write no pack",
    )
    guard.add_argument(
        "--replace-personal-data",
        action="store_true",
        help="first replace what looks like personal data in those notes (a name with the "
        "note's case reference, other details with a placeholder such as '[phone number "
        "removed]'; an edit kept in the notebook's history), then export",
    )
    export.set_defaults(handler=export_command)


def read_password(file: Path | None) -> str | None:
    """The PDF password from --password-file or the environment; None for no password."""
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as error:
            raise InputRejected(
                f"The password file cannot be read ({error.strerror or 'error'})."
            ) from None
        password = text[:-1] if text.endswith("\n") else text
    elif PASSWORD_ENV in os.environ:
        password = os.environ[PASSWORD_ENV]
    else:
        return None
    if not password:
        raise InputRejected("The PDF password is empty; give one, or leave it out for no password.")
    return password


def export_command(args: argparse.Namespace) -> int:
    from fieldwork.cli.notebook_commands import open_for_command
    from fieldwork.domain.pack import (
        DEFAULT_CASELOAD_THRESHOLD,
        DEFAULT_MARKING,
        PASSWORD_NOTICE,
        PackFilters,
        PackRequest,
        default_pack_name,
    )
    from fieldwork.services.pack import export_pack
    from fieldwork.services.pack_privacy import replace_in_notes, scan_pack

    password = read_password(args.password_file)
    target = args.out if args.out is not None else Path.cwd() / default_pack_name(date.today())
    request = PackRequest(
        target=target,
        filters=PackFilters(
            judgement_ids=tuple(dict.fromkeys(args.judgements)),
            since=args.since,
            until=args.until,
            reviewed_only=args.reviewed_only,
            author=args.author,
        ),
        marking=DEFAULT_MARKING if args.marking is None else args.marking,
        caseload_threshold=(
            DEFAULT_CASELOAD_THRESHOLD
            if args.caseload_threshold is None
            else args.caseload_threshold
        ),
        password=password,
    )
    with open_for_command(args) as notebook:
        report = scan_pack(notebook, request)
        if args.privacy_check:
            print_privacy_report(report, sys.stdout, exporting=False)
            return 0
        if args.replace_personal_data and report.notes:
            replaced = replace_in_notes(notebook, [n.note_id for n in report.notes])
            noun = "note" if len(replaced.note_ids) == 1 else "notes"
            print(
                f"Replaced {replaced.findings} passages that looked like personal data in "
                f"{len(replaced.note_ids)} {noun}: names with the case reference, other details "
                "with a placeholder (an edit kept in the notebook's history)."
            )
            report = scan_pack(notebook, request)
        print_privacy_report(report, sys.stderr, exporting=True)
        result = export_pack(notebook, request)
    if not report.clean:
        print(
            "warning: exported anyway. Check those notes, or export again with "
            "--replace-personal-data to replace what was found.",
            file=sys.stderr,
        )
    pages = f"{result.pages} page{'s' if result.pages != 1 else ''}"
    notes = f"{result.notes} note{'s' if result.notes != 1 else ''}"
    print(f"Wrote the draft evidence pack to {result.path} ({pages}, {notes}).")
    print(f"Evidence fingerprint: {result.fingerprint}")
    print(f"Selection hash:       {result.selection_hash}")
    if result.encrypted:
        print("Encrypted with AES-256: it opens only with the password.")
        if password is not None and len(password) < SHORT_PASSWORD:
            print(f"warning: the password is shorter than {SHORT_PASSWORD} characters.")
        print(textwrap.fill(PASSWORD_NOTICE, width=88))
    else:
        print("Not encrypted: anyone who gets the file can read it.")
    return 0


def print_privacy_report(report: PackPrivacyReport, stream: TextIO, *, exporting: bool) -> None:
    """Kinds and note references only: the matched text never reaches a terminal or a log."""
    from fieldwork.services.pack_privacy import describe_kinds

    if report.clean:
        if not exporting:
            print(f"{report.headline()} ({report.notes_scanned} notes checked)", file=stream)
        return
    prefix = "warning: " if exporting else ""
    print(f"{prefix}{report.headline()}", file=stream)
    for note in report.notes:
        case = note.case_ref or "no single case"
        print(f"  {note.note_ref}  ({case}): {describe_kinds(note.kinds)}", file=stream)
    for other in report.other:
        print(f"  {other.where}: {describe_kinds(other.kinds)}", file=stream)
