"""Shows a failure as a plain sentence; anything unexpected is logged, never shown as a traceback."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from fieldwork.domain.errors import FieldworkError

log = logging.getLogger("fieldwork.ui")


def message_for(error: BaseException) -> str:
    if isinstance(error, FieldworkError):
        return str(error)
    log.error("unexpected error: %s", type(error).__name__, exc_info=error)
    return "Something went wrong inside Fieldwork. Your saved notes are safe; the details are in the log."


def show_error(parent: QWidget | None, error: BaseException, title: str = "Fieldwork") -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message_for(error), QMessageBox.StandardButton.Ok, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
