"""Scanning files for marker strings, as UTF-8 and UTF-16-LE, case-insensitively."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from pathlib import Path


def marker(kind: str = "") -> str:
    return f"FWMARK-{kind}{secrets.token_hex(6)}"


def forms(text: str) -> list[bytes]:
    lowered = text.lower()
    return [lowered.encode("utf-8"), lowered.encode("utf-16-le")]


def files_under(*roots: Path) -> list[Path]:
    found: list[Path] = []
    for root in roots:
        if root.is_file():
            found.append(root)
        elif root.is_dir():
            found.extend(p for p in root.rglob("*") if p.is_file())
    return found


def find_markers(markers: Iterable[str], roots: Iterable[Path]) -> list[tuple[str, str]]:
    """(marker, where) for every marker found in a file's bytes or in a file's name."""
    hits: list[tuple[str, str]] = []
    wanted = [(m, forms(m)) for m in markers]
    for path in files_under(*roots):
        data = path.read_bytes().lower()
        for text, encodings in wanted:
            if text.lower() in str(path).lower():
                hits.append((text, f"name of {path}"))
            if any(form in data for form in encodings):
                hits.append((text, str(path)))
    return hits
