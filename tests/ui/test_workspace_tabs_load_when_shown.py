"""Opening a notebook loads only what is on screen; other tabs load when first opened."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.workspace import Workspace
from tests.support.ui import workspace_context

pytestmark = pytest.mark.ui


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[WorkspaceContext]:
    with workspace_context(tmp_path / "tabs.fieldwork") as context:
        yield context


def _idle(qtbot: QtBot, ctx: WorkspaceContext) -> None:
    qtbot.waitUntil(lambda: not ctx.tasks.busy)


def test_hidden_tabs_load_when_first_shown_and_after_a_change(
    qtbot: QtBot, ctx: WorkspaceContext
) -> None:
    workspace = Workspace(ctx)
    qtbot.addWidget(workspace)
    loads: list[str] = []
    workspace.judgements.refreshed.connect(lambda: loads.append("judgements"))
    workspace.enquiries.refreshed.connect(lambda: loads.append("enquiries"))
    workspace.coverage.refreshed.connect(lambda: loads.append("coverage"))
    workspace.show()
    workspace.start()
    qtbot.waitUntil(lambda: "0 notes yet" in workspace.notes.summary.text())
    _idle(qtbot, ctx)
    assert loads == [] and not workspace.people.loaded_once

    for index, name in ((1, "coverage"), (2, "judgements"), (3, "enquiries")):
        with qtbot.waitSignal(getattr(workspace, name).refreshed, timeout=5000):
            workspace.tabs.setCurrentIndex(index)
    workspace.tabs.setCurrentIndex(4)
    qtbot.waitUntil(lambda: workspace.people.loaded_once)
    assert sorted(loads) == ["coverage", "enquiries", "judgements"]

    # A change while the tab is hidden: nothing reloads until the tab shows again.
    workspace.tabs.setCurrentIndex(0)
    loads.clear()
    ctx.evidence_changed.emit()
    _idle(qtbot, ctx)
    assert loads == []
    with qtbot.waitSignal(workspace.judgements.refreshed, timeout=5000):
        workspace.tabs.setCurrentIndex(2)
    assert loads == ["judgements"]
