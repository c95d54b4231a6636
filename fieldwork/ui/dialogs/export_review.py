"""The export's privacy review: what in the pack looks like personal data; accept it or replace it."""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.evidence import Note, NoteDraft
from fieldwork.services.notes import get_note
from fieldwork.services.pack_privacy import (
    NoteFindings,
    OtherFindings,
    PackPrivacyReport,
    describe_kinds,
    kind_label,
)
from fieldwork.services.privacy_guard import NAME_PLACEHOLDER, replacement_for
from fieldwork.ui.dialogs.export_form import button, named
from fieldwork.ui.screens.start_screen import plain_label, title_label

NoteIdRole = Qt.ItemDataRole.UserRole
# The answers and their plain keys (while the review has the focus; Alt and the underlined letter
# work too). The shortcut sheet reads them from here.
ACCEPT_LABEL, ACCEPT_KEY = "&Accept and export", "A"
REPLACE_LABEL, REPLACE_KEY = "&Replace and export", "R"
BACK_LABEL = "&Back"
EXPLANATION = (
    "A pack should name children and families by case reference only. Nothing has been changed "
    "yet. Accept to export the notes as they are, or replace each passage listed as shown after "
    "the arrow: a name becomes the note's case reference, other details a placeholder. The "
    "notes themselves are edited (the change is kept in the notebook's history), so the "
    "notebook and the pack agree. Passages kept as written in a note are not listed again. "
    f"Press Enter on a note to see it in the window; press {ACCEPT_KEY} to accept or "
    f"{REPLACE_KEY} to replace."
)
OTHER_NOTE = "Not replaced here: edit it in the notebook if it should not be in the pack."
_MAX_SHOWN = 60  # characters of one matched passage shown in the list


def _quoted(text: str) -> str:
    flat = " ".join(text.split())
    return f"“{flat if len(flat) <= _MAX_SHOWN else flat[: _MAX_SHOWN - 1] + '…'}”"


def note_line(found: NoteFindings) -> str:
    """ "N-1a2b3c4d (C-014): a name “…” → C-014, …": what to look at, where, and what replaces it."""
    case = found.case_ref or "no single case"
    if found.matched:
        parts = [
            f"{kind_label(kind)} {_quoted(text)} → {replacement}"
            for (kind, _, _), text, replacement in zip(
                found.spans, found.matched, found.replacements, strict=True
            )
        ]
    else:
        parts = [describe_kinds(found.kinds)]
    return f"{found.note_ref} ({case}): {', '.join(parts)}"


def other_line(found: OtherFindings) -> str:
    return f"{found.where[0].upper()}{found.where[1:]}: {describe_kinds(found.kinds)}"


class PrivacyReview(QWidget):
    """One key each: A accepts and exports, R replaces (the editor's rule) and exports."""

    accepted = Signal()
    replace_requested = Signal()
    back_requested = Signal()
    note_requested = Signal(str)  # a note id to show in the window

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Personal data check")
        heading = title_label("Before the pack is written: a check for personal data", 1.3)
        self.headline = named(plain_label(), "What was found")
        font = self.headline.font()
        font.setWeight(QFont.Weight.DemiBold)
        self.headline.setFont(font)
        self.findings = named(QListWidget(), "Notes and texts that look like personal data")
        self.findings.setWordWrap(True)
        self.findings.setAlternatingRowColors(True)
        self.findings.setSpacing(3)
        self.findings.itemActivated.connect(self._activated)
        self.replace_note = named(plain_label(), "What replacing does")
        self.back_button = button(BACK_LABEL, "Back to the export settings", self.back_requested)
        self.replace_button = button(
            REPLACE_LABEL,
            "Replace each passage as listed, then export",
            self.replace_requested,
        )
        self.accept_button = button(
            ACCEPT_LABEL, "Accept the notes as they are and export", self.accepted
        )
        row = QHBoxLayout()
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.replace_button)
        row.addWidget(self.accept_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(self.headline)
        layout.addWidget(named(plain_label(EXPLANATION), "About this check"))
        layout.addWidget(self.findings, 1)
        layout.addWidget(self.replace_note)
        layout.addLayout(row)
        # Plain A and R, as well as Alt+A and Alt+R, while this page has the focus.
        for key, slot in ((ACCEPT_KEY, self.accept_button.click), (REPLACE_KEY, self._replace_key)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.report: PackPrivacyReport | None = None

    def show_report(self, report: PackPrivacyReport) -> None:
        self.report = report
        self.headline.setText(report.headline())
        self.findings.clear()
        for found in report.notes:
            item = QListWidgetItem(note_line(found))
            item.setData(NoteIdRole, found.note_id)
            item.setToolTip("Press Enter or double-click to see this note in the window.")
            self.findings.addItem(item)
        for other in report.other:
            item = QListWidgetItem(f"{other_line(other)}. {OTHER_NOTE}")
            item.setForeground(self.palette().placeholderText())
            self.findings.addItem(item)
        self.replace_button.setEnabled(bool(report.notes))
        count = len(report.notes)
        self.replace_note.setText(
            f"Replacing edits {count} note{'s' if count != 1 else ''}: names become the note's "
            f"case reference ({NAME_PLACEHOLDER} in a note with no case or several), other "
            f"details a placeholder such as {replacement_for('phone', None)}."
            if report.notes
            else "Only text outside the notes was found: replacing is not offered."
        )
        self.findings.setCurrentRow(0)
        self.findings.setFocus()

    def _replace_key(self) -> None:
        if self.replace_button.isEnabled():
            self.replace_button.click()

    def _activated(self, item: QListWidgetItem) -> None:
        note_id = item.data(NoteIdRole)
        if note_id:
            self.note_requested.emit(str(note_id))

    def clear(self) -> None:
        """Drop the matched passages from the screen and from memory."""
        self.findings.clear()
        self.report = None


def reload_after_replacing(editor: Any, note_ids: tuple[str, ...]) -> None:
    """The guard edited these notes: the editor must not keep (and save again) the old text.

    The window flushes the editor before replacing (same write lane, so in order); a note typed
    into since then is left alone, and the save-time privacy banner will see it.
    """
    if editor.draft.id not in note_ids or editor.dirty:
        return
    note_id = editor.draft.id

    def loaded(note: Note | None) -> None:
        if note is None or not shiboken6.isValid(editor):
            return
        if editor.draft.id == note.id and not editor.dirty:
            draft = NoteDraft(
                note.id,
                note.text,
                note.activity_id,
                note.case_ids,
                note.tags,
                note.author,
                note.reviewed,
                note.created_at,
            )
            cursor = min(editor.cursor_position(), len(note.text))
            editor.restore(draft, note.text, cursor, in_notebook=True)

    editor.ctx.read(lambda nb: get_note(nb, note_id), loaded)


def connect_to_workspace(dialog: Any, window: Any) -> None:
    """The review can show a note in the window, and edits notes the editor may be holding."""
    workspace = window.workspace
    if workspace is None:
        return
    editor = workspace.editor
    dialog.replacing.connect(editor.flush)
    dialog.notes_replaced.connect(lambda ids: reload_after_replacing(editor, ids))

    def show(note_id: str) -> None:
        if window.workspace is workspace and shiboken6.isValid(workspace):
            workspace.tabs.setCurrentIndex(0)
            workspace.notes.select_note(note_id)
            window.activateWindow()

    dialog.note_requested.connect(show)
