"""Sealing bytes in memory with a key derived from the notebook's data key (AES-256-GCM).

For what cannot be written while the notebook locks (typing on a full disk): the sealed bytes
stay in the process, and only the same data key, unwrapped again by unlocking, opens them. The
sealing key is derived with HKDF-SHA256 for this one purpose, so it is never the key SQLCipher
uses; like every key handed to `cryptography` it passes through immutable `bytes` that Python
cannot wipe (SECURITY.md §5), and it opens nothing but what was sealed with it.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from fieldwork.domain.errors import NotebookError
from fieldwork.store.keys.key_holder import KeyHolder, wipe

NONCE_BYTES = 12
_INFO = b"fieldwork/held-in-memory/v1"


def _sealing_key(key: KeyHolder, notebook_id: str) -> bytes:
    data_key = key.copy_bytes()  # NotebookLocked once the key is zeroed
    try:
        info = _INFO + b"/" + notebook_id.encode()
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(
            bytes(data_key)
        )
    finally:
        wipe(data_key)


def seal(key: KeyHolder, notebook_id: str, plaintext: bytes) -> bytes:
    """A fresh nonce followed by the ciphertext and its tag, bound to the notebook id."""
    nonce = os.urandom(NONCE_BYTES)
    aead = AESGCM(_sealing_key(key, notebook_id))
    return nonce + aead.encrypt(nonce, plaintext, notebook_id.encode())


def unseal(key: KeyHolder, notebook_id: str, sealed: bytes) -> bytes:
    """The plaintext, or NotebookError when another key or notebook sealed it (or it changed)."""
    aead = AESGCM(_sealing_key(key, notebook_id))
    try:
        return aead.decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], notebook_id.encode())
    except InvalidTag:
        raise NotebookError("The typing held while locked belongs to another notebook.") from None
