"""Appendices: the case sample, practitioners' caseloads (figures, chart, table), the activity log."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from fieldwork.domain.pack import EvidencePack
from fieldwork.export.builder import Builder, local_time, refs
from fieldwork.export.charts.caseload_chart import caseload_chart
from fieldwork.export.styles import FRAME_WIDTH

ROWS_PER_CHECK = 200


def case_sample(pack: EvidencePack, b: Builder, letter: str) -> list[Flowable]:
    story: list[Flowable] = b.heading(f"Appendix {letter}: Case sample", 0)
    story.append(
        b.para(
            f"{len(pack.cases)} children's cases, by reference only. 'Notes' counts the notes in "
            "this pack that mention the case."
        )
    )
    if not pack.cases:
        return [*story, b.para("No cases are recorded in this notebook.")]
    rows = []
    for index, c in enumerate(pack.cases):
        rows.append(
            [
                c.reference,
                c.age_band,
                c.legal_status,
                c.team,
                c.practitioner,
                c.detail,
                str(c.notes),
            ]
        )
        if index % ROWS_PER_CHECK == 0:
            b.check()
    widths = [16 * mm, 14 * mm, 27 * mm, 12 * mm, 14 * mm]
    widths += [FRAME_WIDTH - sum(widths) - 13 * mm, 13 * mm]
    story.append(
        b.table(
            ["Case", "Age", "Legal status", "Team", "Worker", "Detail", "Notes"],
            rows,
            widths,
            right=(6,),
        )
    )
    return story


def caseloads(pack: EvidencePack, b: Builder, letter: str) -> list[Flowable]:
    story: list[Flowable] = b.heading(f"Appendix {letter}: Practitioner caseloads", 0)
    summary = pack.caseload_summary
    if summary is None or not pack.caseloads:
        return [*story, b.para("No practitioners are recorded in this notebook.")]
    if summary.counted:
        span = (
            f"{summary.lowest} to {summary.highest}"
            if summary.lowest != summary.highest
            else f"{summary.lowest}"
        )
        story.append(
            b.raw(
                f"<b>{summary.counted}</b> case-holding practitioners counted. "
                f"Median caseload <b>{summary.median:g}</b>; range <b>{span}</b>; "
                f"<b>{summary.above_threshold}</b> above the threshold of "
                f"<b>{summary.threshold}</b>."
            )
        )
    else:
        story.append(b.para("No case-holding practitioner has a caseload recorded."))
    if summary.note:
        story.append(b.para(summary.note, "small"))
    if summary.counted:
        story.append(Spacer(1, 2 * mm))
        story.append(caseload_chart(pack.caseloads, summary.threshold, summary.median, FRAME_WIDTH))
        story.append(Spacer(1, 3 * mm))
    rows = [
        [
            p.pseudonym,
            p.role,
            p.team,
            "–" if p.caseload is None else str(p.caseload),
            "agency" if p.agency else "permanent",
            "–" if p.months_in_post is None else str(p.months_in_post),
            ("above" if p.above_threshold else "yes") if p.counted else "not counted",
        ]
        for p in pack.caseloads
    ]
    widths = [16 * mm, FRAME_WIDTH - 122 * mm, 14 * mm, 18 * mm, 20 * mm, 20 * mm, 34 * mm]
    story.append(
        b.table(
            ["Worker", "Role", "Team", "Caseload", "Employed", "Months in post", "In the figures"],
            rows,
            widths,
            right=(3, 5),
        )
    )
    return story


def activity_log(pack: EvidencePack, b: Builder, letter: str) -> list[Flowable]:
    story: list[Flowable] = b.heading(f"Appendix {letter}: Activity log", 0)
    story.append(
        b.para(
            f"{len(pack.activities)} activities the evidence came from, in time order. 'Notes' "
            "counts the notes in this pack from each."
        )
    )
    if not pack.activities:
        return [*story, b.para("No activities are recorded.")]
    rows = []
    for index, a in enumerate(pack.activities):
        start = local_time(a.started_at)
        span = f"{start:%a %d %b} {start:%H:%M}"
        if a.ended_at is not None:
            span += f"–{local_time(a.ended_at):%H:%M}"
        rows.append(
            [
                span,
                a.kind,
                a.title,
                refs(a.case_refs) or "–",
                refs(a.practitioners) or "–",
                str(a.notes),
            ]
        )
        if index % ROWS_PER_CHECK == 0:
            b.check()
    widths = [27 * mm, 27 * mm, FRAME_WIDTH - 118 * mm, 26 * mm, 26 * mm, 12 * mm]
    story.append(
        b.table(
            ["When", "Activity", "Title", "Cases", "Practitioners", "Notes"],
            rows,
            widths,
            right=(5,),
        )
    )
    return story


def appendices(pack: EvidencePack, b: Builder) -> list[Flowable]:
    story: list[Flowable] = []
    for letter, part in zip("ABC", (case_sample, caseloads, activity_log), strict=True):
        story.append(PageBreak())
        story += part(pack, b, letter)
        b.check()
    return story
