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


def count_text(counts: Counts | None, column: int) -> str:
    if counts is None:
        return ""
    if counts.total == 0:
        return NO_EVIDENCE
    return str(count_value(counts, column))


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


def count_sentence(counts: Counts) -> str:
    if counts.total == 0:
        return "no evidence"
    parts = [_spoken(counts, column) for column in COUNT_COLUMNS]
    if counts.escalations:
        parts.append(f"{counts.escalations} escalated")
    return ", ".join(parts)


def count_tooltip(counts: Counts | None) -> str:
    if counts is None:
        return ""
    sentence = count_sentence(counts)
    return rich_tooltip(sentence[:1].upper() + sentence[1:] + ".")


def accessible_text(kind: str, title: str, counts: Counts | None, column: int) -> str:
    """What a screen reader says for a cell: the name cell says everything, a count cell its
    own count in words (the headers are marks)."""
    if column == NAME:
        name = f"{kind.capitalize()}: {title}"
        return name if counts is None else f"{name}, {count_sentence(counts)}"
    if counts is None:
        return ""
    return "no evidence" if counts.total == 0 else _spoken(counts, column)
