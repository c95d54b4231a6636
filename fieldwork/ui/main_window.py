"""The main window: start screen, workspace and lock screen in one stack, with menus and shortcuts."""

from __future__ import annotations

import gc
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QWidget

from fieldwork.runtime.paths import folders
from fieldwork.runtime.preferences import Preferences, load_preferences
from fieldwork.ui.actions import Actions, build_actions
from fieldwork.ui.clipboard_guard import ClipboardGuard
from fieldwork.ui.error_display import show_error
from fieldwork.ui.idle_lock import IdleLock
from fieldwork.ui.session import NotebookSession
from fieldwork.ui.tasks import TaskRunner

TITLE = "Fieldwork"


class MainWindow(QMainWindow):
    def __init__(self, preferences: Preferences | None = None) -> None:
        super().__init__()
        self.preferences = preferences or load_preferences()
        self.setWindowTitle(TITLE)  # neutral: never the authority or a note
        self.resize(1280, 800)
        self.tasks = TaskRunner(error_handler=lambda error: show_error(self, error))
        self.session = NotebookSession(self, self.tasks, self.preferences)
        from fieldwork.ui.backup_scheduler import BackupScheduler

        self.backups = BackupScheduler(self.tasks, lambda: self.preferences, self)
        self.commands = build_actions(self)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        from fieldwork.ui.screens.start_screen import StartScreen

        self.start_screen = StartScreen(self.preferences)
        self._lock_screen: Any = None  # made on first lock: nothing before the first paint waits
        self.workspace: Any = None
        self._resume: tuple[int, str | None] | None = None
        self.stack.addWidget(self.start_screen)
        self.idle = IdleLock(self.preferences.idle_lock_minutes, lambda: self.lock(idle=True))
        self.clipboard_guard = ClipboardGuard(self.preferences.clipboard_clear_seconds, self)
        app = QApplication.instance()
        if app is not None:
            self.idle.watch(app)
        self._build_menus()
        self._connect()
        self._set_notebook_actions(False)
        self._restore_layout()

    # --- construction ----------------------------------------------------------------
    def _build_menus(self) -> None:
        a = self.commands
        bar = self.menuBar()
        for title, items in (
            (
                "&File",
                [
                    a.new_inspection,
                    a.open_notebook,
                    a.open_demo,
                    None,
                    a.export_pack,
                    None,
                    a.back_up_now,
                    a.restore_backup,
                    None,
                    a.lock,
                    a.close_notebook,
                    None,
                    a.quit,
                ],
            ),
            ("&Edit", [a.undo, a.redo, None, a.preferences]),
            ("&Note", [a.new_note, a.save_note, a.tag, a.find]),
            ("&Activity", [a.start_activity, a.stop_activity]),
            (
                "&View",
                [a.view_notes, a.view_coverage, a.view_judgements, a.view_enquiries, a.view_people],
            ),
            ("&Help", [a.guide, a.shortcuts, a.data_folders, None, a.about]),
        ):
            menu = bar.addMenu(title)
            for item in items:
                if item is None:
                    menu.addSeparator()
                else:
                    menu.addAction(item)

    def _connect(self) -> None:
        a, s = self.commands, self.session
        a.new_inspection.triggered.connect(self.new_inspection)
        a.open_notebook.triggered.connect(self.choose_and_open)
        a.open_demo.triggered.connect(self.open_demo)
        a.export_pack.triggered.connect(self.export_pack)
        a.back_up_now.triggered.connect(self.backups.back_up_now)
        a.restore_backup.triggered.connect(self.restore_from_backup)
        a.lock.triggered.connect(lambda: self.lock())
        a.close_notebook.triggered.connect(self.close_notebook)
        a.quit.triggered.connect(self.close)
        a.preferences.triggered.connect(self.edit_preferences)
        # Text fields handle Ctrl+Z themselves; the menu entries reach whichever has focus.
        a.undo.triggered.connect(lambda: self._edit_focused("undo"))
        a.redo.triggered.connect(lambda: self._edit_focused("redo"))
        a.new_note.triggered.connect(lambda: self.workspace and self.workspace.new_note())
        a.save_note.triggered.connect(lambda: self.workspace and self.workspace.editor.flush())
        a.tag.triggered.connect(self._focus_tags)
        a.find.triggered.connect(self._focus_search)
        a.start_activity.triggered.connect(self.start_activity)
        a.stop_activity.triggered.connect(lambda: self.workspace and self.workspace.stop_activity())
        for index, action in enumerate(
            (a.view_notes, a.view_coverage, a.view_judgements, a.view_enquiries, a.view_people)
        ):
            action.triggered.connect(
                lambda _=False, i=index: self.workspace and self.workspace.tabs.setCurrentIndex(i)
            )
        from fieldwork.ui.help_commands import connect_help

        connect_help(self)
        self.start_screen.new_requested.connect(self.new_inspection)
        self.start_screen.open_requested.connect(s.open_folder)
        self.start_screen.demo_requested.connect(self.open_demo)
        self.start_screen.retention.delete_requested.connect(self.delete_notebook)
        s.opened.connect(self._show_workspace)
        s.locked.connect(self._show_locked)
        s.closed.connect(self._show_start)
        s.busy.connect(lambda text: self.statusBar().showMessage(text))
        self._connect_backups()

    def _connect_backups(self) -> None:
        from fieldwork.ui.backup_scheduler import connect_backup_status

        connect_backup_status(self, self.session, self.backups)

    def restore_from_backup(self) -> None:
        from fieldwork.ui.dialogs.restore_dialog import restore_from_menu

        restore_from_menu(self, self.tasks, self.session, self._leave_notebook)

    def _set_notebook_actions(self, enabled: bool) -> None:
        for action in self.commands.notebook_actions():
            action.setEnabled(enabled)

    # --- flows -------------------------------------------------------------------------
    def new_inspection(self) -> None:
        from fieldwork.services.frameworks import installed_frameworks
        from fieldwork.services.opening import keyring_available
        from fieldwork.ui.screens.new_inspection_dialog import NewInspectionDialog

        library = installed_frameworks()
        frameworks = [(f.id, f.title) for f in library.frameworks if f.family == "ilacs"]
        dialog = NewInspectionDialog(
            frameworks, "ilacs-2026", self.preferences.inspector_name, keyring_available(), self
        )
        if dialog.exec():
            from fieldwork.ui.dialogs.preferences_dialog import remember_inspector_name

            values = dialog.result_values()
            remember_inspector_name(self, values.inspection.inspector)
            self._leave_notebook()
            self.session.create(values)

    def choose_and_open(self) -> None:
        from fieldwork.ui.screens.start_screen import choose_notebook_folder

        path = choose_notebook_folder(self)
        if path:
            self._leave_notebook()
            self.session.open_folder(path)

    def open_demo(self) -> None:
        self._leave_notebook()
        self.session.open_demo()

    def _leave_notebook(self) -> None:
        if self.session.ctx is not None:
            self.close_notebook()

    def close_notebook(self) -> None:
        self.session.close(self.workspace.editor if self.workspace else None)

    def lock(self, idle: bool = False) -> None:
        if self.session.ctx is None or self.workspace is None:
            return
        if not idle and not self.workspace.editor.may_lock():
            return  # the disk is full and the user chose to stay and free some space
        minutes = self.preferences.idle_lock_minutes
        reason = f"Locked after {minutes} minutes without use." if idle else ""
        # Where the user was (ids only, no content) so unlocking returns there.
        current = self.workspace.notes.table.currentIndex()
        from fieldwork.ui.models.notes_table_model import NoteIdRole

        self._resume = (
            self.workspace.tabs.currentIndex(),
            current.data(NoteIdRole) if current.isValid() else None,
        )
        self.session.lock(self.workspace.editor, reason)

    def unlock(self) -> None:
        if self.session.path is None:
            return
        if self.session.path == folders().demo_notebook:
            self.session.open_demo()  # the synthetic demo's passphrase is no secret
        else:
            self.session.open_folder(self.session.path)

    def start_activity(self) -> None:
        if self.workspace is None:
            return
        from fieldwork.ui.dialogs.activity_dialog import ActivityDialog

        dialog = ActivityDialog(
            list(self.workspace.cases.values()), list(self.workspace.practitioners.values()), self
        )
        if dialog.exec():
            self.workspace.start_activity(dialog.result_activity())

    def export_pack(self) -> None:
        """Non-modal, so typing goes on while the pack is written; one export dialog at a time."""
        from fieldwork.ui.dialogs.export_dialog import ExportDialog

        if self.session.ctx is None:
            return
        for dialog in self.findChildren(ExportDialog):
            if dialog.isVisible():
                dialog.raise_()
                dialog.activateWindow()
                return
        dialog = ExportDialog(self.session.ctx, self.tasks, self.preferences, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.session.locked.connect(dialog.close)  # closing cancels a running export
        self.session.closed.connect(dialog.close)
        from fieldwork.ui.dialogs.export_review import connect_to_workspace

        connect_to_workspace(dialog, self)
        dialog.show()

    def delete_notebook(self, path: str) -> None:
        """Past its retention period: delete the notebook, its backups and remembered key."""
        from fieldwork.ui.dialogs.secure_delete_dialog import offer_secure_deletion

        offer_secure_deletion(self, path)

    def edit_preferences(self) -> None:
        from fieldwork.ui.dialogs.preferences_dialog import edit_preferences

        edit_preferences(self)

    def _edit_focused(self, operation: str) -> None:
        widget = QApplication.focusWidget()
        method = getattr(widget, operation, None)
        if callable(method):
            method()

    def _focus_tags(self) -> None:
        if self.workspace is not None:
            self.workspace.tabs.setCurrentIndex(0)
            self.workspace.tags.focus_search()

    def _focus_search(self) -> None:
        if self.workspace is not None:
            self.workspace.tabs.setCurrentIndex(0)
            self.workspace.notes.search.setFocus()
            self.workspace.notes.search.selectAll()

    # --- screens -----------------------------------------------------------------------
    def _show_workspace(self, ctx: Any) -> None:
        from fieldwork.ui.workspace import Workspace

        self._drop_workspace()
        self.workspace = Workspace(ctx)
        self.workspace.tags.set_suggestions_enabled(self.preferences.suggestions)
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        self._restore_splitters()
        self._set_notebook_actions(True)
        self.workspace.start()
        self.session.restore_drafts(self.workspace.editor)
        resume, self._resume = self._resume, None
        if resume is not None:
            tab, note_id = resume
            self.workspace.tabs.setCurrentIndex(tab)
            if note_id:
                self.workspace.notes.select_note(note_id)
        self.idle.arm()
        # The framework, models and widgets live as long as the notebook is open: moving them out
        # of the collector's reach keeps its full passes short while the inspector types.
        gc.collect()
        gc.freeze()
        from fieldwork.ui.screens.retention_offer import announce_retention

        announce_retention(self, ctx)
        # A crash is reported by the editor, saying which note came back (editor/recovery.py).

    @property
    def lock_screen(self) -> Any:
        if self._lock_screen is None:
            from fieldwork.ui.screens.lock_screen import LockScreen

            self._lock_screen = LockScreen()
            self._lock_screen.unlock_requested.connect(self.unlock)
            self.stack.addWidget(self._lock_screen)
        return self._lock_screen

    def _show_locked(self, message: str) -> None:
        self.idle.disarm()
        self.clipboard_guard.clear_if_ours()
        self._set_notebook_actions(False)
        self._drop_workspace()
        self.lock_screen.set_message(message)
        self.stack.setCurrentWidget(self.lock_screen)

    def _show_start(self) -> None:
        self.idle.disarm()
        self.clipboard_guard.clear_if_ours()
        self._set_notebook_actions(False)
        self._drop_workspace()
        self.start_screen.set_recent(list(self.session.preferences.recent_notebooks))
        self.stack.setCurrentWidget(self.start_screen)

    def _drop_workspace(self) -> None:
        if self.workspace is not None:
            self._save_splitters()
            self.stack.removeWidget(self.workspace)
            self.workspace.deleteLater()
            self.workspace = None

    # --- layout memory (geometry only: QSettings is plain text) ---------------------------
    def _settings(self) -> QSettings:
        return QSettings(str(folders().config / "ui-state.ini"), QSettings.Format.IniFormat)

    def _restore_layout(self) -> None:
        geometry = self._settings().value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)

    def _save_splitters(self) -> None:
        if self.workspace is not None:
            settings = self._settings()
            settings.setValue("workspace/main", self.workspace.main_split.saveState())
            settings.setValue("workspace/notes", self.workspace.notes_split.saveState())

    def _restore_splitters(self) -> None:
        settings = self._settings()
        for key, splitter in (
            ("workspace/main", self.workspace.main_split),
            ("workspace/notes", self.workspace.notes_split),
        ):
            state = settings.value(key)
            if isinstance(state, QByteArray):
                splitter.restoreState(state)

    # --- help and closing ----------------------------------------------------------------
    def show_shortcuts(self) -> None:
        from fieldwork.ui.help_commands import show_shortcuts

        show_shortcuts(self)

    def show_about(self) -> None:
        from fieldwork.ui.help_commands import show_about

        show_about(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        if (self.workspace is not None and not self.workspace.editor.may_close()) or (
            not self.session.may_quit()  # locked, with typing held in memory
        ):
            event.ignore()  # the disk is full and typing would be lost
            return
        self._save_splitters()
        self._settings().setValue("window/geometry", self.saveGeometry())
        self.session.close(self.workspace.editor if self.workspace else None)
        self.tasks.shutdown()
        self.clipboard_guard.clear_if_ours()
        self.clipboard_guard.detach()
        event.accept()


def actions_of(window: MainWindow) -> Actions:
    return window.commands


__all__ = ["MainWindow", "QWidget"]
