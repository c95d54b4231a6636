"""The privacy guard's scan: find personal data in note text, and replace what the user picks."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Final

from fieldwork.privacy.findings import SPECIFICITY, Finding, FindingKind
from fieldwork.privacy.names import find_names
from fieldwork.privacy.nhs_number import is_nhs_number

# Every pattern opens with a character class and then looks behind (`(?<![...].)`) so a match
# begins only at the start of a token: the engine skips other characters in C, and repeats only
# over pieces that cannot match the same characters two ways, so the work stays linear however
# hostile the text is (100,000 digits, spaces, capitals). Kinds whose anchor character (a
# digit, "@", a birth word) is absent are not searched at all.

NHS_CANDIDATE: Final = re.compile(
    r"[0-9](?<![\w+/-].)(?:[0-9]{9}|[0-9][0-9][ -][0-9]{3}[ -][0-9]{4})(?!\w)"
)

# HMRC NIM39110: two prefix letters (neither D, F, I, Q, U, V; second not O), six digits,
# suffix A-D; spaces allowed between the pairs. Prefixes never issued are rejected after.
# Matched from the digits (rarer than letters, so far fewer places to try) and then checked
# against the two letters before them.
NI_NUMBER: Final = re.compile(
    r"[0-9](?:(?<=[A-Za-z]{2}[0-9])|(?<=[A-Za-z]{2} [0-9]))"
    r"[0-9] ?[0-9][0-9] ?[0-9][0-9] ?[A-Da-d](?![A-Za-z0-9])"
)
NI_PREFIX: Final = re.compile(
    r"[A-CEGHJ-PR-TW-Z](?<![A-Za-z0-9].)[A-CEGHJ-NPR-TW-Z]", re.IGNORECASE
)
NI_UNUSED_PREFIXES: Final = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})

# Royal Mail formats A9, A99, A9A, AA9, AA99, AA9A + inward 9AA, with the letters each place
# allows. Capitals only: in lower case too many ordinary tokens fit ("y9 6th").
POSTCODE: Final = re.compile(
    r"[A-PR-UWYZ](?<![A-Za-z0-9].)(?:[0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRVWXY]?)"
    r" ?[0-9][ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])"
)

# 0 or +44 (optionally "+44 (0)") then digits with at most one separator between any two;
# digit counts and group sizes are checked after the match.
PHONE: Final = re.compile(
    r"(?:\+(?<![\w+/-].)44[ -]?(?:\(0\)[ -]?)?|\((?<![\w+/-].)0|0(?<![\w+/(-].))"
    r"[0-9](?:(?:\)[ -]?|[ -])?[0-9]){8,9}(?![0-9])"
)
_PHONE_SEPARATORS: Final = re.compile(r"[ ()-]+")

# Found from the "@": the domain by pattern, the local part by walking back (at most 64
# characters, RFC 5321), which is cheaper than trying a match at every word.
EMAIL_DOMAIN: Final = re.compile(r"@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}(?![\w-])")
_LOCAL_PART: Final = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+'-"
)
_LOCAL_PART_MAX: Final = 64

_MONTH: Final = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY: Final = r"(?:0?[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?"
# 14/03/2012, 17.9.08, 2012-07-19; never followed by more digits ("14/03/2012/5").
_NUMERIC_DATE: Final = (
    r"(?:[0-9]{1,2}[/.-][0-9]{1,2}[/.-](?:[0-9]{4}|[0-9]{2})|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2})"
    r"(?![/.-]?[0-9])"
)
# 3 May 2014, 1st of March 2024, June 4, 2010.
_WORDED_DATE: Final = (
    rf"(?:{_DAY}[ \t]+(?:of[ \t]+)?{_MONTH},?[ \t]+[0-9]{{4}}"
    rf"|{_MONTH}[ \t]+{_DAY},?[ \t]+[0-9]{{4}})(?![0-9])"
)
# Case-insensitive only after the first character, so the engine can still skip to a b or d.
_BIRTH_WORD: Final = r"[dD](?<![\w.].)(?i:ob|\.o\.b\.?|ate[ \t]+of[ \t]+birth)(?!\w)"
# "DOB 14/03/2012", "date of birth: 3 May 2014", "born on 12 June 2009", "b. 14.02.2017".
BIRTH_THEN_DATE: Final = re.compile(
    rf"(?:{_BIRTH_WORD}|[bB](?<![\w.].)(?i:orn(?:[ \t]+on)?(?!\w)|\.))"
    rf"(?i:[ \t]*(?:[:=(–-][ \t]*)?(?:(?:is|was)[ \t]+)?(?P<date>{_NUMERIC_DATE}|{_WORDED_DATE}))"
)
# "14/03/2012 (DOB)".
DATE_THEN_BIRTH: Final = re.compile(
    r"(?P<date>[0-9](?<![\w/.-].)"
    r"(?:[0-9]?[/.-][0-9]{1,2}[/.-](?:[0-9]{4}|[0-9]{2})|[0-9]{3}-[0-9]{1,2}-[0-9]{1,2})"
    rf"(?![/.-]?[0-9]))[ \t]*\(?{_BIRTH_WORD}"
)
_BIRTH_HINTS: Final = ("dob", "d.o.b", "birth", "born", " b.", "(b.")

_STREET: Final = (
    r"(?:Road|Street|Lane|Avenue|Drive|Close|Crescent|Way|Place|Court|Gardens|Grove|Terrace|"
    r"Walk|Square|Hill|Park|Rise|View|Mews|Row|Green|Vale|Parade|Gate|Fold|Croft|Wharf|Quay|"
    r"Grange|Meadows?|Heights|Boulevard|Approach|Circus|Wynd|Yard|(?:Rd|St|Ln|Ave)\.?)"
)
# Address words may carry a possessive ("St John's Road"), unlike name words.
_ADDRESS_WORD: Final = r"[A-Z][A-Za-z]*(?:['’][A-Za-z]+|-[A-Za-z]+)*"
ADDRESS: Final = re.compile(
    r"(?P<number>[0-9](?<![\w/.:£$-].)[0-9]{0,3})(?![0-9])[A-Za-z]?,?[ \t]+"
    rf"(?P<words>(?:{_ADDRESS_WORD}[ \t]+){{1,3}})(?P<street>{_STREET})(?![\w-])"
)
FLAT_BEFORE: Final = re.compile(r"(?:Flat|Apartment|Apt|Unit)[ \t]+[0-9]{1,4}[A-Za-z]?,?[ \t]+\Z")
# "after 3 Family Court hearings" is not an address.
_COURTS: Final = frozenset({"Family", "Crown", "County", "Magistrates", "Youth", "High", "Appeal"})
_DIGIT: Final = re.compile(r"[0-9]")
_DATE_SEPARATORS: Final = re.compile(r"[/.-]")


def _nhs_numbers(text: str) -> Iterator[Finding]:
    for match in NHS_CANDIDATE.finditer(text):
        if is_nhs_number(match.group()):
            yield Finding("nhs-number", *match.span())


def _ni_numbers(text: str) -> Iterator[Finding]:
    for match in NI_NUMBER.finditer(text):
        start = match.start() - (3 if text[match.start() - 1] == " " else 2)
        prefix = NI_PREFIX.fullmatch(text, start, start + 2)
        if prefix is not None and prefix.group().upper() not in NI_UNUSED_PREFIXES:
            yield Finding("ni-number", start, match.end())


def _postcodes(text: str) -> Iterator[Finding]:
    for match in POSTCODE.finditer(text):
        yield Finding("postcode", *match.span())


def _is_phone(number: str) -> bool:
    if number.count("(") != number.count(")"):
        return False
    international = number.startswith("+44")
    rest = number[3:] if international else number
    groups = [group for group in _PHONE_SEPARATORS.split(rest) if group]
    if international and groups and groups[0] == "0":
        groups = groups[1:]  # the "(0)" written after +44
    digits = "".join(groups)
    wanted = (9, 10) if international else (10, 11)
    # Real numbers are grouped 3-4-4, 5-6, 4-3-4 ...; "0 1 2 3 4 5 6 7 8 9" is not a number.
    return len(digits) in wanted and len(groups) <= 4 and min(map(len, groups)) >= 2


def _phones(text: str) -> Iterator[Finding]:
    for match in PHONE.finditer(text):
        if _is_phone(match.group()):
            yield Finding("phone", *match.span())


def _emails(text: str) -> Iterator[Finding]:
    for match in EMAIL_DOMAIN.finditer(text):
        at = start = match.start()
        while start > 0 and at - start <= _LOCAL_PART_MAX and text[start - 1] in _LOCAL_PART:
            start -= 1
        while start < at and text[start] in ".'-":  # "'chloe@…'": the quote is not the address
            start += 1
        if start < at and at - start <= _LOCAL_PART_MAX:
            yield Finding("email", start, match.end())


def _is_calendar_date(date: str) -> bool:
    """Day and month in range for numeric dates (day first, or ISO year first)."""
    parts = _DATE_SEPARATORS.split(date)
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        return True  # a worded date: the pattern already limits day and month
    day, month = (parts[2], parts[1]) if len(parts[0]) == 4 else (parts[0], parts[1])
    return 1 <= int(day) <= 31 and 1 <= int(month) <= 12


def _dates_of_birth(text: str) -> Iterator[Finding]:
    lowered = text.lower()
    if not (lowered.startswith("b.") or any(hint in lowered for hint in _BIRTH_HINTS)):
        return
    for pattern in (BIRTH_THEN_DATE, DATE_THEN_BIRTH):
        for match in pattern.finditer(text):
            if _is_calendar_date(match.group("date")):
                yield Finding("date-of-birth", *match.span("date"))


def _addresses(text: str) -> Iterator[Finding]:
    for match in ADDRESS.finditer(text):
        number = match.group("number")
        words = match.group("words").split()
        if len(number) == 4 and 1900 <= int(number) <= 2099:
            continue  # "in 2023 Victoria Park opened": a year, not a house number
        if match.group("street").startswith("Court") and words[-1] in _COURTS:
            continue
        flat = FLAT_BEFORE.search(text, max(0, match.start() - 24), match.start())
        yield Finding("address", flat.start() if flat else match.start(), match.end())


def _names(text: str) -> Iterator[Finding]:
    for start, end in find_names(text):
        yield Finding("name", start, end)


def _keep_most_specific(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Drop each finding that overlaps a more specific one (an NHS number beats a phone).

    Kinds are laid down from the most specific, each merged into the findings kept so far in
    one pass (both in text order), so the cost stays linear however many findings there are.
    """
    by_kind: dict[FindingKind, list[Finding]] = {kind: [] for kind in SPECIFICITY}
    for finding in findings:
        by_kind[finding.kind].append(finding)
    kept: list[Finding] = []
    for kind in SPECIFICITY:
        merged: list[Finding] = []
        index = 0
        for finding in sorted(by_kind[kind], key=lambda f: (f.start, -f.end)):
            while index < len(kept) and kept[index].end <= finding.start:
                merged.append(kept[index])
                index += 1
            blocked_by_kept = index < len(kept) and kept[index].start < finding.end
            if not blocked_by_kept and not (merged and merged[-1].end > finding.start):
                merged.append(finding)
        merged.extend(kept[index:])
        kept = merged
    return tuple(kept)


def scan_text(text: str) -> tuple[Finding, ...]:
    """Everything in `text` that looks like personal data, in text order, without overlaps."""
    found: list[Finding] = []
    if _DIGIT.search(text):
        found += [*_nhs_numbers(text), *_ni_numbers(text), *_postcodes(text), *_phones(text)]
        found += [*_dates_of_birth(text), *_addresses(text)]
    if "@" in text:
        found += _emails(text)
    found += _names(text)
    return _keep_most_specific(found)


def replace_findings(text: str, findings: Iterable[Finding], replacement: str) -> str:
    """`text` with each chosen finding's span replaced by `replacement` (e.g. the case reference).

    Overlapping or touching spans are replaced once, as one.
    """
    spans: list[list[int]] = []
    for finding in sorted(findings, key=lambda f: (f.start, f.end)):
        if finding.end > len(text):
            raise ValueError("a finding lies outside the text")
        if spans and finding.start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], finding.end)
        else:
            spans.append([finding.start, finding.end])
    pieces: list[str] = []
    position = 0
    for start, end in spans:
        pieces.append(text[position:start])
        pieces.append(replacement)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)
