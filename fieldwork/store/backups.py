"""Encrypted, verified copies of a notebook folder, made with SQLCipher's online backup; rotation.

A backup is a notebook folder: `<root>/<notebook id>/<UTC time>.fieldwork/` with `notebook.db`
(encrypted with the same data key, under its own salt), the notebook's `notebook.key` byte for byte
as it was (so it opens with the passphrase of that day), and `backup.json`. It is written as
`….fieldwork.partial`, verified with the key, and only then renamed: a finished name means
verified. Backup folders may be on a removable drive whose file system ignores Unix modes, so
modes are set when files are created and a refused chmod is not an error.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from fieldwork import __version__
from fieldwork.domain.backups import BackupEntry
from fieldwork.domain.errors import (
    BackupError,
    BackupFolderUnavailable,
    FieldworkError,
    NotebookDamaged,
    NotebookPagesDamaged,
)
from fieldwork.domain.progress import CancelToken, Progress
from fieldwork.runtime.atomic import fsync_folder
from fieldwork.store.backup_records import (
    BACKUP_FORMAT,
    BACKUP_INFO,
    BACKUP_VERSION,
    FINAL_SUFFIX,
    PARTIAL_SUFFIX,
    STAMP_FORMAT,
    backup_folders,
    entry_for,
    file_sha256,
    passphrase_slot_fingerprint,
    read_record,
)
from fieldwork.store.database import APPLICATION_ID, Database, connect_keyed
from fieldwork.store.keys.key_file_format import key_file_from_json
from fieldwork.store.keys.key_holder import KeyHolder
from fieldwork.store.notebook_files import DB_NAME, KEY_NAME

PAGES_PER_STEP = 256
STALE_PARTIAL_SECONDS = 3600  # an unfinished backup older than this was interrupted
HEAD_PREFIX = 32  # hex characters of the history head kept in backup.json

Contains = Callable[[int, str], bool]


def private_dir(path: Path) -> Path:
    """Make a folder readable only by this user where the file system allows it."""
    path.mkdir(mode=0o700, parents=False, exist_ok=True)
    _best_effort_chmod(path, 0o700)
    return path


def _best_effort_chmod(path: Path, mode: int) -> None:
    if os.name == "posix":
        # FAT and exFAT sticks refuse modes; the content is encrypted either way.
        with contextlib.suppress(OSError):
            os.chmod(path, mode)


def _write_new(path: Path, data: bytes) -> None:
    """Create a file that must not exist yet, private from the start, and make it durable."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def history_head(connection: Any) -> tuple[int, str]:
    row = connection.execute("SELECT seq, hash FROM history ORDER BY seq DESC LIMIT 1").fetchone()
    return (0, "") if row is None else (int(row[0]), str(row[1]))


def source_contains(connection: Any) -> Contains:
    """Whether the notebook's own history holds the entry a backup ended at."""

    def contains(seq: int, head: str) -> bool:
        if seq == 0:
            return True
        row = connection.execute("SELECT hash FROM history WHERE seq = ?", (seq,)).fetchone()
        return row is not None and str(row[0]).startswith(head)

    return contains


def _translate(error: BaseException) -> BaseException:
    """Name what stopped a backup: the drive, the space on it, or damage in the notebook."""
    if isinstance(error, FieldworkError):
        return error
    text = str(error).lower()
    if "full" in text or getattr(error, "errno", None) == 28:
        return BackupError("The backup drive is full, so no backup was made. Free some space.")
    if isinstance(error, sqlcipher.DatabaseError) and not isinstance(
        error, sqlcipher.OperationalError
    ):
        return NotebookPagesDamaged(
            "The notebook could not be backed up because part of its file is damaged. "
            "Restore it from the latest good backup."
        )
    if isinstance(error, OSError | sqlcipher.OperationalError):
        return BackupFolderUnavailable(
            "The backup could not be written to the backup folder (was the drive removed?). "
            "Nothing was lost; Fieldwork will try again."
        )
    return error


def make_backup(
    database: Database,
    key: KeyHolder,
    key_file: Path,
    notebook_id: str,
    root: Path,
    reason: str,
    *,
    keep: int | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> tuple[BackupEntry, int]:
    """Copy the open notebook into `root/<notebook id>/`, verify the copy, then rotate.

    Returns the new backup and how many older ones were removed. `root` must already exist (a
    missing removable drive is an error, never a new folder on the laptop's own disk).
    """
    root = Path(root)
    if not root.is_dir():
        raise BackupFolderUnavailable()
    made_at = datetime.now(UTC)
    stamp = made_at.strftime(STAMP_FORMAT)
    try:
        target_root = private_dir(root / notebook_id)
        sweep_partials(target_root)
    except OSError as error:
        raise _translate(error) from None
    partial = target_root / f"{stamp}{PARTIAL_SUFFIX}"
    final = target_root / f"{stamp}{FINAL_SUFFIX}"
    try:
        private_dir(partial)
        key_bytes = key_file.read_bytes()
        parsed_key = key_file_from_json(key_bytes)
        if parsed_key.notebook_id != notebook_id:
            raise BackupError("The notebook's key file belongs to another notebook.")
        snapshot = _copy_database(database, key, partial / DB_NAME, progress, cancel)
        head = snapshot.head
        _write_new(partial / KEY_NAME, key_bytes)
        verify_backup(partial, key, expected=snapshot)
        record = {
            "format": BACKUP_FORMAT,
            "version": BACKUP_VERSION,
            "notebook_id": notebook_id,
            "made_at": made_at.isoformat(),
            "app_version": __version__,
            "reason": reason,
            "history_seq": head[0],
            "history_head": head[1][:HEAD_PREFIX],
            "sha256": file_sha256(partial / DB_NAME),
            "size_bytes": (partial / DB_NAME).stat().st_size,
            "passphrase_slot": passphrase_slot_fingerprint(parsed_key),
        }
        _write_new(partial / BACKUP_INFO, json.dumps(record, indent=2).encode("utf-8"))
        fsync_folder(partial)
        os.replace(partial, final)
        fsync_folder(target_root)
    except BaseException as error:
        shutil.rmtree(partial, ignore_errors=True)
        translated = _translate(error)
        if translated is error:
            raise
        raise translated from None
    removed = 0
    if keep is not None:
        with database.raw() as source:
            removed = rotate(target_root, keep, source_contains(source))
    return entry_for(final), removed


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What the copy must hold: the source's history head, page count and rows per table."""

    head: tuple[int, str]
    pages: int
    rows: dict[str, int]


def table_rows(connection: Any) -> dict[str, int]:
    """Rows in every ordinary table (FTS content lives in its ordinary shadow tables)."""
    names = connection.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
    ).fetchall()
    return {
        str(name): int(connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])
        for (name,) in names
    }


def _copy_database(
    database: Database,
    key: KeyHolder,
    target: Path,
    progress: Progress | None,
    cancel: CancelToken | None,
) -> Snapshot:
    """SQLCipher's online backup inside one read transaction: a consistent snapshot."""

    def step(_status: int, remaining: int, total: int) -> None:
        if cancel is not None:
            cancel.raise_if_cancelled()
        if progress is not None:
            progress(total - remaining, total)

    destination = connect_keyed(target, key, create=True)
    try:
        # Straight into the file, no journal: in WAL mode the whole copy went to a WAL that
        # close() then checkpointed while holding the interpreter lock (a second-long freeze
        # of the window at 50,000 notes). A crash mid-copy leaves only a `.partial` folder,
        # never verified, which is swept.
        destination.execute("PRAGMA journal_mode = OFF")
        with database.raw() as source:
            # Writers carry on in the WAL; this snapshot, the head read with it, does not move.
            source.execute("BEGIN")
            try:
                head = history_head(source)
                pages = int(source.execute("PRAGMA page_count").fetchone()[0])
                rows = table_rows(source)
                source.backup(destination, pages=PAGES_PER_STEP, progress=step)
            finally:
                source.execute("ROLLBACK")
        # Free the page cache in a call that lets the window run; close() would do it holding
        # the lock (the wiping of freed memory takes tens of milliseconds).
        destination.execute("PRAGMA shrink_memory")
    finally:
        destination.close()
    for leftover in (target.with_name(DB_NAME + "-wal"), target.with_name(DB_NAME + "-shm")):
        leftover.unlink(missing_ok=True)
    _best_effort_chmod(target, 0o600)
    _fsync_file(target)
    return Snapshot(head, pages, rows)


def verify_backup(folder: Path, key: KeyHolder, *, expected: Snapshot | None = None) -> None:
    """Open the copy with the key; every page authentic, and all of the snapshot is there.

    Every page's HMAC (bound to its page number) proves each page is the one SQLCipher wrote
    with this key; the same page count as the source's snapshot (and a file of whole pages)
    proves none is missing; the same rows in every table and the same history head prove the
    tables read back through their trees. quick_check is not run: it would re-read every page
    to check structure copied page for page from the source (about 4 s of CPU at 50,000 notes
    for no more assurance about the copy); `fieldwork verify` still runs it on notebooks.
    """
    db = folder / DB_NAME
    try:
        connection = connect_keyed(db, key)
    except FieldworkError:
        raise
    except Exception:
        raise NotebookDamaged("The backup did not verify after it was written.") from None
    try:
        if connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise NotebookDamaged("The backup is not a Fieldwork notebook.")
        bad = connection.execute("PRAGMA cipher_integrity_check").fetchall()
        pages = int(connection.execute("PRAGMA page_count").fetchone()[0])
        page_size = int(connection.execute("PRAGMA page_size").fetchone()[0])
        whole = db.stat().st_size == pages * page_size
        if bad or not whole or (expected is not None and pages != expected.pages):
            raise NotebookDamaged("The backup did not verify after it was written.")
        if expected is not None:
            if history_head(connection) != expected.head:
                raise NotebookDamaged("The backup's history does not match the notebook's.")
            if table_rows(connection) != expected.rows:
                raise NotebookDamaged("The backup did not verify after it was written.")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA shrink_memory")  # see _copy_database: keep close() short
    except sqlcipher.DatabaseError as error:
        if isinstance(error, sqlcipher.OperationalError):
            raise  # the drive, not the copy: _translate names it
        # SQLite refusing the copy's pages is the copy's fault, not the notebook's.
        raise NotebookDamaged("The backup did not verify after it was written.") from None
    finally:
        connection.close()
    for leftover in (folder / (DB_NAME + "-wal"), folder / (DB_NAME + "-shm")):
        leftover.unlink(missing_ok=True)


def rotate(notebook_root: Path, keep: int, contains: Contains) -> int:
    """Remove all but the newest `keep` backups, but never one holding history the notebook lacks.

    A backup that cannot be read is left alone (it is not ours to judge), and does not count.
    """
    keep = max(1, keep)
    readable: list[tuple[Path, int, str]] = []
    for folder in backup_folders(notebook_root):
        try:
            record = read_record(folder)
        except FieldworkError:
            continue
        readable.append(
            (folder, int(str(record["history_seq"])), str(record.get("history_head", "")))
        )
    removed = 0
    for folder, seq, head in readable[keep:]:
        if not contains(seq, head):
            continue  # e.g. the notebook lost its recent changes: this copy still has them
        shutil.rmtree(folder, ignore_errors=True)
        removed += 0 if folder.exists() else 1
    return removed


def sweep_partials(notebook_root: Path, *, older_than: float = STALE_PARTIAL_SECONDS) -> int:
    """Remove unfinished backups left by a crash (never verified, so never usable)."""
    swept = 0
    now = time.time()
    for child in notebook_root.iterdir() if notebook_root.is_dir() else ():
        if child.name.endswith(PARTIAL_SUFFIX) and now - child.stat().st_mtime > older_than:
            shutil.rmtree(child, ignore_errors=True)
            swept += 1
    return swept
