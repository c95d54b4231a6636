"""`fieldwork suggest`: lines of JSON in, ranked judgements and criteria out, no notebook needed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support.cli import run_cli

NOTES = [
    {"id": "a", "text": "Strategy discussion for C-162 held the same day with police and school."},
    {
        "id": 7,
        "text": "Her personal adviser keeps in touch every fortnight; pathway plan is current.",
    },
    {
        "id": "c",
        "text": "Leaders say caseloads average 28 and reliance on agency staff is rising.",
    },
]


def lines(items: list[dict[str, object]]) -> str:
    return "".join(json.dumps(item) + "\n" for item in items)


def test_reads_standard_input_and_answers_each_line_in_order() -> None:
    result = run_cli("suggest", "--framework", "ilacs-2023", stdin=lines(NOTES))
    assert result.code == 0, result.err
    answers = [json.loads(line) for line in result.out.splitlines()]
    assert [a["id"] for a in answers] == ["a", 7, "c"]
    for answer in answers:
        assert set(answer) == {"id", "ranked_labels", "criteria"}
        assert sorted(answer["ranked_labels"]) == ["cic", "cl", "hp", "lead"]  # never "oe"
        assert len(answer["criteria"]) == 5
    assert answers[0]["ranked_labels"][0] == "hp"
    assert answers[0]["criteria"][0] == "hp.protection.strategy-enquiries"
    assert answers[1]["ranked_labels"][0] == "cl"
    assert "cl.relationships.pa-contact" in answers[1]["criteria"][:3]
    assert answers[2]["ranked_labels"][0] == "lead"
    assert "lead.workforce.stability-caseloads" in answers[2]["criteria"][:3]


def test_reads_a_file_and_top_sets_how_many_criteria(tmp_path: Path) -> None:
    source = tmp_path / "notes.jsonl"
    source.write_text(lines(NOTES), encoding="utf-8")
    result = run_cli("suggest", "--framework", "ilacs-2026", "--jsonl", str(source), "--top", "2")
    assert result.code == 0, result.err
    answers = [json.loads(line) for line in result.out.splitlines()]
    assert len(answers) == 3 and all(len(a["criteria"]) == 2 for a in answers)


def test_bad_lines_are_named_skipped_and_make_the_exit_status_1() -> None:
    body = (
        lines(NOTES[:1])
        + "this is not json\n"
        + "\n"
        + json.dumps({"id": "no text"})
        + "\n"
        + json.dumps(["a", "list"])
        + "\n"
        + json.dumps({"text": "no id at all"})
        + "\n"
        + lines(NOTES[1:2])
    )
    result = run_cli("suggest", "--framework", "ilacs-2023", stdin=body)
    assert result.code == 1
    assert [json.loads(line)["id"] for line in result.out.splitlines()] == ["a", 7]
    errors = result.err.splitlines()
    assert errors[0].startswith("fieldwork suggest: line 2: not JSON")
    assert "line 4:" in errors[1] and '"text"' in errors[1]
    assert "line 5:" in errors[2] and "object" in errors[2]
    assert "line 6:" in errors[3] and '"id"' in errors[3]
    assert errors[-1] == "fieldwork suggest: 4 line(s) skipped."
    assert "no id at all" not in result.err  # a note's text never goes to the terminal's errors


def test_unknown_framework_and_bad_options_are_plain_errors(tmp_path: Path) -> None:
    unknown = run_cli("suggest", "--framework", "no-such-framework", stdin="")
    assert unknown.code == 1 and "Traceback" not in unknown.err
    assert unknown.err.startswith("fieldwork: ")
    missing = run_cli("suggest", "--framework", "ilacs-2023", "--jsonl", str(tmp_path / "nope"))
    assert missing.code == 1 and "Cannot read" in missing.err
    zero = run_cli("suggest", "--framework", "ilacs-2023", "--top", "0", stdin="")
    assert zero.code == 1 and "--top" in zero.err
    assert run_cli("suggest").code == 2  # --framework is required


def test_needs_no_database_or_window_libraries() -> None:
    probe = (
        "import sys; from fieldwork.cli.main import run; "
        "code = run(['suggest', '--framework', 'ilacs-2023']); "
        "print(sorted(m for m in ('sqlalchemy', 'sqlcipher3', 'PySide6', 'sklearn', 'numpy') "
        "if m in sys.modules), code, file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        input='{"id": 1, "text": "hello there world"}\n',
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stderr.strip().splitlines()[-1] == "[] 0"
    answer = json.loads(done.stdout)
    # A text sharing no word with any criterion: the criteria follow the area ranking.
    assert answer["criteria"][0].split(".")[0] == answer["ranked_labels"][0]


def test_empty_input_gives_empty_output() -> None:
    result = run_cli("suggest", "--framework", "ilacs-2023", stdin="")
    assert result.code == 0 and result.out == ""
