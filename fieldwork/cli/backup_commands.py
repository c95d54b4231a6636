"""`fieldwork backup | backups | restore`: verified encrypted backups from the shell."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fieldwork.domain.backups import BackupEntry, local_time
from fieldwork.domain.errors import InputRejected

PASSPHRASE_HELP = (
    "read the passphrase from this file (or set FIELDWORK_PASSPHRASE; never on the command line)"
)


def register(commands: Any) -> None:
    backup = commands.add_parser(
        "backup", help="make a verified, encrypted backup of a notebook now"
    )
    backup.add_argument("path", type=Path, help="the notebook folder")
    backup.add_argument(
        "--to",
        type=Path,
        metavar="FOLDER",
        help="an existing folder for the backup (e.g. on a USB drive); default: the one in "
        "the preferences",
    )
    backup.add_argument("--passphrase-file", type=Path, help=PASSPHRASE_HELP)
    backup.set_defaults(handler=backup_command)

    listing = commands.add_parser(
        "backups", help="list the backups of a notebook, newest first (no passphrase needed)"
    )
    listing.add_argument(
        "path", type=Path, help="a notebook folder, a backup, or a folder of backups"
    )
    listing.add_argument(
        "--check",
        action="store_true",
        help="read each backup to prove it is still exactly what was verified",
    )
    listing.set_defaults(handler=backups_command)

    restore = commands.add_parser(
        "restore",
        help="restore a backup into a new folder, or over a damaged notebook (kept aside)",
        description=(
            "SOURCE is a backup folder, or a notebook folder whose latest good backup is used. "
            "Nothing is ever deleted: a notebook being replaced is renamed aside."
        ),
    )
    restore.add_argument("source", type=Path, metavar="SOURCE")
    restore.add_argument(
        "--to", type=Path, metavar="NEWPATH", help="a new folder for the restored notebook"
    )
    restore.add_argument(
        "--replace",
        action="store_true",
        help="put the latest good backup in the notebook's place; the notebook is renamed "
        "aside, never deleted",
    )
    restore.add_argument(
        "--key-only",
        action="store_true",
        help="give a notebook whose key file is missing or damaged the key file from its "
        "latest good backup",
    )
    restore.set_defaults(handler=restore_command)


def _entries(count: int) -> str:
    return f"{count} history {'entry' if count == 1 else 'entries'}"


def _size(count: int) -> str:
    return f"{count / 1024**2:.1f} MB" if count >= 1024**2 else f"{count / 1024:.0f} KB"


def _status(entry: BackupEntry) -> str:
    if entry.intact is False:
        return f"NOT USABLE: {entry.problem}"
    return "verified, unchanged since" if entry.intact else "verified when made"


def backup_command(args: argparse.Namespace) -> int:
    from fieldwork.cli.notebook_commands import open_for_command
    from fieldwork.runtime.preferences import load_preferences
    from fieldwork.services.backups import back_up_now

    if args.to is not None and not args.to.is_dir():
        raise InputRejected(
            f"The folder {args.to} does not exist (is the drive plugged in?). Nothing was "
            "written; make the folder first."
        )
    preferences = load_preferences()
    with open_for_command(args) as notebook:
        outcome = back_up_now(notebook, "manual", preferences=preferences, root=args.to)
    entry = outcome.entry
    assert entry is not None
    print(f"Backed up and verified: {entry.folder}")
    print(f"{entry.passphrase_note}")
    print(f"Holds {_entries(entry.history_seq)}; {_size(entry.size_bytes)}.")
    if outcome.removed:
        print(
            f"Removed {outcome.removed} older backup{'s' if outcome.removed != 1 else ''} "
            f"(keeping the newest {preferences.backup_count})."
        )
    return 0


def backups_command(args: argparse.Namespace) -> int:
    from fieldwork.services.backups import list_backups

    entries = list_backups(args.path, check=args.check)
    if not entries:
        print("No backups found for that notebook.")
        return 0
    for entry in entries:
        if not entry.notebook_id:
            print(f"{local_time(entry.made_at):<18} {_status(entry)}")
            print(f"    {entry.folder}")
            continue
        print(
            f"{local_time(entry.made_at):<18} {entry.reason_text:<18} "
            f"{_entries(entry.history_seq):>20}  {_size(entry.size_bytes):>9}  {_status(entry)}"
        )
        print(f"    {entry.folder}")
        print(f"    {entry.passphrase_note}")
    return 0


def restore_command(args: argparse.Namespace) -> int:
    from fieldwork.services import backups

    source: Path = args.source
    is_backup = (source / "backup.json").exists()
    if args.key_only:
        if is_backup or args.to is not None or args.replace:
            raise InputRejected("--key-only takes a notebook folder and nothing else.")
        result = backups.restore_key_file(source)
        print(f"Key file restored from the backup of {local_time(result.backup.made_at)}.")
        if result.kept_aside is not None:
            print(f"The damaged key file was kept as {result.kept_aside.name}.")
        print(result.backup.passphrase_note)
        return 0
    if args.to is None and not args.replace:
        raise InputRejected(
            "Say where the backup goes: --to NEWPATH for a new folder, or --replace to put it "
            "in the notebook's place (the notebook is renamed aside, never deleted)."
        )
    if is_backup and args.replace:
        raise InputRejected("--replace takes a notebook folder; use --to with a backup.")
    entry = (
        backups.list_backups(source, check=True)[0]
        if is_backup
        else backups.latest_good_backup(source)
    )
    if entry.intact is False:
        raise InputRejected(f"That backup cannot be used: {entry.problem}")
    if args.replace:
        result = backups.restore_backup(entry, source, replace=True)
    else:
        result = backups.restore_backup(entry, args.to)
    print(f"Restored the backup of {local_time(entry.made_at)} into {result.folder}.")
    if result.kept_aside is not None:
        print(f"The notebook it replaced was kept, unchanged, as {result.kept_aside}.")
    print(entry.passphrase_note)
    return 0
