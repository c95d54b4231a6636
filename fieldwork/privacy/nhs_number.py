"""The NHS number check: ten digits whose last is a modulus-11 check digit over the first nine."""

from __future__ import annotations

import re
from typing import Final

# Ten digits run together, or grouped 3-3-4 with a single space or hyphen between groups.
NHS_SHAPE: Final = re.compile(r"[0-9]{10}|[0-9]{3}[ -][0-9]{3}[ -][0-9]{4}")

_WEIGHTS: Final = range(10, 1, -1)


def check_digit(first_nine: str) -> int | None:
    """The check digit for nine digits, or None when the remainder makes 10 (never issued)."""
    total = sum(int(digit) * weight for digit, weight in zip(first_nine, _WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def is_nhs_number(candidate: str) -> bool:
    """True when `candidate` is shaped like an NHS number and its check digit is right."""
    if NHS_SHAPE.fullmatch(candidate) is None:
        return False
    digits = candidate.replace(" ", "").replace("-", "")
    # 000 000 0000, 111 111 1111, ...: the arithmetic passes for several, but none is ever issued.
    if len(set(digits)) == 1:
        return False
    return check_digit(digits[:9]) == int(digits[9])
