"""Put a verified backup back: into a new folder, over a damaged notebook (kept aside), or its key.

Nothing here deletes evidence: a notebook being replaced is renamed aside, a damaged key file is
renamed aside, and a restore that fails part-way removes only the copy it was making. Only the
backup's encrypted files are copied; no plaintext exists at any point.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

from fieldwork.domain.backups import BackupEntry
from fieldwork.domain.errors import (
    BackupDamaged,
    BackupError,
    FieldworkError,
    NotANotebook,
    NotebookInUse,
)
from fieldwork.runtime.atomic import fsync_folder
from fieldwork.store.backup_records import check_backup, entry_for, file_sha256, read_record
from fieldwork.store.backups import private_dir
from fieldwork.store.keys.key_file import read_key_file, with_db_salt, write_key_file
from fieldwork.store.notebook_files import DB_NAME, KEY_NAME, NotebookPaths, open_elsewhere

COPY_CHUNK = 1024 * 1024


def _stamp(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y%m%d-%H%M%S")


def aside_name(folder: Path, label: str, moment: datetime) -> Path:
    """A free name beside `folder` such as `x-before-restore-20260511-140200.fieldwork`."""
    stem = folder.name.removesuffix(".fieldwork")
    base = f"{stem}-{label}-{_stamp(moment)}"
    candidate = folder.with_name(base + ".fieldwork")
    number = 2
    while candidate.exists():
        candidate = folder.with_name(f"{base}-{number}.fieldwork")
        number += 1
    return candidate


def _copy_file(source: Path, target: Path) -> None:
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with source.open("rb") as reading, os.fdopen(fd, "wb") as writing:
        while chunk := reading.read(COPY_CHUNK):
            writing.write(chunk)
        writing.flush()
        os.fsync(writing.fileno())


def _copy_backup(backup: Path, partial: Path) -> BackupEntry:
    """Check the backup, copy its two files, and prove the copy matches what was verified."""
    record = read_record(backup)
    key_file = check_backup(backup, record)
    private_dir(partial)
    _copy_file(backup / DB_NAME, partial / DB_NAME)
    if file_sha256(partial / DB_NAME) != record["sha256"]:
        raise BackupDamaged("The copy of the backup came out different; nothing was restored.")
    with (partial / DB_NAME).open("rb") as handle:
        salt = handle.read(16)
    # The backup's key file recorded the salt of the file it was copied from; the restored
    # notebook is this copy, so the repair hint must name this file's salt. Slots are unchanged.
    write_key_file(partial / KEY_NAME, with_db_salt(key_file, salt))
    fsync_folder(partial)
    return entry_for(backup)


def _refuse_if_open(folder: Path) -> None:
    # Only asks the OS lock: a crash's marker is evidence of the crash and stays as it is.
    if open_elsewhere(NotebookPaths(folder)):
        raise NotebookInUse()


def restore_into_new_folder(backup: Path, target: Path) -> BackupEntry:
    """Copy a backup into a folder that does not exist yet; it opens with that day's passphrase."""
    target = Path(target)
    if target.exists():
        raise NotANotebook(
            "There is already something at that place; choose a new folder for the restored "
            "notebook.",
            detail=target.name,
        )
    if not target.parent.is_dir():
        raise BackupError("The folder to restore into does not exist.", detail=str(target.parent))
    partial = target.with_name(f".{target.name}.restoring")
    shutil.rmtree(partial, ignore_errors=True)  # left by an earlier, interrupted restore
    try:
        entry = _copy_backup(Path(backup), partial)
        os.replace(partial, target)
        fsync_folder(target.parent)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return entry


def restore_over(backup: Path, notebook: Path, moment: datetime) -> tuple[BackupEntry, Path]:
    """Replace a (damaged) notebook folder with a backup; the original is renamed aside, kept.

    Returns the backup used and where the original now is.
    """
    notebook = Path(notebook)
    if not notebook.is_dir():
        raise BackupError("There is no notebook folder there to replace.", detail=notebook.name)
    _refuse_if_open(notebook)
    partial = notebook.with_name(f".{notebook.name}.restoring")
    shutil.rmtree(partial, ignore_errors=True)
    aside = aside_name(notebook, "before-restore", moment)
    try:
        entry = _copy_backup(Path(backup), partial)
        os.replace(notebook, aside)
        try:
            os.replace(partial, notebook)
        except BaseException:
            os.replace(aside, notebook)  # put the original back where it was
            raise
        fsync_folder(notebook.parent)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return entry, aside


def restore_key_file(backup: Path, notebook: Path, moment: datetime) -> Path | None:
    """Put a backup's key file into a notebook whose own is missing or damaged.

    The data key never changes, so any backup's key file opens the notebook, with the
    passphrase of that backup's day. The damaged key file, if any, is renamed aside. Returns
    where it was kept.
    """
    paths = NotebookPaths(Path(notebook))
    if not paths.db.is_file():
        raise BackupError("That folder has no notebook file to give a key file to.")
    _refuse_if_open(paths.folder)
    record = read_record(Path(backup))
    key_file = check_backup(Path(backup), record)
    with paths.db.open("rb") as handle:
        salt = handle.read(16)
    kept: Path | None = None
    if paths.key.exists():
        try:
            current_id: str | None = read_key_file(paths.key).notebook_id
        except FieldworkError:
            current_id = None  # damaged: that is why it is being replaced
        if current_id not in (None, key_file.notebook_id):
            raise BackupError("That backup belongs to a different notebook.")
        kept = paths.folder / f"{KEY_NAME}.damaged-{_stamp(moment)}"
        os.replace(paths.key, kept)
    write_key_file(paths.key, with_db_salt(key_file, salt))
    return kept
