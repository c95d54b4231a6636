"""Where Fieldwork keeps its files; the only caller of platformdirs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "Fieldwork"


@dataclass(frozen=True, slots=True)
class Folders:
    config: Path
    data: Path
    state: Path
    log: Path
    cache: Path

    @property
    def user_frameworks(self) -> Path:
        return self.data / "frameworks"

    @property
    def backups(self) -> Path:
        return self.data / "backups"

    @property
    def demo_notebook(self) -> Path:
        """The synthetic demo that "Open the demo inspection" writes and opens."""
        return self.data / "demo.fieldwork"

    @property
    def preferences_file(self) -> Path:
        return self.config / "preferences.json"


def folders() -> Folders:
    """The folders for this user; everything lives under $FIELDWORK_HOME when it is set."""
    home = os.environ.get("FIELDWORK_HOME")
    if home:
        root = Path(home)
        return Folders(
            config=root / "config",
            data=root / "data",
            state=root / "state",
            log=root / "state" / "log",
            cache=root / "cache",
        )
    import platformdirs

    return Folders(
        config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        state=Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)),
        log=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        cache=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
    )


def ensure_private_dir(path: Path) -> Path:
    """Create a folder readable only by this user (mode 0700 set explicitly, not via umask)."""
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path
