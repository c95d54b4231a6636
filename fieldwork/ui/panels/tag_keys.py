"""The tag picker's single keys: which key changes what on the selected tag, and their help line."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from fieldwork.domain.evidence import SOURCES, Evaluation, Source, Tag

EVALUATION_KEYS: dict[int, Evaluation] = {
    Qt.Key.Key_S: "strength",
    Qt.Key.Key_A: "area-for-improvement",
    Qt.Key.Key_W: "serious-weakness",
    Qt.Key.Key_C: "context",
}
# 1..6 in the order of SOURCES; 0 clears the source.
SOURCE_KEYS: dict[int, Source | None] = {
    Qt.Key.Key_0 + n: (SOURCES[n - 1] if n else None)  # type: ignore[misc]
    for n in range(len(SOURCES) + 1)
}
FLAG_KEYS = {Qt.Key.Key_G, Qt.Key.Key_K, Qt.Key.Key_E, Qt.Key.Key_Delete, Qt.Key.Key_Backspace}
REMOVE_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
PLAIN = Qt.KeyboardModifier.NoModifier | Qt.KeyboardModifier.ShiftModifier
KEY_HELP = (
    "S strength · A area for improvement · W serious weakness · C context · "
    "1–6 source (0 none) · G grade leaning · K corroborated · E escalate now · Delete remove"
)
SEARCH_HELP = (
    "Type words from a criterion, theme or keyword. Up/Down choose, Enter adds, Escape closes."
)


def is_plain(event: QKeyEvent) -> bool:
    """A key pressed alone (Shift and the keypad allowed), so Ctrl/Alt shortcuts pass through."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return (modifiers | PLAIN) == PLAIN


def next_grade(grade: str | None, grade_ids: Sequence[str]) -> str | None:
    """G cycles the grade leaning through the framework's grades and back to none."""
    cycle: list[str | None] = [None, *grade_ids]
    position = cycle.index(grade) if grade in cycle else 0
    return cycle[(position + 1) % len(cycle)]


def change_for_key(key: int, tag: Tag, grade_ids: Sequence[str]) -> dict[str, object] | None:
    """The fields a single key changes on `tag`, or None when the key is not an edit."""
    if key in EVALUATION_KEYS:
        return {"evaluation": EVALUATION_KEYS[key]}
    if key in SOURCE_KEYS:
        return {"source": SOURCE_KEYS[key]}
    if key == Qt.Key.Key_G:
        return {"grade_leaning": next_grade(tag.grade_leaning, grade_ids)}
    if key == Qt.Key.Key_K:
        return {"corroborated": not tag.corroborated}
    if key == Qt.Key.Key_E:
        return {"escalate": not tag.escalate}
    return None
