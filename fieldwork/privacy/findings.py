"""What the privacy guard found: a kind of personal data and where it is, never the text itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, Literal, get_args

FindingKind = Literal[
    "name",
    "date-of-birth",
    "address",
    "postcode",
    "phone",
    "email",
    "nhs-number",
    "ni-number",
]

FINDING_KINDS: Final[tuple[FindingKind, ...]] = get_args(FindingKind)

# Shown to the inspector ("This note may contain a phone number"); never the matched text.
LABELS: Final[dict[FindingKind, str]] = {
    "name": "a name",
    "date-of-birth": "a date of birth",
    "address": "an address",
    "postcode": "a postcode",
    "phone": "a phone number",
    "email": "an email address",
    "nhs-number": "an NHS number",
    "ni-number": "a National Insurance number",
}

# When two findings overlap the earlier kind wins: a checksum or a fixed shape says more than a
# capitalised word does, and an NHS number that looks like a phone number is an NHS number.
SPECIFICITY: Final[tuple[FindingKind, ...]] = (
    "nhs-number",
    "ni-number",
    "email",
    "date-of-birth",
    "postcode",
    "phone",
    "address",
    "name",
)


@dataclass(frozen=True, slots=True)
class Finding:
    """A span of note text, by character offsets, that looks like personal data of one kind."""

    kind: FindingKind
    start: int
    end: int
    label: str = field(init=False, compare=False)

    def __post_init__(self) -> None:
        if self.kind not in LABELS:
            raise ValueError(f"unknown finding kind {self.kind!r}")
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")
        object.__setattr__(self, "label", LABELS[self.kind])
