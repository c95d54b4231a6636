"""Typing held in memory while locked: sealed with the notebook's key, opened only by it."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldwork.domain.errors import NotebookError, NotebookLocked
from fieldwork.services.drafts import Draft
from fieldwork.services.held_typing import hold_in_memory, take_held
from fieldwork.services.opening import open_notebook
from tests.support.notebooks import TEST_PASSPHRASE, new_notebook

WORDS = "Dad Liam Porter rang twice about contact"


def test_held_typing_comes_back_only_with_the_same_notebook_key(tmp_path: Path) -> None:
    created = new_notebook(tmp_path / "a")
    drafts = [Draft("note-1", WORDS, 12), Draft("note-2", "Second note, ünïcode ✓", 0)]
    with created.notebook as notebook:
        held = hold_in_memory(notebook, drafts)
        folder = notebook.folder
    assert held.note_ids == ("note-1", "note-2")
    assert b"Porter" not in held.sealed and "Porter" not in repr(held)
    with pytest.raises(NotebookLocked):  # the key is zeroed once the notebook closes
        take_held(created.notebook, held)
    with open_notebook(folder, passphrase=TEST_PASSPHRASE) as again:  # unwrapped anew
        assert take_held(again, held) == drafts
        assert hold_in_memory(again, drafts).sealed != held.sealed  # a fresh nonce each time


def test_another_notebook_or_changed_bytes_open_nothing(tmp_path: Path) -> None:
    with new_notebook(tmp_path / "a").notebook as first:
        held = hold_in_memory(first, [Draft("note-1", WORDS, 0)])
        tampered = type(held)(held.notebook_id, held.note_ids, held.sealed[:-1] + b"\0")
        with pytest.raises(NotebookError):
            take_held(first, tampered)
    with new_notebook(tmp_path / "b").notebook as second:
        with pytest.raises(NotebookError):
            take_held(second, held)
        forged = type(held)(second.notebook_id, held.note_ids, held.sealed)
        with pytest.raises(NotebookError):  # its own id, but sealed under another key
            take_held(second, forged)
