"""Wrapping the data key: Argon2id key-encryption keys and AES-256-GCM bound to the slot."""

from __future__ import annotations

import json
import os
import secrets
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from fieldwork.domain.errors import InputRejected, KeyFileDamaged
from fieldwork.domain.passphrase import passphrase_refusal
from fieldwork.store.keys.key_holder import DATA_KEY_BYTES, wipe

ARGON2_VERSION = 19
WRAPPING_KEY_BYTES = 32
SALT_BYTES = 16  # what new slots get; files may carry up to SALT_MAX_BYTES
NONCE_BYTES = 12
WRAPPED_BYTES = DATA_KEY_BYTES + 16  # ciphertext plus the GCM tag
DEVICE_KEY_BYTES = 32

# Refused before anything is allocated (SECURITY.md §3): a key file is untrusted input, and
# m_kib = 4 TiB would otherwise try to allocate 4 TiB.
TIME_COST_MIN, TIME_COST_MAX = 1, 10
MEMORY_KIB_MIN, MEMORY_KIB_MAX = 8 * 1024, 1024 * 1024
PARALLELISM_MIN, PARALLELISM_MAX = 1, 8
SALT_MIN_BYTES, SALT_MAX_BYTES = 16, 64


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id cost parameters of one slot (memory in KiB, as Argon2 counts it)."""

    time_cost: int
    memory_kib: int
    parallelism: int


# Decision in SECURITY.md §3: about 0.5 s on the reference 2-vCPU machine.
DEFAULT_KDF = KdfParams(time_cost=2, memory_kib=262_144, parallelism=4)
# For tests only: the cheapest parameters the bounds accept, so a test unlock takes milliseconds.
TEST_KDF = KdfParams(time_cost=1, memory_kib=MEMORY_KIB_MIN, parallelism=1)


def key_file_damaged(field: str, problem: str) -> KeyFileDamaged:
    """The error for one bad field of notebook.key; the message and `detail` name the field."""
    return KeyFileDamaged(f"The notebook's key file is damaged: {field} {problem}.", detail=field)


def check_kdf_bounds(params: KdfParams, salt: bytes, *, field: str = "kdf") -> None:
    """Refuse parameters outside the accepted window, naming the field, before any hashing."""
    _check_int_range(params.time_cost, TIME_COST_MIN, TIME_COST_MAX, f"{field}.t")
    _check_int_range(params.memory_kib, MEMORY_KIB_MIN, MEMORY_KIB_MAX, f"{field}.m_kib")
    _check_int_range(params.parallelism, PARALLELISM_MIN, PARALLELISM_MAX, f"{field}.p")
    if not SALT_MIN_BYTES <= len(salt) <= SALT_MAX_BYTES:
        raise key_file_damaged(
            f"{field}.salt", f"has {len(salt)} bytes, not {SALT_MIN_BYTES} to {SALT_MAX_BYTES}"
        )


def check_wrapped_lengths(nonce: bytes, wrapped: bytes, *, field: str = "slot") -> None:
    """Refuse a nonce or wrapped key of the wrong size, naming the field."""
    if len(nonce) != NONCE_BYTES:
        raise key_file_damaged(f"{field}.nonce", f"has {len(nonce)} bytes, not {NONCE_BYTES}")
    if len(wrapped) != WRAPPED_BYTES:
        raise key_file_damaged(f"{field}.wrapped", f"has {len(wrapped)} bytes, not {WRAPPED_BYTES}")


def passphrase_secret(passphrase: str) -> bytes:
    """The bytes Argon2 hashes: NFC-normalised UTF-8, nothing trimmed. Empty → `InputRejected`."""
    refusal = passphrase_refusal(passphrase)
    if refusal is not None:
        raise InputRejected(refusal, detail="passphrase")
    # NFC so that "Café" typed with a composed or a combining accent opens the same notebook.
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive_wrapping_key(
    secret: bytes, salt: bytes, params: KdfParams, *, field: str = "kdf"
) -> bytes:
    """The 32-byte key-encryption key for a passphrase or recovery slot (Argon2id, v19)."""
    check_kdf_bounds(params, salt, field=field)
    return hash_secret_raw(
        secret,
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=WRAPPING_KEY_BYTES,
        type=Type.ID,
        version=ARGON2_VERSION,
    )


def canonical_aad(header: Mapping[str, object], slot: Mapping[str, object]) -> bytes:
    """Associated data binding a slot to its file: format, version, notebook id, cipher, slot.

    `slot` is the slot as written, minus `wrapped`. Any change to these fields (a different
    notebook id, weaker KDF parameters, a relabelled kind) makes the GCM tag fail.
    """
    if "wrapped" in slot:
        raise ValueError("the wrapped key cannot authenticate itself")
    document = {
        "format": header["format"],
        "version": header["version"],
        "notebook_id": header["notebook_id"],
        "cipher": header["cipher"],
        "slot": dict(slot),
    }
    return json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False
    ).encode("ascii")


def wrap_data_key(
    wrapping_key: bytes | bytearray, nonce: bytes, data_key: bytearray, aad: bytes
) -> bytes:
    """Encrypt the data key under `wrapping_key`; 48 bytes out. The nonce must be fresh."""
    if len(data_key) != DATA_KEY_BYTES:
        raise ValueError(f"a data key has {DATA_KEY_BYTES} bytes")
    if len(nonce) != NONCE_BYTES:
        raise ValueError(f"a nonce has {NONCE_BYTES} bytes")
    return AESGCM(bytes(wrapping_key)).encrypt(nonce, data_key, aad)


def unwrap_data_key(
    wrapping_key: bytes | bytearray, nonce: bytes, wrapped: bytes, aad: bytes
) -> bytearray | None:
    """The data key in a fresh wipeable buffer, or None when the tag does not verify.

    A failed tag means a wrong passphrase, code or device key, or a slot altered since it was
    written; the callers turn None into the error that fits their slot kind.
    """
    check_wrapped_lengths(nonce, wrapped)
    data_key = bytearray(DATA_KEY_BYTES)
    try:
        # decrypt_into writes straight into our buffer: no immutable copy of the key is made.
        AESGCM(bytes(wrapping_key)).decrypt_into(nonce, wrapped, aad, data_key)
    except InvalidTag:
        wipe(data_key)
        return None
    return data_key


def new_salt() -> bytes:
    """A fresh salt for a new passphrase or recovery slot."""
    return os.urandom(SALT_BYTES)


def new_nonce() -> bytes:
    """A fresh GCM nonce; every wrap gets its own."""
    return os.urandom(NONCE_BYTES)


def new_device_key() -> bytearray:
    """A random 32-byte device wrapping key, to be remembered in this computer's keyring."""
    return bytearray(secrets.token_bytes(DEVICE_KEY_BYTES))


def _check_int_range(value: int, low: int, high: int, field: str) -> None:
    # bool is an int in Python; `true` in a key file is damage, not 1.
    if type(value) is not int or not low <= value <= high:
        raise key_file_damaged(field, f"is outside {low} to {high}")
