"""The welcome shown on first run: what is encrypted, what the passphrase is for, and where to start.

First run means no preferences file yet: Fieldwork has never opened a notebook or been set up on
this computer for this user. Completing it writes the preferences file (opening a notebook saves
it, and so does "Go to the start page"), so the welcome is shown once and never again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from fieldwork.runtime.paths import folders
from fieldwork.runtime.preferences import save_preferences
from fieldwork.ui.screens.start_screen import centre_page, plain_label, title_label
from fieldwork.ui.style import app_icon

ENCRYPTED = (
    "Everything you write in Fieldwork (notes, cases, people and judgements) is kept in an "
    "encrypted notebook on this computer, and nothing leaves it unless you export it."
)
PASSPHRASE = (
    "Each inspection's notebook has its own passphrase, the only way to open it: choose one you "
    "will remember, because nobody else, including your IT team, can recover it for you."
)
CREATE_HINT = (
    "Name the local authority and the dates on site, then choose the notebook's passphrase. "
    "About a minute."
)
DEMO_HINT = (
    "A fictional authority with 600 made-up notes, to try things out. Its passphrase is no "
    "secret, so never type real notes in it."
)
SKIP_HINT = "To open a notebook you already have, or to start later."


def is_first_run() -> bool:
    """True until Fieldwork has written its preferences file for this user."""
    return not folders().preferences_file.exists()


class FirstRunPage(QWidget):
    """Asks nothing itself: the main window does the creating and opening."""

    create_requested = Signal()
    demo_requested = Signal()
    skip_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Welcome to Fieldwork")
        column = QWidget(self)
        column.setMaximumWidth(640)
        column.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)

        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(QSize(64, 64)))
        icon.setAccessibleName("Fieldwork icon")
        heading = QHBoxLayout()
        heading.setSpacing(16)
        heading.addWidget(icon)
        heading.addWidget(title_label("Welcome to Fieldwork", 2.2), 1)
        layout.addLayout(heading)
        layout.addSpacing(4)
        self.encrypted = plain_label(ENCRYPTED)
        self.encrypted.setAccessibleName("What is encrypted")
        self.passphrase = plain_label(PASSPHRASE)
        self.passphrase.setAccessibleName("What the passphrase is for")
        layout.addWidget(self.encrypted)
        layout.addWidget(self.passphrase)
        layout.addSpacing(18)

        self.create_button = QPushButton("&Create your first inspection…")
        self.create_button.setDefault(True)
        self.create_button.setAccessibleName("Create your first inspection")
        self.demo_button = QPushButton("Try the &demo inspection")
        self.demo_button.setAccessibleName("Try the demo inspection")
        self.skip_button = QPushButton("&Go to the start page")
        self.skip_button.setAccessibleName("Go to the start page")
        for button, hint in (
            (self.create_button, CREATE_HINT),
            (self.demo_button, DEMO_HINT),
            (self.skip_button, SKIP_HINT),
        ):
            button.setAutoDefault(True)  # Enter presses whichever button has the focus
            button.setAccessibleDescription(hint)
            button.setMinimumHeight(max(button.sizeHint().height(), 38))
            button.setMinimumWidth(260)
            row = QHBoxLayout()
            row.setSpacing(16)
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(plain_label(hint, muted=True), 1)
            layout.addLayout(row)
            layout.addSpacing(6)

        centre_page(self, column)

        self.create_button.clicked.connect(self.create_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        self.skip_button.clicked.connect(self.skip_requested)
        self.setTabOrder(self.create_button, self.demo_button)
        self.setTabOrder(self.demo_button, self.skip_button)
        self.setFocusProxy(self.create_button)


def show_first_run(window: Any) -> FirstRunPage:
    """Put the welcome in front of the start page until a notebook opens or the user moves on."""
    page = FirstRunPage()
    window.stack.addWidget(page)
    window.stack.setCurrentWidget(page)

    done: list[bool] = []

    def leave(*_: object) -> None:
        if done:
            return
        done.append(True)
        window.stack.removeWidget(page)
        page.deleteLater()

    def skip() -> None:
        save_preferences(window.preferences)  # records that the welcome has been seen
        window.stack.setCurrentWidget(window.start_screen)
        leave()
        window.start_screen.new_button.setFocus()

    page.create_requested.connect(window.new_inspection)
    page.demo_requested.connect(window.open_demo)
    page.skip_requested.connect(skip)
    window.session.opened.connect(leave)  # opening saved the preferences: first run is over
    page.create_button.setFocus()
    return page
