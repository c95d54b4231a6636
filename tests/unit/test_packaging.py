"""Packaging: every package folder is listed, and shipped assets are read through one loader."""

from __future__ import annotations

import tomllib
from pathlib import Path

from fieldwork.runtime import assets

ROOT = Path(__file__).resolve().parents[2]


def test_explicit_package_list_matches_the_folders_on_disk() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "fieldwork").rglob("__init__.py")
    }
    assert on_disk | {"fieldwork.resources"} == listed


def test_frameworks_are_read_through_the_asset_loader() -> None:
    names = [f.name for f in assets.listing("frameworks", suffix=".toml")]
    assert "ilacs-2026.toml" in names
    assert assets.read_bytes("frameworks", "ilacs-2026.toml").startswith(
        b"#"
    ) or b"format" in assets.read_bytes("frameworks", "ilacs-2026.toml")


def test_no_module_is_over_the_size_limit() -> None:
    too_big = {
        str(path.relative_to(ROOT)): count
        for path in (ROOT / "fieldwork").rglob("*.py")
        if (count := len(path.read_text().splitlines())) > 500
    }
    assert too_big == {}
