"""Decrypt every page of a SQLCipher 4 file by hand (AES-256-CBC with the raw key), for tests."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE_SIZE = 4096
RESERVE = 80  # 16-byte IV + 64-byte HMAC-SHA512 at the end of every page
SALT = 16


def decrypt_page(page: bytes, number: int, key: bytes) -> bytes:
    iv = page[PAGE_SIZE - RESERVE : PAGE_SIZE - RESERVE + 16]
    start = SALT if number == 1 else 0
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[start : PAGE_SIZE - RESERVE]) + decryptor.finalize()


def database_pages(path: Path, key: bytes) -> list[bytes]:
    data = path.read_bytes()
    return [
        decrypt_page(data[i : i + PAGE_SIZE], i // PAGE_SIZE + 1, key)
        for i in range(0, len(data), PAGE_SIZE)
    ]


def wal_pages(path: Path, key: bytes) -> list[bytes]:
    if not path.exists():
        return []
    data = path.read_bytes()
    pages = []
    offset = 32  # WAL header
    while offset + 24 + PAGE_SIZE <= len(data):
        number = int.from_bytes(data[offset : offset + 4], "big")
        pages.append(decrypt_page(data[offset + 24 : offset + 24 + PAGE_SIZE], number, key))
        offset += 24 + PAGE_SIZE
    return pages
