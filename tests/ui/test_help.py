"""The Help menu: guide, shortcuts sheet read from the real actions, where data lives, About."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import qVersion
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from pytestqt.qtbot import QtBot

from fieldwork import __version__
from fieldwork.runtime.paths import folders
from fieldwork.runtime.preferences import Preferences
from fieldwork.services.frameworks import installed_frameworks
from fieldwork.ui.dialogs.data_folders_dialog import DataFoldersDialog
from fieldwork.ui.dialogs.help_dialogs import (
    GuideDialog,
    ShortcutsDialog,
    about_text,
    guide_text,
    panel_shortcuts,
)
from fieldwork.ui.main_window import MainWindow
from fieldwork.ui.panels.tag_keys import KEY_HELP
from tests.support.window import read_next_message_box

pytestmark = pytest.mark.ui


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    window = MainWindow(Preferences())
    qtbot.addWidget(window)
    return window


def _help_menu_texts(window: MainWindow) -> list[str]:
    menus = [a.menu() for a in window.menuBar().actions() if a.text() == "&Help"]
    return [a.text() for a in menus[0].actions() if not a.isSeparator()]


def test_help_menu_has_guide_shortcuts_data_and_about(window: MainWindow) -> None:
    assert _help_menu_texts(window) == [
        "&How Fieldwork works",
        "&Keyboard shortcuts",
        "&Where your data lives",
        "&About Fieldwork",
    ]
    assert window.commands.guide.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)


def test_shortcut_sheet_lists_every_menu_key_and_follows_new_ones(
    qtbot: QtBot, window: MainWindow
) -> None:
    expected = {
        (a.text().replace("&", "").rstrip("…"), a.shortcut().toString(QKeySequence.NativeText))
        for a in vars(window.commands).values()
        if isinstance(a, QAction) and not a.shortcut().isEmpty()
    }
    sheet = ShortcutsDialog(window)
    qtbot.addWidget(sheet)
    assert expected <= set(sheet.rows())
    assert ("Tag the note", "Ctrl+T") in sheet.rows()
    # A command added to a menu later appears without anyone editing the sheet.
    extra = QAction("Count the notes", window)
    extra.setShortcut(QKeySequence("Ctrl+Alt+Y"))
    window.menuBar().actions()[0].menu().addAction(extra)
    again = ShortcutsDialog(window)
    qtbot.addWidget(again)
    assert ("Count the notes", "Ctrl+Alt+Y") in again.rows()


def test_shortcut_sheet_reads_the_tag_keys_from_the_tag_picker() -> None:
    rows = dict(panel_shortcuts())["In the tag picker"]
    keys = {key for _, key in rows}
    # Every key the picker's own help line names is on the sheet.
    assert {part.split(" ", 1)[0] for part in KEY_HELP.split(" · ")} <= keys
    assert ("Selected tag: strength", "S") in rows
    assert ("Adds", "Enter") in rows


def test_shortcut_sheet_reads_the_privacy_keys_from_the_banner_and_the_review(
    qtbot: QtBot, window: MainWindow
) -> None:
    from PySide6.QtGui import QShortcut
    from PySide6.QtWidgets import QPlainTextEdit

    from fieldwork.ui.dialogs.export_review import PrivacyReview
    from fieldwork.ui.editor.privacy_banner import PrivacyBanner

    def mnemonic(text: str) -> str:
        return QKeySequence.mnemonic(text).toString(QKeySequence.SequenceFormat.NativeText)

    sheet = ShortcutsDialog(window)
    qtbot.addWidget(sheet)
    rows = set(sheet.rows())
    # The editor's privacy banner: the keys its real buttons answer to.
    text = QPlainTextEdit()
    qtbot.addWidget(text)
    banner = PrivacyBanner(text)
    keep, replace = mnemonic(banner.keep_button.text()), mnemonic(banner.replace_button.text())
    assert (keep, replace) == ("Alt+K", "Alt+R")
    assert ("Privacy check: keep as written", keep) in rows
    assert ("Privacy check: replace personal data", replace) in rows
    # The export's review: its plain-key shortcuts and its buttons' underlined letters.
    review = PrivacyReview()
    qtbot.addWidget(review)
    plain = sorted(s.key().toString() for s in review.findChildren(QShortcut))
    assert plain == ["A", "R"]
    section = dict(panel_shortcuts())["In the export's privacy check"]
    accept = review.accept_button.text().replace("&", "")
    replace_all = review.replace_button.text().replace("&", "")
    assert (accept, f"A or {mnemonic(review.accept_button.text())}") in section
    assert (replace_all, f"R or {mnemonic(review.replace_button.text())}") in section
    assert ("Back to the export settings", mnemonic(review.back_button.text())) in section
    assert set(section) <= rows


def test_every_key_the_guide_names_exists(window: MainWindow) -> None:
    text = guide_text()
    for step in ("Capture", "Tag", "Judge", "Export"):
        assert re.search(rf"^## \d\. {step}$", text, re.MULTILINE), step
    real = {
        a.shortcut().toString(QKeySequence.NativeText)
        for a in vars(window.commands).values()
        if isinstance(a, QAction) and not a.shortcut().isEmpty()
    }
    real |= {key for _, rows in panel_shortcuts() for _, key in rows}
    named = set(re.findall(r"\b(?:Ctrl|Alt)\+(?:Shift\+)?[A-Z0-9]\b", text))
    assert named, "the guide should name its keys"
    alt_range = {"Alt+1", "Alt+5"}  # "Alt+1 to Alt+5"
    assert named - alt_range <= real, named - real
    # Menu paths the guide names are real menu entries.
    for menu, entry in re.findall(r"\*\*(\w+) ▸ ([^*]+?)\*\*", text):
        menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
        entries = [a.text().replace("&", "") for a in menus[menu].actions()]
        assert entry in entries, (menu, entry)


def test_guide_is_shown_read_only_and_opens_once(qtbot: QtBot, window: MainWindow) -> None:
    window.show()
    window.commands.guide.trigger()
    shown = [d for d in window.findChildren(GuideDialog) if d.isVisible()]
    assert len(shown) == 1
    browser = shown[0].browser
    assert browser.isReadOnly() and not browser.openLinks() and not browser.openExternalLinks()
    assert "Capture" in browser.toPlainText() and "#" not in browser.toPlainText()[:3]
    window.commands.guide.trigger()  # raises the same one
    assert len([d for d in window.findChildren(GuideDialog) if d.isVisible()]) == 1
    window.commands.shortcuts.trigger()
    assert any(d.isVisible() for d in window.findChildren(ShortcutsDialog))


def test_where_data_lives_names_the_real_folders(qtbot: QtBot, tmp_path: Path) -> None:
    chosen = tmp_path / "usb" / "backups"
    chosen.mkdir(parents=True)
    dialog = DataFoldersDialog(Preferences(backup_folder=str(chosen)))
    qtbot.addWidget(dialog)
    places = {place.what: place for place in dialog.places}
    where = folders()
    assert places["Backups"].path == chosen
    assert places["Preferences"].path == where.preferences_file
    assert places["Log"].path == where.log
    assert places["Notebooks"].path == Path.home() / "Documents" / "Fieldwork"
    # Copy puts the path on the clipboard; a folder not made yet cannot be opened.
    index = list(places).index("Backups")
    dialog.copy_buttons[index].click()
    assert QGuiApplication.clipboard().text() == str(chosen)
    assert dialog.open_buttons[index].isEnabled()
    log = list(places).index("Log")
    assert not where.log.exists() and not dialog.open_buttons[log].isEnabled()
    default = DataFoldersDialog(Preferences())
    qtbot.addWidget(default)
    assert default.places[1].path == where.backups


def test_about_names_version_frameworks_toolkit_licence_and_credit(
    qtbot: QtBot, window: MainWindow
) -> None:
    text = about_text()
    assert f"Fieldwork {__version__}" in text
    for framework in installed_frameworks().frameworks:
        assert framework.title in text
    assert f"Qt {qVersion()}" in text and "Licence:" in text
    assert "Open Government Licence v3.0" in text
    seen: list[str] = []
    read_next_message_box(seen)
    window.commands.about.trigger()
    assert seen == [text]
