"""What locking does with the typing on the write lane, and what the lock screen says about it.

The note being typed goes into the notebook as a draft. Typing the disk had no room for cannot:
it is sealed in memory with a key derived from the notebook's (services/held_typing.py) before
the notebook closes and its key is zeroed, and comes back on unlocking. Whatever becomes of the
typing, the notebook closes and the key is zeroed: a lock never leaves a notebook open.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldwork.domain.errors import StorageFull
from fieldwork.services import drafts as draft_service
from fieldwork.services.held_typing import HeldTyping, hold_in_memory, take_held

if TYPE_CHECKING:
    from fieldwork.services.notebook import Notebook

log = logging.getLogger("fieldwork.lock")

SAVED = "Your notes are saved. Unlock to carry on where you were."
HOLDING = (
    "The disk is full, so your latest typing could not be saved: it is kept in memory, "
    "encrypted, until you unlock, and lost if Fieldwork is closed first."
)
LOST_ON_LOCK = "The disk is full, and your latest typing could not be kept."
HELD_BACK = (
    "Fieldwork locked while the disk was full: the typing it had no room for was kept in "
    "memory, encrypted, and is back. It is saved as soon as there is space."
)
HELD_LOST = (
    "Fieldwork locked while the disk was full: the typing it had no room for could not be "
    "kept, and is lost."
)


@dataclass
class Locked:
    """How the lock's work on the write lane went."""

    held: HeldTyping | None = None  # typing sealed in memory
    lost: bool = False  # typing that could be neither written nor sealed
    late: bool = False  # the draft found the disk full only now (the lock screen said "saved")
    backup: Any = None  # the final backup's outcome, or its error
    error: BaseException | None = None  # closing failed (the key is zeroed regardless)

    def message(self, reason: str) -> str | None:
        """What the lock screen should say instead, when it said too much at first."""
        if not (self.late or self.lost):
            return None
        return f"{reason} {HOLDING if self.held else LOST_ON_LOCK}".strip()


def lock_message(reason: str, *, holding: bool) -> str:
    return f"{reason} {HOLDING if holding else SAVED}".strip()


def shut_for_lock(
    notebook: Notebook,
    draft: draft_service.Draft | None,
    unsaved: list[draft_service.Draft],
    final_backup: Callable[[Notebook, str], Any] | None,
) -> Locked:
    """On the write lane: keep the typing, back up, close the notebook. Never raises.

    `draft`: the note on screen, to keep in the notebook; `unsaved`: typing already known not to
    fit on the disk, sealed in memory instead.
    """
    out = Locked()
    held = list(unsaved)
    try:
        if draft is not None and not held:
            try:
                draft_service.keep_draft(notebook, draft)
            except Exception:  # the disk filled just now: keep it in memory instead
                held, out.late = [draft], True
        if held:
            out.held = hold_in_memory(notebook, held)
    except Exception as error:  # nothing else can keep the words; the notebook must still close
        log.warning("lock: typing not kept (%s)", type(error).__name__)
        out.lost = True
    out.backup = final_backup(notebook, "lock") if final_backup is not None else None
    try:
        notebook.release_thread()
        notebook.close()  # zeroes the key even when its checkpoint fails
    except Exception as error:
        out.error = error
    return out


def take_back(notebook: Notebook, held: HeldTyping | None) -> list[draft_service.Draft]:
    """On unlocking: the drafts kept in the notebook, then what was held in memory (newer)."""
    back = take_held(notebook, held) if held is not None else []
    try:
        kept = draft_service.take_drafts(notebook)
    except StorageFull:
        kept = []  # they stay in the notebook and come back when it is next opened
    return kept + back
