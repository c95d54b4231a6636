"""The export dialog: fills a request, writes the pack on the job lane, cancels cleanly."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import shiboken6
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from fieldwork.domain.evidence import NoteDraft, Tag
from fieldwork.domain.ids import NoteId, new_id
from fieldwork.domain.pack import PASSWORD_NOTICE, default_pack_name
from fieldwork.runtime.preferences import Preferences
from fieldwork.services import notes
from fieldwork.services.demo_notebook import create_demo_notebook
from fieldwork.services.opening import KdfChoice
from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.dialogs.export_dialog import (
    CANCELLED_TEXT,
    ExportDialog,
    default_destination,
    suggest_passphrase,
)
from fieldwork.ui.main_window import MainWindow
from fieldwork.ui.tasks import TaskRunner
from tests.support.ui import workspace_context

pytestmark = pytest.mark.ui
TAGS = (
    Tag("hp.front-door.thresholds", "serious-weakness"),
    Tag("lead.workforce.supervision-oversight", "strength"),
    Tag("cic.permanence.planning", "area-for-improvement"),
)


def _settle(qtbot: QtBot, tasks: TaskRunner) -> None:
    qtbot.waitUntil(lambda: not tasks.busy, timeout=30000)


@pytest.fixture
def ctx(tmp_path: Path, qtbot: QtBot) -> Iterator[WorkspaceContext]:
    with workspace_context(tmp_path / "small") as context:
        for number, tag in enumerate(TAGS):
            text = f"Note {number}: <b>markup</b>"
            draft = NoteDraft(NoteId(new_id()), text, tags=(tag,), author="Team inspector 2")
            notes.save_note(context.notebook, draft)
        yield context
        _settle(qtbot, context.tasks)


@pytest.fixture
def big(tmp_path: Path, qtbot: QtBot) -> Iterator[WorkspaceContext]:
    created = create_demo_notebook(
        tmp_path / "demo.fieldwork",
        "a passphrase for the demo",
        notes=600,
        kdf=KdfChoice(1, 8192, 1),
    )
    tasks = TaskRunner()
    yield WorkspaceContext(tasks, created.notebook)
    _settle(qtbot, tasks)
    tasks.run_on_every_lane(created.notebook.release_thread)
    tasks.shutdown()
    created.notebook.close()


def _dialog(
    qtbot: QtBot, ctx: WorkspaceContext, target: Path | None = None, *, owned: bool = True
) -> ExportDialog:
    dialog = ExportDialog(
        ctx, ctx.tasks, Preferences(default_marking="OFFICIAL", caseload_threshold=18)
    )
    if owned:  # else it deletes itself on close, as the main window's does
        qtbot.addWidget(dialog)
    else:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        dialog.form.destination.setText(str(target))
    dialog.resize(1000, 700)
    dialog.show()
    return dialog


def _start(qtbot: QtBot, dialog: ExportDialog) -> None:
    assert dialog.export_button.isEnabled(), dialog.status.text()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)


def test_defaults_come_from_the_framework_and_preferences(
    qtbot: QtBot, ctx: WorkspaceContext
) -> None:
    dialog = _dialog(qtbot, ctx)
    assert list(dialog.form.judgements) == ["lead", "hp", "cic", "cl", "oe"]
    assert all(check.isChecked() for check in dialog.form.judgements.values())
    assert dialog.form.marking.text() == "OFFICIAL" and dialog.form.threshold.value() == 18
    assert [dialog.form.author.itemText(i) for i in range(dialog.form.author.count())] == [
        "All inspectors",
        "Team inspector 2",
    ]
    assert not dialog.form.since.isEnabled() and not dialog.form.until.isEnabled()
    assert not dialog.form.password_fields.isVisibleTo(dialog)
    notice = [
        label
        for label in dialog.findChildren(type(dialog.status))
        if label.text() == PASSWORD_NOTICE
    ]
    assert notice and notice[0].textFormat() == Qt.TextFormat.PlainText and notice[0].wordWrap()
    for widget in (
        dialog.form.marking,
        dialog.form.threshold,
        dialog.form.destination,
        dialog.form.author,
        dialog.form.protect,
    ):
        assert widget.accessibleName()
    assert dialog.export_button.isEnabled()


def test_the_default_file_name_is_dated_and_neutral(qtbot: QtBot, ctx: WorkspaceContext) -> None:
    dialog = _dialog(qtbot, ctx)
    path = Path(dialog.form.destination.text())
    assert (
        path
        == default_destination()
        == Path.home() / "Documents" / "Fieldwork" / default_pack_name(date.today())
    )
    assert "westmere" not in dialog.form.destination.text().casefold()
    assert "Westmere" not in dialog.windowTitle()


def test_export_writes_the_pack_and_shows_where(
    qtbot: QtBot, ctx: WorkspaceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out" / "pack.pdf"
    dialog = _dialog(qtbot, ctx, target)
    dialog.form.judgements["oe"].setChecked(False)
    dialog.form.author.setCurrentIndex(1)
    with qtbot.waitSignal(dialog.exported, timeout=60000) as blocker:
        _start(qtbot, dialog)
        assert not dialog.form.isEnabled() and dialog.progress.isVisible()
    result = blocker.args[0]
    assert result.path == target and result.notes == 3 and not result.encrypted
    pdf = PdfReader(target)
    assert len(pdf.pages) == result.pages > 1
    assert sorted(p.name for p in target.parent.iterdir()) == ["pack.pdf"]  # no .part left
    summary = dialog.summary.text()
    assert (
        str(target) in summary
        and result.fingerprint in summary
        and f"{result.pages} pages" in summary
    )
    assert dialog.summary.textFormat() == Qt.TextFormat.PlainText
    assert dialog.open_folder.isVisible() and not dialog.export_button.isVisible()
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    qtbot.mouseClick(dialog.open_folder, Qt.MouseButton.LeftButton)
    assert [Path(p) for p in opened] == [target.parent]


def test_the_default_folder_is_made_when_missing(qtbot: QtBot, ctx: WorkspaceContext) -> None:
    dialog = _dialog(qtbot, ctx)
    assert not default_destination().parent.exists()
    with qtbot.waitSignal(dialog.exported, timeout=60000):
        _start(qtbot, dialog)
    assert default_destination().is_file()


def test_a_password_protects_the_pack_and_is_cleared(
    qtbot: QtBot, ctx: WorkspaceContext, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "locked.pdf"
    dialog = _dialog(qtbot, ctx, target)
    qtbot.keyClick(dialog.form.protect, Qt.Key.Key_Space)  # keyboard first
    assert dialog.form.password_fields.isVisible()
    qtbot.keyClicks(dialog.form.password, "juniper otter kettle")
    qtbot.keyClicks(dialog.form.confirm, "juniper otter kettle")
    with qtbot.waitSignal(dialog.exported, timeout=60000) as blocker:
        _start(qtbot, dialog)
    assert blocker.args[0].encrypted
    pdf = PdfReader(target)
    assert pdf.is_encrypted and pdf.decrypt("juniper otter kettle")
    assert dialog.form.password.text() == "" and dialog.form.confirm.text() == ""
    assert "opens only with the password" in dialog.summary.text()


def test_mismatched_passwords_keep_export_disabled(qtbot: QtBot, ctx: WorkspaceContext) -> None:
    dialog = _dialog(qtbot, ctx)
    dialog.form.protect.setChecked(True)
    assert not dialog.export_button.isEnabled() and "password" in dialog.status.text()
    qtbot.keyClicks(dialog.form.password, "alpha bravo charlie")
    qtbot.keyClicks(dialog.form.confirm, "alpha bravo charlie delta")
    assert not dialog.export_button.isEnabled()
    assert dialog.status.text() == "The two passwords do not match."
    dialog.form.confirm.setText("alpha bravo charlie")
    assert dialog.export_button.isEnabled() and dialog.status.text() == ""
    dialog.form.protect.setChecked(False)
    assert dialog.export_button.isEnabled()


def test_a_suggested_passphrase_shows_once_then_hides(qtbot: QtBot, ctx: WorkspaceContext) -> None:
    dialog = _dialog(qtbot, ctx)
    dialog.form.protect.setChecked(True)
    dialog.form.suggest()
    phrase = dialog.form.password.text()
    assert len(phrase.split("-")) == 5 and phrase == dialog.form.confirm.text()
    assert dialog.form.password.echoMode() == QLineEdit.EchoMode.Normal
    assert "different route" in dialog.form.password_note.text()
    assert dialog.export_button.isEnabled()
    qtbot.keyClicks(dialog.form.password, "x")
    assert dialog.form.password.echoMode() == QLineEdit.EchoMode.Password
    assert not dialog.export_button.isEnabled()
    assert len({suggest_passphrase() for _ in range(50)}) == 50


def test_other_problems_keep_export_disabled(qtbot: QtBot, ctx: WorkspaceContext) -> None:
    dialog = _dialog(qtbot, ctx)
    for check in dialog.form.judgements.values():
        check.setChecked(False)
    assert not dialog.export_button.isEnabled() and "judgement" in dialog.status.text()
    dialog.form.judgements["hp"].setChecked(True)
    dialog.form.use_since.setChecked(True)
    dialog.form.use_until.setChecked(True)
    dialog.form.since.setDate(dialog.form.until.date().addDays(1))
    assert not dialog.export_button.isEnabled() and "date range" in dialog.status.text()
    dialog.form.use_since.setChecked(False)
    dialog.form.marking.clear()
    assert not dialog.export_button.isEnabled() and "marking" in dialog.status.text()
    dialog.form.marking.setText("OFFICIAL-SENSITIVE")
    dialog.form.destination.clear()
    assert not dialog.export_button.isEnabled()
    dialog.form.destination.setText("/tmp/x.pdf")
    assert dialog.export_button.isEnabled()


def test_a_failure_shows_the_plain_message(
    qtbot: QtBot, ctx: WorkspaceContext, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, ctx)
    dialog.form.destination.setText(str(tmp_path / "no such folder" / "pack.pdf"))
    with qtbot.waitSignal(dialog.export_failed, timeout=60000) as blocker:
        _start(qtbot, dialog)
    assert blocker.args[0] == "The folder for the pack does not exist."
    assert dialog.status.text() == blocker.args[0]
    assert dialog.form.isEnabled() and dialog.export_button.isEnabled()


def test_cancel_leaves_nothing_and_the_window_stays_responsive(
    qtbot: QtBot, big: WorkspaceContext, tmp_path: Path
) -> None:
    folder = tmp_path / "packs"
    dialog = _dialog(qtbot, big, folder / "pack.pdf")
    editor = QLineEdit()  # stands in for the note editor: typing goes on during the export
    qtbot.addWidget(editor)
    _start(qtbot, dialog)
    qtbot.waitUntil(
        lambda: dialog.progress.maximum() > 0 and dialog.progress.value() > 1, timeout=30000
    )
    qtbot.keyClicks(editor, "typing while it runs")
    assert editor.text() == "typing while it runs"
    with qtbot.waitSignal(dialog.cancelled, timeout=30000):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == CANCELLED_TEXT
    assert list(folder.iterdir()) == []  # neither the pack nor a .part file
    assert dialog.form.isEnabled() and dialog.export_button.isEnabled()


def test_closing_while_running_cancels_then_deletes(
    qtbot: QtBot, big: WorkspaceContext, tmp_path: Path
) -> None:
    folder = tmp_path / "packs"
    dialog = _dialog(qtbot, big, folder / "pack.pdf", owned=False)
    _start(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.progress.maximum() > 0, timeout=30000)
    heard: list[str] = []  # plain callables: no receiver left to disconnect once deleted
    dialog.cancelled.connect(lambda: heard.append("cancelled"))
    dialog.finished.connect(lambda _result: heard.append("finished"))
    dialog.close()  # hidden at once; deleted only once the job has stopped
    assert not dialog.isVisible() and shiboken6.isValid(dialog) and big.tasks.busy
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=30000)
    assert sorted(heard) == ["cancelled", "finished"]
    _settle(qtbot, big.tasks)
    assert list(folder.iterdir()) == []


def test_the_file_menu_offers_export_only_with_a_notebook(
    qtbot: QtBot, ctx: WorkspaceContext
) -> None:
    window = MainWindow(Preferences())
    qtbot.addWidget(window)
    file_menu = window.menuBar().actions()[0].menu()
    texts = [action.text() for action in file_menu.actions()]
    assert texts.index("&Export evidence pack…") == texts.index("Open the &demo inspection") + 2
    action = window.commands.export_pack
    assert action.shortcut().toString() == "Ctrl+E"
    assert action in window.commands.notebook_actions() and not action.isEnabled()
    window.export_pack()  # no notebook: nothing opens
    assert window.findChildren(ExportDialog) == []
    window.session.ctx = ctx  # as if opened; the dialog takes the session's context
    window.export_pack()
    window.export_pack()  # the open one is raised, not a second one made
    (dialog,) = window.findChildren(ExportDialog)
    assert dialog.isVisible() and dialog.ctx is ctx
    with qtbot.waitSignal(dialog.destroyed):  # WA_DeleteOnClose
        window.session.ctx = None
        window.session.closed.emit()
