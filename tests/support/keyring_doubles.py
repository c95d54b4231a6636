"""More keyring doubles: one that blocks like an unanswered unlock prompt, one that drops secrets."""

from __future__ import annotations

import threading

from keyring.backend import KeyringBackend


class SlowKeyring(KeyringBackend):
    """Blocks every lookup for `delay` seconds (or until released), like a prompt nobody answers."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, delay: float = 10.0) -> None:
        super().__init__()
        self.delay = delay
        self._released = threading.Event()

    def release(self) -> None:
        """Let blocked calls finish, so a test leaves no worker thread waiting."""
        self._released.set()

    def get_password(self, service: str, username: str) -> str | None:
        self._released.wait(self.delay)
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self._released.wait(self.delay)

    def delete_password(self, service: str, username: str) -> None:
        self._released.wait(self.delay)


class ForgetfulKeyring(KeyringBackend):
    """Accepts every secret and keeps none, like the null backend but claiming to be viable."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        return None

    def delete_password(self, service: str, username: str) -> None:
        return None


class BrokenKeyring(KeyringBackend):
    """Raises an error that is not a keyring error, as a D-Bus library sometimes does."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise OSError("connection reset for a test")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise OSError("connection reset for a test")

    def delete_password(self, service: str, username: str) -> None:
        raise OSError("connection reset for a test")
