"""Remembering a notebook's device key in the OS keyring, through an explicit backend allow-list."""

# What is stored is a random per-notebook, per-computer device key that opens the notebook's
# `device` slot, never the data key (SECURITY.md §4). Every failure becomes an `Unavailable` with
# a one-line reason, so the caller falls back to the passphrase; nothing here raises for a keyring
# problem, and no call waits longer than its timeout.
#
# Backends: the platform's backend class is imported and constructed directly.
# `keyring.get_keyring()` is never called, so PYTHON_KEYRING_BACKEND, keyringrc.cfg, plugins and
# `keyring.set_keyring()` have no effect here. Tests inject a double with
# `use_backend_for_tests(backend)` and reset with `use_backend_for_tests(None)`; that is the only
# way any other backend is used, and even an injected one must not be a refused class and must
# report a positive priority.

from __future__ import annotations

import base64
import binascii
import enum
import importlib
import logging
import os
import re
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from fieldwork.store.keys.key_file_format import KEYRING_SERVICE, keyring_user
from fieldwork.store.keys.key_holder import wipe
from fieldwork.store.keys.wrapping import DEVICE_KEY_BYTES

log = logging.getLogger(__name__)

SECRET_PREFIX = "fw1:"
DEFAULT_TIMEOUT_SECONDS = 5.0

# Accepted backends per platform, most preferred first, as (module, class). Never read from the
# environment or a config file.
_SECRET_SERVICE = (
    ("keyring.backends.SecretService", "Keyring"),
    ("keyring.backends.libsecret", "Keyring"),
)
_MACOS = (("keyring.backends.macOS", "Keyring"),)
_WINDOWS = (("keyring.backends.Windows", "WinVaultKeyring"),)

# Refused even when injected: they store nothing, fail on purpose, chain to unknown backends or
# write secrets to disk in clear.
_REFUSED_MODULE_PREFIXES = (
    "keyring.backends.fail",
    "keyring.backends.null",
    "keyring.backends.chainer",
    "keyrings.alt",
)
_ID = re.compile(r"[A-Za-z0-9-]{1,64}")

Backend = Any  # keyring.backend.KeyringBackend; keyring ships no type information
_T = TypeVar("_T")


class UnavailableCause(enum.Enum):
    """Why no remembered key could be used; the caller may offer different next steps."""

    NO_KEYRING = "no keyring"
    REFUSED_BACKEND = "refused backend"
    LOCKED = "locked"
    FAILED = "failed"
    TIMED_OUT = "timed out"
    NOT_REMEMBERED = "not remembered"
    UNREADABLE_ENTRY = "unreadable entry"


@dataclass(frozen=True, slots=True)
class Unavailable:
    """No remembered key: `reason` is one sentence for the user; use the passphrase instead."""

    reason: str
    cause: UnavailableCause

    def __str__(self) -> str:
        return self.reason


class RememberedKey:
    """A device key read back from the keyring, in a wipeable buffer the caller zeroes after use."""

    __slots__ = ("device_key",)

    def __init__(self, device_key: bytearray) -> None:
        self.device_key = device_key

    def zero(self) -> None:
        """Overwrite the device key in place."""
        wipe(self.device_key)

    def __repr__(self) -> str:
        return "RememberedKey(<hidden>)"

    __str__ = __repr__


_injected_backend: Backend | None = None


def use_backend_for_tests(backend: Backend | None) -> None:
    """Make every call use `backend` (a test double); None returns to the platform's backend."""
    global _injected_backend
    _injected_backend = backend


def accepted_backend_names(platform: str | None = None) -> tuple[str, ...]:
    """The `module.Class` names accepted on a platform (default: this one), preferred first."""
    return tuple(f"{module}.{name}" for module, name in _accepted_for(platform or sys.platform))


def keyring_status(*, timeout: float = DEFAULT_TIMEOUT_SECONDS) -> tuple[bool, str]:
    """(True, backend name) when a key can be remembered here, else (False, reason)."""
    outcome = _call(_backend_name, timeout)
    if isinstance(outcome, Unavailable):
        return False, outcome.reason
    return True, outcome


def remember(
    notebook_id: str,
    slot_id: str,
    device_key: bytes | bytearray,
    *,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
) -> Unavailable | None:
    """Store the device key for a notebook's device slot; None when stored and read back."""
    user = _user(notebook_id, slot_id)
    if len(device_key) != DEVICE_KEY_BYTES:
        raise ValueError(f"a device key has {DEVICE_KEY_BYTES} bytes")
    secret = SECRET_PREFIX + base64.b64encode(bytes(device_key)).decode("ascii")

    def store(backend: Backend) -> Unavailable | None:
        backend.set_password(KEYRING_SERVICE, user, secret)
        # Read back: a backend that silently drops secrets must not look like success.
        if backend.get_password(KEYRING_SERVICE, user) != secret:
            return Unavailable("The system keyring did not keep the key.", UnavailableCause.FAILED)
        return None

    outcome = _call(store, timeout)
    _log_outcome("remember", outcome)
    return outcome


def recall(
    notebook_id: str, slot_id: str, *, timeout: float = DEFAULT_TIMEOUT_SECONDS
) -> RememberedKey | Unavailable:
    """The device key remembered for this slot on this computer, or why there is none."""
    user = _user(notebook_id, slot_id)

    def look_up(backend: Backend) -> RememberedKey | Unavailable:
        return _decode_entry(backend.get_password(KEYRING_SERVICE, user))

    outcome = _call(look_up, timeout)
    _log_outcome("recall", outcome)
    return outcome


def forget(
    notebook_id: str, slot_id: str, *, timeout: float = DEFAULT_TIMEOUT_SECONDS
) -> Unavailable | None:
    """Delete the remembered entry; None when it is gone (including when there was none)."""
    user = _user(notebook_id, slot_id)

    def delete(backend: Backend) -> None:
        # Deleting a missing entry raises PasswordDeleteError in most backends; "gone" is the goal.
        if backend.get_password(KEYRING_SERVICE, user) is not None:
            backend.delete_password(KEYRING_SERVICE, user)

    outcome = _call(delete, timeout)
    _log_outcome("forget", outcome)
    return outcome


def _user(notebook_id: str, slot_id: str) -> str:
    if not (_ID.fullmatch(notebook_id) and _ID.fullmatch(slot_id)):
        raise ValueError("notebook and slot ids are letters, digits and hyphens")
    return keyring_user(notebook_id, slot_id)


def _decode_entry(secret: str | None) -> RememberedKey | Unavailable:
    if secret is None:
        return Unavailable(
            "No key is remembered for this notebook on this computer.",
            UnavailableCause.NOT_REMEMBERED,
        )
    unreadable = Unavailable(
        "The key remembered on this computer cannot be read.", UnavailableCause.UNREADABLE_ENTRY
    )
    if not secret.startswith(SECRET_PREFIX):
        return unreadable
    try:
        raw = base64.b64decode(secret[len(SECRET_PREFIX) :], validate=True)
    except (binascii.Error, ValueError):
        return unreadable
    if len(raw) != DEVICE_KEY_BYTES:
        return unreadable
    return RememberedKey(bytearray(raw))


def _backend_name(backend: Backend) -> str:
    backend_class = type(backend)
    return f"{backend_class.__module__}.{backend_class.__qualname__}"


def _call(operation: Callable[[Backend], _T], timeout: float) -> _T | Unavailable:
    """Choose the backend and run `operation` on a worker thread, giving up after `timeout`."""

    def job() -> _T | Unavailable:
        backend = _select_backend()
        if isinstance(backend, Unavailable):
            return backend
        return operation(backend)

    return _run_with_timeout(job, timeout)


def _select_backend() -> Backend | Unavailable:
    injected = _injected_backend
    if injected is not None:
        return _checked_injected(injected)
    if "PYTHON_KEYRING_BACKEND" in os.environ:
        log.debug("PYTHON_KEYRING_BACKEND is set and ignored; only the platform keyring is used")
    for module_name, class_name in _accepted_for(sys.platform):
        try:
            backend_class = getattr(importlib.import_module(module_name), class_name)
        except (ImportError, AttributeError) as error:
            log.debug("keyring backend %s not importable: %s", module_name, type(error).__name__)
            continue
        if _is_viable(backend_class):
            return backend_class()
    return Unavailable(
        "No supported system keyring is running on this computer.", UnavailableCause.NO_KEYRING
    )


def _checked_injected(backend: Backend) -> Backend | Unavailable:
    module_name = type(backend).__module__
    if module_name.startswith(_REFUSED_MODULE_PREFIXES):
        return Unavailable(
            "That keyring cannot keep keys safely, so Fieldwork does not use it.",
            UnavailableCause.REFUSED_BACKEND,
        )
    if not _is_viable(type(backend)):
        return Unavailable(
            "No supported system keyring is running on this computer.", UnavailableCause.NO_KEYRING
        )
    return backend


def _is_viable(backend_class: Backend) -> bool:
    try:
        priority = backend_class.priority
    except Exception as error:  # RuntimeError by contract; D-Bus libraries may raise others
        log.debug("keyring backend not viable: %s", type(error).__name__)
        return False
    return isinstance(priority, int | float) and not isinstance(priority, bool) and priority > 0


def _accepted_for(platform: str) -> tuple[tuple[str, str], ...]:
    if platform == "darwin":
        return _MACOS
    if platform == "win32":
        return _WINDOWS
    if platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return _SECRET_SERVICE
    return ()


class _Pending(Generic[_T]):
    """The hand-over between the caller and one worker thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.abandoned = False
        self.outcome: _T | Unavailable = Unavailable(
            "The system keyring did not answer.", UnavailableCause.FAILED
        )


def _run_with_timeout(job: Callable[[], _T | Unavailable], timeout: float) -> _T | Unavailable:
    # A daemon thread, not an executor: a keyring blocked on an unlock prompt must neither hold up
    # the caller nor keep the process alive at exit (executor threads are joined at exit).
    pending: _Pending[_T] = _Pending()

    def work() -> None:
        outcome = _guarded(job)
        with pending.lock:
            if pending.abandoned:
                if isinstance(outcome, RememberedKey):
                    outcome.zero()  # the caller has moved on; leave no key behind
                return
            pending.outcome = outcome
            pending.done.set()

    threading.Thread(target=work, name="fieldwork-keyring", daemon=True).start()
    pending.done.wait(timeout)
    with pending.lock:
        if not pending.done.is_set():
            pending.abandoned = True
            log.info("keyring did not answer within %.1f s", timeout)
            return Unavailable(
                f"The system keyring did not answer within {timeout:g} seconds.",
                UnavailableCause.TIMED_OUT,
            )
        return pending.outcome


def _guarded(job: Callable[[], _T | Unavailable]) -> _T | Unavailable:
    from keyring import errors

    try:
        return job()
    except errors.KeyringError as error:
        log.info("keyring error: %s", type(error).__name__)
        return _from_keyring_error(error)
    except Exception as error:
        # The keyring is never the only way in: an unexpected failure in a backend or its D-Bus
        # library still means "use the passphrase". Only the class is logged; messages can
        # carry paths.
        log.warning("keyring backend failed unexpectedly: %s", type(error).__name__)
        return Unavailable("The system keyring reported a problem.", UnavailableCause.FAILED)


def _from_keyring_error(error: Exception) -> Unavailable:
    from keyring import errors

    if isinstance(error, errors.KeyringLocked):
        return Unavailable("The system keyring is locked.", UnavailableCause.LOCKED)
    if isinstance(error, errors.NoKeyringError):
        return Unavailable("No system keyring is available.", UnavailableCause.NO_KEYRING)
    if isinstance(error, errors.InitError):
        return Unavailable("The system keyring could not be opened.", UnavailableCause.FAILED)
    if isinstance(error, errors.PasswordSetError):
        return Unavailable("The system keyring did not store the key.", UnavailableCause.FAILED)
    if isinstance(error, errors.PasswordDeleteError):
        return Unavailable("The system keyring did not remove the key.", UnavailableCause.FAILED)
    return Unavailable("The system keyring reported a problem.", UnavailableCause.FAILED)


def _log_outcome(operation: str, outcome: object) -> None:
    if isinstance(outcome, Unavailable):
        log.info("keyring %s unavailable: %s", operation, outcome.cause.value)
    else:
        log.debug("keyring %s done", operation)
