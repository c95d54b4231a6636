"""Read a written pack back (pypdf): its page count and text, to check what was written."""

from __future__ import annotations

import io
from dataclasses import dataclass

from fieldwork.domain.errors import ExportError


@dataclass(frozen=True, slots=True)
class PackText:
    pages: int
    text: str  # every page's extracted text, in order; held in memory only


def read_pack(data: bytes, password: str | None = None) -> PackText:
    """The pages and text of a pack, or ExportError when the bytes are not a readable PDF."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and (password is None or not reader.decrypt(password)):
            raise ExportError("The pack is encrypted and the password does not open it.")
        text = "\n".join(page.extract_text() for page in reader.pages)
        return PackText(pages=len(reader.pages), text=text)
    except (PdfReadError, ValueError) as error:
        raise ExportError(
            f"The pack cannot be read back as a PDF ({type(error).__name__})."
        ) from None
