"""Evidence entries: each note with its evaluation, cases, activity, time, source, corroboration.

One Paragraph per entry (a line of details, then the note text), so a 40,000-word note simply
flows over pages and thousands of entries lay out at ReportLab's plain-paragraph speed.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from fieldwork.domain.pack import EVALUATION_LABELS, CriterionEvidence, EvidenceEntry, ThemeEvidence
from fieldwork.export.builder import Builder, count, refs, when
from fieldwork.export.flowables import Entry
from fieldwork.export.styles import EVALUATION_INK, MUTED_HEX
from fieldwork.export.text import markup, note_paragraphs

CHECK_EVERY = 100


def entry(
    e: EvidenceEntry, b: Builder, *, inspector: str, show_criterion: bool = False
) -> list[Flowable]:
    """The details line and the note's first paragraph as one Entry, then any further ones."""
    # Escaped too: a notebook from elsewhere could hold any text where an evaluation belongs.
    label = markup(EVALUATION_LABELS.get(e.evaluation, e.evaluation))
    first = [f"<font color='{EVALUATION_INK.get(e.evaluation, MUTED_HEX)}'><b>{label}</b></font>"]
    if e.escalate:
        first.append("<b>ESCALATED: referred back at once</b>")
    if show_criterion and e.criterion:
        first.append(markup(e.criterion))
    first.append(markup(e.source) if e.source else "source not recorded")
    first.append("corroborated" if e.corroborated else "not corroborated")
    if e.grade_leaning:
        first.append(f"leans {markup(e.grade_leaning.lower())}")
    second = []
    if e.case_refs:
        second.append(("case " if len(e.case_refs) == 1 else "cases ") + markup(refs(e.case_refs)))
    if e.activity:
        second.append(markup(e.activity))
    second.append(when(e.at))
    if e.author and e.author != inspector:
        second.append("by " + markup(e.author))
    if not e.reviewed:
        second.append("<i>not yet reviewed</i>")
    second.append(markup(e.note_ref))
    details = " · ".join(first) + "<br/>" + " · ".join(second)
    pieces = note_paragraphs(e.text)
    last = len(pieces) - 1
    paragraphs = [
        Paragraph(
            markup(piece, emphasis=True), b.styles.entry if i == last else b.styles.entry_more
        )
        for i, piece in enumerate(pieces)
    ]
    return [Entry(Paragraph(details, b.styles.details), paragraphs[0]), *paragraphs[1:]]


def themes(sections: tuple[ThemeEvidence, ...], b: Builder, *, inspector: str) -> list[Flowable]:
    """Evidence by theme (outline level 2) and criterion (level 3), in framework order."""
    story: list[Flowable] = []
    done = 0
    for theme in sections:
        story += b.heading(theme.title, 2, contents=False)
        for criterion in theme.criteria:
            story += _criterion(criterion, b)
            for item in criterion.entries:
                story += entry(item, b, inspector=inspector)
                done += 1
                if done % CHECK_EVERY == 0:
                    b.check()
    return story


def _criterion(criterion: CriterionEvidence, b: Builder) -> list[Flowable]:
    tally: dict[str, int] = {}
    for item in criterion.entries:
        tally[item.evaluation] = tally.get(item.evaluation, 0) + 1
    parts = [
        count(tally.get("strength", 0), "strength"),
        count(
            tally.get("area-for-improvement", 0), "area for improvement", "areas for improvement"
        ),
        count(tally.get("serious-weakness", 0), "serious weakness", "serious weaknesses"),
        count(tally.get("context", 0), "context note"),
    ]
    return [
        *b.heading(criterion.heading, 3, contents=False),
        Paragraph(
            " · ".join(parts),
            b.styles.tally,
        ),
    ]
