"""Backups: verified encrypted copies, rotation, listing, restore, and the passphrase of their day."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fieldwork.domain.errors import (
    BackupDamaged,
    BackupFolderUnavailable,
    Cancelled,
    NoGoodBackup,
    NotANotebook,
    NotebookInUse,
    NotebookTooNew,
    WrongPassphrase,
)
from fieldwork.domain.evidence import NoteDraft
from fieldwork.domain.ids import NoteId, new_id
from fieldwork.domain.progress import CancelToken
from fieldwork.runtime.paths import folders
from fieldwork.runtime.preferences import Preferences
from fieldwork.services import backups, notes, opening
from fieldwork.services.notebook import Notebook
from fieldwork.store.keys.key_file import change_passphrase, read_key_file, write_key_file
from fieldwork.store.keys.wrapping import TEST_KDF
from tests.support.notebooks import TEST_PASSPHRASE, new_notebook
from tests.support.residue import find_markers, marker

NEW_PASSPHRASE = "a different passphrase for May"


def _note(notebook: Notebook, text: str = "A note about the plan.") -> None:
    notes.save_note(notebook, NoteDraft(id=NoteId(new_id()), text=text, tags=()))


def _open(folder: Path, passphrase: str = TEST_PASSPHRASE) -> Notebook:
    return opening.open_notebook(folder, passphrase=passphrase, use_keyring=False)


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def notebook(tmp_path: Path) -> Notebook:
    created = new_notebook(tmp_path)
    for number in range(5):
        _note(created.notebook, f"Note {number} about supervision.")
    yield created.notebook
    created.notebook.close()


def test_a_backup_is_a_verified_encrypted_notebook_with_its_key_file(notebook: Notebook) -> None:
    secret = marker("note")
    _note(notebook, f"The child's plan {secret} was reviewed.")
    outcome = backups.back_up_now(notebook)
    entry = outcome.entry
    assert entry is not None and entry.reason == "manual" and entry.history_seq == 7
    assert entry.folder.parent == folders().backups / notebook.notebook_id
    assert sorted(p.name for p in entry.folder.iterdir()) == [
        "backup.json",
        "notebook.db",
        "notebook.key",
    ]
    # The key file is the notebook's own, byte for byte: it opens with today's passphrase.
    assert (entry.folder / "notebook.key").read_bytes() == notebook.paths.key.read_bytes()
    record = json.loads((entry.folder / "backup.json").read_text())
    assert (
        record["sha256"] == hashlib.sha256((entry.folder / "notebook.db").read_bytes()).hexdigest()
    )
    assert not (entry.folder / "notebook.db").read_bytes().startswith(b"SQLite format 3")
    assert find_markers([secret, TEST_PASSPHRASE], [folders().backups]) == []
    with _open(entry.folder) as copy:
        assert notes.count_notes(copy) == 6
    assert backups.list_backups(notebook, check=True)[0].intact is True


def test_an_old_backup_opens_with_the_passphrase_of_its_day(tmp_path: Path) -> None:
    created = new_notebook(tmp_path)
    notebook = created.notebook
    first = backups.back_up_now(notebook).entry
    key_file = read_key_file(notebook.paths.key)
    write_key_file(
        notebook.paths.key,
        change_passphrase(key_file, TEST_PASSPHRASE, NEW_PASSPHRASE, kdf=TEST_KDF),
    )
    # A new passphrase is a change: the automatic backup is due although no note changed.
    second = backups.back_up_if_due(notebook, "interval").entry
    assert second is not None
    listed = backups.list_backups(notebook)
    assert [e.folder for e in listed] == [second.folder, first.folder]
    assert listed[0].same_passphrase_as_now is True
    assert listed[1].same_passphrase_as_now is False
    assert "passphrase that was current on" in listed[1].passphrase_note
    assert "changed since" in listed[1].passphrase_note
    notebook.close()
    assert first is not None
    with pytest.raises(WrongPassphrase):
        _open(first.folder, NEW_PASSPHRASE)
    with _open(first.folder, TEST_PASSPHRASE):
        pass
    with _open(second.folder, NEW_PASSPHRASE):
        pass


def test_automatic_backups_only_when_something_changed(notebook: Notebook) -> None:
    made = backups.back_up_if_due(notebook, "open")
    assert made.entry is not None
    again = backups.back_up_if_due(notebook, "close")
    assert again.entry is None and again.skipped and "nothing has changed" in again.skipped
    _note(notebook)
    # While working: a change is not enough until the interval has passed.
    assert backups.back_up_if_due(notebook, "interval").entry is None
    assert backups.back_up_if_due(notebook, "close").entry is not None


def test_policy_for_each_moment() -> None:
    now = datetime(2026, 5, 11, 14, 2, tzinfo=UTC)
    state = backups.BackupState(12, "ab" * 32, "slot")
    newest = backups.BackupEntry(
        Path("x"), "id", now - timedelta(minutes=4), "open", 12, "ab" * 16, "", 0, "slot", None
    )
    interval = timedelta(minutes=10)
    assert backups.backup_due("open", state, None, now, interval) is None
    assert "nothing has changed" in str(backups.backup_due("close", state, newest, now, interval))
    assert backups.backup_due("manual", state, newest, now, interval) is None
    changed = backups.BackupState(13, "cd" * 32, "slot")
    assert backups.backup_due("close", changed, newest, now, interval) is None
    assert "last backup was at" in str(
        backups.backup_due("interval", changed, newest, now, interval)
    )
    later = now + timedelta(minutes=7)
    assert backups.backup_due("interval", changed, newest, later, interval) is None
    # Same seq, different head (the history forked): a change all the same.
    forked = backups.BackupState(12, "ef" * 32, "slot")
    assert backups.backup_due("lock", forked, newest, now, interval) is None


def test_rotation_keeps_the_newest_k(notebook: Notebook) -> None:
    prefs = Preferences(backup_count=3)
    made = []
    for _ in range(5):
        _note(notebook)
        outcome = backups.back_up_now(notebook, "interval", preferences=prefs)
        made.append(outcome.entry)
    listed = backups.list_backups(notebook)
    assert [e.folder for e in listed] == [e.folder for e in reversed(made[-3:])]
    assert not made[0].folder.exists() and not made[1].folder.exists()


def test_rotation_never_removes_a_backup_holding_history_the_notebook_lacks(
    tmp_path: Path,
) -> None:
    created = new_notebook(tmp_path)
    old = backups.back_up_now(created.notebook).entry
    for _ in range(3):
        _note(created.notebook)
    fuller = backups.back_up_now(created.notebook).entry
    created.notebook.close()
    assert old is not None and fuller is not None
    # Carry on from the older copy, as after losing the recent changes: same notebook id.
    restored = backups.restore_backup(old, tmp_path / "carried-on.fieldwork").folder
    with _open(restored) as notebook:
        prefs = Preferences(backup_count=1)
        for _ in range(3):
            _note(notebook, "On another line.")
            backups.back_up_now(notebook, "interval", preferences=prefs)
        assert fuller.folder.exists()  # entries 2 to 4 exist only there
        health = backups.check_health(notebook, scan=False)
        assert health.behind_backup is None  # the newest backup is this notebook's own
    names = [e.folder for e in backups.list_backups(restored)]
    assert fuller.folder in names and len(names) == 2


def test_a_consistent_copy_while_the_notebook_is_being_written(notebook: Notebook) -> None:
    for number in range(150):
        _note(notebook, f"Note {number} " + "about practice " * 40)
    stop = threading.Event()

    def writer() -> None:
        while not stop.is_set():
            _note(notebook, "Typed while the backup runs.")
        notebook.release_thread()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        entry = backups.back_up_now(notebook).entry
    finally:
        stop.set()
        thread.join()
    assert entry is not None
    with _open(entry.folder) as copy:
        assert notes.count_notes(copy) == entry.history_seq - 1  # one entry is the inspection


def test_cancelled_or_failed_backups_leave_nothing(notebook: Notebook) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        backups.back_up_now(notebook, cancel=token)
    root = folders().backups / notebook.notebook_id
    assert list(root.iterdir()) == []
    missing = Preferences(backup_folder=str(folders().data / "usb-stick-not-plugged-in"))
    with pytest.raises(BackupFolderUnavailable, match="plugged in"):
        backups.back_up_now(notebook, preferences=missing)
    assert not (folders().data / "usb-stick-not-plugged-in").exists()


def test_stale_partial_backups_are_swept(notebook: Notebook) -> None:
    root = folders().backups / notebook.notebook_id
    root.mkdir(parents=True)
    stale = root / "20200101T000000000000Z.fieldwork.partial"
    stale.mkdir()
    (stale / "notebook.db").write_bytes(os.urandom(4096))
    os.utime(stale, (0, 0))
    fresh = root / "20990101T000000000000Z.fieldwork.partial"
    fresh.mkdir()  # perhaps another Fieldwork writing right now: left alone
    backups.back_up_now(notebook)
    assert not stale.exists() and fresh.exists()
    assert len(backups.list_backups(notebook)) == 1


def test_restore_into_a_new_folder(notebook: Notebook, tmp_path: Path) -> None:
    entry = backups.back_up_now(notebook).entry
    assert entry is not None
    target = tmp_path / "restored.fieldwork"
    result = backups.restore_backup(entry, target)
    assert result.kept_aside is None and result.folder == target
    with _open(target) as copy:
        assert notes.count_notes(copy) == 5
    with pytest.raises(NotANotebook, match="already something"):
        backups.restore_backup(entry, target)


def test_restore_over_a_damaged_notebook_keeps_the_original(tmp_path: Path) -> None:
    created = new_notebook(tmp_path)
    _note(created.notebook)
    entry = backups.back_up_now(created.notebook).entry
    folder = created.notebook.folder
    with pytest.raises(NotebookInUse):
        backups.restore_backup(entry, folder, replace=True)
    created.notebook.close()
    db = folder / "notebook.db"
    db.write_bytes(db.read_bytes()[:8192])  # cut short
    before = _snapshot(folder)
    latest = backups.latest_good_backup(folder)
    assert latest.folder == entry.folder
    result = backups.restore_backup(latest, folder, replace=True)
    assert result.kept_aside is not None and result.kept_aside.name.startswith(
        "test-before-restore-"
    )
    assert _snapshot(result.kept_aside) == before  # the damaged original, untouched
    with _open(folder) as restored:
        assert notes.count_notes(restored) == 1


def test_restore_only_the_key_file(tmp_path: Path) -> None:
    created = new_notebook(tmp_path)
    _note(created.notebook)
    backups.back_up_now(created.notebook)
    _note(created.notebook, "Written after the backup.")
    folder = created.notebook.folder
    created.notebook.close()
    (folder / "notebook.key").write_text("{ damaged")
    result = backups.restore_key_file(folder)
    assert result.kept_aside is not None and result.kept_aside.read_text() == "{ damaged"
    # The data key never changes: the notebook keeps what was written after the backup.
    with _open(folder) as notebook:
        assert notes.count_notes(notebook) == 2


def test_a_missing_key_file_still_finds_its_backups(tmp_path: Path) -> None:
    created = new_notebook(tmp_path)
    entry = backups.back_up_now(created.notebook).entry
    folder = created.notebook.folder
    created.notebook.close()
    (folder / "notebook.key").unlink()
    assert [e.folder for e in backups.list_backups(folder)] == [entry.folder]
    backups.restore_key_file(folder)
    with _open(folder):
        pass


def test_latest_good_backup_skips_a_damaged_one(notebook: Notebook) -> None:
    older = backups.back_up_now(notebook).entry
    _note(notebook)
    newer = backups.back_up_now(notebook).entry
    data = bytearray((newer.folder / "notebook.db").read_bytes())
    data[5000] ^= 0x01
    (newer.folder / "notebook.db").write_bytes(bytes(data))
    assert backups.latest_good_backup(notebook.folder).folder == older.folder
    with pytest.raises(BackupDamaged, match="changed since it was made"):
        backups.restore_backup(newer, notebook.folder.parent / "from-damaged.fieldwork")
    assert not (notebook.folder.parent / "from-damaged.fieldwork").exists()
    checked = {e.folder: e for e in backups.list_backups(notebook, check=True)}
    assert checked[newer.folder].intact is False and checked[older.folder].intact is True


def test_no_backup_at_all_says_so(notebook: Notebook) -> None:
    with pytest.raises(NoGoodBackup):
        backups.latest_good_backup(notebook.folder)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not valid JSON"),
        (os.urandom(300), "not valid JSON"),
        (b"[" * 50_000 + b"]" * 50_000, "larger than 64 KiB"),
        (b"[" * 20_000 + b"]" * 20_000, "not valid JSON|not a JSON object"),
        (b'{"format": "fieldwork-backup"}', "version is missing"),
        (b'{"format": "something else", "version": 1}', "format is not"),
    ],
)
def test_a_hostile_backup_record_is_named_not_a_crash(
    notebook: Notebook, content: bytes, message: str
) -> None:
    entry = backups.back_up_now(notebook).entry
    (entry.folder / "backup.json").write_bytes(content)
    listed = backups.list_backups(notebook)
    assert listed[0].intact is False and listed[0].problem
    with pytest.raises(BackupDamaged, match=message):
        backups.restore_backup(entry.folder, notebook.folder.parent / "r.fieldwork")
    assert not (notebook.folder.parent / "r.fieldwork").exists()


def test_a_backup_from_a_newer_fieldwork(notebook: Notebook) -> None:
    entry = backups.back_up_now(notebook).entry
    record = json.loads((entry.folder / "backup.json").read_text())
    record["version"] = 7
    (entry.folder / "backup.json").write_text(json.dumps(record))
    with pytest.raises(NotebookTooNew, match="newer Fieldwork"):
        backups.restore_backup(entry.folder, notebook.folder.parent / "r.fieldwork")


def test_a_backup_whose_key_file_is_damaged(notebook: Notebook) -> None:
    entry = backups.back_up_now(notebook).entry
    (entry.folder / "notebook.key").write_bytes(b'{"format": 1}')
    with pytest.raises(BackupDamaged, match=r"key file cannot be used: .*format"):
        backups.restore_backup(entry.folder, notebook.folder.parent / "r.fieldwork")
    (entry.folder / "notebook.key").unlink()
    with pytest.raises(BackupDamaged, match="key file"):
        backups.restore_backup(entry.folder, notebook.folder.parent / "r.fieldwork")


def test_a_huge_file_in_a_backups_place_is_refused_without_reading_it(
    notebook: Notebook,
) -> None:
    entry = backups.back_up_now(notebook).entry
    db = entry.folder / "notebook.db"
    db.unlink()
    with db.open("wb") as handle:
        handle.truncate(64 * 1024**3)  # sparse: hashing it would take minutes
    with pytest.raises(BackupDamaged, match="changed since it was made"):
        backups.restore_backup(entry, notebook.folder.parent / "r.fieldwork")
    with pytest.raises(NoGoodBackup):
        backups.latest_good_backup(notebook.folder)


def test_restore_over_a_crashed_notebook_keeps_its_marker_as_it_was(tmp_path: Path) -> None:
    created = new_notebook(tmp_path)
    entry = backups.back_up_now(created.notebook).entry
    folder = created.notebook.folder
    created.notebook.close()
    (folder / "notebook.open").write_text('{"pid": 1}')  # left by a crash: nobody holds it
    before = _snapshot(folder)
    result = backups.restore_backup(entry, folder, replace=True)
    assert result.kept_aside is not None and _snapshot(result.kept_aside) == before
    assert not (folder / "notebook.open").exists()
