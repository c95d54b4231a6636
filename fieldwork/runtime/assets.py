"""The one reader of shipped assets (resources/), alike in editable, wheel and frozen runs."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from importlib.abc import Traversable

PACKAGE = "fieldwork.resources"


def asset(*parts: str) -> Traversable:
    """A shipped asset, e.g. asset("frameworks", "ilacs-2026.toml")."""
    node = resources.files(PACKAGE)
    for part in parts:
        node = node.joinpath(part)
    return node


def read_bytes(*parts: str) -> bytes:
    return asset(*parts).read_bytes()


def listing(*parts: str, suffix: str = "") -> Iterator[Traversable]:
    """The files in a shipped folder, sorted by name, optionally filtered by suffix."""
    folder = asset(*parts)
    if not folder.is_dir():
        return iter(())
    return iter(
        sorted(
            (f for f in folder.iterdir() if f.is_file() and f.name.endswith(suffix)),
            key=lambda f: f.name,
        )
    )
