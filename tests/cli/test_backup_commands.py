"""`fieldwork backup`, `backups` and `restore`, run as a user would in a shell."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldwork.runtime.paths import folders
from fieldwork.services import notes, opening
from tests.support.cli import run_cli
from tests.support.notebooks import TEST_PASSPHRASE, new_notebook

ENV = {"FIELDWORK_PASSPHRASE": TEST_PASSPHRASE}


@pytest.fixture
def notebook_folder(tmp_path: Path) -> Path:
    created = new_notebook(tmp_path)
    created.notebook.close()
    return created.notebook.folder


def _backup(folder: Path, *extra: str) -> Path:
    result = run_cli("backup", str(folder), *extra, env=ENV)
    assert result.code == 0, result.err
    line = next(x for x in result.out.splitlines() if x.startswith("Backed up and verified: "))
    return Path(line.removeprefix("Backed up and verified: "))


def test_backup_then_list(notebook_folder: Path) -> None:
    result = run_cli("backup", str(notebook_folder), env=ENV)
    assert result.code == 0, result.err
    assert "Opens with the passphrase that was current on" in result.out
    first = Path(result.out.splitlines()[0].removeprefix("Backed up and verified: "))
    second = _backup(notebook_folder)
    assert second.parent.parent == folders().backups
    listing = run_cli("backups", str(notebook_folder), "--check")
    assert listing.code == 0, listing.err
    rows = [line for line in listing.out.splitlines() if "Backed up by hand" in line]
    assert len(rows) == 2 and all("unchanged since" in row for row in rows)
    assert listing.out.index(str(second)) < listing.out.index(str(first))  # newest first


def test_backup_to_a_drive_that_is_not_there(notebook_folder: Path, tmp_path: Path) -> None:
    gone = tmp_path / "usb"
    result = run_cli("backup", str(notebook_folder), "--to", str(gone), env=ENV)
    assert result.code == 1
    assert "does not exist (is the drive plugged in?)" in result.err
    assert not gone.exists() and "Traceback" not in result.err


def test_backup_to_a_chosen_folder(notebook_folder: Path, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    made = _backup(notebook_folder, "--to", str(stick))
    assert made.parent.parent == stick
    assert run_cli("backups", str(stick)).out.count("Backed up by hand") == 1


def test_restore_a_backup_into_a_new_folder(notebook_folder: Path, tmp_path: Path) -> None:
    made = _backup(notebook_folder)
    target = tmp_path / "restored.fieldwork"
    result = run_cli("restore", str(made), "--to", str(target))
    assert result.code == 0, result.err
    assert f"into {target}" in result.out and "passphrase that was current" in result.out
    with opening.open_notebook(target, passphrase=TEST_PASSPHRASE, use_keyring=False) as copy:
        assert notes.count_notes(copy) == 0
    again = run_cli("restore", str(made), "--to", str(target))
    assert again.code == 1 and "already something" in again.err


def test_restore_needs_to_be_told_where(notebook_folder: Path) -> None:
    _backup(notebook_folder)
    result = run_cli("restore", str(notebook_folder))
    assert result.code == 1 and "--to NEWPATH" in result.err and "--replace" in result.err


def test_restore_latest_over_a_damaged_notebook(notebook_folder: Path) -> None:
    _backup(notebook_folder)
    db = notebook_folder / "notebook.db"
    db.write_bytes(db.read_bytes()[:5000])
    damaged = db.read_bytes()
    opened = run_cli("info", str(notebook_folder), env=ENV)
    assert opened.code == 1 and "incomplete" in opened.err and "Traceback" not in opened.err
    result = run_cli("restore", str(notebook_folder), "--replace")
    assert result.code == 0, result.err
    aside = next(notebook_folder.parent.glob("test-before-restore-*.fieldwork"))
    assert (aside / "notebook.db").read_bytes() == damaged
    assert f"kept, unchanged, as {aside}" in result.out
    assert run_cli("info", str(notebook_folder), env=ENV).code == 0


def test_restore_only_the_key_file(notebook_folder: Path) -> None:
    _backup(notebook_folder)
    (notebook_folder / "notebook.key").unlink()
    refused = run_cli("info", str(notebook_folder), env=ENV)
    assert refused.code == 1 and "key file is missing" in refused.err
    result = run_cli("restore", str(notebook_folder), "--key-only")
    assert result.code == 0, result.err
    assert "Key file restored" in result.out
    assert run_cli("info", str(notebook_folder), env=ENV).code == 0


def test_a_damaged_backup_is_named(notebook_folder: Path, tmp_path: Path) -> None:
    made = _backup(notebook_folder)
    (made / "backup.json").write_bytes(b"[" * 10_000)
    listing = run_cli("backups", str(notebook_folder))
    assert listing.code == 0 and "NOT USABLE" in listing.out and "backup.json" in listing.out
    result = run_cli("restore", str(made), "--to", str(tmp_path / "r.fieldwork"))
    assert result.code == 1 and "backup.json" in result.err and "Traceback" not in result.err
    assert not (tmp_path / "r.fieldwork").exists()


def test_no_backups(notebook_folder: Path) -> None:
    result = run_cli("backups", str(notebook_folder))
    assert result.code == 0 and "No backups found" in result.out
    latest = run_cli("restore", str(notebook_folder), "--replace")
    assert latest.code == 1 and "No usable backup" in latest.err
