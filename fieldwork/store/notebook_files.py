"""A notebook on disk: a folder holding the encrypted database, its key file and an open marker."""

from __future__ import annotations

import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from fieldwork import __version__
from fieldwork.domain.errors import (
    NotANotebook,
    NotebookDamaged,
    NotebookIncomplete,
    NotebookInUse,
    NotebookMissing,
)
from fieldwork.runtime.paths import ensure_private_dir

DB_NAME = "notebook.db"
KEY_NAME = "notebook.key"
OPEN_MARKER = "notebook.open"
FOLDER_SUFFIX = ".fieldwork"
SQLITE_PLAIN_HEADER = b"SQLite format 3\x00"
PAGE_SIZE = 4096  # SQLCipher 4's default, which Fieldwork never changes


@dataclass(frozen=True, slots=True)
class NotebookPaths:
    folder: Path

    @property
    def db(self) -> Path:
        return self.folder / DB_NAME

    @property
    def key(self) -> Path:
        return self.folder / KEY_NAME

    @property
    def wal(self) -> Path:
        return self.folder / (DB_NAME + "-wal")

    @property
    def shm(self) -> Path:
        return self.folder / (DB_NAME + "-shm")

    @property
    def open_marker(self) -> Path:
        return self.folder / OPEN_MARKER


def prepare_new_folder(folder: Path) -> NotebookPaths:
    """Make an empty private folder for a new notebook; refuse to overwrite anything."""
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise NotANotebook(
            "There is already something at that place; choose a new name for the notebook.",
            detail=folder.name,
        )
    ensure_private_dir(folder)
    return NotebookPaths(folder)


def check_existing(folder: Path) -> NotebookPaths:
    """Check a notebook folder looks like one before any key is used; never creates anything."""
    folder = Path(folder)
    if folder.is_file() and folder.name == DB_NAME:
        folder = folder.parent  # the user picked the database file inside the folder
    paths = NotebookPaths(folder)
    if not folder.exists():
        raise NotebookMissing("Notebook not found: the folder does not exist.", detail=folder.name)
    if not folder.is_dir():
        raise NotANotebook("This is a file, not a Fieldwork notebook folder.", detail=folder.name)
    if not paths.db.exists():
        raise NotebookMissing(
            "Notebook file not found: the folder has no notebook.db.", detail=folder.name
        )
    size = paths.db.stat().st_size
    if size == 0:
        raise NotebookDamaged("The notebook file is empty; restore it from a backup.")
    with paths.db.open("rb") as handle:
        header = handle.read(16)
    if header == SQLITE_PLAIN_HEADER:
        raise NotANotebook("This is an unencrypted database, not a Fieldwork notebook.")
    if size < PAGE_SIZE:
        raise NotebookIncomplete(
            "The notebook is incomplete (shorter than one page); restore it from a backup."
        )
    whole, cut = divmod(size, PAGE_SIZE)
    if cut:
        raise NotebookIncomplete(
            f"The notebook file is incomplete: it ends part-way through page {whole + 1} (it was "
            "cut short, for example by a copy that did not finish). Restore it from the latest "
            "good backup; the damaged file is kept as it is."
        )
    return paths


def open_elsewhere(paths: NotebookPaths) -> bool:
    """Whether another process holds the notebook open; the marker file is left unchanged."""
    try:
        handle = paths.open_marker.open("r", encoding="utf-8")
    except FileNotFoundError:
        return False
    with handle:
        try:
            _lock(handle)
        except OSError:
            return True
        _unlock(handle)
    return False


class OpenMarker:
    """An OS lock on notebook.open: one process per notebook; the OS drops it on a crash."""

    def __init__(self, paths: NotebookPaths) -> None:
        self.paths = paths
        self._handle: IO[str] | None = None
        self.previous_run_crashed = False
        # Left open by a crash, yet the recent-changes file is gone: whatever was committed
        # after the last checkpoint is lost (SQLite silently opens the older file).
        self.wal_missing_after_crash = False
        self.previous_run_since: datetime | None = None  # when a crashed run opened the notebook
        self._previous = ""  # a crashed run's marker, put back if this open attempt fails

    def acquire(self) -> None:
        path = self.paths.open_marker
        self.previous_run_crashed = path.exists()
        handle = path.open("a+", encoding="utf-8")
        try:
            _lock(handle)
        except OSError:
            handle.close()
            raise NotebookInUse() from None
        self.wal_missing_after_crash = self.previous_run_crashed and not self.paths.wal.exists()
        if os.name == "posix":
            os.chmod(path, 0o600)
        if self.previous_run_crashed:
            handle.seek(0)
            self._previous = handle.read(4096)
            self.previous_run_since = _since(self._previous)
        # Nothing about the inspection: only which program has it open, for troubleshooting.
        handle.seek(0)
        handle.truncate()
        handle.write(
            json.dumps(
                {
                    "app": f"Fieldwork {__version__}",
                    "pid": os.getpid(),
                    "host": socket.gethostname(),
                    # To the millisecond: after a crash, notes saved since then are the ones
                    # that run was typing, and a restart can follow within the same second.
                    "since": datetime.now(UTC).isoformat(timespec="milliseconds"),
                }
            )
        )
        handle.flush()
        self._handle = handle

    def abandon(self) -> None:
        """Let go after an open that failed (a wrong passphrase, say): a crashed run's marker is
        left as it was, so the next attempt still knows that run did not close the notebook."""
        if self._handle is None or not self.previous_run_crashed:
            self.release()
            return
        try:
            self._handle.seek(0)
            self._handle.truncate()
            self._handle.write(self._previous)
            self._handle.flush()
        finally:
            _unlock(self._handle)
            self._handle.close()
            self._handle = None

    def release(self) -> None:
        if self._handle is None:
            return
        try:
            self.paths.open_marker.unlink(missing_ok=True)
        finally:
            _unlock(self._handle)
            self._handle.close()
            self._handle = None


def _since(marker: str) -> datetime | None:
    """When the run that left this marker behind opened the notebook (None if unreadable)."""
    try:
        since = datetime.fromisoformat(json.loads(marker)["since"])
    except (ValueError, KeyError, TypeError):
        return None
    return since if since.tzinfo is not None else None


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
