"""Key lines of enquiry: add them, set their status, and link the notes that answer them."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldwork.domain.errors import FieldworkError
from fieldwork.domain.evidence import ENQUIRY_STATUSES, Enquiry
from fieldwork.domain.ids import EnquiryId, NoteId, new_id
from fieldwork.domain.text import first_line
from fieldwork.services.judgements import list_enquiries, save_enquiry
from fieldwork.services.notebook import Notebook
from fieldwork.services.notes import get_note
from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.models.enquiries_model import STATUS_LABELS, EnquiriesTableModel
from fieldwork.ui.panels.shown_loading import LoadWhenShown
from fieldwork.ui.tasks import weak_callback

log = logging.getLogger("fieldwork.ui.enquiries")
NoteIdRole = Qt.ItemDataRole.UserRole + 1


def load_enquiries(nb: Notebook) -> tuple[list[Enquiry], dict[str, str | None]]:
    """Every line of enquiry, and the first line of each answering note (None if deleted)."""
    enquiries = list_enquiries(nb)
    lines: dict[str, str | None] = {}
    for note_id in {i for e in enquiries for i in e.answer_note_ids}:
        note = get_note(nb, note_id)
        lines[note_id] = first_line(note.text) if note is not None else None
    return enquiries, lines


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


class EnquiriesPanel(QWidget):
    """The inspection's lines of enquiry; every change saves and announces `evidence_changed`."""

    saved = Signal(str)  # enquiry id, once the write lane has stored it
    refreshed = Signal()

    def __init__(
        self,
        ctx: WorkspaceContext,
        parent: QWidget | None = None,
        *,
        load_when_shown: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Key lines of enquiry")
        judgements = sorted(ctx.framework.judgements, key=lambda j: j.table_order)
        self._lines: dict[str, str | None] = {}  # answering note id -> its first line
        self._saves_requested = 0  # serial numbers, so a read that overlaps a save is set aside
        self._saves_finished = 0
        self.model = EnquiriesTableModel({j.id: j.short_title for j in judgements}, self)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Lines of enquiry")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton("&Add a line of enquiry…")
        self.add_button.setAccessibleName("Add a line of enquiry")

        # Adding: a small inline form, so the list stays in view while typing the question.
        self.add_form = QFrame()
        self.add_form.setFrameShape(QFrame.Shape.StyledPanel)
        self.add_form.setAccessibleName("New line of enquiry")
        self.question = QLineEdit()
        self.question.setAccessibleName("Question")
        self.question.setPlaceholderText("What must the inspection find out?")
        self.new_judgement = QComboBox()
        self.new_judgement.setAccessibleName("Judgement the question belongs to")
        self.new_judgement.addItem("No particular judgement", None)
        for judgement in judgements:
            self.new_judgement.addItem(judgement.short_title, judgement.id)
        self.save_new = QPushButton("&Save line of enquiry")
        self.save_new.setEnabled(False)
        self.cancel_new = QPushButton("Cancel")
        add_buttons = QHBoxLayout()
        add_buttons.addWidget(self.save_new)
        add_buttons.addWidget(self.cancel_new)
        add_buttons.addStretch(1)
        add_layout = QFormLayout(self.add_form)
        add_layout.addRow(_buddy("&Question:", self.question), self.question)
        judgement_row = QHBoxLayout()  # combos and buttons keep their own width
        judgement_row.addWidget(self.new_judgement)
        judgement_row.addStretch(1)
        add_layout.addRow(_buddy("&Judgement:", self.new_judgement), judgement_row)
        add_layout.addRow("", add_buttons)
        self.add_form.hide()

        # The chosen line of enquiry.
        self.status = QComboBox()
        self.status.setAccessibleName("Status of the chosen line of enquiry")
        for status in ENQUIRY_STATUSES:
            self.status.addItem(STATUS_LABELS[status], status)
        self.answer_button = QPushButton("Answered by the note in the &editor")
        self.answer_button.setAccessibleName("Mark as answered by the note in the editor")
        self.answers = QListWidget()
        self.answers.setAccessibleName("Notes answering the chosen line of enquiry")
        self.answers.setMaximumHeight(self.answers.fontMetrics().lineSpacing() * 6 + 12)
        self.remove_answer = QPushButton("Remove ans&wer")
        self.remove_answer.setAccessibleName("Remove the chosen answering note")
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.hide()

        top = QHBoxLayout()
        top.addWidget(self.add_button)
        top.addStretch(1)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status)
        status_row.addWidget(self.answer_button)
        status_row.addStretch(1)
        detail = QFormLayout()
        detail.addRow(_buddy("&Status:", self.status), status_row)
        detail.addRow(_buddy("Answering &notes:", self.answers), self.answers)
        remove_row = QHBoxLayout()
        remove_row.addWidget(self.remove_answer)
        remove_row.addStretch(1)
        detail.addRow("", remove_row)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.add_form)
        layout.addWidget(self.table, 1)
        layout.addLayout(detail)
        layout.addWidget(self.message)
        for before, after in (
            (self.add_button, self.question),
            (self.question, self.new_judgement),
            (self.new_judgement, self.save_new),
            (self.save_new, self.cancel_new),
            (self.cancel_new, self.table),
            (self.table, self.status),
            (self.status, self.answer_button),
            (self.answer_button, self.answers),
            (self.answers, self.remove_answer),
        ):
            self.setTabOrder(before, after)

        self.add_button.clicked.connect(self.start_adding)
        self.question.textChanged.connect(lambda t: self.save_new.setEnabled(bool(t.strip())))
        self.question.returnPressed.connect(self.add_enquiry)
        self.save_new.clicked.connect(self.add_enquiry)
        self.cancel_new.clicked.connect(self.stop_adding)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.add_form)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.stop_adding)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.status.currentIndexChanged.connect(self._status_chosen)
        self.answer_button.clicked.connect(self.answer_with_current_note)
        self.answers.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.remove_answer.clicked.connect(self.remove_chosen_answer)
        loader = LoadWhenShown(self, self.refresh) if load_when_shown else None
        ctx.evidence_changed.connect(loader.request if loader else self.refresh)
        ctx.current_note_changed.connect(
            self._current_note_changed
        )  # a method: it disconnects when the panel goes
        self._show_chosen()
        if loader is None:
            self.refresh()

    # --- loading -----------------------------------------------------------------------
    def refresh(self) -> None:
        quiet = self._saves_finished == self._saves_requested
        asked_at = self._saves_requested
        self.ctx.read(
            load_enquiries,
            weak_callback(self._loaded, quiet, asked_at),
            key="enquiries-panel",
        )

    def _loaded(
        self, quiet: bool, asked_at: int, loaded: tuple[list[Enquiry], dict[str, str | None]]
    ) -> None:
        if not (quiet and asked_at == self._saves_requested):
            # A save overlapped this read, which may predate it: showing it would undo the
            # change on screen, and a further edit would then save the old state. The save's
            # own refresh follows.
            return
        enquiries, lines = loaded
        chosen = self.chosen()
        self._lines.update(lines)
        self.model.replace(enquiries)
        if chosen is not None:
            self.choose(chosen.id)
        self._show_chosen()
        self.refreshed.emit()

    # --- choosing ----------------------------------------------------------------------
    def chosen(self) -> Enquiry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.enquiry(rows[0].row()) if rows else None

    def choose(self, enquiry_id: str) -> None:
        row = self.model.row_of(enquiry_id)
        if row >= 0:
            self.table.selectRow(row)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_chosen()

    def _show_chosen(self) -> None:
        enquiry = self.chosen()
        self.status.blockSignals(True)
        self.status.setCurrentIndex(max(0, self.status.findData(enquiry.status if enquiry else "")))
        self.status.blockSignals(False)
        self.answers.clear()
        for note_id in enquiry.answer_note_ids if enquiry else ():
            line = self._lines.get(note_id, "")
            item = QListWidgetItem("(deleted note)" if line is None else line or "(empty note)")
            item.setData(NoteIdRole, note_id)
            self.answers.addItem(item)
        self._update_buttons()

    def _current_note_changed(self, _note: object) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        enquiry = self.chosen()
        self.status.setEnabled(enquiry is not None)
        note = self.ctx.current_note
        self.answer_button.setEnabled(
            enquiry is not None and note is not None and note.id not in enquiry.answer_note_ids
        )
        self.remove_answer.setEnabled(enquiry is not None and self.answers.currentRow() >= 0)

    # --- changing ----------------------------------------------------------------------
    def start_adding(self) -> None:
        self.add_form.show()
        self.question.setFocus()

    def stop_adding(self) -> None:
        self.question.clear()
        self.new_judgement.setCurrentIndex(0)
        self.add_form.hide()
        self.add_button.setFocus()

    def add_enquiry(self) -> None:
        question = self.question.text().strip()
        if not question:
            return
        judgement_id = self.new_judgement.currentData()
        enquiry = Enquiry(EnquiryId(new_id()), question, "open", judgement_id)
        self.stop_adding()
        self._save(enquiry)
        self.choose(enquiry.id)
        self.table.setFocus()

    def _status_chosen(self, _index: int) -> None:
        enquiry = self.chosen()
        status = self.status.currentData()
        if enquiry is not None and status != enquiry.status:
            self._save(replace(enquiry, status=status))

    def answer_with_current_note(self) -> None:
        enquiry, note = self.chosen(), self.ctx.current_note
        if enquiry is None or note is None or note.id in enquiry.answer_note_ids:
            return
        self._lines[note.id] = first_line(note.text)
        status = "partly-answered" if enquiry.status == "open" else enquiry.status
        self._save(
            replace(enquiry, answer_note_ids=(*enquiry.answer_note_ids, note.id), status=status)
        )

    def remove_chosen_answer(self) -> None:
        enquiry, item = self.chosen(), self.answers.currentItem()
        if enquiry is None or item is None:
            return
        note_id: NoteId = item.data(NoteIdRole)
        kept = tuple(i for i in enquiry.answer_note_ids if i != note_id)
        self._save(replace(enquiry, answer_note_ids=kept))

    def _save(self, enquiry: Enquiry) -> None:
        # Shown at once; the write lane stores it and the refresh after it confirms.
        self.model.put(enquiry)
        self._show_chosen()
        self.message.hide()
        self._saves_requested += 1
        serial = self._saves_requested
        self.ctx.write(
            lambda nb: save_enquiry(nb, enquiry),
            weak_callback(self._saved, enquiry.id, serial),
            coalesce=f"enquiry:{enquiry.id}",
            failed=weak_callback(self._save_failed, serial),
        )

    def _saved(self, enquiry_id: str, serial: int, _stored: None) -> None:
        # A save replaced in the queue by a newer one never reports, so count by serial.
        self._saves_finished = max(self._saves_finished, serial)
        self.saved.emit(enquiry_id)
        self.ctx.evidence_changed.emit()  # the coverage view lists unanswered lines of enquiry

    def _save_failed(self, serial: int, error: BaseException) -> None:
        self._saves_finished = max(self._saves_finished, serial)
        log.warning("enquiry save failed: %s", type(error).__name__)
        reason = str(error) if isinstance(error, FieldworkError) else "Something went wrong."
        self.message.setText(f"Not saved: {reason}")
        self.message.show()
        self.refresh()  # show what is stored, not what failed to save

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._update_buttons()
