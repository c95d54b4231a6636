"""Provisional judgements: a grade, rationale and supporting notes per judgement, with warnings."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.errors import FieldworkError
from fieldwork.domain.evidence import ProvisionalJudgement
from fieldwork.domain.framework import EvidenceCounts, GradeScale, Judgement, RuleWarning
from fieldwork.domain.text import first_line
from fieldwork.services.coverage import evidence_by_judgement
from fieldwork.services.judgements import JudgementsView, judgements_view, set_judgement
from fieldwork.services.notebook import Notebook
from fieldwork.services.notes import get_note
from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.panels.shown_loading import LoadWhenShown
from fieldwork.ui.tasks import weak_callback

log = logging.getLogger("fieldwork.ui.judgements")
SAVE_DELAY_MS = 600
NoteIdRole = Qt.ItemDataRole.UserRole + 1

Loaded = tuple[JudgementsView, dict[str, EvidenceCounts], dict[str, str | None]]


def load_judgements(nb: Notebook) -> Loaded:
    """The judgements with their warnings, evidence counts, and supporting notes' first lines."""
    view = judgements_view(nb)
    wanted = {i for j in view.judgements for i in j.supporting_note_ids}
    lines: dict[str, str | None] = {}
    for note_id in wanted:
        note = get_note(nb, note_id)
        lines[note_id] = first_line(note.text) if note is not None else None
    return view, evidence_by_judgement(nb), lines


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def counts_text(counts: EvidenceCounts) -> str:
    parts = [
        _count(counts.strengths, "strength", "strengths"),
        _count(counts.areas_for_improvement, "area for improvement", "areas for improvement"),
        _count(counts.serious_weaknesses, "serious weakness", "serious weaknesses"),
        f"{counts.context} context",
    ]
    if counts.escalations:
        parts.append(_count(counts.escalations, "escalation", "escalations"))
    text = " · ".join(parts)
    if counts.themes_without_evidence:
        themes = _count(counts.themes_without_evidence, "theme has", "themes have")
        text += f"\n{themes} no evidence yet."
    return text


class JudgementSection(QGroupBox):
    """One judgement: grade, warnings beside it, evidence counts, rationale, supporting notes."""

    changed = Signal(str)  # judgement id: save at once
    typed = Signal(str)  # judgement id: rationale edited, save after a pause

    def __init__(self, judgement: Judgement, grades: GradeScale) -> None:
        super().__init__(judgement.title)  # a group box title is plain text
        self.judgement_id = judgement.id
        short = judgement.short_title
        self.setAccessibleName(f"Judgement: {judgement.title}")
        self.supporting_ids: list[str] = []
        self.dirty = False  # the rationale has edits not yet sent to the write lane

        self.grade = QComboBox()
        self.grade.addItem("Not graded yet", None)
        for grade in grades.grades:
            self.grade.addItem(grade.label, grade.id)
        self.grade.setAccessibleName(f"Grade for {short}")
        self.warnings = QWidget()
        self.warnings.setAccessibleName(f"Warnings about the {short} grade")
        self._warning_rows = QVBoxLayout(self.warnings)
        self._warning_rows.setContentsMargins(0, 0, 0, 0)
        self.warnings.hide()
        self._warning_widgets: list[QWidget] = []
        self._shown: list[RuleWarning] = []
        self.counts = QLabel()
        self.counts.setTextFormat(Qt.TextFormat.PlainText)
        self.counts.setWordWrap(True)
        self.counts.setAccessibleName(f"Evidence for {short}")
        self.rationale = QPlainTextEdit()
        self.rationale.setTabChangesFocus(True)  # Tab moves on; a rationale needs no tabs
        self.rationale.setAccessibleName(f"Rationale for {short}")
        self.rationale.setPlaceholderText("Why this grade: the evidence that decides it.")
        self.rationale.setFixedHeight(self.rationale.fontMetrics().lineSpacing() * 5 + 12)
        self.rationale.installEventFilter(self)
        self.supports = QListWidget()
        self.supports.setAccessibleName(f"Notes supporting the {short} grade")
        self.supports.setMaximumHeight(self.supports.fontMetrics().lineSpacing() * 5 + 12)
        self.add_note = QPushButton("Add the &note in the editor")
        self.add_note.setAccessibleName(f"Add the note in the editor to the {short} support")
        self.add_note.setEnabled(False)
        self.remove_note = QPushButton("Re&move")
        self.remove_note.setAccessibleName(f"Remove the chosen note from the {short} support")
        self.remove_note.setEnabled(False)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.hide()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_note)
        buttons.addWidget(self.remove_note)
        buttons.addStretch(1)
        grade_row = QHBoxLayout()  # a combo as wide as the page would look like a text field
        grade_row.addWidget(self.grade)
        grade_row.addStretch(1)
        form = QFormLayout(self)
        form.addRow(self._label("&Grade:", self.grade), grade_row)
        form.addRow("", self.warnings)
        form.addRow(self._label("Evidence:", self.counts), self.counts)
        form.addRow(self._label("&Rationale:", self.rationale), self.rationale)
        form.addRow(self._label("Supporting notes:", self.supports), self.supports)
        form.addRow("", buttons)
        form.addRow("", self.status)

        self.grade.currentIndexChanged.connect(lambda _i: self.changed.emit(self.judgement_id))
        self.rationale.textChanged.connect(self._rationale_edited)
        self.timer.timeout.connect(lambda: self.changed.emit(self.judgement_id))
        self.supports.currentRowChanged.connect(lambda row: self.remove_note.setEnabled(row >= 0))
        self.remove_note.clicked.connect(self._remove_chosen)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    # --- state -------------------------------------------------------------------------
    def value(self) -> ProvisionalJudgement:
        return ProvisionalJudgement(
            self.judgement_id,
            self.grade.currentData(),
            self.rationale.toPlainText(),
            tuple(self.supporting_ids),  # type: ignore[arg-type]
        )

    @property
    def editing(self) -> bool:
        return self.dirty or self.timer.isActive()

    def show_stored(self, stored: ProvisionalJudgement, lines: dict[str, str | None]) -> None:
        """Stored values, unless the inspector has edits on their way to the write lane."""
        if self.editing:
            return
        self.grade.blockSignals(True)
        self.grade.setCurrentIndex(max(0, self.grade.findData(stored.grade)))
        self.grade.blockSignals(False)
        if self.rationale.toPlainText() != stored.rationale:
            self.rationale.blockSignals(True)
            self.rationale.setPlainText(stored.rationale)
            self.rationale.blockSignals(False)
        self.supporting_ids = list(stored.supporting_note_ids)
        self.supports.clear()
        for note_id in self.supporting_ids:
            line = lines.get(note_id)
            self._add_item(note_id, "(deleted note)" if line is None else line or "(empty note)")

    def _add_item(self, note_id: str, text: str) -> None:
        item = QListWidgetItem(text)  # list items never render markup
        item.setData(NoteIdRole, note_id)
        self.supports.addItem(item)

    def add_supporting(self, note_id: str, text: str) -> None:
        if note_id in self.supporting_ids:
            return
        self.supporting_ids.append(note_id)
        self._add_item(note_id, text or "(empty note)")
        self.changed.emit(self.judgement_id)

    def _remove_chosen(self) -> None:
        row = self.supports.currentRow()
        if row < 0:
            return
        note_id = self.supports.item(row).data(NoteIdRole)
        self.supports.takeItem(row)
        self.supporting_ids = [i for i in self.supporting_ids if i != note_id]
        self.changed.emit(self.judgement_id)

    def _rationale_edited(self) -> None:
        self.dirty = True
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.rationale and event.type() == QEvent.Type.FocusOut and self.editing:
            self.changed.emit(self.judgement_id)
        return super().eventFilter(watched, event)

    # --- warnings ----------------------------------------------------------------------
    def show_warnings(self, warnings: list[RuleWarning]) -> None:
        if warnings == self._shown:
            return  # rebuilding the same rows would make a screen reader announce them again
        for row in self._warning_widgets:
            row.hide()
            self._warning_rows.removeWidget(row)
            row.deleteLater()
        self._warning_widgets = [self._warning_row(warning) for warning in warnings]
        for row in self._warning_widgets:
            self._warning_rows.addWidget(row)
        self._shown = list(warnings)
        self.warnings.setVisible(bool(warnings))

    def _warning_row(self, warning: RuleWarning) -> QWidget:
        notice = warning.severity == "notice"
        kind = "Notice" if notice else "Warning"
        pixmap = QStyle.StandardPixmap
        standard = pixmap.SP_MessageBoxInformation if notice else pixmap.SP_MessageBoxWarning
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        row = QWidget()
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(standard).pixmap(size, size))
        icon.setAccessibleName(kind)
        message = QLabel(warning.message)
        message.setTextFormat(Qt.TextFormat.PlainText)  # framework files are data, not markup
        message.setWordWrap(True)
        message.setAccessibleName(f"{kind}: {warning.message}")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(message, 1, Qt.AlignmentFlag.AlignTop)
        return row

    def warning_rule_ids(self) -> tuple[str, ...]:
        return tuple(warning.rule_id for warning in self._shown)


class JudgementPanel(QWidget):
    """A section per judgement in report-table order; each change saves on the write lane.

    Warnings never change a grade; they are shown beside the grades of the judgements they name.
    """

    judgement_saved = Signal(str)  # judgement id, after the write lane has stored it
    refreshed = Signal()  # stored values, counts and warnings have arrived

    def __init__(
        self,
        ctx: WorkspaceContext,
        parent: QWidget | None = None,
        *,
        load_when_shown: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Provisional judgements")
        framework = ctx.framework
        self.sections: dict[str, JudgementSection] = {}
        layout = QVBoxLayout(self)
        for judgement in sorted(framework.judgements, key=lambda j: j.table_order):
            section = JudgementSection(judgement, framework.grades)
            section.changed.connect(self._save)
            section.add_note.clicked.connect(lambda _c=False, s=section: self._add_current(s))
            self.sections[judgement.id] = section
            layout.addWidget(section)
        layout.addStretch(1)
        # Saves in flight: a read that overlaps one may show grades older than the combos.
        self._saves_requested = 0
        self._saves_finished = 0
        loader = LoadWhenShown(self, self.refresh) if load_when_shown else None
        ctx.evidence_changed.connect(loader.request if loader else self.refresh)
        ctx.current_note_changed.connect(self._current_note_changed)
        self._current_note_changed(ctx.current_note)
        if loader is None:
            self.refresh()

    def section(self, judgement_id: str) -> JudgementSection:
        return self.sections[judgement_id]

    # --- loading -----------------------------------------------------------------------
    def refresh(self) -> None:
        quiet = self._saves_finished == self._saves_requested
        asked_at = self._saves_requested
        self.ctx.read(
            load_judgements,
            weak_callback(self._loaded, quiet, asked_at),
            key="judgement-panel",
        )

    def _loaded(self, quiet: bool, asked_at: int, loaded: Loaded) -> None:
        # Current if no save was in flight when asked and none was asked for since.
        current = quiet and asked_at == self._saves_requested
        view, counts, lines = loaded
        for judgement_id, section in self.sections.items():
            section.counts.setText(counts_text(counts.get(judgement_id, EvidenceCounts())))
        if current:  # no save overlapped this read, so its grades and warnings are the latest
            for stored in view.judgements:
                if stored.judgement_id in self.sections:
                    self.sections[stored.judgement_id].show_stored(stored, lines)
            self._show_warnings(view.warnings)
        self.refreshed.emit()

    def _show_warnings(self, warnings: tuple[RuleWarning, ...]) -> None:
        for judgement_id, section in self.sections.items():
            section.show_warnings([w for w in warnings if judgement_id in w.judgement_ids])

    # --- saving ------------------------------------------------------------------------
    def _save(self, judgement_id: str) -> None:
        section = self.sections[judgement_id]
        section.timer.stop()
        section.dirty = False
        value = section.value()
        self._saves_requested += 1
        serial = self._saves_requested
        self.ctx.write(
            lambda nb: set_judgement(nb, value),
            weak_callback(self._saved, judgement_id, serial),
            coalesce=f"judgement:{judgement_id}",
            failed=weak_callback(self._save_failed, judgement_id, serial),
        )

    def _saved(self, judgement_id: str, serial: int, view: JudgementsView) -> None:
        # A save replaced in the queue by a newer one never reports, so count by serial.
        self._saves_finished = max(self._saves_finished, serial)
        self.sections[judgement_id].status.hide()
        if serial == self._saves_requested:  # the newest save: its warnings are the latest
            self._show_warnings(view.warnings)
        self.judgement_saved.emit(judgement_id)

    def _save_failed(self, judgement_id: str, serial: int, error: BaseException) -> None:
        self._saves_finished = max(self._saves_finished, serial)
        log.warning("judgement save failed: %s", type(error).__name__)
        section = self.sections[judgement_id]
        section.dirty = True  # the next change or leaving the rationale tries again
        # Our own errors are sentences for the user; anything else might quote stored text.
        reason = str(error) if isinstance(error, FieldworkError) else "Something went wrong."
        section.status.setText(f"Not saved: {reason} Fieldwork will try again when you edit it.")
        section.status.show()

    def flush(self) -> None:
        """Save every rationale still waiting for its pause (before locking or closing)."""
        for judgement_id, section in self.sections.items():
            if section.editing:
                self._save(judgement_id)

    # --- supporting notes --------------------------------------------------------------
    def _current_note_changed(self, note: Any) -> None:
        for section in self.sections.values():
            section.add_note.setEnabled(note is not None)

    def _add_current(self, section: JudgementSection) -> None:
        note = self.ctx.current_note
        if note is not None:
            section.add_supporting(note.id, first_line(note.text))
