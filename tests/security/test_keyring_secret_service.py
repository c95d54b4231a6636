"""The real Secret Service (gnome-keyring under dbus-run-session), reached by the production path."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldwork.store.keys.key_file import (
    add_device_slot,
    create_key_file,
    write_key_file,
)
from fieldwork.store.keys.keyring_adapter import (
    RememberedKey,
    Unavailable,
    UnavailableCause,
    forget,
    keyring_status,
    recall,
    remember,
    use_backend_for_tests,
)
from fieldwork.store.keys.wrapping import TEST_KDF

pytestmark = pytest.mark.secret_service

ROOT = Path(__file__).resolve().parents[2]

# Run in a fresh interpreter: nothing injected, nothing inherited but the environment.
RECALL_SCRIPT = """
import hashlib, sys
from fieldwork.store.keys.keyring_adapter import RememberedKey, recall
outcome = recall(sys.argv[1], sys.argv[2])
if isinstance(outcome, RememberedKey):
    print("key", hashlib.sha256(outcome.device_key).hexdigest())
else:
    print("unavailable", outcome.cause.name)
"""

UNLOCK_SCRIPT = """
import hashlib, sys
from pathlib import Path
from fieldwork.store.keys.key_file import device_slot_ids, read_key_file, unlock_with_device_key
from fieldwork.store.keys.keyring_adapter import RememberedKey, recall
key_file = read_key_file(Path(sys.argv[1]))
for slot_id in device_slot_ids(key_file):
    remembered = recall(key_file.notebook_id, slot_id)
    if isinstance(remembered, RememberedKey):
        holder = unlock_with_device_key(key_file, slot_id, remembered.device_key)
        remembered.zero()
        print("opened", hashlib.sha256(holder.copy_bytes()).hexdigest())
        break
else:
    print("passphrase needed")
"""

LOCKED_SCRIPT = """
import time, secretstorage
from fieldwork.store.keys.keyring_adapter import Unavailable, recall, remember
connection = secretstorage.dbus_init()
secretstorage.get_default_collection(connection).lock()
started = time.monotonic()
outcomes = [remember("3f6c2a1e-8d4b-4c1a-9e2f-0a1b2c3d4e5f", "d-1", bytes(32)),
            recall("3f6c2a1e-8d4b-4c1a-9e2f-0a1b2c3d4e5f", "d-1")]
print(" ".join(o.cause.name if isinstance(o, Unavailable) else "stored" for o in outcomes))
print(f"{time.monotonic() - started:.2f}")
"""


@pytest.fixture(autouse=True)
def production_path() -> Iterator[None]:
    use_backend_for_tests(None)
    yield
    use_backend_for_tests(None)


@pytest.fixture
def session_bus() -> None:
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        pytest.skip("needs a D-Bus session with gnome-keyring (run through scripts/test)")


def _child_environment(**overrides: str) -> dict[str, str]:
    environment = dict(os.environ)  # keeps DBUS_SESSION_BUS_ADDRESS
    environment.pop("PYTHON_KEYRING_BACKEND", None)
    environment["PYTHONPATH"] = str(ROOT)
    environment.update(overrides)
    return environment


def _run(script: str, *args: str, environment: dict[str, str] | None = None) -> str:
    completed = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        env=environment or _child_environment(),
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout.strip()


@pytest.mark.usefixtures("session_bus")
def test_remember_recall_in_a_new_process_forget() -> None:
    notebook_id, slot_id = str(uuid.uuid4()), "d-5c1e09aa"
    device_key = os.urandom(32)
    fingerprint = hashlib.sha256(device_key).hexdigest()
    assert keyring_status() == (True, "keyring.backends.SecretService.Keyring")
    try:
        assert remember(notebook_id, slot_id, device_key) is None
        assert _run(RECALL_SCRIPT, notebook_id, slot_id) == f"key {fingerprint}"
        # The variable that would pick the null backend through keyring's own discovery is ignored.
        ignored = _child_environment(PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
        assert (
            _run(RECALL_SCRIPT, notebook_id, slot_id, environment=ignored) == f"key {fingerprint}"
        )
    finally:
        assert forget(notebook_id, slot_id) is None
    assert _run(RECALL_SCRIPT, notebook_id, slot_id) == "unavailable NOT_REMEMBERED"
    gone = recall(notebook_id, slot_id)
    assert isinstance(gone, Unavailable) and gone.cause is UnavailableCause.NOT_REMEMBERED


@pytest.mark.usefixtures("session_bus")
def test_a_remembered_device_key_opens_the_notebook_in_a_new_process(tmp_path: Path) -> None:
    key_file, holder = create_key_file("passphrase", db_salt=bytes(16), kdf=TEST_KDF)
    key_file, slot_id, device_key = add_device_slot(key_file, holder)
    path = tmp_path / "notebook.key"
    write_key_file(path, key_file)
    expected = hashlib.sha256(holder.copy_bytes()).hexdigest()
    try:
        assert remember(key_file.notebook_id, slot_id, device_key) is None
        assert _run(UNLOCK_SCRIPT, str(path)) == f"opened {expected}"
    finally:
        assert forget(key_file.notebook_id, slot_id) is None
    assert _run(UNLOCK_SCRIPT, str(path)) == "passphrase needed"
    remembered = recall(key_file.notebook_id, slot_id)
    assert not isinstance(remembered, RememberedKey)


def test_a_locked_collection_means_the_passphrase(tmp_path: Path) -> None:
    # Its own bus and daemon, so locking cannot disturb the other tests' collection.
    if not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")):
        pytest.skip("needs dbus-run-session and gnome-keyring-daemon")
    script = tmp_path / "locked.py"
    script.write_text(LOCKED_SCRIPT)
    home = tmp_path / "keyring-home"
    home.mkdir()
    environment = _child_environment(HOME=str(home))
    environment.pop("DBUS_SESSION_BUS_ADDRESS", None)
    completed = subprocess.run(
        [
            "dbus-run-session",
            "--",
            "sh",
            "-c",
            "printf %s test-only | gnome-keyring-daemon --unlock --components=secrets "
            '>/dev/null 2>&1; exec "$0" "$1"',
            sys.executable,
            str(script),
        ],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    causes, elapsed = completed.stdout.strip().splitlines()
    assert causes == "LOCKED LOCKED"
    assert float(elapsed) < 10
