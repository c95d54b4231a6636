"""Start screen, new inspection, recovery code, unlock, lock screen, preferences and activity dialogs."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from fieldwork.domain.ids import CaseId, PractitionerId
from fieldwork.domain.people import Case, Practitioner
from fieldwork.runtime.preferences import Preferences, load_preferences, save_preferences
from fieldwork.ui.dialogs.activity_dialog import ActivityDialog, activity_title
from fieldwork.ui.dialogs.preferences_dialog import PreferencesDialog
from fieldwork.ui.screens import recovery_code_dialog, start_screen
from fieldwork.ui.screens.lock_screen import LockScreen
from fieldwork.ui.screens.new_inspection_dialog import NewInspectionDialog
from fieldwork.ui.screens.recovery_code_dialog import RecoveryCodeDialog
from fieldwork.ui.screens.start_screen import StartScreen
from fieldwork.ui.screens.unlock_dialog import UnlockDialog

pytestmark = pytest.mark.ui

FRAMEWORKS = [("ilacs-2023", "ILACS 2023"), ("ilacs-2026", "ILACS 2026")]
CODE = "7Q2K-M9XD-4TRA-PL6W-QH3C-ZB8N-J5"
WRONG = "That passphrase does not open this notebook. Check Caps Lock and try again."


# --- start screen ---------------------------------------------------------------------
def test_start_screen_buttons_emit(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    screen = StartScreen(Preferences())
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.new_requested):
        qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(screen.demo_requested):
        qtbot.mouseClick(screen.demo_button, Qt.MouseButton.LeftButton)
    monkeypatch.setattr(start_screen, "choose_notebook_folder", lambda parent: "/x/a.fieldwork")
    with qtbot.waitSignal(screen.open_requested) as opened:
        qtbot.mouseClick(screen.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == ["/x/a.fieldwork"]
    assert not screen.recent_list.isVisibleTo(screen)  # nothing recent: a short note instead
    assert screen.empty_note.isVisibleTo(screen)


def test_start_screen_enter_opens_recent_and_greys_missing(qtbot: QtBot, tmp_path: Path) -> None:
    here = tmp_path / "2025-05-12.fieldwork"
    here.mkdir()
    gone = tmp_path / "gone.fieldwork"
    screen = StartScreen(Preferences(recent_notebooks=(str(here), str(gone))))
    qtbot.addWidget(screen)
    assert screen.recent_list.count() == 2
    first, second = screen.recent_list.item(0), screen.recent_list.item(1)
    assert first.text().splitlines() == ["2025-05-12.fieldwork", str(tmp_path)]
    assert "(not found)" in second.text() and "(not found)" not in first.text()
    screen.recent_list.setFocus()
    screen.recent_list.setCurrentRow(0)
    with qtbot.waitSignal(screen.open_requested) as opened:
        qtbot.keyClick(screen.recent_list, Qt.Key.Key_Return)
    assert opened.args == [str(here)]
    screen.recent_list.setCurrentRow(1)
    with qtbot.assertNotEmitted(screen.open_requested):
        qtbot.keyClick(screen.recent_list, Qt.Key.Key_Return)
    assert screen.status.isVisibleTo(screen)
    screen.set_recent([])
    assert screen.recent_list.count() == 0


# --- new inspection -------------------------------------------------------------------
def _new_dialog(qtbot: QtBot, keyring: tuple[bool, str] = (True, "memory")) -> NewInspectionDialog:
    dialog = NewInspectionDialog(FRAMEWORKS, "ilacs-2026", "Team inspector 2", keyring)
    qtbot.addWidget(dialog)
    return dialog


def _fill(dialog: NewInspectionDialog, tmp_path: Path) -> None:
    dialog.authority.setText("Westmere Borough Council (fictional)")
    dialog.first_day.setDate(QDate(2025, 5, 12))
    dialog.last_day.setDate(QDate(2025, 5, 23))
    dialog.folder.setText(str(tmp_path / "2025-05-12.fieldwork"))
    dialog.passphrase.setText("a long enough passphrase 42")
    dialog.confirmation.setText("a long enough passphrase 42")


def test_new_inspection_validation(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _new_dialog(qtbot)
    assert not dialog.ok_button.isEnabled()
    assert dialog.problem.text() == "Enter the name of the local authority."
    _fill(dialog, tmp_path)
    assert dialog.ok_button.isEnabled(), dialog.problem.text()

    dialog.authority.setText("   ")
    assert not dialog.ok_button.isEnabled()
    assert "local authority" in dialog.problem.text()
    dialog.authority.setText("Westmere")

    dialog.last_day.setDate(QDate(2025, 5, 9))
    assert dialog.problem.text() == "The last day on site is before the first day."
    assert not dialog.ok_button.isEnabled()
    dialog.last_day.setDate(QDate(2025, 5, 12))  # one day on site is fine
    assert dialog.ok_button.isEnabled()

    dialog.confirmation.setText("something else")
    assert "different" in dialog.problem.text()
    assert not dialog.ok_button.isEnabled()

    dialog.passphrase.setText("")
    dialog.confirmation.setText("")
    assert "empty one would not protect" in dialog.problem.text()
    assert not dialog.ok_button.isEnabled()
    assert dialog.meter.value() == 0

    dialog.passphrase.setText("password1")
    dialog.confirmation.setText("password1")
    assert dialog.ok_button.isEnabled()  # weak is warned about, not refused
    assert dialog.advice.isVisibleTo(dialog)
    assert "common password" in dialog.advice.text()
    assert dialog.advice.textFormat() == Qt.TextFormat.PlainText

    (tmp_path / "taken.fieldwork").mkdir()
    dialog.folder.setText(str(tmp_path / "taken.fieldwork"))
    assert "already exists" in dialog.problem.text()


def test_new_inspection_result_values_clear_the_passphrase(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _new_dialog(qtbot)
    _fill(dialog, tmp_path)
    dialog.lead.setText("Lead inspector")
    dialog.inspection_type.setCurrentIndex(dialog.inspection_type.findData("focused-visit"))
    dialog.remember.setChecked(True)
    assert dialog.recovery.isChecked()  # on by default (SECURITY.md §3)
    values = dialog.result_values()
    assert values.inspection.authority == "Westmere Borough Council (fictional)"
    assert values.inspection.inspection_type == "focused-visit"
    assert values.inspection.start_date == date(2025, 5, 12)
    assert values.inspection.end_date == date(2025, 5, 23)
    assert values.inspection.framework_id == "ilacs-2026"
    assert values.inspection.inspector == "Team inspector 2"
    assert values.inspection.lead_inspector == "Lead inspector"
    assert values.folder == tmp_path / "2025-05-12.fieldwork"
    assert values.passphrase == "a long enough passphrase 42"
    assert values.remember and values.recovery_code
    assert "passphrase 42" not in repr(values)
    assert dialog.passphrase.text() == "" and dialog.confirmation.text() == ""


def test_default_folder_is_dated_and_follows_the_first_day(qtbot: QtBot) -> None:
    dialog = _new_dialog(qtbot)
    dialog.authority.setText("Westmere")
    dialog.first_day.setDate(QDate(2026, 3, 2))
    folder = Path(dialog.folder.text())
    assert folder.name == "2026-03-02.fieldwork"
    assert folder.parent == Path.home() / "Documents" / "Fieldwork"
    assert "Westmere" not in dialog.folder.text()


def test_remember_hidden_without_a_keyring(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _new_dialog(qtbot, (False, "The system keyring is locked."))
    dialog.show()
    assert not dialog.remember.isVisible()
    assert dialog.keyring_note.isVisible()
    assert "locked" in dialog.keyring_note.text()
    _fill(dialog, tmp_path)
    dialog.remember.setChecked(True)  # even if set somehow, it cannot be used here
    assert dialog.result_values().remember is False
    shown = _new_dialog(qtbot)
    shown.show()
    assert shown.remember.isVisible() and not shown.keyring_note.isVisible()


# --- recovery code --------------------------------------------------------------------
def test_recovery_dialog_needs_the_last_full_group(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = RecoveryCodeDialog(CODE)
    qtbot.addWidget(dialog)
    assert dialog.code_label.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
    assert "ZB8N" in dialog.code_label.text()
    assert not dialog.done_button.isEnabled()
    dialog.check.setText("J5")  # the final group has two characters: not the one asked for
    assert not dialog.done_button.isEnabled()
    dialog.check.setText("QH3C")  # an earlier full group
    assert not dialog.done_button.isEnabled()
    dialog.check.setText("zb8n")  # case does not matter
    assert dialog.done_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
    assert dialog.written_down
    assert dialog.code_label.text() == ""  # not kept on screen after use


def test_recovery_dialog_skip_needs_confirmation(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [False, True]
    monkeypatch.setattr(recovery_code_dialog, "confirm_skip", lambda parent: answers.pop(0))
    dialog = RecoveryCodeDialog(CODE)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.skip_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() == 0  # "Go back"
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.written_down


# --- unlock ---------------------------------------------------------------------------
def test_unlock_emits_clears_and_shows_errors(qtbot: QtBot) -> None:
    dialog = UnlockDialog("2025-05-12.fieldwork", reason="The system keyring is locked.")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.reason.isVisible()
    qtbot.keyClicks(dialog.passphrase, "not it")
    with qtbot.waitSignal(dialog.unlock_requested) as asked:
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert asked.args == ["not it", ""]
    assert dialog.passphrase.text() == ""
    assert not dialog.passphrase.isEnabled()  # busy while the key is derived
    dialog.show_error(WRONG)
    assert dialog.isVisible()
    assert dialog.passphrase.isEnabled() and dialog.unlock_button.isEnabled()
    assert WRONG in dialog.error.text()
    assert dialog.error.textFormat() == Qt.TextFormat.PlainText
    assert dialog.passphrase.hasFocus() or not dialog.isActiveWindow()

    dialog.use_recovery.setChecked(True)
    assert dialog.recovery.isVisible() and not dialog.passphrase.isVisible()
    qtbot.keyClicks(dialog.recovery, "7Q2K-M9XD")
    with qtbot.waitSignal(dialog.unlock_requested) as asked:
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert asked.args == ["", "7Q2K-M9XD"]
    assert dialog.recovery.text() == ""


def test_unlock_refuses_an_empty_passphrase_without_emitting(qtbot: QtBot) -> None:
    dialog = UnlockDialog("notebook")
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.assertNotEmitted(dialog.unlock_requested):
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert "Enter the notebook's passphrase." in dialog.error.text()


# --- lock screen ----------------------------------------------------------------------
def test_lock_screen_enter_unlocks(qtbot: QtBot) -> None:
    screen = LockScreen()
    qtbot.addWidget(screen)
    screen.show()
    screen.set_message("Locked after 5 minutes without use")
    assert screen.message.isVisible()
    with qtbot.waitSignal(screen.unlock_requested):
        qtbot.keyClick(screen, Qt.Key.Key_Return)
    with qtbot.waitSignal(screen.unlock_requested):
        qtbot.keyClick(screen.unlock_button, Qt.Key.Key_Enter)
    screen.set_message("")
    assert not screen.message.isVisible()


# --- preferences ----------------------------------------------------------------------
def test_preferences_round_trip(qtbot: QtBot) -> None:
    before = Preferences(
        inspector_name="Team inspector 2", recent_notebooks=("/a.fieldwork", "/b.fieldwork")
    )
    dialog = PreferencesDialog(before)
    qtbot.addWidget(dialog)
    assert dialog.result_preferences() == before  # unchanged in, unchanged out
    dialog.inspector_name.setText("  Inspector Two ")
    dialog.idle_lock.setValue(500)  # clamped to 120
    dialog.backup_folder.setText("/media/backups")
    dialog.backup_count.setValue(5)
    dialog.retention.setValue(30)
    dialog.caseload.setValue(20)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.suggestions.setChecked(False)
    dialog.marking.setCurrentText("OFFICIAL")
    assert dialog.clear_recent.isEnabled()
    qtbot.mouseClick(dialog.clear_recent, Qt.MouseButton.LeftButton)
    assert not dialog.clear_recent.isEnabled()
    after = dialog.result_preferences()
    assert after == Preferences(
        inspector_name="Inspector Two",
        default_marking="OFFICIAL",
        idle_lock_minutes=120,
        backup_folder="/media/backups",
        backup_count=5,
        retention_days=30,
        caseload_threshold=20,
        keep_recent=True,
        recent_notebooks=(),
        theme="dark",
        suggestions=False,
    )
    save_preferences(after)
    assert load_preferences() == after
    again = PreferencesDialog(load_preferences())
    qtbot.addWidget(again)
    again.keep_recent.setChecked(False)
    assert again.result_preferences().keep_recent is False


# --- activity -------------------------------------------------------------------------
def test_activity_dialog_builds_an_activity_with_picked_cases(qtbot: QtBot) -> None:
    p03 = Practitioner(PractitionerId("p-3"), "P03", "social worker", "AST")
    cases = [Case(CaseId(f"c-{n}"), f"C-{n:03d}") for n in (12, 15, 101)]
    dialog = ActivityDialog(cases, [p03])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.kind.setCurrentIndex(dialog.kind.findData("sitting-alongside"))
    assert dialog.kind.currentText() == "Sitting alongside a practitioner"
    qtbot.keyClicks(dialog.practitioners.edit, "p03")
    qtbot.keyClick(dialog.practitioners.edit, Qt.Key.Key_Return)
    for typed in ("C-012", "15", "C-0"):  # exact, the only partial match, then ambiguous
        dialog.cases.edit.setText(typed)
        qtbot.keyClick(dialog.cases.edit, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter in a reference field never starts the activity
    assert dialog.cases.picked_references() == ("C-012", "C-015")
    assert dialog.cases.hint.isVisible()
    dialog.cases.edit.clear()
    dialog.cases.edit.setText("C-101")
    qtbot.keyClick(dialog.cases.edit, Qt.Key.Key_Return)
    dialog.cases.edit.setFocus()
    qtbot.keyClick(dialog.cases.edit, Qt.Key.Key_Backspace)  # empty field: drop the last
    assert dialog.title.text() == "Sitting alongside P03 on C-012 and C-015"
    before = datetime.now(UTC)
    activity = dialog.result_activity()
    assert activity.kind == "sitting-alongside"
    assert activity.case_ids == ("c-12", "c-15")
    assert activity.practitioner_ids == ("p-3",)
    assert activity.title == "Sitting alongside P03 on C-012 and C-015"
    assert activity.started_at.tzinfo is not None and activity.started_at >= before
    assert len(activity.id) == 36 and activity.ended_at is None

    dialog.title.setText("")
    qtbot.keyClicks(dialog.title, "Second session")
    dialog.kind.setCurrentIndex(dialog.kind.findData("record-review"))
    assert dialog.title.text() == "Second session"  # the user's own title is kept
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_activity_titles() -> None:
    assert activity_title("record-review", ["C-001"], []) == "Record review: C-001"
    assert activity_title("focus-group", [], []) == "Focus group"
    assert activity_title("meeting-managers", [], ["P01", "P02"]) == (
        "Meeting with managers: P01 and P02"
    )
