"""Reading a written pack back: pages and text, encrypted packs, and bytes that are not a PDF."""

from __future__ import annotations

import pytest

from fieldwork.domain.errors import ExportError
from fieldwork.export.encryption import encrypt_pdf
from fieldwork.export.pack_document import render_pack
from fieldwork.export.readback import read_pack
from tests.export import sample

MARKER = "FWMARK-3c9e27"
PASSWORD = "a long enough password for the test"


@pytest.fixture(scope="module")
def rendered() -> tuple[bytes, int]:
    result = render_pack(sample.pack(authority=f"Westmere {MARKER} Council"), producer="Fieldwork")
    return result.data, result.pages


def test_pages_and_text_come_back(rendered: tuple[bytes, int]) -> None:
    data, pages = rendered
    text = read_pack(data)
    assert text.pages == pages > 1
    assert MARKER in text.text


def test_an_encrypted_pack_opens_only_with_its_password(rendered: tuple[bytes, int]) -> None:
    data, pages = rendered
    encrypted = encrypt_pdf(data, PASSWORD, marking="OFFICIAL-SENSITIVE", producer="Fieldwork")
    assert read_pack(encrypted, PASSWORD).pages == pages
    with pytest.raises(ExportError, match="password does not open it"):
        read_pack(encrypted, "not the password")
    with pytest.raises(ExportError, match="password does not open it"):
        read_pack(encrypted)


@pytest.mark.parametrize("data", [b"", b"not a pdf at all", b"%PDF-1.7\n%broken"])
def test_bytes_that_are_not_a_pdf_are_an_export_error(data: bytes) -> None:
    with pytest.raises(ExportError, match="cannot be read back"):
        read_pack(data)
