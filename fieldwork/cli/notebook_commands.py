"""`fieldwork new | demo | info | passwd | verify | remember | forget`: notebooks from the shell."""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path
from typing import Any

from fieldwork.cli.passphrase_source import NEW_PASSPHRASE_ENV, new_passphrase, read_passphrase
from fieldwork.domain.errors import InputRejected
from fieldwork.domain.inspection import INSPECTION_TYPE_LABELS, INSPECTION_TYPES

PASSPHRASE_HELP = (
    "read the passphrase from this file (or set FIELDWORK_PASSPHRASE; never on the command line)"
)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-05-11") from None


def register(commands: Any) -> None:
    new = commands.add_parser("new", help="create an encrypted notebook for an inspection")
    new.add_argument("path", type=Path, help="the new notebook folder (e.g. 2026-05-11.fieldwork)")
    new.add_argument("--authority", required=True, help="the local authority inspected")
    new.add_argument("--type", dest="inspection_type", choices=INSPECTION_TYPES, default="standard")
    new.add_argument("--start", type=_date, required=True, help="first day on site (YYYY-MM-DD)")
    new.add_argument("--end", type=_date, required=True, help="last day on site (YYYY-MM-DD)")
    new.add_argument(
        "--framework", default="ilacs-2026", help="framework id (see: fieldwork framework list)"
    )
    new.add_argument("--inspector", default="", help="your name as it should appear on the pack")
    new.add_argument("--lead", default="", help="the lead inspector")
    new.add_argument("--no-recovery-code", action="store_true", help="do not make a recovery code")
    new.add_argument("--passphrase-file", type=Path, help=PASSPHRASE_HELP)
    new.set_defaults(handler=new_command)

    demo = commands.add_parser("demo", help="create a notebook holding a synthetic demo inspection")
    demo.add_argument("path", type=Path)
    demo.add_argument(
        "--notes", type=int, default=600, help="how many notes (1 to 50,000; default 600)"
    )
    demo.add_argument("--seed", type=int, default=2026, help="the same seed gives the same demo")
    demo.add_argument("--framework", default="ilacs-2026")
    demo.add_argument("--passphrase-file", type=Path, help=PASSPHRASE_HELP)
    demo.set_defaults(handler=demo_command)

    for name, handler, text in (
        ("info", info_command, "what a notebook holds"),
        ("verify", verify_command, "check the history chain, the evidence and every page"),
        (
            "remember",
            remember_command,
            "open this notebook without the passphrase on this computer",
        ),
        ("forget", forget_command, "stop remembering this notebook's key on this computer"),
    ):
        sub = commands.add_parser(name, help=text)
        sub.add_argument("path", type=Path)
        sub.add_argument("--passphrase-file", type=Path, help=PASSPHRASE_HELP)
        sub.set_defaults(handler=handler)

    passwd = commands.add_parser(
        "passwd", help="change a notebook's passphrase (the notes are not re-encrypted)"
    )
    passwd.add_argument("path", type=Path)
    passwd.add_argument("--passphrase-file", type=Path, help="the current passphrase, from a file")
    passwd.add_argument(
        "--new-passphrase-file",
        type=Path,
        help=f"the new passphrase, from a file (or set {NEW_PASSPHRASE_ENV})",
    )
    passwd.set_defaults(handler=passwd_command)


def open_for_command(args: argparse.Namespace) -> Any:
    """Open with the remembered key when there is one, else the passphrase from its source."""
    from fieldwork.services.opening import PassphraseNeeded, open_notebook

    passphrase = None
    if args.passphrase_file is not None:
        passphrase = read_passphrase(args.passphrase_file)
    else:
        try:
            return open_notebook(args.path)
        except PassphraseNeeded:
            passphrase = read_passphrase(None)
    if passphrase is None:
        raise InputRejected(
            "This notebook needs its passphrase: use --passphrase-file FILE or set FIELDWORK_PASSPHRASE."
        )
    return open_notebook(args.path, passphrase=passphrase, use_keyring=False)


def _refuse_weak(passphrase: str) -> None:
    from fieldwork.services.passphrases import passphrase_advice

    refusal, warnings = passphrase_advice(passphrase)
    if refusal:
        raise InputRejected(refusal)
    for warning in warnings:
        print(f"warning: {warning}")


def new_command(args: argparse.Namespace) -> int:
    from fieldwork.domain.inspection import Inspection
    from fieldwork.services.opening import create_notebook

    if args.end < args.start:
        raise InputRejected("The last day on site is before the first.")
    passphrase = new_passphrase(args.passphrase_file)
    _refuse_weak(passphrase)
    inspection = Inspection(
        args.authority,
        args.inspection_type,
        args.start,
        args.end,
        args.framework,
        args.inspector,
        args.lead,
    )
    created = create_notebook(
        args.path, inspection, passphrase, recovery_code=not args.no_recovery_code
    )
    with created.notebook:
        print(
            f"Created {args.path} ({INSPECTION_TYPE_LABELS[args.inspection_type].lower()}, {args.framework})."
        )
    if created.recovery_code:
        print(f"Recovery code: {created.recovery_code}")
        print(
            "Write it down and keep it away from the laptop: it opens the notebook if the passphrase is forgotten."
        )
    return 0


def demo_command(args: argparse.Namespace) -> int:
    from fieldwork.services.demo_notebook import create_demo_notebook

    if not 1 <= args.notes <= 50_000:
        raise InputRejected("--notes must be between 1 and 50,000.")
    passphrase = new_passphrase(args.passphrase_file)
    _refuse_weak(passphrase)
    started = time.perf_counter()
    created = create_demo_notebook(
        args.path, passphrase, framework_id=args.framework, notes=args.notes, seed=args.seed
    )
    with created.notebook:
        pass
    print(
        f"Created the demo inspection in {args.path}: {args.notes} notes ({time.perf_counter() - started:.1f} s)."
    )
    if created.recovery_code:
        print(f"Recovery code: {created.recovery_code}")
    return 0


def info_command(args: argparse.Namespace) -> int:
    from fieldwork.services.info import notebook_info

    with open_for_command(args) as notebook:
        info = notebook_info(notebook)
    inspection = info.inspection
    print(f"Authority:      {inspection.authority}")
    print(
        f"Inspection:     {INSPECTION_TYPE_LABELS[inspection.inspection_type]}, {inspection.start_date} to {inspection.end_date}"
    )
    print(f"Framework:      {info.framework_title} [{inspection.framework_id}]")
    print(
        f"Inspector:      {inspection.inspector or '-'}; lead inspector: {inspection.lead_inspector or '-'}"
    )
    print(
        f"Holds:          {info.notes} notes, {info.tags} tags, {info.cases} cases, {info.practitioners} practitioners, {info.activities} activities, {info.enquiries} lines of enquiry"
    )
    print(f"Fingerprint:    {info.fingerprint}")
    print(
        f"On this computer: {'remembered (opens without the passphrase)' if info.remembered_here else 'not remembered'}"
    )
    return 0


def verify_command(args: argparse.Namespace) -> int:
    from fieldwork.services.verification import verify_notebook

    with open_for_command(args) as notebook:
        report = verify_notebook(notebook)
    print(
        f"History:     {report.entries} entries, {'intact' if report.chain_problem is None else report.chain_problem}"
    )
    print(f"Head:        seq {report.head_seq}, sha256 {report.head_hash}")
    print(f"Fingerprint: {report.fingerprint}")
    print(
        f"Evidence:    {'matches its history' if not report.mismatches else f'{len(report.mismatches)} differences'}"
    )
    for line in report.mismatches[:20]:
        print(f"  {line}")
    print(
        f"Pages:       {'every page checks out' if not report.integrity_problems else 'problems found'}"
    )
    for line in report.integrity_problems[:20]:
        print(f"  {line}")
    print("Verified: OK" if report.ok else "Verified: NOT OK")
    return 0 if report.ok else 1


def passwd_command(args: argparse.Namespace) -> int:
    from fieldwork.services.opening import change_passphrase

    old = read_passphrase(args.passphrase_file, prompt="Current passphrase: ")
    if old is None:
        raise InputRejected(
            "Give the current passphrase with --passphrase-file FILE or FIELDWORK_PASSPHRASE."
        )
    new = new_passphrase(args.new_passphrase_file, env=NEW_PASSPHRASE_ENV)
    _refuse_weak(new)
    change_passphrase(args.path, old, new)
    print("Passphrase changed. The notes were not re-encrypted, so this was instant.")
    print("Older copies of the key file (in backups) still open with the old passphrase.")
    return 0


def remember_command(args: argparse.Namespace) -> int:
    from fieldwork.services.opening import remember_on_this_computer

    with open_for_command(args) as notebook:
        problem = remember_on_this_computer(notebook)
    if problem:
        raise InputRejected(f"Not remembered: {problem}")
    print("Remembered on this computer: it opens without the passphrase for this user account.")
    return 0


def forget_command(args: argparse.Namespace) -> int:
    from fieldwork.services.opening import forget_on_this_computer

    with open_for_command(args) as notebook:
        problem = forget_on_this_computer(notebook)
    print("Forgotten on this computer: the passphrase is needed to open it here.")
    if problem:
        print(f"warning: {problem}")
    return 0
