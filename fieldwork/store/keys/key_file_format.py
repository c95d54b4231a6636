"""The notebook.key document: typed slots, strict parsing that names the bad field, and writing."""

from __future__ import annotations

import base64
import binascii
import json
import re
import uuid
from dataclasses import dataclass
from typing import Literal, TypeVar

from fieldwork.domain.errors import NotebookTooNew
from fieldwork.store.keys.wrapping import (
    KdfParams,
    canonical_aad,
    check_kdf_bounds,
    check_wrapped_lengths,
    key_file_damaged,
)

KEY_FILE_NAME = "notebook.key"
KEY_FILE_FORMAT = "fieldwork-notebook-key"
KEY_FILE_VERSION = 1
KEY_FILE_MAX_BYTES = 64 * 1024
CIPHER: dict[str, object] = {"engine": "sqlcipher", "compatibility": 4, "key": "raw-256"}
DB_SALT_BYTES = 16
MAX_SLOTS = 16
KDF_ALGORITHM = "argon2id"
KDF_VERSION = 19
KEYRING_SERVICE = "Fieldwork"

KdfSlotKind = Literal["passphrase", "recovery"]
_T = TypeVar("_T")
_SLOT_ID = re.compile(r"[A-Za-z0-9-]{1,64}")
_HEX_SALT = re.compile(r"[0-9a-fA-F]{32}")


@dataclass(frozen=True, slots=True)
class KdfSlot:
    """A passphrase or recovery slot: the data key wrapped under an Argon2id-derived key."""

    id: str
    kind: KdfSlotKind
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes


@dataclass(frozen=True, slots=True)
class DeviceSlot:
    """The data key wrapped under a random device key kept in one computer's keyring."""

    id: str
    nonce: bytes
    wrapped: bytes
    kind: Literal["device"] = "device"


Slot = KdfSlot | DeviceSlot


@dataclass(frozen=True, slots=True)
class KeyFile:
    """The parsed notebook.key; holds only wrapped keys, never the data key."""

    notebook_id: str
    db_salt: bytes | None  # None only between creating the key and creating notebook.db
    slots: tuple[Slot, ...]


def keyring_user(notebook_id: str, slot_id: str) -> str:
    """The keyring account for a device slot: no authority or person, only ids."""
    return f"notebook:{notebook_id}:{slot_id}"


def slot_aad(notebook_id: str, slot: Slot) -> bytes:
    """The associated data a slot is wrapped with (SECURITY.md §3)."""
    return canonical_aad(_header(notebook_id), _slot_fields(notebook_id, slot, with_wrapped=False))


def key_file_to_json(key_file: KeyFile) -> bytes:
    """The file's bytes: UTF-8 JSON with every slot; refuses a key file without its db_salt."""
    if key_file.db_salt is None:
        raise ValueError("record the database salt (with_db_salt) before writing notebook.key")
    document = {
        **_header(key_file.notebook_id),
        "db_salt": key_file.db_salt.hex(),
        "slots": [
            _slot_fields(key_file.notebook_id, slot, with_wrapped=True) for slot in key_file.slots
        ],
    }
    text = json.dumps(document, indent=2, ensure_ascii=True, allow_nan=False) + "\n"
    return text.encode("ascii")


def key_file_from_json(data: bytes) -> KeyFile:
    """Parse notebook.key strictly; `KeyFileDamaged` names the first bad field.

    Unknown fields are ignored, and they are not authenticated: only the fields read here feed
    the associated data, re-serialised from the parsed values.
    """
    if len(data) > KEY_FILE_MAX_BYTES:
        raise key_file_damaged("file", f"is larger than {KEY_FILE_MAX_BYTES // 1024} KiB")
    document = _load_json(data)
    if not isinstance(document, dict):
        raise key_file_damaged("file", "is not a JSON object")
    if _field(document, "format", str, "") != KEY_FILE_FORMAT:
        raise key_file_damaged("format", f"is not {KEY_FILE_FORMAT!r}")
    version = _field(document, "version", int, "")
    if version > KEY_FILE_VERSION:
        raise NotebookTooNew(
            f"This notebook was made by a newer Fieldwork (key file version {version}). "
            "Update Fieldwork to open it.",
            detail=f"{KEY_FILE_NAME} version {version}",
        )
    if version < 1:
        raise key_file_damaged("version", "is not a known version")
    notebook_id = _notebook_id(_field(document, "notebook_id", str, ""))
    _check_cipher(_field(document, "cipher", dict, ""))
    db_salt_text = _field(document, "db_salt", str, "")
    if not _HEX_SALT.fullmatch(db_salt_text):
        raise key_file_damaged("db_salt", f"is not {DB_SALT_BYTES} bytes of hex")
    raw_slots = _field(document, "slots", list, "")
    if not 1 <= len(raw_slots) <= MAX_SLOTS:
        raise key_file_damaged("slots", f"has {len(raw_slots)} entries, not 1 to {MAX_SLOTS}")
    slots = tuple(
        _parse_slot(raw, f"slots[{index}]", notebook_id) for index, raw in enumerate(raw_slots)
    )
    _check_slot_set(slots)
    return KeyFile(notebook_id=notebook_id, db_salt=bytes.fromhex(db_salt_text), slots=slots)


def _header(notebook_id: str) -> dict[str, object]:
    return {
        "format": KEY_FILE_FORMAT,
        "version": KEY_FILE_VERSION,
        "notebook_id": notebook_id,
        "cipher": dict(CIPHER),
    }


def _slot_fields(notebook_id: str, slot: Slot, *, with_wrapped: bool) -> dict[str, object]:
    fields: dict[str, object] = {"id": slot.id, "kind": slot.kind}
    if isinstance(slot, KdfSlot):
        fields["kdf"] = {
            "alg": KDF_ALGORITHM,
            "v": KDF_VERSION,
            "t": slot.kdf.time_cost,
            "m_kib": slot.kdf.memory_kib,
            "p": slot.kdf.parallelism,
            "salt": _b64(slot.salt),
        }
    else:
        fields["keyring"] = {
            "service": KEYRING_SERVICE,
            "user": keyring_user(notebook_id, slot.id),
        }
    fields["nonce"] = _b64(slot.nonce)
    if with_wrapped:
        fields["wrapped"] = _b64(slot.wrapped)
    return fields


class _DuplicateField(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _refuse_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    # Two "wrapped" values in one slot would make "which one counts" depend on the parser.
    result: dict[str, object] = {}
    for name, value in pairs:
        if name in result:
            raise _DuplicateField(name)
        result[name] = value
    return result


def _refuse_constant(name: str) -> object:
    raise ValueError(name)


def _load_json(data: bytes) -> object:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise key_file_damaged("file", "is not UTF-8 text") from None
    try:
        return json.loads(
            text, object_pairs_hook=_refuse_duplicates, parse_constant=_refuse_constant
        )
    except _DuplicateField as duplicate:
        raise key_file_damaged(duplicate.name, "appears twice") from None
    except (ValueError, RecursionError):
        # RecursionError: 64 KiB of "[[[[" nests deeper than the parser will go.
        raise key_file_damaged("file", "is not valid JSON") from None


_KIND_NAMES: dict[type, str] = {
    str: "text",
    int: "a whole number",
    dict: "an object",
    list: "a list",
}


def _field(container: dict[str, object], name: str, kind: type[_T], prefix: str) -> _T:
    path = f"{prefix}.{name}" if prefix else name
    if name not in container:
        raise key_file_damaged(path, "is missing")
    value = container[name]
    # bool is an int in Python; `true` where a number belongs is damage.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise key_file_damaged(path, f"is not {_KIND_NAMES[kind]}")
    return value


def _notebook_id(text: str) -> str:
    try:
        parsed = uuid.UUID(text)
    except ValueError:
        raise key_file_damaged("notebook_id", "is not a notebook id") from None
    if str(parsed) != text:
        raise key_file_damaged("notebook_id", "is not a notebook id in canonical form")
    return text


def _check_cipher(cipher: dict[str, object]) -> None:
    for name in ("engine", "key"):
        if _field(cipher, name, str, "cipher") != CIPHER[name]:
            raise key_file_damaged(f"cipher.{name}", f"is not {CIPHER[name]!r}")
    if _field(cipher, "compatibility", int, "cipher") != CIPHER["compatibility"]:
        raise key_file_damaged("cipher.compatibility", f"is not {CIPHER['compatibility']}")


def _parse_slot(raw: object, path: str, notebook_id: str) -> Slot:
    if not isinstance(raw, dict):
        raise key_file_damaged(path, "is not an object")
    slot_id = _field(raw, "id", str, path)
    if not _SLOT_ID.fullmatch(slot_id):
        raise key_file_damaged(f"{path}.id", "has characters a slot id cannot have")
    kind = _field(raw, "kind", str, path)
    if kind not in ("passphrase", "recovery", "device"):
        raise key_file_damaged(f"{path}.kind", "is not passphrase, recovery or device")
    nonce = _b64_field(raw, "nonce", path)
    wrapped = _b64_field(raw, "wrapped", path)
    check_wrapped_lengths(nonce, wrapped, field=path)
    if kind == "device":
        keyring = _field(raw, "keyring", dict, path)
        if _field(keyring, "service", str, f"{path}.keyring") != KEYRING_SERVICE:
            raise key_file_damaged(f"{path}.keyring.service", f"is not {KEYRING_SERVICE!r}")
        if _field(keyring, "user", str, f"{path}.keyring") != keyring_user(notebook_id, slot_id):
            raise key_file_damaged(f"{path}.keyring.user", "does not match the notebook and slot")
        return DeviceSlot(id=slot_id, nonce=nonce, wrapped=wrapped)
    kdf_path = f"{path}.kdf"
    kdf = _field(raw, "kdf", dict, path)
    if _field(kdf, "alg", str, kdf_path) != KDF_ALGORITHM:
        raise key_file_damaged(f"{kdf_path}.alg", f"is not {KDF_ALGORITHM!r}")
    if _field(kdf, "v", int, kdf_path) != KDF_VERSION:
        raise key_file_damaged(f"{kdf_path}.v", f"is not {KDF_VERSION}")
    params = KdfParams(
        time_cost=_field(kdf, "t", int, kdf_path),
        memory_kib=_field(kdf, "m_kib", int, kdf_path),
        parallelism=_field(kdf, "p", int, kdf_path),
    )
    salt = _b64_field(kdf, "salt", kdf_path)
    # Here, while reading, and again just before hashing: 4 TiB is refused without allocating.
    check_kdf_bounds(params, salt, field=kdf_path)
    slot_kind: KdfSlotKind = "passphrase" if kind == "passphrase" else "recovery"
    return KdfSlot(id=slot_id, kind=slot_kind, kdf=params, salt=salt, nonce=nonce, wrapped=wrapped)


def _check_slot_set(slots: tuple[Slot, ...]) -> None:
    ids = [slot.id for slot in slots]
    for index, slot_id in enumerate(ids):
        if slot_id in ids[:index]:
            raise key_file_damaged(f"slots[{index}].id", "repeats another slot's id")
    kinds = [slot.kind for slot in slots]
    if kinds.count("passphrase") != 1:
        # The keyring is never the only way in (SECURITY.md §4): a passphrase slot must exist.
        raise key_file_damaged("slots", "must hold exactly one passphrase slot")
    if kinds.count("recovery") > 1:
        raise key_file_damaged("slots", "holds more than one recovery slot")


def _b64(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


def _b64_field(container: dict[str, object], name: str, prefix: str) -> bytes:
    text = _field(container, name, str, prefix)
    try:
        value = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise key_file_damaged(f"{prefix}.{name}", "is not valid base64") from None
    if _b64(value) != text:
        # Only one spelling per value, so what is authenticated is exactly what is stored.
        raise key_file_damaged(f"{prefix}.{name}", "is not valid base64")
    return value
