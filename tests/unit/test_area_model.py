"""The shipped area model: loads, ranks each framework's own judgements, never "oe", fails clearly."""

from __future__ import annotations

import gzip
import json
import logging

import pytest

from fieldwork.domain.errors import FieldworkError
from fieldwork.frameworks.library import default_library
from fieldwork.runtime import assets
from fieldwork.suggest.area_model import MODEL_FILE, MODEL_FOLDER, parse_area_model
from fieldwork.suggest.areas import area_suggester, area_suggester_from, suggestible
from fieldwork.suggest.keyword_areas import KeywordAreaSuggester
from fieldwork.suggest.model_areas import ModelAreaSuggester, shipped_heads

# Our own sentences, written for these tests; none names its area.
NOTES = {
    "hp": "Checks with police and health were completed the same day the contact came in, "
    "and the strategy meeting agreed a section 47 enquiry.",
    "cic": "The foster carers have looked after him for three years and the plan for him to "
    "stay with them long term was agreed at his review.",
    "cl": "At 19 she has her own tenancy, her personal adviser visits monthly and the pathway "
    "plan covers her college course and money.",
    "lead": "The director and lead member receive monthly performance reports, and audits "
    "of case files feed the workforce development plan.",
}
COMBINED_2018 = {"hp": "hp", "cic": "cic-cl", "cl": "cic-cl", "lead": "lead"}


def artefact() -> bytes:
    return assets.read_bytes(MODEL_FOLDER, MODEL_FILE)


def test_shipped_artefact_is_small_and_holds_a_head_per_ilacs_structure() -> None:
    assert len(artefact()) <= 5_000_000
    heads = {head.name: head for head in shipped_heads()}
    assert set(heads["ilacs-2018"].labels) == {"hp", "cic-cl", "lead"}
    assert set(heads["ilacs-2023"].labels) == {"hp", "cic", "cl", "lead"}
    for head in heads.values():
        assert "oe" not in head.labels
        assert len(head.index) > 1000


@pytest.mark.parametrize("framework_id", ["ilacs-2018", "ilacs-2023", "ilacs-2026"])
def test_ilacs_frameworks_use_the_model_and_rank_their_own_ids(framework_id: str) -> None:
    framework = default_library().get(framework_id)
    suggester = area_suggester(framework)
    assert isinstance(suggester, ModelAreaSuggester)
    wanted = sorted(j.id for j in suggestible(framework))
    for text in NOTES.values():
        ranked = suggester.rank(text)
        assert sorted(s.judgement_id for s in ranked) == wanted
        assert "oe" not in [s.judgement_id for s in ranked]
        assert sum(s.score for s in ranked) == pytest.approx(1.0)
        assert [s.score for s in ranked] == sorted((s.score for s in ranked), reverse=True)


@pytest.mark.parametrize("area", sorted(NOTES))
def test_own_example_notes_rank_their_area_first(area: str) -> None:
    library = default_library()
    for framework_id in ("ilacs-2023", "ilacs-2026"):
        top = area_suggester(library.get(framework_id)).rank(NOTES[area])[0]
        assert top.judgement_id == area
    top_2018 = area_suggester(library.get("ilacs-2018")).rank(NOTES[area])[0]
    assert top_2018.judgement_id == COMBINED_2018[area]


def test_ranking_is_deterministic_and_why_quotes_the_note() -> None:
    framework = default_library().get("ilacs-2023")
    first = area_suggester(framework).rank(NOTES["cl"])
    assert area_suggester(framework) is area_suggester(framework)
    assert area_suggester(framework).rank(NOTES["cl"]) == first
    top = first[0]
    assert 1 <= len(top.why) <= 5
    lowered = NOTES["cl"].lower()
    assert all(word in lowered for word in top.why)


def test_masked_area_names_still_rank() -> None:
    framework = default_library().get("ilacs-2023")
    ranked = area_suggester(framework).rank("[...] told us their personal adviser helps with rent.")
    assert ranked[0].judgement_id == "cl"


def test_childrens_homes_framework_falls_back_to_keywords() -> None:
    framework = default_library().get("sccif-childrens-homes")
    suggester = area_suggester(framework)
    assert isinstance(suggester, KeywordAreaSuggester)
    ids = {s.judgement_id for s in suggester.rank(NOTES["lead"])}
    assert ids == {"ch.overall", "ch.protect", "ch.lead"}


@pytest.mark.parametrize(
    "data",
    [
        b"not gzip at all",
        gzip.compress(b"{not json"),
        gzip.compress(json.dumps({"format": "something-else", "format_version": 1}).encode()),
        gzip.compress(json.dumps({"format": "fieldwork-area-model", "format_version": 1}).encode()),
    ],
)
def test_malformed_artefact_is_a_clear_error(data: bytes) -> None:
    with pytest.raises(FieldworkError) as raised:
        parse_area_model(data)
    assert str(raised.value).endswith(".")
    assert "Traceback" not in str(raised.value)


def test_truncated_weights_are_refused() -> None:
    document = json.loads(gzip.decompress(artefact()))
    document["heads"][0]["weights"] = document["heads"][0]["weights"][:-8]
    with pytest.raises(FieldworkError):
        parse_area_model(gzip.compress(json.dumps(document).encode()))


@pytest.mark.parametrize("data", [None, b"damaged"])
def test_missing_or_damaged_artefact_falls_back_to_keywords_with_a_warning(
    data: bytes | None, caplog: pytest.LogCaptureFixture
) -> None:
    framework = default_library().get("ilacs-2023")
    with caplog.at_level(logging.WARNING, logger="fieldwork.suggest"):
        suggester = area_suggester_from(framework, data)
    assert isinstance(suggester, KeywordAreaSuggester)
    assert any("keywords" in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)
    assert suggester.rank(NOTES["hp"])[0].judgement_id == "hp"


def test_an_artefact_without_a_matching_head_falls_back() -> None:
    document = json.loads(gzip.decompress(artefact()))
    document["heads"] = [h for h in document["heads"] if h["name"] == "ilacs-2018"]
    only_2018 = gzip.compress(json.dumps(document).encode())
    library = default_library()
    assert isinstance(area_suggester_from(library.get("ilacs-2018"), only_2018), ModelAreaSuggester)
    assert isinstance(
        area_suggester_from(library.get("ilacs-2023"), only_2018), KeywordAreaSuggester
    )


def test_damaged_numbers_in_the_needed_head_fall_back_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    document = json.loads(gzip.decompress(artefact()))
    for head in document["heads"]:
        head["idf"] = "not base64!"
    damaged = gzip.compress(json.dumps(document).encode())
    framework = default_library().get("ilacs-2026")
    with caplog.at_level(logging.WARNING, logger="fieldwork.suggest"):
        suggester = area_suggester_from(framework, damaged)
    assert isinstance(suggester, KeywordAreaSuggester)
    assert any(r.levelno == logging.WARNING for r in caplog.records)
