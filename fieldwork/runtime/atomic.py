"""Atomic file writes: a hidden temporary file beside the target, fsync, then rename."""

from __future__ import annotations

import contextlib
import os
import tempfile  # noqa: TID251 - this module is the one place temporary files are made
from pathlib import Path


def write_atomic(
    target: Path, data: bytes, *, mode: int = 0o600, prefix: str = ".fieldwork-"
) -> None:
    """Write `data` to `target` so that a crash leaves either the old file or the new one."""
    target = Path(target)
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=prefix, suffix=".part")
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if os.name == "posix":
            os.chmod(temp, mode)
        os.replace(temp, target)
        fsync_folder(target.parent)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise


def fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); a no-op where folders cannot be opened."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
