"""The contents page: sections and their parts, with page numbers stamped once layout is done."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from fieldwork.export.builder import Builder, ContentsItem
from fieldwork.export.flowables import ContentsLine
from fieldwork.export.text import markup


def contents(items: list[ContentsItem], b: Builder) -> list[Flowable]:
    """Built after every other section, so that it knows all their headings."""
    story: list[Flowable] = b.heading("Contents", 0, contents=False)
    for item in items:
        bold = item.level == 0
        style = b.styles.contents if bold else b.styles.contents_sub
        story.append(ContentsLine(Paragraph(markup(item.title), style), item.key, bold=bold))
    story.append(
        b.para(
            "Page numbers count the cover as page 1. The PDF's bookmarks list every theme and "
            "criterion as well.",
            "small",
        )
    )
    return story
