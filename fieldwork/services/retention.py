"""Retention: how long since an inspection ended, and deleting its notebook securely when it is time.

Deletion is crypto-shredding (SECURITY.md §10): the notes are encrypted, so they become unreadable
once no copy of the wrapped data key survives that a passphrase could open. In order: the
keyring entries that remember the notebook on this computer, every reachable backup folder of the
notebook (each backup's key file overwritten first), then the notebook folder (its key file
overwritten first). Overwriting is best effort only: SSDs remap writes, copy-on-write filesystems
never write in place, and snapshots or sync clients may keep old versions; what is left is key
file fragments that still need the passphrase, and backups on drives that were not plugged in.

The window learns an inspection's end date each time the notebook is unlocked and keeps it (with
the notebook id, never the authority) in `retention.json` in the config folder, so the start page
can say "ended 104 days ago" without asking for the passphrase. The synthetic demo is never
kept there and is never due: its made-up dates have passed, and it holds nothing to retain (it
can still be deleted like any folder).
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import shutil
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldwork.domain.errors import FieldworkError, InputRejected, NotebookError
from fieldwork.domain.inspection import DEMO_MARKER
from fieldwork.runtime.atomic import write_atomic
from fieldwork.runtime.paths import ensure_private_dir, folders
from fieldwork.runtime.preferences import Preferences

if TYPE_CHECKING:
    from fieldwork.services.notebook import Notebook

log = logging.getLogger("fieldwork.retention")

RECORD_NAME = "retention.json"
KEY_FILE = "notebook.key"
HONEST_NOTE = (
    "The notes are encrypted, so deleting every copy of the notebook's key makes them "
    "unreadable. Files are overwritten before they are removed, but on SSDs and some file "
    "systems an overwrite may not reach the old copy, and snapshots or sync folders may keep "
    "one: the notes in those still need the passphrase. Destroy the written recovery code too."
)


# --- how long since the inspection ended ---------------------------------------------------
@dataclass(frozen=True, slots=True)
class RetentionStatus:
    folder: Path
    notebook_id: str
    ended: date
    today: date
    retention_days: int  # 0 or less: no retention period
    demo: bool = False  # the synthetic demo: never due

    @property
    def days_since_end(self) -> int:
        return (self.today - self.ended).days

    @property
    def due(self) -> bool:
        """Past the retention period: deletion is offered."""
        return (
            not self.demo and self.retention_days > 0 and self.days_since_end > self.retention_days
        )

    def describe(self) -> str:
        """ "Ended 104 days ago — past the 90-day retention period", for the start page."""
        days = self.days_since_end
        if days < 0:
            when = f"Ends in {-days} day{'s' if days != -1 else ''}"
        elif days == 0:
            when = "Ended today"
        else:
            when = f"Ended {days} day{'s' if days != 1 else ''} ago"
        if self.due:
            return f"{when} — past the {self.retention_days}-day retention period"
        return when

    def describe_short(self) -> str:
        """ "Ended 104 days ago · past retention": the start page's list has little room."""
        full = self.describe()
        return full.split(" — ")[0] + (" · past retention" if self.due else "")


def _record_path() -> Path:
    return folders().config / RECORD_NAME


def _read_records() -> dict[str, dict[str, str]]:
    try:
        raw = json.loads(_record_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(raw, dict):
        return {}
    return {
        str(folder): {"notebook_id": str(v["notebook_id"]), "ended": str(v["ended"])}
        for folder, v in raw.items()
        if isinstance(v, dict) and "notebook_id" in v and "ended" in v
    }


def _write_records(records: dict[str, dict[str, str]]) -> None:
    ensure_private_dir(_record_path().parent)
    write_atomic(_record_path(), json.dumps(records, indent=2, sort_keys=True).encode("utf-8"))


def _key(folder: Path) -> str:
    return str(Path(folder).expanduser().resolve())


def _is_demo_folder(folder: Path | str) -> bool:
    # The demo "Open the demo inspection" made before demo notebooks carried DEMO_MARKER.
    return _key(Path(folder)) == _key(folders().demo_notebook)


def record_inspection(
    notebook: Notebook, preferences: Preferences, *, today: date | None = None
) -> RetentionStatus:
    """Keep this notebook's end date for the start page, and say where it stands now."""
    with notebook.unit_of_work(read_only=True) as uow:
        inspection = uow.inspection.get()
        demo = bool(uow.inspection.meta(DEMO_MARKER)) or _is_demo_folder(notebook.folder)
    if inspection is None:
        raise NotebookError("This notebook has no inspection details.")
    if demo:
        forget_record(notebook.folder)  # one kept by an earlier version
    else:
        records = _read_records()
        entry = {"notebook_id": notebook.notebook_id, "ended": inspection.end_date.isoformat()}
        if records.get(_key(notebook.folder)) != entry:
            records[_key(notebook.folder)] = entry
            _write_records(records)
    return RetentionStatus(
        notebook.folder,
        notebook.notebook_id,
        inspection.end_date,
        today or date.today(),
        preferences.retention_days,
        demo=demo,
    )


def remembered_statuses(
    paths: list[str] | tuple[str, ...], preferences: Preferences, *, today: date | None = None
) -> dict[str, RetentionStatus]:
    """Statuses of these notebook folders whose end date the window has seen (no key needed)."""
    records = _read_records()
    found: dict[str, RetentionStatus] = {}
    for path in paths:
        entry = records.get(_key(Path(path)))
        if entry is None or _is_demo_folder(path):
            continue
        try:
            ended = date.fromisoformat(entry["ended"])
        except ValueError:
            continue
        found[path] = RetentionStatus(
            Path(path),
            entry["notebook_id"],
            ended,
            today or date.today(),
            preferences.retention_days,
        )
    return found


# --- secure deletion -------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DeletionPlan:
    """What "Delete securely" will remove, shown before the user confirms."""

    folder: Path
    notebook_id: str | None  # None: the key file is unreadable (its backups cannot be found)
    backup_folders: tuple[Path, ...]  # <backup root>/<notebook id>/ folders that exist
    backups: int  # finished backups inside them
    unreachable: tuple[str, ...]  # backup folders not available now (a drive not plugged in)
    remembered_slots: tuple[str, ...]  # device slots whose keyring entries will be removed


@dataclass(frozen=True, slots=True)
class DeletionResult:
    folder: Path
    backups_removed: int
    keyring_problem: str | None  # why an entry could not be removed (its slot is gone anyway)
    unreachable: tuple[str, ...]
    problems: tuple[str, ...] = ()  # files that could not be removed

    @property
    def complete(self) -> bool:
        return not self.keyring_problem and not self.unreachable and not self.problems


def _backup_roots(preferences: Preferences) -> tuple[list[Path], list[str]]:
    roots, unreachable = [], []
    chosen = preferences.backup_folder.strip()
    if chosen:
        root = Path(chosen).expanduser()
        (roots.append(root) if root.is_dir() else unreachable.append(str(root)))
    default = folders().backups
    if default.is_dir() and default not in roots:
        roots.append(default)
    return roots, unreachable


def _key_file(folder: Path) -> Any:
    from fieldwork.store.keys.key_file import read_key_file

    try:
        return read_key_file(folder / KEY_FILE)
    except FieldworkError:
        return None


def plan_deletion(folder: Path, preferences: Preferences) -> DeletionPlan:
    """Everything that deleting this notebook folder would remove; nothing is touched."""
    from fieldwork.store.backup_records import backup_folders
    from fieldwork.store.keys.key_file import device_slot_ids

    folder = Path(folder).expanduser()
    if not folder.is_dir() or not any((folder / n).exists() for n in ("notebook.db", KEY_FILE)):
        raise NotebookError("There is no notebook in that folder.", detail=folder.name)
    key_file = _key_file(folder)
    notebook_id = key_file.notebook_id if key_file is not None else None
    roots, unreachable = _backup_roots(preferences)
    found = tuple(
        root / notebook_id for root in roots if notebook_id and (root / notebook_id).is_dir()
    )
    return DeletionPlan(
        folder=folder,
        notebook_id=notebook_id,
        backup_folders=found,
        backups=sum(len(backup_folders(each)) for each in found),
        unreachable=tuple(unreachable),
        remembered_slots=device_slot_ids(key_file) if key_file is not None else (),
    )


def _overwrite(path: Path) -> None:
    """Random bytes over a key file, flushed to the disk, before it is unlinked (best effort)."""
    try:
        size = path.stat().st_size
        with path.open("r+b") as handle:
            handle.write(secrets.token_bytes(max(size, 1)))
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        log.warning("retention: key file not overwritten (%s)", type(error).__name__)


def _remove_tree(root: Path, problems: list[str]) -> None:
    for key_file in root.rglob(KEY_FILE):
        _overwrite(key_file)

    def failed(_function: Any, path: str, _error: Any) -> None:
        problems.append(Path(path).name)  # a name, never a full path (it may name the authority)

    shutil.rmtree(root, onerror=failed)


def delete_securely(
    folder: Path, preferences: Preferences, confirmation: str, expected: str
) -> DeletionResult:
    """Delete the notebook, its backups and its remembered key; `confirmation` must equal `expected`."""
    from fieldwork.store.keys import keyring_adapter
    from fieldwork.store.notebook_files import NotebookPaths, OpenMarker

    if " ".join(confirmation.split()).casefold() != " ".join(expected.split()).casefold():
        raise InputRejected("The text typed does not match, so nothing was deleted.")
    plan = plan_deletion(folder, preferences)
    paths = NotebookPaths(plan.folder)  # a damaged notebook can be deleted too
    marker = OpenMarker(paths)
    marker.acquire()  # NotebookInUse if Fieldwork has it open anywhere
    problems: list[str] = []
    keyring_problem = None
    try:
        for slot_id in plan.remembered_slots:
            outcome = keyring_adapter.forget(plan.notebook_id or "", slot_id)
            if outcome is not None:
                keyring_problem = outcome.reason
        for backup_root in plan.backup_folders:
            _remove_tree(backup_root, problems)
        _overwrite(paths.key)
        forget_record(plan.folder)
    finally:
        marker.release()
    _remove_tree(plan.folder, problems)
    log.info("retention: notebook deleted (backups folders %d)", len(plan.backup_folders))
    return DeletionResult(
        plan.folder, plan.backups, keyring_problem, plan.unreachable, tuple(problems)
    )


def forget_record(folder: Path) -> None:
    records = _read_records()
    if records.pop(_key(folder), None) is not None:
        _write_records(records)


def without_recent(preferences: Preferences, folder: Path | str) -> Preferences:
    """The preferences with this notebook gone from the recent list."""
    gone = {_key(Path(folder)), str(folder)}
    kept = tuple(
        p for p in preferences.recent_notebooks if p not in gone and _key(Path(p)) not in gone
    )
    return replace(preferences, recent_notebooks=kept)
