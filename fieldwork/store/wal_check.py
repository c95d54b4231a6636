"""Check a leftover recent-changes file (notebook.db-wal) before SQLite replays it.

SQLite replays any WAL whose frames carry valid checksums, and writes it into notebook.db when
the connection closes, even if the frames come from another notebook (measured: a WAL copied
from another notebook overwrote this one's file and was deleted, so the damage was permanent).
So before the first connection, every frame SQLite would apply must authenticate with this
notebook's key; otherwise the notebook is refused and both files are left exactly as they are.
"""

from __future__ import annotations

import struct
from pathlib import Path

from fieldwork.domain.errors import RecentChangesDamaged
from fieldwork.store.damage import PAGE_SIZE, SALT_BYTES, authentic_page, page_hmac_key
from fieldwork.store.keys.key_holder import KeyHolder, wipe

HEADER_BYTES = 32
FRAME_HEADER_BYTES = 24
MAGIC_LITTLE = 0x377F0682
MAGIC_BIG = 0x377F0683


def _checksum(data: bytes, big_endian: bool, s0: int, s1: int) -> tuple[int, int]:
    """SQLite's WAL checksum: Fibonacci-weighted sums over 32-bit words, in the WAL's byte order."""
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    mask = 0xFFFFFFFF
    pairs = iter(words)
    for first, second in zip(pairs, pairs, strict=True):
        s0 = (s0 + first + s1) & mask
        s1 = (s1 + second + s0) & mask
    return s0, s1


def applied_frames(wal: bytes) -> list[tuple[int, bytes]]:
    """(page number, page) for each frame SQLite would apply: the valid prefix, up to its last
    commit. An invalid header means SQLite ignores the whole file."""
    if len(wal) < HEADER_BYTES:
        return []
    magic, _version, page_size, _seq, salt1, salt2, c0, c1 = struct.unpack(">8I", wal[:32])
    if magic not in (MAGIC_LITTLE, MAGIC_BIG) or page_size != PAGE_SIZE:
        return []
    big = magic == MAGIC_BIG
    s0, s1 = _checksum(wal[:24], big, 0, 0)
    if (s0, s1) != (c0, c1):
        return []
    frames: list[tuple[int, bytes]] = []
    committed = 0
    offset = HEADER_BYTES
    size = FRAME_HEADER_BYTES + PAGE_SIZE
    while offset + size <= len(wal):
        header = wal[offset : offset + FRAME_HEADER_BYTES]
        page = wal[offset + FRAME_HEADER_BYTES : offset + size]
        number, commit, f_salt1, f_salt2, f0, f1 = struct.unpack(">6I", header)
        if (f_salt1, f_salt2) != (salt1, salt2) or number == 0:
            break
        s0, s1 = _checksum(header[:8], big, s0, s1)
        s0, s1 = _checksum(page, big, s0, s1)
        if (s0, s1) != (f0, f1):
            break
        frames.append((number, page))
        if commit:
            committed = len(frames)
        offset += size
    return frames[:committed]


def check_wal(wal: Path, db: Path, key: KeyHolder) -> None:
    """Raise `RecentChangesDamaged` if a frame SQLite would apply is not this notebook's."""
    try:
        data = wal.read_bytes()
        with db.open("rb") as handle:
            salt = handle.read(SALT_BYTES)
    except FileNotFoundError:
        return
    frames = applied_frames(data)
    if not frames:
        return
    data_key = key.copy_bytes()
    try:
        hmac_key = page_hmac_key(data_key, salt)
    finally:
        wipe(data_key)
    bad = sum(1 for number, page in frames if not authentic_page(page, number, hmac_key))
    if bad:
        raise RecentChangesDamaged(
            f"The notebook's recent-changes file (notebook.db-wal) is damaged or comes from "
            f"another notebook ({bad} of its {len(frames)} pages do not belong to this one), so "
            "Fieldwork did not open it and left both files as they are. Restore from the latest "
            "good backup, or move notebook.db-wal out of the folder to open the notebook as it "
            "was at its last checkpoint.",
            detail="notebook.db-wal",
        )
