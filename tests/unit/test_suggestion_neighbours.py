"""Learning from one inspection: the nearest tagged notes vote, and the notebooks we measure it on."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from fieldwork.services.frameworks import framework_by_id
from fieldwork.suggest.criteria import CriterionRanker, criterion_ranker
from fieldwork.suggest.terms import analyse, references

DATA = Path(__file__).resolve().parents[1] / "data" / "suggest"
INSPECTIONS = ("inspection-a.jsonl", "inspection-b.jsonl")


@pytest.fixture(scope="module")
def ranker() -> CriterionRanker:
    return criterion_ranker(framework_by_id("ilacs-2023"))


def notebook(name: str) -> list[dict[str, object]]:
    path = DATA / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("name", INSPECTIONS)
def test_each_inspection_is_one_notebook_in_the_order_written(name: str) -> None:
    notes = notebook(name)
    framework = framework_by_id("ilacs-2023")
    assert len(notes) >= 200
    assert [n["id"] for n in notes] == sorted({str(n["id"]) for n in notes})
    days = [int(str(n["day"])) for n in notes]
    assert days == sorted(days) and days[0] == 1
    covered: Counter[str] = Counter()
    children: Counter[str] = Counter()
    for note in notes:
        criteria = note["criteria"]
        assert isinstance(criteria, list) and 1 <= len(criteria) <= 3, note["id"]
        assert all(framework.has(c) for c in criteria), note["id"]
        assert framework.criterion(criteria[0]).judgement_id == note["judgement"], note["id"]
        assert len(str(note["text"]).split()) >= 4, note["id"]
        covered.update(criteria)
        children.update(r for r in references(str(note["text"])) if r.startswith("#c-"))
    suggestible = [c.id for c in framework.criteria if c.judgement_id != "oe"]
    assert all(covered[c] >= 1 for c in suggestible), [c for c in suggestible if not covered[c]]
    # What makes it one inspection: children who come back across the fortnight.
    assert sum(1 for n in children.values() if n >= 3) >= 15


def test_a_childs_case_reference_brings_back_the_tags_of_the_notes_about_the_child(
    ranker: CriterionRanker,
) -> None:
    adaptation = ranker.new_adaptation()
    target = "hp.groups.young-carers"
    for n, text in enumerate(
        (
            "C-777 looks after mum most evenings; school says he is tired.",
            "C-777 told me he gets the shopping and her tablets.",
            "Asked C-777 what a good week would look like.",
        )
    ):
        adaptation.set_note(f"y{n}", text, [target])
    for n in range(30):  # the rest of the fortnight, about other children
        adaptation.set_note(f"z{n}", f"Visit to C-{n:03} at home.", ["cic.wellbeing.health"])
    note = "Saw C-777 again today at home."
    before = [s.criterion_id for s in ranker.rank(note)]
    after = ranker.rank(note, adaptation=adaptation)
    ranked = [s.criterion_id for s in after]
    assert before.index(target) > 3
    assert ranked.index(target) < 3  # among the first keys on show
    assert after[ranked.index(target)].why == ("C-777",)  # the reason: the child it shares


def test_notes_sharing_only_everyday_words_do_not_vote(ranker: CriterionRanker) -> None:
    adaptation = ranker.new_adaptation()
    for n in range(30):
        adaptation.set_note(f"e{n}", f"Visit to the office on day {n}.", ["cic.wellbeing.health"])
        adaptation.set_note(f"o{n}", f"Panel {n} met today.", ["cic.permanence.adoption"])
    assert adaptation.neighbours(analyse("The visit was long.")) == {}
    assert "cic.permanence.adoption" in adaptation.neighbours(analyse("Panel 7 met today."))


def test_neighbours_forget_a_deleted_or_retagged_note(ranker: CriterionRanker) -> None:
    adaptation = ranker.new_adaptation()
    text = analyse("Gatehouse huddle for C-610 went well.")
    adaptation.set_note("k", "Keystone audit of C-500.", ["lead.knowledge.quality-assurance"])
    alone = adaptation.neighbours(text)
    adaptation.set_note("g", "Gatehouse huddle for C-610.", ["hp.front-door.thresholds"])
    assert "hp.front-door.thresholds" in adaptation.neighbours(text)
    adaptation.set_note("g", "Gatehouse huddle for C-610.", ["hp.front-door.timely-response"])
    votes = adaptation.neighbours(text)
    assert "hp.front-door.timely-response" in votes and "hp.front-door.thresholds" not in votes
    adaptation.forget_note("g")
    assert adaptation.neighbours(text) == alone
    adaptation.forget_note("k")
    assert adaptation.notes == 0 and adaptation.neighbours(text) == {}


def test_an_inspection_held_out_from_tuning_is_suggested_better_after_100_accepted_tags(
    ranker: CriterionRanker,
) -> None:
    """The weights were tuned on inspection A; B is what an unseen inspection gains."""
    notes = notebook("inspection-b.jsonl")
    adaptation = ranker.new_adaptation()
    for note in notes[:100]:
        adaptation.set_note(str(note["id"]), str(note["text"]), note["criteria"])  # type: ignore[arg-type]
    adapted = plain = 0
    for note in notes[100:]:
        labels = set(note["criteria"])  # type: ignore[call-overload]
        text = str(note["text"])
        adapted += bool(
            labels & {s.criterion_id for s in ranker.rank(text, adaptation=adaptation, limit=3)}
        )
        plain += bool(labels & {s.criterion_id for s in ranker.rank(text, limit=3)})
    unseen = len(notes) - 100
    assert adapted / unseen >= plain / unseen + 0.03, (adapted, plain, unseen)
