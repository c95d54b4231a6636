"""A small rotating log of events (never content): names, ids, counts, durations, error classes."""

from __future__ import annotations

import hashlib
import logging
import logging.handlers
import os
from pathlib import Path

from fieldwork.runtime.paths import ensure_private_dir, folders

LOG_NAME = "fieldwork.log"
_configured = False


def setup_logging(*, debug: bool = False) -> Path:
    """Send Fieldwork's log to a private rotating file; return its path."""
    global _configured
    folder = ensure_private_dir(folders().log)
    path = folder / LOG_NAME
    root = logging.getLogger("fieldwork")
    root.setLevel(logging.DEBUG if debug else logging.WARNING)
    if not _configured:
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=512_000, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        root.addHandler(handler)
        if os.name == "posix":
            path.touch(exist_ok=True)
            os.chmod(path, 0o600)
        # SQLAlchemy must never echo statements (they can carry note text).
        logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
        _configured = True
    return path


def short_hash(text: str) -> str:
    """A short stable token for a path or name that must not appear in the log itself."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
