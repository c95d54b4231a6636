"""Read packs back with pypdf: text, outline, fonts and glyphs, images, links, encryption."""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"


def reader(data: bytes, password: str | None = None) -> PdfReader:
    pdf = PdfReader(io.BytesIO(data))
    if password is not None:
        pdf.decrypt(password)
    return pdf


def all_text(pdf: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in pdf.pages)


def outline_titles(pdf: PdfReader) -> list[str]:
    """Every bookmark title, depth first."""
    titles: list[str] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(str(item.title))

    walk(pdf.outline)
    return titles


def annotations(pdf: PdfReader) -> int:
    return sum(len(page.get("/Annots") or []) for page in pdf.pages)


def _objects(pdf: PdfReader) -> Iterator[DictionaryObject]:
    seen: set[int] = set()
    stack: list[Any] = [pdf.trailer["/Root"]]
    for page in pdf.pages:
        stack.append(page)
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if item.idnum in seen:
                continue
            seen.add(item.idnum)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            yield item
            stack.extend(v for k, v in item.items() if k not in ("/Parent", "/P"))
        elif isinstance(item, list):
            stack.extend(item)


def image_xobjects(pdf: PdfReader) -> int:
    """How many image XObjects the document holds (anywhere it can reach)."""
    return sum(1 for obj in _objects(pdf) if obj.get("/Subtype") == "/Image")


def drawn_characters(pdf: PdfReader) -> dict[str, set[str]]:
    """Per font actually used for text (BaseFont, subset prefix removed): the characters drawn."""
    drawn: dict[str, set[str]] = {}
    for page in pdf.pages:

        def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
            if font is None or not text.strip():
                return
            name = str(font.get("/BaseFont", "?")).lstrip("/").split("+")[-1]
            drawn.setdefault(name, set()).update(ch for ch in text if not ch.isspace())

        page.extract_text(visitor_text=visit)
    return drawn


def font_cmap(base_font: str) -> set[int]:
    """The code points a bundled font file maps to glyphs (read with ReportLab's TTF parser)."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    files = {
        "NotoSans-Regular": "NotoSans-Regular.ttf",
        "NotoSans-Bold": "NotoSans-Bold.ttf",
        "NotoSans-Italic": "NotoSans-Italic.ttf",
        "NotoSans-BoldItalic": "NotoSans-BoldItalic.ttf",
        "DejaVuSans": "DejaVuSans.ttf",
        "NotoSansSymbols2-Regular": "NotoSansSymbols2-Regular.ttf",
    }
    return set(TTFontFile(str(FONTS / files[base_font])).charToGlyph)


def missing_glyphs(pdf: PdfReader) -> dict[str, set[str]]:
    """Characters drawn in a font that has no glyph for them (would print as a box)."""
    problems: dict[str, set[str]] = {}
    for font, chars in drawn_characters(pdf).items():
        cmap = font_cmap(font)
        missing = {ch for ch in chars if ord(ch) not in cmap}
        if missing:
            problems[font] = missing
    return problems


def inflated_streams(data: bytes) -> bytes:
    """Every deflated stream in a PDF, inflated and joined (to search page content as bytes)."""
    out = []
    position = 0
    while True:
        start = data.find(b"stream", position)
        if start < 0:
            break
        begin = start + len(b"stream")
        begin += 2 if data[begin : begin + 2] == b"\r\n" else 1
        end = data.find(b"endstream", begin)
        if end < 0:
            break
        try:
            out.append(zlib.decompressobj().decompress(data[begin:end]))
        except zlib.error:
            out.append(data[begin:end])
        position = end
    return b"\n".join(out)


def placed_text(page: Any) -> list[tuple[float, float, str]]:
    """(y, x, text) of every piece of text on a page, in page coordinates (y up)."""
    pieces: list[tuple[float, float, str]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            pieces.append((round(y, 1), round(x, 1), text.strip()))

    page.extract_text(visitor_text=visit)
    return pieces


def contents_numbers(page: Any) -> dict[str, int]:
    """On the contents page: each entry's last line of text -> the page number beside it."""
    pieces = placed_text(page)
    numbers = {y: int(t) for y, x, t in pieces if t.isdigit() and x > 400}
    return {t: numbers[y] for y, x, t in pieces if y in numbers and not t.isdigit()}
