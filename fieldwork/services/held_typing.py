"""Typing the disk had no room for when the notebook locked: sealed in memory until unlocking.

A lock keeps the note being typed inside the notebook (`drafts.keep_draft`). On a full disk that
write fails, and closing the notebook zeroes the key, so the words would go with it. Instead they
are sealed here, before the key is zeroed, with a key derived from the notebook's data key: while
locked the window holds only ciphertext, nothing is written to the disk, and unlocking (which
unwraps the same data key) opens it. A run that ends while locked loses it; the window says so.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from fieldwork.domain.errors import NotebookError
from fieldwork.services.drafts import Draft
from fieldwork.services.notebook import Notebook
from fieldwork.store.keys.sealing import seal, unseal


@dataclass(frozen=True, slots=True)
class HeldTyping:
    """Sealed drafts of one notebook; their ids and count only, never their words, in the clear."""

    notebook_id: str
    note_ids: tuple[str, ...]
    sealed: bytes = field(repr=False)


def hold_in_memory(notebook: Notebook, drafts: Sequence[Draft]) -> HeldTyping:
    """Seal these drafts with the open notebook's key (call before it closes)."""
    payload = json.dumps([[d.note_id, d.text, d.cursor] for d in drafts]).encode("utf-8")
    sealed = seal(notebook.key, notebook.notebook_id, payload)
    return HeldTyping(notebook.notebook_id, tuple(d.note_id for d in drafts), sealed)


def take_held(notebook: Notebook, held: HeldTyping) -> list[Draft]:
    """The drafts again, once the same notebook is unlocked."""
    if held.notebook_id != notebook.notebook_id:
        raise NotebookError("The typing held while locked belongs to another notebook.")
    rows = json.loads(unseal(notebook.key, notebook.notebook_id, held.sealed).decode("utf-8"))
    return [Draft(str(note_id), str(text), int(cursor)) for note_id, text, cursor in rows]
