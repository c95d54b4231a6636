"""Creating, opening and closing real encrypted notebooks, and every way opening can fail."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fieldwork.domain.errors import (
    KeyFileDamaged,
    KeyFileMissing,
    NotANotebook,
    NotebookDamaged,
    NotebookInUse,
    NotebookMissing,
    NotebookTooNew,
    WrongPassphrase,
)
from fieldwork.domain.evidence import NoteDraft, Tag
from fieldwork.domain.ids import NoteId, new_id
from fieldwork.services import notes, opening
from tests.support.notebooks import TEST_PASSPHRASE, new_notebook


def _note(text: str) -> NoteDraft:
    return NoteDraft(
        id=NoteId(new_id()), text=text, tags=(Tag("hp.protection.strategy-enquiries", "strength"),)
    )


@pytest.fixture
def closed_notebook(tmp_path: Path) -> Path:
    created = new_notebook(tmp_path)
    notes.save_note(created.notebook, _note("Strategy discussion the same afternoon."))
    created.notebook.close()
    return created.notebook.folder


def test_a_closed_notebook_is_two_files(closed_notebook: Path) -> None:
    assert sorted(p.name for p in closed_notebook.iterdir()) == ["notebook.db", "notebook.key"]
    assert oct(closed_notebook.stat().st_mode & 0o777) == "0o700"
    assert oct((closed_notebook / "notebook.key").stat().st_mode & 0o777) == "0o600"
    assert oct((closed_notebook / "notebook.db").stat().st_mode & 0o777) == "0o600"


def test_files_of_an_open_notebook_are_private(tmp_path: Path) -> None:
    notebook = new_notebook(tmp_path).notebook
    notes.save_note(notebook, _note("Something to put in the write-ahead log."))
    modes = {p.name: oct(p.stat().st_mode & 0o777) for p in notebook.folder.iterdir()}
    notebook.close()
    assert modes == {
        name: "0o600"
        for name in (
            "notebook.db",
            "notebook.db-wal",
            "notebook.db-shm",
            "notebook.key",
            "notebook.open",
        )
    }


def test_reopen_with_passphrase_and_recovery_code(tmp_path: Path) -> None:
    created = new_notebook(tmp_path)
    code = created.recovery_code
    assert code is not None and len(code.replace("-", "")) == 26
    created.notebook.close()
    with opening.open_notebook(created.notebook.folder, passphrase=TEST_PASSPHRASE) as notebook:
        assert notebook.framework.id == "ilacs-2023"
        assert notebook.actor == "Team inspector 2"
    with opening.open_notebook(
        created.notebook.folder, recovery_code=code.lower().replace("-", " ")
    ) as notebook:
        assert notes.count_notes(notebook) == 0


def test_wrong_passphrase_says_so_and_touches_nothing(closed_notebook: Path) -> None:
    before = {p.name: p.read_bytes() for p in closed_notebook.iterdir()}
    with pytest.raises(WrongPassphrase, match="does not open this notebook"):
        opening.open_notebook(closed_notebook, passphrase="not the passphrase")
    assert {p.name: p.read_bytes() for p in closed_notebook.iterdir()} == before


def test_no_remembered_key_asks_for_the_passphrase(closed_notebook: Path) -> None:
    with pytest.raises(opening.PassphraseNeeded, match="not remembered on this computer"):
        opening.open_notebook(closed_notebook)


def test_missing_folder_is_never_created(tmp_path: Path) -> None:
    with pytest.raises(NotebookMissing):
        opening.open_notebook(tmp_path / "nowhere.fieldwork", passphrase=TEST_PASSPHRASE)
    assert not (tmp_path / "nowhere.fieldwork").exists()


def test_missing_database_file_is_never_created(closed_notebook: Path) -> None:
    (closed_notebook / "notebook.db").unlink()
    with pytest.raises(NotebookMissing, match=r"no notebook\.db"):
        opening.open_notebook(closed_notebook, passphrase=TEST_PASSPHRASE)
    assert not (closed_notebook / "notebook.db").exists()


def test_folder_with_odd_characters_opens_the_right_file(tmp_path: Path) -> None:
    odd = tmp_path / "odd # name ?x"
    odd.mkdir()
    created = new_notebook(odd)
    created.notebook.close()
    with opening.open_notebook(created.notebook.folder, passphrase=TEST_PASSPHRASE):
        pass
    assert sorted(p.name for p in odd.iterdir()) == ["test.fieldwork"]


def test_zero_length_database(closed_notebook: Path) -> None:
    (closed_notebook / "notebook.db").write_bytes(b"")
    with pytest.raises(NotebookDamaged, match="empty"):
        opening.open_notebook(closed_notebook, passphrase=TEST_PASSPHRASE)
    assert (closed_notebook / "notebook.db").stat().st_size == 0


def test_plain_sqlite_database_is_not_a_notebook(closed_notebook: Path) -> None:
    db = closed_notebook / "notebook.db"
    db.unlink()
    with sqlite3.connect(db) as plain:
        plain.execute("CREATE TABLE t (x)")
    with pytest.raises(NotANotebook, match="unencrypted database"):
        opening.open_notebook(closed_notebook, passphrase=TEST_PASSPHRASE)


def test_key_file_missing_and_damaged(closed_notebook: Path) -> None:
    key = closed_notebook / "notebook.key"
    original = key.read_bytes()
    key.unlink()
    with pytest.raises(KeyFileMissing):
        opening.open_notebook(closed_notebook, passphrase=TEST_PASSPHRASE)
    key.write_bytes(b"{not json")
    with pytest.raises(KeyFileDamaged):
        opening.open_notebook(closed_notebook, passphrase=TEST_PASSPHRASE)
    key.write_bytes(original)


def test_another_notebooks_key_file(tmp_path: Path) -> None:
    first = new_notebook(tmp_path / "a")
    second = new_notebook(tmp_path / "b")
    first.notebook.close()
    second.notebook.close()
    (first.notebook.folder / "notebook.key").write_bytes(
        (second.notebook.folder / "notebook.key").read_bytes()
    )
    with pytest.raises(NotebookDamaged, match=r"header does not match|belongs to another"):
        opening.open_notebook(first.notebook.folder, passphrase=TEST_PASSPHRASE)


def test_damaged_first_page(closed_notebook: Path) -> None:
    db = closed_notebook / "notebook.db"
    data = bytearray(db.read_bytes())
    data[100] ^= 0xFF
    db.write_bytes(bytes(data))
    with pytest.raises(NotebookDamaged, match="start of the notebook"):
        opening.open_notebook(closed_notebook, passphrase=TEST_PASSPHRASE)


def test_damaged_salt_is_named(closed_notebook: Path) -> None:
    db = closed_notebook / "notebook.db"
    data = bytearray(db.read_bytes())
    data[3] ^= 0x01
    db.write_bytes(bytes(data))
    with pytest.raises(NotebookDamaged, match="header does not match the key file"):
        opening.open_notebook(closed_notebook, passphrase=TEST_PASSPHRASE)


def test_one_process_at_a_time(closed_notebook: Path) -> None:
    with (
        opening.open_notebook(closed_notebook, passphrase=TEST_PASSPHRASE),
        pytest.raises(NotebookInUse),
    ):
        opening.open_notebook(closed_notebook, passphrase=TEST_PASSPHRASE)


def test_notebook_from_a_newer_fieldwork(closed_notebook: Path) -> None:
    with (
        opening.open_notebook(closed_notebook, passphrase=TEST_PASSPHRASE) as notebook,
        notebook.database.raw() as raw,
    ):
        raw.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(NotebookTooNew, match="newer Fieldwork"):
        opening.open_notebook(closed_notebook, passphrase=TEST_PASSPHRASE)


def test_creating_over_existing_content_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "test.fieldwork"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    with pytest.raises(NotANotebook, match="already something"):
        new_notebook(tmp_path)
    assert (folder / "keep.txt").read_text() == "mine"


def test_remembering_twice_on_one_computer_keeps_one_device_slot(tmp_path: Path) -> None:
    from fieldwork.store.keys import keyring_adapter
    from fieldwork.store.keys.key_file import device_slot_ids, read_key_file
    from tests.support.keyrings import MemoryKeyring

    keyring_adapter.use_backend_for_tests(MemoryKeyring())
    try:
        notebook = new_notebook(tmp_path).notebook
        for _ in range(3):
            assert opening.remember_on_this_computer(notebook) is None
        assert len(device_slot_ids(read_key_file(notebook.paths.key))) == 1
        notebook.close()
        with opening.open_notebook(notebook.folder) as again:  # straight in, no passphrase
            assert opening.is_remembered(again)
            assert opening.forget_on_this_computer(again) is None
        with pytest.raises(opening.PassphraseNeeded):
            opening.open_notebook(notebook.folder)
    finally:
        keyring_adapter.use_backend_for_tests(None)
