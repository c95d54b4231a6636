"""Bring a notebook's schema up to date; Alembic is imported only when a migration is needed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldwork.domain.errors import NotebookTooNew

if TYPE_CHECKING:
    from fieldwork.store.database import Database

KNOWN_REVISIONS = ("0001", "0002", "0003")
SCHEMA_HEAD = KNOWN_REVISIONS[-1]
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def current_revision(raw_connection: Any) -> str | None:
    """The schema revision recorded in the notebook, or None for an empty database."""
    row = raw_connection.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()
    if row is None:
        return None
    found = raw_connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if found is None else str(found[0])


def needs_upgrade(revision: str | None) -> bool:
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise NotebookTooNew(
            "This notebook was made by a newer Fieldwork (schema "
            f"{revision}). Update Fieldwork to open it."
        )
    return revision != SCHEMA_HEAD


def upgrade(database: Database, target: str = "head") -> None:
    """Run the migrations from the recorded revision to `target` on this thread's connection."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with database.engine().connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, target)
        connection.commit()
