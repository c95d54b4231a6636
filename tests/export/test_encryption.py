"""Password protection: AES-256 revision 6, refuses to open without it, hides the metadata."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from fieldwork.domain.errors import InputRejected
from fieldwork.export.encryption import encrypt_pdf
from fieldwork.export.pack_document import render_pack
from tests.export import sample
from tests.support.pdf import all_text, inflated_streams, outline_titles, reader

MARKER = "FWMARK-5d0c1b7e"  # in the authority: on every page
MARKING = "FWMARK-9a41"  # in the handling marking: on every page and in the metadata
PASSWORD = "correct staple horse battery lamp"


@pytest.fixture(scope="module")
def plain_and_encrypted() -> tuple[bytes, bytes]:
    pack = sample.pack(authority=f"Westmere {MARKER} Council", marking=f"OFFICIAL {MARKING}")
    data = render_pack(pack, producer="Fieldwork 1.0").data
    return data, encrypt_pdf(data, PASSWORD, marking=pack.marking, producer="Fieldwork 1.0")


def test_encrypted_with_aes_256_revision_6(plain_and_encrypted: tuple[bytes, bytes]) -> None:
    _, encrypted = plain_and_encrypted
    pdf = reader(encrypted)
    assert pdf.is_encrypted
    encrypt = pdf.trailer["/Encrypt"].get_object()
    assert encrypt["/V"] == 5 and encrypt["/R"] == 6
    assert encrypt["/CF"]["/StdCF"]["/CFM"] == "/AESV3"


def test_refuses_to_open_without_the_password(plain_and_encrypted: tuple[bytes, bytes]) -> None:
    _, encrypted = plain_and_encrypted
    pdf = reader(encrypted)
    assert pdf.decrypt("wrong password").name == "NOT_DECRYPTED"
    with pytest.raises(Exception):  # noqa: B017 - pypdf's error type varies by version
        pdf.pages[0].extract_text()


def test_opens_with_the_password_and_keeps_outline_and_metadata(
    plain_and_encrypted: tuple[bytes, bytes],
) -> None:
    plain, encrypted = plain_and_encrypted
    pdf = reader(encrypted, PASSWORD)
    assert MARKER in all_text(pdf)
    assert outline_titles(pdf) == outline_titles(PdfReader(__import__("io").BytesIO(plain)))
    meta = pdf.metadata
    assert meta is not None
    assert meta.title == "Draft evidence pack"
    assert meta.subject == f"OFFICIAL {MARKING}"
    assert meta.author == "" and meta.get("/Keywords") == ""
    assert meta.producer == "Fieldwork 1.0" and meta.creator == "Fieldwork 1.0"


def test_no_content_readable_in_the_encrypted_bytes(
    plain_and_encrypted: tuple[bytes, bytes],
) -> None:
    plain, encrypted = plain_and_encrypted
    # The searches work: without a password the marking shows in the raw bytes (metadata) and
    # the authority in the page text.
    assert MARKING.encode() in plain
    assert MARKER in all_text(reader(plain))
    for blob in (encrypted, inflated_streams(encrypted)):
        assert MARKING.encode() not in blob
        assert MARKER.encode() not in blob
        assert b"Draft evidence pack" not in blob  # even the title in the metadata is encrypted


def test_an_empty_password_is_refused(plain_and_encrypted: tuple[bytes, bytes]) -> None:
    plain, _ = plain_and_encrypted
    with pytest.raises(InputRejected):
        encrypt_pdf(plain, "", marking="OFFICIAL", producer="x")
