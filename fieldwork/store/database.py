"""SQLCipher connections with Fieldwork's settings, and one SQLAlchemy engine per thread."""

from __future__ import annotations

import contextlib
import errno
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from fieldwork.domain.errors import NotANotebook, NotebookDamaged, NotebookLocked, StorageFull

if TYPE_CHECKING:
    from fieldwork.store.keys.key_holder import KeyHolder

# A write that found no space: the disk (ENOSPC) or the user's quota (EDQUOT) is full.
_NO_SPACE = frozenset(getattr(errno, name) for name in ("ENOSPC", "EDQUOT") if hasattr(errno, name))
# "FWK1" as a big-endian integer: tells a Fieldwork notebook from any other SQLite database.
APPLICATION_ID = 0x46574B31
_process_ready = False
_process_lock = threading.Lock()


class WrongKeyOrNotDatabase(Exception):
    """The key did not open the file: a wrong key, a foreign file, or a damaged first page."""


def _prepare_process() -> None:
    """Settings SQLCipher takes once per process, before the first keyed connection."""
    global _process_ready
    with _process_lock:
        if _process_ready:
            return
        probe = sqlcipher.connect(":memory:")
        try:
            # Wipe memory SQLCipher frees (key copies included); cannot be undone in-process.
            probe.execute("PRAGMA cipher_memory_security = ON")
            # We report errors ourselves; SQLCipher would otherwise write to stderr.
            probe.execute("PRAGMA cipher_log_level = NONE")
        finally:
            probe.close()
        _process_ready = True


def connect_keyed(path: Path, key: KeyHolder, *, create: bool = False) -> sqlcipher.Connection:
    """Open the database with the raw key and every setting SECURITY.md requires, in order."""
    _prepare_process()
    # as_uri() escapes '#', '?' and spaces: a naive "file:" string silently made a new database.
    uri = Path(path).resolve().as_uri() + ("?mode=rwc" if create else "?mode=rw")
    try:
        connection = sqlcipher.connect(uri, uri=True, check_same_thread=True, isolation_level=None)
    except sqlcipher.OperationalError as error:
        raise NotebookDamaged(
            "The notebook file cannot be opened.", detail=type(error).__name__
        ) from None
    try:
        connection.execute(f'PRAGMA key = "{key.pragma_key()}"')
        connection.execute("PRAGMA cipher_compatibility = 4")
        try:
            connection.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        except sqlcipher.DatabaseError:
            raise WrongKeyOrNotDatabase() from None
        _apply_settings(connection, create=create)
    except BaseException:
        connection.close()
        raise
    return connection


def _apply_settings(connection: sqlcipher.Connection, *, create: bool) -> None:
    if create:
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    elif connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        raise NotANotebook("This encrypted database is not a Fieldwork notebook.")
    mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise NotebookDamaged("The notebook could not switch to safe journaling.", detail=str(mode))
    connection.execute("PRAGMA synchronous = FULL")  # a power cut loses at most the last second
    connection.execute("PRAGMA temp_store = MEMORY")
    if connection.execute("PRAGMA temp_store").fetchone()[0] != 2:
        raise NotebookDamaged("Temporary storage could not be kept in memory.")
    connection.execute("PRAGMA secure_delete = ON")
    if connection.execute("PRAGMA secure_delete").fetchone()[0] != 1:
        raise NotebookDamaged("Deleted text could not be set to be overwritten.")
    connection.execute("PRAGMA trusted_schema = OFF")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA busy_timeout = 5000")


def translate_error(error: BaseException) -> BaseException:
    """Map low-level SQLite failures onto the errors the user sees."""
    if isinstance(error, OSError) and error.errno in _NO_SPACE:
        return StorageFull()
    text = str(getattr(error, "orig", error)).lower()
    if "database or disk is full" in text:  # SQLITE_FULL: also a size limit such as max_page_count
        return StorageFull()
    if "malformed" in text or "not a database" in text:
        return NotebookDamaged()
    return error


class Database:
    """The open notebook's database: one keyed connection (and engine) per thread."""

    def __init__(self, path: Path, key: KeyHolder) -> None:
        self.path = path
        self.key = key
        self._local = threading.local()
        self._engines: list[Engine] = []
        self._engines_lock = threading.Lock()
        self._forbidden: set[int] = set()
        self.closed = False

    def forbid_thread(self, thread: threading.Thread) -> None:
        """Make a unit of work on this thread an error (the UI forbids its GUI thread)."""
        if thread.ident is not None:
            self._forbidden.add(thread.ident)

    def engine(self) -> Engine:
        if self.closed:
            raise NotebookLocked()
        if threading.get_ident() in self._forbidden:
            raise RuntimeError("database work on a forbidden thread (the GUI thread)")
        engine: Engine | None = getattr(self._local, "engine", None)
        if engine is None:
            engine = create_engine(
                "sqlite+pysqlite://",
                module=sqlcipher,
                creator=lambda: connect_keyed(self.path, self.key),
                poolclass=StaticPool,
                hide_parameters=True,  # errors never quote note text
            )
            event.listen(engine, "connect", _autocommit_off)
            event.listen(engine, "begin", _begin_immediate)
            self._local.engine = engine
            with self._engines_lock:
                self._engines.append(engine)
        return engine

    @contextmanager
    def session(self, *, read_only: bool = False) -> Iterator[Session]:
        """A session on this thread's connection; writers take the write lock at BEGIN."""
        bind = self.engine().execution_options(fieldwork_read_only=read_only)
        maker = sessionmaker(bind=bind, expire_on_commit=False, autoflush=False)
        with maker() as session:
            yield session

    @contextmanager
    def raw(self) -> Iterator[Any]:
        """This thread's DB-API connection, for pragmas, checkpoints and backups."""
        with self.engine().connect() as connection:
            driver = connection.connection.driver_connection
            if driver is None:  # taken away by a close on another thread
                raise NotebookLocked()
            yield driver

    def release_thread(self) -> None:
        """Close the calling thread's connection (SQLite connections close on their own thread)."""
        engine: Engine | None = getattr(self._local, "engine", None)
        if engine is None:
            return
        with self._engines_lock:
            if engine in self._engines:
                self._engines.remove(engine)
        engine.dispose()
        self._local.engine = None

    def close(self) -> None:
        """Close every connection still open (call release_thread on other threads first)."""
        if self.closed:
            return
        with self._engines_lock:
            engines = list(self._engines)
            self._engines.clear()
        for engine in engines:
            # A connection made on another thread that never released it cannot be closed from
            # here (SQLite refuses); it closes when collected, and the key is zeroed anyway.
            with contextlib.suppress(sqlcipher.ProgrammingError):
                engine.dispose()
        self._local = threading.local()
        self.closed = True


def _autocommit_off(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy issue BEGIN itself (the driver's implicit transactions are unreliable).
    dbapi_connection.isolation_level = None


def _begin_immediate(connection: Any) -> None:
    # A writer takes the write lock at BEGIN, so two lanes never deadlock upgrading a read lock
    # to a write lock; a reader's plain BEGIN gives it a snapshot and never waits for a writer.
    read_only = connection.get_execution_options().get("fieldwork_read_only", False)
    connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def create_database(path: Path, key: KeyHolder) -> None:
    """Make a new, empty encrypted database file marked as a Fieldwork notebook."""
    if Path(path).exists():
        raise NotANotebook("A notebook file already exists there; it was left untouched.")
    connection = connect_keyed(path, key, create=True)
    if os.name == "posix":
        # SQLite creates files with the umask's mode; the WAL and shared-memory files copy it.
        os.chmod(path, 0o600)
    try:
        # Write the header page now, so the file exists with its salt and application id.
        connection.execute("CREATE TABLE IF NOT EXISTS notebook_created (at TEXT)")
        connection.execute("DROP TABLE notebook_created")
    finally:
        connection.close()
