"""What the framework tree shows of a node's evidence counts: columns, texts, tooltips, speech."""

from __future__ import annotations

import html
from dataclasses import dataclass

from fieldwork.ui.models.notes_table_model import EVALUATION_MARK

NAME, EVIDENCE, STRENGTHS, AREAS, SERIOUS = range(5)
COUNT_COLUMNS = (EVIDENCE, STRENGTHS, AREAS, SERIOUS)
# The count columns are headed with the marks the notes list gives tags (+ − ‼), so that they
# stay narrow and the criterion titles keep the width; each header's tooltip names it in full.
HEADERS = (
    "Framework",
    "Tags",
    EVALUATION_MARK["strength"],
    EVALUATION_MARK["area-for-improvement"],
    EVALUATION_MARK["serious-weakness"],
)
HEADER_TIPS = (
    "Judgements, themes and criteria of the framework in force.",
    "Evidence tags of every kind, context included.",
    "Strengths.",
    "Areas for improvement.",
    "Serious weaknesses.",
)
NO_EVIDENCE = "\u2014"  # an em dash, so an empty criterion reads differently from a zero


def rich_tooltip(*paragraphs: str) -> str:
    """Tooltips are rich text: escape every part and say so explicitly with <p>."""
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)


@dataclass(frozen=True, slots=True)
class Counts:
    total: int = 0
    strengths: int = 0
    areas: int = 0  # areas for improvement
    serious: int = 0  # serious weaknesses
    escalations: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.total + other.total,
            self.strengths + other.strengths,
            self.areas + other.areas,
            self.serious + other.serious,
            self.escalations + other.escalations,
        )


def is_empty(counts: Counts | None) -> bool:
    """Whether a node is shown muted: counts known, and none."""
    return counts is not None and counts.total == 0


def count_value(counts: Counts, column: int) -> int:
    """The number a count column shows for these counts."""
    if column == EVIDENCE:
        return counts.total
    if column == STRENGTHS:
        return counts.strengths
    return counts.areas if column == AREAS else counts.serious


def _spoken(counts: Counts, column: int) -> str:
    number = count_value(counts, column)
    if column == EVIDENCE:
        return f"{number} evidence tag{'' if number == 1 else 's'}"
    if column == STRENGTHS:
        return f"{number} strength{'' if number == 1 else 's'}"
    if column == AREAS:
        return f"{number} area{'' if number == 1 else 's'} for improvement"
    return f"{number} serious weakness{'' if number == 1 else 'es'}"


@dataclass(frozen=True, slots=True)
class RowTexts:
    """Everything a node's row says of its counts, worked out once for all its cells."""

    name_spoken: str
    tooltip: str  # of every count cell
    counts: tuple[tuple[str, str], ...]  # per count column: its text and its spoken text


def row_texts(kind: str, title: str, counts: Counts | None) -> RowTexts:
    name = f"{kind.capitalize()}: {title}"
    if counts is None:
        return RowTexts(name, "", tuple(("", "") for _ in COUNT_COLUMNS))
    if counts.total == 0:
        cells = tuple((NO_EVIDENCE, "no evidence") for _ in COUNT_COLUMNS)
        sentence = "no evidence"
    else:
        cells = tuple((str(count_value(counts, c)), _spoken(counts, c)) for c in COUNT_COLUMNS)
        escalated = [f"{counts.escalations} escalated"] if counts.escalations else []
        sentence = ", ".join([spoken for _, spoken in cells] + escalated)
    tooltip = rich_tooltip(sentence[:1].upper() + sentence[1:] + ".")
    return RowTexts(f"{name}, {sentence}", tooltip, cells)
