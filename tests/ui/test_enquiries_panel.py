"""The lines of enquiry panel: add, answer with the note in the editor, change status."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldwork.domain.evidence import Enquiry, Note, NoteDraft
from fieldwork.domain.ids import EnquiryId, NoteId, new_id
from fieldwork.services import judgements, notes
from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.models.enquiries_model import EnquiriesTableModel
from fieldwork.ui.panels.enquiries_panel import EnquiriesPanel
from tests.support.ui import workspace_context

pytestmark = pytest.mark.ui


@pytest.fixture
def ctx(tmp_path: Path, qtbot: QtBot) -> Iterator[WorkspaceContext]:
    with workspace_context(tmp_path) as context:
        yield context
        for _ in range(5):  # let the last results arrive; one can start another read
            qtbot.waitUntil(lambda: not context.tasks.busy)
            qtbot.wait(20)
            if not context.tasks.busy:
                break


@pytest.fixture
def panel(qtbot: QtBot, ctx: WorkspaceContext) -> EnquiriesPanel:
    panel = EnquiriesPanel(ctx)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.refreshed, timeout=5000):
        pass  # the constructor asked the read lane already
    panel.resize(900, 600)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _stored(ctx: WorkspaceContext) -> list[Enquiry]:
    return judgements.list_enquiries(ctx.notebook)


def _editor_note(ctx: WorkspaceContext, text: str) -> Note:
    saved = notes.save_note(ctx.notebook, NoteDraft(NoteId(new_id()), text))
    note = notes.get_note(ctx.notebook, saved.saved.id)
    assert note is not None
    ctx.current_note = note
    ctx.current_note_changed.emit(note)
    return note


def _add(qtbot: QtBot, panel: EnquiriesPanel, question: str, judgement: str | None) -> None:
    panel.add_button.click()
    assert panel.add_form.isVisible()
    qtbot.keyClicks(panel.question, question)
    panel.new_judgement.setCurrentIndex(panel.new_judgement.findData(judgement))
    with qtbot.waitSignal(panel.saved, timeout=5000):
        qtbot.keyClick(panel.question, Qt.Key.Key_Return)


def test_model_passes_the_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = EnquiriesTableModel({"hp": "Help and protection"})
    qtmodeltester.check(model)
    first = Enquiry(EnquiryId("e1"), "Is <b>this</b> so?", judgement_id="hp")
    model.replace([first, Enquiry(EnquiryId("e2"), "And that?", "answered")])
    qtmodeltester.check(model)
    model.put(Enquiry(EnquiryId("e3"), "A third?"))
    model.put(Enquiry(EnquiryId("e1"), "Is <b>this</b> so?", "partly-answered", "hp"))
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert model.index(0, 1).data() == "Partly answered"
    assert model.index(0, 3).data() == "Help and protection"
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "Is &lt;b&gt;this&lt;/b&gt; so?"
    model.replace([])
    qtmodeltester.check(model)


def test_add_a_line_of_enquiry(qtbot: QtBot, ctx: WorkspaceContext, panel: EnquiriesPanel) -> None:
    assert not panel.save_new.isEnabled()
    _add(qtbot, panel, "Do plans for care leavers start at 16?", "cl")
    assert not panel.add_form.isVisible()
    stored = _stored(ctx)
    assert [(e.question, e.status, e.judgement_id) for e in stored] == [
        ("Do plans for care leavers start at 16?", "open", "cl")
    ]
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 3).data() == "Care leavers"
    assert panel.chosen() is not None and panel.chosen().id == stored[0].id  # type: ignore[union-attr]


def test_escape_cancels_adding(qtbot: QtBot, panel: EnquiriesPanel) -> None:
    panel.add_button.click()
    qtbot.keyClicks(panel.question, "Never mind")
    qtbot.keyClick(panel.question, Qt.Key.Key_Escape)
    assert not panel.add_form.isVisible()
    assert panel.question.text() == ""
    assert panel.model.rowCount() == 0


def test_answered_by_the_note_in_the_editor(
    qtbot: QtBot, ctx: WorkspaceContext, panel: EnquiriesPanel
) -> None:
    _add(qtbot, panel, "Is supervision reflective?", None)
    assert not panel.answer_button.isEnabled()  # no note in the editor yet
    changes: list[object] = []
    ctx.evidence_changed.connect(lambda: changes.append(1))
    note = _editor_note(ctx, "Supervision records show reflection.\nSecond line.")
    assert panel.answer_button.isEnabled()
    with qtbot.waitSignal(panel.saved, timeout=5000):
        panel.answer_button.click()
    [stored] = _stored(ctx)
    assert stored.answer_note_ids == (note.id,)
    assert stored.status == "partly-answered"  # it was open
    assert changes  # the coverage view hears that a line of enquiry now has an answer
    assert panel.status.currentData() == "partly-answered"
    assert panel.answers.item(0).text() == "Supervision records show reflection."
    assert not panel.answer_button.isEnabled()  # already one of its answers

    panel.answers.setCurrentRow(0)
    assert panel.remove_answer.isEnabled()
    with qtbot.waitSignal(panel.saved, timeout=5000):
        panel.remove_answer.click()
    assert _stored(ctx)[0].answer_note_ids == ()


def test_status_change_is_saved(qtbot: QtBot, ctx: WorkspaceContext, panel: EnquiriesPanel) -> None:
    judgements.save_enquiry(ctx.notebook, Enquiry(EnquiryId(new_id()), "Are visits timely?"))
    with qtbot.waitSignal(panel.refreshed, timeout=5000):
        ctx.evidence_changed.emit()
    assert panel.model.rowCount() == 1
    assert not panel.status.isEnabled()  # nothing chosen
    panel.table.selectRow(0)
    assert panel.status.isEnabled()
    with qtbot.waitSignal(panel.saved, timeout=5000):
        panel.status.setCurrentIndex(panel.status.findData("answered"))
    assert _stored(ctx)[0].status == "answered"
    qtbot.waitUntil(lambda: panel.model.index(0, 1).data() == "Answered")
    # The refresh after the save keeps the same line chosen.
    qtbot.waitUntil(lambda: not ctx.tasks.busy)
    assert panel.chosen() is not None and panel.status.currentData() == "answered"
