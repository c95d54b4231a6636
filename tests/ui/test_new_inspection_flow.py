"""A new inspection from the start screen, tried as a new user would: the form, the recovery code,
an empty notebook, and a first note that reaches the encrypted file."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from fieldwork.domain.search import SearchQuery
from fieldwork.services.info import notebook_info
from fieldwork.services.opening import open_notebook
from fieldwork.services.search import search_notes
from fieldwork.ui.main_window import MainWindow
from fieldwork.ui.screens.new_inspection_dialog import NewInspectionDialog
from fieldwork.ui.screens.recovery_code_dialog import RecoveryCodeDialog

pytestmark = pytest.mark.ui

PASSPHRASE = "kettle harbour violet 1987 lantern"
NOTE = "Met the principal social worker; supervision records seen for three teams."


class ModalHandler:
    """Answers each modal dialog as it appears. The dialogs run their own event loops (exec),
    so a repeating timer, which fires inside those loops too, does the typing."""

    def __init__(self, handlers: dict[type, Callable[[QWidget], None]]) -> None:
        self.handlers = handlers
        self.answered: list[str] = []
        self.failures: list[BaseException] = []
        self._seen: set[int] = set()
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._check)
        self.timer.start()

    def _check(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or id(modal) in self._seen or not modal.isVisible():
            return
        handler = self.handlers.get(type(modal))
        if handler is None:
            return
        self._seen.add(id(modal))
        try:
            handler(modal)
            self.answered.append(type(modal).__name__)
        except BaseException as error:  # reported by the test, not lost inside Qt's loop
            self.failures.append(error)
            modal.close()


def fill_new_inspection(qtbot: QtBot, dialog: NewInspectionDialog, home: Path) -> None:
    assert not dialog.ok_button.isEnabled()  # nothing filled in yet
    qtbot.keyClicks(dialog.authority, "Westmere Borough Council (fictional)")
    dialog.inspection_type.setCurrentIndex(dialog.inspection_type.findData("focused-visit"))
    dialog.first_day.setDate(QDate(2025, 5, 12))
    dialog.last_day.setDate(QDate(2025, 5, 15))
    dialog.framework.setCurrentIndex(dialog.framework.findData("ilacs-2023"))
    dialog.inspector.clear()
    qtbot.keyClicks(dialog.inspector, "Team inspector 2")
    qtbot.keyClicks(dialog.lead, "Lead inspector 1")
    # The suggested folder is dated, under the user's documents, and not named after anyone.
    assert Path(dialog.folder.text()) == home / "Documents" / "Fieldwork" / "2025-05-12.fieldwork"
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    assert "again" in dialog.problem.text()  # the confirmation is still missing
    qtbot.keyClicks(dialog.confirmation, PASSPHRASE)
    assert dialog.ok_button.isEnabled(), dialog.problem.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def write_down_recovery_code(qtbot: QtBot, dialog: RecoveryCodeDialog) -> None:
    groups = dialog.code_label.text().split()
    asked = re.match(r"Group (\d+) of", dialog.check.accessibleName())
    assert asked is not None and len(groups) >= 4
    assert not dialog.done_button.isEnabled()
    qtbot.keyClicks(dialog.check, groups[int(asked.group(1)) - 1])
    assert dialog.done_button.isEnabled(), dialog.feedback.text()
    qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)


def test_new_inspection_from_the_start_screen_to_a_saved_first_note(
    qtbot: QtBot, isolated_home: Path
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.start_screen
    modals = ModalHandler(
        {
            NewInspectionDialog: lambda d: fill_new_inspection(qtbot, d, isolated_home),  # type: ignore[arg-type]
            RecoveryCodeDialog: lambda d: write_down_recovery_code(qtbot, d),  # type: ignore[arg-type]
        }
    )
    # The click opens the form and returns once the form is closed.
    qtbot.mouseClick(window.start_screen.new_button, Qt.MouseButton.LeftButton)
    # Creating the notebook (the real key derivation) runs on the write lane; the recovery code
    # is shown when it is done, and then the workspace.
    qtbot.waitUntil(lambda: window.workspace is not None or bool(modals.failures), timeout=60_000)
    modals.timer.stop()
    assert not modals.failures, modals.failures
    assert modals.answered == ["NewInspectionDialog", "RecoveryCodeDialog"]
    workspace = window.workspace
    assert window.stack.currentWidget() is workspace
    assert window.windowTitle() == "Fieldwork"  # neutral: never the authority
    qtbot.waitUntil(lambda: "0 notes" in workspace.notes.summary.text(), timeout=10_000)
    assert workspace.notes.model.rowCount() == 0

    # The editor is ready at once; the note is saved without any command.
    editor = workspace.editor
    # (offscreen, no window manager gives the window back its activation after the dialogs)
    assert editor.text.toPlainText() == "" and window.focusWidget() is editor.text
    with qtbot.waitSignal(editor.saved, timeout=10_000) as saved:
        qtbot.keyClicks(editor.text, NOTE)
    qtbot.waitUntil(lambda: not editor.dirty, timeout=10_000)
    assert editor.status.text().startswith("Saved")
    note_id = saved.args[0].saved.id
    folder = window.session.path
    assert folder == isolated_home / "Documents" / "Fieldwork" / "2025-05-12.fieldwork"
    window.close()

    # What reached the disk: the inspection as entered, and the one note, behind the passphrase.
    with open_notebook(folder, passphrase=PASSPHRASE, use_keyring=False) as notebook:
        info = notebook_info(notebook)
        page = search_notes(notebook, SearchQuery(text="supervision"))
    inspection = info.inspection
    assert inspection.authority == "Westmere Borough Council (fictional)"
    assert inspection.inspection_type == "focused-visit"
    assert (inspection.start_date, inspection.end_date) == (date(2025, 5, 12), date(2025, 5, 15))
    assert inspection.framework_id == "ilacs-2023"
    assert (inspection.inspector, inspection.lead_inspector) == (
        "Team inspector 2",
        "Lead inspector 1",
    )
    assert info.notes == 1
    assert [hit.note_id for hit in page.hits] == [note_id]
    assert NOTE.encode() not in (folder / "notebook.db").read_bytes()  # encrypted at rest
