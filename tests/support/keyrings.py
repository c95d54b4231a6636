"""Keyring doubles for tests: in-memory, and one that fails with a chosen keyring error."""

from __future__ import annotations

from keyring.backend import KeyringBackend
from keyring.errors import KeyringError


class MemoryKeyring(KeyringBackend):
    """Keeps secrets in a dict for one test."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.secrets:
            raise PasswordDeleteError("not found")
        del self.secrets[(service, username)]


class FailingKeyring(KeyringBackend):
    """Raises the given keyring error on every call."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, error: type[KeyringError] = KeyringError) -> None:
        super().__init__()
        self.error = error

    def get_password(self, service: str, username: str) -> str | None:
        raise self.error("keyring failure for a test")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.error("keyring failure for a test")

    def delete_password(self, service: str, username: str) -> None:
        raise self.error("keyring failure for a test")
