"""`fieldwork framework list | show | check`, run as a user would."""

from __future__ import annotations

from pathlib import Path

from tests.support.cli import run_cli
from tests.support.framework_files import MINIMAL, write


def test_list_shows_every_shipped_framework() -> None:
    result = run_cli("framework", "list")
    assert result.code == 0, result.err
    for framework_id in ("ilacs-2018", "ilacs-2023", "ilacs-2026", "sccif-childrens-homes"):
        assert framework_id in result.out
    assert "in force 2026-04-01 to now; 4 judgements, 67 criteria" in result.out


def test_show_prints_the_tree() -> None:
    result = run_cli("framework", "show", "ilacs-2026")
    assert result.code == 0, result.err
    assert "hp  The experiences and progress of children who need help and protection" in result.out
    assert "hp.early-help.family-help  Family help model" in result.out
    assert "oe" not in result.out.split()  # overall effectiveness is gone in 2026
    assert "Maps from ilacs-2023" in result.out


def test_show_unknown_framework_is_a_plain_error() -> None:
    result = run_cli("framework", "show", "ilacs-1999")
    assert result.code == 1
    assert "No framework 'ilacs-1999' is installed" in result.err
    assert "Traceback" not in result.err


def test_check_a_good_file(tmp_path: Path) -> None:
    result = run_cli("framework", "check", str(write(tmp_path, MINIMAL)))
    assert result.code == 0
    assert "test-fw.toml: OK" in result.out


def test_check_a_bad_file_reports_every_problem_with_its_line(tmp_path: Path) -> None:
    text = MINIMAL.replace('heading = "First criterion"\n', "").replace(
        'theme = "beta.one"', 'theme = "nowhere"'
    )
    result = run_cli("framework", "check", str(write(tmp_path, text, "mine.toml")))
    assert result.code == 1
    assert "mine.toml: 3 problems" in result.out
    assert "mine.toml, line " in result.out
    assert "'heading' is missing" in result.out
    assert "Traceback" not in result.out + result.err


def test_check_a_missing_file(tmp_path: Path) -> None:
    result = run_cli("framework", "check", str(tmp_path / "nothing.toml"))
    assert result.code == 1
    assert "nothing.toml: 1 problem" in result.out and "does not exist" in result.out


def test_check_reports_mapping_to_an_uninstalled_framework(tmp_path: Path) -> None:
    text = MINIMAL.replace("[[rules]]", '[[mappings]]\nfrom = "ilacs-1999"\n\n[[rules]]')
    result = run_cli("framework", "check", str(write(tmp_path, text)))
    assert result.code == 1
    assert "Maps from 'ilacs-1999', which is not installed" in result.out


def test_a_user_framework_is_listed_and_a_broken_one_is_named(isolated_home: Path) -> None:
    folder = isolated_home / "fieldwork" / "data" / "frameworks"
    folder.mkdir(parents=True)
    write(folder, MINIMAL)
    write(folder, "format = 1", "broken.toml")
    result = run_cli("framework", "list")
    assert result.code == 0
    assert "test-fw" in result.out
    assert "not loaded: broken.toml" in result.out
