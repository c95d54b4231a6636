"""What opening a notebook gives back: the note a crashed run was typing, or a draft left locked."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fieldwork.domain.errors import WrongPassphrase
from fieldwork.domain.evidence import NoteDraft
from fieldwork.domain.ids import NoteId, new_id
from fieldwork.services import drafts, notes, opening
from tests.support.notebooks import TEST_PASSPHRASE, new_notebook


def _left_open_by_a_crash(folder: Path, since: datetime) -> None:
    """What a killed run leaves: its marker (the OS lock goes with the process)."""
    marker = {"app": "Fieldwork", "pid": 1, "host": "h", "since": since.isoformat()}
    (folder / "notebook.open").write_text(json.dumps(marker), encoding="utf-8")


def test_the_note_a_crashed_run_typed_is_found_even_after_a_wrong_passphrase(
    tmp_path: Path,
) -> None:
    with new_notebook(tmp_path).notebook as notebook:
        folder = notebook.folder
        older = NoteDraft(NoteId(new_id()), "Written in an earlier session.")
        notes.save_note(notebook, older)
    crashed_run_began = datetime.now(UTC)
    with opening.open_notebook(folder, passphrase=TEST_PASSPHRASE) as notebook:
        typed = NoteDraft(NoteId(new_id()), "Being typed when the program was killed.")
        notes.save_note(notebook, typed)
    _left_open_by_a_crash(folder, crashed_run_began - timedelta(seconds=1))
    # Not remembered here, then a mistyped passphrase: neither attempt forgets the crash.
    for attempt in ({"use_keyring": True}, {"passphrase": "not it"}):
        with pytest.raises((opening.PassphraseNeeded, WrongPassphrase)):
            opening.open_notebook(folder, **attempt)  # type: ignore[arg-type]
    with opening.open_notebook(folder, passphrase=TEST_PASSPHRASE) as notebook:
        assert notebook.recovered_after_crash
        found = drafts.recover_on_open(notebook)
        assert found.crashed and found.draft is None
        assert found.note is not None and found.note.id == typed.id
        assert found.at == found.note.edited_at
    with opening.open_notebook(folder, passphrase=TEST_PASSPHRASE) as notebook:
        assert drafts.recover_on_open(notebook) == drafts.Recovery(False)  # closed cleanly


def test_a_crashed_run_that_changed_nothing_recovers_nothing(tmp_path: Path) -> None:
    with new_notebook(tmp_path).notebook as notebook:
        folder = notebook.folder
        notes.save_note(notebook, NoteDraft(NoteId(new_id()), "Saved long before."))
    _left_open_by_a_crash(folder, datetime.now(UTC) + timedelta(seconds=5))
    with opening.open_notebook(folder, passphrase=TEST_PASSPHRASE) as notebook:
        assert drafts.recover_on_open(notebook) == drafts.Recovery(True)


def test_a_draft_left_by_a_lock_comes_back_once(tmp_path: Path) -> None:
    with new_notebook(tmp_path).notebook as notebook:
        folder = notebook.folder
        saved = NoteDraft(NoteId(new_id()), "Saved words.")
        notes.save_note(notebook, saved)
        drafts.keep_draft(notebook, drafts.Draft(saved.id, "Saved words. Unsaved words.", 12))
    with opening.open_notebook(folder, passphrase=TEST_PASSPHRASE) as notebook:
        found = drafts.recover_on_open(notebook)
        assert not found.crashed
        assert found.draft is not None and found.draft.text == "Saved words. Unsaved words."
        assert found.draft.cursor == 12 and found.at == found.draft.kept_at
        assert found.note is not None and found.note.id == saved.id
        assert drafts.recover_on_open(notebook) == drafts.Recovery(False)  # taken out


def test_a_note_saved_just_before_the_crashed_run_began_is_not_taken_for_its_typing(
    tmp_path: Path,
) -> None:
    with new_notebook(tmp_path).notebook as notebook:
        folder = notebook.folder
        notes.save_note(notebook, NoteDraft(NoteId(new_id()), "Saved by the run before."))
    # The next run starts within the same second, opens, types nothing and is killed.
    with opening.open_notebook(folder, passphrase=TEST_PASSPHRASE):
        left_behind = (folder / "notebook.open").read_text(encoding="utf-8")
    (folder / "notebook.open").write_text(left_behind, encoding="utf-8")
    with opening.open_notebook(folder, passphrase=TEST_PASSPHRASE) as notebook:
        assert drafts.recover_on_open(notebook) == drafts.Recovery(True)
