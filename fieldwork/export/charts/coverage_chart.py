"""The coverage chart of a judgement: per criterion, a bar of evidence counts by evaluation.

Readable in greyscale: the four evaluations differ in lightness, serious weaknesses are striped,
every segment wide enough carries its count, each bar ends with its total, and a criterion with
no evidence says so in words. A long judgement is drawn as several charts that share one scale,
so no drawing is ever taller than a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from fieldwork.domain.pack import CoverageRow
from fieldwork.export.fonts import SANS, SANS_BOLD, SANS_ITALIC
from fieldwork.export.styles import CONTEXT, IMPROVE, INK, MUTED, RULE, SERIOUS, STRENGTH
from fieldwork.export.text import plain

LABEL_SIZE = 7.5
ROW = 13.0
ROW_TWO_LINES = 21.0
THEME_ROW = 14.0
LEGEND = 20.0
MAX_CHART_HEIGHT = 560.0
STRIPE = colors.HexColor("#e8a0a0")
SEGMENTS: tuple[tuple[str, str, colors.Color, colors.Color, bool], ...] = (
    ("strengths", "Strength", STRENGTH, colors.white, False),
    ("areas_for_improvement", "Area for improvement", IMPROVE, INK, False),
    ("serious_weaknesses", "Serious weakness", SERIOUS, colors.white, True),
    ("context", "Context", CONTEXT, INK, False),
)


@dataclass(frozen=True, slots=True)
class _Line:
    theme: str | None  # a theme label row, or a criterion row
    row: CoverageRow | None
    label: tuple[str, ...]
    height: float


def coverage_charts(rows: Sequence[CoverageRow], width: float) -> list[Drawing]:
    """One or more drawings (split between themes where possible), sharing one scale."""
    label_width = min(210.0, width * 0.42)
    lines: list[_Line] = []
    theme: str | None = None
    for row in rows:
        if row.theme != theme:
            theme = row.theme
            lines.append(_Line(plain(theme), None, (), THEME_ROW))
        label = _wrap(plain(row.heading), label_width - 6)
        lines.append(_Line(None, row, label, ROW if len(label) == 1 else ROW_TWO_LINES))
    biggest = max((r.total for r in rows), default=0)
    charts: list[Drawing] = []
    chunk: list[_Line] = []
    used = LEGEND
    for line in lines:
        if chunk and used + line.height > MAX_CHART_HEIGHT:
            charts.append(_draw(chunk, width, label_width, biggest, legend=not charts))
            chunk, used = [], 0.0
        chunk.append(line)
        used += line.height
    if chunk or not charts:
        charts.append(_draw(chunk, width, label_width, biggest, legend=not charts))
    return charts


def _wrap(text: str, width: float) -> tuple[str, ...]:
    lines = simpleSplit(text, SANS, LABEL_SIZE, width) or [""]
    if len(lines) <= 2:
        return tuple(lines)
    second = " ".join(lines[1:])
    while second and stringWidth(second + "…", SANS, LABEL_SIZE) > width:
        second = second[:-1]
    return lines[0], second.rstrip() + "…"


def _draw(
    lines: Sequence[_Line], width: float, label_width: float, biggest: int, *, legend: bool
) -> Drawing:
    top_pad = LEGEND if legend else 4.0
    height = top_pad + sum(line.height for line in lines) + 4
    drawing = Drawing(width, height, initialFontName=SANS, initialFontSize=LABEL_SIZE)
    if legend:
        _legend(drawing, height - 13)
    bar_left = label_width
    bar_room = width - bar_left - 70  # room for "12 (3 escalated)" after the longest bar
    scale = bar_room / biggest if biggest else 0.0
    y = height - top_pad
    for line in lines:
        y -= line.height
        if line.row is None:
            drawing.add(
                String(
                    0, y + 4, line.theme or "", fontName=SANS_BOLD, fontSize=7.5, fillColor=MUTED
                )
            )
            drawing.add(Line(0, y + 1.5, width, y + 1.5, strokeColor=RULE, strokeWidth=0.4))
            continue
        _criterion_row(drawing, line, y, bar_left, scale)
    return drawing


def _criterion_row(drawing: Drawing, line: _Line, y: float, bar_left: float, scale: float) -> None:
    row = line.row
    assert row is not None
    baseline = y + line.height - 9.5
    for index, text in enumerate(line.label):
        drawing.add(
            String(
                6, baseline - index * 8.5, text, fontName=SANS, fontSize=LABEL_SIZE, fillColor=INK
            )
        )
    bar_y = y + (line.height - 9) / 2
    if row.total == 0:
        drawing.add(
            String(
                bar_left,
                bar_y + 2,
                "no evidence",
                fontName=SANS_ITALIC,
                fontSize=LABEL_SIZE,
                fillColor=SERIOUS,
            )
        )
        return
    x = bar_left
    for attribute, _, fill, ink, striped in SEGMENTS:
        count = int(getattr(row, attribute))
        if not count:
            continue
        w = count * scale
        drawing.add(_rect(x, bar_y, w, 9, fill, colors.white, 0.3))
        label = str(count)
        label_width = stringWidth(label, SANS_BOLD, 6.5)
        if striped:
            _stripes(drawing, x, bar_y, w, 9)
            if label_width + 3 <= w:  # a solid patch behind the number keeps it legible
                patch_x = x + (w - label_width) / 2 - 1.5
                drawing.add(_rect(patch_x, bar_y + 1, label_width + 3, 7, fill, None, 0))
        if label_width + 3 <= w:
            drawing.add(
                String(
                    x + w / 2,
                    bar_y + 2.3,
                    label,
                    fontName=SANS_BOLD,
                    fontSize=6.5,
                    fillColor=ink,
                    textAnchor="middle",
                )
            )
        x += w
    total = str(row.total) + (f"  ({row.escalations} escalated)" if row.escalations else "")
    drawing.add(String(x + 3, bar_y + 2, total, fontName=SANS, fontSize=7, fillColor=INK))


def _stripes(drawing: Drawing, x: float, y: float, w: float, h: float) -> None:
    """White diagonal stripes inside a rectangle (clipped by arithmetic: shapes cannot clip)."""
    offset = -h
    while offset < w:
        x0 = max(x, x + offset)
        x1 = min(x + w, x + offset + h)
        if x1 > x0:
            drawing.add(
                Line(
                    x0,
                    y + (x0 - x - offset),
                    x1,
                    y + (x1 - x - offset),
                    strokeColor=STRIPE,
                    strokeWidth=0.7,
                )
            )
        offset += 3.2


def _legend(drawing: Drawing, y: float) -> None:
    x = 6.0
    for _, label, fill, _, striped in SEGMENTS:
        drawing.add(_rect(x, y, 14, 8, fill, MUTED, 0.3))
        if striped:
            _stripes(drawing, x, y, 14, 8)
        drawing.add(String(x + 18, y + 1.5, label, fontName=SANS, fontSize=7.5, fillColor=INK))
        x += 18 + stringWidth(label, SANS, 7.5) + 16
    drawing.add(
        String(x, y + 1.5, "Numbers are notes", fontName=SANS_ITALIC, fontSize=7, fillColor=MUTED)
    )


def _rect(
    x: float,
    y: float,
    w: float,
    h: float,
    fill: colors.Color,
    stroke: colors.Color | None,
    line: float,
) -> Rect:
    rect = Rect(x, y, w, h)  # attributes set after: the type stubs mistype Rect's keywords
    rect.fillColor = fill
    rect.strokeColor = stroke
    rect.strokeWidth = line
    return rect
