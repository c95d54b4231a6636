"""The keyword area suggester: the framework's own words rank its judgements, nothing learned."""

from __future__ import annotations

import pytest

from fieldwork.frameworks.library import default_library
from fieldwork.suggest.areas import keyword_area_suggester, suggestible

# Our own sentences, written for these tests.
FRONT_DOOR = "The MASH screened the referral within a day and a strategy discussion followed."
LEAVING_CARE = "Her personal adviser helped her find a flat and kept in touch after she turned 18."
PERMANENCE = "Foster carers spoke warmly of the permanence plan and placement stability since May."
OVERSIGHT = "Senior managers use performance data and audits to know their services well."


@pytest.mark.parametrize("framework_id", default_library().ids)
def test_every_suggestible_judgement_is_ranked_once_and_oe_never(framework_id: str) -> None:
    framework = default_library().get(framework_id)
    ranked = keyword_area_suggester(framework).rank(FRONT_DOOR)
    ids = [score.judgement_id for score in ranked]
    assert sorted(ids) == sorted(j.id for j in framework.judgements if j.id != "oe")
    assert "oe" not in ids
    assert [s.score for s in ranked] == sorted((s.score for s in ranked), reverse=True)
    assert sum(s.score for s in ranked) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("framework_id", "text", "expected"),
    [
        ("ilacs-2023", FRONT_DOOR, "hp"),
        ("ilacs-2023", LEAVING_CARE, "cl"),
        ("ilacs-2023", PERMANENCE, "cic"),
        ("ilacs-2023", OVERSIGHT, "lead"),
        ("ilacs-2018", LEAVING_CARE, "cic-cl"),
        ("ilacs-2018", PERMANENCE, "cic-cl"),
        ("ilacs-2026", FRONT_DOOR, "hp"),
        ("sccif-childrens-homes", OVERSIGHT, "ch.lead"),
    ],
)
def test_framework_words_pick_the_area(framework_id: str, text: str, expected: str) -> None:
    framework = default_library().get(framework_id)
    top = keyword_area_suggester(framework).rank(text)[0]
    assert top.judgement_id == expected
    assert top.why, "the top area says which words weighed"


def test_why_names_words_from_the_text() -> None:
    framework = default_library().get("ilacs-2023")
    top = keyword_area_suggester(framework).rank(FRONT_DOOR)[0]
    assert "mash" in top.why or "referral" in top.why
    assert len(top.why) <= 5


def test_text_with_no_framework_words_gets_equal_scores_in_body_order() -> None:
    framework = default_library().get("ilacs-2023")
    ranked = keyword_area_suggester(framework).rank("Xylophone quartz zebra.")
    assert [s.judgement_id for s in ranked] == [j.id for j in suggestible(framework)]
    assert len({s.score for s in ranked}) == 1
    assert all(s.why == () for s in ranked)


def test_ranking_is_deterministic_and_cached_per_framework() -> None:
    framework = default_library().get("ilacs-2023")
    first = keyword_area_suggester(framework)
    assert keyword_area_suggester(framework) is first
    assert first.rank(PERMANENCE) == first.rank(PERMANENCE)


def test_empty_text_is_answered() -> None:
    framework = default_library().get("ilacs-2018")
    assert len(keyword_area_suggester(framework).rank("")) == 3
