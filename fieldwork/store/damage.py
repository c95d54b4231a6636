"""Name what is wrong with a notebook file that will not open: check each page's HMAC by hand.

SQLite answers a damaged first page, a wrong key and a truncated file alike ("file is not a
database" or "malformed"), so the store reads the file itself with the data key: SQLCipher 4
authenticates every 4096-byte page with HMAC-SHA512 over its ciphertext and IV plus the page
number, keyed by PBKDF2-HMAC-SHA512(data key, salt XOR 0x3a, 2 rounds). Nothing is written.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from fieldwork.domain.errors import (
    KeyFileMismatch,
    NotebookDamaged,
    NotebookError,
    NotebookHeaderDamaged,
    NotebookIncomplete,
    NotebookPagesDamaged,
)
from fieldwork.store.keys.key_holder import KeyHolder, wipe

PAGE_SIZE = 4096
SALT_BYTES = 16
IV_BYTES = 16
HMAC_BYTES = 64
RESERVE = IV_BYTES + HMAC_BYTES
SAMPLE_PAGES = 8  # when page 1 fails: enough later pages to tell a bad start from a wrong key
RESTORE_HINT = "Restore it from the latest good backup; the damaged file is kept as it is."


@dataclass(frozen=True, slots=True)
class PageScan:
    """What reading every page with the key found."""

    file_pages: int
    cut_bytes: int  # bytes of a last page that was cut short (0 when the size is whole pages)
    header_pages: int | None  # the page count page 1 records, when page 1 is authentic
    first_page_ok: bool
    later_page_ok: bool  # some sampled page after the first authenticates
    recorded_salt_fits: bool  # the key file's recorded salt makes page 1 authentic
    bad_pages: tuple[int, ...]  # up to 20, in order
    bad_count: int


def page_hmac_key(data_key: bytes | bytearray, salt: bytes) -> bytes:
    mask = bytes(byte ^ 0x3A for byte in salt)
    return hashlib.pbkdf2_hmac("sha512", bytes(data_key), mask, 2, 32)


def authentic_page(page: bytes, number: int, hmac_key: bytes) -> bool:
    if len(page) != PAGE_SIZE:
        return False
    start = SALT_BYTES if number == 1 else 0
    body = page[start : PAGE_SIZE - HMAC_BYTES]
    mac = hmac.new(hmac_key, body + number.to_bytes(4, "little"), hashlib.sha512).digest()
    return hmac.compare_digest(mac, page[PAGE_SIZE - HMAC_BYTES :])


def _header_page_count(page: bytes, data_key: bytes | bytearray) -> int | None:
    """The database size page 1 records (offset 28), if SQLite marks it valid (offset 92)."""
    iv = page[PAGE_SIZE - RESERVE : PAGE_SIZE - HMAC_BYTES]
    decryptor = Cipher(algorithms.AES(bytes(data_key)), modes.CBC(iv)).decryptor()
    plain = decryptor.update(page[SALT_BYTES : PAGE_SIZE - RESERVE]) + decryptor.finalize()
    # `plain` starts at file offset 16: the header's offsets shift by 16.
    change_counter = plain[8:12]
    valid_for = plain[76:80]
    count = int.from_bytes(plain[12:16], "big")
    return count if change_counter == valid_for and count > 0 else None


def _read_page(handle: BinaryIO, number: int) -> bytes:
    handle.seek((number - 1) * PAGE_SIZE)
    return handle.read(PAGE_SIZE)


def _sample(file_pages: int) -> Iterator[int]:
    """Pages 2 to 5 and a few spread over the rest of the file."""
    if file_pages < 2:
        return
    picks = {*range(2, min(file_pages, 5) + 1)}
    step = max(1, file_pages // SAMPLE_PAGES)
    picks.update(range(2, file_pages + 1, step))
    yield from sorted(picks)[: SAMPLE_PAGES * 2]


def scan_pages(db: Path, key: KeyHolder, recorded_salt: bytes | None = None) -> PageScan:
    """Check page 1, then either sample (page 1 failed) or read every page (page 1 is sound)."""
    size = db.stat().st_size
    file_pages, cut = divmod(size, PAGE_SIZE)
    data_key = key.copy_bytes()
    try:
        with db.open("rb") as handle:
            first = _read_page(handle, 1)
            hmac_key = page_hmac_key(data_key, first[:SALT_BYTES])
            if not authentic_page(first, 1, hmac_key):
                later = any(
                    authentic_page(_read_page(handle, n), n, hmac_key) for n in _sample(file_pages)
                )
                fits = False
                if recorded_salt is not None and recorded_salt != first[:SALT_BYTES]:
                    fits = authentic_page(first, 1, page_hmac_key(data_key, recorded_salt))
                return PageScan(file_pages, cut, None, False, later, fits, (), 0)
            header_pages = _header_page_count(first, data_key)
            bad: list[int] = []
            count = 0
            for number in range(2, file_pages + 1):
                if not authentic_page(_read_page(handle, number), number, hmac_key):
                    count += 1
                    if len(bad) < 20:
                        bad.append(number)
    finally:
        wipe(data_key)
    return PageScan(file_pages, cut, header_pages, True, True, False, tuple(bad), count)


def _page_list(pages: tuple[int, ...], count: int) -> str:
    if count == 1:
        return f"page {pages[0]}"
    if count <= 5:
        return "pages " + ", ".join(str(p) for p in pages[:-1]) + f" and {pages[-1]}"
    return f"{count} pages, the first being page {pages[0]},"


def explain(scan: PageScan, *, wal_present: bool = False) -> NotebookError | None:
    """The error naming what the scan found, or None when every page is sound."""
    if not scan.first_page_ok:
        if scan.recorded_salt_fits:
            return NotebookHeaderDamaged(
                "The start of the notebook file is damaged: its header does not match the key "
                f"file. {RESTORE_HINT}"
            )
        if scan.later_page_ok:
            return NotebookHeaderDamaged(
                f"The start of the notebook file (page 1 of {scan.file_pages}) is damaged, so "
                f"nothing in it can be read. {RESTORE_HINT}"
            )
        return KeyFileMismatch(
            "None of the notebook file's pages opens with this key: either the key file "
            "belongs to another notebook, or notebook.db is not a Fieldwork notebook. "
            "Put back this notebook's own key file, or restore from a backup."
        )
    expected = scan.header_pages or scan.file_pages
    if scan.cut_bytes or scan.file_pages < expected:
        held = scan.file_pages
        total = max(expected, scan.file_pages + (1 if scan.cut_bytes else 0))
        return NotebookIncomplete(
            f"The notebook file is incomplete: it holds {held} of its {total} pages (it was "
            f"cut short, for example by a copy that did not finish). {RESTORE_HINT}"
        )
    inside = [page for page in scan.bad_pages if page <= expected]
    if scan.bad_count and inside:
        where = _page_list(scan.bad_pages, scan.bad_count)
        verb = "is" if scan.bad_count == 1 else "are"
        return NotebookPagesDamaged(
            f"The notebook file is damaged: {where} of {expected} {verb} not as Fieldwork "
            f"wrote {'it' if scan.bad_count == 1 else 'them'}. {RESTORE_HINT}",
            detail=f"pages {','.join(str(p) for p in scan.bad_pages)}",
        )
    if scan.bad_count:
        extra = scan.file_pages - expected
        return NotebookPagesDamaged(
            f"The notebook file has {extra} page{'s' if extra != 1 else ''} of unknown bytes "
            f"after its end. {RESTORE_HINT}"
        )
    if wal_present:
        return NotebookDamaged(
            "Every page of notebook.db is sound, but its recent-changes file (notebook.db-wal) "
            "is damaged or comes from another copy of the notebook. Restore from the latest "
            "good backup; the files are kept as they are."
        )
    return None


def is_damage(error: BaseException) -> bool:
    """Whether an error from opening or reading means the file (not the program) is at fault."""
    import sqlcipher3.dbapi2 as sqlcipher

    from fieldwork.store.database import WrongKeyOrNotDatabase

    if isinstance(error, NotebookDamaged):
        # A specific subclass already names the problem; only the generic one needs a scan.
        return type(error) is NotebookDamaged
    if isinstance(error, WrongKeyOrNotDatabase):
        return True
    if isinstance(error, sqlcipher.DatabaseError) and not isinstance(
        error, sqlcipher.OperationalError
    ):
        return True
    text = str(getattr(error, "orig", error)).lower()
    return "malformed" in text or "not a database" in text
