"""The task runner's lanes, and the editor's autosave: typed text reaches the notebook on its own."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from fieldwork.domain.evidence import Tag
from fieldwork.domain.progress import CancelToken
from fieldwork.services import notes
from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.editor.autosave import DEADLINE_MS
from fieldwork.ui.editor.note_editor import NoteEditor
from fieldwork.ui.tasks import TaskRunner
from tests.support.ui import workspace_context

pytestmark = pytest.mark.ui


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[WorkspaceContext]:
    with workspace_context(tmp_path) as context:
        yield context


def test_results_come_back_on_the_gui_thread(qtbot: QtBot) -> None:
    tasks = TaskRunner()
    seen: list[tuple[str, bool]] = []
    tasks.write(
        lambda: threading.current_thread().name,
        lambda name: seen.append((name, threading.current_thread() is threading.main_thread())),
    )
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0][0].startswith("fieldwork-write") and seen[0][1]
    tasks.shutdown()


def test_read_lane_drops_stale_results(qtbot: QtBot) -> None:
    tasks = TaskRunner()
    gate = threading.Event()
    shown: list[int] = []
    tasks.read(lambda: gate.wait(5) and 1, shown.append, key="search")
    tasks.read(lambda: 2, shown.append, key="search")
    tasks.read(lambda: 3, shown.append, key="search")
    gate.set()
    qtbot.waitUntil(lambda: 3 in shown)
    assert shown == [3]  # 1 was overtaken, 2 was replaced before it started
    tasks.shutdown()


def test_background_reads_give_way_to_reads_queued_after_them(qtbot: QtBot) -> None:
    tasks = TaskRunner()
    gate = threading.Event()
    order: list[str] = []
    tasks.read(lambda: gate.wait(5), key="running")
    tasks.read(lambda: "learn", order.append, key="learn", background=True)
    assert not tasks.waiting("read")  # only background work queued
    tasks.read(lambda: "search", order.append, key="search")
    assert tasks.waiting("read")
    gate.set()
    qtbot.waitUntil(lambda: len(order) == 2)
    assert order == ["search", "learn"]  # queued first, but background: it went second
    assert not tasks.waiting("read")
    assert tasks.waiting("read", recent_s=60)  # the search was asked for within the minute
    tasks.shutdown()


def test_failures_reach_the_handler(qtbot: QtBot) -> None:
    failures: list[BaseException] = []
    tasks = TaskRunner(error_handler=failures.append)
    tasks.write(lambda: 1 / 0)
    qtbot.waitUntil(lambda: bool(failures))
    assert isinstance(failures[0], ZeroDivisionError)
    tasks.shutdown()


def test_quitting_during_a_save_still_runs_the_last_save_and_the_close(qtbot: QtBot) -> None:
    # The window quits while a save runs and a backup job is busy: the editor's last save and
    # the session's close (with its final backup) are queued behind the save and must run.
    tasks = TaskRunner()
    ran: list[str] = []
    job_running, job_stopped = threading.Event(), threading.Event()
    save_running, search_running = threading.Event(), threading.Event()

    def backup_job(token: CancelToken) -> None:
        job_running.set()
        while not token.cancelled:  # a job checks its token between steps
            job_stopped.wait(0.005)
        job_stopped.set()
        token.raise_if_cancelled()

    def running_save() -> None:
        save_running.set()
        job_stopped.wait(10)  # still saving when the window quits
        ran.append("save")

    def running_search() -> None:
        search_running.set()
        job_stopped.wait(10)

    tasks.job(backup_job)
    tasks.write(running_save)
    tasks.read(running_search, key="search")
    assert job_running.wait(10) and save_running.wait(10) and search_running.wait(10)
    tasks.job(lambda _token: ran.append("another backup"))
    tasks.write(lambda: ran.append("last save"), coalesce="note:1")
    tasks.read(lambda: ran.append("search"), key="search")  # behind the running search
    tasks.read(lambda: ran.append("read lane closed"), at_close=True)
    tasks.job(lambda _token: ran.append("job lane closed"), at_close=True)
    tasks.write(lambda: ran.append("close and final backup"))
    tasks.shutdown()
    assert [step for step in ran if "lane" not in step] == [
        "save",
        "last save",
        "close and final backup",
    ]
    assert {"read lane closed", "job lane closed"} <= set(ran)
    tasks.write(lambda: ran.append("after quitting"))  # refused once shut down
    assert "after quitting" not in ran


def test_typed_text_is_saved_without_pressing_anything(qtbot: QtBot, ctx: WorkspaceContext) -> None:
    editor = NoteEditor(ctx)
    qtbot.addWidget(editor)
    editor.new_note()
    with qtbot.waitSignal(editor.saved, timeout=DEADLINE_MS + 3000):
        qtbot.keyClicks(editor.text, "Strategy discussion held the same day.")
    qtbot.waitUntil(lambda: editor.status.text().startswith("Saved "))
    stored = _stored(qtbot, ctx, editor.draft.id)
    assert stored == "Strategy discussion held the same day."


def test_tags_from_the_picker_are_saved_with_the_note(qtbot: QtBot, ctx: WorkspaceContext) -> None:
    editor = NoteEditor(ctx)
    qtbot.addWidget(editor)
    editor.new_note()
    qtbot.keyClicks(editor.text, "Plans are specific.")
    editor.set_tags((Tag("hp.practice.assessment", "strength", "seen-on-record"),))
    qtbot.waitUntil(
        lambda: not editor.dirty and editor.status.text().startswith("Saved"), timeout=5000
    )
    saved: list[object] = []
    ctx.read(lambda nb: notes.get_note(nb, editor.draft.id), saved.append)
    qtbot.waitUntil(lambda: bool(saved))
    assert saved[0].tags == (Tag("hp.practice.assessment", "strength", "seen-on-record"),)  # type: ignore[attr-defined]


def test_an_empty_new_note_is_not_saved(qtbot: QtBot, ctx: WorkspaceContext) -> None:
    editor = NoteEditor(ctx)
    qtbot.addWidget(editor)
    editor.new_note()
    editor.flush()
    counted: list[int] = []
    ctx.read(notes.count_notes, counted.append)
    qtbot.waitUntil(lambda: bool(counted))
    assert counted == [0]


def test_clear_for_lock_forgets_text_and_undo(qtbot: QtBot, ctx: WorkspaceContext) -> None:
    editor = NoteEditor(ctx)
    qtbot.addWidget(editor)
    editor.new_note()
    qtbot.keyClicks(editor.text, "Words to forget")
    editor.clear_for_lock()
    assert editor.text.toPlainText() == ""
    assert not editor.text.document().isUndoAvailable()


def _stored(qtbot: QtBot, ctx: WorkspaceContext, note_id: str) -> str | None:
    found: list[object] = []
    ctx.read(lambda nb: notes.get_note(nb, note_id), found.append)
    qtbot.waitUntil(lambda: bool(found))
    note = found[0]
    return None if note is None else note.text  # type: ignore[attr-defined]
