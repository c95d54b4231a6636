"""The user's preferences, stored as plain JSON: never note text, search terms, cases or keys."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

from fieldwork.runtime.atomic import write_atomic
from fieldwork.runtime.paths import ensure_private_dir, folders

log = logging.getLogger("fieldwork.preferences")
MAX_RECENT = 8


@dataclass(frozen=True, slots=True)
class Preferences:
    inspector_name: str = ""
    default_marking: str = "OFFICIAL-SENSITIVE"
    idle_lock_minutes: int = 5
    backup_folder: str = ""  # empty: the data folder's backups/
    backup_count: int = 10
    backup_interval_minutes: int = 10  # while changes are being made
    retention_days: int = 90
    clipboard_clear_seconds: int = 30  # 0: never cleared
    caseload_threshold: int = 25
    keep_recent: bool = True
    recent_notebooks: tuple[str, ...] = field(default=())
    theme: str = "system"  # system | light | dark
    suggestions: bool = True

    def with_recent(self, path: Path) -> Preferences:
        if not self.keep_recent:
            return replace(self, recent_notebooks=())
        text = str(Path(path).resolve())
        recent = (text, *(p for p in self.recent_notebooks if p != text))[:MAX_RECENT]
        return replace(self, recent_notebooks=recent)


def _path() -> Path:
    return folders().preferences_file


def load_preferences() -> Preferences:
    """Saved preferences; defaults for anything missing, unreadable or of the wrong type."""
    try:
        raw = json.loads(_path().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Preferences()
    except (OSError, ValueError):
        log.warning("preferences unreadable; using defaults")
        return Preferences()
    if not isinstance(raw, dict):
        return Preferences()
    defaults = Preferences()
    values = {}
    for item in fields(Preferences):
        value = raw.get(item.name, getattr(defaults, item.name))
        default = getattr(defaults, item.name)
        if isinstance(default, tuple):
            value = tuple(str(v) for v in value) if isinstance(value, list) else default
        elif type(value) is not type(default):
            value = default
        values[item.name] = value
    return Preferences(**values)


def save_preferences(preferences: Preferences) -> None:
    ensure_private_dir(_path().parent)
    data = asdict(preferences)
    data["recent_notebooks"] = list(preferences.recent_notebooks)
    write_atomic(_path(), json.dumps(data, indent=2).encode("utf-8"))
