"""What every section uses: styles, headings with outline entries, escaped paragraphs, tables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table, TableStyle

from fieldwork.domain.progress import CancelToken
from fieldwork.export.flowables import Anchor
from fieldwork.export.fonts import SANS, SANS_BOLD
from fieldwork.export.styles import INK, RULE, RULE_STRONG, SHADE, Styles
from fieldwork.export.text import clean, markup, plain

CANCELLED = "The export was cancelled; nothing was written."
ROOM = 45 * mm  # a section or part heading needs this much of the page below it


@dataclass(frozen=True, slots=True)
class ContentsItem:
    key: str
    title: str  # plain text
    level: int


@dataclass
class Builder:
    styles: Styles
    cancel: CancelToken | None = None
    contents: list[ContentsItem] = field(default_factory=list)
    _keys: int = 0

    def check(self) -> None:
        if self.cancel is not None:
            self.cancel.raise_if_cancelled(CANCELLED)

    def heading(
        self,
        title: str,
        level: int,
        *,
        contents: bool = True,
        outline: str | None = None,
        room: bool = True,
    ) -> list[Flowable]:
        """A heading (level 0 section .. 3 criterion) with its bookmark; levels 0-1 in contents.

        Section and part headings start a new page when less than ROOM is left (rather than
        keeping with a whole table, which would leave the rest of a page empty); theme and
        criterion headings keep with what follows."""
        self._keys += 1
        key = f"fw-{self._keys}"
        style = (self.styles.h1, self.styles.h2, self.styles.h3, self.styles.h4)[min(level, 3)]
        if contents and level <= 1:
            self.contents.append(ContentsItem(key, title, level))
        heading = [
            Anchor(key, plain(outline or title)[:200], level),
            Paragraph(markup(title), style),
        ]
        return [CondPageBreak(ROOM), *heading] if room and level <= 1 else heading

    def para(self, text: str, style: str = "body", *, emphasis: bool = False) -> Paragraph:
        """A paragraph of plain (user or framework) text, escaped."""
        return Paragraph(markup(text, emphasis=emphasis), getattr(self.styles, style))

    def raw(self, safe_markup: str, style: str = "body") -> Paragraph:
        """A paragraph of markup built here from `markup()` pieces and our own tags only."""
        return Paragraph(safe_markup, getattr(self.styles, style))

    def cell(self, text: str, style: str = "cell") -> Paragraph:
        return Paragraph(markup(text), getattr(self.styles, style))

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str | Paragraph]],
        widths: Sequence[float],
        *,
        right: Sequence[int] = (),
    ) -> Table:
        """A data table: bold header repeated on each page, light rules, cells that wrap.

        A short single-line cell is drawn as a plain string (much cheaper than a Paragraph);
        anything that might wrap or need a fallback font becomes an escaped Paragraph."""
        fits = [w - 6.5 for w in widths]  # less the cell padding
        head = [
            self._fitted(h, fits[i], "cell_head_right" if i in right else "cell_head")
            for i, h in enumerate(header)
        ]
        body = [
            [
                c
                if isinstance(c, Paragraph)
                else self._fitted(c, fits[i], "cell_right" if i in right else "cell")
                for i, c in enumerate(row)
            ]
            for row in rows
        ]
        table = Table([head, *body], colWidths=list(widths), repeatRows=1, splitInRow=1)
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), SANS),
                    ("FONTNAME", (0, 0), (-1, 0), SANS_BOLD),
                    ("FONTSIZE", (0, 0), (-1, -1), 8),
                    ("LEADING", (0, 0), (-1, -1), 10.2),
                    ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                    *[("ALIGN", (i, 0), (i, -1), "RIGHT") for i in right],
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.7, RULE_STRONG),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        return table

    def _fitted(self, text: str, room: float, style: str) -> str | Paragraph:
        simple = clean(text)
        if (
            simple.isascii()
            and "\n" not in simple
            and len(simple) < 80
            and stringWidth(simple, SANS_BOLD, 8) <= room
        ):
            return simple  # measured in bold, so it fits in either face
        return self.cell(text, style)


def local_time(moment: datetime) -> datetime:
    """Aware UTC -> the computer's local time, as the PDF shows it."""
    return moment.astimezone()


def when(moment: datetime) -> str:
    return f"{local_time(moment):%a %d %b %Y %H:%M}"


def count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def refs(references: Sequence[str], limit: int = 0) -> str:
    """`C-001, C-014` - with `and N more` after `limit` items (0: no limit)."""
    if limit and len(references) > limit:
        return ", ".join(references[:limit]) + f" and {len(references) - limit} more"
    return ", ".join(references)
