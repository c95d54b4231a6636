"""The cover: what the pack is, whose, when, which notes, and how to check it is untouched."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from fieldwork.domain.pack import PACK_TITLE, EvidencePack
from fieldwork.export.builder import Builder, local_time
from fieldwork.export.fonts import SANS_BOLD
from fieldwork.export.styles import FRAME_WIDTH, NOTICE_BACK, RULE, SHADE
from fieldwork.export.text import escape_text, markup


def cover(pack: EvidencePack, b: Builder) -> list[Flowable]:
    c = pack.cover
    s = b.styles
    story: list[Flowable] = [Spacer(1, 18 * mm)]
    story += b.heading(PACK_TITLE, 0, contents=False, outline="Cover", room=False)[:1]
    story.append(Paragraph(escape_text(PACK_TITLE), s.title))
    story.append(b.para(c.authority, "subtitle"))
    dates = f"{c.start_date:%d %B %Y} to {c.end_date:%d %B %Y}"
    produced = local_time(c.produced_at)
    facts = [
        ("Inspection", f"{c.inspection_type}, {dates}"),
        ("Framework", f"{c.framework_title} (version {c.framework_version})"),
        ("Inspector", c.inspector or "not recorded"),
        ("Lead inspector", c.lead_inspector or "not recorded"),
        ("Produced", f"{produced:%d %B %Y at %H:%M} ({produced:%Z})".replace(" ()", "")),
        ("Filters applied", "\n".join(c.filters)),
        (
            "Notes in this pack",
            f"{c.notes_in_pack} of the {c.notes_in_notebook} notes in the notebook"
            + (
                f"; {c.notes_untagged} that passed the filters are not yet tagged "
                "to a criterion and are not included"
                if c.notes_untagged
                else ""
            ),
        ),
    ]
    story.append(_fact_table([(b.cell(k, "cell_head"), b.para(v, "box")) for k, v in facts]))
    story.append(Spacer(1, 8 * mm))
    integrity = [
        (
            b.cell("Evidence fingerprint", "cell_head"),
            Paragraph(
                f"<b>{markup(c.fingerprint)}</b><br/>"
                + markup(
                    "The notebook's history of every change to the evidence, up to the moment "
                    "this pack was made. Fieldwork's verify command on the notebook shows the "
                    "same value while nothing has changed since."
                ),
                s.box,
            ),
        ),
        (
            b.cell("Selection hash", "cell_head"),
            Paragraph(
                f"<b>{markup(c.selection_hash)}</b><br/>"
                + markup(
                    "Identifies exactly which notes, at which revision, this pack contains. "
                    "Each entry carries its note reference (N-…) to find it in the notebook."
                ),
                s.box,
            ),
        ),
    ]
    story.append(_fact_table(integrity, background=SHADE))
    story.append(Spacer(1, 8 * mm))
    notice = (
        "A draft for the lead inspector, not a report. Grades are provisional leanings of the "
        "team inspector; consistency warnings are prompts to check, never rules that set a "
        "grade. " + c.framework_note
    )
    box = Table([[b.para(notice, "box")]], colWidths=[FRAME_WIDTH])
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), NOTICE_BACK),
                ("BOX", (0, 0), (-1, -1), 0.4, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    story.append(box)
    return story


def _fact_table(rows: list[tuple[Paragraph, Paragraph]], background: object = None) -> Table:
    table = Table([list(r) for r in rows], colWidths=[38 * mm, FRAME_WIDTH - 38 * mm])
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), SANS_BOLD),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    if background is not None:
        commands.append(("BACKGROUND", (0, 0), (-1, -1), background))
    table.setStyle(TableStyle(commands))  # type: ignore[arg-type]
    return table
