"""Cases and practitioners of the inspection: two tables, a quick filter, add and edit."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QObject,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from fieldwork.domain.errors import FieldworkError
from fieldwork.domain.people import Case, Practitioner
from fieldwork.services.people import list_cases, list_practitioners, save_case, save_practitioner
from fieldwork.ui.context import WorkspaceContext
from fieldwork.ui.dialogs.person_dialogs import (
    CaseDialog,
    PersonDialog,
    PractitionerDialog,
    next_reference,
)
from fieldwork.ui.models.people_models import (
    CASE_COLUMNS,
    PRACTITIONER_COLUMNS,
    CaseRow,
    IdRole,
    RowsModel,
    SortRole,
)
from fieldwork.ui.panels.shown_loading import LoadWhenShown

log = logging.getLogger("fieldwork.ui.people")


def _table(name: str, model: RowsModel, stretch: int) -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SortRole)
    proxy.setFilterKeyColumn(0)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = QTableView()
    view.setModel(proxy)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setShowGrid(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)  # the free text column
    return view, proxy


class PeoplePanel(QWidget):
    """Loads on the read lane, saves on the write lane, and reloads on `ctx.people_changed`."""

    def __init__(
        self,
        ctx: WorkspaceContext,
        parent: QWidget | None = None,
        *,
        load_when_shown: bool = False,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Cases and practitioners")
        self.cases: tuple[Case, ...] = ()
        self.practitioners: tuple[Practitioner, ...] = ()
        self.dialog: PersonDialog | None = None
        self.loaded_once = False

        self.case_model = RowsModel(CASE_COLUMNS, self)
        self.practitioner_model = RowsModel(PRACTITIONER_COLUMNS, self)
        self.case_view, self.case_proxy = _table("Cases", self.case_model, 5)
        self.practitioner_view, self.practitioner_proxy = _table(
            "Practitioners", self.practitioner_model, 1
        )
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Cases or practitioners")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.case_view, "Cases")
        self.tabs.addTab(self.practitioner_view, "Practitioners")

        self.filter = QLineEdit()
        self.filter.setAccessibleName("Filter by reference or pseudonym")
        self.filter.setPlaceholderText("Type a reference such as C-014 or P07")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.filter.installEventFilter(self)
        filter_label = QLabel("Filter by &reference:")
        filter_label.setBuddy(self.filter)
        self.add_button = QPushButton("A&dd…")
        self.add_button.setAccessibleName("Add a case or practitioner")
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton("Ed&it…")
        self.edit_button.setAccessibleName("Edit the selected case or practitioner")
        self.edit_button.clicked.connect(self.edit)
        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(filter_label)
        top.addWidget(self.filter, 1)
        top.addSpacing(12)
        top.addWidget(self.add_button)
        top.addWidget(self.edit_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        for view in (self.case_view, self.practitioner_view):
            view.activated.connect(self.edit)
            view.selectionModel().currentChanged.connect(self._update_buttons)
        self.tabs.currentChanged.connect(self._update_buttons)
        loader = LoadWhenShown(self, self.reload) if load_when_shown else None
        ctx.people_changed.connect(loader.request if loader else self.reload)
        self._update_buttons()
        if loader is None:
            self.reload()

    # --- loading ----------------------------------------------------------------------
    def reload(self) -> None:
        # Its own key: another panel reading people must not replace this callback.
        self.ctx.read(
            lambda nb: (list_cases(nb), list_practitioners(nb)), self._loaded, key="people-panel"
        )

    def _loaded(self, result: tuple[list[Case], list[Practitioner]]) -> None:
        cases, practitioners = result
        self.cases, self.practitioners = tuple(cases), tuple(practitioners)
        pseudonyms: dict[str, str] = {p.id: p.pseudonym for p in practitioners}
        rows = [CaseRow(c, pseudonyms.get(c.practitioner_id or "", "")) for c in cases]
        keep = {view: self._current_id(view) for view in (self.case_view, self.practitioner_view)}
        self.case_model.replace(rows)
        self.practitioner_model.replace(practitioners)
        for view, item_id in keep.items():
            self._select(view, item_id)
        if not self.loaded_once:
            self.loaded_once = True
            for view in (self.case_view, self.practitioner_view):
                view.resizeColumnsToContents()
                header = view.horizontalHeader()
                for column in range(header.count()):
                    header.resizeSection(column, header.sectionSize(column) + 24)
        self._update_buttons()

    # --- filtering ----------------------------------------------------------------------
    def _filter(self, text: str) -> None:
        proxies = (self.case_proxy, self.practitioner_proxy)
        for proxy in proxies:
            proxy.setFilterFixedString(text.strip())
        here = self.tabs.currentIndex()
        if proxies[here].rowCount() == 0 and proxies[1 - here].rowCount() > 0:
            self.tabs.setCurrentIndex(1 - here)  # typed "P0": show the practitioners
        self._update_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down or Enter in the filter moves into the table, on its first match.
        if (
            watched is self.filter
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            view = self.current_view()
            if view.model().rowCount() > 0:
                view.setFocus()
                if not view.currentIndex().isValid():
                    view.selectRow(0)
                return True
        return super().eventFilter(watched, event)

    def _update_buttons(self) -> None:
        for index, (noun, proxy, model) in enumerate(
            (
                ("Cases", self.case_proxy, self.case_model),
                ("Practitioners", self.practitioner_proxy, self.practitioner_model),
            )
        ):
            shown, total = proxy.rowCount(), model.rowCount()
            count = f"{shown} of {total}" if shown != total else str(total)
            self.tabs.setTabText(index, f"{noun} ({count})")
        # Say which kind the buttons add or edit: they follow the tab shown.
        kind = "case" if self.tabs.currentIndex() == 0 else "practitioner"
        self.add_button.setText(f"A&dd {kind}…")
        self.edit_button.setText(f"Ed&it {kind}…")
        self.edit_button.setEnabled(self._current_id(self.current_view()) is not None)

    # --- selection --------------------------------------------------------------------
    def current_view(self) -> QTableView:
        return self.case_view if self.tabs.currentIndex() == 0 else self.practitioner_view

    @staticmethod
    def _current_id(view: QTableView) -> str | None:
        index = view.currentIndex()
        return str(index.data(IdRole)) if index.isValid() else None

    def _select(self, view: QTableView, item_id: str | None) -> None:
        if item_id is None:
            return
        model = view.model()
        for row in range(model.rowCount()):
            if model.index(row, 0).data(IdRole) == item_id:
                view.selectRow(row)
                return

    # --- add and edit -----------------------------------------------------------------
    def add(self) -> None:
        if self.tabs.currentIndex() == 0:
            suggested = next_reference([c.reference for c in self.cases], "C-", 3)
            self._open(CaseDialog(None, self.practitioners, self.cases, suggested, self))
        else:
            suggested = next_reference([p.pseudonym for p in self.practitioners], "P", 2)
            self._open(PractitionerDialog(None, self.practitioners, suggested, self))

    def edit(self) -> None:
        item_id = self._current_id(self.current_view())
        if item_id is None:
            return
        if self.tabs.currentIndex() == 0:
            case = next(c for c in self.cases if c.id == item_id)
            self._open(CaseDialog(case, self.practitioners, self.cases, case.reference, self))
        else:
            person = next(p for p in self.practitioners if p.id == item_id)
            self._open(PractitionerDialog(person, self.practitioners, person.pseudonym, self))

    def _open(self, dialog: PersonDialog) -> None:
        self.dialog = dialog
        dialog.save_requested.connect(lambda value: self._save(dialog, value))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()  # window-modal, and lane results still arrive while it is open

    def _save(self, dialog: PersonDialog, value: Case | Practitioner) -> None:
        clash = self._clash(value)
        if clash:
            dialog.show_error(clash)
            return
        dialog.set_busy(True)
        service: Callable[[Any, Any], None] = (
            save_case if isinstance(value, Case) else save_practitioner
        )
        self.ctx.write(
            lambda nb: service(nb, value),
            lambda _: self._saved(dialog),
            failed=lambda error: self._failed(dialog, error),
        )

    def _clash(self, value: Case | Practitioner) -> str | None:
        """The store keeps references unique; say so plainly instead of failing on save."""
        if isinstance(value, Case):
            taken = {c.reference.casefold() for c in self.cases if c.id != value.id}
            if value.reference.casefold() in taken:
                return f"There is already a case {value.reference}. Use another reference."
        else:
            taken = {p.pseudonym.casefold() for p in self.practitioners if p.id != value.id}
            if value.pseudonym.casefold() in taken:
                return f"There is already a practitioner {value.pseudonym}. Use another pseudonym."
        return None

    def _saved(self, dialog: PersonDialog) -> None:
        if isValid(dialog):  # it may have been cancelled while the save ran
            dialog.accept()
        self.ctx.people_changed.emit()  # every panel (this one too) reloads

    def _failed(self, dialog: PersonDialog, error: BaseException) -> None:
        if not isValid(dialog):
            return  # cancelled while saving: nothing was saved and nobody is waiting
        dialog.set_busy(False)
        if isinstance(error, FieldworkError):
            dialog.show_error(str(error))
        else:
            log.error("saving a person failed: %s", type(error).__name__)
            dialog.show_error("Fieldwork could not save that. Nothing was changed; try again.")
