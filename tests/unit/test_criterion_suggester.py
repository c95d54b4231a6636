"""The criterion ranker: framework words, the area prior, and adaptation to a notebook's own tags."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from fieldwork.domain.framework import Framework
from fieldwork.services.frameworks import framework_by_id
from fieldwork.suggest.adaptation import Adaptation
from fieldwork.suggest.areas import keyword_area_suggester
from fieldwork.suggest.criteria import CriterionRanker, criterion_ranker
from fieldwork.suggest.terms import analyse, content_stems, references, stem
from tests.support.tagged_notes import BACKGROUND

NOTES = Path(__file__).resolve().parents[1] / "data" / "suggest" / "criteria-notes.jsonl"


@pytest.fixture(scope="module")
def framework() -> Framework:
    return framework_by_id("ilacs-2023")


@pytest.fixture(scope="module")
def ranker(framework: Framework) -> CriterionRanker:
    return criterion_ranker(framework)


def labelled() -> list[dict[str, object]]:
    return [json.loads(line) for line in NOTES.read_text(encoding="utf-8").splitlines() if line]


def test_the_labelled_notes_are_enough_valid_and_spread_across_the_framework() -> None:
    notes = labelled()
    assert len(notes) >= 200
    assert len({n["id"] for n in notes}) == len(notes)
    by_framework = {f: framework_by_id(f) for f in {str(n["framework"]) for n in notes}}
    covered: Counter[str] = Counter()
    for note in notes:
        framework = by_framework[str(note["framework"])]
        criteria = note["criteria"]
        assert isinstance(criteria, list) and 1 <= len(criteria) <= 3
        assert all(framework.has(c) for c in criteria), note["id"]
        assert framework.criterion(criteria[0]).judgement_id == note["judgement"]
        covered.update(criteria)
        assert "text" in note and len(str(note["text"]).split()) >= 5
    ilacs = framework_by_id("ilacs-2023")
    suggestible = [c.id for c in ilacs.criteria if c.judgement_id != "oe"]
    assert all(covered[c] >= 3 for c in suggestible), [c for c in suggestible if covered[c] < 3]
    assert {n["judgement"] for n in notes} == {"lead", "hp", "cic", "cl"}


def test_stems_fold_endings_and_spell_out_sector_shorthand() -> None:
    assert stem("assessed") == stem("assessing") == stem("assessment") == "assess"
    assert stem("planning") == stem("plan")
    assert content_stems("Strat held; PA visited") == content_stems(
        "strategy discussion held; personal adviser visited"
    )
    assert content_stems("SWs and PAs; PF") == content_stems(
        "social worker and personal adviser; private fostering"
    )
    assert content_stems("gas bills") == ["gas", "bill"]  # only a known shorthand is spelt out
    # Case and practitioner references are no evidence of a criterion in general.
    assert content_stems("C-014 seen by P07") == ["seen"]
    assert references("C-014 seen by P07, then c014 again; s47 begun") == {"#c-014": 2, "#p-07": 1}


def test_framework_words_alone_find_the_criterion(ranker: CriterionRanker) -> None:
    found = ranker.suggest(
        "Strategy discussion for C-162 the same day with police; section 47 enquiries began.",
        limit=3,
    )
    assert found.criteria[0].criterion_id == "hp.protection.strategy-enquiries"
    assert found.areas[0].judgement_id == "hp"
    assert "police" in found.criteria[0].why or "strategy" in found.criteria[0].why
    assert all(a.judgement_id != "oe" for a in found.areas)


def test_ranking_is_complete_ordered_and_honours_exclude_and_limit(
    ranker: CriterionRanker, framework: Framework
) -> None:
    text = "Pathway plan written with the care leaver; her personal adviser visits fortnightly."
    everything = ranker.rank(text)
    assert len(everything) == len([c for c in framework.criteria if c.judgement_id != "oe"])
    assert [s.score for s in everything] == sorted((s.score for s in everything), reverse=True)
    top = everything[0].criterion_id
    without = ranker.rank(text, exclude={top}, limit=4)
    assert len(without) == 4 and top not in {s.criterion_id for s in without}
    assert without[0].criterion_id == everything[1].criterion_id


def test_why_gives_the_inspectors_own_words(ranker: CriterionRanker) -> None:
    best = ranker.rank("Visits were cancelled and the IRO escalated the drift.", limit=1)[0]
    assert best.why
    written = {"visits", "were", "cancelled", "and", "the", "iro", "escalated", "drift"}
    assert {word.lower() for why in best.why for word in why.split(" ")} <= written
    assert "IRO" in best.why or "iro" not in {w.lower() for w in best.why}  # shorthand as written
    assert "Visits" not in best.why  # a framework word capitalised at the start of a sentence


BLUEBIRD = (
    "Bluebird meeting for C-310: twin-track decision by the second month.",
    "At Bluebird the managers challenged the wait for C-311.",
    "Bluebird tracking list shows every under-five with a date.",
)


def learned(ranker: CriterionRanker, target: str) -> Adaptation:
    """A notebook's profiles: other tagged notes, and three using the inspector's own word."""
    adaptation = ranker.new_adaptation()
    for n, (text, criterion_id) in enumerate(BACKGROUND):
        adaptation.set_note(f"b{n}", text, [criterion_id])
    for n, text in enumerate(BLUEBIRD):
        adaptation.set_note(f"n{n}", text, [target])
    return adaptation


def test_accepted_tags_teach_the_inspectors_own_phrasing(ranker: CriterionRanker) -> None:
    """An inspector's local word, unknown to the framework, comes to mean her criterion."""
    target = "cic.permanence.planning"
    note = "Bluebird meeting for C-901 agreed twin tracks."
    before = [s.criterion_id for s in ranker.rank(note)]
    after = ranker.suggest(note, adaptation=learned(ranker, target))
    ranked = [s.criterion_id for s in after.criteria]
    assert ranked.index(target) < before.index(target)
    assert ranked.index(target) < 3  # among the first keys on show
    shown = after.criteria[ranked.index(target)]
    assert shown.learned_from == 3
    assert any("Bluebird" in why for why in shown.why)  # a local name keeps its capital
    assert after.learned_from == 9


def test_where_only_keywords_rank_areas_the_notebooks_own_areas_are_blended_in(
    framework: Framework,
) -> None:
    ranker = CriterionRanker(framework, keyword_area_suggester(framework))
    note = "Bluebird meeting for C-901."
    adaptation = learned(ranker, "cic.permanence.planning")
    blended = {a.judgement_id: a.score for a in ranker.areas(note, adaptation)}
    plain = {a.judgement_id: a.score for a in ranker.areas(note)}
    assert blended["cic"] > plain["cic"]
    assert ranker.areas(note, adaptation)[0].judgement_id == "cic"


def test_profiles_update_incrementally_and_forget_cleanly(ranker: CriterionRanker) -> None:
    text = "Bluebird meeting held for the twins."
    planning, adoption = "cic.permanence.planning", "cic.permanence.adoption"
    adaptation = ranker.new_adaptation()
    for n in range(3):
        adaptation.set_note(
            f"keep{n}", f"Audit {n} of records.", ["lead.knowledge.quality-assurance"]
        )
    baseline = adaptation.criteria(analyse(text))
    adaptation.set_note("n1", "Bluebird meeting for C-310.", [planning])
    # One note is a coincidence: a word speaks for a criterion once two of its notes share it.
    assert planning not in adaptation.criteria(analyse(text))
    adaptation.set_note("n2", "Bluebird meeting for C-311.", [planning])
    assert planning in adaptation.criteria(analyse(text))
    # Re-tagging a note moves its weight; deleting it leaves no trace.
    adaptation.set_note("n1", "Bluebird meeting for C-310.", [adoption])
    assert adaptation.tagged(planning) == 1 and adaptation.tagged(adoption) == 1
    assert planning not in adaptation.criteria(analyse(text))
    adaptation.forget_note("n1")
    adaptation.forget_note("n2")
    assert adaptation.criteria(analyse(text)) == baseline
    assert adaptation.notes == 3
    for n in range(3):
        adaptation.set_note(f"keep{n}", f"Audit {n} of records.", [])  # their last tag removed
    assert adaptation.notes == 0 and adaptation.criteria(analyse(text)) == {}


def test_overall_effectiveness_is_suggested_only_to_an_inspector_who_files_there(
    ranker: CriterionRanker,
) -> None:
    text = "Services have improved since the last inspection across the board."
    assert all(s.judgement_id != "oe" for s in ranker.rank(text))
    adaptation = ranker.new_adaptation()
    for n, words in enumerate(
        ("Improved since the last inspection.", "Inspection found it improved.")
    ):
        adaptation.set_note(f"oe{n}", words, ["oe.overall.trajectory"])
    adaptation.set_note(
        "m", "Caseloads in the assessment teams are high.", ["lead.workforce.stability-caseloads"]
    )
    assert "oe.overall.trajectory" in {
        s.criterion_id for s in ranker.rank(text, adaptation=adaptation)
    }


def test_every_shipped_ilacs_framework_can_be_ranked() -> None:
    for framework_id in ("ilacs-2018", "ilacs-2023", "ilacs-2026"):
        framework = framework_by_id(framework_id)
        found = criterion_ranker(framework).suggest(
            "Return home interviews after missing episodes."
        )
        assert found.criteria and all(framework.has(c.criterion_id) for c in found.criteria)
