"""The command line: version, help, exit codes, and staying free of Qt and the database."""

from __future__ import annotations

import subprocess
import sys

from fieldwork import __version__
from tests.support.cli import run_cli


def test_version() -> None:
    result = run_cli("--version")
    assert result.code == 0
    assert result.out.strip() == f"Fieldwork {__version__}"


def test_help_lists_the_commands() -> None:
    result = run_cli("--help")
    assert result.code == 0
    assert "framework" in result.out and "--version" in result.out


def test_unknown_command_is_a_usage_error() -> None:
    result = run_cli("frobnicate")
    assert result.code == 2
    assert "invalid choice" in result.err


def test_command_line_work_imports_no_qt_and_no_database() -> None:
    code = (
        "import sys\n"
        "from fieldwork.__main__ import main\n"
        "main(['framework', 'list'])\n"
        "heavy = [m for m in ('PySide6', 'sqlalchemy', 'alembic', 'reportlab', 'sqlcipher3') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "HEAVY []" in completed.stdout


def test_version_imports_almost_nothing() -> None:
    code = (
        "import sys\n"
        "from fieldwork.__main__ import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print('HEAVY', [m for m in ('PySide6', 'sqlalchemy', 'tomllib', 'platformdirs') if m in sys.modules])\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "HEAVY []" in completed.stdout
