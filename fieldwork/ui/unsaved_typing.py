"""Asking first when closing, locking or quitting would lose typing the disk had no room for."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

CLOSE_QUESTION = (
    "Some typing has not been saved because the disk is full. If Fieldwork closes now, it is "
    "lost. Free some space and wait for Saved, or close anyway."
)
LOCK_QUESTION = (
    "Your latest typing could not be saved because the disk is full. If you lock now, it is "
    "kept in memory, encrypted, until you unlock, and lost if Fieldwork is closed or the "
    "computer shuts down before then. Stay unlocked and free some space, or lock anyway?"
)
QUIT_LOCKED_QUESTION = (
    "Typing the full disk had no room for is kept in memory, encrypted, until you unlock. If "
    "Fieldwork closes now, it is lost. Unlock and free some space first, or close anyway?"
)
OPEN_OTHER_QUESTION = (
    "Typing the full disk had no room for is kept in memory, encrypted, until you unlock the "
    "locked notebook. Opening another notebook loses it. Unlock first, or open anyway?"
)


def ask_before_losing(parent: QWidget, text: str, keep: str, go_ahead: str) -> bool:
    """True to go ahead; keeping (the safe answer) is the default and what Esc chooses."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Unsaved typing",
        text,
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    keep_button = box.addButton(keep, QMessageBox.ButtonRole.RejectRole)
    box.addButton(go_ahead, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(keep_button)
    box.setEscapeButton(keep_button)
    box.exec()
    return box.clickedButton() is not keep_button
