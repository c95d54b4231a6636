"""Any Unicode note text round-trips through the encrypted notebook and is findable by its words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldwork.domain.evidence import NoteDraft
from fieldwork.domain.ids import NoteId, new_id
from fieldwork.domain.search import SearchQuery, split_search_text
from fieldwork.domain.text import clean_note_text
from fieldwork.services import notes, search
from fieldwork.services.notebook import Notebook
from tests.support.notebooks import new_notebook

WELSH = "Mae'r gweithiwr cymdeithasol wedi ymweld â'r plentyn ddwywaith; ŵyr, ŷd"
RTL = "الطفل في أمان" + " " + "הילד בטוח"
EMOJI = "Child said 🙂 then 👍🏽 about school 🏫"

texts = st.one_of(
    st.text(min_size=1, max_size=400),
    st.text(
        alphabet=st.characters(categories=("L", "N", "Zs", "P", "So")), min_size=1, max_size=400
    ),
    st.sampled_from([WELSH, RTL, EMOJI, "x" * 100_000, "word " * 20_000]),
)


@pytest.fixture
def notebook(tmp_path: Path) -> Iterator[Notebook]:
    created = new_notebook(tmp_path)
    yield created.notebook
    created.notebook.close()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=texts)
def test_any_text_round_trips_and_is_found_by_its_words(notebook: Notebook, text: str) -> None:
    note_id = NoteId(new_id())
    notes.save_note(notebook, NoteDraft(id=note_id, text=text))
    stored = notes.get_note(notebook, note_id)
    assert stored is not None
    assert stored.text == clean_note_text(text)[0]
    words = [t.text for t in split_search_text(stored.text + " ")]
    for word in words[:3]:
        page = search.search_notes(notebook, SearchQuery(text=f'"{word}"', limit=1000))
        assert note_id in {h.note_id for h in page.hits}, word


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(typed=st.text(max_size=80))
def test_whatever_is_typed_in_the_search_box_is_never_an_error(
    notebook: Notebook, typed: str
) -> None:
    page = search.search_notes(notebook, SearchQuery(text=typed))
    assert page.total >= 0
