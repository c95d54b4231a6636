"""A judgement section, in the order the lead inspector reads it.

Grade and rationale; coverage chart; serious weaknesses and escalations (first, where any exist);
strengths; areas for improvement; the evidence by theme and criterion; then the criteria with no
evidence and the lines of enquiry still open.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from fieldwork.domain.pack import FindingSummary, JudgementSection
from fieldwork.export.builder import Builder, count, refs
from fieldwork.export.charts.coverage_chart import coverage_charts
from fieldwork.export.sections.evidence import entry, themes
from fieldwork.export.sections.summary import warnings_box
from fieldwork.export.styles import FRAME_WIDTH
from fieldwork.export.text import markup


def judgement(
    section: JudgementSection, b: Builder, number: str, *, inspector: str
) -> list[Flowable]:
    grade = section.grade.lower() if section.grade else "not yet graded"
    story: list[Flowable] = b.heading(f"{number} {section.title}: {grade}", 0)
    parts = _Numbering(number)

    story += b.heading(f"{parts.next()} Provisional grade and rationale", 1)
    label = markup(section.grade) if section.grade else "Not yet graded"
    story.append(b.raw(f"Provisional grade: <b>{label}</b>"))
    if section.rationale.strip():
        story.append(b.para(section.rationale, emphasis=True))
    else:
        story.append(b.para("No rationale has been written yet.", "small"))
    if section.supporting_refs:
        story.append(
            b.para(f"Notes cited in support: {refs(section.supporting_refs)}.", "small"),
        )
    if section.warnings:
        story.append(Spacer(1, 2 * mm))
        story.append(warnings_box(section.warnings, b))

    total = sum(r.total for r in section.coverage)
    empty = sum(1 for r in section.coverage if r.total == 0)
    caption = b.para(
        f"{count(total, 'tag')} on {count(len(section.coverage), 'criterion', 'criteria')}"
        + (f"; {count(empty, 'criterion', 'criteria')} with no evidence." if empty else "."),
        "small",
    )
    charts = coverage_charts(section.coverage, FRAME_WIDTH)
    heading = b.heading(f"{parts.next()} Evidence coverage by criterion", 1, room=False)
    story.append(KeepTogether([*heading, caption, charts[0]]))  # the chart cannot split
    story += charts[1:]

    if section.serious:
        story += b.heading(f"{parts.next()} Serious weaknesses and escalations", 1)
        for item in section.serious:
            story += entry(item, b, inspector=inspector, show_criterion=True)
    story += b.heading(f"{parts.next()} Strengths", 1)
    story += _findings(section.strengths, b, "No strengths are recorded in this pack.")
    story += b.heading(f"{parts.next()} Areas for improvement", 1)
    story += _findings(
        section.improvements, b, "No areas for improvement are recorded in this pack."
    )
    b.check()

    story += b.heading(f"{parts.next()} Evidence by theme and criterion", 1)
    if section.themes:
        story += themes(section.themes, b, inspector=inspector)
    else:
        story.append(b.para("No notes in this pack are tagged to this judgement."))

    story += b.heading(f"{parts.next()} Gaps: criteria without evidence and open enquiries", 1)
    story += _gaps(section, b)
    return story


class _Numbering:
    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.n = 0

    def next(self) -> str:
        self.n += 1
        return f"{self.prefix}.{self.n}"


def _findings(items: Sequence[FindingSummary], b: Builder, empty: str) -> list[Flowable]:
    if not items:
        return [b.para(empty)]
    rows: list[list[str | Paragraph]] = [
        [i.heading, str(i.notes), str(i.corroborated), refs(i.case_refs, 15) or "–"] for i in items
    ]
    widths = [FRAME_WIDTH * 0.46, 16 * mm, 24 * mm, FRAME_WIDTH * 0.54 - 40 * mm]
    return [b.table(["Criterion", "Notes", "Corroborated", "Cases"], rows, widths, right=(1, 2))]


def _gaps(section: JudgementSection, b: Builder) -> list[Flowable]:
    story: list[Flowable] = []
    if section.gaps:
        story.append(b.raw("<b>Criteria with no evidence in this pack</b>"))
        theme = None
        for gap in section.gaps:
            if gap.theme != theme:
                theme = gap.theme
                story.append(b.para(theme, "small"))
            story.append(Paragraph(markup(gap.heading), b.styles.bullet, bulletText="•"))
    else:
        story.append(b.para("Every criterion of this judgement has some evidence in this pack."))
    story.append(Spacer(1, 3 * mm))
    if section.enquiries:
        story.append(b.raw("<b>Lines of enquiry not yet fully answered</b>"))
        rows = [[e.question, e.status, refs(e.answered_by) or "–"] for e in section.enquiries]
        story.append(
            b.table(
                ["Line of enquiry", "Status", "Notes so far"],
                rows,
                [FRAME_WIDTH - 60 * mm, 26 * mm, 34 * mm],
            )
        )
    else:
        story.append(b.para("No open lines of enquiry for this judgement."))
    if section.answered_enquiries:
        story.append(Spacer(1, 2 * mm))
        answered = "; ".join(
            f"{e.question} ({refs(e.answered_by)})" for e in section.answered_enquiries
        )
        story.append(b.para(f"Answered: {answered}", "small"))
    return story
