"""A full disk while typing: a banner, the text kept in the editor, saving resumes by itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from fieldwork.services import notes, verification
from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.editor.note_editor import DISK_FULL, DISK_FULL_EARLIER, NoteEditor
from tests.support.disk_full import lift_size_limit, limit_size, writes_fail
from tests.support.ui import workspace_context

pytestmark = pytest.mark.ui

FIRST = "Step-down decisions were made with the family and recorded."
LONG = " Supervision notes show reflective discussion of the plan." * 400


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[WorkspaceContext]:
    with workspace_context(tmp_path) as context:
        yield context


@pytest.fixture
def editor(qtbot: QtBot, ctx: WorkspaceContext) -> NoteEditor:
    widget = NoteEditor(ctx)
    widget.retry_ms = 150  # "every few seconds" in use; quick here
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _on_write_lane(qtbot: QtBot, ctx: WorkspaceContext, work: Any) -> None:
    done: list[object] = []
    ctx.write(lambda nb: work(nb) or True, done.append)
    qtbot.waitUntil(lambda: bool(done))


def _stored(qtbot: QtBot, ctx: WorkspaceContext, note_id: str) -> Any:
    found: list[Any] = []
    ctx.read(lambda nb: notes.get_note(nb, note_id), found.append)
    qtbot.waitUntil(lambda: bool(found))
    return found[0]


def _verified(qtbot: QtBot, ctx: WorkspaceContext) -> None:
    reports: list[Any] = []
    ctx.read(verification.verify_notebook, reports.append)
    qtbot.waitUntil(lambda: bool(reports), timeout=10000)
    assert reports[0].ok, reports[0]


def _type_first_note(qtbot: QtBot, editor: NoteEditor) -> str:
    editor.new_note()
    with qtbot.waitSignal(editor.saved, timeout=5000):
        qtbot.keyClicks(editor.text, FIRST)
    qtbot.waitUntil(lambda: not editor.dirty, timeout=5000)
    return editor.draft.id


def test_a_size_limited_notebook_shows_the_banner_keeps_the_text_and_resumes(
    qtbot: QtBot, ctx: WorkspaceContext, editor: NoteEditor
) -> None:
    note_id = _type_first_note(qtbot, editor)
    _verified(qtbot, ctx)
    _on_write_lane(qtbot, ctx, lambda nb: limit_size(nb))
    editor.text.moveCursor(editor.text.textCursor().MoveOperation.End)
    editor.text.insertPlainText(LONG)
    qtbot.waitUntil(lambda: editor.problem.text == DISK_FULL, timeout=5000)
    assert editor.status.text() == "Not saved"
    assert editor.dirty and editor.unsaved_problem
    assert editor.text.toPlainText() == FIRST + LONG  # kept in the editor
    # Retries keep failing while the disk is full; what was saved is untouched.
    qtbot.wait(400)
    assert editor.problem.text == DISK_FULL
    assert _stored(qtbot, ctx, note_id).text == FIRST
    _verified(qtbot, ctx)
    # Space comes back: the next retry saves, without the user doing anything.
    _on_write_lane(qtbot, ctx, lift_size_limit)
    qtbot.waitUntil(lambda: not editor.dirty, timeout=5000)
    assert editor.problem.isHidden() and editor.status.text().startswith("Saved ")
    assert _stored(qtbot, ctx, note_id).text == FIRST + LONG
    _verified(qtbot, ctx)


def test_failing_writes_keep_a_note_the_user_moved_away_from(
    qtbot: QtBot, ctx: WorkspaceContext, editor: NoteEditor
) -> None:
    first_id = _type_first_note(qtbot, editor)
    with writes_fail("commit") as failures:
        qtbot.keyClicks(editor.text, " Added while the disk was full.")
        qtbot.waitUntil(lambda: editor.problem.text == DISK_FULL, timeout=5000)
        editor.new_note()  # the unsaved note leaves the editor but not memory
        qtbot.waitUntil(lambda: editor.problem.text == DISK_FULL_EARLIER, timeout=5000)
        qtbot.keyClicks(editor.text, "A second note, also unsaved.")
        qtbot.waitUntil(lambda: editor.problem.text == DISK_FULL, timeout=5000)
        second_id = editor.draft.id
        assert _stored(qtbot, ctx, first_id).text == FIRST
        assert _stored(qtbot, ctx, second_id) is None
    assert failures
    qtbot.waitUntil(lambda: not editor.dirty and editor.problem.isHidden(), timeout=5000)
    qtbot.waitUntil(
        lambda: _stored(qtbot, ctx, first_id).text == FIRST + " Added while the disk was full.",
        timeout=5000,
    )
    assert _stored(qtbot, ctx, second_id).text == "A second note, also unsaved."
    _verified(qtbot, ctx)


def test_reopening_a_note_kept_in_memory_shows_its_unsaved_words(
    qtbot: QtBot, ctx: WorkspaceContext, editor: NoteEditor
) -> None:
    first_id = _type_first_note(qtbot, editor)
    with writes_fail("statement"):
        qtbot.keyClicks(editor.text, " More.")
        qtbot.waitUntil(lambda: editor.problem.text == DISK_FULL, timeout=5000)
        editor.new_note()
        qtbot.waitUntil(lambda: editor.problem.text == DISK_FULL_EARLIER, timeout=5000)
        editor.load_note(_stored(qtbot, ctx, first_id))  # the notebook still has the old text
        assert editor.text.toPlainText() == FIRST + " More."
    qtbot.waitUntil(lambda: not editor.dirty and editor.problem.isHidden(), timeout=5000)
    assert _stored(qtbot, ctx, first_id).text == FIRST + " More."


def test_closing_with_typing_the_disk_had_no_room_for_asks_first(
    qtbot: QtBot, ctx: WorkspaceContext, editor: NoteEditor
) -> None:
    _type_first_note(qtbot, editor)
    assert editor.may_close()  # everything saved: no question
    with writes_fail("commit"):
        qtbot.keyClicks(editor.text, " Not yet saved.")
        qtbot.waitUntil(lambda: editor.problem.text == DISK_FULL, timeout=5000)
        answers: list[str] = []

        def answer(choice: str) -> None:
            box = QApplication.activeModalWidget()
            assert isinstance(box, QMessageBox)
            answers.append(box.text())
            next(b for b in box.buttons() if b.text() == choice).click()

        QTimer.singleShot(0, lambda: answer("Keep Fieldwork open"))
        assert not editor.may_close()
        QTimer.singleShot(0, lambda: answer("Close and lose it"))
        assert editor.may_close()
        assert "disk is full" in answers[0]


def test_notes_left_behind_are_retried_after_switching_again(
    qtbot: QtBot, ctx: WorkspaceContext, editor: NoteEditor
) -> None:
    first_id = _type_first_note(qtbot, editor)
    with writes_fail("commit"):
        qtbot.keyClicks(editor.text, " Left behind.")
        qtbot.waitUntil(lambda: editor.problem.text == DISK_FULL, timeout=5000)
        editor.new_note()
        qtbot.waitUntil(lambda: editor.problem.text == DISK_FULL_EARLIER, timeout=5000)
        editor.new_note()  # nothing typed here: no new failure to restart the retries
        assert editor.problem.text == DISK_FULL_EARLIER
    qtbot.waitUntil(lambda: editor.problem.isHidden(), timeout=5000)
    assert _stored(qtbot, ctx, first_id).text == FIRST + " Left behind."
