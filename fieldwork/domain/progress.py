"""Progress reports and cancellation for long jobs (export, backups, verify): plain and thread-safe."""

from __future__ import annotations

import threading
from collections.abc import Callable

from fieldwork.domain.errors import Cancelled

Progress = Callable[[int, int], None]  # (done, total); total may grow once it is known


class CancelToken:
    """One thread asks for a stop with `cancel()`; the worker checks between steps and stops."""

    __slots__ = ("_event",)

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self, message: str | None = None) -> None:
        """Raise `Cancelled` (with this message, if given) once `cancel()` has been called."""
        if self._event.is_set():
            raise Cancelled(message)


def check(token: CancelToken | None, message: str | None = None) -> None:
    """`token.raise_if_cancelled()` for an optional token."""
    if token is not None:
        token.raise_if_cancelled(message)
