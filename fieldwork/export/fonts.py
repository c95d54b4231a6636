"""The pack's fonts: Noto Sans for text, with DejaVu Sans and Noto Sans Symbols 2 as fallbacks.

Read from resources/fonts through fieldwork.runtime.assets and registered with ReportLab once per
process. Built-in Helvetica is never used: it has no glyphs beyond Latin-1, so Welsh or Polish
names would print as boxes.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from importlib import resources

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from fieldwork.runtime import assets

SANS = "FW-Sans"
SANS_BOLD = "FW-Sans-Bold"
SANS_ITALIC = "FW-Sans-Italic"
SANS_BOLD_ITALIC = "FW-Sans-BoldItalic"
FALLBACK_FONTS = ("FW-DejaVu", "FW-Symbols2")

_FILES = {
    SANS: "NotoSans-Regular.ttf",
    SANS_BOLD: "NotoSans-Bold.ttf",
    SANS_ITALIC: "NotoSans-Italic.ttf",
    SANS_BOLD_ITALIC: "NotoSans-BoldItalic.ttf",
    "FW-DejaVu": "DejaVuSans.ttf",
    "FW-Symbols2": "NotoSansSymbols2-Regular.ttf",
}
_LOCK = threading.Lock()
_WIDTH_CACHE_LIMIT = 250_000


class MeasuredTTFont(TTFont):
    """A TrueType font that remembers the width of every word it has measured.

    ReportLab measures each word again on every wrap, and without its optional C accelerator
    (rl_accel) a measurement is a Python loop over the characters. Notes repeat their words,
    so a cache keyed by the text (at size 1) removes most of the cost of laying out a pack."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self._widths: dict[str, float] = {}

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:
        width = self._widths.get(text)
        if width is None:
            if len(self._widths) > _WIDTH_CACHE_LIMIT:
                self._widths.clear()
            width = self._widths[text] = super().stringWidth(text, 1.0, encoding)
        return width * size


@dataclass(frozen=True, slots=True)
class PackFonts:
    """Which characters each registered font can draw."""

    body: frozenset[int]  # code points that all four Noto Sans faces have
    fallbacks: tuple[tuple[str, frozenset[int]], ...]  # in order of preference

    def fallback_for(self, code_point: int) -> str | None:
        for name, covered in self.fallbacks:
            if code_point in covered:
                return name
        return None


def font_file(name: str) -> str:
    """The file name under resources/fonts of a registered font (for tests and reports)."""
    return _FILES[name]


def _register(name: str) -> frozenset[int]:
    """Register a font; the characters it may draw. Only the Basic Multilingual Plane: ReportLab
    writes characters beyond it (most emoji) into the PDF's text map as invalid 5-digit hex, so
    copying, searching and screen readers would lose them; they get a placeholder instead."""
    with resources.as_file(assets.asset("fonts", _FILES[name])) as path:
        font = MeasuredTTFont(name, str(path))
    pdfmetrics.registerFont(font)
    return frozenset(code for code in font.face.charToGlyph if code <= 0xFFFF)


@functools.cache
def pack_fonts() -> PackFonts:
    """Register the fonts (first call only) and say what each covers."""
    with _LOCK:
        covered = {name: _register(name) for name in _FILES}
        pdfmetrics.registerFontFamily(
            SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_ITALIC, boldItalic=SANS_BOLD_ITALIC
        )
        for name in FALLBACK_FONTS:
            # <b> or <i> inside a fallback run keeps the fallback face (it has no bold or italic).
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(name, bold, italic, name)
        body = covered[SANS] & covered[SANS_BOLD] & covered[SANS_ITALIC] & covered[SANS_BOLD_ITALIC]
        return PackFonts(
            body=frozenset(body),
            fallbacks=tuple((name, covered[name]) for name in FALLBACK_FONTS),
        )
