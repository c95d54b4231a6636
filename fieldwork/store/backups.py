"""Encrypted, verified copies of a notebook folder, made with SQLCipher's online backup."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from fieldwork import __version__
from fieldwork.domain.errors import NotebookDamaged
from fieldwork.runtime.atomic import fsync_folder, write_atomic
from fieldwork.runtime.paths import ensure_private_dir
from fieldwork.store.database import APPLICATION_ID, Database, connect_keyed
from fieldwork.store.keys.key_holder import KeyHolder
from fieldwork.store.notebook_files import DB_NAME, KEY_NAME

BACKUP_INFO = "backup.json"
PAGES_PER_STEP = 256


@dataclass(frozen=True, slots=True)
class BackupInfo:
    folder: Path
    notebook_id: str
    made_at: datetime
    reason: str
    history_seq: int


def _history_head(connection: object) -> tuple[int, str]:
    row = connection.execute("SELECT seq, hash FROM history ORDER BY seq DESC LIMIT 1").fetchone()  # type: ignore[attr-defined]
    return (0, "") if row is None else (int(row[0]), str(row[1]))


def make_backup(
    database: Database, key: KeyHolder, key_file: Path, notebook_id: str, root: Path, reason: str
) -> BackupInfo:
    """Copy the open notebook into `root/<notebook id>/<UTC time>.fieldwork/`, then verify it."""
    made_at = datetime.now(UTC)
    stamp = made_at.strftime("%Y%m%dT%H%M%S%fZ")
    target_root = ensure_private_dir(Path(root) / notebook_id)
    partial = target_root / f"{stamp}.fieldwork.partial"
    final = target_root / f"{stamp}.fieldwork"
    ensure_private_dir(partial)
    try:
        destination = connect_keyed(partial / DB_NAME, key, create=True)
        try:
            with database.raw() as source:
                source.backup(destination, pages=PAGES_PER_STEP)
                head = _history_head(source)
        finally:
            destination.close()
        for leftover in (partial / (DB_NAME + "-wal"), partial / (DB_NAME + "-shm")):
            leftover.unlink(missing_ok=True)
        shutil.copyfile(key_file, partial / KEY_NAME)
        if os.name == "posix":
            os.chmod(partial / KEY_NAME, 0o600)
            os.chmod(partial / DB_NAME, 0o600)
        digest = hashlib.sha256((partial / DB_NAME).read_bytes()).hexdigest()
        info = {
            "format": "fieldwork-backup",
            "version": 1,
            "notebook_id": notebook_id,
            "made_at": made_at.isoformat(),
            "app_version": __version__,
            "reason": reason,
            "history_seq": head[0],
            "sha256": digest,
        }
        write_atomic(partial / BACKUP_INFO, json.dumps(info, indent=2).encode())
        verify_backup(partial, key, expected_head=head)
        os.replace(partial, final)
        fsync_folder(target_root)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return BackupInfo(final, notebook_id, made_at, reason, head[0])


def verify_backup(
    folder: Path, key: KeyHolder, *, expected_head: tuple[int, str] | None = None
) -> None:
    """Open the copy read-only with the key and check every page, the id and the history head."""
    info = json.loads((folder / BACKUP_INFO).read_text(encoding="utf-8"))
    if hashlib.sha256((folder / DB_NAME).read_bytes()).hexdigest() != info["sha256"]:
        raise NotebookDamaged("The backup's file does not match its record.")
    connection = connect_keyed(folder / DB_NAME, key)
    try:
        if connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            raise NotebookDamaged("The backup is not a Fieldwork notebook.")
        bad = connection.execute("PRAGMA cipher_integrity_check").fetchall()
        quick = connection.execute("PRAGMA quick_check").fetchone()[0]
        if bad or quick != "ok":
            raise NotebookDamaged("The backup did not verify after it was written.")
        if expected_head is not None and _history_head(connection) != expected_head:
            raise NotebookDamaged("The backup's history does not match the notebook's.")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    for leftover in (folder / (DB_NAME + "-wal"), folder / (DB_NAME + "-shm")):
        leftover.unlink(missing_ok=True)
