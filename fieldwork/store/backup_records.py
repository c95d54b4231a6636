"""backup.json: the record beside each backup, read strictly, and the listing built from them."""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from datetime import UTC, datetime
from pathlib import Path

from fieldwork.domain.backups import BackupEntry
from fieldwork.domain.errors import BackupDamaged, FieldworkError, NotebookTooNew
from fieldwork.store.keys.key_file import read_key_file
from fieldwork.store.keys.key_file_format import KdfSlot, KeyFile
from fieldwork.store.notebook_files import DB_NAME, KEY_NAME

BACKUP_INFO = "backup.json"
BACKUP_FORMAT = "fieldwork-backup"
BACKUP_VERSION = 1
INFO_MAX_BYTES = 64 * 1024
FINAL_SUFFIX = ".fieldwork"
PARTIAL_SUFFIX = ".fieldwork.partial"
STAMP_FORMAT = "%Y%m%dT%H%M%S%fZ"
_STAMP = re.compile(r"(\d{8}T\d{12}Z)\.fieldwork")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEX_SHORT = re.compile(r"[0-9a-f]{0,64}")
_REASON = re.compile(r"[a-z][a-z-]{0,39}")
HASH_CHUNK = 1024 * 1024


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def passphrase_slot_fingerprint(key_file: KeyFile) -> str:
    """Changes whenever the passphrase does (a new slot has a new id, salt and nonce)."""
    for slot in key_file.slots:
        if isinstance(slot, KdfSlot) and slot.kind == "passphrase":
            text = f"{slot.id}|{slot.salt.hex()}|{slot.nonce.hex()}|{slot.wrapped.hex()}"
            return hashlib.sha256(text.encode("ascii")).hexdigest()[:16]
    return ""


def stamp_of(folder: Path) -> datetime | None:
    """The time in a backup folder's name (used when its record cannot be read)."""
    match = _STAMP.fullmatch(folder.name)
    if match is None:
        return None
    return datetime.strptime(match.group(1), STAMP_FORMAT).replace(tzinfo=UTC)


def _damaged(field: str, problem: str) -> BackupDamaged:
    return BackupDamaged(f"This backup's record (backup.json) is damaged: {field} {problem}.")


def _field(document: dict[str, object], name: str, kind: type) -> object:
    if name not in document:
        raise _damaged(name, "is missing")
    value = document[name]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _damaged(name, f"is not {'a whole number' if kind is int else 'text'}")
    return value


def read_record(folder: Path) -> dict[str, object]:
    """The backup's record, checked field by field; `BackupDamaged` names the first bad one."""
    path = folder / BACKUP_INFO
    try:
        with path.open("rb") as handle:
            data = handle.read(INFO_MAX_BYTES + 1)
    except FileNotFoundError:
        raise BackupDamaged("This backup has no record (backup.json is missing).") from None
    except OSError:
        raise BackupDamaged("This backup's record (backup.json) cannot be read.") from None
    if len(data) > INFO_MAX_BYTES:
        raise _damaged("the file", f"is larger than {INFO_MAX_BYTES // 1024} KiB")
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _damaged("the file", "is not valid JSON") from None
    if not isinstance(document, dict):
        raise _damaged("the file", "is not a JSON object")
    if _field(document, "format", str) != BACKUP_FORMAT:
        raise _damaged("format", f"is not {BACKUP_FORMAT!r}")
    version = _field(document, "version", int)
    assert isinstance(version, int)
    if version > BACKUP_VERSION:
        raise NotebookTooNew(
            f"This backup was made by a newer Fieldwork (backup version {version}). "
            "Update Fieldwork to use it."
        )
    if version < 1:
        raise _damaged("version", "is not a known version")
    notebook_id = str(_field(document, "notebook_id", str))
    try:
        if str(uuid.UUID(notebook_id)) != notebook_id:
            raise ValueError(notebook_id)
    except ValueError:
        raise _damaged("notebook_id", "is not a notebook id") from None
    try:
        made_at = datetime.fromisoformat(str(_field(document, "made_at", str)))
    except ValueError:
        raise _damaged("made_at", "is not a time") from None
    if made_at.tzinfo is None:
        raise _damaged("made_at", "has no time zone")
    if not _REASON.fullmatch(str(_field(document, "reason", str))):
        raise _damaged("reason", "is not a known kind of backup")
    seq = _field(document, "history_seq", int)
    if not isinstance(seq, int) or seq < 0:
        raise _damaged("history_seq", "is negative")
    if not _HEX64.fullmatch(str(_field(document, "sha256", str))):
        raise _damaged("sha256", "is not a SHA-256 in hex")
    if not _HEX_SHORT.fullmatch(str(document.get("history_head", ""))):
        raise _damaged("history_head", "is not hex")
    _field(document, "app_version", str)
    size = document.get("size_bytes", -1)
    if not isinstance(size, int) or isinstance(size, bool):
        raise _damaged("size_bytes", "is not a whole number")
    return {**document, "made_at": made_at.astimezone(UTC)}


def check_backup(folder: Path, record: dict[str, object]) -> KeyFile:
    """Prove the folder is still what was verified: its file's SHA-256 and its own key file."""
    db = folder / DB_NAME
    if not db.is_file():
        raise BackupDamaged("This backup's notebook file is missing.")
    recorded_size = record.get("size_bytes", -1)
    # The size first: a huge file put in a backup's place is refused without reading it.
    if (recorded_size != -1 and db.stat().st_size != recorded_size) or file_sha256(db) != record[
        "sha256"
    ]:
        raise BackupDamaged(
            "This backup's notebook file has changed since it was made and verified (it is "
            "damaged). Try an older backup."
        )
    try:
        key_file = read_key_file(folder / KEY_NAME)
    except FieldworkError as error:
        raise BackupDamaged(f"This backup's key file cannot be used: {error}") from None
    if key_file.notebook_id != record["notebook_id"]:
        raise BackupDamaged("This backup's key file belongs to a different notebook.")
    return key_file


def entry_for(folder: Path, *, check: bool = False, current_slot: str | None = None) -> BackupEntry:
    """One backup as a plain value; an unreadable one is listed with what is wrong with it."""
    try:
        record = read_record(folder)
    except FieldworkError as error:
        made = stamp_of(folder) or datetime.fromtimestamp(folder.stat().st_mtime, UTC)
        return BackupEntry(folder, "", made, "", 0, "", "", 0, "", False, str(error))
    problem: str | None = None
    slot = ""
    intact: bool | None = None
    try:
        key_file = check_backup(folder, record) if check else read_key_file(folder / KEY_NAME)
        slot = passphrase_slot_fingerprint(key_file)
        intact = True if check else None
    except FieldworkError as error:
        problem, intact = str(error), False
    db = folder / DB_NAME
    made_at = record["made_at"]
    assert isinstance(made_at, datetime)
    return BackupEntry(
        folder=folder,
        notebook_id=str(record["notebook_id"]),
        made_at=made_at,
        reason=str(record["reason"]),
        history_seq=int(str(record["history_seq"])),
        history_head=str(record.get("history_head", "")),
        app_version=str(record["app_version"]),
        size_bytes=db.stat().st_size if db.is_file() else 0,
        passphrase_slot=slot,
        intact=intact,
        problem=problem,
        same_passphrase_as_now=None if current_slot is None or not slot else slot == current_slot,
    )


def backup_folders(notebook_root: Path) -> list[Path]:
    """The finished backups in `<root>/<notebook id>/`, newest first (by the name's time)."""
    if not notebook_root.is_dir():
        return []
    found = [
        child
        for child in notebook_root.iterdir()
        if child.is_dir() and child.name.endswith(FINAL_SUFFIX) and stamp_of(child) is not None
    ]
    return sorted(found, key=lambda child: child.name, reverse=True)


def list_entries(
    notebook_root: Path, *, check: bool = False, current_slot: str | None = None
) -> list[BackupEntry]:
    return [
        entry_for(folder, check=check, current_slot=current_slot)
        for folder in backup_folders(notebook_root)
    ]


def roots_holding_salt(root: Path, db_salt: bytes) -> list[Path]:
    """Notebook folders under a backup root whose backups came from a file with this salt.

    Used when a notebook's own key file is missing: its id is unknown, but each backup's key
    file records the salt of the notebook file it was copied from.
    """
    if not root.is_dir():
        return []
    return [child for child in sorted(root.iterdir()) if _holds_salt(child, db_salt)]


def _holds_salt(notebook_root: Path, db_salt: bytes) -> bool:
    for folder in backup_folders(notebook_root):
        try:
            if read_key_file(folder / KEY_NAME).db_salt == db_salt:
                return True
        except FieldworkError:
            continue
    return False
