"""A notebook damaged on disk: a message naming what is wrong, nothing touched, a restore offer.

Each case damages a real encrypted notebook the way a disk, a copy or a sync tool would, then
opens it through the real open path. The folder's files must be byte-identical afterwards (no
marker, WAL or repaired copy left behind), and the latest good backup must be found for the
offer to restore.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from fieldwork.domain.errors import (
    KeyFileDamaged,
    KeyFileMismatch,
    KeyFileMissing,
    NotANotebook,
    NotebookDamaged,
    NotebookError,
    NotebookHeaderDamaged,
    NotebookIncomplete,
    NotebookPagesDamaged,
    NotebookTooNew,
    RecentChangesDamaged,
)
from fieldwork.domain.evidence import NoteDraft
from fieldwork.domain.ids import NoteId, new_id
from fieldwork.services import backups, notes, opening
from fieldwork.services.notebook import Notebook
from tests.support.notebooks import TEST_PASSPHRASE, new_notebook

ROOT = Path(__file__).resolve().parents[2]
PAGE = 4096


def _snapshot(folder: Path) -> dict[str, tuple[int, int, str]]:
    """Size, modification time and (for files of a sane size) the content's hash."""
    found = {}
    for path in sorted(folder.iterdir()):
        if path.is_file():
            stat = path.stat()
            small = stat.st_size < 64 * 1024**2
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if small else ""
            found[path.name] = (stat.st_size, stat.st_mtime_ns, digest)
    return found


def _open(folder: Path) -> Notebook:
    return opening.open_notebook(folder, passphrase=TEST_PASSPHRASE, use_keyring=False)


def _save(notebook: Notebook, count: int, text: str = "Note") -> None:
    for number in range(count):
        notes.save_note(
            notebook,
            NoteDraft(id=NoteId(new_id()), text=f"{text} {number} " + "about help " * 60, tags=()),
        )


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed notebook of about 100 pages, made once and copied for each case."""
    created = new_notebook(tmp_path_factory.mktemp("pristine"))
    _save(created.notebook, 120)
    created.notebook.close()
    return created.notebook.folder


@pytest.fixture
def damaged(pristine: Path, tmp_path: Path) -> Path:
    """A fresh copy, with a verified backup made from it (so restore can be offered)."""
    folder = tmp_path / "case.fieldwork"
    shutil.copytree(pristine, folder)
    with _open(folder) as notebook:
        backups.back_up_now(notebook)
    return folder


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x20
    path.write_bytes(bytes(data))


def _refused(folder: Path, error: type[NotebookError], pattern: str) -> NotebookError:
    before = _snapshot(folder)
    with pytest.raises(error, match=pattern) as caught:
        _open(folder)
    assert _snapshot(folder) == before  # nothing created, changed or removed
    assert "Traceback" not in str(caught.value)
    return caught.value


def _restore_is_offered(folder: Path) -> None:
    latest = backups.latest_good_backup(folder)
    assert latest.intact is True
    result = backups.restore_backup(latest, backups.restored_folder_beside(folder))
    with _open(result.folder) as restored:
        assert notes.count_notes(restored) == 120


def test_a_flipped_byte_in_the_salt(damaged: Path) -> None:
    _flip(damaged / "notebook.db", 3)
    _refused(damaged, NotebookHeaderDamaged, "header does not match the key file")
    _restore_is_offered(damaged)


def test_a_flipped_byte_in_page_one(damaged: Path) -> None:
    _flip(damaged / "notebook.db", 100)
    _refused(damaged, NotebookHeaderDamaged, r"start of the notebook file \(page 1 of \d+\)")
    _restore_is_offered(damaged)


def test_a_flipped_byte_in_a_page_read_on_opening(damaged: Path) -> None:
    _flip(damaged / "notebook.db", PAGE + 700)
    pages = (damaged / "notebook.db").stat().st_size // PAGE
    error = _refused(damaged, NotebookPagesDamaged, f"page 2 of {pages} is not as Fieldwork")
    assert error.detail == "pages 2"
    _restore_is_offered(damaged)


def test_a_flipped_byte_deep_inside_is_found_after_opening(damaged: Path) -> None:
    db = damaged / "notebook.db"
    pages = db.stat().st_size // PAGE
    _flip(db, (pages - 1) * PAGE + 123)
    damaged_bytes = db.read_bytes()
    with _open(damaged) as notebook:
        health = backups.check_health(notebook)
        assert health.damaged and f"page {pages} of {pages}" in str(health.problem)
        with pytest.raises(NotebookPagesDamaged, match="could not be backed up"):
            backups.back_up_now(notebook)
        assert len(backups.list_backups(notebook)) == 1  # no half-made backup left
    assert db.read_bytes() == damaged_bytes
    _restore_is_offered(damaged)


def test_cut_short_in_the_middle_of_a_page(damaged: Path) -> None:
    db = damaged / "notebook.db"
    size = db.stat().st_size
    db.write_bytes(db.read_bytes()[: size // 2 + 1000])
    _refused(damaged, NotebookIncomplete, "ends part-way through page")
    _restore_is_offered(damaged)


def test_cut_to_half_its_pages(damaged: Path) -> None:
    db = damaged / "notebook.db"
    pages = db.stat().st_size // PAGE
    db.write_bytes(db.read_bytes()[: (pages // 2) * PAGE])
    _refused(damaged, NotebookIncomplete, f"holds {pages // 2} of its {pages} pages")


def test_zero_length_and_shorter_than_a_page(damaged: Path) -> None:
    db = damaged / "notebook.db"
    original = db.read_bytes()
    db.write_bytes(b"")
    _refused(damaged, NotebookDamaged, "empty")
    db.write_bytes(original[:1000])
    _refused(damaged, NotebookIncomplete, "shorter than one page")


def test_random_bytes(damaged: Path) -> None:
    db = damaged / "notebook.db"
    db.write_bytes(os.urandom(db.stat().st_size))
    _refused(damaged, KeyFileMismatch, "None of the notebook file's pages opens with this key")
    _restore_is_offered(damaged)


def test_a_huge_file_of_nothing(damaged: Path) -> None:
    db = damaged / "notebook.db"
    db.unlink()
    with db.open("wb") as handle:
        handle.truncate(64 * 1024**3)  # 64 GiB, sparse: only the sampled pages are read
    _refused(damaged, KeyFileMismatch, "pages opens with this key")


def test_an_unencrypted_database(damaged: Path) -> None:
    import sqlite3

    db = damaged / "notebook.db"
    db.unlink()
    with sqlite3.connect(db) as plain:
        plain.execute("CREATE TABLE notes (text)")
    _refused(damaged, NotANotebook, "unencrypted database")


def test_the_key_file_missing(damaged: Path) -> None:
    (damaged / "notebook.key").unlink()
    _refused(damaged, KeyFileMissing, "key file is missing")
    result = backups.restore_key_file(damaged)
    assert result.kept_aside is None
    with _open(damaged) as notebook:
        assert notes.count_notes(notebook) == 120


@pytest.mark.parametrize(
    ("content", "error", "pattern"),
    [
        (b"", KeyFileDamaged, "not valid JSON"),
        (b"\xff\xfe" + os.urandom(500), KeyFileDamaged, "not UTF-8|not valid JSON"),
        (b"[" * 30_000 + b"]" * 30_000, KeyFileDamaged, "not valid JSON"),
        (b" " * (2 * 1024 * 1024), KeyFileDamaged, "larger than 64 KiB"),
        (b'{"format": "fieldwork-notebook-key"}', KeyFileDamaged, "version is missing"),
    ],
)
def test_a_damaged_key_file(
    damaged: Path, content: bytes, error: type[NotebookError], pattern: str
) -> None:
    (damaged / "notebook.key").write_bytes(content)
    _refused(damaged, error, pattern)
    backups.restore_key_file(damaged)
    with _open(damaged):
        pass


@pytest.mark.parametrize(
    ("change", "error", "pattern"),
    [
        (lambda d: d.update(version=2), NotebookTooNew, "newer Fieldwork"),
        (lambda d: d.update(format="other"), KeyFileDamaged, "format is not"),
        (lambda d: d.pop("slots"), KeyFileDamaged, "slots is missing"),
        (lambda d: d["slots"][0].update(wrapped="not*base64"), KeyFileDamaged, "base64"),
        (lambda d: d["slots"][0].update(nonce="AAAA"), KeyFileDamaged, r"slots\[0\]"),
        (lambda d: d.update(db_salt="00"), KeyFileDamaged, "db_salt"),
    ],
)
def test_a_key_file_with_a_bad_field(
    damaged: Path, change: object, error: type, pattern: str
) -> None:
    key = damaged / "notebook.key"
    document = json.loads(key.read_text())
    change(document)  # type: ignore[operator]
    key.write_text(json.dumps(document))
    _refused(damaged, error, pattern)


def test_another_notebooks_recent_changes_file_is_never_replayed(
    damaged: Path, tmp_path: Path
) -> None:
    other = new_notebook(tmp_path / "other").notebook
    _save(other, 30, "Another inspection's note")
    shutil.copyfile(other.paths.wal, damaged / "notebook.db-wal")
    other.close()
    error = _refused(damaged, RecentChangesDamaged, "comes from another notebook")
    assert "move notebook.db-wal out" in str(error)
    (damaged / "notebook.db-wal").unlink()  # as the message suggests
    with _open(damaged) as notebook:
        assert notes.count_notes(notebook) == 120


CRASHING_CHILD = """
import os, signal, sys
from pathlib import Path
from fieldwork.domain.evidence import NoteDraft
from fieldwork.domain.ids import NoteId, new_id
from fieldwork.services import backups, notes, opening
notebook = opening.open_notebook(Path(sys.argv[1]), passphrase=os.environ["FIELDWORK_PASSPHRASE"])
def save(count):
    for number in range(count):
        notes.save_note(notebook, NoteDraft(id=NoteId(new_id()), text=f"After {number}", tags=()))
save(5)
if sys.argv[2] == "backup":
    backups.back_up_now(notebook, "interval")
save(2)
os.kill(os.getpid(), signal.SIGKILL)
"""


def _crash_and_lose_the_wal(folder: Path, mode: str) -> None:
    env = {**os.environ, "FIELDWORK_PASSPHRASE": TEST_PASSPHRASE, "PYTHONPATH": str(ROOT)}
    child = subprocess.run(
        [sys.executable, "-c", CRASHING_CHILD, str(folder), mode], env=env, timeout=120
    )
    assert child.returncode == -signal.SIGKILL
    assert (folder / "notebook.open").exists() and (folder / "notebook.db-wal").exists()
    (folder / "notebook.db-wal").unlink()  # e.g. a copy or a sync tool that left it out


def test_recent_changes_file_lost_after_a_crash(pristine: Path, tmp_path: Path) -> None:
    folder = tmp_path / "crashed.fieldwork"
    shutil.copytree(pristine, folder)
    _crash_and_lose_the_wal(folder, "no-backup")
    with _open(folder) as notebook:
        assert notebook.marker.wal_missing_after_crash
        assert notes.count_notes(notebook) == 120  # the 7 notes after the checkpoint are gone
        health = backups.check_health(notebook)
        assert not health.damaged and health.recent_changes_missing
        assert "recent-changes file (notebook.db-wal) was missing" in str(health.problem)


def test_lost_recent_changes_are_named_by_the_backup_that_holds_them(
    pristine: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "crashed.fieldwork"
    shutil.copytree(pristine, folder)
    _crash_and_lose_the_wal(folder, "backup")
    with _open(folder) as notebook:
        health = backups.check_health(notebook)
        assert health.behind_backup is not None and health.behind_backup.history_seq == 126
        assert "holds changes this notebook does not" in str(health.problem)
        assert "entry 126" in str(health.problem) and "ends at 121" in str(health.problem)
        kept = health.behind_backup.folder
        # Automatic backups go on, but never rotate out the copy holding the lost changes.
        from fieldwork.runtime.preferences import Preferences

        _save(notebook, 1, "Typed after reopening")
        backups.back_up_now(notebook, "interval", preferences=Preferences(backup_count=1))
        assert kept.exists()
    restored = backups.restore_backup(kept, tmp_path / "recovered.fieldwork")
    with _open(restored.folder) as notebook:
        assert notes.count_notes(notebook) == 125
