"""Schema migration from the first schema, and the hash-chained history with `verify`."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from fieldwork.domain.evidence import NoteDraft, Tag
from fieldwork.domain.ids import NoteId, new_id
from fieldwork.runtime.paths import folders
from fieldwork.services import notes, opening, verification
from fieldwork.store import migrate
from fieldwork.store.database import Database, create_database
from fieldwork.store.keys.key_file import create_key_file, with_db_salt, write_key_file
from fieldwork.store.keys.wrapping import TEST_KDF
from fieldwork.store.notebook_files import NotebookPaths
from fieldwork.store.unit_of_work import UnitOfWork
from tests.support.notebooks import TEST_PASSPHRASE, inspection, new_notebook


def _first_schema_notebook(folder: Path) -> str:
    """A notebook exactly as the first schema (revision 0001) made it."""
    folder.mkdir()
    paths = NotebookPaths(folder)
    key_file, key = create_key_file(TEST_PASSPHRASE, kdf=TEST_KDF)
    create_database(paths.db, key)
    key_file = with_db_salt(key_file, paths.db.read_bytes()[:16])
    write_key_file(paths.key, key_file)
    database = Database(paths.db, key)
    migrate.upgrade(database, "0001")
    with UnitOfWork(database, key_file.notebook_id) as uow:
        uow.inspection.set_meta("notebook_id", key_file.notebook_id)
        uow.record("inspection", "1", "create", uow.inspection.save(inspection()))
        draft = NoteDraft(
            id=NoteId(new_id()),
            text="Made under the first schema.",
            tags=(Tag("lead.knowledge.self-evaluation", "strength"),),
        )
        note, rowid, op, state = uow.notes.save(draft, draft.text, uow.now)
        uow.search.index(rowid, note.text)
        uow.record("note", note.id, op, state)
        uow.commit()
    with database.raw() as raw:
        assert migrate.current_revision(raw) == "0001"
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    key.zero()
    return key_file.notebook_id


def test_a_first_schema_notebook_is_upgraded_after_a_verified_copy(tmp_path: Path) -> None:
    folder = tmp_path / "old.fieldwork"
    notebook_id = _first_schema_notebook(folder)
    with opening.open_notebook(folder, passphrase=TEST_PASSPHRASE) as notebook:
        with notebook.database.raw() as raw:
            assert migrate.current_revision(raw) == migrate.SCHEMA_HEAD
            assert raw.execute("SELECT count(*) FROM drafts").fetchone()[0] == 0
        assert notes.count_notes(notebook) == 1
        assert verification.verify_notebook(notebook).ok
    backups = list((folders().backups / notebook_id).iterdir())
    assert len(backups) == 1 and backups[0].name.endswith(".fieldwork")
    info = json.loads((backups[0] / "backup.json").read_text())
    assert info["reason"] == "before-migration" and info["history_seq"] == 2
    # The copy is encrypted and opens with the passphrase of its own key file, at the old schema.
    with opening.open_notebook(backups[0], passphrase=TEST_PASSPHRASE, use_keyring=False) as copy:
        assert notes.count_notes(copy) == 1


def test_history_verifies_and_fingerprint_moves_with_each_change(tmp_path: Path) -> None:
    notebook = new_notebook(tmp_path).notebook
    first = verification.evidence_fingerprint(notebook)
    draft = NoteDraft(id=NoteId(new_id()), text="A note.", tags=())
    notes.save_note(notebook, draft)
    notes.save_note(notebook, NoteDraft(id=draft.id, text="A note, edited.", tags=()))
    notes.delete_note(notebook, draft.id)
    report = verification.verify_notebook(notebook)
    assert report.ok and report.entries == 4
    assert report.fingerprint.startswith("FW1-") and report.fingerprint.endswith("@ 4")
    assert report.fingerprint != first[0]
    notebook.close()


def test_tampering_with_a_past_entry_names_its_seq(tmp_path: Path) -> None:
    notebook = new_notebook(tmp_path).notebook
    for number in range(5):
        notes.save_note(notebook, NoteDraft(id=NoteId(new_id()), text=f"Note {number}."))
    with notebook.database.raw() as raw:
        raw.execute("UPDATE history SET actor = 'someone else' WHERE seq = 3")
    report = verification.verify_notebook(notebook)
    assert not report.ok and report.first_bad_seq == 3
    notebook.close()


def test_a_change_without_history_is_reported(tmp_path: Path) -> None:
    notebook = new_notebook(tmp_path).notebook
    saved = notes.save_note(notebook, NoteDraft(id=NoteId(new_id()), text="Original words.")).saved
    with notebook.database.raw() as raw:
        raw.execute("UPDATE notes SET text = 'Quietly changed.' WHERE id = ?", (saved.id,))
    report = verification.verify_notebook(notebook)
    assert report.chain_problem is None
    assert report.mismatches == (f"note {saved.id} differs from its last history entry",)
    notebook.close()


def test_rewriting_the_whole_chain_passes_but_changes_the_fingerprint(tmp_path: Path) -> None:
    """The documented limit: whoever holds the key can rewrite history consistently; only a
    fingerprint kept elsewhere (on an earlier pack) shows it."""
    from fieldwork.store.history_chain import entry_hash, genesis_hash, history_time

    notebook = new_notebook(tmp_path).notebook
    saved = notes.save_note(notebook, NoteDraft(id=NoteId(new_id()), text="What was seen.")).saved
    printed_on_pack = verification.evidence_fingerprint(notebook)[0]
    with notebook.database.raw() as raw:
        raw.execute("UPDATE notes SET text = 'What was not seen.' WHERE id = ?", (saved.id,))
        previous = genesis_hash(notebook.notebook_id)
        for seq, at, actor, entity, entity_id, op, state_text in raw.execute(
            "SELECT seq, at, actor, entity, entity_id, op, state FROM history ORDER BY seq"
        ).fetchall():
            state = json.loads(state_text)["state"]
            if entity == "note":
                state["text_sha256"] = hashlib.sha256(b"What was not seen.").hexdigest()
            from datetime import datetime

            moment = datetime.strptime(at, "%Y-%m-%dT%H:%M:%S.%fZ")
            record = {
                "seq": seq,
                "at": history_time(moment),
                "actor": actor,
                "entity": entity,
                "entity_id": entity_id,
                "op": op,
                "state": state,
            }
            digest = entry_hash(previous, record)
            raw.execute(
                "UPDATE history SET state = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                (
                    json.dumps({"state": state}, sort_keys=True, separators=(",", ":")),
                    previous,
                    digest,
                    seq,
                ),
            )
            previous = digest
    report = verification.verify_notebook(notebook)
    assert report.ok
    assert report.fingerprint != printed_on_pack
    notebook.close()


def test_settings_hold_on_every_connection(tmp_path: Path) -> None:
    notebook = new_notebook(tmp_path).notebook
    with notebook.database.raw() as raw:
        assert raw.execute("PRAGMA cipher_version").fetchone()[0]
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("PRAGMA synchronous").fetchone()[0] == 2
        assert raw.execute("PRAGMA temp_store").fetchone()[0] == 2
        assert raw.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert raw.execute("PRAGMA trusted_schema").fetchone()[0] == 0
        assert raw.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert raw.execute("PRAGMA application_id").fetchone()[0] == 0x46574B31
    import threading

    seen: list[object] = []

    def other_lane() -> None:
        with notebook.database.raw() as raw:
            seen.append(raw.execute("PRAGMA temp_store").fetchone()[0])
            seen.append(raw.execute("PRAGMA secure_delete").fetchone()[0])

    thread = threading.Thread(target=other_lane)
    thread.start()
    thread.join()
    assert seen == [2, 1]
    notebook.close()
