"""What the usability pass changed, held in place: places a new user had to guess now say it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.panels.coverage_view import CoverageView
from fieldwork.ui.panels.enquiries_panel import EnquiriesPanel
from fieldwork.ui.panels.people_panel import PeoplePanel
from fieldwork.ui.workspace import Workspace
from tests.support.ui import workspace_context

pytestmark = pytest.mark.ui


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[WorkspaceContext]:
    with workspace_context(tmp_path / "empty.fieldwork") as ctx:
        yield ctx


def test_buttons_say_what_they_add(qtbot: QtBot, ctx: WorkspaceContext) -> None:
    people = PeoplePanel(ctx)
    qtbot.addWidget(people)
    assert people.add_button.text().replace("&", "") == "Add case…"
    people.tabs.setCurrentIndex(1)
    assert people.add_button.text().replace("&", "") == "Add practitioner…"
    assert people.edit_button.text().replace("&", "") == "Edit practitioner…"
    enquiries = EnquiriesPanel(ctx)
    qtbot.addWidget(enquiries)
    assert enquiries.add_button.text().replace("&", "") == "Add a line of enquiry…"


def test_a_new_notebook_says_what_to_do_instead_of_showing_blanks(
    qtbot: QtBot, ctx: WorkspaceContext
) -> None:
    coverage = CoverageView(ctx)
    qtbot.addWidget(coverage)
    coverage.show()
    coverage.refresh()
    qtbot.waitUntil(lambda: "No lines of enquiry yet" in coverage.none_open.text())
    workspace = Workspace(ctx)
    qtbot.addWidget(workspace)
    workspace.start()
    # How to start an activity, once the notebook says none is running.
    qtbot.waitUntil(lambda: "Ctrl+Shift+A" in workspace.activity_label.text())
    qtbot.waitUntil(lambda: "0 notes yet" in workspace.notes.summary.text())
