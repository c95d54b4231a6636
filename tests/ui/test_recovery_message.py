"""On opening, the window gives back what the last run left and says what it was."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldwork.domain.evidence import NoteDraft
from fieldwork.domain.ids import NoteId, new_id
from fieldwork.services import drafts, notes, opening
from fieldwork.ui.editor.recovery import describe, show_recovery
from fieldwork.ui.main_window import MainWindow
from tests.support.notebooks import TEST_PASSPHRASE, new_notebook
from tests.support.ui import workspace_context

pytestmark = pytest.mark.ui


def _open_in_window(qtbot: QtBot, folder: Path) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.session.open_folder(folder)
    qtbot.waitUntil(
        lambda: window.session._dialog is not None and window.session._dialog.isVisible()
    )
    dialog = window.session._dialog
    qtbot.keyClicks(dialog.passphrase, TEST_PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=10000)
    return window


def test_after_a_crash_the_note_being_typed_is_reopened_and_named(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with new_notebook(tmp_path).notebook as notebook:
        folder = notebook.folder
    began = datetime.now(UTC) - timedelta(seconds=1)
    with opening.open_notebook(folder, passphrase=TEST_PASSPHRASE) as notebook:
        typed = NoteDraft(NoteId(new_id()), "Audit of the front door: thresholds applied well.")
        saved = notes.save_note(notebook, typed).saved
    marker = {"app": "Fieldwork", "pid": 1, "host": "h", "since": began.isoformat()}
    (folder / "notebook.open").write_text(json.dumps(marker), encoding="utf-8")  # as a kill leaves

    window = _open_in_window(qtbot, folder)
    editor = window.workspace.editor
    qtbot.waitUntil(lambda: bool(editor.notice.text), timeout=10000)
    at = saved.edited_at.astimezone().strftime("%H:%M:%S")
    assert editor.notice.text == (
        "Fieldwork was not closed properly last time. Recovered the note you were typing, as "
        f"last saved at {at}; it is open below. Words typed in the last second before "
        "Fieldwork stopped may be missing."
    )
    assert editor.draft.id == typed.id and editor.text.toPlainText() == typed.text
    assert editor.notice.accessibleName() == "Notice"
    window.close()


def test_a_draft_left_by_locking_then_quitting_comes_back(qtbot: QtBot, tmp_path: Path) -> None:
    with new_notebook(tmp_path).notebook as notebook:
        folder = notebook.folder
    window = _open_in_window(qtbot, folder)
    editor = window.workspace.editor
    with qtbot.waitSignal(editor.saved, timeout=5000):
        qtbot.keyClicks(editor.text, "Saved part.")
    qtbot.waitUntil(lambda: not editor.dirty, timeout=5000)
    qtbot.keyClicks(editor.text, " Unsaved part.")
    window.commands.lock.trigger()  # the draft goes into the notebook
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=5000)
    window.close()  # quit while locked: the draft stays in the notebook

    again = _open_in_window(qtbot, folder)
    editor = again.workspace.editor
    qtbot.waitUntil(lambda: bool(editor.notice.text), timeout=10000)
    assert editor.notice.text.startswith("Recovered the unsaved words of the note you were typing")
    assert "not closed properly" not in editor.notice.text
    assert editor.text.toPlainText() == "Saved part. Unsaved part."
    qtbot.waitUntil(lambda: not editor.dirty, timeout=5000)  # and saved
    again.close()


def test_typing_started_before_the_answer_is_not_switched_away(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with workspace_context(tmp_path) as ctx:
        from fieldwork.ui.editor.note_editor import NoteEditor

        editor = NoteEditor(ctx)
        qtbot.addWidget(editor)
        editor.new_note()
        qtbot.keyClicks(editor.text, "Already typing.")
        found: list[object] = []
        ctx.write(
            lambda nb: notes.save_note(nb, NoteDraft(NoteId(new_id()), "Older note.")), found.append
        )
        qtbot.waitUntil(lambda: bool(found))
        ctx.read(lambda nb: notes.get_note(nb, found[0].saved.id), found.append)  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: len(found) == 2)
        show_recovery(editor, drafts.Recovery(True, found[1]))  # type: ignore[arg-type]
        assert editor.text.toPlainText() == "Already typing."
        assert "it is in the notes list" in editor.notice.text


def test_a_clean_close_says_nothing_and_a_quiet_crash_says_so() -> None:
    assert describe(drafts.Recovery(False)) == ""
    assert describe(drafts.Recovery(True)) == (
        "Fieldwork was not closed properly last time. No note was changed in that session, "
        "so nothing needed recovering."
    )
