"""The open-notebook handle that every use case takes: its files, key, database and framework."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from fieldwork.domain.framework import Framework

if TYPE_CHECKING:
    from fieldwork.store.database import Database
    from fieldwork.store.keys.key_holder import KeyHolder
    from fieldwork.store.notebook_files import NotebookPaths, OpenMarker
    from fieldwork.store.unit_of_work import UnitOfWork


@dataclass
class Notebook:
    """An unlocked notebook. Close it (or lock it) to drop the key and close the database."""

    paths: NotebookPaths
    notebook_id: str
    framework: Framework
    database: Database
    key: KeyHolder
    marker: OpenMarker
    actor: str = ""
    recovered_after_crash: bool = False
    _closed: bool = field(default=False, repr=False)

    @property
    def folder(self) -> Path:
        return self.paths.folder

    @property
    def is_open(self) -> bool:
        return not self._closed

    def unit_of_work(self, *, read_only: bool = False) -> UnitOfWork:
        from fieldwork.store.unit_of_work import UnitOfWork

        return UnitOfWork(self.database, self.notebook_id, self.actor, read_only=read_only)

    def forbid_thread(self, thread: threading.Thread) -> None:
        self.database.forbid_thread(thread)

    def checkpoint(self, *, truncate: bool = False) -> None:
        """Move committed pages from the WAL into the database file (TRUNCATE empties the WAL)."""
        from fieldwork.store.maintenance import checkpoint

        checkpoint(self.database, truncate=truncate)

    def release_thread(self) -> None:
        """Close this thread's connection (each lane calls this before the notebook closes)."""
        self.database.release_thread()

    def close(self) -> None:
        """Checkpoint, close every connection, zero the key and release the open marker."""
        if self._closed:
            return
        try:
            self.checkpoint(truncate=True)
        finally:
            self.database.close()
            self.key.zero()
            self.marker.release()
            self._closed = True

    def __enter__(self) -> Notebook:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
