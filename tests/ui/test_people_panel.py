"""The people panel: loads cases and practitioners, filters, adds and edits, and its models pass."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fieldwork.domain.ids import CaseId, PractitionerId, new_id
from fieldwork.domain.people import Case, Practitioner
from fieldwork.services import people
from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.dialogs.person_dialogs import CaseDialog, PractitionerDialog, next_reference
from fieldwork.ui.models.people_models import CASE_COLUMNS, PRACTITIONER_COLUMNS, CaseRow, RowsModel
from fieldwork.ui.panels.people_panel import PeoplePanel
from tests.support.ui import workspace_context

pytestmark = pytest.mark.ui

P07 = Practitioner(PractitionerId(new_id()), "P07", "social worker", "AST", 19, False, 14)
P12 = Practitioner(PractitionerId(new_id()), "P12", "senior practitioner", "FD", 12, True, 3)


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[WorkspaceContext]:
    with workspace_context(tmp_path) as context:
        nb = context.notebook
        for person in (P07, P12):
            people.save_practitioner(nb, person)
        people.save_case(
            nb,
            Case(CaseId(new_id()), "C-001", "10-15", "child-in-care", "AST", P07.id, "care order"),
        )
        people.save_case(nb, Case(CaseId(new_id()), "C-002", "0-1", "child-protection-plan"))
        yield context
        nb.database._forbidden.clear()  # closing checkpoints on this thread


def _panel(qtbot: QtBot, ctx: WorkspaceContext) -> PeoplePanel:
    ctx.notebook.forbid_thread(threading.main_thread())  # no service call on the GUI thread
    panel = PeoplePanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(900, 500)
    panel.show()
    qtbot.waitUntil(lambda: panel.case_model.rowCount() == 2)
    return panel


def test_models_pass_the_tester(qtmodeltester, ctx: WorkspaceContext) -> None:  # type: ignore[no-untyped-def]
    cases = RowsModel(CASE_COLUMNS)
    qtmodeltester.check(cases)
    cases.replace([CaseRow(Case(CaseId("c1"), "C-001", "unborn"), "P07")])
    qtmodeltester.check(cases)
    assert cases.index(0, 1).data() == "Unborn"
    cases.replace([])
    qtmodeltester.check(cases)
    practitioners = RowsModel(PRACTITIONER_COLUMNS)
    qtmodeltester.check(practitioners)
    practitioners.replace([P07, P12])
    qtmodeltester.check(practitioners)
    assert practitioners.index(1, 3).data() == "Agency"
    assert practitioners.index(0, 4).data(Qt.ItemDataRole.TextAlignmentRole) & int(
        Qt.AlignmentFlag.AlignRight
    )


def test_panel_loads_and_filters(qtbot: QtBot, qtmodeltester, ctx: WorkspaceContext) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, ctx)
    qtmodeltester.check(panel.case_model)
    qtmodeltester.check(panel.practitioner_proxy)
    qtbot.waitUntil(lambda: panel.practitioner_model.rowCount() == 2)
    first = panel.case_proxy.index(0, 0)
    assert first.data() == "C-001"
    assert panel.case_proxy.index(0, 2).data() == "Child in care"
    assert panel.case_proxy.index(0, 4).data() == "P07"
    assert panel.case_proxy.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "care order"
    assert panel.tabs.tabText(0) == "Cases (2)"
    qtbot.keyClicks(panel.filter, "002")
    assert panel.case_proxy.rowCount() == 1
    assert panel.tabs.tabText(0) == "Cases (1 of 2)"
    panel.filter.clear()
    qtbot.keyClicks(panel.filter, "p1")  # no case matches: the practitioners tab comes forward
    assert panel.tabs.currentIndex() == 1
    assert panel.practitioner_proxy.rowCount() == 1


def test_add_case_persists_and_announces(qtbot: QtBot, ctx: WorkspaceContext) -> None:
    panel = _panel(qtbot, ctx)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert isinstance(dialog, CaseDialog)
    assert dialog.reference.text() == "C-003"  # the next free reference
    dialog.age_band.setCurrentIndex(dialog.age_band.findData("5-9"))
    dialog.legal_status.setCurrentIndex(dialog.legal_status.findData("child-in-need"))
    dialog.team.setCurrentText("AST")
    dialog.practitioner.setCurrentIndex(dialog.practitioner.findData(P12.id))
    with qtbot.waitSignal(ctx.people_changed, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: panel.case_model.rowCount() == 3)
    ctx.notebook.database._forbidden.clear()  # the GUI part is over; check through the service
    saved = {c.reference: c for c in people.list_cases(ctx.notebook)}
    ctx.notebook.release_thread()
    added = saved["C-003"]
    assert (added.age_band, added.legal_status, added.team) == ("5-9", "child-in-need", "AST")
    assert added.practitioner_id == P12.id


def test_names_and_duplicates_are_refused_with_a_message(
    qtbot: QtBot, ctx: WorkspaceContext
) -> None:
    panel = _panel(qtbot, ctx)
    panel.tabs.setCurrentIndex(1)
    panel.add()
    dialog = panel.dialog
    assert isinstance(dialog, PractitionerDialog)
    assert dialog.pseudonym.text() == "P13"
    dialog.pseudonym.setText("Chloe Hughes")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert "never a name" in dialog.error.text()
    assert dialog.isVisible() and dialog.save_button.isEnabled()
    dialog.pseudonym.setText("p07")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "already a practitioner" in dialog.error.text()
    dialog.reject()


def test_edit_practitioner(qtbot: QtBot, ctx: WorkspaceContext) -> None:
    panel = _panel(qtbot, ctx)
    qtbot.waitUntil(lambda: panel.practitioner_model.rowCount() == 2)
    panel.tabs.setCurrentIndex(1)
    panel.practitioner_view.selectRow(0)
    assert panel.edit_button.isEnabled()
    panel.edit()
    dialog = panel.dialog
    assert isinstance(dialog, PractitionerDialog)
    assert dialog.pseudonym.text() == "P07" and dialog.caseload.value() == 19
    dialog.caseload.setValue(27)
    with qtbot.waitSignal(ctx.people_changed):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: panel.practitioner_proxy.index(0, 4).data() == "27")
    assert panel.practitioner_model.rowCount() == 2  # changed, not added


def test_next_reference() -> None:
    assert next_reference(["C-001", "C-009", "X"], "C-", 3) == "C-010"
    assert next_reference([], "P", 2) == "P01"
