"""First run, tried as a new user would: the welcome, a first inspection, the demo, and never again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldwork.runtime.paths import folders
from fieldwork.runtime.preferences import Preferences, load_preferences, save_preferences
from fieldwork.ui.launch import open_main_window
from fieldwork.ui.main_window import MainWindow
from fieldwork.ui.screens.first_run import ENCRYPTED, PASSPHRASE, FirstRunPage, is_first_run
from fieldwork.ui.screens.new_inspection_dialog import NewInspectionDialog
from fieldwork.ui.screens.recovery_code_dialog import RecoveryCodeDialog
from tests.support.app_look import restored_look
from tests.ui.test_new_inspection_flow import (
    ModalHandler,
    fill_new_inspection,
    write_down_recovery_code,
)

pytestmark = pytest.mark.ui


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    with restored_look() as app:
        yield app


def _launch(qtbot: QtBot, app: QApplication) -> MainWindow:
    window = open_main_window(app)
    qtbot.addWidget(window)
    window.show()
    return window


def _welcome_in(window: MainWindow) -> bool:
    return any(
        isinstance(window.stack.widget(i), FirstRunPage) for i in range(window.stack.count())
    )


def test_first_run_means_no_preferences_file_yet() -> None:
    assert is_first_run()
    save_preferences(Preferences())
    assert not is_first_run()


def test_welcome_says_what_is_encrypted_and_what_the_passphrase_is_for(
    qtbot: QtBot, app: QApplication
) -> None:
    window = _launch(qtbot, app)
    page = window.stack.currentWidget()
    assert isinstance(page, FirstRunPage)
    texts = [label.text() for label in (page.encrypted, page.passphrase)]
    assert texts == [ENCRYPTED, PASSPHRASE]
    assert "encrypted" in ENCRYPTED and "passphrase" in PASSPHRASE
    # Two sentences in all, and the first choice is one key press away.
    assert sum(text.count(". ") + text.endswith(".") for text in texts) == 2
    assert page.create_button.isDefault()
    assert window.focusWidget() is page.create_button
    # Nothing has been written yet: closing now shows the welcome again next time.
    assert not folders().preferences_file.exists()


def test_going_to_the_start_page_ends_first_run(qtbot: QtBot, app: QApplication) -> None:
    window = _launch(qtbot, app)
    page = window.stack.currentWidget()
    qtbot.mouseClick(page.skip_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.start_screen
    assert not _welcome_in(window)
    assert folders().preferences_file.exists()
    window.close()
    again = _launch(qtbot, app)
    assert again.stack.currentWidget() is again.start_screen


def test_create_the_first_inspection_from_the_welcome(
    qtbot: QtBot, app: QApplication, isolated_home: Path
) -> None:
    window = _launch(qtbot, app)
    page = window.stack.currentWidget()
    seen: dict[str, object] = {}

    def check_then_fill(dialog: NewInspectionDialog) -> None:
        # This computer has no secure keyring (tests run without one): the choice is not
        # offered, and the reason is shown instead.
        seen["remember shown"] = dialog.remember.isVisibleTo(dialog)
        seen["reason shown"] = dialog.keyring_note.isVisibleTo(dialog)
        seen["reason"] = dialog.keyring_note.text()
        fill_new_inspection(qtbot, dialog, isolated_home)  # strength meter and confirmation
        seen["strength"] = dialog.meter.format()

    modals = ModalHandler(
        {
            NewInspectionDialog: check_then_fill,  # type: ignore[dict-item]
            RecoveryCodeDialog: lambda d: write_down_recovery_code(qtbot, d),  # type: ignore[arg-type]
        }
    )
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.workspace is not None or bool(modals.failures), timeout=60_000)
    modals.timer.stop()
    assert not modals.failures, modals.failures
    assert modals.answered == ["NewInspectionDialog", "RecoveryCodeDialog"]
    assert seen["remember shown"] is False and seen["reason shown"] is True
    assert "cannot remember the notebook" in str(seen["reason"])
    assert seen["strength"] == "Strong"
    assert window.stack.currentWidget() is window.workspace
    assert not _welcome_in(window)  # the welcome is gone for good
    saved = load_preferences()
    assert saved.inspector_name == "Team inspector 2"  # the next inspection starts with it
    assert saved.recent_notebooks == (str(window.session.path),)
    window.close()
    assert not is_first_run()


def test_cancelling_the_form_keeps_the_welcome(qtbot: QtBot, app: QApplication) -> None:
    window = _launch(qtbot, app)
    page = window.stack.currentWidget()
    modals = ModalHandler({NewInspectionDialog: lambda d: d.reject()})
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    modals.timer.stop()
    assert modals.answered == ["NewInspectionDialog"]
    assert window.stack.currentWidget() is page
    assert is_first_run()


@pytest.mark.slow
def test_open_the_demo_from_the_welcome(qtbot: QtBot, app: QApplication) -> None:
    window = _launch(qtbot, app)
    page = window.stack.currentWidget()
    qtbot.mouseClick(page.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=120_000)
    assert not _welcome_in(window)
    qtbot.waitUntil(lambda: window.workspace.notes.model.total > 0, timeout=20_000)
    window.close()
    assert not is_first_run()
