"""The keyring adapter: doubles injected explicitly, every failure a reason, and the allow-list."""

from __future__ import annotations

import ast
import base64
import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.chainer
import keyring.backends.fail
import keyring.backends.null
import pytest
import secretstorage
from keyring import errors
from keyring.backend import KeyringBackend
from keyring.compat import properties

from fieldwork.store.keys import keyring_adapter
from fieldwork.store.keys.keyring_adapter import (
    RememberedKey,
    Unavailable,
    UnavailableCause,
    accepted_backend_names,
    forget,
    keyring_status,
    recall,
    remember,
    use_backend_for_tests,
)
from tests.support.keyring_doubles import BrokenKeyring, ForgetfulKeyring, SlowKeyring
from tests.support.keyrings import FailingKeyring, MemoryKeyring

NOTEBOOK = "3f6c2a1e-8d4b-4c1a-9e2f-0a1b2c3d4e5f"
SLOT = "d-5c1e09aa"
USER = f"notebook:{NOTEBOOK}:{SLOT}"
DEVICE_KEY = bytes(range(100, 132))
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def platform_backend_after_each_test() -> Iterator[None]:
    use_backend_for_tests(None)
    yield
    use_backend_for_tests(None)


@pytest.fixture
def memory() -> MemoryKeyring:
    backend = MemoryKeyring()
    use_backend_for_tests(backend)
    return backend


# --- with a working keyring --------------------------------------------------------------------


def test_remember_recall_forget(memory: MemoryKeyring) -> None:
    assert remember(NOTEBOOK, SLOT, bytearray(DEVICE_KEY)) is None
    assert memory.secrets == {("Fieldwork", USER): "fw1:" + base64.b64encode(DEVICE_KEY).decode()}

    remembered = recall(NOTEBOOK, SLOT)
    assert isinstance(remembered, RememberedKey)
    assert remembered.device_key == bytearray(DEVICE_KEY)
    remembered.zero()
    assert remembered.device_key == bytearray(32)

    assert forget(NOTEBOOK, SLOT) is None
    assert memory.secrets == {}
    gone = recall(NOTEBOOK, SLOT)
    assert isinstance(gone, Unavailable) and gone.cause is UnavailableCause.NOT_REMEMBERED
    assert forget(NOTEBOOK, SLOT) is None  # forgetting twice is fine


def test_entries_are_per_notebook_and_slot(memory: MemoryKeyring) -> None:
    remember(NOTEBOOK, SLOT, DEVICE_KEY)
    other = recall(NOTEBOOK, "d-00000000")
    assert isinstance(other, Unavailable) and other.cause is UnavailableCause.NOT_REMEMBERED


def test_status_names_the_backend(memory: MemoryKeyring) -> None:
    assert keyring_status() == (True, "tests.support.keyrings.MemoryKeyring")


def test_remembered_key_shows_nothing(memory: MemoryKeyring) -> None:
    remember(NOTEBOOK, SLOT, DEVICE_KEY)
    remembered = recall(NOTEBOOK, SLOT)
    assert DEVICE_KEY.hex() not in repr(remembered) and DEVICE_KEY.hex() not in str(remembered)


def test_nothing_secret_reaches_the_log(
    memory: MemoryKeyring, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="fieldwork")
    remember(NOTEBOOK, SLOT, DEVICE_KEY)
    recall(NOTEBOOK, SLOT)
    memory.secrets[("Fieldwork", USER)] = "fw1:" + base64.b64encode(b"short").decode()
    recall(NOTEBOOK, SLOT)
    forget(NOTEBOOK, SLOT)
    encoded = base64.b64encode(DEVICE_KEY).decode()
    assert caplog.records
    assert encoded not in caplog.text and DEVICE_KEY.hex() not in caplog.text


def test_bad_ids_and_key_lengths_are_programming_errors(memory: MemoryKeyring) -> None:
    with pytest.raises(ValueError):
        remember(NOTEBOOK, "d:1", DEVICE_KEY)
    with pytest.raises(ValueError):
        remember(NOTEBOOK, SLOT, DEVICE_KEY[:16])


# --- entries that cannot be used ---------------------------------------------------------------


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "garbage",
        base64.b64encode(DEVICE_KEY).decode(),  # no prefix
        "fw2:" + base64.b64encode(DEVICE_KEY).decode(),
        "fw1:!!!!",
        "fw1:" + base64.b64encode(DEVICE_KEY[:16]).decode(),
        "fw1:" + base64.b64encode(DEVICE_KEY + b"x").decode(),
    ],
    ids=["empty", "garbage", "no prefix", "other prefix", "bad base64", "short", "long"],
)
def test_wrong_entry_falls_back_and_is_left_alone(memory: MemoryKeyring, stored: str) -> None:
    memory.secrets[("Fieldwork", USER)] = stored
    outcome = recall(NOTEBOOK, SLOT)
    assert isinstance(outcome, Unavailable)
    assert outcome.cause is UnavailableCause.UNREADABLE_ENTRY
    assert outcome.reason == "The key remembered on this computer cannot be read."
    assert memory.secrets[("Fieldwork", USER)] == stored  # never rewritten behind the user's back


# --- keyrings that fail ------------------------------------------------------------------------

KEYRING_ERRORS = [
    errors.KeyringLocked,
    errors.InitError,
    errors.NoKeyringError,
    errors.PasswordSetError,
    errors.PasswordDeleteError,
    errors.KeyringError,
]


@pytest.mark.parametrize("error", KEYRING_ERRORS, ids=lambda e: e.__name__)
def test_each_keyring_error_becomes_a_reason(error: type[errors.KeyringError]) -> None:
    use_backend_for_tests(FailingKeyring(error))
    outcomes = [
        remember(NOTEBOOK, SLOT, DEVICE_KEY),
        recall(NOTEBOOK, SLOT),
        forget(NOTEBOOK, SLOT),
    ]
    for outcome in outcomes:
        assert isinstance(outcome, Unavailable)
        assert outcome.reason.endswith(".") and "\n" not in outcome.reason
        assert "for a test" not in outcome.reason  # the backend's own wording is not shown
    locked = outcomes[1]
    assert isinstance(locked, Unavailable)
    if error is errors.KeyringLocked:
        assert locked.cause is UnavailableCause.LOCKED
        assert "locked" in locked.reason


def test_unexpected_backend_errors_become_a_reason() -> None:
    use_backend_for_tests(BrokenKeyring())
    outcome = recall(NOTEBOOK, SLOT)
    assert isinstance(outcome, Unavailable) and outcome.cause is UnavailableCause.FAILED


def test_a_keyring_that_drops_secrets_does_not_count_as_remembering() -> None:
    use_backend_for_tests(ForgetfulKeyring())
    outcome = remember(NOTEBOOK, SLOT, DEVICE_KEY)
    assert isinstance(outcome, Unavailable) and outcome.cause is UnavailableCause.FAILED


def test_a_blocked_keyring_times_out() -> None:
    slow = SlowKeyring(delay=10)
    use_backend_for_tests(slow)
    try:
        for call in (
            lambda: recall(NOTEBOOK, SLOT, timeout=0.5),
            lambda: remember(NOTEBOOK, SLOT, DEVICE_KEY, timeout=0.5),
            lambda: forget(NOTEBOOK, SLOT, timeout=0.5),
        ):
            started = time.monotonic()
            outcome = call()
            elapsed = time.monotonic() - started
            assert isinstance(outcome, Unavailable)
            assert outcome.cause is UnavailableCause.TIMED_OUT
            assert outcome.reason == "The system keyring did not answer within 0.5 seconds."
            assert 0.4 < elapsed < 2.0
    finally:
        slow.release()


# --- backends that are refused -----------------------------------------------------------------


class NotViable(MemoryKeyring):
    """Like the Secret Service backend without D-Bus: asking for its priority raises."""

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("Environment variable DBUS_SESSION_BUS_ADDRESS is unset")


class ZeroPriority(MemoryKeyring):
    priority = 0  # type: ignore[assignment]


class LooksLikeKeyringsAlt(MemoryKeyring):
    """Stands in for keyrings.alt.file.PlaintextKeyring, which is not installed here."""


LooksLikeKeyringsAlt.__module__ = "keyrings.alt.file"


@pytest.mark.parametrize(
    ("backend", "cause"),
    [
        (keyring.backends.null.Keyring(), UnavailableCause.REFUSED_BACKEND),
        (keyring.backends.fail.Keyring(), UnavailableCause.REFUSED_BACKEND),
        (keyring.backends.chainer.ChainerBackend(), UnavailableCause.REFUSED_BACKEND),
        (LooksLikeKeyringsAlt(), UnavailableCause.REFUSED_BACKEND),
        (ZeroPriority(), UnavailableCause.NO_KEYRING),
    ],
    ids=["null", "fail", "chainer", "keyrings.alt", "priority 0"],
)
def test_refused_backends_are_never_used(backend: KeyringBackend, cause: UnavailableCause) -> None:
    use_backend_for_tests(backend)
    for outcome in (remember(NOTEBOOK, SLOT, DEVICE_KEY), recall(NOTEBOOK, SLOT)):
        assert isinstance(outcome, Unavailable) and outcome.cause is cause
    available, reason = keyring_status()
    assert not available and reason.endswith(".")
    if isinstance(backend, MemoryKeyring):
        assert backend.secrets == {}


def test_a_backend_whose_priority_raises_is_not_viable() -> None:
    use_backend_for_tests(NotViable())
    outcome = recall(NOTEBOOK, SLOT)
    assert isinstance(outcome, Unavailable) and outcome.cause is UnavailableCause.NO_KEYRING


def test_allow_list_per_platform() -> None:
    assert accepted_backend_names("linux") == (
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
    )
    assert accepted_backend_names("darwin") == ("keyring.backends.macOS.Keyring",)
    assert accepted_backend_names("win32") == ("keyring.backends.Windows.WinVaultKeyring",)
    assert accepted_backend_names("sunos5") == ()
    assert keyring_adapter.DEFAULT_TIMEOUT_SECONDS == 5.0


# --- the production path ignores everything but the platform's own backend --------------------


def test_production_path_ignores_the_process_wide_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    # tests/conftest.py installed a MemoryKeyring with keyring.set_keyring(); it must not be used.
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    process_wide = keyring.get_keyring()
    assert isinstance(process_wide, MemoryKeyring)
    available, reason = keyring_status()
    assert not available
    assert reason == "No supported system keyring is running on this computer."
    outcome = remember(NOTEBOOK, SLOT, DEVICE_KEY)
    assert isinstance(outcome, Unavailable) and outcome.cause is UnavailableCause.NO_KEYRING
    assert process_wide.secrets == {}


REFUSED_BY_ENVIRONMENT = [
    "keyring.backends.null.Keyring",
    "keyring.backends.fail.Keyring",
    "keyring.backends.chainer.ChainerBackend",
    "keyrings.alt.file.PlaintextKeyring",
    "tests.support.keyrings.MemoryKeyring",
]


@pytest.mark.parametrize("named", REFUSED_BY_ENVIRONMENT)
def test_environment_cannot_choose_the_backend(
    named: str, monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", named)
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    available, _ = keyring_status()
    assert not available  # no Secret Service here, and nothing else is tried
    outcome = remember(NOTEBOOK, SLOT, DEVICE_KEY)
    assert isinstance(outcome, Unavailable) and outcome.cause is UnavailableCause.NO_KEYRING
    assert not (isolated_home / ".local" / "share" / "python_keyring").exists()

    # Where the Secret Service is viable, it is what gets used, whatever the variable says.
    monkeypatch.setattr(secretstorage, "dbus_init", _FakeConnection)
    monkeypatch.setattr(secretstorage, "check_service_availability", lambda connection: True)
    assert keyring_status() == (True, "keyring.backends.SecretService.Keyring")


class _FakeConnection:
    """Just enough of a D-Bus connection for the Secret Service backend's viability check."""

    def close(self) -> None:
        return None


def _called_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call):
            function = node.func
            if isinstance(function, ast.Attribute):
                names.add(function.attr)
            elif isinstance(function, ast.Name):
                names.add(function.id)
    return names


def test_only_tests_inject_backends_and_nothing_asks_keyring_to_choose() -> None:
    for path in (ROOT / "fieldwork").rglob("*.py"):
        called = _called_names(path)
        assert "use_backend_for_tests" not in called, path
        if path.parent.name == "keys":
            assert not called & {"get_keyring", "set_keyring", "init_backend", "load_env"}, path


RELEASE_PRIORITY = threading.Event()


class SlowToAnswerPriority(MemoryKeyring):
    """A backend whose viability check hangs, as a D-Bus call to a wedged daemon can."""

    @properties.classproperty
    def priority(cls) -> float:
        RELEASE_PRIORITY.wait(10)
        return 1


def test_status_is_bounded_by_the_timeout() -> None:
    use_backend_for_tests(SlowToAnswerPriority())
    try:
        started = time.monotonic()
        available, reason = keyring_status(timeout=0.5)
        assert time.monotonic() - started < 2.0
        assert not available
        assert reason == "The system keyring did not answer within 0.5 seconds."
    finally:
        RELEASE_PRIORITY.set()
