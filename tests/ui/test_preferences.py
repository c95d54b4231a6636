"""Preferences: every setting, checked with a sentence, saved, and applied without a restart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldwork.runtime.preferences import Preferences, load_preferences
from fieldwork.ui.dialogs.preferences_dialog import PreferencesDialog, remember_inspector_name
from fieldwork.ui.main_window import MainWindow
from fieldwork.ui.style import DARK, LIGHT, apply_style
from tests.support.app_look import restored_look

pytestmark = pytest.mark.ui


@pytest.fixture
def styled(qapp: QApplication) -> Iterator[QApplication]:
    with restored_look() as app:
        apply_style(app, "light")
        yield app


def _window_colour(app: QApplication) -> str:
    return app.palette().color(QPalette.ColorRole.Window).name()


def test_every_setting_is_in_the_dialog_and_round_trips(qtbot: QtBot) -> None:
    before = Preferences(backup_interval_minutes=15, clipboard_clear_seconds=45)
    dialog = PreferencesDialog(before)
    qtbot.addWidget(dialog)
    assert dialog.result_preferences() == before
    assert (dialog.backup_interval.value(), dialog.clipboard.value()) == (15, 45)
    dialog.backup_interval.setValue(30)
    dialog.clipboard.setValue(0)
    assert dialog.clipboard.text() == "Never"  # 0 is not "0 seconds"
    after = dialog.result_preferences()
    assert (after.backup_interval_minutes, after.clipboard_clear_seconds) == (30, 0)
    # Each setting has a labelled, named field a screen reader can find.
    for field in (
        dialog.inspector_name,
        dialog.marking,
        dialog.caseload,
        dialog.suggestions,
        dialog.idle_lock,
        dialog.retention,
        dialog.clipboard,
        dialog.keep_recent,
        dialog.backup_folder,
        dialog.backup_interval,
        dialog.backup_count,
        dialog.theme,
    ):
        assert field.accessibleName(), field


def test_problems_are_named_and_block_ok(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = PreferencesDialog(Preferences())
    qtbot.addWidget(dialog)
    assert dialog.ok_button.isEnabled() and dialog.problem.isHidden()
    dialog.backup_folder.setText(str(tmp_path / "not-there"))
    assert not dialog.ok_button.isEnabled()
    assert "does not exist" in dialog.problem.text()
    dialog.backup_folder.setText("backups")
    assert "full path" in dialog.problem.text()
    dialog.backup_folder.setText(str(tmp_path))
    assert dialog.ok_button.isEnabled()
    dialog.marking.setCurrentText("   ")
    assert "handling marking" in dialog.problem.text() and not dialog.ok_button.isEnabled()
    dialog.marking.setCurrentText("X" * 61)
    assert "60 characters" in dialog.problem.text()
    dialog.marking.setCurrentText("OFFICIAL")
    assert dialog.ok_button.isEnabled()
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted


def _answer_preferences(qtbot: QtBot, change) -> list[str]:  # type: ignore[no-untyped-def]
    done: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PreferencesDialog):
            QTimer.singleShot(10, answer)
            return
        done.append(change(dialog) or "")

    QTimer.singleShot(0, answer)
    return done


def test_ok_applies_at_once_and_keeps_notebooks_opened_since(
    qtbot: QtBot, styled: QApplication, tmp_path: Path
) -> None:
    window = MainWindow(Preferences())
    qtbot.addWidget(window)
    window.show()
    # A notebook was opened since the window started: the session's copy knows it.
    opened = tmp_path / "2026-05-11.fieldwork"
    opened.mkdir()
    window.session.preferences = window.session.preferences.with_recent(opened)

    def change(dialog: PreferencesDialog) -> None:
        dialog.idle_lock.setValue(7)
        dialog.clipboard.setValue(0)
        dialog.backup_interval.setValue(20)
        dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
        assert _window_colour(styled) == DARK.window  # previewed while choosing
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    done = _answer_preferences(qtbot, change)
    window.commands.preferences.trigger()
    assert done == [""]
    assert window.idle._timer.interval() == 7 * 60_000
    assert window.clipboard_guard._seconds == 0
    assert _window_colour(styled) == DARK.window
    saved = load_preferences()
    assert saved.recent_notebooks == (str(opened.resolve()),)
    assert (saved.theme, saved.backup_interval_minutes, saved.idle_lock_minutes) == ("dark", 20, 7)
    assert window.preferences == window.session.preferences == saved
    assert window.start_screen.recent_list.count() == 1


def test_cancel_puts_the_theme_back_and_saves_nothing(qtbot: QtBot, styled: QApplication) -> None:
    window = MainWindow(Preferences())
    qtbot.addWidget(window)

    def change(dialog: PreferencesDialog) -> None:
        dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
        dialog.idle_lock.setValue(9)
        dialog.reject()

    done = _answer_preferences(qtbot, change)
    window.edit_preferences()
    assert done == [""]
    assert _window_colour(styled) == LIGHT.window
    assert window.idle._timer.interval() == 5 * 60_000
    assert load_preferences() == Preferences()  # nothing written


def test_the_first_inspector_name_becomes_the_default(qtbot: QtBot) -> None:
    window = MainWindow(Preferences())
    qtbot.addWidget(window)
    remember_inspector_name(window, "  Team inspector 3 ")
    assert load_preferences().inspector_name == "Team inspector 3"
    assert window.preferences.inspector_name == "Team inspector 3"
    remember_inspector_name(window, "Someone else")  # a chosen name is never replaced
    assert load_preferences().inspector_name == "Team inspector 3"
