"""The emphasis syntax (`*bold*`, `_italic_`): found where meant, left alone where not."""

from __future__ import annotations

import time

import pytest

from fieldwork.domain.emphasis import EmphasisSpan, emphasis_segments, find_emphasis


def test_bold_and_italic_spans_cover_their_markers() -> None:
    text = "Child *not* seen _alone_ today"
    assert find_emphasis(text) == (EmphasisSpan(6, 11, "bold"), EmphasisSpan(17, 24, "italic"))
    assert emphasis_segments(text) == (
        ("Child ", None),
        ("not", "bold"),
        (" seen ", None),
        ("alone", "italic"),
        (" today", None),
    )


@pytest.mark.parametrize(
    "text",
    [
        "snake_case_name and file_name",
        "2*3*4 = 24",
        "* a list item",
        "lonely * star and _ underscore",
        "**",
        "* spaced *",
        "_",
        "",
        "under_ score_",
    ],
)
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert find_emphasis(text) == ()
    assert "".join(piece for piece, _ in emphasis_segments(text)) == text


def test_spans_do_not_cross_lines_or_nest() -> None:
    assert find_emphasis("*starts here\nends here*") == ()
    assert emphasis_segments("*bold _and* italic_") == (
        ("bold _and", "bold"),
        (" italic_", None),
    )


def test_punctuation_may_follow_a_span() -> None:
    assert emphasis_segments("It was *late*.") == (("It was ", None), ("late", "bold"), (".", None))


def test_pathological_input_is_quick() -> None:
    text = "*a " * 100_000 + "_b " * 100_000
    started = time.perf_counter()
    find_emphasis(text)
    assert time.perf_counter() - started < 2.0
