"""The privacy guard in the editor: says what kinds of personal data a note seems to hold.

The matched words are highlighted in the note itself and never copied into the banner, a log or
anywhere else. One key keeps them as written (Alt+K; not raised again for this note), one
replaces them (Alt+R): names with the note's case reference, other details with a placeholder
such as "[phone number removed]". Neither blocks typing or saving.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from fieldwork.services.privacy_guard import Flagged, fingerprint, replacement_for
from fieldwork.ui.editor.banner import Banner

# The two answers; their underlined letters are the keys (Alt+K, Alt+R), and the shortcut sheet
# reads them from here.
KEEP_LABEL = "&Keep as written"
REPLACE_LABEL = "&Replace"

_PLURALS = {
    "date of birth": "dates of birth",
    "address": "addresses",
    "email address": "email addresses",
}


def describe(findings: tuple[Flagged, ...]) -> str:
    """ "an NHS number and 2 names": kinds and counts, never the words found."""
    counts = Counter(f.kind for f in findings)
    parts: list[str] = []
    for kind, count in counts.items():
        label = next(f.label for f in findings if f.kind == kind)
        if count == 1:
            parts.append(label)
        else:
            noun = label.split(" ", 1)[1]
            parts.append(f"{count} {_PLURALS.get(noun, noun + 's')}")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


class PrivacyBanner(Banner):
    """Shown after a save whose text looks like it holds personal data; hidden when resolved."""

    keep_requested = Signal(str, tuple)  # note id, fingerprints of the findings kept
    replaced = Signal()  # the note's text was changed: save it now

    def __init__(self, text: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__("Privacy check", parent, buttons_below=True)
        self._text = text
        self.keep_button = self.add_button(KEEP_LABEL, "Keep as written", self.keep)
        self.replace_button = self.add_button(REPLACE_LABEL, "Replace personal data", self.replace)
        self._note_id = ""
        self._case_ref: str | None = None
        self._marks: list[tuple[Flagged, QTextCursor]] = []
        self._kept: set[str] = set()  # this note's kept findings, before the notebook confirms
        self._format = QTextCharFormat()
        self._format.setBackground(QColor("#ffe08a"))
        self._format.setForeground(QColor("#1a1a1a"))
        self._format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self._format.setUnderlineColor(QColor("#c42b1c"))

    # --- shown by the editor after each save of the latest text ------------------------------
    def show_findings(
        self, note_id: str, findings: tuple[Flagged, ...], case_ref: str | None
    ) -> None:
        """`findings` hold offsets into the editor's text as it is now (the editor checks)."""
        if note_id != self._note_id:
            self.reset(note_id)
        self._case_ref = case_ref
        shown = tuple(f for f in findings if f.fingerprint not in self._kept)
        self._marks = []
        document = self._text.document()
        length = document.characterCount() - 1
        position = _utf16_positions(self._text.toPlainText()) if shown else None
        for finding in shown:
            start, end = (
                (finding.start, finding.end)
                if position is None
                else (
                    position(finding.start),
                    position(finding.end),
                )
            )
            if end > length:
                continue
            cursor = QTextCursor(document)  # follows later edits, so the highlight stays put
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            self._marks.append((finding, cursor))
        self._paint()
        if not self._marks:
            self.hide()
            return
        found = tuple(f for f, _ in self._marks)
        replacements = sorted({replacement_for(f.kind, case_ref) for f in found})
        how = ""
        if len(replacements) == 1:
            self.replace_button.setText(f"{REPLACE_LABEL} with {replacements[0]}")
            self.replace_button.setAccessibleName(f"Replace with {replacements[0]}")
        else:
            self.replace_button.setText(f"{REPLACE_LABEL} them")
            self.replace_button.setAccessibleName("Replace them")
            how = f" Replacing puts {replacement_for('name', case_ref)} for a name, [… removed] for the rest."
        self.show_text(
            f"This note may contain personal data: {describe(found)} (highlighted). "
            f"Keep it only if it belongs in the evidence.{how}",
            "warning",
        )

    def reset(self, note_id: str = "") -> None:
        """A different note is in the editor: forget the marks and what was kept locally."""
        self._note_id = note_id
        self._kept = set()
        self._marks = []
        self._paint()
        self.hide()

    @property
    def marked(self) -> list[tuple[int, int]]:
        """The highlighted spans as they are now (for tests and screen readers' summaries)."""
        return [(c.selectionStart(), c.selectionEnd()) for _, c in self._marks if c.hasSelection()]

    # --- the two answers -------------------------------------------------------------------
    def keep(self) -> None:
        if not self._marks:
            return
        prints = tuple(f.fingerprint for f, _ in self._marks)
        self._kept.update(prints)
        self._marks = []
        self._paint()
        self.hide()
        self.keep_requested.emit(self._note_id, prints)

    def replace(self) -> None:
        """Each finding whose words are still there becomes its placeholder, as one undo step."""
        live = [
            (finding, cursor)
            for finding, cursor in self._marks
            if cursor.hasSelection()
            and fingerprint(finding.kind, _plain(cursor.selectedText())) == finding.fingerprint
        ]
        self._marks = []
        self._paint()
        self.hide()
        if not live:
            return
        block = QTextCursor(self._text.document())
        block.beginEditBlock()
        for finding, cursor in sorted(live, key=lambda m: m[1].selectionStart(), reverse=True):
            cursor.insertText(replacement_for(finding.kind, self._case_ref))
        block.endEditBlock()
        self.replaced.emit()

    def _paint(self) -> None:
        selections = []
        for _, cursor in self._marks:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = self._format
            selections.append(selection)
        self._text.setExtraSelections(selections)


def _utf16_positions(text: str) -> Callable[[int], int] | None:
    """Python counts characters, Qt counts UTF-16 units: they differ after an emoji."""
    if text.isascii() or all(ord(ch) <= 0xFFFF for ch in text):
        return None
    return lambda index: len(text[:index].encode("utf-16-le")) // 2


def _plain(selected: str) -> str:
    # QTextCursor.selectedText() writes line breaks as U+2029.
    return selected.replace("\u2029", "\n")
