"""`fieldwork new | info | search | verify | passwd` run as a user would, with real encryption."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import run_cli

PASSPHRASE = "a long and private passphrase"
ENV = {"FIELDWORK_PASSPHRASE": PASSPHRASE}


@pytest.fixture
def notebook(tmp_path: Path) -> Path:
    path = tmp_path / "2026-05-11.fieldwork"
    result = run_cli(
        "new",
        str(path),
        "--authority",
        "Westmere Borough Council (fictional)",
        "--start",
        "2026-05-11",
        "--end",
        "2026-05-22",
        "--inspector",
        "Team inspector 2",
        env=ENV,
    )
    assert result.code == 0, result.err
    assert "Recovery code: " in result.out
    return path


def test_new_then_info(notebook: Path) -> None:
    result = run_cli("info", str(notebook), env=ENV)
    assert result.code == 0, result.err
    assert "Westmere Borough Council (fictional)" in result.out
    assert "Standard inspection, 2026-05-11 to 2026-05-22" in result.out
    assert "Fingerprint:    FW1-" in result.out
    assert "not remembered" in result.out


def test_wrong_passphrase_is_one_plain_sentence(notebook: Path) -> None:
    result = run_cli("info", str(notebook), env={"FIELDWORK_PASSPHRASE": "guess"})
    assert result.code == 1
    assert (
        result.err.strip()
        == "fieldwork: That passphrase does not open this notebook. Check Caps Lock and try again."
    )


def test_no_passphrase_and_no_terminal_says_how(notebook: Path) -> None:
    result = run_cli("info", str(notebook))
    assert result.code == 1
    assert "--passphrase-file" in result.err


def test_passphrase_from_a_file(notebook: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(PASSPHRASE + "\n")
    result = run_cli("verify", str(notebook), "--passphrase-file", str(secret))
    assert result.code == 0, result.err
    assert "Verified: OK" in result.out and "History:     1 entries, intact" in result.out


def test_empty_passphrase_is_refused_and_nothing_is_made(tmp_path: Path) -> None:
    result = run_cli(
        "new",
        str(tmp_path / "x.fieldwork"),
        "--authority",
        "A",
        "--start",
        "2026-05-11",
        "--end",
        "2026-05-12",
        env={"FIELDWORK_PASSPHRASE": ""},
    )
    assert result.code == 1
    assert not (tmp_path / "x.fieldwork").exists()


def test_passwd_rewraps_without_touching_the_database(notebook: Path) -> None:
    before = (notebook / "notebook.db").read_bytes()
    result = run_cli(
        "passwd", str(notebook), env={**ENV, "FIELDWORK_NEW_PASSPHRASE": "another long passphrase"}
    )
    assert result.code == 0, result.err
    assert (notebook / "notebook.db").read_bytes() == before
    assert run_cli("info", str(notebook), env=ENV).code == 1
    assert (
        run_cli("info", str(notebook), env={"FIELDWORK_PASSPHRASE": "another long passphrase"}).code
        == 0
    )


def test_search_of_an_empty_notebook_and_odd_input(notebook: Path) -> None:
    result = run_cli("search", str(notebook), 'NEAR( "unbalanced * OR', env=ENV)
    assert result.code == 0, result.err
    assert "0 notes found" in result.out


def test_open_missing_notebook(tmp_path: Path) -> None:
    result = run_cli("info", str(tmp_path / "nothing.fieldwork"), env=ENV)
    assert result.code == 1
    assert "Notebook not found" in result.err
    assert not (tmp_path / "nothing.fieldwork").exists()
