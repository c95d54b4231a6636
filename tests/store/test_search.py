"""Full-text search against an independent reading of the index: ranking, pages, tags and cases."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldwork.domain.evidence import NoteDraft, Tag
from fieldwork.domain.ids import CaseId, NoteId, new_id
from fieldwork.domain.people import Case
from fieldwork.domain.search import SearchPage, SearchQuery, split_search_text
from fieldwork.domain.snippets import make_snippet
from fieldwork.services import notes, people, search
from fieldwork.services.notebook import Notebook
from fieldwork.store import search_index
from fieldwork.store.fts_query import to_match
from tests.support.notebooks import new_notebook

WORDS = [
    "care",
    "plan",
    "visit",
    "review",
    "school",
    "health",
    "strategy",
    "discussion",
    "family",
    "network",
]
TAGS = (
    Tag("hp.protection.strategy-enquiries", "strength", "observed"),
    Tag("hp.practice.assessment", "area-for-improvement", "seen-on-record", corroborated=True),
    Tag("lead.workforce.supervision-oversight", "context", escalate=True),
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Notebook, list[NoteId]]]:
    """140 notes of random words and lengths, so scores differ and ties happen; some tagged,
    some linked to a case. Module-scoped: every test here only reads."""
    created = new_notebook(tmp_path_factory.mktemp("search"))
    notebook = created.notebook
    people.save_case(notebook, Case(CaseId("case-1"), "C-001"))
    people.save_case(notebook, Case(CaseId("case-2"), "C-002"))
    rng = random.Random(11)
    ids = []
    for number in range(140):
        words = rng.choices(WORDS, k=rng.randint(3, 40))
        note_id = NoteId(new_id())
        notes.save_note(
            notebook,
            NoteDraft(
                id=note_id,
                text=f"Note {number}: " + " ".join(words) + ".",
                tags=TAGS[: number % 4],
                case_ids=(CaseId("case-1"), CaseId("case-2"))[: number % 3],
            ),
        )
        ids.append(note_id)
    yield notebook, ids
    notebook.close()


def _expected(notebook: Notebook, text: str, candidates: int, *, prefix: bool = False) -> list[str]:
    """The documented order, read straight from the index: the newest `candidates` matches by
    bm25 (ties by age, oldest first), then every older match newest first."""
    match = to_match(split_search_text(text, prefix_last=prefix))
    with notebook.unit_of_work(read_only=True) as uow:
        raw = uow.session.connection().connection.driver_connection
        rows = raw.execute(
            "SELECT f.rowid, bm25(note_fts), n.id FROM note_fts f JOIN notes n ON n.rowid = f.rowid "
            "WHERE note_fts MATCH ?",
            (match,),
        ).fetchall()
    newest = sorted(rows, key=lambda r: -r[0])
    ranked = sorted(newest[:candidates], key=lambda r: (r[1], r[0]))
    return [r[2] for r in ranked + newest[candidates:]]


def _all_pages(notebook: Notebook, query: SearchQuery) -> tuple[list[SearchPage], list[str]]:
    pages = [search.search_notes(notebook, query)]
    while pages[-1].next_cursor is not None:
        pages.append(
            search.search_notes(
                notebook, SearchQuery(**{**_fields(query), "after": pages[-1].next_cursor})
            )
        )
    return pages, [h.note_id for page in pages for h in page.hits]


def _fields(query: SearchQuery) -> dict[str, object]:
    return {name: getattr(query, name) for name in query.__slots__}  # type: ignore[attr-defined]


@pytest.mark.parametrize("candidates", [1, 7, 30, 300])
@pytest.mark.parametrize("text", ["care plan", "health", '"strategy discussion"', "school visit"])
def test_pages_follow_the_ranking_of_the_newest_matches(
    corpus: tuple[Notebook, list[NoteId]],
    monkeypatch: pytest.MonkeyPatch,
    candidates: int,
    text: str,
) -> None:
    notebook, _ = corpus
    monkeypatch.setattr(search_index, "RANK_CANDIDATES", candidates)
    expected = _expected(notebook, text, candidates)
    assert expected, "the corpus should match every query"
    pages, found = _all_pages(notebook, SearchQuery(text=text, limit=10))
    assert found == expected
    assert {p.total for p in pages} == {len(expected)}
    assert pages[0].ranked


def test_search_as_you_type_ranks_prefix_matches_the_same_way(
    corpus: tuple[Notebook, list[NoteId]], monkeypatch: pytest.MonkeyPatch
) -> None:
    notebook, _ = corpus
    monkeypatch.setattr(search_index, "RANK_CANDIDATES", 12)
    expected = _expected(notebook, "care pl", 12, prefix=True)
    _, found = _all_pages(notebook, SearchQuery(text="care pl", as_you_type=True, limit=25))
    assert found == expected


def test_a_filter_keeps_the_ranking_of_the_filtered_matches(
    corpus: tuple[Notebook, list[NoteId]], monkeypatch: pytest.MonkeyPatch
) -> None:
    notebook, ids = corpus
    monkeypatch.setattr(search_index, "RANK_CANDIDATES", 9)
    with_case = {str(i) for n, i in enumerate(ids) if n % 3}
    # The oracle, over the filtered matches only.
    match = to_match(split_search_text("care", prefix_last=False))
    with notebook.unit_of_work(read_only=True) as uow:
        raw = uow.session.connection().connection.driver_connection
        rows = [
            r
            for r in raw.execute(
                "SELECT f.rowid, bm25(note_fts), n.id FROM note_fts f "
                "JOIN notes n ON n.rowid = f.rowid WHERE note_fts MATCH ?",
                (match,),
            ).fetchall()
            if r[2] in with_case
        ]
    newest = sorted(rows, key=lambda r: -r[0])
    expected = [r[2] for r in sorted(newest[:9], key=lambda r: (r[1], r[0])) + newest[9:]]
    pages, found = _all_pages(notebook, SearchQuery(text="care", case_id=CaseId("case-1"), limit=8))
    assert found == expected
    assert pages[0].total == len(expected)


def test_hits_carry_tags_in_order_cases_and_a_marked_snippet(
    corpus: tuple[Notebook, list[NoteId]],
) -> None:
    notebook, ids = corpus
    page = search.search_notes(notebook, SearchQuery(text="note", limit=200))
    assert page.total == len(ids) and len(page.hits) == len(ids)
    by_id = {h.note_id: h for h in page.hits}
    for number, note_id in enumerate(ids):
        hit = by_id[note_id]
        assert hit.tags == TAGS[: number % 4]
        assert hit.case_ids == (CaseId("case-1"), CaseId("case-2"))[: number % 3]
        assert hit.snippet.startswith(f"Note {number}:")
        assert [hit.snippet[a:b].lower() for a, b in hit.highlights][:1] == ["note"]
        stored = notes.get_note(notebook, note_id)
        assert stored is not None and hit.created_at == stored.created_at


def test_no_words_lists_the_newest_notes_with_their_tags(
    corpus: tuple[Notebook, list[NoteId]],
) -> None:
    notebook, ids = corpus
    pages, found = _all_pages(notebook, SearchQuery(limit=50))
    assert found == [str(i) for i in reversed(ids)]
    assert not pages[0].ranked and pages[0].total == len(ids)
    assert pages[0].hits[0].tags == TAGS[: (len(ids) - 1) % 4]


def test_a_page_smaller_than_the_padding_of_its_id_list(tmp_path: Path) -> None:
    notebook = new_notebook(tmp_path).notebook
    try:
        for text in ("one care plan", "two care plans", "three"):
            notes.save_note(notebook, NoteDraft(id=NoteId(new_id()), text=text, tags=TAGS[:1]))
        page = search.search_notes(notebook, SearchQuery(text="care"))
        assert page.total == 2 and len(page.hits) == 2 and page.next_cursor is None
        assert all(h.tags == TAGS[:1] for h in page.hits)
    finally:
        notebook.close()


def test_snippets_past_the_first_rows_are_made_when_read_and_are_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_index, "READY_SNIPPETS", 3)
    notebook = new_notebook(tmp_path).notebook
    texts = {}
    try:
        for number in range(12):
            note_id = NoteId(new_id())
            texts[note_id] = f"Visit {number}. " + "words " * number + "The care plan was agreed."
            notes.save_note(notebook, NoteDraft(id=note_id, text=texts[note_id]))
        page = search.search_notes(notebook, SearchQuery(text="care plan"))
    finally:
        notebook.close()
    # Read after the notebook closed: a snippet needs only the text its hit already holds.
    assert len(page.hits) == 12
    for hit in page.hits:
        assert (hit.snippet, hit.highlights) == make_snippet(texts[hit.note_id], page.terms)
        assert [hit.snippet[a:b] for a, b in hit.highlights] == ["care", "plan"]
