"""Section 2: a draft "What needs to improve?" list, as published reports print it."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from fieldwork.domain.pack import EvidencePack, ImprovementItem
from fieldwork.export.builder import Builder, count, refs
from fieldwork.export.styles import FRAME_WIDTH
from fieldwork.export.text import markup


def improvements(pack: EvidencePack, b: Builder, number: str) -> list[Flowable]:
    story: list[Flowable] = b.heading(f"{number} What needs to improve? (draft)", 0)
    story.append(
        b.para(
            "Drawn from the areas for improvement and serious weaknesses in this pack. A "
            "criterion's weight is three for each serious weakness plus one for each area for "
            "improvement; it becomes a draft point when its weight is at least 5 and at least a "
            "quarter of its evaluated evidence is negative. The ten heaviest are listed as "
            "points, worded as the criterion's heading: the lead inspector words the final list."
        )
    )
    if not pack.improvements:
        story.append(b.para("No criterion in this pack meets that test."))
    for item in pack.improvements:
        story.append(_point(item, b))
        b.check()
    if pack.national_framework and any(i.cross_reference for i in pack.improvements):
        story.append(Spacer(1, 2 * mm))
        story.append(
            b.para(
                "Each point ends with a suggested cross-reference to the outcomes, enablers or "
                "principles of the children's social care National Framework (statutory "
                "guidance, December 2023), taken from the criterion's default; change it where "
                "another fits better.",
                "small",
            )
        )
    if pack.also_noted:
        story += b.heading("Other criteria with areas for improvement or serious weaknesses", 1)
        story.append(b.para("Heaviest first; for completeness, not as draft points.", "small"))
        rows: list[list[str | Paragraph]] = [
            [
                i.heading,
                i.judgement,
                str(i.serious_weaknesses),
                str(i.areas_for_improvement),
                str(i.strengths),
            ]
            for i in pack.also_noted
        ]
        widths = [FRAME_WIDTH - 36 * mm - 3 * 22 * mm, 36 * mm, 22 * mm, 22 * mm, 22 * mm]
        story.append(
            b.table(
                ["Criterion", "Judgement", "Serious", "Areas for improvement", "Strengths"],
                rows,
                widths,
                right=(2, 3, 4),
            )
        )
    return story


def _point(item: ImprovementItem, b: Builder) -> Flowable:
    text = markup(item.heading)
    if item.cross_reference:
        text += f" ({markup(item.cross_reference)})"
    if item.serious_weaknesses:
        text = f"<b>{text}</b>"
    detail = [
        markup(item.judgement),
        count(item.serious_weaknesses, "serious weakness", "serious weaknesses")
        if item.serious_weaknesses
        else "",
        count(item.areas_for_improvement, "area for improvement", "areas for improvement"),
        count(item.strengths, "strength"),
    ]
    cases = refs(item.case_refs, 12)
    line = " · ".join(d for d in detail if d)
    if cases:
        line += f" · cases {markup(cases)}"
    return Paragraph(
        f"{text}<br/><font size=8 color='#5a6470'>{line}</font>",
        b.styles.bullet,
        bulletText="•",
    )
