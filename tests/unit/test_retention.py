"""Retention on real files: days since the inspection ended, and secure deletion of everything."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from fieldwork.domain.errors import InputRejected, NotebookInUse
from fieldwork.runtime.paths import folders
from fieldwork.runtime.preferences import Preferences
from fieldwork.services import retention
from fieldwork.services.backups import back_up_now, list_backups
from fieldwork.services.opening import open_notebook, remember_on_this_computer
from fieldwork.store.keys import keyring_adapter
from tests.support.keyrings import MemoryKeyring
from tests.support.notebooks import TEST_PASSPHRASE, new_notebook

AUTHORITY = "Westmere Borough Council (fictional)"
ENDED = date(2025, 5, 23)  # tests.support.notebooks.inspection()


@pytest.fixture
def keyring() -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    keyring_adapter.use_backend_for_tests(backend)
    yield backend
    keyring_adapter.use_backend_for_tests(None)


def test_days_since_the_end_and_when_it_is_due(tmp_path: Path) -> None:
    prefs = Preferences(retention_days=90)
    with new_notebook(tmp_path).notebook as notebook:
        status = retention.record_inspection(notebook, prefs, today=date(2025, 9, 4))
    assert status.ended == ENDED and status.days_since_end == 104 and status.due
    assert status.describe() == "Ended 104 days ago — past the 90-day retention period"
    assert status.describe_short() == "Ended 104 days ago · past retention"
    on_the_day = replace(status, today=date(2025, 8, 21))  # exactly 90 days
    assert on_the_day.days_since_end == 90 and not on_the_day.due
    assert on_the_day.describe() == "Ended 90 days ago"
    assert replace(status, today=ENDED).describe() == "Ended today"
    assert replace(status, today=date(2025, 5, 22)).describe() == "Ends in 1 day"
    assert not replace(status, retention_days=0).due  # no retention period set


def test_the_start_page_knows_the_end_date_without_the_key(tmp_path: Path) -> None:
    prefs = Preferences()
    with new_notebook(tmp_path).notebook as notebook:
        retention.record_inspection(notebook, prefs)
        folder = notebook.folder
    statuses = retention.remembered_statuses(
        [str(folder), str(tmp_path / "never-opened.fieldwork")], prefs, today=date(2025, 9, 4)
    )
    assert list(statuses) == [str(folder)] and statuses[str(folder)].due
    record = (folders().config / retention.RECORD_NAME).read_text()
    assert "Westmere" not in record and "2025-05-23" in record  # the date, never the authority
    assert oct((folders().config / retention.RECORD_NAME).stat().st_mode & 0o777) == "0o600"


def test_secure_deletion_removes_notebook_backups_key_and_record(
    tmp_path: Path, keyring: MemoryKeyring
) -> None:
    chosen = tmp_path / "usb-backups"
    chosen.mkdir()
    prefs = Preferences(backup_folder=str(chosen))
    other = new_notebook(tmp_path / "other").notebook  # another inspection: left alone
    back_up_now(other, preferences=prefs)
    other.close()
    with new_notebook(tmp_path).notebook as notebook:
        assert remember_on_this_computer(notebook) is None
        back_up_now(notebook, preferences=prefs)
        folders().backups.mkdir(parents=True, exist_ok=True)
        back_up_now(notebook, preferences=prefs, root=folders().backups)  # the default folder
        retention.record_inspection(notebook, prefs)
        folder, notebook_id = notebook.folder, notebook.notebook_id
    assert keyring.secrets and len(list_backups(folder, preferences=prefs)) == 2
    plan = retention.plan_deletion(folder, prefs)
    assert plan.notebook_id == notebook_id and plan.backups == 2 and plan.unreachable == ()
    assert set(plan.backup_folders) == {chosen / notebook_id, folders().backups / notebook_id}
    assert len(plan.remembered_slots) == 1

    result = retention.delete_securely(folder, prefs, AUTHORITY.upper(), AUTHORITY)
    assert result.complete and result.backups_removed == 2
    assert not folder.exists()
    assert not (chosen / notebook_id).exists() and not (folders().backups / notebook_id).exists()
    assert keyring.secrets == {}  # the remembered key is gone from this computer
    assert retention.remembered_statuses([str(folder)], prefs) == {}
    assert other.folder.exists() and len(list_backups(other.folder, preferences=prefs)) == 1
    with open_notebook(other.folder, passphrase=TEST_PASSPHRASE):
        pass


def test_a_wrong_confirmation_or_an_open_notebook_deletes_nothing(
    tmp_path: Path, keyring: MemoryKeyring
) -> None:
    prefs = Preferences()
    created = new_notebook(tmp_path)
    folder = created.notebook.folder
    with pytest.raises(InputRejected, match="does not match"):
        retention.delete_securely(folder, prefs, "Westmere", AUTHORITY)
    with pytest.raises(NotebookInUse):  # open, in this process or another
        retention.delete_securely(folder, prefs, AUTHORITY, AUTHORITY)
    assert (folder / "notebook.db").exists() and (folder / "notebook.key").exists()
    created.notebook.close()
    with open_notebook(folder, passphrase=TEST_PASSPHRASE):
        pass  # untouched: it still opens


def test_an_absent_backup_drive_is_named_and_the_rest_goes(
    tmp_path: Path, keyring: MemoryKeyring
) -> None:
    prefs = Preferences(backup_folder=str(tmp_path / "unplugged"))
    with new_notebook(tmp_path).notebook as notebook:
        folder = notebook.folder
    plan = retention.plan_deletion(folder, prefs)
    assert plan.unreachable == (str(tmp_path / "unplugged"),)
    result = retention.delete_securely(folder, prefs, AUTHORITY, AUTHORITY)
    assert not folder.exists() and not result.complete
    assert result.unreachable == (str(tmp_path / "unplugged"),)


def test_the_key_file_is_overwritten_before_it_is_unlinked(
    tmp_path: Path, keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    with new_notebook(tmp_path).notebook as notebook:
        folder = notebook.folder
    original = (folder / "notebook.key").read_bytes()
    seen: list[bytes] = []
    real_rmtree = retention.shutil.rmtree

    def watching(path: Path, **kwargs: object) -> None:
        key = Path(path) / "notebook.key"
        if key.exists():
            seen.append(key.read_bytes())
        real_rmtree(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(retention.shutil, "rmtree", watching)
    retention.delete_securely(folder, Preferences(), AUTHORITY, AUTHORITY)
    assert seen and len(seen[0]) == len(original) and seen[0] != original
    assert b"notebook_id" not in seen[0]


def test_recent_list_forgets_the_deleted_notebook(tmp_path: Path) -> None:
    prefs = (
        Preferences().with_recent(tmp_path / "a.fieldwork").with_recent(tmp_path / "b.fieldwork")
    )
    kept = retention.without_recent(prefs, tmp_path / "a.fieldwork")
    assert kept.recent_notebooks == (str((tmp_path / "b.fieldwork").resolve()),)


def test_the_demo_is_never_due_and_not_kept_for_the_start_page(tmp_path: Path) -> None:
    from fieldwork.services.demo_notebook import create_demo_notebook
    from tests.support.notebooks import CHEAP_KDF

    prefs = Preferences(retention_days=1)  # the demo's made-up dates are long past
    folder = tmp_path / "copy-of-demo.fieldwork"  # made by `fieldwork demo`, anywhere
    with create_demo_notebook(folder, TEST_PASSPHRASE, notes=5, kdf=CHEAP_KDF).notebook as demo:
        status = retention.record_inspection(demo, prefs)
    assert status.demo and status.days_since_end > 1 and not status.due
    assert retention.remembered_statuses([str(folder)], prefs) == {}
    assert not (folders().config / retention.RECORD_NAME).exists()


def test_a_demo_from_before_the_marker_is_known_by_its_folder(tmp_path: Path) -> None:
    import json

    from fieldwork.services.opening import create_notebook
    from tests.support.notebooks import CHEAP_KDF, inspection

    prefs = Preferences(retention_days=1)
    demo = folders().demo_notebook
    # What an earlier version kept: the demo's end date, so the start page offered deletion.
    record = folders().config / retention.RECORD_NAME
    record.parent.mkdir(parents=True, exist_ok=True)
    stale = {"notebook_id": "old", "ended": "2025-05-23"}
    record.write_text(json.dumps({str(demo.resolve()): stale}))
    assert retention.remembered_statuses([str(demo)], prefs) == {}
    created = create_notebook(
        demo, inspection("ilacs-2023", AUTHORITY), TEST_PASSPHRASE, kdf=CHEAP_KDF
    )
    with created.notebook as notebook:
        assert retention.record_inspection(notebook, prefs).demo
    assert json.loads(record.read_text()) == {}  # the old record is gone too
    # Any other notebook is still offered for deletion when due.
    with new_notebook(tmp_path).notebook as other:
        assert retention.record_inspection(other, prefs).due
