"""Test isolation: every test gets its own home, folders and in-memory keyring; Qt runs offscreen."""

from __future__ import annotations

import os

# Before any Qt import anywhere in the test run.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.keyrings import MemoryKeyring


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private home per test, so no test can touch the real user's notebooks, keys or settings."""
    home = tmp_path / "home"
    temp = tmp_path / "tmp"
    for folder in (home, temp):
        folder.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("FIELDWORK_HOME", str(home / "fieldwork"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setenv("SQLITE_TMPDIR", str(temp))
    # Child processes get the null keyring; in-process code gets a fresh in-memory one.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    import keyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    from fieldwork.frameworks.library import default_library

    default_library.cache_clear()
    yield home
    keyring.set_keyring(previous)
    default_library.cache_clear()
