"""Entry point: the window when run bare, the command line otherwise."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Start the window with no arguments, otherwise run a command; return the exit code."""
    args = sys.argv[1:] if argv is None else argv
    if not args:
        # Imported here so command-line work never loads Qt.
        from fieldwork.ui.launch import launch_window

        return launch_window()
    from fieldwork.cli.main import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
