"""The installer recipes agree with the program: app id, version, upgrade code and shipped files."""

from __future__ import annotations

import configparser
import plistlib
import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from fieldwork import __version__

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
APP_ID = "org.fieldwork.Fieldwork"
DESKTOP = INSTALLER / "linux" / f"{APP_ID}.desktop"
METAINFO = INSTALLER / "linux" / f"{APP_ID}.metainfo.xml"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_menu_entry_starts_the_window_and_names_the_icon_by_app_id() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "fieldwork"  # no arguments: arguments mean the command line
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    assert entry["StartupWMClass"] == "Fieldwork"  # the window's class, from the app name


def test_the_appstream_file_matches_the_app_id_and_the_version() -> None:
    component = ElementTree.parse(METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == f"{APP_ID}.desktop"
    newest = component.find("releases/release")
    assert newest is not None
    assert newest.get("version") == __version__, "add a <release> for the new version"


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="needs appstreamcli (apt: appstream)")
def test_appstreamcli_accepts_the_metadata() -> None:
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="needs desktop-file-validate")
def test_desktop_file_validate_accepts_the_menu_entry() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_the_windows_installer_keeps_one_upgrade_code_and_installs_per_user() -> None:
    script = (INSTALLER / "windows" / "fieldwork.iss").read_text(encoding="utf-8")
    # Changing the AppId would make the next version install beside this one, not over it.
    assert "AppId={{020B1532-D99F-4A5C-B26A-0CA78B408C55}" in script
    assert "PrivilegesRequired=lowest" in script
    assert re.search(r"^\[Icons\]\nName: \"\{autoprograms\}", script, re.MULTILINE)
    assert "[UninstallDelete]" not in script.replace("No [UninstallDelete]", "")


def test_the_macos_entitlements_are_a_valid_property_list() -> None:
    with (INSTALLER / "macos" / "entitlements.plist").open("rb") as handle:
        entitlements = plistlib.load(handle)
    assert entitlements == {"com.apple.security.cs.allow-unsigned-executable-memory": True}


def test_the_spec_ships_what_the_program_reads_as_files() -> None:
    spec = (INSTALLER / "fieldwork.spec").read_text(encoding="utf-8")
    assert 'tree(ROOT / "resources", "fieldwork/resources")' in spec
    assert 'tree(ROOT / "fieldwork" / "store" / "migrations"' in spec
    # The keyring adapter's allow-list is imported by name: each platform's backend is listed.
    from fieldwork.store.keys.keyring_adapter import accepted_backend_names

    for platform in ("linux", "darwin", "win32"):
        module = accepted_backend_names(platform)[0].rsplit(".", 1)[0]
        assert f'"{module}"' in spec, module
    assert (ROOT / "fieldwork" / "store" / "migrations" / "env.py").is_file()


def test_the_bundle_folders_are_not_committed() -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert "build/" in ignored and "dist/" in ignored
