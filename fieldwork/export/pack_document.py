"""The evidence pack document: story from sections, one layout pass, PDF bytes in memory.

Hooks in the manner of pretix's invoice renderer: page geometry as constants, one page template,
`afterFlowable` for progress and cancellation, and a canvas (numbered_canvas.py) that stamps
"Page X of Y", the running header and footer, the contents' page numbers and the outline at the
end. Nothing is written to disk here.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import partial
from typing import Any

from reportlab import rl_config
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from fieldwork.domain.errors import ExportError, FieldworkError
from fieldwork.domain.pack import PACK_TITLE, EvidencePack
from fieldwork.domain.progress import CancelToken, Progress
from fieldwork.export.builder import CANCELLED, Builder
from fieldwork.export.fonts import SANS
from fieldwork.export.numbered_canvas import Decoration, PackCanvas
from fieldwork.export.sections.appendices import appendices
from fieldwork.export.sections.contents import contents
from fieldwork.export.sections.cover import cover
from fieldwork.export.sections.improvements import improvements
from fieldwork.export.sections.judgement import judgement
from fieldwork.export.sections.summary import summary
from fieldwork.export.styles import (
    FRAME_WIDTH,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    make_styles,
)

PROGRESS_EVERY = 40  # flowables between progress reports (cancellation is checked on each)


@dataclass(frozen=True, slots=True)
class RenderedPack:
    data: bytes
    pages: int
    flowables: int  # the units progress was counted in


class PackDocument(BaseDocTemplate):
    """A4, one frame; progress and cancellation on every flowable laid out."""

    def __init__(
        self,
        buffer: io.BytesIO,
        *,
        marking: str,
        producer: str,
        total: int,
        progress: Progress | None,
        cancel: CancelToken | None,
    ) -> None:
        super().__init__(
            buffer,
            pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=PACK_TITLE,
            author="",
            subject=marking,
            creator=producer,
            producer=producer,
            keywords=[],
            lang="en-GB",
            initialFontName=SANS,  # so no page refers to built-in Helvetica at all
            initialFontSize=9.5,
            initialLeading=13,
        )
        frame = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            FRAME_WIDTH,
            PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        self._total = total
        self._done = 0
        self._progress = progress
        self._cancel = cancel

    def afterFlowable(self, flowable: Flowable) -> None:
        if self._cancel is not None:
            self._cancel.raise_if_cancelled(CANCELLED)
        index = getattr(flowable, "_fw_index", None)
        if index is None or index <= self._done:
            return
        self._done = index
        if self._progress is not None and index % PROGRESS_EVERY == 0:
            self._progress(index, self._total)


def build_story(pack: EvidencePack, b: Builder) -> list[Flowable]:
    """Cover, contents, summary, "What needs to improve?", judgements (body order), appendices."""
    front = cover(pack, b)
    body: list[Flowable] = [PageBreak()]
    body += summary(pack, b, "1")
    body.append(PageBreak())
    body += improvements(pack, b, "2")
    b.check()
    inspector = pack.cover.inspector
    for number, section in enumerate(pack.judgements, start=3):
        body.append(PageBreak())
        body += judgement(section, b, str(number), inspector=inspector)
        b.check()
    body += appendices(pack, b)
    table_of_contents = [PageBreak(), *contents(b.contents, b)]
    return [*front, *table_of_contents, *body]


def render_pack(
    pack: EvidencePack,
    *,
    producer: str,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> RenderedPack:
    """The pack as PDF bytes (unencrypted, in memory) and its page count."""
    # Plain deflated streams: ASCII85 on top only adds size and (in pure Python) time.
    rl_config.useA85 = 0
    builder = Builder(make_styles(), cancel)
    story = build_story(pack, builder)
    for index, flowable in enumerate(story, start=1):
        flowable._fw_index = index  # type: ignore[attr-defined]
    total = len(story)  # build() empties the list as it lays it out
    if progress is not None:
        progress(0, total)
    buffer = io.BytesIO()
    document = PackDocument(
        buffer,
        marking=pack.marking,
        producer=producer,
        total=total,
        progress=progress,
        cancel=cancel,
    )
    decoration = Decoration(
        marking=pack.marking,
        authority=pack.cover.authority,
        title=PACK_TITLE,
        footer=f"Evidence fingerprint {pack.cover.fingerprint}",
    )
    canvases: list[PackCanvas] = []

    def make_canvas(*args: Any, **kwargs: Any) -> PackCanvas:
        canvas = PackCanvas(*args, decoration=decoration, **kwargs)
        canvases.append(canvas)
        return canvas

    try:
        document.build(story, canvasmaker=partial(make_canvas))
    except FieldworkError:
        raise
    except Exception as error:
        # ReportLab's messages can quote a paragraph's text: keep note text out of logs.
        raise ExportError(
            "The evidence pack could not be laid out. Nothing was written.",
            detail=type(error).__name__,
        ) from None
    if progress is not None:
        progress(total, total)
    pages = canvases[-1].page_count if canvases else 0
    return RenderedPack(buffer.getvalue(), pages, total)
