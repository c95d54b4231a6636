"""Help: the keyboard shortcuts sheet, the short guide to working with Fieldwork, and About."""

from __future__ import annotations

import platform
from collections.abc import Iterable

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldwork import __version__
from fieldwork.runtime.assets import asset
from fieldwork.ui.screens.start_screen import plain_label

OGL_CREDIT = (
    "Suggestions are learned from published inspection reports. Contains public sector "
    "information licensed under the Open Government Licence v3.0."
)
LICENCE = (
    "Licence: proprietary. Parts from others keep their own licences: Qt for Python (LGPL v3) "
    "and the fonts in evidence packs (SIL Open Font Licence 1.1 for Noto Sans, the Bitstream "
    "Vera licence for DejaVu Sans)."
)


# --- keyboard shortcuts ---------------------------------------------------------------------
def _keys(action: QAction) -> str:
    return ", ".join(
        key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()
    )


def _name(action: QAction) -> str:
    return _name_of(action.text())


def _name_of(label: str) -> str:
    return label.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")


def menu_shortcuts(window: QMainWindow) -> list[tuple[str, list[tuple[str, str]]]]:
    """(menu title, [(command, keys)]) for every menu command that has a key, in menu order.

    Read from the window's own menus and actions, so the sheet is never out of date.
    """
    sections: list[tuple[str, list[tuple[str, str]]]] = []
    listed: set[int] = set()
    for top in window.menuBar().actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        rows = []
        for action in menu.actions():
            listed.add(id(action))
            if not action.isSeparator() and _keys(action):
                rows.append((_name(action), _keys(action)))
        if rows:
            sections.append((_name(top), rows))
    # Window-wide commands that are in no menu still work: list them too.
    others = [
        (_name(a), _keys(a))
        for a in window.actions()
        if id(a) not in listed and _keys(a) and a.text()
    ]
    if others:
        sections.append(("Elsewhere in the window", others))
    return sections


def _mnemonic(label: str) -> str:
    """ "Alt+K" for "&Keep as written": the key a button's underlined letter gives it."""
    return QKeySequence.mnemonic(label).toString(QKeySequence.SequenceFormat.NativeText)


def panel_shortcuts() -> list[tuple[str, list[tuple[str, str]]]]:
    """Keys that belong to one panel, from the texts and keys those panels define themselves."""
    from fieldwork.ui.dialogs import export_review as review
    from fieldwork.ui.editor.privacy_banner import KEEP_LABEL, REPLACE_LABEL
    from fieldwork.ui.panels.suggestion_bar import SLOTS, key_text
    from fieldwork.ui.panels.tag_keys import KEY_HELP, SEARCH_HELP

    tag_rows = [("Find a criterion to tag", "Ctrl+T, then type")]
    for sentence in SEARCH_HELP.split(". ")[1:]:
        for part in sentence.rstrip(".").split(", "):
            key, _, what = part.partition(" ")
            tag_rows.append((what.capitalize(), key))
    for part in KEY_HELP.split(" · "):
        key, _, what = part.partition(" ")
        tag_rows.append((f"Selected tag: {what}", key))
    writing = [
        ("Accept a suggested criterion", f"{key_text(0)} to {key_text(SLOTS - 1)}"),
        ("Privacy check: keep as written", _mnemonic(KEEP_LABEL)),
        ("Privacy check: replace personal data", _mnemonic(REPLACE_LABEL)),
        ("Bold and italic in a note", "*bold*  _italic_"),
        ("Move on from the note text", "Tab"),
    ]
    export_check = [
        (_name_of(review.ACCEPT_LABEL), f"{review.ACCEPT_KEY} or {_mnemonic(review.ACCEPT_LABEL)}"),
        (
            _name_of(review.REPLACE_LABEL),
            f"{review.REPLACE_KEY} or {_mnemonic(review.REPLACE_LABEL)}",
        ),
        ("See the note in the window", "Enter"),
        ("Back to the export settings", _mnemonic(review.BACK_LABEL)),
    ]
    return [
        ("While writing a note", writing),
        ("In the tag picker", tag_rows),
        ("In the export's privacy check", export_check),
    ]


class ShortcutsDialog(QDialog):
    """A two-column sheet, one group per menu; stays open beside the window while working."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        self.resize(620, 640)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Command", "Keys"])
        self.tree.setAccessibleName("Keyboard shortcuts")
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self._fill([*menu_shortcuts(window), *panel_shortcuts()])
        note = plain_label(
            "Every command is also in the menus: press Alt and the underlined letter to reach it.",
            muted=True,
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.tree.setFocus()

    def _fill(self, sections: Iterable[tuple[str, list[tuple[str, str]]]]) -> None:
        self._rows: list[tuple[str, str]] = []
        first: QTreeWidgetItem | None = None
        for title, rows in sections:
            group = QTreeWidgetItem([title, ""])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFirstColumnSpanned(True)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
            for name, keys in rows:
                item = QTreeWidgetItem([name, keys])
                item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{name}: {keys}")
                group.addChild(item)
                self._rows.append((name, keys))
                first = first or item
            group.setExpanded(True)
        if first is not None:
            self.tree.setCurrentItem(first)

    def rows(self) -> list[tuple[str, str]]:
        """Every (command, keys) shown, in order."""
        return list(self._rows)


# --- the guide --------------------------------------------------------------------------------
def guide_text() -> str:
    return asset("help", "guide.md").read_text(encoding="utf-8")


class GuideDialog(QDialog):
    """The short guide (resources/help/guide.md), read-only; links open nothing outside."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("How Fieldwork works")
        self.setAccessibleName("How Fieldwork works")
        self.resize(680, 720)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Guide")
        self.browser.setOpenLinks(False)  # the guide is ours and offline; no link leaves the app
        self.browser.setMarkdown(guide_text())
        self.browser.document().setDocumentMargin(16)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.browser.setFocus()


# --- about ------------------------------------------------------------------------------------
def about_text() -> str:
    """Version, the inspection frameworks installed, what it is built on, licence and credits."""
    from fieldwork.services.frameworks import installed_frameworks

    library = installed_frameworks()
    frameworks = "\n".join(
        f"• {f.title}: in force from {f.in_force_from.day} {f.in_force_from:%B %Y}"
        + (f" to {f.in_force_to.day} {f.in_force_to:%B %Y}" if f.in_force_to else "")
        for f in library.frameworks
    )
    return (
        f"Fieldwork {__version__}\n\n"
        "An encrypted notebook for inspections of local authority children's services. "
        "Framework text is Fieldwork's own paraphrase, not Ofsted's wording.\n\n"
        f"Inspection frameworks installed:\n{frameworks or '  none'}\n\n"
        f"Built with Python {platform.python_version()}, Qt {qVersion()} and Qt for Python "
        f"{PySide6.__version__}.\n\n"
        f"{LICENCE}\n\n{OGL_CREDIT}"
    )


def about_box(parent: QWidget | None) -> QMessageBox:
    box = QMessageBox(
        QMessageBox.Icon.NoIcon,
        "About Fieldwork",
        about_text(),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    icon = parent.windowIcon() if parent is not None else None
    if icon is not None and not icon.isNull():
        box.setIconPixmap(icon.pixmap(64, 64))
    return box
