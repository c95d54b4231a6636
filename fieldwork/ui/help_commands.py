"""The Help menu's commands, kept out of the main window: each opens one help dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog


def connect_help(window: Any) -> None:
    a = window.commands
    a.guide.triggered.connect(lambda: show_guide(window))
    a.shortcuts.triggered.connect(lambda: show_shortcuts(window))
    a.data_folders.triggered.connect(lambda: show_data_folders(window))
    a.about.triggered.connect(lambda: show_about(window))


def _show_one(window: Any, kind: type[QDialog], make: Callable[[], QDialog]) -> QDialog:
    """Not modal, so it can stay open beside the notes; a second request raises the first."""
    for dialog in window.findChildren(kind):
        if dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
            return dialog
    dialog = make()
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def show_guide(window: Any) -> QDialog:
    from fieldwork.ui.dialogs.help_dialogs import GuideDialog

    return _show_one(window, GuideDialog, lambda: GuideDialog(window))


def show_shortcuts(window: Any) -> QDialog:
    from fieldwork.ui.dialogs.help_dialogs import ShortcutsDialog

    return _show_one(window, ShortcutsDialog, lambda: ShortcutsDialog(window))


def show_data_folders(window: Any) -> QDialog:
    from fieldwork.ui.dialogs.data_folders_dialog import DataFoldersDialog

    return _show_one(
        window, DataFoldersDialog, lambda: DataFoldersDialog(window.preferences, window)
    )


def show_about(window: Any) -> None:
    from fieldwork.ui.dialogs.help_dialogs import about_box

    about_box(window).exec()
