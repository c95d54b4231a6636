"""The window's working area for an open notebook: notes, editor, tags, coverage, judgements."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.evidence import Activity, Note
from fieldwork.services.activities import list_activities, save_activity
from fieldwork.services.notes import SaveResult, get_note
from fieldwork.services.people import list_cases, list_practitioners
from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.editor.note_editor import NoteEditor
from fieldwork.ui.panels.coverage_view import CoverageView
from fieldwork.ui.panels.enquiries_panel import EnquiriesPanel
from fieldwork.ui.panels.framework_tree import FrameworkTreePanel
from fieldwork.ui.panels.judgement_panel import JudgementPanel
from fieldwork.ui.panels.notes_list import NotesList
from fieldwork.ui.panels.people_panel import PeoplePanel
from fieldwork.ui.panels.tag_picker import TagPicker

TABS = ("Notes", "Coverage", "Judgements", "Lines of enquiry", "Cases and people")


class Workspace(QWidget):
    """Built when a notebook opens; thrown away when it locks or closes."""

    def __init__(self, ctx: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.cases: dict[str, Any] = {}
        self.practitioners: dict[str, Any] = {}
        self.activities: dict[str, Activity] = {}
        self.tree = FrameworkTreePanel(ctx)
        self.notes = NotesList(ctx)
        self.editor = NoteEditor(ctx)
        self.tags = TagPicker(ctx)
        # Tabs other than Notes load when first opened (see panels/shown_loading.py).
        self.coverage = CoverageView(ctx, load_when_shown=True)
        self.judgements = JudgementPanel(ctx, load_when_shown=True)
        self.enquiries = EnquiriesPanel(ctx, load_when_shown=True)
        self.people = PeoplePanel(ctx, load_when_shown=True)

        self.activity_label = QLabel("No activity running")
        self.activity_label.setTextFormat(Qt.TextFormat.PlainText)
        self.activity_label.setAccessibleName("Running activity")
        self.stop_button = QPushButton("Stop activity")
        self.stop_button.setEnabled(False)
        self.stop_button.clicked.connect(self.stop_activity)
        bar = QHBoxLayout()
        bar.addWidget(self.activity_label, 1)
        bar.addWidget(self.stop_button)

        editor_pane = QSplitter(Qt.Orientation.Vertical)
        editor_pane.addWidget(self.editor)
        editor_pane.addWidget(self.tags)
        editor_pane.setStretchFactor(0, 3)
        editor_pane.setStretchFactor(1, 2)
        self.notes_split = QSplitter(Qt.Orientation.Horizontal)
        self.notes_split.addWidget(self.notes)
        self.notes_split.addWidget(editor_pane)
        self.notes_split.setStretchFactor(0, 3)
        self.notes_split.setStretchFactor(1, 2)
        self.notes_split.setSizes([640, 420])

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Notebook views")
        judgements = QScrollArea()
        judgements.setWidgetResizable(True)
        judgements.setWidget(self.judgements)
        for title, widget in zip(
            TABS,
            (self.notes_split, self.coverage, judgements, self.enquiries, self.people),
            strict=True,
        ):
            self.tabs.addTab(widget, title)
        self.main_split = QSplitter(Qt.Orientation.Horizontal)
        self.main_split.addWidget(self.tree)
        self.main_split.addWidget(self.tabs)
        self.main_split.setStretchFactor(0, 1)
        self.main_split.setStretchFactor(1, 4)
        self.main_split.setSizes([330, 1070])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.main_split, 1)

        self._saved_tags: dict[str, Any] = {}
        self._list_refresh = QTimer(self)
        self._list_refresh.setSingleShot(True)
        self._list_refresh.setInterval(3000)
        self._list_refresh.timeout.connect(self.notes.refresh)
        self.notes.note_chosen.connect(self._open_note)
        self.editor.saved.connect(self._note_saved)
        self.editor.note_started.connect(lambda draft: self.tags.set_tags(draft.tags))
        self.tags.tags_edited.connect(self.editor.set_tags)
        self.tags.follow_editor(self.editor)
        ctx.people_changed.connect(self.load_lookups)
        ctx.framework_filter_changed.connect(lambda _node: self.tabs.setCurrentIndex(0))

    # --- loading ---------------------------------------------------------------------
    def start(self) -> None:
        """Ready to type at once; lists fill in from the read lane."""
        self.editor.new_note()
        self.load_lookups()
        self.notes.refresh()

    def load_lookups(self) -> None:
        self.ctx.read(
            lambda nb: (list_cases(nb), list_practitioners(nb), list_activities(nb)),
            self._lookups_loaded,
            key="lookups",
        )

    def _lookups_loaded(self, loaded: tuple[list[Any], list[Any], list[Activity]]) -> None:
        cases, people, activities = loaded
        self.cases = {c.id: c for c in cases}
        self.practitioners = {p.id: p for p in people}
        self.activities = {a.id: a for a in activities}
        self.notes.set_lookups(
            {a.id: a.title for a in activities}, {c.id: c.reference for c in cases}
        )
        running = [a for a in activities if a.ended_at is None]
        self._show_activity(running[-1] if running else None)

    def _open_note(self, note_id: str) -> None:
        if note_id == self.editor.draft.id:
            return
        self.ctx.read(lambda nb: get_note(nb, note_id), self._note_loaded, key="open-note")

    def _note_loaded(self, note: Note | None) -> None:
        if note is not None:
            self._saved_tags[note.id] = note.tags
            self.editor.load_note(note)
            self.ctx.current_note = note
            self.ctx.current_note_changed.emit(note)

    def _note_saved(self, result: SaveResult) -> None:
        note_id = result.saved.id
        self.ctx.read(lambda nb: get_note(nb, note_id), self._current_refreshed, key="saved-note")

    def _current_refreshed(self, note: Note | None) -> None:
        if note is None:
            return
        # Counts, coverage and judgements depend on tags only: while the inspector types, an
        # autosave every second must not make every panel reload (that stalled typing). Text
        # changes reach the notes list a little later, in one refresh.
        known = self._saved_tags.get(note.id)
        self._saved_tags[note.id] = note.tags
        if known is None or known != note.tags:
            self.ctx.evidence_changed.emit()
        else:
            self._list_refresh.start()
        if note.id == self.editor.draft.id:
            self.ctx.current_note = note
            self.ctx.current_note_changed.emit(note)
            self.notes.select_note(note.id)

    # --- notes and activities ----------------------------------------------------------
    def new_note(self) -> None:
        activity = self.ctx.running_activity
        self.editor.new_note(
            activity.id if activity else None, activity.case_ids if activity else ()
        )
        self.ctx.current_note = None
        self.ctx.current_note_changed.emit(None)
        self.tabs.setCurrentIndex(0)

    def start_activity(self, activity: Activity) -> None:
        self.stop_activity()
        self.ctx.write(
            lambda nb: save_activity(nb, activity), lambda _: self.ctx.people_changed.emit()
        )
        self._show_activity(activity)
        self.new_note()

    def stop_activity(self) -> None:
        running = self.ctx.running_activity
        if running is None:
            return
        ended = Activity(
            running.id,
            running.kind,
            running.title,
            running.started_at,
            datetime.now(UTC),
            running.case_ids,
            running.practitioner_ids,
        )
        self.ctx.write(
            lambda nb: save_activity(nb, ended), lambda _: self.ctx.people_changed.emit()
        )
        self._show_activity(None)

    def _show_activity(self, activity: Activity | None) -> None:
        self.ctx.running_activity = activity
        self.stop_button.setEnabled(activity is not None)
        if activity is None:
            self.activity_label.setText(
                "No activity running: notes are not linked to one. "
                "Start one with Activity ▸ Start activity… (Ctrl+Shift+A)."
            )
        else:
            since = activity.started_at.astimezone().strftime("%H:%M")
            self.activity_label.setText(f"Activity: {activity.title} · since {since}")
        self.ctx.activity_changed.emit(activity)
