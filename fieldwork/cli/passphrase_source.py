"""Where a command gets a passphrase: a file, an environment variable, or a prompt; never argv."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from fieldwork.domain.errors import InputRejected

PASSPHRASE_ENV = "FIELDWORK_PASSPHRASE"
NEW_PASSPHRASE_ENV = "FIELDWORK_NEW_PASSPHRASE"


def _from_file(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputRejected(
            f"The passphrase file cannot be read ({error.strerror or 'error'})."
        ) from None
    # A file written by an editor ends with a newline that is not part of the passphrase.
    return text[:-1] if text.endswith("\n") else text


def read_passphrase(
    file: Path | None, *, env: str = PASSPHRASE_ENV, prompt: str = "Passphrase: "
) -> str | None:
    """The passphrase from --passphrase-file, the environment, or a prompt; None if none given."""
    if file is not None:
        return _from_file(file)
    if env in os.environ:
        return os.environ[env]
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return None


def new_passphrase(file: Path | None, *, env: str = PASSPHRASE_ENV) -> str:
    """A passphrase for a new notebook (or a change): asked twice at a prompt."""
    if file is not None:
        return _from_file(file)
    if env in os.environ:
        return os.environ[env]
    if not sys.stdin.isatty():
        raise InputRejected(
            f"No passphrase given. Use --passphrase-file FILE or set {env} (never put it on the command line)."
        )
    first = getpass.getpass("New passphrase: ")
    if getpass.getpass("Type it again: ") != first:
        raise InputRejected("The two passphrases differ; nothing was changed.")
    return first
