"""Backups in the real window: automatic on open, by hand, on lock and close; failures without a
modal box; and the offer to restore when a notebook is damaged."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldwork.runtime.paths import folders
from fieldwork.services import backups
from fieldwork.ui.dialogs.restore_dialog import DamagedNotebookDialog, RestoreDialog
from fieldwork.ui.main_window import MainWindow
from tests.support.notebooks import new_notebook
from tests.support.window import closed_notebook, enter_passphrase, record_shown_errors

pytestmark = pytest.mark.ui


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return closed_notebook(tmp_path)


@pytest.fixture
def shown_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return record_shown_errors(monkeypatch, "fieldwork.ui.dialogs.restore_dialog")


def _open(qtbot: QtBot, window: MainWindow, folder: Path) -> None:
    window.session.open_folder(folder)
    enter_passphrase(qtbot, window)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=10000)


def _wait_closed(qtbot: QtBot, folder: Path) -> None:
    """Closing finishes on the write lane; damage the files only once it has."""
    qtbot.waitUntil(lambda: not (folder / "notebook.open").exists(), timeout=10000)


def _reasons(folder: Path) -> list[str]:
    return [entry.reason for entry in backups.list_backups(folder)]


def _type_a_note(qtbot: QtBot, window: MainWindow, text: str) -> None:
    editor = window.workspace.editor
    with qtbot.waitSignal(editor.saved, timeout=5000):
        qtbot.keyClicks(editor.text, text)


def test_backups_on_open_by_hand_and_on_close(
    qtbot: QtBot, folder: Path, shown_errors: list[str]
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    _open(qtbot, window, folder)
    qtbot.waitUntil(lambda: window.backup_status.text().startswith("Backed up "), timeout=10000)
    assert _reasons(folder) == ["open"]
    assert window.backups.timer.isActive()
    assert window.backups.timer.interval() == window.preferences.backup_interval_minutes * 60_000

    _type_a_note(qtbot, window, "Strategy discussion held the same day.")
    window.commands.back_up_now.trigger()
    qtbot.waitUntil(lambda: _reasons(folder) == ["manual", "open"], timeout=10000)

    # While working: nothing new within the interval; once it has passed, one backup.
    _type_a_note(qtbot, window, " And the plan was updated.")
    window.backups.timer.timeout.emit()
    qtbot.waitUntil(lambda: not window.backups.running, timeout=10000)
    assert _reasons(folder) == ["manual", "open"]
    newest = backups.list_backups(folder)[0]
    record = json.loads((newest.folder / "backup.json").read_text())
    record["made_at"] = (newest.made_at - timedelta(minutes=30)).isoformat()
    (newest.folder / "backup.json").write_text(json.dumps(record))
    window.backups.timer.timeout.emit()
    qtbot.waitUntil(lambda: _reasons(folder)[0] == "interval", timeout=10000)

    _type_a_note(qtbot, window, " Last words before closing.")
    window.close_notebook()
    qtbot.waitUntil(lambda: _reasons(folder)[0] == "close", timeout=10000)
    assert not window.backups.timer.isActive()
    assert shown_errors == []


def test_lock_backs_up_what_changed(qtbot: QtBot, folder: Path, shown_errors: list[str]) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    _open(qtbot, window, folder)
    qtbot.waitUntil(lambda: _reasons(folder) == ["open"], timeout=10000)
    _type_a_note(qtbot, window, "Typed before locking.")
    window.lock()
    qtbot.waitUntil(lambda: _reasons(folder)[0] == "lock", timeout=10000)
    assert shown_errors == []


def test_the_backup_time_shows_only_while_a_notebook_is_open(
    qtbot: QtBot, folder: Path, shown_errors: list[str]
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    label = window.backup_status
    assert not label.isVisible()  # the start page: no notebook to speak of
    _open(qtbot, window, folder)
    qtbot.waitUntil(lambda: label.text().startswith("Backed up "), timeout=10000)
    assert label.isVisible()

    # Locked: hidden at once, and the backup made on locking does not bring it back.
    _type_a_note(qtbot, window, "Typed before locking.")
    window.lock()
    assert not label.isVisible() and label.text() == ""
    qtbot.waitUntil(lambda: _reasons(folder)[0] == "lock", timeout=10000)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=10000)
    assert (
        not label.isVisible() and label.text() == "" and window.statusBar().currentMessage() == ""
    )

    window.unlock()
    enter_passphrase(qtbot, window)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=10000)
    assert label.isVisible()
    qtbot.waitUntil(lambda: label.text().startswith("Backed up "), timeout=10000)

    # Closed: the start page shows no time, even after the backup made on closing.
    _type_a_note(qtbot, window, " Last words before closing.")
    window.close_notebook()
    assert window.stack.currentWidget() is window.start_screen
    assert not label.isVisible() and label.text() == ""
    qtbot.waitUntil(lambda: _reasons(folder)[0] == "close", timeout=10000)
    _wait_closed(qtbot, folder)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=10000)
    assert not label.isVisible() and label.text() == ""
    assert shown_errors == []


def _open_with_the_drive_out(qtbot: QtBot, folder: Path) -> tuple[MainWindow, Path]:
    """The window, backing up to a drive that is not plugged in, with the notebook open."""
    stick = folders().data / "stick"
    window = MainWindow()
    window.preferences = replace(window.preferences, backup_folder=str(stick))
    qtbot.addWidget(window)
    window.show()
    _open(qtbot, window, folder)
    qtbot.waitUntil(lambda: window.backup_status.text() == "Not backed up", timeout=10000)
    return window, stick


def test_a_missing_backup_drive_is_shown_without_blocking(
    qtbot: QtBot, folder: Path, shown_errors: list[str]
) -> None:
    window, stick = _open_with_the_drive_out(qtbot, folder)
    assert "plugged in" in window.backup_status.toolTip()
    assert not stick.exists() and shown_errors == []
    _type_a_note(qtbot, window, "Still typing while the drive is out.")
    stick.mkdir(parents=True)  # the drive is back
    window.commands.back_up_now.trigger()
    qtbot.waitUntil(lambda: window.backup_status.text().startswith("Backed up"), timeout=10000)
    assert [e.reason for e in backups.list_backups(stick)] == ["manual"]


def test_a_backup_failing_on_lock_is_told_after_unlocking_not_on_the_lock_screen(
    qtbot: QtBot, folder: Path, shown_errors: list[str]
) -> None:
    window, _ = _open_with_the_drive_out(qtbot, folder)
    _type_a_note(qtbot, window, "Typed while the drive is out.")
    window.lock()
    qtbot.waitUntil(lambda: not (folder / "notebook.open").exists(), timeout=10000)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=10000)
    assert window.statusBar().currentMessage() == ""  # the lock screen shows no activity
    window.unlock()
    enter_passphrase(qtbot, window)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=10000)
    qtbot.waitUntil(lambda: "plugged in" in window.statusBar().currentMessage(), timeout=10000)
    assert shown_errors == []


def test_a_damaged_notebook_offers_the_latest_good_backup(
    qtbot: QtBot, folder: Path, shown_errors: list[str]
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    _open(qtbot, window, folder)
    qtbot.waitUntil(lambda: _reasons(folder) == ["open"], timeout=10000)
    window.close_notebook()
    _wait_closed(qtbot, folder)
    db = folder / "notebook.db"
    db.write_bytes(db.read_bytes()[:6000])
    damaged = db.read_bytes()

    window.session.open_folder(folder)
    qtbot.waitUntil(lambda: _offer(window) is not None, timeout=10000)
    offer = _offer(window)
    assert "incomplete" in offer.message.text() and "cut short" in offer.message.text()
    assert "latest good backup" in offer.offer.text()
    assert "passphrase that was current on" in offer.passphrase.text()
    assert "kept exactly as it is" in offer.offer.text()
    offer.restore_button.click()
    enter_passphrase(qtbot, window)  # the restored copy opens with the passphrase of its day
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=10000)
    restored = window.session.path
    assert restored is not None and restored.name.startswith("test-restored-")
    assert restored.parent == folder.parent
    assert db.read_bytes() == damaged  # the damaged original is kept as it was
    assert shown_errors == []


def test_a_missing_key_file_offers_the_backups_key_file(
    qtbot: QtBot, folder: Path, shown_errors: list[str]
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    _open(qtbot, window, folder)
    qtbot.waitUntil(lambda: _reasons(folder) == ["open"], timeout=10000)
    window.close_notebook()
    _wait_closed(qtbot, folder)
    (folder / "notebook.key").unlink()
    window.session.open_folder(folder)
    qtbot.waitUntil(lambda: _offer(window) is not None, timeout=10000)
    offer = _offer(window)
    assert offer.restore_button.text() == "Use the backup's key file"
    assert "notes themselves are not affected" in offer.offer.text()
    offer.restore_button.click()
    enter_passphrase(qtbot, window)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=10000)
    assert window.session.path == folder
    assert shown_errors == []


def test_restore_from_the_file_menu_lists_backups_newest_first(
    qtbot: QtBot, tmp_path: Path, shown_errors: list[str]
) -> None:
    created = new_notebook(tmp_path)
    first = backups.back_up_now(created.notebook).entry
    second = backups.back_up_now(created.notebook, "interval").entry
    created.notebook.close()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    _open(qtbot, window, created.notebook.folder)
    window.commands.restore_backup.trigger()
    qtbot.waitUntil(lambda: _visible(window, RestoreDialog) is not None, timeout=10000)
    dialog = _visible(window, RestoreDialog)
    assert [e.folder for e in dialog.entries] == [second.folder, first.folder]
    assert "passphrase that was current on" in dialog.detail.text()
    assert dialog.target.name.startswith("test-restored-")
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: dialog.target.exists(), timeout=10000)
    assert shown_errors == []


def _visible(window: MainWindow, kind: type) -> object | None:
    return next((d for d in window.findChildren(kind) if d.isVisible()), None)


def _offer(window: MainWindow) -> DamagedNotebookDialog | None:
    found = _visible(window, DamagedNotebookDialog)
    return found if isinstance(found, DamagedNotebookDialog) else None
