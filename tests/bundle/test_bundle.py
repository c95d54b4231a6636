"""The built Linux bundle (dist/Fieldwork): its self-test, its command line and its window."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldwork import __version__

pytestmark = pytest.mark.bundle

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = Path(os.environ.get("FIELDWORK_BUNDLE") or ROOT / "dist" / "Fieldwork")
PROGRAM = BUNDLE / "fieldwork"


@pytest.fixture(autouse=True)
def built() -> None:
    if not PROGRAM.is_file():
        pytest.skip("no bundle: build it with scripts/build-bundle")


def run_bundle(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PROGRAM), *args], capture_output=True, text=True, timeout=timeout, check=False
    )


def test_the_bundle_is_this_version() -> None:
    # A bundle left over from an older build would make every other result here meaningless.
    result = run_bundle("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"Fieldwork {__version__}"


def test_the_self_test_passes_in_the_bundle() -> None:
    with_keyring = bool(os.environ.get("DBUS_SESSION_BUS_ADDRESS"))
    result = run_bundle("--self-test", *(["--require-keyring"] if with_keyring else []))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "installed bundle" in result.stdout.splitlines()[0]
    if with_keyring:
        assert "keyring.backends.SecretService.Keyring" in result.stdout
        assert "opened with the key from the keyring, no passphrase" in result.stdout


def test_the_command_line_reads_the_shipped_frameworks(tmp_path: Path) -> None:
    result = run_bundle("framework", "list")
    assert result.returncode == 0, result.stderr
    assert "ilacs-2026" in result.stdout


def test_the_demo_notebook_is_made_by_the_bundle(tmp_path: Path) -> None:
    passphrase = tmp_path / "passphrase.txt"
    passphrase.write_text("a throwaway passphrase for the bundle test\n", encoding="utf-8")
    made = run_bundle(
        "demo",
        str(tmp_path / "demo.fieldwork"),
        "--notes",
        "40",
        "--passphrase-file",
        str(passphrase),
    )
    assert made.returncode == 0, made.stderr
    verified = run_bundle(
        "verify", str(tmp_path / "demo.fieldwork"), "--passphrase-file", str(passphrase)
    )
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_the_tarball_installs_runs_and_uninstalls_keeping_notebooks(tmp_path: Path) -> None:
    tarballs = sorted((BUNDLE.parent).glob(f"fieldwork-{__version__}-linux-*.tar.gz"))
    if not tarballs:
        pytest.skip("no tarball: scripts/build-bundle packs one")
    subprocess.run(["tar", "-C", str(tmp_path), "-xzf", str(tarballs[-1])], check=True)
    unpacked = next(tmp_path.glob("fieldwork-*"))
    home = tmp_path / "installing-user"
    home.mkdir()
    env = {**os.environ, "HOME": str(home)}
    env.pop("XDG_DATA_HOME", None)

    installed = subprocess.run(
        [str(unpacked / "install.sh")], env=env, capture_output=True, text=True, check=False
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    program = home / ".local" / "bin" / "fieldwork"
    version = subprocess.run([str(program), "--version"], capture_output=True, text=True, env=env)
    assert version.stdout.strip() == f"Fieldwork {__version__}"
    entry = home / ".local/share/applications/org.fieldwork.Fieldwork.desktop"
    assert f"Exec={home}/.local/opt/Fieldwork/fieldwork" in entry.read_text()
    assert (home / ".local/share/metainfo/org.fieldwork.Fieldwork.metainfo.xml").is_file()
    if (BUNDLE / "_internal/fieldwork/resources/icons/fieldwork.svg").is_file():
        icons = home / ".local/share/icons/hicolor"
        assert (icons / "scalable/apps/org.fieldwork.Fieldwork.svg").is_file()
        assert (icons / "256x256/apps/org.fieldwork.Fieldwork.png").is_file()

    notebooks = Path(os.environ["FIELDWORK_HOME"])
    notebooks.mkdir(parents=True, exist_ok=True)
    (notebooks / "kept.txt").write_text("stands in for the user's data\n")
    removed = subprocess.run(
        [str(unpacked / "uninstall.sh")], env=env, capture_output=True, text=True, check=False
    )
    assert removed.returncode == 0, removed.stderr
    assert not program.exists() and not (home / ".local/opt/Fieldwork").exists()
    assert not entry.exists()
    assert not list((home / ".local/share").rglob("org.fieldwork.Fieldwork.*"))
    assert (notebooks / "kept.txt").is_file()


@pytest.fixture
def display() -> Iterator[str]:
    """A private virtual X display; -displayfd picks a free number without racing other users."""
    if not (shutil.which("Xvfb") and shutil.which("xwininfo")):
        pytest.skip("needs Xvfb and xwininfo (apt-get install xvfb x11-utils)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as chosen:
        number = chosen.readline().strip()
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def window_titles(display: str) -> str:
    listing = subprocess.run(
        ["xwininfo", "-root", "-tree", "-display", display],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    return listing.stdout


def test_the_window_opens_on_x11(display: str, tmp_path: Path) -> None:
    # The real X11 platform plugin: the window must map with its title while the program runs.
    env = {k: v for k, v in os.environ.items() if k not in {"QT_QPA_PLATFORM", "WAYLAND_DISPLAY"}}
    env["DISPLAY"] = display
    log = tmp_path / "window.log"
    with log.open("w") as output:
        app = subprocess.Popen([str(PROGRAM)], env=env, stdout=output, stderr=output)
        try:
            deadline = time.monotonic() + 60
            shown = False
            while not shown and app.poll() is None and time.monotonic() < deadline:
                shown = '"Fieldwork"' in window_titles(display)
                if not shown:
                    time.sleep(
                        0.1
                    )  # polling another process's window; there is no signal to wait on
        finally:
            app.terminate()
            app.wait(timeout=30)
    text = log.read_text(errors="replace")
    assert shown, text
    assert "Could not load the Qt platform plugin" not in text
    assert "Traceback" not in text
