"""Back up, list, restore and check notebooks; and when an automatic backup is due.

The store is imported inside each function (these start from files as often as from an open
notebook), so listing backups never loads SQLAlchemy.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fieldwork.domain.backups import (
    BackupEntry,
    BackupOutcome,
    NotebookHealth,
    RestoreResult,
    local_time,
)
from fieldwork.domain.errors import (
    BackupFolderUnavailable,
    FieldworkError,
    NoGoodBackup,
    NotebookError,
)
from fieldwork.domain.progress import CancelToken, Progress
from fieldwork.runtime.paths import ensure_private_dir, folders
from fieldwork.runtime.preferences import Preferences, load_preferences
from fieldwork.services.notebook import Notebook

AUTOMATIC_REASONS = ("open", "interval", "close", "lock")


# --- where backups go ------------------------------------------------------------------
def backup_root(preferences: Preferences | None = None) -> Path:
    """The chosen backup folder, which must exist (a drive may be out); else the data folder's."""
    chosen = (preferences or load_preferences()).backup_folder.strip()
    if chosen:
        root = Path(chosen).expanduser()
        if not root.is_dir():
            raise BackupFolderUnavailable(
                f"The backup folder {root} is not available (is the drive plugged in?). "
                "Nothing was lost; Fieldwork will try again."
            )
        return root
    return ensure_private_dir(folders().backups)


def _roots(preferences: Preferences | None) -> list[Path]:
    """Every backup root worth searching: the chosen one if present, and the default."""
    found: list[Path] = []
    with contextlib.suppress(BackupFolderUnavailable):
        found.append(backup_root(preferences))
    default = folders().backups
    if default.is_dir() and default not in found:
        found.append(default)
    return found


# --- when ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class BackupState:
    """What the policy compares: the notebook now, and its newest backup."""

    history_seq: int
    history_head: str
    passphrase_slot: str


def backup_due(
    reason: str,
    current: BackupState,
    newest: BackupEntry | None,
    now: datetime,
    interval: timedelta,
) -> str | None:
    """Why no backup is needed, or None when one is due.

    Open, close, lock and by hand: whenever the history or the passphrase changed since the
    newest backup. While working: the same, once `interval` has passed since that backup; a new
    passphrase at once (until a backup holds it, every backup needs the old one).
    """
    if reason == "manual" or newest is None or newest.intact is False:
        return None
    if current.passphrase_slot != newest.passphrase_slot:
        return None
    changed = current.history_seq != newest.history_seq or not current.history_head.startswith(
        newest.history_head
    )
    when = f"{newest.made_at.astimezone():%H:%M}"
    if not changed:
        return f"nothing has changed since the backup of {when}"
    if reason == "interval" and now - newest.made_at < interval:
        return f"the last backup was at {when}"
    return None


def _state(notebook: Notebook) -> BackupState:
    from fieldwork.store.backup_records import passphrase_slot_fingerprint
    from fieldwork.store.backups import history_head
    from fieldwork.store.keys.key_file import read_key_file

    with notebook.database.raw() as raw:
        seq, head = history_head(raw)
    slot = passphrase_slot_fingerprint(read_key_file(notebook.paths.key))
    return BackupState(seq, head, slot)


# --- making ----------------------------------------------------------------------------
def back_up_now(
    notebook: Notebook,
    reason: str = "manual",
    *,
    preferences: Preferences | None = None,
    root: Path | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> BackupOutcome:
    """Make a verified backup now and keep the newest K (never one holding lost history)."""
    from fieldwork.store.backups import make_backup

    prefs = preferences or load_preferences()
    target = Path(root) if root is not None else backup_root(prefs)
    entry, removed = make_backup(
        notebook.database,
        notebook.key,
        notebook.paths.key,
        notebook.notebook_id,
        target,
        reason,
        keep=prefs.backup_count,
        progress=progress,
        cancel=cancel,
    )
    return BackupOutcome(entry, removed=removed)


def back_up_if_due(
    notebook: Notebook,
    reason: str,
    *,
    preferences: Preferences | None = None,
    cancel: CancelToken | None = None,
) -> BackupOutcome:
    """The automatic backup: made only when `backup_due` says so."""
    prefs = preferences or load_preferences()
    root = backup_root(prefs)
    entries = _entries_in(root / notebook.notebook_id)
    newest = next((entry for entry in entries if entry.intact is not False), None)
    interval = timedelta(minutes=max(1, prefs.backup_interval_minutes))
    skipped = backup_due(reason, _state(notebook), newest, datetime.now(UTC), interval)
    if skipped is not None:
        return BackupOutcome(None, skipped=skipped, newest=newest)
    return back_up_now(notebook, reason, preferences=prefs, root=root, cancel=cancel)


# --- listing ---------------------------------------------------------------------------
def _entries_in(
    notebook_root: Path, *, check: bool = False, current_slot: str | None = None
) -> list[BackupEntry]:
    from fieldwork.store.backup_records import list_entries

    return list_entries(notebook_root, check=check, current_slot=current_slot)


def _current_slot(notebook_folder: Path) -> str | None:
    from fieldwork.store.backup_records import passphrase_slot_fingerprint
    from fieldwork.store.keys.key_file import read_key_file

    try:
        return passphrase_slot_fingerprint(read_key_file(notebook_folder / "notebook.key"))
    except FieldworkError:
        return None


def _notebook_roots(folder: Path, preferences: Preferences | None) -> list[Path]:
    """The `<root>/<notebook id>/` folders holding a notebook folder's backups."""
    from fieldwork.store.backup_records import roots_holding_salt
    from fieldwork.store.keys.key_file import read_key_file

    roots = _roots(preferences)
    try:
        notebook_id = read_key_file(folder / "notebook.key").notebook_id
        return [root / notebook_id for root in roots if (root / notebook_id).is_dir()]
    except FieldworkError:
        pass
    try:
        with (folder / "notebook.db").open("rb") as handle:
            salt = handle.read(16)
    except OSError:
        return []
    return [found for root in roots for found in roots_holding_salt(root, salt)]


def list_backups(
    source: Notebook | Path | str,
    *,
    preferences: Preferences | None = None,
    check: bool = False,
) -> list[BackupEntry]:
    """Backups newest first, for an open notebook, a notebook folder, or a folder of backups.

    With `check`, each backup's file is hashed to prove it is still what was verified.
    """
    from fieldwork.store.backup_records import BACKUP_INFO, backup_folders, entry_for

    if isinstance(source, Notebook):
        slot = _current_slot(source.folder)
        return _sorted(
            entry
            for root in _roots(preferences)
            for entry in _entries_in(root / source.notebook_id, check=check, current_slot=slot)
        )
    folder = Path(source)
    if (folder / BACKUP_INFO).exists():
        return [entry_for(folder, check=check)]
    if (folder / "notebook.db").exists() or (folder / "notebook.key").exists():
        slot = _current_slot(folder)
        return _sorted(
            entry
            for root in _notebook_roots(folder, preferences)
            for entry in _entries_in(root, check=check, current_slot=slot)
        )
    if backup_folders(folder):
        return _entries_in(folder, check=check)
    if folder.is_dir():
        return _sorted(
            entry
            for child in folder.iterdir()
            if child.is_dir()
            for entry in _entries_in(child, check=check)
        )
    raise NotebookError("There are no backups there.", detail=folder.name)


def _sorted(entries: Iterable[BackupEntry]) -> list[BackupEntry]:
    return sorted(entries, key=lambda entry: entry.made_at, reverse=True)


def latest_good_backup(
    notebook_path: Path | str, *, preferences: Preferences | None = None
) -> BackupEntry:
    """The newest backup of a notebook folder that is still exactly what was verified."""
    from fieldwork.store.backup_records import entry_for

    folder = Path(notebook_path)
    slot = _current_slot(folder)
    for entry in list_backups(folder, preferences=preferences):
        if not entry.notebook_id:
            continue
        checked = entry_for(entry.folder, check=True, current_slot=slot)
        if checked.intact:
            return checked
    raise NoGoodBackup(
        "No usable backup of this notebook was found in the backup folder"
        + (" (is the backup drive plugged in?)." if _roots(preferences) else ".")
    )


# --- restoring -------------------------------------------------------------------------
def restored_folder_beside(notebook_path: Path | str, when: datetime | None = None) -> Path:
    """A new, free folder name next to a notebook, for a restored copy."""
    from fieldwork.store.restore import aside_name

    return aside_name(Path(notebook_path), "restored", when or datetime.now(UTC))


def restore_backup(
    backup: BackupEntry | Path | str, target: Path | str, *, replace: bool = False
) -> RestoreResult:
    """Restore into a new folder, or (`replace`) over a damaged notebook kept aside."""
    from fieldwork.store.restore import restore_into_new_folder, restore_over

    folder = backup.folder if isinstance(backup, BackupEntry) else Path(backup)
    if replace and Path(target).exists():
        entry, aside = restore_over(folder, Path(target), datetime.now(UTC))
        return RestoreResult(Path(target), entry, aside)
    return RestoreResult(Path(target), restore_into_new_folder(folder, Path(target)))


def restore_key_file(
    notebook_path: Path | str,
    backup: BackupEntry | None = None,
    *,
    preferences: Preferences | None = None,
) -> RestoreResult:
    """Give a notebook whose key file is missing or damaged the key file from a backup."""
    from fieldwork.store.restore import restore_key_file as put_back

    folder = Path(notebook_path)
    chosen = backup or latest_good_backup(folder, preferences=preferences)
    kept = put_back(chosen.folder, folder, datetime.now(UTC))
    return RestoreResult(folder, chosen, kept)


# --- health after opening ----------------------------------------------------------------
def check_health(
    notebook: Notebook, *, preferences: Preferences | None = None, scan: bool = True
) -> NotebookHealth:
    """Damaged pages (read by hand, so run it where nothing writes: the write lane), a lost
    recent-changes file, and whether a backup holds history this notebook does not."""
    from fieldwork.store.backups import history_head, source_contains
    from fieldwork.store.damage import explain, is_damage, scan_pages

    missing = bool(getattr(notebook.marker, "wal_missing_after_crash", False))
    found = explain(scan_pages(notebook.paths.db, notebook.key)) if scan else None
    if found is not None:
        return NotebookHealth(str(found), True, None, missing)
    try:
        with notebook.database.raw() as raw:
            contains = source_contains(raw)
            seq = history_head(raw)[0]
            readable = list_backups(notebook, preferences=preferences)
            newest = next((entry for entry in readable if entry.notebook_id), None)
            # Only the newest: older copies of another line (before a restore) are history,
            # and rotation keeps any backup holding entries the notebook lacks.
            behind = (
                newest
                if newest is not None and not contains(newest.history_seq, newest.history_head)
                else None
            )
    except Exception as error:
        if not is_damage(error):
            raise
        return NotebookHealth(
            "Part of the notebook file is damaged (a page in its recent changes could not be "
            "read). Restore it from the latest good backup.",
            True,
            None,
            missing,
        )
    problem = None
    if behind is not None:
        problem = (
            f"The backup of {local_time(behind.made_at)} holds changes this notebook does not "
            f"(its history reaches entry {behind.history_seq}; the notebook's ends at {seq}). "
            "Restore it into a new folder to get them back; Fieldwork keeps that backup."
        )
    elif missing:
        problem = (
            "Fieldwork was not closed properly last time, and the notebook's recent-changes "
            "file (notebook.db-wal) was missing: changes made after the last checkpoint may be "
            "lost. Compare it with the latest backup."
        )
    return NotebookHealth(problem, False, behind, missing)
