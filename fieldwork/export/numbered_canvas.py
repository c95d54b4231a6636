"""A canvas that keeps every page until the end, then stamps what only the end knows.

Like pretix's invoice renderer, `showPage` only remembers the page; `save` replays them and adds
"Page X of Y", the marking and running header and footer, the page numbers of the contents, and
the PDF outline (bookmarks must be added while their page is the current one, so they are
replayed too). One layout pass, no second build.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from fieldwork.export.fonts import SANS, SANS_BOLD
from fieldwork.export.styles import INK, MARGIN_X, MUTED, PAGE_HEIGHT, PAGE_WIDTH, RULE
from fieldwork.export.text import plain

_OWN = ("_decoration", "_pages", "_marks", "_slots", "_page_of", "page_count")


@dataclass(frozen=True, slots=True)
class Decoration:
    """What every page carries: the handling marking top and bottom, the authority, the title."""

    marking: str
    authority: str
    title: str
    footer: str  # e.g. the evidence fingerprint, to match a loose page to its pack


@dataclass(frozen=True, slots=True)
class _Mark:
    key: str
    title: str
    level: int
    top: float


@dataclass(frozen=True, slots=True)
class _Slot:
    key: str
    x: float
    y: float
    bold: bool


class PackCanvas(Canvas):
    def __init__(self, *args: Any, decoration: Decoration, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._decoration = decoration
        self._pages: list[dict[str, Any]] = []
        self._marks: dict[int, list[_Mark]] = {}
        self._slots: dict[int, list[_Slot]] = {}
        self._page_of: dict[str, int] = {}
        self.page_count = 0

    @property
    def current_page(self) -> int:
        return len(self._pages) + 1

    def record_heading(self, key: str, title: str, level: int, top: float) -> None:
        """A section starts here: an outline entry and a target for its contents line."""
        self._marks.setdefault(self.current_page, []).append(_Mark(key, title, level, top))
        self._page_of.setdefault(key, self.current_page)

    def record_contents_slot(self, key: str, x: float, y: float, *, bold: bool) -> None:
        """Print the page number of `key` here (right-aligned at x) once all pages are known."""
        self._slots.setdefault(self.current_page, []).append(_Slot(key, x, y, bold))

    def page_of(self, key: str) -> int | None:
        return self._page_of.get(key)

    def showPage(self) -> None:
        self._pages.append({k: v for k, v in self.__dict__.items() if k not in _OWN})
        self._startPage()  # type: ignore[attr-defined]

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._decorate(number, total)
            for slot in self._slots.get(number, ()):
                self._contents_number(slot)
            for mark in self._marks.get(number, ()):
                self.bookmarkPage(mark.key, fit="XYZ", left=0, top=mark.top)
                self.addOutlineEntry(mark.title, mark.key, level=mark.level, closed=mark.level >= 1)
            Canvas.showPage(self)
        self.page_count = total
        self.showOutline()
        Canvas.save(self)

    def _contents_number(self, slot: _Slot) -> None:
        page = self._page_of.get(slot.key)
        if page is None:
            return
        self.setFillColor(INK if slot.bold else MUTED)
        self.setFont(SANS_BOLD if slot.bold else SANS, 10 if slot.bold else 9)
        self.drawRightString(slot.x, slot.y, str(page))

    def _decorate(self, number: int, total: int) -> None:
        deco = self._decoration
        width = PAGE_WIDTH - 2 * MARGIN_X
        self.saveState()
        marking = _fit(plain(deco.marking), SANS_BOLD, 9, width)
        self.setFillColor(INK)
        self.setFont(SANS_BOLD, marking[1])
        self.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 11 * 2.8346, marking[0])
        self.drawCentredString(PAGE_WIDTH / 2, 7 * 2.8346, marking[0])
        self.setFillColor(MUTED)
        header_y = PAGE_HEIGHT - 17 * 2.8346
        title = plain(deco.title)
        self.setFont(SANS, 8)
        self.drawString(MARGIN_X, header_y, title)
        room = width - stringWidth(title, SANS, 8) - 24
        authority = _fit(plain(deco.authority), SANS, 8, room)
        self.setFont(SANS, authority[1])
        self.drawRightString(PAGE_WIDTH - MARGIN_X, header_y, authority[0])
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN_X, header_y - 4, PAGE_WIDTH - MARGIN_X, header_y - 4)
        footer_y = 14 * 2.8346
        self.line(MARGIN_X, footer_y + 9, PAGE_WIDTH - MARGIN_X, footer_y + 9)
        page_label = f"Page {number} of {total}"
        footer = _fit(plain(deco.footer), SANS, 8, width - stringWidth(page_label, SANS, 8) - 24)
        self.setFont(SANS, footer[1])
        self.drawString(MARGIN_X, footer_y, footer[0])
        self.setFillColor(INK)
        self.setFont(SANS, 8)
        self.drawRightString(PAGE_WIDTH - MARGIN_X, footer_y, page_label)
        self.restoreState()


def _fit(text: str, font: str, size: float, width: float) -> tuple[str, float]:
    """Shrink to at least 6 pt, then shorten with an ellipsis, so a header never overflows."""
    while size > 6 and stringWidth(text, font, size) > width:
        size -= 0.5
    if stringWidth(text, font, size) <= width:
        return text, size
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…", size
