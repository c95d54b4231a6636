"""The shipped framework files: structure per version, mappings between them, and their rules."""

from __future__ import annotations

import pytest

from fieldwork.domain.framework import EvidenceCounts
from fieldwork.frameworks.library import default_library
from fieldwork.frameworks.mapping import map_id
from fieldwork.frameworks.rules import evaluate_rules


def test_all_shipped_frameworks_load_without_problems() -> None:
    library = default_library()
    assert library.problems == ()
    assert set(library.ids) == {"ilacs-2018", "ilacs-2023", "ilacs-2026", "sccif-childrens-homes"}


@pytest.mark.parametrize(
    ("framework_id", "judgements", "criteria"),
    [
        (
            "ilacs-2018",
            ["lead", "hp", "cic-cl", "oe"],
            {"hp": 20, "cic-cl": 32, "lead": 13, "oe": 2},
        ),
        (
            "ilacs-2023",
            ["lead", "hp", "cic", "cl", "oe"],
            {"hp": 20, "cic": 18, "cl": 14, "lead": 14, "oe": 2},
        ),
        ("ilacs-2026", ["lead", "hp", "cic", "cl"], {"hp": 21, "cic": 18, "cl": 14, "lead": 14}),
        (
            "sccif-childrens-homes",
            ["ch.overall", "ch.protect", "ch.lead"],
            {"ch.overall": 7, "ch.protect": 5, "ch.lead": 6},
        ),
    ],
)
def test_judgements_in_table_order_and_criteria_counts(
    framework_id: str, judgements: list[str], criteria: dict[str, int]
) -> None:
    framework = default_library().get(framework_id)
    assert [j.id for j in framework.judgements] == judgements
    assert {j.id: len(j.criteria) for j in framework.judgements} == criteria
    assert framework.paraphrase and "paraphrase" in framework.source_note.lower()
    for criterion in framework.criteria:
        assert criterion.keywords and criterion.heading and criterion.good
        assert {g for g, _ in criterion.features} == {
            "outstanding",
            "requires-improvement",
            "inadequate",
        }


def test_report_body_order_puts_leaders_after_the_practice_judgements() -> None:
    framework = default_library().get("ilacs-2023")
    assert [j.id for j in framework.body_order] == ["hp", "cic", "cl", "lead", "oe"]


def test_grade_scale_is_data_with_a_benchmark() -> None:
    for framework in default_library().frameworks:
        scale = framework.grades
        assert scale.ids == ("outstanding", "good", "requires-improvement", "inadequate")
        assert scale.benchmark == "good"
        assert scale.get("requires-improvement").label == "Requires improvement to be good"


def test_sccif_has_a_limiting_judgement() -> None:
    framework = default_library().get("sccif-childrens-homes")
    assert framework.judgement("ch.protect").kind == "limiting"
    assert framework.judgement("ch.overall").kind == "headline"


def test_2018_combined_judgement_maps_to_the_2023_pair() -> None:
    library = default_library()
    assert map_id(library, "cic-cl", "ilacs-2018", "ilacs-2023") == ("cic", "cl")
    assert map_id(library, "cic.entry.decisions", "ilacs-2018", "ilacs-2023") == (
        "cic.entry.decisions",
    )
    # Two steps, through 2023.
    assert map_id(library, "cic-cl", "ilacs-2018", "ilacs-2026") == ("cic", "cl")


def test_overall_effectiveness_has_no_place_in_2026() -> None:
    library = default_library()
    assert map_id(library, "oe", "ilacs-2023", "ilacs-2026") == ()
    assert map_id(library, "oe.overall.trajectory", "ilacs-2018", "ilacs-2026") == ()


def test_new_2026_ids_show_under_earlier_versions() -> None:
    library = default_library()
    assert map_id(library, "hp.early-help.family-help", "ilacs-2026", "ilacs-2023") == (
        "hp.early-help.offer",
    )
    assert map_id(library, "cl", "ilacs-2026", "ilacs-2018") == ("cic-cl",)
    assert map_id(library, "cic.permanence.planning", "ilacs-2026", "ilacs-2018") == (
        "cic.permanence.planning",
    )


def test_unrelated_frameworks_map_nothing() -> None:
    assert map_id(default_library(), "hp", "ilacs-2023", "sccif-childrens-homes") == ()


def fired(
    framework_id: str, grades: dict[str, str], evidence: dict[str, EvidenceCounts] | None = None
) -> dict[str, tuple[str, ...]]:
    framework = default_library().get(framework_id)
    return {w.rule_id: w.judgement_ids for w in evaluate_rules(framework, grades, evidence)}


def test_demo_grades_raise_one_notice_and_no_warning() -> None:
    grades = {
        "lead": "good",
        "hp": "requires-improvement",
        "cic": "good",
        "cl": "good",
        "oe": "good",
    }
    framework = default_library().get("ilacs-2023")
    warnings = evaluate_rules(framework, grades)
    assert [(w.rule_id, w.severity) for w in warnings] == [("oe-better-than-hp", "notice")]
    assert set(warnings[0].judgement_ids) == {"oe", "hp"}


def test_overall_better_than_every_other_judgement_warns() -> None:
    result = fired(
        "ilacs-2023",
        {"lead": "good", "hp": "good", "cic": "good", "cl": "good", "oe": "outstanding"},
    )
    assert "oe-within-range" in result


def test_practice_inadequate_needs_overall_inadequate() -> None:
    grades = {
        "lead": "requires-improvement",
        "hp": "inadequate",
        "cic": "requires-improvement",
        "cl": "requires-improvement",
        "oe": "requires-improvement",
    }
    result = fired("ilacs-2023", grades)
    assert "oe-inadequate-when-practice-inadequate" in result
    grades["oe"] = "inadequate"
    assert "oe-inadequate-when-practice-inadequate" not in fired("ilacs-2023", grades)


def test_rules_only_fire_on_grades_that_are_set() -> None:
    assert fired("ilacs-2023", {}) == {}
    assert fired("ilacs-2023", {"oe": "outstanding"}) == {}


def test_leaders_good_with_inadequate_practice_warns_in_2026() -> None:
    result = fired("ilacs-2026", {"lead": "good", "hp": "inadequate", "cic": "good", "cl": "good"})
    assert "lead-good-with-inadequate-practice" in result


def test_care_leavers_far_from_children_in_care_is_a_notice() -> None:
    result = fired("ilacs-2026", {"cic": "outstanding", "cl": "requires-improvement"})
    assert result.get("cic-cl-far-apart") == ("cic", "cl")


def test_evidence_rules_are_checked_per_judgement() -> None:
    grades = {"hp": "good", "cic": "good"}
    evidence = {
        "hp": EvidenceCounts(notes=10, strengths=5, serious_weaknesses=1),
        "cic": EvidenceCounts(notes=8, strengths=8),
    }
    framework = default_library().get("ilacs-2026")
    warnings = [
        w
        for w in evaluate_rules(framework, grades, evidence)
        if w.rule_id == "evidence-serious-weakness"
    ]
    assert [w.judgement_ids for w in warnings] == [("hp",)]


def test_sccif_limiting_judgement_rule() -> None:
    result = fired(
        "sccif-childrens-homes",
        {
            "ch.protect": "inadequate",
            "ch.overall": "requires-improvement",
            "ch.lead": "requires-improvement",
        },
    )
    assert "sccif-limiting" in result
