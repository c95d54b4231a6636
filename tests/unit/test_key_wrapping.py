"""Key wrapping: Argon2id bounds, AES-GCM bound to its context, passphrases, recovery codes, holder."""

from __future__ import annotations

import copy
import time
import unicodedata
from collections.abc import Callable

import pytest

from fieldwork.domain.errors import InputRejected, KeyFileDamaged, NotebookLocked
from fieldwork.domain.passphrase import (
    COMMON_WARNING,
    EMPTY_PASSPHRASE,
    ONE_CLASS_WARNING,
    SHORT_WARNING,
    passphrase_refusal,
    passphrase_warnings,
)
from fieldwork.store.keys import wrapping
from fieldwork.store.keys.key_holder import KeyHolder
from fieldwork.store.keys.recovery_code import (
    CROCKFORD_ALPHABET,
    format_recovery_code,
    new_recovery_code,
    normalise_recovery_code,
)
from fieldwork.store.keys.wrapping import (
    DEFAULT_KDF,
    TEST_KDF,
    KdfParams,
    canonical_aad,
    check_kdf_bounds,
    derive_wrapping_key,
    new_nonce,
    new_salt,
    passphrase_secret,
    unwrap_data_key,
    wrap_data_key,
)

DATA_KEY = bytes(range(32))
HEADER: dict[str, object] = {
    "format": "fieldwork-notebook-key",
    "version": 1,
    "notebook_id": "3f6c2a1e-8d4b-4c1a-9e2f-0a1b2c3d4e5f",
    "cipher": {"engine": "sqlcipher", "compatibility": 4, "key": "raw-256"},
}
SLOT: dict[str, object] = {
    "id": "p-5c1e09aa",
    "kind": "passphrase",
    "kdf": {
        "alg": "argon2id",
        "v": 19,
        "t": 1,
        "m_kib": 8192,
        "p": 1,
        "salt": "c2FsdHNhbHRzYWx0c2FsdA==",
    },
    "nonce": "bm9uY2Vub25jZTE=",
}


def test_production_and_test_parameters_are_the_documented_ones() -> None:
    assert KdfParams(time_cost=2, memory_kib=262_144, parallelism=4) == DEFAULT_KDF
    assert KdfParams(time_cost=1, memory_kib=8192, parallelism=1) == TEST_KDF


# --- passphrases -------------------------------------------------------------------------------


def test_composed_and_decomposed_accents_give_the_same_secret() -> None:
    composed = unicodedata.normalize("NFC", "Café crème brûlée")
    decomposed = unicodedata.normalize("NFD", "Café crème brûlée")
    assert composed != decomposed
    assert passphrase_secret(composed) == passphrase_secret(decomposed)
    salt = new_salt()
    assert derive_wrapping_key(passphrase_secret(composed), salt, TEST_KDF) == derive_wrapping_key(
        passphrase_secret(decomposed), salt, TEST_KDF
    )


def test_passphrase_is_not_trimmed() -> None:
    assert passphrase_secret(" secret ") != passphrase_secret("secret")


def test_empty_passphrase_is_refused_with_a_sentence() -> None:
    with pytest.raises(InputRejected) as caught:
        passphrase_secret("")
    assert str(caught.value) == EMPTY_PASSPHRASE
    assert str(caught.value).endswith(".")
    assert passphrase_refusal("") == EMPTY_PASSPHRASE
    assert passphrase_refusal("x") is None


@pytest.mark.parametrize(
    "passphrase",
    ["a", "abcdefghij", "fourteen chars", "x" * 1024, 'it\'s "quoted"', "nul\x00inside", "'; --"],
    ids=["1", "10", "14", "1024", "quotes", "nul", "sql"],
)
def test_passphrases_of_any_length_and_content_round_trip(passphrase: str) -> None:
    salt, nonce = new_salt(), new_nonce()
    aad = canonical_aad(HEADER, SLOT)
    wrapped = wrap_data_key(
        derive_wrapping_key(passphrase_secret(passphrase), salt, TEST_KDF),
        nonce,
        bytearray(DATA_KEY),
        aad,
    )
    assert len(wrapped) == 48
    kek = derive_wrapping_key(passphrase_secret(passphrase), salt, TEST_KDF)
    assert unwrap_data_key(kek, nonce, wrapped, aad) == bytearray(DATA_KEY)
    other = derive_wrapping_key(passphrase_secret(passphrase + "!"), salt, TEST_KDF)
    assert unwrap_data_key(other, nonce, wrapped, aad) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a", [SHORT_WARNING, ONE_CLASS_WARNING, COMMON_WARNING]),
        ("Tr0ub4dor&3", [SHORT_WARNING]),
        ("abcdefghijklmnop", [ONE_CLASS_WARNING]),
        ("123456789012", [ONE_CLASS_WARNING, COMMON_WARNING]),
        ("Password123!", [COMMON_WARNING]),
        ("P@ssw0rd-2024", [COMMON_WARNING]),
        ("Ofsted2026!!", [COMMON_WARNING]),
        ("qwertyuiop12", [COMMON_WARNING]),
        ("lantern orchard Velvet 7 kettles", []),
        ("", []),
    ],
)
def test_passphrase_warnings(text: str, expected: list[str]) -> None:
    assert passphrase_warnings(text) == expected


def test_warnings_are_sentences_and_never_refuse() -> None:
    for sentence in (SHORT_WARNING, ONE_CLASS_WARNING, COMMON_WARNING):
        assert sentence[0].isupper() and sentence.endswith(".")
    assert passphrase_refusal("a") is None  # warned, not refused


# --- associated data ---------------------------------------------------------------------------


def _set(path: tuple[str, ...], value: object) -> Callable[[dict[str, object]], None]:
    def mutate(document: dict[str, object]) -> None:
        target: dict[str, object] = document
        for name in path[:-1]:
            child = target[name]
            assert isinstance(child, dict)
            target = child
        target[path[-1]] = value

    return mutate


@pytest.mark.parametrize(
    ("part", "mutate"),
    [
        ("header", _set(("notebook_id",), "00000000-0000-4000-8000-000000000000")),
        ("header", _set(("format",), "fieldwork-notebook-key-2")),
        ("header", _set(("version",), 2)),
        ("header", _set(("cipher", "compatibility"), 3)),
        ("header", _set(("cipher", "engine"), "sqlite")),
        ("slot", _set(("kind",), "recovery")),
        ("slot", _set(("id",), "p-00000000")),
        ("slot", _set(("kdf", "t"), 2)),
        ("slot", _set(("kdf", "m_kib"), 16384)),
        ("slot", _set(("kdf", "p"), 2)),
        ("slot", _set(("kdf", "salt"), "b3RoZXJzYWx0b3RoZXJzYQ==")),
        ("slot", _set(("nonce",), "b3RoZXJub25jZTE=")),
    ],
    ids=[
        "notebook_id",
        "format",
        "version",
        "cipher.compatibility",
        "cipher.engine",
        "slot.kind",
        "slot.id",
        "kdf.t",
        "kdf.m_kib",
        "kdf.p",
        "kdf.salt",
        "slot.nonce",
    ],
)
def test_changing_any_authenticated_field_breaks_the_tag(
    part: str, mutate: Callable[[dict[str, object]], None]
) -> None:
    kek = derive_wrapping_key(b"passphrase", new_salt(), TEST_KDF)
    nonce = new_nonce()
    wrapped = wrap_data_key(kek, nonce, bytearray(DATA_KEY), canonical_aad(HEADER, SLOT))
    header, slot = copy.deepcopy(HEADER), copy.deepcopy(SLOT)
    mutate(header if part == "header" else slot)
    # Same key-encryption key: only the associated data differs.
    assert unwrap_data_key(kek, nonce, wrapped, canonical_aad(header, slot)) is None
    assert unwrap_data_key(kek, nonce, wrapped, canonical_aad(HEADER, SLOT)) == bytearray(DATA_KEY)


def test_aad_is_canonical_json_and_excludes_wrapped() -> None:
    aad = canonical_aad(HEADER, SLOT)
    assert aad.startswith(b'{"cipher":{"compatibility":4,"engine":"sqlcipher","key":"raw-256"},')
    assert b" " not in aad
    with pytest.raises(ValueError, match="wrapped"):
        canonical_aad(HEADER, {**SLOT, "wrapped": "x"})


# --- bounds ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "salt_length", "field"),
    [
        (KdfParams(0, 8192, 1), 16, "kdf.t"),
        (KdfParams(11, 8192, 1), 16, "kdf.t"),
        (KdfParams(1, 8191, 1), 16, "kdf.m_kib"),
        (KdfParams(1, 1_048_577, 1), 16, "kdf.m_kib"),
        (KdfParams(1, 4 * 1024**3, 4), 16, "kdf.m_kib"),  # 4 TiB
        (KdfParams(1, 8192, 0), 16, "kdf.p"),
        (KdfParams(1, 8192, 9), 16, "kdf.p"),
        (KdfParams(True, 8192, 1), 16, "kdf.t"),
        (KdfParams(1, 8192, 1), 15, "kdf.salt"),
        (KdfParams(1, 8192, 1), 65, "kdf.salt"),
    ],
)
def test_out_of_bounds_parameters_are_refused_before_hashing(
    params: KdfParams, salt_length: int, field: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def must_not_hash(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("Argon2 ran with out-of-bounds parameters")

    monkeypatch.setattr(wrapping, "hash_secret_raw", must_not_hash)
    started = time.monotonic()
    with pytest.raises(KeyFileDamaged) as caught:
        derive_wrapping_key(b"passphrase", b"s" * salt_length, params)
    assert time.monotonic() - started < 0.5
    assert caught.value.detail == field
    assert field in str(caught.value)


def test_bounds_accept_their_edges() -> None:
    check_kdf_bounds(KdfParams(1, 8192, 1), b"s" * 16)
    check_kdf_bounds(KdfParams(10, 1_048_576, 8), b"s" * 64)


def test_unwrap_refuses_wrong_lengths() -> None:
    kek = bytes(32)
    with pytest.raises(KeyFileDamaged, match="nonce"):
        unwrap_data_key(kek, b"n" * 11, b"w" * 48, b"")
    with pytest.raises(KeyFileDamaged, match="wrapped"):
        unwrap_data_key(kek, b"n" * 12, b"w" * 47, b"")


def test_every_wrap_gets_its_own_nonce_and_salt() -> None:
    assert len({new_nonce() for _ in range(50)}) == 50
    assert len({new_salt() for _ in range(50)}) == 50


# --- recovery codes ----------------------------------------------------------------------------


def test_recovery_codes_are_26_crockford_characters_of_128_bits() -> None:
    codes = {new_recovery_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert len(code) == 26
        assert set(code) <= set(CROCKFORD_ALPHABET)
        assert code[0] in "01234567"  # 130 bits of room: the first character carries 3 bits
        assert normalise_recovery_code(code) == code


def test_recovery_code_is_shown_in_groups_of_four() -> None:
    code = "0123456789ABCDEFGHJKMNPQRS"
    assert format_recovery_code(code) == "0123-4567-89AB-CDEF-GHJK-MNPQ-RS"


def test_typed_recovery_codes_are_normalised() -> None:
    canonical = "01ABCDEFGH1JK0MNPQRSTVWXYZ"
    typed = "oi ab-cdef ghlj k0mn pqrs tvwx yz"
    assert normalise_recovery_code(typed) == canonical
    assert normalise_recovery_code(format_recovery_code(canonical).lower()) == canonical


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "0123456789ABCDEFGHJKMNPQR",  # 25
        "0123456789ABCDEFGHJKMNPQRST",  # 27
        "0123456789ABCDEFGHJKMNPQRU",  # U is not a Crockford digit
        "0123456789ABCDEFGHJKMNPQR*",
        "8123456789ABCDEFGHJKMNPQRS",  # more than 128 bits
        "0123456789ABCDEFGHJKMNPQRß",
    ],
)
def test_malformed_recovery_codes_are_refused(typed: str) -> None:
    with pytest.raises(InputRejected, match="not a recovery code"):
        normalise_recovery_code(typed)


# --- key holder --------------------------------------------------------------------------------


def test_key_holder_hands_out_the_pragma_literal() -> None:
    holder = KeyHolder(bytearray(DATA_KEY))
    assert holder.pragma_key() == "x'" + DATA_KEY.hex() + "'"
    copied = holder.copy_bytes()
    assert copied == bytearray(DATA_KEY)
    copied[0] ^= 0xFF
    assert holder.copy_bytes() == bytearray(DATA_KEY)


def test_key_holder_zeroes_its_buffer_and_then_refuses() -> None:
    buffer = bytearray(DATA_KEY)
    holder = KeyHolder(buffer)
    holder.zero()
    assert buffer == bytearray(32)  # the very buffer it was given, wiped in place
    assert holder.is_zeroed
    with pytest.raises(NotebookLocked):
        holder.pragma_key()
    with pytest.raises(NotebookLocked):
        holder.copy_bytes()
    holder.zero()  # repeating is harmless


def test_key_holder_as_context_manager_zeroes_on_exit() -> None:
    buffer = bytearray(DATA_KEY)
    with KeyHolder(buffer) as holder:
        assert holder.pragma_key()
    assert buffer == bytearray(32)


def test_key_holder_shows_no_key() -> None:
    holder = KeyHolder(bytearray(DATA_KEY))
    for text in (repr(holder), str(holder), f"{holder}"):
        assert DATA_KEY.hex() not in text.lower()
        assert "holding" in text


def test_key_holder_cannot_be_copied() -> None:
    holder = KeyHolder(bytearray(DATA_KEY))
    with pytest.raises(TypeError):
        copy.copy(holder)
    with pytest.raises(TypeError):
        copy.deepcopy(holder)


def test_key_holder_insists_on_a_32_byte_bytearray() -> None:
    with pytest.raises(TypeError):
        KeyHolder(DATA_KEY)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        KeyHolder(bytearray(31))


def test_same_key_comparison() -> None:
    first = KeyHolder(bytearray(DATA_KEY))
    assert first.same_key_as(KeyHolder(bytearray(DATA_KEY)))
    assert not first.same_key_as(KeyHolder(bytearray(32)))
