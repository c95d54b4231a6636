"""The command-line parser, error handling and exit codes (0 ok, 1 user error, 2 usage, 70 bug)."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Callable, Sequence

from fieldwork import __version__
from fieldwork.domain.errors import FieldworkError

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 70
log = logging.getLogger("fieldwork.cli")

Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fieldwork",
        description=(
            "Fieldwork: an encrypted notebook for inspections of children's services. "
            "Run with no arguments to open the window."
        ),
    )
    parser.add_argument("--version", action="version", version=f"Fieldwork {__version__}")
    parser.add_argument("--debug", action="store_true", help="log details and show tracebacks")
    from fieldwork.cli import self_test

    self_test.register_flags(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    from fieldwork.cli import (
        export_command,
        framework_commands,
        notebook_commands,
        search_command,
        suggest_command,
    )

    notebook_commands.register(commands)
    search_command.register(commands)
    framework_commands.register(commands)
    export_command.register(commands)
    from fieldwork.cli import backup_commands

    backup_commands.register(commands)
    suggest_command.register(commands)
    return parser


def run(argv: Sequence[str]) -> int:
    """Run one command; errors print one plain sentence, never a traceback (unless --debug)."""
    parser = build_parser()
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as stop:  # argparse exits on --help, --version and usage errors
        return int(stop.code or 0)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_USAGE
    from fieldwork.runtime.logs import setup_logging

    # A read-only home must not stop a command; it just goes unlogged.
    with contextlib.suppress(OSError):
        setup_logging(debug=args.debug)
    try:
        return handler(args)
    except FieldworkError as error:
        print(f"fieldwork: {error}", file=sys.stderr)
        if error.detail:
            print(error.detail, file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as other command-line tools do.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silences the flush at exit
        return EXIT_OK
    except KeyboardInterrupt:
        print("fieldwork: interrupted.", file=sys.stderr)
        return 130
    except Exception as error:
        log.exception("command failed: %s", type(error).__name__)
        if args.debug:
            raise
        print(
            "fieldwork: something went wrong inside Fieldwork. Nothing was changed by this command; "
            "run it again with --debug for details.",
            file=sys.stderr,
        )
        return EXIT_BUG
