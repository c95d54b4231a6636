"""notebook.key operations: create, unlock (passphrase, recovery code, device key), re-wrap, I/O."""

from __future__ import annotations

import dataclasses
import errno
import logging
import secrets
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from fieldwork.domain.errors import (
    KeyFileMissing,
    KeyringError,
    NotebookError,
    StorageFull,
    WrongPassphrase,
)
from fieldwork.runtime.atomic import write_atomic
from fieldwork.store.keys.key_file_format import (
    DB_SALT_BYTES,
    KEY_FILE_MAX_BYTES,
    KEY_FILE_NAME,
    MAX_SLOTS,
    DeviceSlot,
    KdfSlot,
    KdfSlotKind,
    KeyFile,
    Slot,
    key_file_from_json,
    key_file_to_json,
    slot_aad,
)
from fieldwork.store.keys.key_holder import DATA_KEY_BYTES, KeyHolder, wipe
from fieldwork.store.keys.recovery_code import normalise_recovery_code
from fieldwork.store.keys.wrapping import (
    DEFAULT_KDF,
    DEVICE_KEY_BYTES,
    KdfParams,
    derive_wrapping_key,
    key_file_damaged,
    new_device_key,
    new_nonce,
    new_salt,
    passphrase_secret,
    unwrap_data_key,
    wrap_data_key,
)

log = logging.getLogger(__name__)

KEY_FILE_MODE = 0o600


class WrongRecoveryCode(WrongPassphrase):
    """A well-formed recovery code that does not open this notebook (or it has none)."""

    default_message = (
        "That recovery code does not open this notebook. Check each group and try again."
    )


class RememberedKeyRejected(KeyringError):
    """The device key from this computer's keyring no longer opens the notebook."""

    default_message = (
        "The key remembered on this computer no longer opens this notebook. "
        "Use the passphrase; you can ask Fieldwork to remember it again."
    )


def create_key_file(
    passphrase: str,
    *,
    recovery_code: str | None = None,
    notebook_id: str | None = None,
    db_salt: bytes | None = None,
    kdf: KdfParams = DEFAULT_KDF,
) -> tuple[KeyFile, KeyHolder]:
    """A new data key and its key file (in memory) with a passphrase and optional recovery slot.

    `db_salt` is usually unknown until notebook.db exists: record it with `with_db_salt` before
    `write_key_file`. Nothing is written here.
    """
    secret = passphrase_secret(passphrase)  # refuse an empty passphrase before any work
    recovery_secret = None if recovery_code is None else _recovery_secret(recovery_code)
    notebook_id = notebook_id or str(uuid.uuid4())
    if str(uuid.UUID(notebook_id)) != notebook_id:
        raise ValueError("a notebook id is a lower-case UUID string")
    holder = KeyHolder(bytearray(secrets.token_bytes(DATA_KEY_BYTES)))
    try:
        key_file = KeyFile(notebook_id=notebook_id, db_salt=None, slots=())
        if db_salt is not None:
            key_file = with_db_salt(key_file, db_salt)
        slot = _new_kdf_slot(key_file, "passphrase", secret, holder, kdf)
        key_file = _with_slot(key_file, slot)
        if recovery_secret is not None:
            slot = _new_kdf_slot(key_file, "recovery", recovery_secret, holder, kdf)
            key_file = _with_slot(key_file, slot)
    except BaseException:
        holder.zero()
        raise
    return key_file, holder


def with_db_salt(key_file: KeyFile, db_salt: bytes) -> KeyFile:
    """The key file recording the database's 16-byte salt (an unauthenticated repair hint)."""
    if len(db_salt) != DB_SALT_BYTES:
        raise ValueError(f"the database salt has {DB_SALT_BYTES} bytes")
    return dataclasses.replace(key_file, db_salt=bytes(db_salt))


def unlock_with_passphrase(key_file: KeyFile, passphrase: str) -> KeyHolder:
    """The data key from the passphrase slot; `WrongPassphrase` if it does not open."""
    secret = passphrase_secret(passphrase)
    holder = _open_kdf_slots(key_file, "passphrase", secret)
    if holder is None:
        raise WrongPassphrase()
    return holder


def unlock_with_recovery_code(key_file: KeyFile, typed_code: str) -> KeyHolder:
    """The data key from the recovery slot; `InputRejected` if the text cannot be a code."""
    secret = _recovery_secret(typed_code)
    if not _slots_of_kind(key_file, "recovery"):
        raise WrongRecoveryCode("This notebook has no recovery code. Use the passphrase.")
    holder = _open_kdf_slots(key_file, "recovery", secret)
    if holder is None:
        raise WrongRecoveryCode()
    return holder


def unlock_with_device_key(
    key_file: KeyFile, slot_id: str, device_key: bytes | bytearray
) -> KeyHolder:
    """The data key from a device slot, using the key this computer's keyring remembered."""
    slot = _find_slot(key_file, slot_id)
    if not isinstance(slot, DeviceSlot):
        raise RememberedKeyRejected(
            "The key remembered on this computer is for a slot this notebook no longer has. "
            "Use the passphrase."
        )
    if len(device_key) != DEVICE_KEY_BYTES:
        raise RememberedKeyRejected()
    data_key = unwrap_data_key(
        device_key, slot.nonce, slot.wrapped, slot_aad(key_file.notebook_id, slot)
    )
    if data_key is None:
        raise RememberedKeyRejected()
    return KeyHolder(data_key)


def change_passphrase(
    key_file: KeyFile, old_passphrase: str, new_passphrase: str, *, kdf: KdfParams = DEFAULT_KDF
) -> KeyFile:
    """The key file with a new passphrase slot (fresh salt, nonce, current parameters).

    The data key is unchanged, so notebook.db is untouched, and older copies of notebook.key
    (in backups) still open with the old passphrase.
    """
    new_secret = passphrase_secret(new_passphrase)  # refuse an empty one before the slow unwrap
    with unlock_with_passphrase(key_file, old_passphrase) as holder:
        new_slot = _new_kdf_slot(key_file, "passphrase", new_secret, holder, kdf)
    return _replace_kind(key_file, "passphrase", new_slot)


def set_recovery_code(
    key_file: KeyFile, holder: KeyHolder, recovery_code: str, *, kdf: KdfParams = DEFAULT_KDF
) -> KeyFile:
    """The key file with a recovery slot for `recovery_code`, replacing any earlier one."""
    slot = _new_kdf_slot(key_file, "recovery", _recovery_secret(recovery_code), holder, kdf)
    return _replace_kind(key_file, "recovery", slot)


def remove_recovery_slot(key_file: KeyFile) -> KeyFile:
    """The key file without a recovery slot (after the user confirmed skipping it)."""
    return _without(key_file, lambda slot: slot.kind == "recovery")


def add_device_slot(key_file: KeyFile, holder: KeyHolder) -> tuple[KeyFile, str, bytearray]:
    """A new device slot: (key file, slot id, device key to remember in this computer's keyring).

    The device key is random and wraps the data key directly (no KDF: it is already 256 random
    bits). The caller wipes the returned buffer once the keyring holds it.
    """
    slot_id = _new_slot_id(key_file, "d")
    device_key = new_device_key()
    unsigned = DeviceSlot(id=slot_id, nonce=new_nonce(), wrapped=b"")
    data_key = holder.copy_bytes()
    try:
        wrapped = wrap_data_key(
            device_key, unsigned.nonce, data_key, slot_aad(key_file.notebook_id, unsigned)
        )
    finally:
        wipe(data_key)
    slot = dataclasses.replace(unsigned, wrapped=wrapped)
    return _with_slot(key_file, slot), slot_id, device_key


def remove_device_slot(key_file: KeyFile, slot_id: str) -> KeyFile:
    """The key file without that device slot; unchanged if it has none, so forgetting repeats."""
    return _without(key_file, lambda slot: slot.kind == "device" and slot.id == slot_id)


def device_slot_ids(key_file: KeyFile) -> tuple[str, ...]:
    """Ids of the device slots, to look up in this computer's keyring one by one."""
    return tuple(slot.id for slot in key_file.slots if isinstance(slot, DeviceSlot))


def read_key_file(path: Path) -> KeyFile:
    """Read and parse notebook.key (at most 64 KiB); specific errors for missing or damaged."""
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(KEY_FILE_MAX_BYTES + 1)
    except FileNotFoundError:
        raise KeyFileMissing(detail=KEY_FILE_NAME) from None
    except IsADirectoryError:
        raise key_file_damaged("file", "is a folder, not a file") from None
    except OSError as error:
        log.warning("key file unreadable: %s", type(error).__name__)
        raise NotebookError(
            "The notebook's key file could not be read. Check that this folder can be opened.",
            detail=KEY_FILE_NAME,
        ) from None
    return key_file_from_json(data)


def write_key_file(path: Path, key_file: KeyFile) -> None:
    """Replace notebook.key atomically with mode 0600; a crash leaves the old or the new file."""
    data = key_file_to_json(key_file)
    key_file_from_json(data)  # never write a file this version could not read back
    try:
        write_atomic(Path(path), data, mode=KEY_FILE_MODE)
    except OSError as error:
        if error.errno == errno.ENOSPC:
            raise StorageFull("The disk is full, so the key file was not saved.") from None
        raise


def _recovery_secret(typed_code: str) -> bytes:
    # The canonical 26 characters, so any accepted spelling of the code derives the same key.
    return normalise_recovery_code(typed_code).encode("ascii")


def _new_kdf_slot(
    key_file: KeyFile, kind: KdfSlotKind, secret: bytes, holder: KeyHolder, kdf: KdfParams
) -> KdfSlot:
    unsigned = KdfSlot(
        id=_new_slot_id(key_file, kind[0]),
        kind=kind,
        kdf=kdf,
        salt=new_salt(),
        nonce=new_nonce(),
        wrapped=b"",
    )
    wrapping_key = derive_wrapping_key(secret, unsigned.salt, kdf)
    data_key = holder.copy_bytes()
    try:
        aad = slot_aad(key_file.notebook_id, unsigned)
        wrapped = wrap_data_key(wrapping_key, unsigned.nonce, data_key, aad)
    finally:
        wipe(data_key)
    return dataclasses.replace(unsigned, wrapped=wrapped)


def _open_kdf_slots(key_file: KeyFile, kind: KdfSlotKind, secret: bytes) -> KeyHolder | None:
    for slot in _slots_of_kind(key_file, kind):
        started = time.monotonic()
        wrapping_key = derive_wrapping_key(secret, slot.salt, slot.kdf)
        aad = slot_aad(key_file.notebook_id, slot)
        data_key = unwrap_data_key(wrapping_key, slot.nonce, slot.wrapped, aad)
        log.debug("key slot %s tried in %.0f ms", kind, (time.monotonic() - started) * 1000)
        if data_key is not None:
            return KeyHolder(data_key)
    return None


def _slots_of_kind(key_file: KeyFile, kind: KdfSlotKind) -> list[KdfSlot]:
    return [slot for slot in key_file.slots if isinstance(slot, KdfSlot) and slot.kind == kind]


def _find_slot(key_file: KeyFile, slot_id: str) -> Slot | None:
    return next((slot for slot in key_file.slots if slot.id == slot_id), None)


def _new_slot_id(key_file: KeyFile, prefix: str) -> str:
    taken = {slot.id for slot in key_file.slots}
    while (slot_id := f"{prefix}-{secrets.token_hex(4)}") in taken:
        pass
    return slot_id


def _with_slot(key_file: KeyFile, slot: Slot) -> KeyFile:
    if len(key_file.slots) >= MAX_SLOTS:
        raise NotebookError(f"This notebook already has {MAX_SLOTS} key slots; remove one first.")
    return dataclasses.replace(key_file, slots=(*key_file.slots, slot))


def _replace_kind(key_file: KeyFile, kind: KdfSlotKind, new_slot: KdfSlot) -> KeyFile:
    # Keep the slot's place in the list so a diff of two key files stays readable.
    kept: list[Slot] = []
    placed = False
    for slot in key_file.slots:
        if slot.kind != kind:
            kept.append(slot)
        elif not placed:
            kept.append(new_slot)
            placed = True
    if not placed:
        kept.append(new_slot)
    return dataclasses.replace(key_file, slots=tuple(kept))


def _without(key_file: KeyFile, unwanted: Callable[[Slot], bool]) -> KeyFile:
    return dataclasses.replace(
        key_file, slots=tuple(slot for slot in key_file.slots if not unwanted(slot))
    )
