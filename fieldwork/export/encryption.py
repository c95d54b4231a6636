"""Password protection of a finished pack, in memory: AES-256, PDF revision 6 (pypdf).

Revision 6 ("AES-256") is PDF 2.0's iterated password hash; revision 5 ("AES-256-R5") is a
deprecated draft with a single SHA-256 check, and pypdf's default with no algorithm is RC4-128.
The owner password is random and thrown away: permissions are all granted, since readers may
ignore them anyway (SECURITY.md §6). The document information is set again, because pypdf would
otherwise name itself as producer.
"""

from __future__ import annotations

import io
import secrets

from pypdf import PdfReader, PdfWriter

from fieldwork.domain.errors import InputRejected
from fieldwork.domain.pack import PACK_TITLE


def encrypt_pdf(data: bytes, password: str, *, marking: str, producer: str) -> bytes:
    """The same PDF, encrypted so that it opens only with `password`."""
    if not password:
        raise InputRejected("An empty password protects nothing; give one or leave it out.")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.add_metadata(metadata(marking, producer))
    writer.encrypt(
        user_password=password,
        owner_password=secrets.token_hex(16),
        algorithm="AES-256",
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def metadata(marking: str, producer: str) -> dict[str, str]:
    """The document information: nothing about the authority, cases or people."""
    return {
        "/Title": PACK_TITLE,
        "/Subject": marking,
        "/Author": "",
        "/Keywords": "",
        "/Creator": producer,
        "/Producer": producer,
    }
