"""`fieldwork export` run as a user would: filters, marking, password, messages, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldwork.domain.pack import PASSWORD_NOTICE
from fieldwork.services.demo_notebook import create_demo_notebook
from fieldwork.services.opening import KdfChoice
from tests.support.cli import run_cli
from tests.support.pdf import all_text, reader

PASSPHRASE = "a long and private passphrase"
ENV = {"FIELDWORK_PASSPHRASE": PASSPHRASE}


@pytest.fixture(scope="module")
def notebook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo inspection with cheap key-derivation parameters (each command opens it)."""
    path = tmp_path_factory.mktemp("cli") / "demo.fieldwork"
    created = create_demo_notebook(path, PASSPHRASE, notes=80, kdf=KdfChoice(1, 8192, 1))
    created.notebook.close()
    return path


def test_export_prints_where_pages_and_fingerprint(notebook: Path, tmp_path: Path) -> None:
    out = tmp_path / "pack.pdf"
    result = run_cli("export", str(notebook), "--out", str(out), env=ENV)
    assert result.code == 0, result.err
    pdf = reader(out.read_bytes())
    assert (
        f"Wrote the draft evidence pack to {out} ({len(pdf.pages)} pages, 80 notes)." in result.out
    )
    fingerprint = next(
        line.split(": ", 1)[1] for line in result.out.splitlines() if "fingerprint" in line
    )
    assert fingerprint.startswith("FW1-") and fingerprint in all_text(pdf)
    assert "Selection hash:       SEL1-" in result.out
    assert "Not encrypted" in result.out


def test_filters_marking_and_threshold(notebook: Path, tmp_path: Path) -> None:
    out = tmp_path / "hp.pdf"
    result = run_cli(
        "export",
        str(notebook),
        "--out",
        str(out),
        "--judgement",
        "hp",
        "--since",
        "2026-05-11",
        "--until",
        "2026-05-22",
        "--reviewed-only",
        "--author",
        "Team inspector 2",
        "--marking",
        "OFFICIAL",
        "--caseload-threshold",
        "20",
        env=ENV,
    )
    assert result.code == 0, result.err
    pdf = reader(out.read_bytes())
    text = " ".join(all_text(pdf).split())
    assert pdf.metadata is not None and pdf.metadata.subject == "OFFICIAL"
    assert "Judgements: Help and protection" in text
    assert "reviewed notes only" in text and "Author: Team inspector 2" in text
    assert "above the threshold of 20" in text
    assert "The experiences and progress of children in care:" not in text


def test_a_password_encrypts_and_the_user_is_told_what_it_protects(
    notebook: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "password.txt"
    secret.write_text("five words for the lead\n")
    out_dir = tmp_path / "packs"
    out_dir.mkdir()
    result = run_cli(
        "export", str(notebook), "--out", str(out_dir), "--password-file", str(secret), env=ENV
    )
    assert result.code == 0, result.err
    assert PASSWORD_NOTICE.split(".")[0] in " ".join(result.out.split())
    [written] = list(out_dir.iterdir())
    assert written.name.startswith("evidence-pack-") and written.suffix == ".pdf"
    pdf = reader(written.read_bytes())
    assert pdf.is_encrypted
    assert pdf.decrypt("five words for the lead").name != "NOT_DECRYPTED"

    by_env = tmp_path / "env.pdf"
    result = run_cli(
        "export",
        str(notebook),
        "--out",
        str(by_env),
        env={**ENV, "FIELDWORK_PDF_PASSWORD": "short"},
    )
    assert result.code == 0, result.err
    assert "shorter than 12 characters" in result.out
    assert reader(by_env.read_bytes()).is_encrypted


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        (["--judgement", "xx"], 1, "'xx' is not a judgement"),
        (["--since", "yesterday"], 2, "is not a date"),
        (["--author", "Nobody"], 1, "No note in this notebook was written by 'Nobody'"),
    ],
)
def test_mistakes_get_one_plain_sentence(
    notebook: Path, tmp_path: Path, arguments: list[str], code: int, message: str
) -> None:
    out = tmp_path / "x.pdf"
    result = run_cli("export", str(notebook), "--out", str(out), *arguments, env=ENV)
    assert result.code == code
    assert message in result.err
    assert "Traceback" not in result.err
    assert not out.exists()


def test_an_empty_password_file_is_refused(notebook: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n")
    result = run_cli(
        "export",
        str(notebook),
        "--out",
        str(tmp_path / "x.pdf"),
        "--password-file",
        str(empty),
        env=ENV,
    )
    assert result.code == 1
    assert "password is empty" in result.err


def test_wrong_passphrase_and_missing_folder(notebook: Path, tmp_path: Path) -> None:
    result = run_cli("export", str(notebook), env={"FIELDWORK_PASSPHRASE": "guess"})
    assert result.code == 1 and "passphrase does not open" in result.err
    result = run_cli("export", str(notebook), "--out", str(tmp_path / "no" / "x.pdf"), env=ENV)
    assert result.code == 1 and "does not exist" in result.err


def test_help_defaults_match_the_domain_and_parsing_stays_light() -> None:
    from fieldwork.cli import export_command
    from fieldwork.domain.pack import DEFAULT_CASELOAD_THRESHOLD, DEFAULT_MARKING

    assert export_command.MARKING_HELP_DEFAULT == DEFAULT_MARKING
    assert export_command.THRESHOLD_HELP_DEFAULT == DEFAULT_CASELOAD_THRESHOLD
    result = run_cli("export", "--help")
    assert result.code == 0 and "--password-file" in result.out
    code = (
        "import sys\n"
        "from fieldwork.cli.main import build_parser\n"
        "build_parser()\n"
        "print('HEAVY', [m for m in ('fieldwork.domain.pack', 'reportlab', 'pypdf') if m in sys.modules])\n"
    )
    import subprocess
    import sys

    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "HEAVY []" in completed.stdout
