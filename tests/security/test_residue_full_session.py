"""Residue scan after a full session in the real window, with DEBUG logging on.

Create a notebook, then in the window: unlock, type a note, tag it, search for it, export the
pack without and with a password, copy text, lock, unlock, back up, close and quit. Then every
file (and file name) under the test's HOME, TMPDIR, XDG folders, log folder, export folder,
backup folder and the notebook's parent folder is read as UTF-8 and UTF-16-LE, case-insensitively.

Content markers (note text, case reference, authority, pseudonym, line of enquiry, activity, a
search term) may appear only inside the unencrypted PDF, and there only once its streams are
inflated; secret markers (passphrase, recovery code, PDF password, the data key in hex and
base64) appear nowhere at all, not even there.
"""

from __future__ import annotations

import base64
import contextlib
import logging
import os
import sys
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from pytestqt.qtbot import QtBot

from fieldwork.domain.evidence import Activity, Enquiry
from fieldwork.domain.ids import ActivityId, CaseId, EnquiryId, PractitionerId, new_id
from fieldwork.domain.people import Case, Practitioner
from fieldwork.runtime.paths import folders
from fieldwork.runtime.preferences import Preferences
from fieldwork.services import activities, judgements, people
from fieldwork.services.backups import back_up_now, list_backups
from fieldwork.services.opening import create_notebook
from fieldwork.ui.dialogs.export_dialog import ExportDialog
from fieldwork.ui.main_window import MainWindow
from tests.support.notebooks import CHEAP_KDF, inspection
from tests.support.pdf import all_text, reader
from tests.support.residue import files_under, find_markers, marker
from tests.support.window import enter_passphrase

pytestmark = [pytest.mark.ui, pytest.mark.slow]


def _unlock(qtbot: QtBot, window: MainWindow, passphrase: str) -> None:
    enter_passphrase(qtbot, window, passphrase)
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=20000)


def _export(qtbot: QtBot, window: MainWindow, target: Path, password: str | None) -> Path:
    window.export_pack()
    (dialog,) = [d for d in window.findChildren(ExportDialog) if d.isVisible()]
    dialog.form.destination.setText(str(target))
    if password:
        dialog.form.protect.setChecked(True)
        dialog.form.password.setText(password)
        dialog.form.confirm.setText(password)
    dialog.privacy_reviewed.connect(lambda _report: dialog.review.accept_button.click())
    deleted_fds: list[str] = []
    dialog.progressed.connect(lambda *_: deleted_fds.extend(_unlinked_open_files()))
    with qtbot.waitSignal(dialog.exported, timeout=60000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert deleted_fds == [], "an unlinked temporary file was open during the export"
    dialog.close()
    return target


_BEFORE: set[str] = set()  # pytest's own output capture holds unlinked temporary files


def _unlinked_open_files() -> list[str]:
    """New open descriptors pointing at deleted files (Linux): hidden temporary files."""
    if not sys.platform.startswith("linux"):
        return []
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.endswith(" (deleted)") and not target.startswith(("/dev/", "/memfd:")):
            found.append(target)
    return [name for name in found if name not in _BEFORE]


def _inflated(pdf_bytes: bytes) -> bytes:
    """The PDF with every Flate stream inflated, so text inside streams can be scanned."""
    pieces, at = [pdf_bytes], 0
    while (start := pdf_bytes.find(b"stream", at)) != -1:
        body = start + len(b"stream")
        body += 2 if pdf_bytes[body : body + 2] == b"\r\n" else 1
        end = pdf_bytes.find(b"endstream", body)
        if end == -1:
            break
        with contextlib.suppress(zlib.error):  # not Flate, or encrypted
            pieces.append(zlib.decompress(pdf_bytes[body:end]))
        at = end
    return b"\n".join(pieces)


def test_no_marker_outside_the_encrypted_files_after_a_full_session(
    qtbot: QtBot, tmp_path: Path, isolated_home: Path
) -> None:
    _BEFORE.clear()
    _BEFORE.update(_unlinked_open_files())
    debug_log = folders().log / "session-debug.log"
    folders().log.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(debug_log, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    logger = logging.getLogger("fieldwork")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        _session_then_scan(qtbot, tmp_path, isolated_home, debug_log)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        handler.close()


def _session_then_scan(qtbot: QtBot, tmp_path: Path, home: Path, debug_log: Path) -> None:
    content = {
        "note": marker("note"),
        "case": marker("case")[:30],
        "authority": marker("authority"),
        "person": marker("person")[:20],
        "enquiry": marker("enquiry"),
        "activity": marker("activity"),
        "search": marker("search"),
    }
    passphrase = f"{marker('pass')} a passphrase"
    pdf_password = marker("pdfpw")
    # --- before the window: a notebook with a case, a practitioner, an enquiry, an activity ---
    parent = tmp_path / "notebooks"
    parent.mkdir()
    created = create_notebook(
        parent / "2025-05-12.fieldwork",
        inspection(authority=f"Council {content['authority']}"),
        passphrase,
        kdf=CHEAP_KDF,
    )
    notebook = created.notebook
    data_key = bytes(notebook.key.copy_bytes())
    people.save_practitioner(notebook, Practitioner(PractitionerId(new_id()), content["person"]))
    people.save_case(notebook, Case(CaseId(new_id()), content["case"]))
    judgements.save_enquiry(notebook, Enquiry(EnquiryId(new_id()), f"Is {content['enquiry']}?"))
    activities.save_activity(
        notebook,
        Activity(ActivityId(new_id()), "record-review", content["activity"], datetime.now(UTC)),
    )
    folder = notebook.folder
    notebook.close()

    # --- the window: unlock, type, tag, search --------------------------------------------
    window = MainWindow(Preferences(clipboard_clear_seconds=600))
    qtbot.addWidget(window)
    window.show()
    window.session.open_folder(folder)
    _unlock(qtbot, window, passphrase)
    editor = window.workspace.editor
    with qtbot.waitSignal(editor.saved, timeout=10000):
        qtbot.keyClicks(editor.text, f"Strategy discussion {content['note']} held with police.")
    window.commands.tag.trigger()
    qtbot.keyClicks(window.workspace.tags.search, "strat")
    qtbot.keyClick(window.workspace.tags.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(editor.draft.tags), timeout=10000)
    qtbot.waitUntil(lambda: not editor.dirty, timeout=10000)
    notes_list = window.workspace.notes
    window.commands.find.trigger()
    qtbot.keyClicks(notes_list.search, content["note"])
    qtbot.waitUntil(lambda: notes_list.model.total == 1, timeout=10000)
    assert _unlinked_open_files() == []
    notes_list.search.clear()
    qtbot.keyClicks(notes_list.search, content["search"])  # a search term matching nothing
    qtbot.waitUntil(lambda: notes_list.model.total == 0, timeout=10000)
    notes_list.search.clear()

    # --- copy, export without and with a password -------------------------------------------
    editor.text.selectAll()
    qtbot.keySequence(editor.text, QKeySequence.StandardKey.Copy)
    exports = tmp_path / "exports"
    exports.mkdir()
    plain_pdf = _export(qtbot, window, exports / "pack.pdf", None)
    locked_pdf = _export(qtbot, window, exports / "pack-protected.pdf", pdf_password)

    # --- lock, unlock, back up, close, quit -------------------------------------------------
    window.lock()
    assert QGuiApplication.clipboard().text() == ""  # cleared on lock
    window.unlock()
    _unlock(qtbot, window, passphrase)
    backed_up: list[object] = []
    window.session.ctx.write(
        lambda nb: back_up_now(nb, preferences=window.session.preferences), backed_up.append
    )
    qtbot.waitUntil(lambda: bool(backed_up), timeout=30000)
    window.close_notebook()
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=20000)
    window.close()
    assert list_backups(folder) and not window.tasks.busy

    # --- the scan ----------------------------------------------------------------------------
    secrets = [
        passphrase,
        pdf_password,
        data_key.hex(),
        base64.b64encode(data_key).decode(),
        created.recovery_code or "",
        (created.recovery_code or "").replace("-", ""),
    ]
    roots = [tmp_path, home, Path(os.environ["TMPDIR"]), folders().log, folders().backups]
    scanned = files_under(*roots)
    assert debug_log in scanned and debug_log.stat().st_size > 0  # the DEBUG log was written
    assert any(p.name == "ui-state.ini" for p in scanned)  # QSettings was written, and read here
    content_hits = find_markers(content.values(), roots)
    secret_hits = find_markers([s for s in secrets if s], roots)
    assert content_hits == [], f"content markers outside encrypted files: {content_hits}"
    assert secret_hits == [], f"secrets on disk: {secret_hits}"

    # PDFs compress their text and draw it through font subsets, so each PDF is read again:
    # streams inflated (metadata, literal strings) and its text extracted. Only the packs'
    # text may hold content (never the search term); no PDF holds a secret; the protected
    # pack holds nothing readable without its password.
    pdfs = [path for path in scanned if path.read_bytes()[:5] == b"%PDF-"]
    assert sorted(pdfs) == sorted([plain_pdf, locked_pdf])
    everything = {key: value.lower() for key, value in content.items()}
    everything.update({f"secret {n}": value.lower() for n, value in enumerate(secrets) if value})
    allowed = {key for key in content if key != "search"}

    def found_in(data: bytes, text: str) -> set[str]:
        inflated, text = _inflated(data).lower(), text.lower()
        return {k for k, v in everything.items() if v.encode() in inflated or v in text}

    plain_text = all_text(reader(plain_pdf.read_bytes()))
    in_plain = found_in(plain_pdf.read_bytes(), plain_text)
    assert "note" in in_plain and in_plain <= allowed, in_plain
    assert found_in(locked_pdf.read_bytes(), "") == set()
    unlocked_text = all_text(reader(locked_pdf.read_bytes(), pdf_password))
    assert "note" in found_in(b"", unlocked_text) <= allowed | {"note"}
    assert found_in(b"", unlocked_text) <= allowed
    print(
        f"\nresidue scan: {len(scanned)} files under {len(roots)} roots, "
        f"{len(content)} content and {len([s for s in secrets if s])} secret markers: none found"
    )
