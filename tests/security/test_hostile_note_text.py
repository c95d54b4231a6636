"""Hostile note text: NUL, control codes, lone surrogates, a 10 MB paste. Saved clean or refused with a
message; never a crash, never a damaged notebook."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QByteArray, QMimeData
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fieldwork.domain.errors import InputRejected
from fieldwork.domain.evidence import MAX_NOTE_CHARS, NoteDraft
from fieldwork.domain.ids import NoteId, new_id
from fieldwork.domain.search import SearchQuery
from fieldwork.services import notes, opening, search, verification
from fieldwork.services.notebook import Notebook
from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.editor.note_editor import NoteEditor
from tests.support.notebooks import TEST_PASSPHRASE, new_notebook
from tests.support.ui import workspace_context

HOSTILE = "Start\x00 bell\x07 escape\x1b[31m red\x7f del\x85 next \ud800 lone \udfff end\r\nline"
CLEAN = "Start bell escape[31m red del next \ufffd lone \ufffd end\nline"
TEN_MB = "Pasted log line with nothing in it. " * (10_000_000 // 36)


@pytest.fixture
def notebook(tmp_path: Path) -> Iterator[Notebook]:
    with new_notebook(tmp_path).notebook as opened:
        yield opened


def _sound(notebook: Notebook) -> None:
    report = verification.verify_notebook(notebook)
    assert report.ok, (report.chain_problem, report.mismatches, report.integrity_problems)


def test_control_characters_and_lone_surrogates_are_saved_clean(
    notebook: Notebook, tmp_path: Path
) -> None:
    draft = NoteDraft(NoteId(new_id()), HOSTILE)
    result = notes.save_note(notebook, draft)
    assert result.text_changed and result.stored_text == CLEAN
    stored = notes.get_note(notebook, draft.id)
    assert stored is not None and stored.text == CLEAN
    assert [h.note_id for h in search.search_notes(notebook, SearchQuery(text="escape")).hits] == [
        draft.id
    ]
    _sound(notebook)
    folder = notebook.folder
    notebook.close()
    with opening.open_notebook(folder, passphrase=TEST_PASSPHRASE) as again:
        reopened = notes.get_note(again, draft.id)
        assert reopened is not None and reopened.text == CLEAN
        _sound(again)


def test_a_ten_megabyte_note_is_refused_with_a_message(notebook: Notebook) -> None:
    kept = NoteDraft(NoteId(new_id()), "Already saved.")
    notes.save_note(notebook, kept)
    with pytest.raises(InputRejected) as refused:
        notes.save_note(notebook, NoteDraft(NoteId(new_id()), TEN_MB))
    assert "characters long" in str(refused.value) and "several notes" in str(refused.value)
    # An edit that makes a saved note too long is refused too, and the note is left as it was.
    with pytest.raises(InputRejected):
        notes.save_note(notebook, NoteDraft(kept.id, "x" * (MAX_NOTE_CHARS + 1)))
    assert notes.count_notes(notebook) == 1
    stored = notes.get_note(notebook, kept.id)
    assert stored is not None and stored.text == "Already saved."
    _sound(notebook)


# --- in the editor ---------------------------------------------------------------------------


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[WorkspaceContext]:
    with workspace_context(tmp_path) as context:
        yield context


@pytest.fixture
def editor(qtbot: QtBot, ctx: WorkspaceContext) -> NoteEditor:
    widget = NoteEditor(ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.new_note()
    widget.text.setFocus()
    return widget


def _paste(qtbot: QtBot, editor: NoteEditor, mime: QMimeData) -> None:
    QApplication.clipboard().setMimeData(mime)
    qtbot.keySequence(editor.text, QKeySequence.StandardKey.Paste)


def _text_mime(text: str) -> QMimeData:
    mime = QMimeData()
    mime.setText(text)
    return mime


def _saved_text(qtbot: QtBot, ctx: WorkspaceContext, editor: NoteEditor) -> Any:
    qtbot.waitUntil(
        lambda: not editor.dirty and editor.status.text().startswith("Saved"), timeout=5000
    )
    found: list[Any] = []
    ctx.read(lambda nb: notes.get_note(nb, editor.draft.id), found.append)
    qtbot.waitUntil(lambda: bool(found))
    return None if found[0] is None else found[0].text


def _verified(qtbot: QtBot, ctx: WorkspaceContext) -> None:
    reports: list[Any] = []
    ctx.read(verification.verify_notebook, reports.append)
    qtbot.waitUntil(lambda: bool(reports), timeout=10000)
    assert reports[0].ok, reports[0]


@pytest.mark.ui
def test_a_paste_with_control_characters_is_cleaned_and_says_so(
    qtbot: QtBot, ctx: WorkspaceContext, editor: NoteEditor
) -> None:
    _paste(qtbot, editor, _text_mime("Pasted\x00 from\x07 a\x1b[0m record\r\nSecond line"))
    assert editor.text.toPlainText() == "Pasted from a[0m record\nSecond line"
    assert "control characters" in editor.notice.text
    assert _saved_text(qtbot, ctx, editor) == "Pasted from a[0m record\nSecond line"
    _verified(qtbot, ctx)


@pytest.mark.ui
def test_a_paste_with_broken_characters_is_saved_with_replacement_marks(
    qtbot: QtBot, ctx: WorkspaceContext, editor: NoteEditor
) -> None:
    # A lone surrogate as another program might put it on the clipboard (CESU-8 bytes); from
    # Python, PySide drops lone surrogates before they reach Qt.
    mime = QMimeData()
    mime.setData("text/plain", QByteArray(b"Before \xed\xa0\x80 after"))
    _paste(qtbot, editor, mime)
    _paste(qtbot, editor, _text_mime(" and \ud800 again"))
    typed = editor.text.toPlainText()
    assert typed.startswith("Before ") and typed.endswith(" after and  again")
    assert all(not 0xD800 <= ord(ch) <= 0xDFFF for ch in typed)
    assert _saved_text(qtbot, ctx, editor) == typed
    _verified(qtbot, ctx)


@pytest.mark.ui
def test_a_ten_megabyte_paste_is_refused_with_a_message(
    qtbot: QtBot, ctx: WorkspaceContext, editor: NoteEditor
) -> None:
    qtbot.keyClicks(editor.text, "Typed first.")
    _paste(qtbot, editor, _text_mime(TEN_MB))
    assert editor.text.toPlainText() == "Typed first."  # nothing pasted, nothing frozen
    assert "Nothing was pasted" in editor.notice.text and "at most 1,000,000" in editor.notice.text
    assert editor.notice.tone == "error"
    qtbot.keyClicks(editor.text, " Still typing.")
    assert _saved_text(qtbot, ctx, editor) == "Typed first. Still typing."
    # Dismissed from the keyboard-reachable button.
    editor.notice.findChildren(type(editor.privacy.keep_button))[0].click()
    assert editor.notice.isHidden()


@pytest.mark.ui
def test_a_paste_with_a_huge_unbroken_run_is_refused_with_a_message(
    qtbot: QtBot, editor: NoteEditor
) -> None:
    _paste(qtbot, editor, _text_mime("data:" + "A" * 200_000))
    assert editor.text.toPlainText() == ""
    assert "200,005 characters in a row" in editor.notice.text
    # A long web address is fine.
    address = "https://example.org/" + "a" * 2_000
    _paste(qtbot, editor, _text_mime(address))
    assert editor.text.toPlainText() == address


@pytest.mark.ui
def test_text_that_slips_past_the_paste_check_is_cleaned_on_save(
    qtbot: QtBot, ctx: WorkspaceContext, editor: NoteEditor
) -> None:
    editor.text.insertPlainText("Inserted\x00 directly\x1b.")  # e.g. an input method
    assert _saved_text(qtbot, ctx, editor) == "Inserted directly."
    assert editor.text.toPlainText() == "Inserted directly."  # the editor shows what was stored
    assert "control characters removed" in editor.status.text()


@pytest.mark.ui
def test_a_note_grown_too_long_is_not_saved_and_the_user_is_told(
    qtbot: QtBot, ctx: WorkspaceContext, editor: NoteEditor
) -> None:
    qtbot.keyClicks(editor.text, "Short.")
    assert _saved_text(qtbot, ctx, editor) == "Short."
    editor.text.insertPlainText(" many words" * (MAX_NOTE_CHARS // 11 + 1))  # e.g. a drop
    qtbot.waitUntil(lambda: "Not saved" in editor.problem.text, timeout=10000)
    assert "characters long" in editor.problem.text and editor.dirty
    found: list[Any] = []
    ctx.read(lambda nb: notes.get_note(nb, editor.draft.id), found.append)
    qtbot.waitUntil(lambda: bool(found))
    assert found[0].text == "Short."
    _verified(qtbot, ctx)
