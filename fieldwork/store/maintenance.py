"""Checkpoints and integrity checks of an open notebook database."""

from __future__ import annotations

from dataclasses import dataclass

from fieldwork.store.database import Database


def checkpoint(database: Database, *, truncate: bool = False) -> None:
    with database.raw() as raw:
        raw.execute(f"PRAGMA wal_checkpoint({'TRUNCATE' if truncate else 'PASSIVE'})").fetchall()


@dataclass(frozen=True, slots=True)
class IntegrityReport:
    cipher_pages_bad: tuple[str, ...]  # SQLCipher's per-page HMAC failures, as it words them
    quick_check: str
    integrity_check: str
    search_index_ok: bool

    @property
    def ok(self) -> bool:
        return (
            not self.cipher_pages_bad
            and self.quick_check == "ok"
            and self.integrity_check == "ok"
            and self.search_index_ok
        )


def integrity(database: Database, *, full: bool = True) -> IntegrityReport:
    """Every page's HMAC, SQLite's own checks and the full-text index's consistency."""
    with database.raw() as raw:
        bad = tuple(str(row[0]) for row in raw.execute("PRAGMA cipher_integrity_check").fetchall())
        # FTS5 checks the index with the structure this connection cached when it last read it;
        # after another connection's commit that reads as "corruption found" or "checksum
        # mismatch" once. Any query on the index first makes FTS5 notice the change.
        raw.execute("SELECT rowid FROM note_fts WHERE note_fts MATCH 'refresh' LIMIT 1").fetchall()
        quick = ", ".join(str(r[0]) for r in raw.execute("PRAGMA quick_check").fetchall())
        whole = (
            ", ".join(str(r[0]) for r in raw.execute("PRAGMA integrity_check").fetchall())
            if full
            else "ok"
        )
        try:
            raw.execute("INSERT INTO note_fts(note_fts, rank) VALUES('integrity-check', 1)")
            search_ok = True
        except Exception:  # the FTS5 check reports corruption by raising
            search_ok = False
    return IntegrityReport(bad, quick, whole, search_ok)
