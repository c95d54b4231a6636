"""Retention in the window: the start page's line, the offer, and typed consent to delete."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldwork.runtime.preferences import Preferences, load_preferences
from fieldwork.services import retention
from fieldwork.services.backups import back_up_now
from fieldwork.ui.dialogs.secure_delete_dialog import SecureDeleteDialog
from fieldwork.ui.main_window import MainWindow
from fieldwork.ui.screens.retention_offer import DueRole, RetentionRole
from tests.support.notebooks import TEST_PASSPHRASE, new_notebook

pytestmark = pytest.mark.ui


def _notebook(folder: Path, prefs: Preferences, *, seen: bool = True) -> Path:
    with new_notebook(folder).notebook as notebook:
        back_up_now(notebook, preferences=prefs, root=_default_backups())
        if seen:
            retention.record_inspection(notebook, prefs)
        return notebook.folder


def _default_backups() -> Path:
    from fieldwork.runtime.paths import folders

    folders().backups.mkdir(parents=True, exist_ok=True)
    return folders().backups


def _window(qtbot: QtBot, prefs: Preferences) -> MainWindow:
    window = MainWindow(prefs)
    qtbot.addWidget(window)
    window.resize(1100, 760)
    window.show()
    return window


def test_the_start_page_says_how_long_ago_and_offers_deletion(qtbot: QtBot, tmp_path: Path) -> None:
    prefs = Preferences(retention_days=1)
    due = _notebook(tmp_path / "due", prefs)
    unseen = _notebook(tmp_path / "unseen", prefs, seen=False)
    prefs = prefs.with_recent(unseen).with_recent(due)
    window = _window(qtbot, prefs)
    offer, recent = window.start_screen.retention, window.start_screen.recent_list
    first, second = recent.item(0), recent.item(1)
    assert first.data(RetentionRole).startswith("Ended ") and first.data(DueRole)
    assert first.data(RetentionRole).endswith(" days ago · past retention")
    assert "past the 1-day retention period" in first.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "past the 1-day retention period" in offer.note.text()
    assert second.data(RetentionRole) is None and not second.data(DueRole)
    assert offer.isVisible() and offer.delete_button.isEnabled()
    assert "delete it securely" in offer.note.text()
    recent.setCurrentRow(1)
    assert not offer.isVisible()  # nothing known about that one
    window.start_screen.retention.preferences = Preferences(retention_days=100_000)
    window.start_screen.set_recent(list(prefs.recent_notebooks))
    assert not offer.isVisible() and not recent.item(0).data(DueRole)
    assert not recent.item(0).data(RetentionRole).endswith("retention")


def test_typed_consent_then_everything_goes(qtbot: QtBot, tmp_path: Path) -> None:
    prefs = Preferences(retention_days=1)
    folder = _notebook(tmp_path, prefs)
    prefs = prefs.with_recent(folder)
    window = _window(qtbot, prefs)
    qtbot.mouseClick(window.start_screen.retention.delete_button, Qt.MouseButton.LeftButton)
    (dialog,) = window.findChildren(SecureDeleteDialog)
    qtbot.waitUntil(lambda: dialog._planned is not None, timeout=10000)
    assert "1 backup," in dialog.plan.text() and folder.name in dialog.plan.text()
    assert "SSD" in dialog.honest.text() and "recovery code" in dialog.honest.text()
    assert not dialog.delete_button.isEnabled() and dialog.cancel_button.isDefault()
    qtbot.keyClicks(dialog.typed, "test")
    assert not dialog.delete_button.isEnabled()
    qtbot.keyClicks(dialog.typed, ".fieldwork")
    assert dialog.delete_button.isEnabled()
    with qtbot.waitSignal(dialog.deleted, timeout=20000) as blocker:
        qtbot.keyClick(dialog.typed, Qt.Key.Key_Return)  # Delete is now the default button
    assert blocker.args[0].complete and not folder.exists()
    assert not (_default_backups() / blocker.args[0].folder.name).exists()
    assert list(_default_backups().iterdir()) == []
    assert "has been deleted, with its 1 backup" in dialog.plan.text()
    assert window.start_screen.recent_list.count() == 0
    assert load_preferences().recent_notebooks == ()
    assert not window.start_screen.retention.isVisible()


def test_cancel_deletes_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    prefs = Preferences(retention_days=1)
    folder = _notebook(tmp_path, prefs)
    window = _window(qtbot, prefs.with_recent(folder))
    window.delete_notebook(str(folder))
    (dialog,) = window.findChildren(SecureDeleteDialog)
    qtbot.waitUntil(lambda: dialog._planned is not None, timeout=10000)
    qtbot.keyClick(dialog.typed, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert (folder / "notebook.db").exists() and window.start_screen.recent_list.count() == 1


def test_unlocking_a_notebook_past_retention_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    prefs = Preferences(retention_days=1)
    folder = _notebook(tmp_path, prefs, seen=False)
    window = _window(qtbot, prefs)
    window.session.open_folder(folder)
    qtbot.waitUntil(lambda: window.session._dialog is not None, timeout=10000)
    window.session._dialog.unlock_requested.emit(TEST_PASSPHRASE, "")
    qtbot.waitUntil(
        lambda: "retention period" in window.statusBar().currentMessage(), timeout=10000
    )
    assert "Delete securely" in window.statusBar().currentMessage()
    assert retention.remembered_statuses([str(folder)], prefs)[str(folder)].due
    window.close_notebook()
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=10000)


def test_the_demo_is_not_offered_for_secure_deletion(qtbot: QtBot, tmp_path: Path) -> None:
    from fieldwork.runtime.paths import folders
    from fieldwork.services.demo_notebook import create_demo_notebook
    from tests.support.notebooks import CHEAP_KDF

    prefs = Preferences(retention_days=1)
    demo = folders().demo_notebook
    create_demo_notebook(demo, "demonstration only", notes=5, kdf=CHEAP_KDF).notebook.close()
    due = _notebook(tmp_path, prefs)
    # What an earlier version kept for the demo, beside the real notebook's record.
    record = folders().config / retention.RECORD_NAME
    kept = json.loads(record.read_text())
    kept[str(demo.resolve())] = {"notebook_id": "demo", "ended": "2025-05-23"}
    record.write_text(json.dumps(kept))
    window = _window(qtbot, prefs.with_recent(due).with_recent(demo))
    offer, recent = window.start_screen.retention, window.start_screen.recent_list
    assert recent.currentRow() == 0 and recent.item(0).data(RetentionRole) is None
    assert not recent.item(0).data(DueRole) and not offer.isVisible()
    recent.setCurrentRow(1)  # a real inspection past retention still is
    assert offer.isVisible()
    # Opening the demo does not say it is past retention either.
    window.open_demo()
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=20000)
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=10000)
    assert "retention" not in window.statusBar().currentMessage()
    assert retention.remembered_statuses([str(demo)], prefs) == {}
    window.close_notebook()
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=10000)
