"""Every kind of malformed framework file gets a message naming the file and the place."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldwork.domain.errors import FrameworkFileError
from fieldwork.frameworks.library import build_library
from fieldwork.frameworks.loader import load_framework_bytes, load_framework_file
from fieldwork.frameworks.problems import Problem
from tests.support.framework_files import MINIMAL, write


def problems_of(tmp_path: Path, text: str | bytes, name: str = "broken.toml") -> list[Problem]:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    with pytest.raises(FrameworkFileError) as caught:
        load_framework_file(path)
    problems = list(caught.value.problems)
    assert problems, "an error must carry its problems"
    assert all(p.file == name for p in problems)
    assert name in str(caught.value)
    return problems


def line_number(text: str, fragment: str, occurrence: int = 1) -> int:
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if fragment in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(fragment)


def test_the_minimal_file_is_valid(tmp_path: Path) -> None:
    framework = load_framework_file(write(tmp_path, MINIMAL))
    assert framework.id == "test-fw"
    assert [j.id for j in framework.judgements] == ["alpha", "beta"]
    assert framework.criterion("alpha.one.first").judgement_id == "alpha"
    assert framework.grades.benchmark == "good"


def test_duplicate_criterion_id_names_the_second_one_and_its_line(tmp_path: Path) -> None:
    text = MINIMAL.replace('id = "beta.one.second"', 'id = "alpha.one.first"')
    (problem,) = problems_of(tmp_path, text)
    assert "Duplicate id 'alpha.one.first'" in problem.message
    assert problem.line == line_number(text, 'id = "alpha.one.first"', occurrence=2)
    assert "criteria #2" in problem.place


def test_duplicate_id_across_kinds_is_reported(tmp_path: Path) -> None:
    text = MINIMAL.replace('id = "beta.one"', 'id = "alpha.one"').replace(
        'theme = "beta.one"', 'theme = "alpha.one"'
    )
    problems = problems_of(tmp_path, text)
    assert any("Duplicate id 'alpha.one'" in p.message and "themes #2" in p.place for p in problems)


def test_unknown_grade_in_features(tmp_path: Path) -> None:
    text = MINIMAL.replace('features.poor = "The first', 'features.weak = "The first')
    problems = problems_of(tmp_path, text)
    unknown = [p for p in problems if "Unknown grade 'weak'" in p.message]
    assert unknown and unknown[0].line == line_number(text, "features.weak")
    assert "criteria #1 (alpha.one.first)" in unknown[0].place


def test_unknown_grade_as_benchmark_and_in_a_rule(tmp_path: Path) -> None:
    text = MINIMAL.replace('benchmark = "good"', 'benchmark = "excellent"')
    text = text.replace(
        'when = { grade = "beta", better_than = "alpha" }',
        'when = { grade = "beta", is = ["superb"] }',
    )
    problems = problems_of(tmp_path, text)
    messages = " | ".join(p.message for p in problems)
    assert "Unknown grade 'excellent' as benchmark" in messages
    assert "Unknown grade 'superb'" in messages
    rule_problem = next(p for p in problems if "superb" in p.message)
    assert rule_problem.line == line_number(text, "superb")
    assert "rules #1 (beta-better-than-alpha)" in rule_problem.place


def test_missing_title(tmp_path: Path) -> None:
    text = MINIMAL.replace('title = "Alpha judgement"\n', "")
    (problem,) = problems_of(tmp_path, text)
    assert problem.message == "'title' is missing."
    assert problem.line == line_number(text, "[[judgements]]")
    assert "judgements #1 (alpha)" in problem.place


def test_empty_title_is_a_problem_too(tmp_path: Path) -> None:
    text = MINIMAL.replace('title = "A test framework"', 'title = "  "')
    (problem,) = problems_of(tmp_path, text)
    assert problem.message == "'title' is empty."
    assert problem.line == line_number(text, 'title = "  "')


def test_criterion_with_no_theme(tmp_path: Path) -> None:
    text = MINIMAL.replace('theme = "beta.one"', 'theme = "beta.missing"')
    problems = problems_of(tmp_path, text)
    orphan = next(p for p in problems if "has no theme" in p.message)
    assert "'beta.missing' does not exist" in orphan.message
    assert orphan.line == line_number(text, 'theme = "beta.missing"')
    # The theme left empty is reported as well: every problem, not just the first.
    assert any("Theme 'beta.one' has no criteria" in p.message for p in problems)


def test_criterion_without_a_theme_field(tmp_path: Path) -> None:
    text = MINIMAL.replace('theme = "beta.one"\n', "")
    problems = problems_of(tmp_path, text)
    assert any(p.message == "'theme' is missing." and "criteria #2" in p.place for p in problems)


def test_cycle_in_mappings_names_both_files() -> None:
    first = MINIMAL.replace("[[rules]]", '[[mappings]]\nfrom = "test-fw-b"\n\n[[rules]]')
    second = MINIMAL.replace('id = "test-fw"', 'id = "test-fw-b"').replace(
        "[[rules]]", '[[mappings]]\nfrom = "test-fw"\n\n[[rules]]'
    )
    library = build_library([("a.toml", first.encode()), ("b.toml", second.encode())])
    cycles = [p for p in library.problems if "cycle" in p.message]
    assert cycles, library.problems
    assert "test-fw -> test-fw-b -> test-fw" in cycles[0].message or (
        "test-fw-b -> test-fw -> test-fw-b" in cycles[0].message
    )
    assert cycles[0].file in {"a.toml", "b.toml"}
    assert "mappings from" in cycles[0].place


def test_mapping_from_itself_is_a_cycle(tmp_path: Path) -> None:
    text = MINIMAL.replace("[[rules]]", '[[mappings]]\nfrom = "test-fw"\n\n[[rules]]')
    (problem,) = problems_of(tmp_path, text)
    assert "cannot map from itself" in problem.message
    assert problem.line == line_number(text, 'from = "test-fw"')


def test_bad_encoding_gives_line_and_byte(tmp_path: Path) -> None:
    data = MINIMAL.replace("Written for tests.", "Written for t\udcffests.").encode(
        "utf-8", "surrogateescape"
    )
    (problem,) = problems_of(tmp_path, data)
    assert "not UTF-8" in problem.message
    assert problem.line == line_number(MINIMAL, "Written for tests.")
    assert problem.place.startswith("byte ")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        (b'{"framework": {"id": "x"}}', "looks like JSON"),
        (b"<framework><id>x</id></framework>", "not valid TOML"),
        (b"", "empty"),
        (b'title = "no format line"\n', "not a Fieldwork framework file"),
    ],
)
def test_files_that_are_not_the_format_at_all(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    (problem,) = problems_of(tmp_path, content)
    assert expected in problem.message


def test_toml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    text = MINIMAL.replace('heading = "First criterion"', 'heading = "First criterion')
    (problem,) = problems_of(tmp_path, text)
    assert "not valid TOML" in problem.message
    assert problem.line == line_number(text, 'heading = "First criterion')
    assert problem.place.startswith("column ")


def test_newer_format_version(tmp_path: Path) -> None:
    text = MINIMAL.replace("format_version = 1", "format_version = 7")
    (problem,) = problems_of(tmp_path, text)
    assert "newer Fieldwork" in problem.message and problem.line == 2


def test_too_big_file_is_refused_before_parsing(tmp_path: Path) -> None:
    text = MINIMAL + "# " + "x" * (5 * 1024 * 1024) + "\n"
    (problem,) = problems_of(tmp_path, text)
    assert "at most 5 MB" in problem.message


def test_deeply_nested_file(tmp_path: Path) -> None:
    text = MINIMAL + "deep = " + "[" * 40 + "]" * 40 + "\n"
    (problem,) = problems_of(tmp_path, text)
    assert "nested too deeply" in problem.message


def test_pathologically_nested_file_does_not_crash(tmp_path: Path) -> None:
    text = "x = " + "[" * 200_000 + "]" * 200_000
    (problem,) = problems_of(tmp_path, text)
    assert "nested too deeply" in problem.message or "not valid TOML" in problem.message


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    text = (
        MINIMAL.replace('heading = "First criterion"\n', "")
        .replace('kind = "headline"', 'kind = "sideline"')
        .replace('severity = "warning"', 'severity = "loud"')
        .replace('short_title = "Beta"', 'short_titel = "Beta"')
    )
    problems = problems_of(tmp_path, text)
    messages = " | ".join(p.message for p in problems)
    for expected in (
        "'heading' is missing",
        "Unknown kind 'sideline'",
        "Unknown severity 'loud'",
        "Unknown field 'short_titel'",
        "'short_title' is missing",
    ):
        assert expected in messages
    assert all(p.line is not None for p in problems)


def test_rule_referring_to_unknown_judgement_and_group(tmp_path: Path) -> None:
    text = MINIMAL.replace(
        'when = { grade = "beta", better_than = "alpha" }',
        'when = { any = [ { grade = "gamma", is = ["good"] }, { any_in = "nobody", is = ["poor"] }, { grade = "$", is = ["good"] } ] }',
    )
    problems = problems_of(tmp_path, text)
    messages = " | ".join(p.message for p in problems)
    assert "Unknown judgement 'gamma'" in messages
    assert "Unknown group 'nobody'" in messages
    assert "add for_each" in messages


def test_wrong_types_are_named(tmp_path: Path) -> None:
    text = MINIMAL.replace("table_order = 1", 'table_order = "first"').replace(
        "in_force_from = 2024-01-01", 'in_force_from = "last spring"'
    )
    problems = problems_of(tmp_path, text)
    messages = " | ".join(p.message for p in problems)
    assert "'table_order' should be a whole number" in messages
    assert "'in_force_from' should be a date" in messages


def test_load_from_bytes_names_the_given_file() -> None:
    with pytest.raises(FrameworkFileError) as caught:
        load_framework_bytes(b"nonsense = ", "from-a-stick.toml")
    assert str(caught.value).startswith("from-a-stick.toml has 1 problem")
