"""Closing a notebook (a lock) while another thread is part-way through searching it."""

from __future__ import annotations

import threading
from pathlib import Path

from fieldwork.domain.errors import NotebookLocked
from fieldwork.domain.evidence import NoteDraft
from fieldwork.domain.ids import NoteId, new_id
from fieldwork.domain.search import SearchQuery
from fieldwork.services import notes
from tests.support.notebooks import new_notebook


def test_a_search_cut_short_by_a_close_is_told_as_locked_not_as_a_crash(tmp_path: Path) -> None:
    """A lane part-way through a unit of work when the notebook closes from another thread (a
    task that reached the store after the lanes were released) gets the lock's own error, which
    the window drops quietly, instead of a raw fault shown after unlocking."""
    notebook = new_notebook(tmp_path).notebook
    notes.save_note(
        notebook, NoteDraft(id=NoteId(new_id()), text="Strategy discussion the same afternoon.")
    )
    searched, closed = threading.Event(), threading.Event()
    found: list[int] = []
    caught: list[BaseException] = []

    def lane() -> None:
        try:
            with notebook.unit_of_work(read_only=True) as uow:
                found.append(uow.search.search(SearchQuery(text="strategy")).total)
                searched.set()
                closed.wait(10)
                uow.search.search(SearchQuery(text="afternoon"))
        except BaseException as error:  # what the lane would see
            caught.append(error)

    thread = threading.Thread(target=lane)
    thread.start()
    assert searched.wait(10)
    notebook.close()
    closed.set()
    thread.join(10)
    assert found == [1]
    assert len(caught) == 1, caught
    assert isinstance(caught[0], NotebookLocked), repr(caught[0])
