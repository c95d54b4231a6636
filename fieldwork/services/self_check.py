"""The installation self-check: a throwaway notebook taken through every layer, step by step."""

# Run by `fieldwork --self-test` in an installed bundle, so each step goes through the same
# services the window uses: if the SQLCipher driver, a keyring backend, the Alembic scripts, the
# fonts or pypdf were left out of the bundle, one of these steps fails and names itself. All
# files live in a private temporary folder (FIELDWORK_HOME points there while the check runs)
# and are removed afterwards; the notebook is encrypted like any other, with synthetic text.

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import tempfile  # noqa: TID251 - a private (0700) throwaway folder, removed when the check ends
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from fieldwork.domain.errors import FieldworkError
from fieldwork.domain.evidence import NoteDraft, Tag
from fieldwork.domain.ids import NoteId, new_id
from fieldwork.domain.inspection import Inspection
from fieldwork.domain.pack import PackFilters, PackRequest
from fieldwork.domain.search import SearchQuery
from fieldwork.services import notes, opening, pack, search
from fieldwork.services.notebook import Notebook

FRAMEWORK_ID = "ilacs-2026"
JUDGEMENT_ID = "hp"
# Cheap but real Argon2id: the notebook lives for a few seconds and holds nothing of value.
SELF_CHECK_KDF = opening.KdfChoice(time_cost=1, memory_kib=8192, parallelism=1)
SQLITE_PLAIN_HEADER = b"SQLite format 3\x00"


class CheckFailed(FieldworkError):
    """A self-check step found something wrong; the message says what."""

    default_message = "The self-check failed."


class KeyringSkipped(Exception):
    """The keyring step could not run here; the message says why."""


@dataclass(frozen=True, slots=True)
class StepOutcome:
    """One step of the self-check: what it did, whether it passed, and how long it took."""

    title: str
    status: str  # "passed", "skipped" or "failed"
    detail: str
    seconds: float


class _Run:
    """The state one self-check carries from step to step."""

    def __init__(self, folder: Path, require_keyring: bool) -> None:
        self.folder = folder
        self.require_keyring = require_keyring
        self.passphrase = secrets.token_urlsafe(24)
        self.notebook: Notebook | None = None
        self.remembered = False
        self.note_id = NoteId(new_id())
        # A word no framework or template contains, so finding it proves the index and the pack.
        self.marker = "selfcheck" + secrets.token_hex(4)
        self.fingerprint = ""
        self.pack_pages = 0

    @property
    def notebook_folder(self) -> Path:
        return self.folder / "self-check.fieldwork"

    @property
    def pack_file(self) -> Path:
        return self.folder / "self-check-pack.pdf"

    def open_notebook(self) -> Notebook:
        if self.notebook is None or not self.notebook.is_open:
            raise CheckFailed("The notebook is not open (an earlier step did not finish).")
        return self.notebook

    def shipped_files(self) -> str:
        from fieldwork.frameworks.library import default_library
        from fieldwork.runtime.assets import listing

        frameworks = default_library().ids
        if FRAMEWORK_ID not in frameworks:
            raise CheckFailed(f"The shipped framework '{FRAMEWORK_ID}' is missing.")
        fonts = list(listing("fonts", suffix=".ttf"))
        if not fonts:
            raise CheckFailed("The shipped fonts are missing.")
        return f"{len(frameworks)} frameworks, {len(fonts)} fonts"

    def create(self) -> str:
        inspection = Inspection(
            authority="Self-check Borough (fictional)",
            inspection_type="standard",
            start_date=date(2026, 1, 5),
            end_date=date(2026, 1, 16),
            framework_id=FRAMEWORK_ID,
            inspector="Self-check",
            lead_inspector="",
        )
        created = opening.create_notebook(
            self.notebook_folder,
            inspection,
            self.passphrase,
            recovery_code=False,
            kdf=SELF_CHECK_KDF,
        )
        self.notebook = created.notebook
        with self.notebook.paths.db.open("rb") as handle:
            if handle.read(len(SQLITE_PLAIN_HEADER)) == SQLITE_PLAIN_HEADER:
                raise CheckFailed("The notebook file was written unencrypted.")
        return "SQLCipher database, schema migrated, file on disk encrypted"

    def remember(self) -> str:
        available, backend = opening.keyring_available()
        if not available:
            raise KeyringSkipped(backend)
        problem = opening.remember_on_this_computer(self.open_notebook())
        if problem is not None:
            raise KeyringSkipped(problem)
        self.remembered = True
        return f"stored and read back through {backend}"

    def reopen(self) -> str:
        self.open_notebook().close()
        if self.remembered:
            # No passphrase given: the only way in is the device key recalled from the keyring.
            self.notebook = opening.open_notebook(self.notebook_folder)
            return "opened with the key from the keyring, no passphrase"
        self.notebook = opening.open_notebook(self.notebook_folder, passphrase=self.passphrase)
        return "opened with the passphrase (the keyring step was skipped)"

    def save(self) -> str:
        notebook = self.open_notebook()
        criterion = notebook.framework.judgement(JUDGEMENT_ID).criteria[0]
        draft = NoteDraft(
            id=self.note_id,
            text=f"Self-check note {self.marker}: referrals were screened within one working day.",
            tags=(Tag(criterion.id, "strength"),),
            author="Self-check",
        )
        saved = notes.save_note(notebook, draft).saved
        return f"tagged {criterion.id}, revision {saved.revision}"

    def find(self) -> str:
        page = search.search_notes(self.open_notebook(), SearchQuery(text=self.marker))
        found = [hit.note_id for hit in page.hits]
        if found != [self.note_id]:
            raise CheckFailed(f"Searching for the note's word found {len(found)} notes, not 1.")
        return "1 match"

    def export(self) -> str:
        result = pack.export_pack(
            self.open_notebook(),
            PackRequest(target=self.pack_file, filters=PackFilters(judgement_ids=(JUDGEMENT_ID,))),
        )
        self.fingerprint = result.fingerprint
        self.pack_pages = result.pages
        size = self.pack_file.stat().st_size
        return f"one judgement, {result.notes} note, {result.pages} pages, {size // 1024} KB"

    def read_back(self) -> str:
        from fieldwork.export.readback import read_pack

        written = read_pack(self.pack_file.read_bytes())
        if written.pages != self.pack_pages:
            raise CheckFailed(
                f"The pack has {written.pages} pages; the export reported {self.pack_pages}."
            )
        if self.fingerprint not in written.text:
            raise CheckFailed("The pack does not show the notebook's fingerprint.")
        if self.marker not in written.text:
            raise CheckFailed("The pack does not contain the saved note.")
        return f"{written.pages} pages; the fingerprint and the note are in it"

    def clean_up(self) -> str:
        problem = None
        forgotten = self.remembered
        if self.notebook is not None and self.notebook.is_open:
            if self.remembered:
                problem = opening.forget_on_this_computer(self.notebook)
                self.remembered = problem is not None
            self.notebook.close()
        shutil.rmtree(self.folder, ignore_errors=True)
        if problem is not None:
            raise CheckFailed(f"The test key could not be removed from the keyring. {problem}")
        if self.folder.exists():
            raise CheckFailed("The temporary folder could not be removed.")
        done = "keyring entry forgotten, " if forgotten else ""
        return f"{done}temporary folder removed"


def _steps(run: _Run) -> tuple[tuple[str, Callable[[], str]], ...]:
    return (
        ("Shipped frameworks and fonts", run.shipped_files),
        ("Create an encrypted notebook", run.create),
        ("Remember its key in the system keyring", run.remember),
        ("Close it and open it again", run.reopen),
        ("Save a note", run.save),
        ("Find the note by search", run.find),
        ("Write the evidence pack (PDF)", run.export),
        ("Read the pack back", run.read_back),
        ("Clean up", run.clean_up),
    )


def run_self_check(*, require_keyring: bool = False) -> Iterator[StepOutcome]:
    """Run each step in turn, yielding its outcome; stop after the first failure.

    A missing or refused keyring skips the keyring step (the notebook then reopens with its
    passphrase) unless `require_keyring`, when it fails the check instead.
    """
    previous_home = os.environ.get("FIELDWORK_HOME")
    folder = Path(tempfile.mkdtemp(prefix="fieldwork-self-check-"))
    os.environ["FIELDWORK_HOME"] = str(folder / "home")
    run = _Run(folder, require_keyring)
    try:
        for title, step in _steps(run):
            started = time.perf_counter()
            try:
                detail, status = step(), "passed"
            except KeyringSkipped as skipped:
                detail, status = str(skipped), "failed" if require_keyring else "skipped"
            except FieldworkError as error:
                detail, status = str(error), "failed"
            except Exception as error:  # the self-check reports; it must not crash
                detail, status = f"unexpected {type(error).__name__}: {error}", "failed"
            yield StepOutcome(title, status, detail, time.perf_counter() - started)
            if status == "failed":
                return
    finally:
        if run.folder.exists():
            # Best effort after a failure; the failure itself was already reported.
            with contextlib.suppress(FieldworkError):
                run.clean_up()
        if previous_home is None:
            os.environ.pop("FIELDWORK_HOME", None)
        else:
            os.environ["FIELDWORK_HOME"] = previous_home
