"""Recovery codes: 128 random bits written as 26 Crockford base32 characters in groups of four."""

from __future__ import annotations

import secrets

from fieldwork.domain.errors import InputRejected

CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECOVERY_BITS = 128
RECOVERY_CODE_LENGTH = 26  # ceil(128 / 5): the first character carries only 3 bits
GROUP_SIZE = 4
GROUP_SEPARATOR = "-"

# Crockford's reading rules: case does not matter, I and L are one, O is zero.
_READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0"})
_IGNORED = str.maketrans("", "", " -\t")

BAD_CODE = (
    "That is not a recovery code: it has 26 letters and digits. "
    "Check for a missing, extra or mistyped character."
)


def new_recovery_code() -> str:
    """A fresh code in canonical form (26 upper-case characters, no separators)."""
    return _encode(secrets.randbits(RECOVERY_BITS))


def format_recovery_code(code: str) -> str:
    """The code as shown to the user: groups of four joined by hyphens (the last has two)."""
    canonical = normalise_recovery_code(code)
    groups = [canonical[i : i + GROUP_SIZE] for i in range(0, len(canonical), GROUP_SIZE)]
    return GROUP_SEPARATOR.join(groups)


def normalise_recovery_code(typed: str) -> str:
    """The canonical form of what the user typed; `InputRejected` if it cannot be a code."""
    if not typed.isascii():
        raise InputRejected(BAD_CODE, detail="recovery code characters")
    canonical = typed.upper().translate(_IGNORED).translate(_READ_AS)
    if len(canonical) != RECOVERY_CODE_LENGTH:
        raise InputRejected(BAD_CODE, detail="recovery code length")
    if any(character not in CROCKFORD_ALPHABET for character in canonical):
        raise InputRejected(BAD_CODE, detail="recovery code characters")
    if _decode(canonical) >> RECOVERY_BITS:
        # 26 characters hold 130 bits; a code we made never sets the top two.
        raise InputRejected(BAD_CODE, detail="recovery code first character")
    return canonical


def _encode(value: int) -> str:
    characters = []
    for _ in range(RECOVERY_CODE_LENGTH):
        value, digit = divmod(value, 32)
        characters.append(CROCKFORD_ALPHABET[digit])
    return "".join(reversed(characters))


def _decode(canonical: str) -> int:
    value = 0
    for character in canonical:
        value = value * 32 + CROCKFORD_ALPHABET.index(character)
    return value
