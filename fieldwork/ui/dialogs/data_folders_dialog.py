"""Help ▸ Where your data lives: each folder Fieldwork uses, what it holds, to copy or open."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldwork.runtime.paths import folders
from fieldwork.runtime.preferences import Preferences
from fieldwork.ui.screens.new_inspection_dialog import notebooks_home
from fieldwork.ui.screens.start_screen import plain_label

INTRO = (
    "Notebooks and backups are encrypted. The other folders hold no notes, cases or names: "
    "settings, window sizes and a log of events."
)
KEYRING = (
    "Notebooks you chose to remember on this computer keep a key in the system keyring "
    "(not in a folder); Fieldwork forgets it when the notebook is deleted."
)


@dataclass(frozen=True, slots=True)
class Place:
    what: str
    holds: str
    path: Path
    is_file: bool = False

    @property
    def folder(self) -> Path:
        return self.path.parent if self.is_file else self.path


def data_places(preferences: Preferences) -> list[Place]:
    """Where things are kept on this computer, from the same functions that keep them there."""
    where = folders()
    backups = Path(preferences.backup_folder).expanduser() if preferences.backup_folder else None
    return [
        Place(
            "Notebooks",
            "New inspections are suggested here; you can keep each one anywhere.",
            notebooks_home(),
        ),
        Place(
            "Backups",
            "Encrypted copies of each notebook, made automatically"
            + (" (the folder chosen in Preferences)." if backups else "."),
            backups or where.backups,
        ),
        Place("Demo inspection", "The synthetic demo notebook.", where.demo_notebook),
        Place("Added frameworks", "Framework files you added.", where.user_frameworks),
        Place("Preferences", "Your settings and recent notebooks.", where.preferences_file, True),
        Place(
            "Window layout", "Window size and panel widths.", where.config / "ui-state.ini", True
        ),
        Place("Log", "Events and errors, never note text, to help with problems.", where.log),
    ]


class DataFoldersDialog(QDialog):
    """One row per place: what it holds, its path, Copy path and Open folder."""

    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Where your data lives")
        self.setAccessibleName("Where your data lives")
        self.setMinimumWidth(720)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(0, 1)
        self.places = data_places(preferences)
        self.copy_buttons: list[QPushButton] = []
        self.open_buttons: list[QPushButton] = []
        row = 0
        for place in self.places:
            title = QLabel(place.what)
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            grid.addWidget(title, row, 0)
            grid.addWidget(plain_label(place.holds, muted=True), row + 1, 0)
            path = plain_label(str(place.path))
            path.setAccessibleName(f"{place.what} path")
            path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(path, row + 2, 0)
            copy = QPushButton("Copy path")
            copy.setAccessibleName(f"Copy the {place.what.lower()} path")
            copy.clicked.connect(lambda _=False, p=place: self.copy_path(p))
            opener = QPushButton("Open folder")
            opener.setAccessibleName(f"Open the {place.what.lower()} folder")
            opener.clicked.connect(lambda _=False, p=place: self.open_folder(p))
            if not place.folder.is_dir():
                opener.setEnabled(False)
                opener.setToolTip("Not created yet: Fieldwork makes it when it is first needed.")
            grid.addWidget(copy, row + 2, 1)
            grid.addWidget(opener, row + 2, 2)
            self.copy_buttons.append(copy)
            self.open_buttons.append(opener)
            line = QFrame()
            line.setFrameShape(QFrame.Shape.HLine)
            line.setFrameShadow(QFrame.Shadow.Sunken)
            grid.addWidget(line, row + 3, 0, 1, 3)
            row += 4
        self.status = plain_label(muted=True)
        self.status.setAccessibleName("Message")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(plain_label(INTRO))
        layout.addLayout(grid)
        layout.addWidget(plain_label(KEYRING, muted=True))
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        if self.copy_buttons:
            self.copy_buttons[0].setFocus()

    def copy_path(self, place: Place) -> None:
        QGuiApplication.clipboard().setText(str(place.path))
        self.status.setText(f"Copied the {place.what.lower()} path.")

    def open_folder(self, place: Place) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(place.folder))):
            self.status.setText(
                f"This computer has no program set to open folders; the path is {place.folder}."
            )
