"""A deleted note's words are gone from every page of the database and its WAL (decrypted by hand)."""

from __future__ import annotations

from pathlib import Path

from fieldwork.domain.evidence import NoteDraft
from fieldwork.domain.ids import NoteId, new_id
from fieldwork.services import notes
from tests.support.notebooks import new_notebook
from tests.support.residue import marker
from tests.support.sqlcipher_pages import database_pages, wal_pages


def test_deleted_words_are_overwritten_and_kept_words_are_found(tmp_path: Path) -> None:
    notebook = new_notebook(tmp_path).notebook
    key = bytes(notebook.key.copy_bytes())
    gone, kept = marker("gone").lower(), marker("kept").lower()
    doomed = NoteId(new_id())
    notes.save_note(notebook, NoteDraft(id=doomed, text=f"Visit recorded {gone} in the file."))
    notes.save_note(notebook, NoteDraft(id=NoteId(new_id()), text=f"Plan reviewed {kept} on time."))
    for number in range(50):  # enough to spread the index over several pages
        notes.save_note(
            notebook,
            NoteDraft(id=NoteId(new_id()), text=f"Filler note {number} about supervision."),
        )
    notebook.checkpoint(truncate=True)
    # The decryption really works: before the delete, the doomed word is there in clear.
    before = b"".join(database_pages(notebook.paths.db, key)).lower()
    assert gone.encode() in before and kept.encode() in before

    assert notes.delete_note(notebook, doomed)
    pages = b"".join(
        database_pages(notebook.paths.db, key) + wal_pages(notebook.paths.wal, key)
    ).lower()
    assert kept.encode() in pages
    assert gone.encode() not in pages
    notebook.close()
