"""Small flowables of the pack: section anchors (outline and contents targets) and contents lines."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, Paragraph

from fieldwork.export.numbered_canvas import PackCanvas
from fieldwork.export.styles import FRAME_HEIGHT


class Anchor(Flowable):
    """Zero-size marker before a heading: where its bookmark points and its page is counted.

    Kept with the heading that follows (keepWithNext), so the two never part across pages."""

    def __init__(self, key: str, title: str, level: int) -> None:
        super().__init__()
        self.key = key
        self.title = title
        self.level = level
        self.keepWithNext = 1
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canvas = self.canv
        if isinstance(canvas, PackCanvas):
            _, top = canvas.absolutePosition(0, 0)
            canvas.record_heading(self.key, self.title, self.level, top + 4)


class ContentsLine(Flowable):
    """One line of the contents: the title, and (stamped at the end) the page it starts on."""

    def __init__(self, paragraph: Paragraph, key: str, *, bold: bool) -> None:
        super().__init__()
        self.paragraph = paragraph
        self.key = key
        self.bold = bold
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        _, height = self.paragraph.wrap(available_width, available_height)
        self.width, self.height = available_width, height
        return available_width, height

    def getSpaceBefore(self) -> float:
        return float(self.paragraph.getSpaceBefore())

    def draw(self) -> None:
        self.paragraph.drawOn(self.canv, 0, 0)
        canvas = self.canv
        if isinstance(canvas, PackCanvas):
            style: Any = self.paragraph.style
            lines = len(getattr(getattr(self.paragraph, "blPara", None), "lines", ())) or 1
            baseline = self.height - style.fontSize - (lines - 1) * style.leading
            x, y = canvas.absolutePosition(self.width, baseline)
            canvas.record_contents_slot(self.key, x, y, bold=self.bold)


class Entry(Flowable):
    """An evidence entry: its details line and the note text, kept together without KeepTogether.

    Two paragraphs rather than one so that the note text is a single run of one font, which
    ReportLab lays out on its fast path; splitting moves the details with the first lines of
    the text, so a details line never ends a page on its own."""

    MIN_LINES = 2

    def __init__(self, details: Paragraph, text: Paragraph) -> None:
        super().__init__()
        self.details = details
        self.text = text
        self._details_height = 0.0
        self._text_height = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        _, self._details_height = self.details.wrap(available_width, available_height)
        _, self._text_height = self.text.wrap(available_width, available_height)
        self.width = available_width
        self.height = self._details_height + self._text_height
        return available_width, self.height

    def getSpaceBefore(self) -> float:
        return float(self.details.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.text.getSpaceAfter())

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        _, details = self.details.wrap(available_width, available_height)
        style: Any = self.text.style
        room = available_height - details
        if room < self.MIN_LINES * style.leading:
            if details > FRAME_HEIGHT / 2:  # a huge details line (thousands of cases): split it
                pieces = self.details.split(available_width, available_height)
                return [*pieces, self.text] if pieces else []
            return []
        parts = self.text.split(available_width, room)
        if len(parts) < 2 or not isinstance(parts[0], Paragraph):
            return []
        return [Entry(self.details, parts[0]), *parts[1:]]

    def draw(self) -> None:
        self.text.drawOn(self.canv, 0, 0)
        self.details.drawOn(self.canv, 0, self._text_height)
