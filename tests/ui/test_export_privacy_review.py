"""The export dialog's privacy review: shown before writing, one key to accept or to replace."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldwork.domain.evidence import NoteDraft, Tag
from fieldwork.domain.ids import CaseId, NoteId, new_id
from fieldwork.domain.pack import note_reference
from fieldwork.domain.people import Case
from fieldwork.runtime.preferences import Preferences
from fieldwork.services import notes, people, verification
from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.dialogs.export_dialog import ExportDialog
from tests.support.pdf import all_text, reader
from tests.support.ui import workspace_context

pytestmark = pytest.mark.ui
TAG = Tag("hp.front-door.thresholds", "strength")
TEXT = "Spoke with dad Zebedee Quartermaine on 07700 900123 about contact."


@pytest.fixture
def ctx(tmp_path: Path, qtbot: QtBot) -> Iterator[tuple[WorkspaceContext, NoteId]]:
    with workspace_context(tmp_path / "nb") as context:
        case = Case(CaseId(new_id()), "C-014")
        people.save_case(context.notebook, case)
        flagged = NoteId(new_id())
        draft = NoteDraft(flagged, TEXT, case_ids=(case.id,), tags=(TAG,))
        notes.save_note(context.notebook, draft)
        quiet = NoteDraft(NoteId(new_id()), "Supervision was regular.", tags=(TAG,))
        notes.save_note(context.notebook, quiet)
        yield context, flagged
        qtbot.waitUntil(lambda: not context.tasks.busy, timeout=30000)


def _reviewing(qtbot: QtBot, ctx: WorkspaceContext, target: Path) -> ExportDialog:
    dialog = ExportDialog(ctx, ctx.tasks, Preferences())
    qtbot.addWidget(dialog)
    target.parent.mkdir(parents=True, exist_ok=True)
    dialog.form.destination.setText(str(target))
    dialog.resize(1000, 700)
    dialog.show()
    with qtbot.waitSignal(dialog.privacy_reviewed, timeout=30000) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].notes
    return dialog


def test_findings_are_shown_before_anything_is_written(
    qtbot: QtBot, ctx: tuple[WorkspaceContext, NoteId], tmp_path: Path
) -> None:
    context, flagged = ctx
    target = tmp_path / "out" / "pack.pdf"
    dialog = _reviewing(qtbot, context, target)
    assert dialog.pages.currentWidget() is dialog.review and dialog.review.isVisible()
    assert dialog.review.headline.text() == "1 note looks like it contains personal data."
    assert dialog.review.findings.count() == 1
    line = dialog.review.findings.item(0).text()
    assert line.startswith(f"{note_reference(flagged)} (C-014): a name “Zebedee Quartermaine”")
    assert "a name “Zebedee Quartermaine” → C-014" in line
    assert "a phone number “07700 900123” → [phone number removed]" in line
    assert "[name removed] in a note with no case" in dialog.review.replace_note.text()
    assert not dialog.export_button.isVisible() and not dialog.progress.isVisible()
    assert dialog.review.findings.hasFocus()
    assert not target.exists() and list(target.parent.iterdir()) == []


def test_a_accepts_and_exports_the_notes_unchanged(
    qtbot: QtBot, ctx: tuple[WorkspaceContext, NoteId], tmp_path: Path
) -> None:
    context, flagged = ctx
    target = tmp_path / "out" / "pack.pdf"
    dialog = _reviewing(qtbot, context, target)
    with qtbot.waitSignal(dialog.exported, timeout=60000):
        qtbot.keyClick(dialog.review.findings, Qt.Key.Key_A)  # one key
    assert "Quartermaine" in all_text(reader(target.read_bytes()))
    assert dialog.review.findings.count() == 0  # the passages are not kept on screen
    note = notes.get_note(context.notebook, flagged)
    assert note is not None and note.text == TEXT


def test_r_replaces_in_the_notebook_then_exports(
    qtbot: QtBot, ctx: tuple[WorkspaceContext, NoteId], tmp_path: Path
) -> None:
    context, flagged = ctx
    target = tmp_path / "out" / "pack.pdf"
    dialog = _reviewing(qtbot, context, target)
    changed: list[object] = []
    context.evidence_changed.connect(lambda: changed.append("evidence"))
    with (
        qtbot.waitSignal(dialog.notes_replaced, timeout=30000) as replaced,
        qtbot.waitSignal(dialog.exported, timeout=60000),
    ):
        qtbot.keyClick(dialog.review.findings, Qt.Key.Key_R)
    assert replaced.args[0] == (flagged,) and changed == ["evidence"]
    text = " ".join(all_text(reader(target.read_bytes())).split())
    assert "Quartermaine" not in text and "900123" not in text
    assert "dad C-014 on [phone number removed]" in text
    qtbot.waitUntil(lambda: not context.tasks.busy, timeout=30000)
    context.tasks.run_on_every_lane(context.notebook.release_thread)
    note = notes.get_note(context.notebook, flagged)
    assert note is not None
    assert note.text.startswith("Spoke with dad C-014 on [phone number removed]")
    assert verification.verify_notebook(context.notebook, full=False).ok
    assert "names with the case reference, other details with a placeholder" in (
        dialog.summary.text()
    )


def test_back_returns_to_the_form_and_writes_nothing(
    qtbot: QtBot, ctx: tuple[WorkspaceContext, NoteId], tmp_path: Path
) -> None:
    context, _ = ctx
    target = tmp_path / "out" / "pack.pdf"
    dialog = _reviewing(qtbot, context, target)
    qtbot.mouseClick(dialog.review.back_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentWidget() is dialog.form and dialog.form.isEnabled()
    assert dialog.export_button.isVisible() and dialog.export_button.isEnabled()
    assert dialog.review.findings.count() == 0
    assert not target.exists()


def test_enter_on_a_note_asks_the_window_to_show_it(
    qtbot: QtBot, ctx: tuple[WorkspaceContext, NoteId], tmp_path: Path
) -> None:
    context, flagged = ctx
    dialog = _reviewing(qtbot, context, tmp_path / "out" / "pack.pdf")
    with qtbot.waitSignal(dialog.note_requested) as blocker:
        qtbot.keyClick(dialog.review.findings, Qt.Key.Key_Return)
    assert blocker.args == [flagged]
    assert dialog.pages.currentWidget() is dialog.review  # still waiting for a decision


def test_a_clean_pack_goes_straight_to_writing(qtbot: QtBot, tmp_path: Path) -> None:
    with workspace_context(tmp_path / "clean") as context:
        notes.save_note(
            context.notebook, NoteDraft(NoteId(new_id()), "Plans were clear.", tags=(TAG,))
        )
        dialog = ExportDialog(context, context.tasks, Preferences())
        qtbot.addWidget(dialog)
        dialog.form.destination.setText(str(tmp_path / "pack.pdf"))
        reviewed: list[object] = []
        dialog.privacy_reviewed.connect(reviewed.append)
        with qtbot.waitSignal(dialog.exported, timeout=60000):
            qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert reviewed == [] and (tmp_path / "pack.pdf").is_file()
        qtbot.waitUntil(lambda: not context.tasks.busy, timeout=30000)


def test_in_the_window_the_editor_shows_the_replaced_text(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldwork.ui.main_window import MainWindow
    from tests.support.notebooks import TEST_PASSPHRASE, new_notebook

    created = new_notebook(tmp_path)
    case = Case(CaseId(new_id()), "C-031")
    people.save_case(created.notebook, case)
    note_id = NoteId(new_id())
    notes.save_note(created.notebook, NoteDraft(note_id, TEXT, case_ids=(case.id,), tags=(TAG,)))
    created.notebook.close()
    window = MainWindow(Preferences())
    qtbot.addWidget(window)
    window.show()
    window.session.open_folder(created.notebook.folder)
    qtbot.waitUntil(lambda: window.session._dialog is not None, timeout=10000)
    window.session._dialog.unlock_requested.emit(TEST_PASSPHRASE, "")
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=10000)
    workspace = window.workspace
    qtbot.waitUntil(lambda: workspace.notes.model.rowCount() == 1, timeout=10000)
    workspace.notes.select_note(note_id)
    editor = workspace.editor
    qtbot.waitUntil(lambda: editor.draft.id == note_id, timeout=10000)
    window.export_pack()
    (dialog,) = window.findChildren(ExportDialog)
    dialog.form.destination.setText(str(tmp_path / "pack.pdf"))
    with qtbot.waitSignal(dialog.privacy_reviewed, timeout=30000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.exported, timeout=60000):
        qtbot.keyClick(dialog.review.findings, Qt.Key.Key_R)
    replaced = "Spoke with dad C-031 on [phone number removed] about contact."
    qtbot.waitUntil(lambda: editor.text.toPlainText() == replaced, timeout=10000)
    assert not editor.dirty and editor.draft.text == replaced
    dialog.close()
    window.close_notebook()
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=10000)
