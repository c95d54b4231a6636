"""The caseload distribution: a dot plot of case-holding practitioners, with threshold and median.

One dot per practitioner at their caseload, stacked where values repeat. Dots above the threshold
are solid black and named; the rest are light with a dark outline, so the two groups differ in
greyscale too. A dashed line marks the threshold and a triangle the median.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, String
from reportlab.lib import colors

from fieldwork.domain.pack import CaseloadRow
from fieldwork.export.fonts import SANS, SANS_BOLD
from fieldwork.export.styles import INK, MUTED, RULE_STRONG
from fieldwork.export.text import plain

LIGHT = colors.HexColor("#9cc0e0")
DOT = 4.0


def caseload_chart(
    rows: Sequence[CaseloadRow], threshold: int, median: float | None, width: float
) -> Drawing:
    counted = [r for r in rows if r.counted and r.caseload is not None]
    values = [int(r.caseload) for r in counted if r.caseload is not None]
    top_value = max([*values, threshold, 5])
    axis_max = int(math.ceil((top_value + 3) / 5.0) * 5)
    stacks = Counter(values)
    tallest = max(stacks.values(), default=1)
    step = min(2 * DOT + 1.5, 150.0 / max(tallest, 1))
    left, right = 28.0, width - 12.0
    axis_y = 34.0
    plot_height = max(60.0, tallest * step + 28)
    height = axis_y + plot_height + 18
    drawing = Drawing(width, height, initialFontName=SANS, initialFontSize=7.5)

    def x_of(value: float) -> float:
        return left + (right - left) * value / axis_max

    drawing.add(Line(left, axis_y, right, axis_y, strokeColor=INK, strokeWidth=0.6))
    for tick in range(0, axis_max + 1, 5):
        x = x_of(tick)
        drawing.add(Line(x, axis_y, x, axis_y - 3, strokeColor=INK, strokeWidth=0.6))
        drawing.add(
            String(x, axis_y - 12, str(tick), fontName=SANS, fontSize=7, textAnchor="middle")
        )
    drawing.add(
        String(
            (left + right) / 2,
            4,
            "Caseload (children or young people allocated)",
            fontName=SANS,
            fontSize=7.5,
            fillColor=MUTED,
            textAnchor="middle",
        )
    )
    line_x = x_of(threshold + 0.5)
    drawing.add(
        Line(
            line_x,
            axis_y,
            line_x,
            height - 14,
            strokeColor=RULE_STRONG,
            strokeWidth=0.8,
            strokeDashArray=[3, 2],
        )
    )
    drawing.add(
        String(
            line_x + 3,
            height - 12,
            f"above {threshold}",
            fontName=SANS_BOLD,
            fontSize=7.5,
            fillColor=INK,
        )
    )
    seen: Counter[int] = Counter()
    for row in sorted(counted, key=lambda r: (r.caseload or 0, r.pseudonym)):
        value = int(row.caseload or 0)
        level = seen[value]
        seen[value] += 1
        cx, cy = x_of(value), axis_y + 6 + DOT + level * step
        above = value > threshold
        drawing.add(
            Circle(
                cx,
                cy,
                DOT,
                fillColor=INK if above else LIGHT,
                strokeColor=INK,
                strokeWidth=0.6,
            )
        )
        if above and level == stacks[value] - 1:
            names = ", ".join(
                plain(r.pseudonym) for r in counted if r.caseload == value and r.caseload
            )
            drawing.add(
                String(cx, cy + DOT + 3, names, fontName=SANS, fontSize=6.5, textAnchor="middle")
            )
    if median is not None:
        mx = x_of(median)
        drawing.add(
            Polygon(
                [mx, axis_y + 1, mx - 4, axis_y - 6, mx + 4, axis_y - 6],
                fillColor=INK,
                strokeColor=None,
            )
        )
        drawing.add(
            String(
                mx,
                axis_y - 22,
                f"median {median:g}",
                fontName=SANS_BOLD,
                fontSize=7,
                textAnchor="middle",
            )
        )
    _legend(drawing, left, height - 12, threshold)
    return drawing


def _legend(drawing: Drawing, x: float, y: float, threshold: int) -> None:
    drawing.add(Circle(x + 4, y + 2.5, 3.5, fillColor=LIGHT, strokeColor=INK, strokeWidth=0.6))
    drawing.add(String(x + 11, y, f"{threshold} or fewer", fontName=SANS, fontSize=7.5))
    drawing.add(Circle(x + 84, y + 2.5, 3.5, fillColor=INK, strokeColor=INK, strokeWidth=0.6))
    drawing.add(String(x + 91, y, f"more than {threshold}", fontName=SANS, fontSize=7.5))
