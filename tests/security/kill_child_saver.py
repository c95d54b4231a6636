"""Child process for the kill -9 test: saves notes until killed, acknowledging each after it returns."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from fieldwork.domain.evidence import NoteDraft, Tag
from fieldwork.domain.ids import NoteId, new_id
from fieldwork.services import notes, opening


def main() -> None:
    notebook = opening.open_notebook(
        Path(sys.argv[1]), passphrase=os.environ["FIELDWORK_PASSPHRASE"]
    )
    tags = (
        Tag("hp.protection.strategy-enquiries", "strength", "observed"),
        Tag("hp.practice.assessment", "area-for-improvement", "seen-on-record"),
        Tag("lead.workforce.supervision-oversight", "context"),
    )
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    number = 0
    while True:
        number += 1
        text = f"Acknowledged note {number} {new_id()} about the plan's progress."
        saved = notes.save_note(
            notebook, NoteDraft(id=NoteId(new_id()), text=text, tags=tags)
        ).saved
        # Only after save_note returned: this note was promised to the user.
        sys.stdout.write(f"{saved.id} {hashlib.sha256(text.encode()).hexdigest()} {number}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
