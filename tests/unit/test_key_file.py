"""notebook.key: create, unlock three ways, change passphrase, device slots, and hostile files."""

from __future__ import annotations

import json
import os
import stat
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fieldwork.domain.errors import (
    InputRejected,
    KeyFileDamaged,
    KeyFileMissing,
    KeyringError,
    NotebookLocked,
    NotebookTooNew,
    WrongPassphrase,
)
from fieldwork.store.keys import key_file as keys
from fieldwork.store.keys.key_file import (
    RememberedKeyRejected,
    WrongRecoveryCode,
    add_device_slot,
    change_passphrase,
    create_key_file,
    device_slot_ids,
    read_key_file,
    remove_device_slot,
    remove_recovery_slot,
    set_recovery_code,
    unlock_with_device_key,
    unlock_with_passphrase,
    unlock_with_recovery_code,
    with_db_salt,
    write_key_file,
)
from fieldwork.store.keys.key_file_format import KdfSlot, KeyFile, key_file_to_json
from fieldwork.store.keys.recovery_code import format_recovery_code, new_recovery_code
from fieldwork.store.keys.wrapping import DEFAULT_KDF, TEST_KDF, KdfParams

PASSPHRASE = "lantern orchard velvet kettles"
DB_SALT = bytes(range(16))
Document = dict[str, Any]


@pytest.fixture
def recovery_code() -> str:
    return new_recovery_code()


@pytest.fixture
def created(recovery_code: str) -> tuple[KeyFile, Any]:
    return create_key_file(PASSPHRASE, recovery_code=recovery_code, db_salt=DB_SALT, kdf=TEST_KDF)


@pytest.fixture
def key_path(tmp_path: Path, created: tuple[KeyFile, Any]) -> Path:
    folder = tmp_path / "inspection.fieldwork"
    folder.mkdir()
    path = folder / "notebook.key"
    write_key_file(path, created[0])
    return path


def _document(path: Path) -> Document:
    document: Document = json.loads(path.read_text())
    return document


def _rewrite(path: Path, document: Document) -> None:
    path.write_text(json.dumps(document))


def _slot(document: Document, kind: str) -> Document:
    slot: Document = next(s for s in document["slots"] if s["kind"] == kind)
    return slot


# --- the happy paths ---------------------------------------------------------------------------


def test_create_write_read_unlock(key_path: Path, created: tuple[KeyFile, Any]) -> None:
    key_file, holder = created
    assert read_key_file(key_path) == key_file
    unlocked = unlock_with_passphrase(read_key_file(key_path), PASSPHRASE)
    assert unlocked.same_key_as(holder)


def test_key_file_has_the_documented_shape(key_path: Path, created: tuple[KeyFile, Any]) -> None:
    document = _document(key_path)
    assert document["format"] == "fieldwork-notebook-key"
    assert document["version"] == 1
    assert document["notebook_id"] == created[0].notebook_id
    assert document["cipher"] == {"engine": "sqlcipher", "compatibility": 4, "key": "raw-256"}
    assert document["db_salt"] == DB_SALT.hex()
    passphrase_slot = _slot(document, "passphrase")
    assert passphrase_slot["id"].startswith("p-")
    assert passphrase_slot["kdf"] == {
        "alg": "argon2id",
        "v": 19,
        "t": 1,
        "m_kib": 8192,
        "p": 1,
        "salt": passphrase_slot["kdf"]["salt"],
    }
    assert _slot(document, "recovery")["id"].startswith("r-")


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_key_file_is_written_private(key_path: Path) -> None:
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    assert [p.name for p in key_path.parent.iterdir()] == ["notebook.key"]  # no temp file left


def test_key_file_holds_no_secret(
    key_path: Path, created: tuple[KeyFile, Any], recovery_code: str
) -> None:
    text = key_path.read_text()
    key = created[1].copy_bytes()
    assert key.hex() not in text
    assert PASSPHRASE not in text
    assert recovery_code not in text
    assert key.hex() not in repr(created[0])


def test_composed_and_decomposed_passphrases_open_the_same_notebook() -> None:
    composed = unicodedata.normalize("NFC", "Café de l'Opéra, Zoë")
    decomposed = unicodedata.normalize("NFD", composed)
    key_file, holder = create_key_file(composed, db_salt=DB_SALT, kdf=TEST_KDF)
    assert unlock_with_passphrase(key_file, decomposed).same_key_as(holder)


@pytest.mark.parametrize(
    "passphrase",
    ["a", "abcdefghij", "fourteen chars", "y" * 1024, "say \"hi\" 'there'", "a\x00b"],
    ids=["1", "10", "14", "1024", "quotes", "nul"],
)
def test_any_non_empty_passphrase_opens(passphrase: str) -> None:
    key_file, holder = create_key_file(passphrase, db_salt=DB_SALT, kdf=TEST_KDF)
    assert unlock_with_passphrase(key_file, passphrase).same_key_as(holder)


def test_empty_passphrase_is_refused_everywhere(created: tuple[KeyFile, Any]) -> None:
    with pytest.raises(InputRejected, match="empty"):
        create_key_file("", kdf=TEST_KDF)
    with pytest.raises(InputRejected, match="empty"):
        unlock_with_passphrase(created[0], "")
    with pytest.raises(InputRejected, match="empty"):
        change_passphrase(created[0], PASSPHRASE, "", kdf=TEST_KDF)


def test_wrong_passphrase(created: tuple[KeyFile, Any]) -> None:
    with pytest.raises(WrongPassphrase) as caught:
        unlock_with_passphrase(created[0], PASSPHRASE.upper())
    assert PASSPHRASE.upper() not in str(caught.value)
    assert caught.value.detail is None


def test_recovery_code_opens_however_it_is_typed(
    created: tuple[KeyFile, Any], recovery_code: str
) -> None:
    key_file, holder = created
    assert unlock_with_recovery_code(key_file, recovery_code).same_key_as(holder)
    typed = format_recovery_code(recovery_code).lower().replace("-", " ")
    typed = typed.replace("0", "o").replace("1", "l")
    assert unlock_with_recovery_code(key_file, typed).same_key_as(holder)


def test_wrong_or_absent_recovery_code(created: tuple[KeyFile, Any]) -> None:
    with pytest.raises(WrongRecoveryCode):
        unlock_with_recovery_code(created[0], new_recovery_code())
    with pytest.raises(InputRejected):
        unlock_with_recovery_code(created[0], "not a code")
    without = remove_recovery_slot(created[0])
    with pytest.raises(WrongRecoveryCode, match="no recovery code"):
        unlock_with_recovery_code(without, new_recovery_code())
    assert issubclass(WrongRecoveryCode, WrongPassphrase)


def test_recovery_code_can_be_replaced(created: tuple[KeyFile, Any], recovery_code: str) -> None:
    key_file, holder = created
    fresh = new_recovery_code()
    replaced = set_recovery_code(key_file, holder, fresh, kdf=TEST_KDF)
    assert [s.kind for s in replaced.slots] == ["passphrase", "recovery"]
    assert unlock_with_recovery_code(replaced, fresh).same_key_as(holder)
    with pytest.raises(WrongRecoveryCode):
        unlock_with_recovery_code(replaced, recovery_code)


def test_change_passphrase(tmp_path: Path, key_path: Path, created: tuple[KeyFile, Any]) -> None:
    key_file, holder = created
    database = key_path.parent / "notebook.db"
    database.write_bytes(os.urandom(8192))
    before = database.read_bytes()

    changed = change_passphrase(key_file, PASSPHRASE, "a brand new passphrase", kdf=TEST_KDF)
    write_key_file(key_path, changed)

    reread = read_key_file(key_path)
    with pytest.raises(WrongPassphrase):
        unlock_with_passphrase(reread, PASSPHRASE)
    assert unlock_with_passphrase(reread, "a brand new passphrase").same_key_as(holder)
    old_slot, new_slot = key_file.slots[0], reread.slots[0]
    assert isinstance(old_slot, KdfSlot) and isinstance(new_slot, KdfSlot)
    assert (new_slot.salt, new_slot.nonce) != (old_slot.salt, old_slot.nonce)
    assert reread.slots[1] == key_file.slots[1]  # the recovery slot is untouched
    assert database.read_bytes() == before
    # An old copy (as in a backup) still opens with the old passphrase, to the same data key.
    assert unlock_with_passphrase(key_file, PASSPHRASE).same_key_as(holder)


def test_change_passphrase_uses_the_parameters_it_is_given(created: tuple[KeyFile, Any]) -> None:
    cheaper = KdfParams(time_cost=2, memory_kib=8192, parallelism=2)
    changed = change_passphrase(created[0], PASSPHRASE, "next one", kdf=cheaper)
    slot = changed.slots[0]
    assert isinstance(slot, KdfSlot) and slot.kdf == cheaper


def test_change_passphrase_with_the_wrong_old_one(created: tuple[KeyFile, Any]) -> None:
    with pytest.raises(WrongPassphrase):
        change_passphrase(created[0], "not it", "next one", kdf=TEST_KDF)


def test_device_slot_round_trip(key_path: Path, created: tuple[KeyFile, Any]) -> None:
    key_file, holder = created
    with_device, slot_id, device_key = add_device_slot(key_file, holder)
    write_key_file(key_path, with_device)
    reread = read_key_file(key_path)
    assert device_slot_ids(reread) == (slot_id,)
    device = _slot(_document(key_path), "device")
    assert device["keyring"] == {
        "service": "Fieldwork",
        "user": f"notebook:{key_file.notebook_id}:{slot_id}",
    }
    assert "kdf" not in device
    assert unlock_with_device_key(reread, slot_id, device_key).same_key_as(holder)
    with pytest.raises(RememberedKeyRejected):
        unlock_with_device_key(reread, slot_id, bytes(32))
    with pytest.raises(RememberedKeyRejected):
        unlock_with_device_key(reread, slot_id, bytes(device_key[:16]))
    forgotten = remove_device_slot(reread, slot_id)
    assert device_slot_ids(forgotten) == ()
    assert remove_device_slot(forgotten, slot_id) == forgotten
    with pytest.raises(RememberedKeyRejected, match="no longer has"):
        unlock_with_device_key(forgotten, slot_id, device_key)
    assert issubclass(RememberedKeyRejected, KeyringError)


def test_holder_from_unlock_locks(created: tuple[KeyFile, Any]) -> None:
    holder = unlock_with_passphrase(created[0], PASSPHRASE)
    holder.zero()
    with pytest.raises(NotebookLocked):
        holder.pragma_key()


def test_db_salt_must_be_recorded_before_writing(tmp_path: Path) -> None:
    key_file, _ = create_key_file(PASSPHRASE, kdf=TEST_KDF)
    with pytest.raises(ValueError, match="salt"):
        write_key_file(tmp_path / "notebook.key", key_file)
    assert not (tmp_path / "notebook.key").exists()
    write_key_file(tmp_path / "notebook.key", with_db_salt(key_file, DB_SALT))
    assert read_key_file(tmp_path / "notebook.key").db_salt == DB_SALT


def test_new_slots_use_production_parameters_by_default() -> None:
    assert keys.create_key_file.__kwdefaults__["kdf"] == DEFAULT_KDF
    assert keys.change_passphrase.__kwdefaults__["kdf"] == DEFAULT_KDF


# --- tampering: the file parses, but the slot no longer opens ---------------------------------


def _tamper_notebook_id(document: Document) -> None:
    document["notebook_id"] = "00000000-0000-4000-8000-000000000000"


def _tamper_kdf(name: str, value: object) -> Callable[[Document], None]:
    def tamper(document: Document) -> None:
        _slot(document, "passphrase")["kdf"][name] = value

    return tamper


def _tamper_slot_id(document: Document) -> None:
    _slot(document, "passphrase")["id"] = "p-00000000"


@pytest.mark.parametrize(
    "tamper",
    [
        _tamper_notebook_id,
        _tamper_kdf("t", 2),
        _tamper_kdf("m_kib", 16384),
        _tamper_kdf("p", 2),
        _tamper_kdf("salt", "AAAAAAAAAAAAAAAAAAAAAA=="),
        _tamper_slot_id,
    ],
    ids=["notebook_id", "kdf.t", "kdf.m_kib", "kdf.p", "kdf.salt", "slot.id"],
)
def test_tampered_slots_do_not_open(key_path: Path, tamper: Callable[[Document], None]) -> None:
    document = _document(key_path)
    tamper(document)
    _rewrite(key_path, document)
    with pytest.raises(WrongPassphrase):
        unlock_with_passphrase(read_key_file(key_path), PASSPHRASE)


def test_relabelled_slot_kind_does_not_open(tmp_path: Path) -> None:
    # The recovery code, typed as a passphrase, derives the same key-encryption key; only the
    # authenticated kind stops a recovery slot from posing as the passphrase slot.
    code = new_recovery_code()
    key_file, _ = create_key_file("original", recovery_code=code, db_salt=DB_SALT, kdf=TEST_KDF)
    path = tmp_path / "notebook.key"
    write_key_file(path, key_file)
    document = _document(path)
    document["slots"] = [_slot(document, "recovery")]
    document["slots"][0]["kind"] = "passphrase"
    _rewrite(path, document)
    with pytest.raises(WrongPassphrase):
        unlock_with_passphrase(read_key_file(path), code)


def test_tampered_cipher_is_refused(key_path: Path) -> None:
    document = _document(key_path)
    document["cipher"]["compatibility"] = 3
    _rewrite(key_path, document)
    with pytest.raises(KeyFileDamaged, match=r"cipher\.compatibility"):
        read_key_file(key_path)


def test_tampered_device_slot_does_not_open(key_path: Path, created: tuple[KeyFile, Any]) -> None:
    with_device, slot_id, device_key = add_device_slot(*created)
    write_key_file(key_path, with_device)
    document = _document(key_path)
    _slot(document, "device")["nonce"] = "AAAAAAAAAAAAAAAA"
    _rewrite(key_path, document)
    with pytest.raises(RememberedKeyRejected):
        unlock_with_device_key(read_key_file(key_path), slot_id, device_key)


def test_unknown_fields_are_ignored(key_path: Path, created: tuple[KeyFile, Any]) -> None:
    document = _document(key_path)
    document["comment"] = "added by a later version"
    document["cipher"]["page_size"] = 4096
    _slot(document, "passphrase")["hint"] = "ignored"
    _slot(document, "passphrase")["kdf"]["extra"] = 1
    _rewrite(key_path, document)
    assert unlock_with_passphrase(read_key_file(key_path), PASSPHRASE).same_key_as(created[1])


# --- damaged files: each gets KeyFileDamaged naming the field, and nothing is written ---------

Mutation = Callable[[Document], None]


def _delete(*path: str | int) -> Mutation:
    def mutate(document: Document) -> None:
        target: Any = document
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]

    return mutate


def _put(value: object, *path: str | int) -> Mutation:
    def mutate(document: Document) -> None:
        target: Any = document
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return mutate


def _add_device_slot_document(document: Document) -> None:
    document["slots"].append(
        {
            "id": "d-00000001",
            "kind": "device",
            "keyring": {
                "service": "Fieldwork",
                "user": f"notebook:{document['notebook_id']}:d-00000001",
            },
            "nonce": "AAAAAAAAAAAAAAAA",
            "wrapped": "A" * 64,
        }
    )


def _repeat_first_slot_id(document: Document) -> None:
    document["slots"][1]["id"] = document["slots"][0]["id"]


def _then(*mutations: Mutation) -> Mutation:
    def mutate(document: Document) -> None:
        for mutation in mutations:
            mutation(document)

    return mutate


B64_11 = "AAAAAAAAAAAAAAA="  # 11 bytes
B64_47 = "A" * 62 + "=="  # 46 bytes
B64_15 = "AAAAAAAAAAAAAAAAAAAA"  # 15 bytes

DAMAGE: list[tuple[str, Mutation, str]] = [
    ("format wrong", _put("something-else", "format"), "format"),
    ("format not text", _put(1, "format"), "format"),
    ("version text", _put("1", "version"), "version"),
    ("version zero", _put(0, "version"), "version"),
    ("version bool", _put(True, "version"), "version"),
    ("notebook_id not a uuid", _put("my notebook", "notebook_id"), "notebook_id"),
    (
        "notebook_id upper case",
        _put("3F6C2A1E-8D4B-4C1A-9E2F-0A1B2C3D4E5F", "notebook_id"),
        "notebook_id",
    ),
    ("cipher not an object", _put("sqlcipher", "cipher"), "cipher"),
    ("cipher engine", _put("sqlite", "cipher", "engine"), "cipher.engine"),
    ("cipher key", _put("passphrase", "cipher", "key"), "cipher.key"),
    ("db_salt not hex", _put("zz" * 16, "db_salt"), "db_salt"),
    ("db_salt short", _put("00" * 15, "db_salt"), "db_salt"),
    ("db_salt with spaces", _put("00 " * 15 + "00", "db_salt"), "db_salt"),
    ("slots empty", _put([], "slots"), "slots"),
    ("slots not a list", _put({}, "slots"), "slots"),
    ("slot not an object", _put("slot", "slots", 0), "slots[0]"),
    ("too many slots", _put([{}] * 17, "slots"), "slots"),
    ("no passphrase slot", _delete("slots", 0), "slots"),
    ("two passphrase slots", _put("passphrase", "slots", 1, "kind"), "slots"),
    ("slot id repeated", _repeat_first_slot_id, "slots[1].id"),
    ("slot id characters", _put("p-5c1e:09aa", "slots", 0, "id"), "slots[0].id"),
    ("slot kind unknown", _put("organisation", "slots", 0, "kind"), "slots[0].kind"),
    ("kdf alg", _put("argon2i", "slots", 0, "kdf", "alg"), "slots[0].kdf.alg"),
    ("kdf version", _put(16, "slots", 0, "kdf", "v"), "slots[0].kdf.v"),
    ("t too low", _put(0, "slots", 0, "kdf", "t"), "slots[0].kdf.t"),
    ("t too high", _put(11, "slots", 0, "kdf", "t"), "slots[0].kdf.t"),
    ("t bool", _put(True, "slots", 0, "kdf", "t"), "slots[0].kdf.t"),
    ("t fraction", _put(1.5, "slots", 0, "kdf", "t"), "slots[0].kdf.t"),
    ("m below 8 MiB", _put(8191, "slots", 0, "kdf", "m_kib"), "slots[0].kdf.m_kib"),
    ("m 4 TiB", _put(4 * 1024**3, "slots", 0, "kdf", "m_kib"), "slots[0].kdf.m_kib"),
    ("m huge", _put(10**30, "slots", 0, "kdf", "m_kib"), "slots[0].kdf.m_kib"),
    ("p zero", _put(0, "slots", 0, "kdf", "p"), "slots[0].kdf.p"),
    ("p nine", _put(9, "slots", 0, "kdf", "p"), "slots[0].kdf.p"),
    ("salt bad base64", _put("!!!notbase64!!!", "slots", 0, "kdf", "salt"), "slots[0].kdf.salt"),
    (
        "salt non-canonical",
        _put("AAAAAAAAAAAAAAAAAAAAAB==", "slots", 0, "kdf", "salt"),
        "slots[0].kdf.salt",
    ),
    ("salt 15 bytes", _put(B64_15, "slots", 0, "kdf", "salt"), "slots[0].kdf.salt"),
    ("salt 65 bytes", _put("A" * 88, "slots", 0, "kdf", "salt"), "slots[0].kdf.salt"),
    ("nonce bad base64", _put("nonce", "slots", 0, "nonce"), "slots[0].nonce"),
    ("nonce 11 bytes", _put(B64_11, "slots", 0, "nonce"), "slots[0].nonce"),
    ("wrapped 46 bytes", _put(B64_47, "slots", 0, "wrapped"), "slots[0].wrapped"),
    ("wrapped not text", _put(48, "slots", 0, "wrapped"), "slots[0].wrapped"),
    (
        "device keyring service",
        _then(_add_device_slot_document, _put("Other", "slots", 2, "keyring", "service")),
        "slots[2].keyring.service",
    ),
    (
        "device keyring user",
        _then(_add_device_slot_document, _put("notebook:x:y", "slots", 2, "keyring", "user")),
        "slots[2].keyring.user",
    ),
    (
        "device keyring missing",
        _then(_add_device_slot_document, _delete("slots", 2, "keyring")),
        "slots[2].keyring",
    ),
]
MISSING_FIELDS = [
    ("format",),
    ("version",),
    ("notebook_id",),
    ("cipher",),
    ("cipher", "engine"),
    ("cipher", "compatibility"),
    ("cipher", "key"),
    ("db_salt",),
    ("slots",),
    ("slots", 0, "id"),
    ("slots", 0, "kind"),
    ("slots", 0, "kdf"),
    ("slots", 0, "kdf", "alg"),
    ("slots", 0, "kdf", "v"),
    ("slots", 0, "kdf", "t"),
    ("slots", 0, "kdf", "m_kib"),
    ("slots", 0, "kdf", "p"),
    ("slots", 0, "kdf", "salt"),
    ("slots", 0, "nonce"),
    ("slots", 0, "wrapped"),
    ("slots", 1, "wrapped"),
]


def _field_name(path: tuple[str | int, ...]) -> str:
    name = ""
    for step in path:
        name += f"[{step}]" if isinstance(step, int) else (f".{step}" if name else step)
    return name


def _assert_damaged(path: Path, field: str) -> None:
    before = sorted(p.name for p in path.parent.iterdir())
    started = time.monotonic()
    with pytest.raises(KeyFileDamaged) as caught:
        read_key_file(path)
    assert time.monotonic() - started < 0.5  # refused before any hashing
    assert caught.value.detail == field
    assert field in str(caught.value)
    assert str(caught.value).startswith("The notebook's key file is damaged")
    assert sorted(p.name for p in path.parent.iterdir()) == before


@pytest.mark.parametrize(
    ("mutation", "field"), [(m, f) for _, m, f in DAMAGE], ids=[n for n, _, _ in DAMAGE]
)
def test_damaged_field_is_named(key_path: Path, mutation: Mutation, field: str) -> None:
    document = _document(key_path)
    mutation(document)
    _rewrite(key_path, document)
    _assert_damaged(key_path, field)


@pytest.mark.parametrize("path", MISSING_FIELDS, ids=_field_name)
def test_missing_field_is_named(key_path: Path, path: tuple[str | int, ...]) -> None:
    document = _document(key_path)
    _delete(*path)(document)
    _rewrite(key_path, document)
    _assert_damaged(key_path, _field_name(path))


@pytest.mark.parametrize(
    ("content", "field"),
    [
        (b"", "file"),
        (b"{not json", "file"),
        (b"\xff\xfe{}", "file"),
        (b"[1, 2, 3]", "file"),
        (b'{"format": NaN}', "file"),
        (b"[" * 40_000 + b"]" * 40_000, "file"),
        (b'{"format": "fieldwork-notebook-key", "format": "fieldwork-notebook-key"}', "format"),
    ],
    ids=["empty", "not json", "not utf-8", "list", "nan", "deep nesting", "duplicate field"],
)
def test_unreadable_content(tmp_path: Path, content: bytes, field: str) -> None:
    path = tmp_path / "notebook.key"
    path.write_bytes(content)
    _assert_damaged(path, field)


def test_file_over_64_kib_is_refused(key_path: Path) -> None:
    document = _document(key_path)
    document["padding"] = "x" * (64 * 1024)
    _rewrite(key_path, document)
    _assert_damaged(key_path, "file")


def test_a_folder_instead_of_a_file(tmp_path: Path) -> None:
    (tmp_path / "notebook.key").mkdir()
    _assert_damaged(tmp_path / "notebook.key", "file")


def test_newer_version(key_path: Path) -> None:
    document = _document(key_path)
    document["version"] = 2
    document["slots"] = "in a form this version does not know"
    _rewrite(key_path, document)
    with pytest.raises(NotebookTooNew, match="newer Fieldwork"):
        read_key_file(key_path)


def test_missing_file(tmp_path: Path) -> None:
    folder = tmp_path / "inspection.fieldwork"
    folder.mkdir()
    with pytest.raises(KeyFileMissing) as caught:
        read_key_file(folder / "notebook.key")
    assert caught.value.detail == "notebook.key"
    assert list(folder.iterdir()) == []  # nothing created


def test_written_file_round_trips_byte_for_byte(key_path: Path) -> None:
    first = key_path.read_bytes()
    write_key_file(key_path, read_key_file(key_path))
    assert key_path.read_bytes() == first
    assert key_file_to_json(read_key_file(key_path)) == first


# --- the real parameters, once ------------------------------------------------------------------


@pytest.mark.slow
def test_production_parameters_unlock_in_reasonable_time() -> None:
    key_file, holder = create_key_file(PASSPHRASE, db_salt=DB_SALT)
    slot = key_file.slots[0]
    assert isinstance(slot, KdfSlot) and slot.kdf == DEFAULT_KDF
    started = time.monotonic()
    unlocked = unlock_with_passphrase(key_file, PASSPHRASE)
    elapsed = time.monotonic() - started
    assert unlocked.same_key_as(holder)
    assert 0.1 < elapsed < 5.0, f"unlock took {elapsed:.2f} s"
