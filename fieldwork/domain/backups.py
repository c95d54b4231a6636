"""Backups as plain values: what a backup folder holds, what a backup run did, a notebook's health."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

REASON_LABELS = {
    "open": "On opening",
    "interval": "While working",
    "close": "On closing",
    "lock": "On locking",
    "manual": "Backed up by hand",
    "before-migration": "Before an upgrade",
}


def local_time(moment: datetime) -> str:
    """A UTC time as the inspector's clock shows it, e.g. `11 May 2026 14:02`."""
    return moment.astimezone().strftime("%d %b %Y %H:%M").lstrip("0")


@dataclass(frozen=True, slots=True)
class BackupEntry:
    """One backup folder of a notebook, read from its `backup.json` (no key needed)."""

    folder: Path
    notebook_id: str
    made_at: datetime  # aware, UTC
    reason: str
    history_seq: int
    history_head: str  # the first 32 hex characters of the history head hash
    app_version: str
    size_bytes: int
    passphrase_slot: str  # fingerprint of the passphrase slot in the backup's own key file
    intact: bool | None  # None: not checked; True: the file still matches what was verified
    problem: str | None = None  # why this backup cannot be used, when `intact` is False
    same_passphrase_as_now: bool | None = None  # None: the notebook's key file was not compared

    @property
    def reason_text(self) -> str:
        return REASON_LABELS.get(self.reason, self.reason)

    @property
    def passphrase_note(self) -> str:
        """What opens this backup: its own key file, so the passphrase of its day."""
        note = f"Opens with the passphrase that was current on {local_time(self.made_at)}"
        if self.same_passphrase_as_now:
            return note + " (the same passphrase as now)."
        if self.same_passphrase_as_now is False:
            return note + " (the passphrase has been changed since)."
        return note + "."


@dataclass(frozen=True, slots=True)
class BackupOutcome:
    """What one backup run did: a new verified backup, or why none was needed."""

    entry: BackupEntry | None
    skipped: str | None = None  # e.g. "nothing has changed since the backup of 14:02"
    removed: int = 0  # older backups rotated out
    newest: BackupEntry | None = None  # when skipped: the backup that is still current

    @property
    def status_text(self) -> str:
        """`Backed up 14:02` (today) or `Backed up 11 May 14:02`, for the status bar."""
        latest = self.entry or self.newest
        if latest is None:
            return ""
        moment = latest.made_at.astimezone()
        today = moment.date() == datetime.now().astimezone().date()
        return f"Backed up {moment:%H:%M}" if today else f"Backed up {moment:%d %b %H:%M}"


@dataclass(frozen=True, slots=True)
class NotebookHealth:
    """The checks run after opening: damaged pages, and whether a backup holds more."""

    problem: str | None  # a sentence naming what is wrong, or None when the notebook is sound
    damaged: bool  # True when the notebook's file is damaged (restore from a backup)
    behind_backup: BackupEntry | None  # a backup holding history this notebook lacks
    recent_changes_missing: bool  # open after a crash, but the recent-changes file was gone


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """A restored notebook folder, and where the one it replaced was kept."""

    folder: Path
    backup: BackupEntry
    kept_aside: Path | None = None
