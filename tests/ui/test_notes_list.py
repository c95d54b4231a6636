"""The notes list: search as you type, framework filter, paging, and a model that passes the tester."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldwork.domain.evidence import NoteDraft, Tag
from fieldwork.domain.ids import NoteId, new_id
from fieldwork.domain.search import SearchPage
from fieldwork.services import notes
from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.models.notes_table_model import NoteIdRole, NotesTableModel
from fieldwork.ui.panels.notes_list import NotesList
from tests.support.ui import workspace_context

pytestmark = pytest.mark.ui


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[WorkspaceContext]:
    with workspace_context(tmp_path) as context:
        for number in range(230):
            criterion = (
                "hp.protection.strategy-enquiries" if number % 2 else "cic.permanence.planning"
            )
            text = (
                f"Note {number}: strategy discussion on time."
                if number % 2
                else f"Note {number}: permanence plan agreed."
            )
            notes.save_note(
                context.notebook,
                NoteDraft(id=NoteId(new_id()), text=text, tags=(Tag(criterion, "strength"),)),
            )
        yield context


def test_model_passes_the_tester_empty_full_and_after_paging(
    qtbot: QtBot, qtmodeltester, ctx: WorkspaceContext
) -> None:  # type: ignore[no-untyped-def]
    model = NotesTableModel(lambda: ({}, {}))
    qtmodeltester.check(model)
    pages: list[SearchPage] = []
    from fieldwork.domain.search import SearchQuery
    from fieldwork.services.search import search_notes

    ctx.read(lambda nb: search_notes(nb, SearchQuery(limit=100)), pages.append)
    qtbot.waitUntil(lambda: bool(pages))
    model.replace(pages[0])
    qtmodeltester.check(model)
    assert model.rowCount() == 100 and model.canFetchMore(model.index(-1, -1))
    asked: list[object] = []
    model.fetch_more_requested = asked.append
    model.fetchMore(model.index(-1, -1))
    ctx.read(lambda nb: search_notes(nb, SearchQuery(limit=100, after=asked[0])), pages.append)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: len(pages) == 2)
    model.append(pages[1])
    qtmodeltester.check(model)
    assert model.rowCount() == 200
    ids = {model.index(row, 0).data(NoteIdRole) for row in range(200)}
    assert len(ids) == 200  # no note twice across pages


def test_search_as_you_type_and_framework_filter(qtbot: QtBot, ctx: WorkspaceContext) -> None:
    panel = NotesList(ctx)
    qtbot.addWidget(panel)
    panel.refresh()
    qtbot.waitUntil(lambda: panel.model.total == 230)
    qtbot.keyClicks(panel.search, "perman")
    qtbot.waitUntil(lambda: panel.model.total == 115)
    assert "best matches first" in panel.summary.text()
    assert "permanence" in panel.model.index(0, 4).data().lower()
    panel.search.clear()
    ctx.framework_filter_changed.emit("hp")
    # Named by its title, not its id.
    title = ctx.framework.judgement("hp").title
    qtbot.waitUntil(lambda: panel.model.total == 115 and f"in “{title}”" in panel.summary.text())
    assert "hp" not in panel.summary.text().split()


def test_an_empty_notebook_says_where_notes_come_from(qtbot: QtBot, tmp_path: Path) -> None:
    with workspace_context(tmp_path / "empty.fieldwork") as empty:
        panel = NotesList(empty)
        qtbot.addWidget(panel)
        panel.refresh()
        qtbot.waitUntil(lambda: "0 notes yet" in panel.summary.text())
        assert "Ctrl+T" in panel.summary.text()
        qtbot.keyClicks(panel.search, "nothing")  # a search with no hits is not an empty notebook
        qtbot.waitUntil(lambda: "yet" not in panel.summary.text())
        assert panel.summary.text().startswith("0 notes · ")


def test_choosing_a_row_names_the_note(qtbot: QtBot, ctx: WorkspaceContext) -> None:
    panel = NotesList(ctx)
    qtbot.addWidget(panel)
    panel.refresh()
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0)
    with qtbot.waitSignal(panel.note_chosen) as chosen:
        panel.table.selectRow(3)
    assert chosen.args[0] == panel.model.index(3, 0).data(NoteIdRole)


@pytest.mark.parametrize("width", [480, 640, 1000])
def test_the_note_column_keeps_the_most_room_as_the_list_narrows(
    qtbot: QtBot, ctx: WorkspaceContext, width: int
) -> None:
    panel = NotesList(ctx)
    qtbot.addWidget(panel)
    panel.resize(width, 500)
    panel.show()
    qtbot.waitExposed(panel)
    table = panel.table
    widths = [table.columnWidth(c) for c in range(panel.model.columnCount())]
    note = widths[-1]
    assert note >= max(widths[:-1]), widths
    assert sum(widths) <= table.viewport().width() + 1, "no sideways scrolling to read the note"
