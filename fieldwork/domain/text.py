"""Cleaning note text before it is stored: no control characters, no lone surrogates."""

from __future__ import annotations

import re

from fieldwork.domain.errors import InputRejected
from fieldwork.domain.evidence import MAX_NOTE_CHARS

# C0 controls except tab and newline, DEL, and C1 controls: invisible, and a NUL renders as a box.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def clean_note_text(text: str) -> tuple[str, bool]:
    """The text as it will be stored, and whether anything had to be changed."""
    if len(text) > MAX_NOTE_CHARS:
        raise InputRejected(
            f"This note is {len(text):,} characters long; a note may hold at most "
            f"{MAX_NOTE_CHARS:,}. Split it into several notes."
        )
    cleaned = without_controls(text.replace("\r\n", "\n").replace("\r", "\n"))
    return cleaned, cleaned != text


def without_controls(text: str, replacement: str = "") -> str:
    """Control characters removed (or replaced) and lone surrogates made U+FFFD."""
    return _SURROGATES.sub("\ufffd", _CONTROLS.sub(replacement, text))


def first_line(text: str, limit: int = 120) -> str:
    line = text.strip().split("\n", 1)[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"
