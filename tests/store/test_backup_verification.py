"""A backup is verified after it is written: a copy missing, changing or losing anything fails."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from fieldwork.domain.errors import NotebookDamaged
from fieldwork.domain.evidence import NoteDraft
from fieldwork.domain.ids import NoteId, new_id
from fieldwork.services import backups, notes
from fieldwork.services.notebook import Notebook
from fieldwork.store.backups import Snapshot, history_head, table_rows, verify_backup
from fieldwork.store.damage import PAGE_SIZE
from tests.support.notebooks import new_notebook


@pytest.fixture
def notebook(tmp_path: Path) -> Notebook:
    created = new_notebook(tmp_path)
    for number in range(60):
        text = f"Note {number} about supervision and the plan. " * 20
        notes.save_note(created.notebook, NoteDraft(id=NoteId(new_id()), text=text, tags=()))
    yield created.notebook
    created.notebook.close()


def _backed_up(notebook: Notebook, tmp_path: Path) -> tuple[Path, Snapshot]:
    entry = backups.back_up_now(notebook).entry
    assert entry is not None
    with notebook.database.raw() as raw:
        pages = int(raw.execute("PRAGMA page_count").fetchone()[0])
        snapshot = Snapshot(history_head(raw), pages, table_rows(raw))
    copy = tmp_path / "copy.fieldwork"
    shutil.copytree(entry.folder, copy)
    return copy, snapshot


def test_a_sound_backup_verifies_and_is_left_without_a_journal(
    notebook: Notebook, tmp_path: Path
) -> None:
    copy, snapshot = _backed_up(notebook, tmp_path)
    assert snapshot.rows["notes"] == 60 and snapshot.pages > 4
    assert (copy / "notebook.db").stat().st_size == snapshot.pages * PAGE_SIZE
    verify_backup(copy, notebook.key, expected=snapshot)
    assert sorted(p.name for p in copy.iterdir()) == ["backup.json", "notebook.db", "notebook.key"]


def test_a_copy_missing_its_last_page_fails(notebook: Notebook, tmp_path: Path) -> None:
    copy, snapshot = _backed_up(notebook, tmp_path)
    db = copy / "notebook.db"
    db.write_bytes(db.read_bytes()[:-PAGE_SIZE])
    with pytest.raises(NotebookDamaged, match="did not verify"):
        verify_backup(copy, notebook.key, expected=snapshot)


def test_a_copy_with_a_changed_page_fails(notebook: Notebook, tmp_path: Path) -> None:
    copy, snapshot = _backed_up(notebook, tmp_path)
    db = copy / "notebook.db"
    data = bytearray(db.read_bytes())
    data[3 * PAGE_SIZE + 100] ^= 0x01
    db.write_bytes(bytes(data))
    with pytest.raises(NotebookDamaged, match="did not verify"):
        verify_backup(copy, notebook.key, expected=snapshot)


def test_a_copy_that_differs_from_the_snapshot_fails(notebook: Notebook, tmp_path: Path) -> None:
    copy, snapshot = _backed_up(notebook, tmp_path)
    fewer = dataclasses.replace(snapshot, rows={**snapshot.rows, "notes": 59})
    with pytest.raises(NotebookDamaged, match="did not verify"):
        verify_backup(copy, notebook.key, expected=fewer)
    shorter = dataclasses.replace(snapshot, pages=snapshot.pages + 1)
    with pytest.raises(NotebookDamaged, match="did not verify"):
        verify_backup(copy, notebook.key, expected=shorter)
    older = dataclasses.replace(snapshot, head=(snapshot.head[0] - 1, snapshot.head[1]))
    with pytest.raises(NotebookDamaged, match="history does not match"):
        verify_backup(copy, notebook.key, expected=older)
