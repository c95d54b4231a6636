"""Pure checks on a proposed passphrase: what is refused outright and what is only warned about."""

from __future__ import annotations

import unicodedata

RECOMMENDED_LENGTH = 12

EMPTY_PASSPHRASE = "Enter a passphrase: an empty one would not protect the notebook."
BROKEN_PASSPHRASE = (
    "The passphrase holds broken characters (text that is not valid Unicode, for example from a "
    "file in another encoding); type it again or save the file as UTF-8."
)
SHORT_WARNING = (
    f"It is shorter than {RECOMMENDED_LENGTH} characters; a longer passphrase is much harder "
    "to guess."
)
ONE_CLASS_WARNING = (
    "It uses only one kind of character (for example only lower-case letters or only digits); "
    "adding words or other kinds of character makes it harder to guess."
)
COMMON_WARNING = "It is a very common password, so it is among the first anyone would try."

# Lower-case, spaces removed, after undoing common letter swaps and trailing digits or symbols.
# Includes words an attacker would try first against an inspector's laptop.
_COMMON_STEMS = frozenset(
    {
        "password",
        "passphrase",
        "qwerty",
        "qwertyuiop",
        "asdfgh",
        "asdfghjkl",
        "zxcvbnm",
        "abc",
        "abcdef",
        "abcdefgh",
        "letmein",
        "iloveyou",
        "welcome",
        "admin",
        "administrator",
        "monkey",
        "dragon",
        "football",
        "sunshine",
        "princess",
        "baseball",
        "master",
        "secret",
        "changeme",
        "trustno",
        "login",
        "fieldwork",
        "ofsted",
        "inspector",
        "inspection",
        "safeguarding",
        "children",
        "notebook",
        "correcthorsebatterystaple",
    }
)

# Sequences of digits or keyboard rows that people type instead of a passphrase.
_RUNS = ("01234567890", "12345678901234567890", "09876543210", "qwertyuiopasdfghjklzxcvbnm")

_SWAPS = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)


LONG_ENOUGH_FOR_ONE_CLASS = 20


def passphrase_refusal(text: str) -> str | None:
    """The sentence explaining why `text` cannot be used at all, or None when it can."""
    if text == "":
        return EMPTY_PASSPHRASE
    if any("\ud800" <= character <= "\udfff" for character in text):
        return BROKEN_PASSPHRASE  # a lone surrogate cannot be encoded, so it cannot be hashed
    return None


def passphrase_warnings(text: str) -> list[str]:
    """Sentences warning that `text` is weak; empty when nothing stands out. Never refuses."""
    if text == "":
        return []
    normalised = unicodedata.normalize("NFC", text)
    warnings: list[str] = []
    if len(normalised) < RECOMMENDED_LENGTH:
        warnings.append(SHORT_WARNING)
    # A long passphrase of ordinary words is strong without digits or symbols.
    if len(_character_classes(normalised)) == 1 and len(normalised) < LONG_ENOUGH_FOR_ONE_CLASS:
        warnings.append(ONE_CLASS_WARNING)
    if _is_common(normalised):
        warnings.append(COMMON_WARNING)
    return warnings


def _character_classes(text: str) -> set[str]:
    classes: set[str] = set()
    for character in text:
        if character.islower():
            classes.add("lower")
        elif character.isupper():
            classes.add("upper")
        elif character.isdigit():
            classes.add("digit")
        elif character.isspace():
            classes.add("space")
        elif character.isalpha():
            classes.add("other letter")  # scripts without case, such as Arabic or CJK
        else:
            classes.add("symbol")
    return classes


def _is_common(text: str) -> bool:
    folded = "".join(text.casefold().split())
    if len(set(folded)) <= 2:
        return True  # "aaaaaaaaaaaa", "abababababab"
    if any(folded in run for run in _RUNS):
        return True
    # "Password123!" and "P@ssw0rd" are as guessable as "password".
    stem = folded.rstrip("0123456789!?.,;:-_*#$%&+=~ ")
    candidates = {stem, stem.translate(_SWAPS)}
    return bool(candidates & _COMMON_STEMS)
