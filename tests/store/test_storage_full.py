"""A full disk while saving: StorageFull, nothing already saved is touched, saving works again after."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldwork.domain.errors import StorageFull
from fieldwork.domain.evidence import NoteDraft, Tag
from fieldwork.domain.ids import NoteId, new_id
from fieldwork.domain.search import SearchQuery
from fieldwork.services import notes, search, verification
from fieldwork.services.notebook import Notebook
from tests.support.disk_full import lift_size_limit, limit_size, writes_fail
from tests.support.notebooks import new_notebook

LONG = "Observed a supervision record with a clear rationale for the plan. " * 300


@pytest.fixture
def notebook(tmp_path: Path) -> Iterator[Notebook]:
    with new_notebook(tmp_path).notebook as opened:
        yield opened


def _saved_first(notebook: Notebook) -> NoteDraft:
    draft = NoteDraft(
        NoteId(new_id()),
        "Management oversight was visible on every file sampled.",
        tags=(Tag("lead.workforce.supervision-oversight", "strength"),),
    )
    notes.save_note(notebook, draft)
    return draft


def _intact(notebook: Notebook, first: NoteDraft, count: int) -> None:
    kept = notes.get_note(notebook, first.id)
    assert kept is not None and kept.text == first.text and kept.tags == first.tags
    assert notes.count_notes(notebook) == count
    page = search.search_notes(notebook, SearchQuery(text="oversight"))
    assert [hit.note_id for hit in page.hits] == [first.id]
    report = verification.verify_notebook(notebook)
    assert report.ok, (report.chain_problem, report.mismatches, report.integrity_problems)


def test_a_size_limited_database_refuses_then_resumes(notebook: Notebook) -> None:
    first = _saved_first(notebook)
    limit_size(notebook)
    big = NoteDraft(NoteId(new_id()), LONG)
    with pytest.raises(StorageFull) as raised:
        notes.save_note(notebook, big)
    assert "disk is full" in str(raised.value)
    # An edit of the saved note fails whole, too: the old text stays, not half of the new.
    with pytest.raises(StorageFull):
        notes.save_note(notebook, NoteDraft(first.id, first.text + LONG, tags=first.tags))
    _intact(notebook, first, count=1)
    lift_size_limit(notebook)
    notes.save_note(notebook, big)
    stored = notes.get_note(notebook, big.id)
    assert stored is not None and stored.text == LONG
    _intact(notebook, first, count=2)


@pytest.mark.parametrize("at", ["statement", "commit"])
def test_writes_failing_with_enospc_are_storage_full(notebook: Notebook, at: str) -> None:
    first = _saved_first(notebook)
    second = NoteDraft(NoteId(new_id()), "Written while the disk was full.")
    with writes_fail(at) as failures:  # type: ignore[arg-type]
        with pytest.raises(StorageFull):
            notes.save_note(notebook, second)
        with pytest.raises(StorageFull):
            notes.save_note(notebook, NoteDraft(first.id, "Overwritten?", tags=first.tags))
    assert failures
    _intact(notebook, first, count=1)
    notes.save_note(notebook, second)
    assert notes.count_notes(notebook) == 2


def test_other_write_errors_are_not_called_a_full_disk(notebook: Notebook) -> None:
    _saved_first(notebook)
    with writes_fail("commit", errno.EIO), pytest.raises(OSError) as raised:
        notes.save_note(notebook, NoteDraft(NoteId(new_id()), "An input/output error."))
    assert not isinstance(raised.value, StorageFull) and raised.value.errno == errno.EIO
