"""What keeps the window responsive while typing: input watched per window, short waits for the
interpreter lock, and a notes model that answers repaints cheaply."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QModelRoleData, QModelRoleDataSpan, QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from fieldwork.domain.evidence import Activity, NoteDraft, Tag
from fieldwork.domain.ids import ActivityId, CaseId, NoteId, new_id
from fieldwork.domain.people import Case
from fieldwork.domain.search import SearchPage, SearchQuery
from fieldwork.services.activities import save_activity
from fieldwork.services.notes import save_note
from fieldwork.services.people import save_case
from fieldwork.services.search import search_notes
from fieldwork.ui.idle_lock import IdleLock
from fieldwork.ui.models.notes_table_model import HighlightsRole, NoteIdRole, NotesTableModel
from fieldwork.ui.tasks import JOB_NICENESS, SWITCH_INTERVAL_S, TaskRunner
from tests.support.ui import workspace_context

pytestmark = pytest.mark.ui


@pytest.fixture
def switch_interval() -> Iterator[None]:
    before = sys.getswitchinterval()
    yield
    sys.setswitchinterval(before)


def focused(qtbot: QtBot, widget: QWidget) -> None:
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is widget.windowHandle())


def test_input_to_the_focused_window_restarts_the_idle_timer(qtbot: QtBot) -> None:
    window, dialog = QWidget(), QWidget()
    qtbot.addWidget(window)
    qtbot.addWidget(dialog)
    locked: list[bool] = []
    idle = IdleLock(1, lambda: locked.append(True))
    idle.watch(QApplication.instance())
    focused(qtbot, window)
    timer = idle._timer
    timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse timer's remaining time is rounded
    for target in (window, dialog):  # the dialog is watched once it takes the focus
        focused(qtbot, target)
        idle.arm()
        qtbot.waitUntil(lambda: timer.remainingTime() < 60_000 - 30)
        before = timer.remainingTime()
        QTest.keyClick(target.windowHandle(), Qt.Key.Key_A)  # as the platform delivers it
        assert timer.remainingTime() > before
    assert not locked


def test_idle_lock_is_not_an_application_wide_filter(qtbot: QtBot) -> None:
    """Events to widgets (paints, timers, layout) never reach it: only the window's own."""
    window = QWidget()
    qtbot.addWidget(window)
    seen: list[QObject] = []

    class Recording(IdleLock):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            seen.append(watched)
            return super().eventFilter(watched, event)

    idle = Recording(1, lambda: None)
    idle.watch(QApplication.instance())
    focused(qtbot, window)
    child = QWidget(window)
    child.show()
    child.repaint()
    QApplication.sendEvent(child, QEvent(QEvent.Type.LayoutRequest))
    assert seen and all(watched is window.windowHandle() for watched in seen)


def test_task_runner_keeps_waits_for_the_interpreter_lock_short(switch_interval: None) -> None:
    sys.setswitchinterval(0.005)  # Python's default
    tasks = TaskRunner()
    assert sys.getswitchinterval() <= SWITCH_INTERVAL_S <= 0.001
    tasks.shutdown()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a niceness per thread")
def test_jobs_run_behind_the_gui_thread_and_the_other_lanes(qtbot: QtBot) -> None:
    tasks = TaskRunner()
    niceness: dict[str, int] = {}

    def own_niceness() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    base = own_niceness()
    tasks.job(lambda _token: own_niceness(), lambda n: niceness.update(job=n))
    tasks.read(own_niceness, lambda n: niceness.update(read=n))
    tasks.write(own_niceness, lambda n: niceness.update(write=n))
    qtbot.waitUntil(lambda: len(niceness) == 3)
    tasks.shutdown()
    assert niceness == {"job": min(base + JOB_NICENESS, 19), "read": base, "write": base}
    assert own_niceness() == base  # the GUI thread keeps its place


@pytest.fixture
def page(tmp_path: Path) -> Iterator[SearchPage]:
    """Three real hits for "strategy", each from a record review and about case C-104."""
    with workspace_context(tmp_path) as ctx:
        notebook = ctx.notebook
        save_case(notebook, Case(CaseId("case-1"), "C-104"))
        visit = Activity(ActivityId("visit-1"), "record-review", "Record review", datetime.now(UTC))
        save_activity(notebook, visit)
        for number in range(3):
            draft = NoteDraft(
                id=NoteId(new_id()),
                text=f"Note {number}: strategy discussion held.",
                activity_id=visit.id,
                case_ids=(CaseId("case-1"),),
                tags=(Tag("hp.protection.strategy-enquiries", "strength"),),
            )
            save_note(notebook, draft)
        yield search_notes(notebook, SearchQuery(text="strategy"))


def test_notes_model_answers_only_the_roles_it_has(qtmodeltester, page: SearchPage) -> None:  # type: ignore[no-untyped-def]
    lookups = ({"visit-1": "Record review"}, {"case-1": "C-104"})
    model = NotesTableModel(lambda: lookups)
    model.replace(page)
    qtmodeltester.check(model)
    cell = model.index(1, 4)
    assert "strategy" in cell.data().lower()
    start, end = cell.data(HighlightsRole)[0]
    assert cell.data()[start:end].lower() == "strategy"
    assert model.index(1, 0).data(HighlightsRole) is None
    assert cell.data(NoteIdRole) == page.hits[1].note_id
    assert model.index(0, 1).data() == "Record review" and model.index(0, 2).data() == "C-104"
    assert "strategy-enquiries: strength" in model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)
    for role in (
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.CheckStateRole,
    ):
        assert cell.data(role) is None


def test_notes_model_answers_a_painted_cell_in_one_call(page: SearchPage) -> None:
    """multiData, which Qt calls when it paints, agrees with data() role by role."""
    model = NotesTableModel(lambda: ({"visit-1": "Record review"}, {"case-1": "C-104"}))
    model.replace(page)
    roles = (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ToolTipRole,
        NoteIdRole,
        HighlightsRole,
    )
    answered = 0
    for column in range(model.columnCount()):
        cell = model.index(0, column)
        for role in roles:
            wanted = QModelRoleData(int(role))
            model.multiData(cell, QModelRoleDataSpan(wanted))
            assert wanted.data() == cell.data(role)
            answered += wanted.data() is not None
    assert answered >= 3 * model.columnCount()  # text, alignment and note id of every column
    assert not model.index(5, 0).isValid() and not model.index(0, 9).isValid()


def test_notes_model_follows_renamed_activities(qtbot: QtBot, page: SearchPage) -> None:
    lookups: dict[str, dict[str, str]] = {"activities": {"visit-1": "Record review"}}
    model = NotesTableModel(lambda: (lookups["activities"], {}))
    model.replace(page)
    assert model.index(0, 1).data() == "Record review"  # the row's texts are built and kept
    lookups["activities"] = {"visit-1": "Record review, team B"}
    with qtbot.waitSignal(model.dataChanged):
        model.lookups_changed()
    assert model.index(0, 1).data() == "Record review, team B"
