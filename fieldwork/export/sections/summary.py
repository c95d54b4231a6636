"""Section 1: provisional grades in report-table order, the evidence behind them, and warnings."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from fieldwork.domain.pack import EvidencePack, PackWarning
from fieldwork.export.builder import Builder, count
from fieldwork.export.styles import (
    FRAME_WIDTH,
    NOTICE_BACK,
    RULE,
    WARNING_BACK,
)
from fieldwork.export.text import markup


def summary(pack: EvidencePack, b: Builder, number: str) -> list[Flowable]:
    story: list[Flowable] = b.heading(f"{number} Summary of provisional grades", 0)
    story.append(
        b.para(
            "Provisional grades as the team inspector leans at the time of this pack, in the "
            "order of the published report's judgement table, with the evidence in this pack "
            "behind each judgement.",
        )
    )
    rows: list[list[str | Paragraph]] = []
    for g in pack.grades:
        grade = (
            Paragraph(f"<b>{markup(g.grade)}</b>", b.styles.cell) if g.grade else "Not yet graded"
        )
        title = g.title if g.in_pack else f"{g.title} (not in this pack: filtered out)"
        rows.append(
            [
                title,
                grade,
                str(g.strengths),
                str(g.areas_for_improvement),
                str(g.serious_weaknesses),
            ]
        )
    widths = [FRAME_WIDTH - 46 * mm - 58 * mm, 46 * mm, 18 * mm, 22 * mm, 18 * mm]
    story.append(
        b.table(
            ["Judgement", "Provisional grade", "Strengths", "Areas for improvement", "Serious"],
            rows,
            widths,
            right=(2, 3, 4),
        )
    )
    if pack.at_a_glance:
        story.append(Spacer(1, 4 * mm))
        story += b.heading("The evidence at a glance", 1)
        glance: list[list[str | Paragraph]] = [[k, b.cell(v)] for k, v in pack.at_a_glance]
        story.append(b.table(["Measure", "In this pack"], glance, [40 * mm, FRAME_WIDTH - 40 * mm]))
    story.append(Spacer(1, 5 * mm))
    story += b.heading("Consistency warnings", 1)
    if pack.warnings:
        story.append(
            b.para(
                "Patterns that published reports almost never show (warnings) or that deserve a "
                "second look (notices). They never set or change a grade.",
                "small",
            )
        )
        story.append(warnings_box(pack.warnings, b))
    else:
        story.append(b.para("None: the provisional grades raise no consistency warnings."))
    if pack.other_enquiries:
        story += b.heading("Open lines of enquiry not tied to a judgement", 1)
        for item in pack.other_enquiries:
            story.append(
                Paragraph(
                    f"{markup(item.question)} <font size=8>({markup(item.status)})</font>",
                    b.styles.bullet,
                    bulletText="•",
                )
            )
    return story


def warnings_box(warnings: Sequence[PackWarning], b: Builder) -> Table:
    """Warnings first, then notices; each says which judgements it concerns."""
    ordered = sorted(warnings, key=lambda w: (w.severity != "warning", w.message))
    rows = []
    for w in ordered:
        label = "Warning" if w.severity == "warning" else "Notice"
        about = f" <font size=8>({markup(', '.join(w.judgements))})</font>" if w.judgements else ""
        rows.append(
            [
                Paragraph(f"<b>{label}</b>", b.styles.cell),
                Paragraph(markup(w.message) + about, b.styles.box),
            ]
        )
    table = Table(rows, colWidths=[22 * mm, FRAME_WIDTH - 22 * mm])
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    for index, w in enumerate(ordered):
        back = WARNING_BACK if w.severity == "warning" else NOTICE_BACK
        commands.append(("BACKGROUND", (0, index), (-1, index), back))
    table.setStyle(TableStyle(commands))  # type: ignore[arg-type]
    return table


def evidence_line(strengths: int, improvements: int, serious: int) -> str:
    return ", ".join(
        (
            count(strengths, "strength"),
            count(improvements, "area for improvement", "areas for improvement"),
            count(serious, "serious weakness", "serious weaknesses"),
        )
    )
