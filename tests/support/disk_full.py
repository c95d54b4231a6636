"""A full disk, for real: a size-limited database, or writes that fail with ENOSPC below SQLAlchemy."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Literal

from sqlalchemy import event
from sqlalchemy.engine import Engine

from fieldwork.services.notebook import Notebook


def limit_size(notebook: Notebook, extra_pages: int = 0) -> None:
    """On the calling thread's connection (a lane's, in UI tests): the file may not grow further.

    `PRAGMA max_page_count` makes SQLite answer SQLITE_FULL, exactly as on a full disk.
    """
    with notebook.database.raw() as raw:
        pages = raw.execute("PRAGMA page_count").fetchone()[0]
        raw.execute(f"PRAGMA max_page_count = {pages + extra_pages}")


def lift_size_limit(notebook: Notebook) -> None:
    with notebook.database.raw() as raw:
        raw.execute("PRAGMA max_page_count = 1073741823")


@contextmanager
def writes_fail(
    at: Literal["statement", "commit"] = "statement", code: int = errno.ENOSPC
) -> Iterator[list[int]]:
    """Every change statement (or every commit) raises OSError(code) at the DB-API boundary.

    Hooked into SQLAlchemy's engine events, below the store's own code, so the repositories,
    unit of work and services run unchanged. Yields a list counting the failures caused.
    """
    failures: list[int] = []

    def on_statement(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().split(" ", 1)[0].upper() in {"INSERT", "UPDATE", "DELETE"}:
            failures.append(1)
            raise OSError(code, os.strerror(code))

    def on_commit(_conn: Any) -> None:
        failures.append(1)
        raise OSError(code, os.strerror(code))

    name, hook = (
        ("before_cursor_execute", on_statement) if at == "statement" else ("commit", on_commit)
    )
    event.listen(Engine, name, hook)
    try:
        yield failures
    finally:
        event.remove(Engine, name, hook)
