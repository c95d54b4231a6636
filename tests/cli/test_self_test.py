"""`fieldwork --self-test`: every step, the keyring skipped or required, failures, and no residue."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldwork.cli.main import run
from fieldwork.store.keys import keyring_adapter
from tests.support.cli import run_cli
from tests.support.keyring_doubles import BrokenKeyring, ForgetfulKeyring
from tests.support.keyrings import MemoryKeyring

STEPS = (
    "Shipped frameworks and fonts",
    "Create an encrypted notebook",
    "Remember its key in the system keyring",
    "Close it and open it again",
    "Save a note",
    "Find the note by search",
    "Write the evidence pack (PDF)",
    "Read the pack back",
    "Clean up",
)


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The temporary folder the self-test makes its notebook in (tempfile caches its choice)."""
    root = tmp_path / "self-test-temp"
    root.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(root))
    yield root


@pytest.fixture
def keyring(request: pytest.FixtureRequest) -> Iterator[object]:
    backend = request.param() if callable(request.param) else request.param
    keyring_adapter.use_backend_for_tests(backend)
    yield backend
    keyring_adapter.use_backend_for_tests(None)


def step_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("  ")]


@pytest.mark.parametrize("keyring", [MemoryKeyring], indirect=True)
def test_every_step_passes_and_the_key_goes_through_the_keyring(
    keyring: MemoryKeyring, temp_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home_before = os.environ["FIELDWORK_HOME"]

    code = run(["--self-test", "--require-keyring"])

    out = capsys.readouterr().out
    assert code == 0, out
    lines = step_lines(out)
    assert len(lines) == len(STEPS)
    assert all(title in line for title, line in zip(STEPS, lines, strict=True)), out
    assert all(line.startswith("  ✓ ") for line in lines), out
    assert "opened with the key from the keyring, no passphrase" in out
    assert "keyring entry forgotten" in out
    assert out.rstrip().endswith("s.") and "Self-test passed in" in out
    # Nothing is left behind: no keyring entry, no files, and the real home is back in place.
    assert keyring.secrets == {}
    assert list(temp_root.iterdir()) == []
    assert os.environ["FIELDWORK_HOME"] == home_before
    assert not (Path(home_before) / "data").exists()


@pytest.mark.parametrize("keyring", [ForgetfulKeyring], indirect=True)
def test_a_keyring_that_keeps_nothing_is_skipped_and_the_passphrase_opens_instead(
    keyring: object, temp_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(["--self-test"])

    out = capsys.readouterr().out
    assert code == 0, out
    keyring_line = next(line for line in step_lines(out) if "keyring" in line)
    assert keyring_line.startswith("  – ")
    assert "The system keyring did not keep the key." in keyring_line
    assert "opened with the passphrase (the keyring step was skipped)" in out
    assert "(1 step skipped: see above)" in out
    assert list(temp_root.iterdir()) == []


@pytest.mark.parametrize("keyring", [ForgetfulKeyring], indirect=True)
def test_a_required_keyring_that_fails_fails_the_self_test(
    keyring: object, temp_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(["--self-test", "--require-keyring"])

    out = capsys.readouterr().out
    assert code == 1
    lines = step_lines(out)
    assert len(lines) == 3  # it stops at the failing step
    assert lines[-1].startswith("  ✗ Remember its key")
    assert (
        "Self-test FAILED at 'Remember its key in the system keyring': "
        "The system keyring did not keep the key." in out
    )
    assert list(temp_root.iterdir()) == []  # cleaned up after the failure too


@pytest.mark.parametrize("keyring", [BrokenKeyring], indirect=True)
def test_a_broken_keyring_is_reported_in_words(
    keyring: object, temp_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(["--self-test"])

    out = capsys.readouterr().out
    assert code == 0
    assert "The system keyring reported a problem." in out
    assert "Traceback" not in out


def test_a_fresh_process_loads_no_qt_and_prints_words_where_ticks_cannot_be_printed() -> None:
    code = (
        "import sys\n"
        "from fieldwork.__main__ import main\n"
        "status = main(['--self-test'])\n"
        "print('QT', [m for m in sys.modules if m.startswith('PySide6')])\n"
        "sys.exit(status)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "cp1252"},  # a Windows console's code page
        check=False,
        timeout=120,
    )
    out = completed.stdout.decode("cp1252")
    assert completed.returncode == 0, out + completed.stderr.decode("cp1252", "replace")
    assert "QT []" in out
    assert len(step_lines(out)) == len(STEPS)
    assert "  ok   Create an encrypted notebook" in out


def test_python_dash_m_fieldwork_self_test() -> None:
    # A child process reaches no keyring double: on a machine without a Secret Service the
    # keyring step is skipped, with the reason; with one, it passes and the entry is removed.
    result = run_cli("--self-test", timeout=120)

    assert result.code == 0, result.out + result.err
    assert result.out.startswith("Fieldwork ")
    assert "Self-test passed in" in result.out
    keyring_line = next(line for line in step_lines(result.out) if "keyring" in line)
    assert keyring_line.startswith(("  ✓ ", "  – "))
    assert result.err == ""


def test_help_describes_the_self_test() -> None:
    result = run_cli("--help")
    assert "--self-test" in result.out and "--require-keyring" in result.out


@pytest.mark.secret_service
def test_the_real_secret_service_keeps_and_returns_the_key() -> None:
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        pytest.skip("needs a D-Bus session with gnome-keyring (run through scripts/test)")
    result = run_cli("--self-test", "--require-keyring", timeout=120)

    assert result.code == 0, result.out + result.err
    assert "keyring.backends.SecretService.Keyring" in result.out
    assert "opened with the key from the keyring, no passphrase" in result.out
