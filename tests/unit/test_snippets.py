"""Snippets: a window of words around the first match, with every searched word marked."""

from __future__ import annotations

from fieldwork.domain.search import split_search_text
from fieldwork.domain.snippets import Excerpt, make_snippet


def _marked(text: str, query: str, *, typing: bool = False) -> tuple[str, list[str]]:
    snippet, marks = make_snippet(text, split_search_text(query, prefix_last=typing))
    return snippet, [snippet[a:b] for a, b in marks]


def test_six_words_before_the_first_match_and_twelve_from_it() -> None:
    before = " ".join(f"w{i}" for i in range(20))
    after = " ".join(f"a{i}" for i in range(20))
    snippet, marked = _marked(f"{before} plan {after}", "plan")
    assert snippet == "…w14 w15 w16 w17 w18 w19 plan a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 a10…"
    assert marked == ["plan"]


def test_a_match_near_the_start_keeps_the_start_and_no_ellipsis() -> None:
    snippet, marked = _marked("The care plan was reviewed.", "plan")
    assert snippet == "The care plan was reviewed."
    assert marked == ["plan"]


def test_a_line_break_before_the_window_is_not_kept_as_a_leading_space() -> None:
    snippet, _ = _marked("Visit notes\nplan agreed with the family", "plan")
    assert snippet == "Visit notes plan agreed with the family"
    snippet, _ = _marked("Visit one two three four five six seven\nplan agreed", "plan")
    assert snippet == "…two three four five six seven plan agreed"


def test_the_window_looks_back_at_most_120_characters() -> None:
    text = "x" * 200 + " plan"
    snippet, marked = _marked(text, "plan")
    assert snippet.startswith("…") and len(snippet) <= 130
    assert marked == ["plan"]


def test_every_searched_word_is_marked_whole_words_only_in_any_case() -> None:
    snippet, marked = _marked("Plans for the plan; CARE, but not careful.", "care plan")
    assert marked == ["plan", "CARE"]
    assert snippet.startswith("Plans")


def test_a_word_typed_with_an_accent_also_marks_it_without() -> None:
    _, marked = _marked("Caré and care.", "caré")
    assert marked == ["Caré", "care"]


def test_the_word_being_typed_matches_as_a_prefix() -> None:
    _, marked = _marked("Careful planning of the care plan.", "care pla", typing=True)
    assert marked == ["planning", "care", "plan"]


def test_no_match_shows_the_start_of_the_note() -> None:
    snippet, marked = _marked("Nothing to see here.", "plan")
    assert snippet == "Nothing to see here." and marked == []


def test_an_excerpt_is_made_once_when_first_read_and_compares_by_its_value() -> None:
    terms = split_search_text("plan", prefix_last=False)
    later = Excerpt("The care plan was agreed.", terms)
    ready = Excerpt.made(*make_snippet("The care plan was agreed.", terms))
    assert later == ready and hash(later) == hash(ready)
    assert later.value == ("The care plan was agreed.", ((9, 13),))
    assert later.now() is later and later.value is later.value
    assert Excerpt.made("Untitled") != later and Excerpt.made("Untitled").value == ("Untitled", ())
