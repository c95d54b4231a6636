"""`fieldwork export` and the privacy guard: warned on stderr by kind and note, never the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldwork.domain.evidence import NoteDraft, Tag
from fieldwork.domain.ids import CaseId, NoteId, new_id
from fieldwork.domain.pack import note_reference
from fieldwork.domain.people import Case
from fieldwork.services import notes, people, verification
from fieldwork.services.opening import open_notebook
from tests.support.cli import run_cli
from tests.support.notebooks import TEST_PASSPHRASE, new_notebook
from tests.support.pdf import all_text, reader

ENV = {"FIELDWORK_PASSPHRASE": TEST_PASSPHRASE}
TAG = Tag("hp.front-door.thresholds", "strength")
PERSONAL = ("Zebedee Quartermaine", "07700 900123", "Quartermaine")


def _notebook(folder: Path) -> tuple[Path, NoteId, NoteId]:
    with new_notebook(folder).notebook as notebook:
        case = Case(CaseId(new_id()), "C-014")
        people.save_case(notebook, case)
        flagged, clean = NoteId(new_id()), NoteId(new_id())
        text = "Spoke with dad Zebedee Quartermaine on 07700 900123 about contact."
        notes.save_note(notebook, NoteDraft(flagged, text, case_ids=(case.id,), tags=(TAG,)))
        quiet = "Supervision records were up to date and reflective."
        notes.save_note(notebook, NoteDraft(clean, quiet, case_ids=(case.id,), tags=(TAG,)))
        return notebook.folder, flagged, clean


@pytest.fixture
def notebook(tmp_path: Path) -> tuple[Path, NoteId, NoteId]:
    return _notebook(tmp_path / "nb")


def test_export_warns_on_stderr_and_writes_the_pack_anyway(
    notebook: tuple[Path, NoteId, NoteId], tmp_path: Path
) -> None:
    folder, flagged, clean = notebook
    out = tmp_path / "pack.pdf"
    result = run_cli("export", str(folder), "--out", str(out), env=ENV)
    assert result.code == 0, result.err
    assert "warning: 1 note looks like it contains personal data." in result.err
    assert f"{note_reference(flagged)}  (C-014): a name and a phone number" in result.err
    assert note_reference(clean) not in result.err
    assert "exported anyway" in result.err and "--replace-personal-data" in result.err
    for text in PERSONAL:
        assert text not in result.err and text not in result.out
    assert "Wrote the draft evidence pack" in result.out
    assert "Quartermaine" in all_text(reader(out.read_bytes()))  # accepted: not changed


def test_privacy_check_lists_and_writes_nothing(
    notebook: tuple[Path, NoteId, NoteId], tmp_path: Path
) -> None:
    folder, flagged, _ = notebook
    out = tmp_path / "pack.pdf"
    result = run_cli("export", str(folder), "--out", str(out), "--privacy-check", env=ENV)
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == "1 note looks like it contains personal data."
    assert note_reference(flagged) in result.out
    assert not any(text in result.out for text in PERSONAL)
    assert not out.exists() and list(tmp_path.glob("*.pdf")) == []


def test_replace_personal_data_edits_the_notes_then_exports(
    notebook: tuple[Path, NoteId, NoteId], tmp_path: Path
) -> None:
    folder, flagged, _ = notebook
    out = tmp_path / "pack.pdf"
    result = run_cli("export", str(folder), "--out", str(out), "--replace-personal-data", env=ENV)
    assert result.code == 0, result.err
    assert "Replaced 2 passages that looked like personal data in 1 note" in result.out
    assert "warning" not in result.err
    text = " ".join(all_text(reader(out.read_bytes())).split())
    assert "Quartermaine" not in text and "dad C-014 on [phone number removed]" in text
    with open_notebook(folder, passphrase=TEST_PASSPHRASE) as opened:
        note = notes.get_note(opened, flagged)
        assert note is not None
        assert note.text.startswith("Spoke with dad C-014 on [phone number removed]")
        assert verification.verify_notebook(opened, full=False).ok
    again = run_cli("export", str(folder), "--out", str(out), "--privacy-check", env=ENV)
    assert "Nothing in the pack looks like personal data. (2 notes checked)" in again.out


def test_the_two_guard_options_exclude_each_other(notebook: tuple[Path, NoteId, NoteId]) -> None:
    folder = notebook[0]
    result = run_cli("export", str(folder), "--privacy-check", "--replace-personal-data", env=ENV)
    assert result.code == 2 and "not allowed with" in result.err
