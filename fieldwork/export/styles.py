"""Page geometry, colours and paragraph styles of the pack: A4, calm, 9.5 pt body text."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from fieldwork.export.fonts import SANS, SANS_BOLD, pack_fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 24 * mm  # room for the marking and running header
MARGIN_BOTTOM = 22 * mm  # room for the running footer and marking
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

INK = colors.HexColor("#1b1f24")
MUTED = colors.HexColor("#5a6470")
HEADING = colors.HexColor("#1f3a5f")
RULE = colors.HexColor("#c5ccd4")
RULE_STRONG = colors.HexColor("#7d8894")
SHADE = colors.HexColor("#eef1f5")
NOTICE_BACK = colors.HexColor("#fdf6e3")
WARNING_BACK = colors.HexColor("#fbeaea")

# Evaluations: distinct in colour and in lightness, so they survive greyscale printing; the chart
# adds stripes to serious weaknesses and prints every count as a number.
STRENGTH = colors.HexColor("#1f4e79")
IMPROVE = colors.HexColor("#e39b2d")
SERIOUS = colors.HexColor("#9b1c1c")
CONTEXT = colors.HexColor("#dfe3e8")
EVALUATION_INK = {  # for labels in text: darker than the bar colours, all readable on white
    "strength": "#1f4e79",
    "area-for-improvement": "#8a4b00",
    "serious-weakness": "#9b1c1c",
    "context": "#5a6470",
}
MUTED_HEX = "#5a6470"


@dataclass(frozen=True, slots=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    entry: ParagraphStyle
    entry_more: ParagraphStyle
    details: ParagraphStyle
    tally: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    cell_right: ParagraphStyle
    cell_head_right: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    h4: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    bullet: ParagraphStyle
    bullet_detail: ParagraphStyle
    contents: ParagraphStyle
    contents_sub: ParagraphStyle
    box: ParagraphStyle
    centre: ParagraphStyle


def _style(name: str, **kwargs: object) -> ParagraphStyle:
    base: dict[str, object] = {
        "fontName": SANS,
        "bulletFontName": SANS,  # ReportLab's default is built-in Helvetica
        "fontSize": 9.5,
        "leading": 13,
        "textColor": INK,
        "alignment": TA_LEFT,
        "splitLongWords": 1,
        "allowWidows": 1,
    }
    base.update(kwargs)
    return ParagraphStyle(name, **base)  # type: ignore[arg-type]


def make_styles() -> Styles:
    pack_fonts()  # the font names below must be registered first
    return Styles(
        body=_style("body", spaceAfter=5),
        small=_style("small", fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=3),
        entry=_style("entry", leftIndent=8, spaceAfter=7),
        entry_more=_style("entry_more", leftIndent=8, spaceAfter=3),
        details=_style(
            "details", fontSize=7.5, leading=9.5, leftIndent=8, textColor=MUTED, spaceBefore=2
        ),
        tally=_style(
            "tally", fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=3, keepWithNext=1
        ),
        cell=_style("cell", fontSize=8, leading=10.2),
        cell_head=_style("cell_head", fontName=SANS_BOLD, fontSize=8, leading=10.2),
        cell_right=_style("cell_right", fontSize=8, leading=10.2, alignment=TA_RIGHT),
        cell_head_right=_style(
            "cell_head_right", fontName=SANS_BOLD, fontSize=8, leading=10.2, alignment=TA_RIGHT
        ),
        h1=_style(
            "h1",
            fontName=SANS_BOLD,
            fontSize=16,
            leading=20,
            textColor=HEADING,
            spaceAfter=10,
        ),
        h2=_style(
            "h2",
            fontName=SANS_BOLD,
            fontSize=12,
            leading=15,
            textColor=HEADING,
            spaceBefore=12,
            spaceAfter=6,
        ),
        h3=_style(
            "h3",
            fontName=SANS_BOLD,
            fontSize=10.5,
            leading=13.5,
            textColor=HEADING,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        ),
        h4=_style(
            "h4",
            fontName=SANS_BOLD,
            fontSize=9.5,
            leading=12.5,
            spaceBefore=7,
            spaceAfter=3,
            keepWithNext=1,
        ),
        title=_style(
            "title", fontName=SANS_BOLD, fontSize=26, leading=32, textColor=HEADING, spaceAfter=6
        ),
        subtitle=_style("subtitle", fontSize=15, leading=20, textColor=INK, spaceAfter=18),
        bullet=_style("bullet", leftIndent=14, bulletIndent=2, spaceBefore=4, spaceAfter=1),
        bullet_detail=_style(
            "bullet_detail", fontSize=8, leading=10.5, leftIndent=14, textColor=MUTED, spaceAfter=3
        ),
        contents=_style(
            "contents",
            fontName=SANS_BOLD,
            fontSize=10,
            leading=14,
            rightIndent=36,
            spaceBefore=7,
        ),
        contents_sub=_style(
            "contents_sub", fontSize=9, leading=12.5, leftIndent=16, rightIndent=36, textColor=MUTED
        ),
        box=_style("box", fontSize=9, leading=12.5),
        centre=_style("centre", alignment=TA_CENTER),
    )
