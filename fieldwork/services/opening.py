"""Create, open and close notebooks; remember or forget the key on this computer; passphrases."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fieldwork.domain.errors import (
    FieldworkError,
    NotANotebook,
    NotebookDamaged,
    NotebookError,
    UnknownFramework,
)
from fieldwork.domain.inspection import Inspection
from fieldwork.frameworks.library import default_library
from fieldwork.runtime.paths import folders
from fieldwork.services.notebook import Notebook

if TYPE_CHECKING:
    from fieldwork.store.database import Database
    from fieldwork.store.keys.key_file_format import KeyFile
    from fieldwork.store.keys.key_holder import KeyHolder
    from fieldwork.store.keys.wrapping import KdfParams
    from fieldwork.store.notebook_files import NotebookPaths, OpenMarker


class PassphraseNeeded(NotebookError):
    """No remembered key could open the notebook; the message says why."""

    default_message = "Enter the notebook's passphrase."


@dataclass(frozen=True, slots=True)
class CreatedNotebook:
    notebook: Notebook
    recovery_code: str | None  # shown once, to be written down; never stored in clear


@dataclass(frozen=True, slots=True)
class KdfChoice:
    """Argon2id parameters for new key slots: production by default, cheap ones in tests."""

    time_cost: int = 2
    memory_kib: int = 262_144
    parallelism: int = 4


def _kdf(choice: KdfChoice | None) -> KdfParams:
    from fieldwork.store.keys.wrapping import DEFAULT_KDF, KdfParams

    if choice is None:
        return DEFAULT_KDF
    return KdfParams(
        time_cost=choice.time_cost, memory_kib=choice.memory_kib, parallelism=choice.parallelism
    )


def create_notebook(
    folder: Path,
    inspection: Inspection,
    passphrase: str,
    *,
    recovery_code: bool = True,
    kdf: KdfChoice | None = None,
) -> CreatedNotebook:
    """Make a new encrypted notebook folder for an inspection and open it."""
    from fieldwork.store import migrate
    from fieldwork.store.database import Database, create_database
    from fieldwork.store.keys.key_file import create_key_file, with_db_salt, write_key_file
    from fieldwork.store.keys.recovery_code import format_recovery_code, new_recovery_code
    from fieldwork.store.notebook_files import OpenMarker, prepare_new_folder

    framework = default_library().get(inspection.framework_id)
    code = new_recovery_code() if recovery_code else None
    key_file, key = create_key_file(passphrase, recovery_code=code, kdf=_kdf(kdf))
    paths = prepare_new_folder(folder)
    marker = OpenMarker(paths)
    database: Database | None = None
    try:
        marker.acquire()
        create_database(paths.db, key)
        with paths.db.open("rb") as handle:
            key_file = with_db_salt(key_file, handle.read(16))
        write_key_file(paths.key, key_file)
        database = Database(paths.db, key)
        migrate.upgrade(database)
        notebook = Notebook(
            paths, key_file.notebook_id, framework, database, key, marker, inspection.inspector
        )
        with notebook.unit_of_work() as uow:
            uow.inspection.set_meta("notebook_id", key_file.notebook_id)
            state = uow.inspection.save(inspection)
            uow.record("inspection", "1", "create", state)
            uow.commit()
    except BaseException:
        if database is not None:
            database.close()
        key.zero()
        marker.release()
        shutil.rmtree(paths.folder, ignore_errors=True)  # it was new and held nothing else
        raise
    return CreatedNotebook(notebook, format_recovery_code(code) if code else None)


def open_notebook(
    folder: Path,
    *,
    passphrase: str | None = None,
    recovery_code: str | None = None,
    use_keyring: bool = True,
) -> Notebook:
    """Open with a passphrase, a recovery code, or the key remembered on this computer."""
    from fieldwork.store.keys.key_file import read_key_file
    from fieldwork.store.notebook_files import OpenMarker, check_existing

    paths = check_existing(folder)
    key_file = read_key_file(paths.key)
    marker = OpenMarker(paths)
    marker.acquire()
    try:
        key = _unlock(key_file, passphrase, recovery_code, use_keyring)
        return _open_with_key(paths, key_file, key, marker)
    except BaseException:
        # Not release(): asking for the passphrase after a crash must not forget the crash.
        marker.abandon()
        raise


def _unlock(
    key_file: KeyFile, passphrase: str | None, recovery_code: str | None, use_keyring: bool
) -> KeyHolder:
    from fieldwork.store.keys import keyring_adapter
    from fieldwork.store.keys.key_file import (
        device_slot_ids,
        unlock_with_device_key,
        unlock_with_passphrase,
        unlock_with_recovery_code,
    )

    if passphrase is not None:
        return unlock_with_passphrase(key_file, passphrase)
    if recovery_code is not None:
        return unlock_with_recovery_code(key_file, recovery_code)
    reason = "This notebook is not remembered on this computer."
    if use_keyring:
        for slot_id in device_slot_ids(key_file):
            found = keyring_adapter.recall(key_file.notebook_id, slot_id)
            if isinstance(found, keyring_adapter.Unavailable):
                reason = found.reason
                continue
            try:
                return unlock_with_device_key(key_file, slot_id, found.device_key)
            except FieldworkError as error:
                reason = str(error)
            finally:
                found.zero()
    raise PassphraseNeeded(f"{reason} Enter the notebook's passphrase.")


def _open_with_key(
    paths: NotebookPaths, key_file: KeyFile, key: KeyHolder, marker: OpenMarker
) -> Notebook:
    from fieldwork.store import migrate
    from fieldwork.store.database import Database

    had_wal = paths.wal.exists()  # before SQLite opens (and, on closing, may remove) it
    database = Database(paths.db, key)
    try:
        if had_wal:
            from fieldwork.store.wal_check import check_wal

            check_wal(paths.wal, paths.db, key)  # SQLite would write a foreign WAL into the file
        with database.raw() as raw:
            revision = migrate.current_revision(raw)
        if migrate.needs_upgrade(revision):
            if revision is None:
                raise NotANotebook("This encrypted database has no Fieldwork notebook inside.")
            _backup_before_migration(database, key, paths, key_file.notebook_id)
            migrate.upgrade(database)
        notebook = Notebook(
            paths, key_file.notebook_id, default_library().get("ilacs-2026"), database, key, marker
        )
        with notebook.unit_of_work(read_only=True) as uow:
            stored_id = uow.inspection.meta("notebook_id")
            inspection = uow.inspection.get()
        if stored_id != key_file.notebook_id or inspection is None:
            raise NotANotebook("The key file belongs to a different notebook.")
        try:
            notebook.framework = default_library().get(inspection.framework_id)
        except UnknownFramework:
            raise UnknownFramework(
                f"This notebook uses the framework '{inspection.framework_id}', which is not installed here."
            ) from None
        notebook.actor = inspection.inspector
        notebook.recovered_after_crash = marker.previous_run_crashed
        return notebook
    except BaseException as error:
        database.close()
        try:
            problem = _explain_damage(paths, key_file, key, error, had_wal)
        finally:
            key.zero()
        if problem is not None:
            raise problem from None
        raise


def _explain_damage(
    paths: NotebookPaths, key_file: KeyFile, key: KeyHolder, error: BaseException, had_wal: bool
) -> NotebookError | None:
    """Name what is wrong when the file, not the program, failed: read its pages with the key."""
    from fieldwork.store.damage import explain, is_damage, scan_pages

    if not is_damage(error):
        return None
    found = explain(scan_pages(paths.db, key, key_file.db_salt), wal_present=had_wal)
    return found or NotebookDamaged(
        "The notebook could not be read, although every page of its file is sound. "
        "Restore it from the latest good backup; the files are kept as they are."
    )


def _backup_before_migration(
    database: object, key: object, paths: object, notebook_id: str
) -> None:
    from fieldwork.store.backups import make_backup
    from fieldwork.store.database import Database
    from fieldwork.store.keys.key_holder import KeyHolder
    from fieldwork.store.notebook_files import NotebookPaths

    assert (
        isinstance(database, Database)
        and isinstance(key, KeyHolder)
        and isinstance(paths, NotebookPaths)
    )
    from fieldwork.domain.errors import BackupFolderUnavailable
    from fieldwork.runtime.paths import ensure_private_dir
    from fieldwork.services.backups import backup_root

    try:
        root = backup_root()
    except BackupFolderUnavailable:
        root = ensure_private_dir(folders().backups)  # the drive is out: keep it on this disk
    make_backup(database, key, paths.key, notebook_id, root, "before-migration")


def change_passphrase(folder: Path, old_passphrase: str, new_passphrase: str) -> None:
    """Rewrap the data key under a new passphrase; the database file is not touched."""
    from fieldwork.store.keys.key_file import change_passphrase as rewrap
    from fieldwork.store.keys.key_file import read_key_file, write_key_file
    from fieldwork.store.notebook_files import OpenMarker, check_existing

    paths = check_existing(folder)
    marker = OpenMarker(paths)
    marker.acquire()
    try:
        key_file = read_key_file(paths.key)
        write_key_file(paths.key, rewrap(key_file, old_passphrase, new_passphrase))
    finally:
        marker.release()


def keyring_available() -> tuple[bool, str]:
    """Whether "remember on this computer" can be offered here, and why not."""
    from fieldwork.store.keys import keyring_adapter

    return keyring_adapter.keyring_status()


def remember_on_this_computer(notebook: Notebook) -> str | None:
    """Keep a device key in the OS keyring so this notebook opens without the passphrase here.

    Returns None when remembered, or the reason it could not be (the notebook is unchanged).
    """
    from fieldwork.store.keys import keyring_adapter
    from fieldwork.store.keys.key_file import (
        add_device_slot,
        device_slot_ids,
        read_key_file,
        remove_device_slot,
        write_key_file,
    )
    from fieldwork.store.keys.key_holder import wipe

    key_file = read_key_file(notebook.paths.key)
    # Remembering again on the same computer replaces this computer's slot instead of adding one
    # (slots whose key this keyring holds are this computer's; other computers' are left alone).
    for old_slot in device_slot_ids(key_file):
        found = keyring_adapter.recall(notebook.notebook_id, old_slot)
        if not isinstance(found, keyring_adapter.Unavailable):
            found.zero()
            key_file = remove_device_slot(key_file, old_slot)
            keyring_adapter.forget(notebook.notebook_id, old_slot)
    updated, slot_id, device_key = add_device_slot(key_file, notebook.key)
    try:
        failed = keyring_adapter.remember(notebook.notebook_id, slot_id, device_key)
        if failed is not None:
            return failed.reason
        try:
            write_key_file(notebook.paths.key, updated)
        except BaseException:
            keyring_adapter.forget(notebook.notebook_id, slot_id)
            raise
    finally:
        wipe(device_key)
    return None


def forget_on_this_computer(notebook: Notebook) -> str | None:
    """Remove every device slot and its keyring entry; None when done, else what was left."""
    from fieldwork.store.keys import keyring_adapter
    from fieldwork.store.keys.key_file import (
        device_slot_ids,
        read_key_file,
        remove_device_slot,
        write_key_file,
    )

    key_file = read_key_file(notebook.paths.key)
    problem = None
    for slot_id in device_slot_ids(key_file):
        key_file = remove_device_slot(key_file, slot_id)
        outcome = keyring_adapter.forget(notebook.notebook_id, slot_id)
        if outcome is not None:
            # The slot is gone from the key file, so a stale entry can no longer open anything.
            problem = f"The key file no longer accepts it, but the keyring entry remains: {outcome.reason}"
    write_key_file(notebook.paths.key, key_file)
    return problem


def is_remembered(notebook: Notebook) -> bool:
    from fieldwork.store.keys.key_file import device_slot_ids, read_key_file

    return bool(device_slot_ids(read_key_file(notebook.paths.key)))
