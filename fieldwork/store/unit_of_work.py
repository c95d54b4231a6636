"""One unit of work per user action: repositories on one transaction, committed once by the service."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from fieldwork.store.database import Database, translate_error
from fieldwork.store.history_chain import HistoryChain
from fieldwork.store.repositories.activities import ActivityRepository
from fieldwork.store.repositories.drafts import DraftRepository
from fieldwork.store.repositories.inspection import InspectionRepository
from fieldwork.store.repositories.judging import JudgingRepository
from fieldwork.store.repositories.notes import NoteRepository
from fieldwork.store.repositories.people import PeopleRepository
from fieldwork.store.repositories.tagged_notes import TaggedNotes
from fieldwork.store.search_index import SearchIndex


class UnitOfWork:
    """Use as a context manager; whatever was not committed is rolled back on exit."""

    def __init__(
        self, database: Database, notebook_id: str, actor: str = "", *, read_only: bool = False
    ) -> None:
        self._database = database
        self._notebook_id = notebook_id
        self.actor = actor
        self.read_only = read_only
        self._context: Any = None
        self.session: Session
        self.committed = False

    def __enter__(self) -> UnitOfWork:
        self._context = self._database.session(read_only=self.read_only)
        self.session = self._context.__enter__()
        self.notes = NoteRepository(self.session)
        self.people = PeopleRepository(self.session)
        self.activities = ActivityRepository(self.session)
        self.judging = JudgingRepository(self.session)
        self.inspection = InspectionRepository(self.session)
        self.search = SearchIndex(self.session)
        self.drafts = DraftRepository(self.session)
        self.tagged = TaggedNotes(self.session)
        self.history = HistoryChain(self.session, self._notebook_id)
        self.now = datetime.now(UTC)
        return self

    def record(self, entity: str, entity_id: str, op: str, state: Any) -> None:
        """Append a history entry in this transaction."""
        self.history.append(
            at=self.now, actor=self.actor, entity=entity, entity_id=entity_id, op=op, state=state
        )

    def commit(self) -> None:
        if self.read_only:
            raise RuntimeError("a read-only unit of work cannot commit")
        try:
            self.session.commit()
        except (OperationalError, DBAPIError, sqlite3.Error, OSError) as error:
            self.session.rollback()
            translated = translate_error(error)
            if translated is error:
                raise
            raise translated from None
        self.committed = True

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        try:
            if not self.committed:
                self.session.rollback()
        finally:
            self._context.__exit__(kind, error, trace)
        if isinstance(error, OperationalError | DBAPIError | OSError):
            translated = translate_error(error)
            if translated is not error:
                raise translated from None
