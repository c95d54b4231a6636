"""The look of every window: Fusion with Fieldwork's light or dark palette, and the app icon."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QToolTip

from fieldwork.runtime.assets import asset

THEMES = ("system", "light", "dark")
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
DESKTOP_FILE = "org.fieldwork.Fieldwork"  # the Linux menu entry, so Wayland shows our icon
Role = QPalette.ColorRole
Group = QPalette.ColorGroup


@dataclass(frozen=True, slots=True)
class Colours:
    """One palette's colours. Text on its background is at least 7:1, muted text at least 4.5:1
    (WCAG AA for small text), so placeholders and hints stay readable in either theme."""

    window: str
    base: str
    alternate: str
    text: str
    muted: str
    button: str
    highlight: str
    highlighted_text: str
    link: str
    visited: str
    disabled: str
    light: str
    midlight: str
    mid: str
    dark: str
    shadow: str
    bright: str


LIGHT = Colours(
    window="#f3f4f6",
    base="#ffffff",
    alternate="#f1f3f5",
    text="#1a1d21",
    muted="#545c66",
    button="#e8eaee",
    highlight="#1d6a80",
    highlighted_text="#ffffff",
    link="#135b70",
    visited="#5f3b93",
    disabled="#8a9199",
    light="#ffffff",
    midlight="#e2e5e9",
    mid="#b4bac2",
    dark="#858d96",
    shadow="#4f555c",
    bright="#b3261e",
)
DARK = Colours(
    window="#202328",
    base="#16181c",
    alternate="#1c1f24",
    text="#e9ebee",
    muted="#a9b1bb",
    button="#2c3037",
    highlight="#267d95",
    highlighted_text="#ffffff",
    link="#79c8de",
    visited="#c6abf0",
    disabled="#767e88",
    light="#3d424a",
    midlight="#33373e",
    mid="#4b5159",
    dark="#0f1113",
    shadow="#000000",
    bright="#ff8a80",
)
# For users who ask their system for more contrast: black on white or white on black.
HIGH_CONTRAST_LIGHT = Colours(
    window="#ffffff",
    base="#ffffff",
    alternate="#f2f2f2",
    text="#000000",
    muted="#2b2b2b",
    button="#f0f0f0",
    highlight="#00384a",
    highlighted_text="#ffffff",
    link="#00384a",
    visited="#3d1a6e",
    disabled="#5e5e5e",
    light="#ffffff",
    midlight="#d0d0d0",
    mid="#000000",
    dark="#000000",
    shadow="#000000",
    bright="#8c0000",
)
HIGH_CONTRAST_DARK = Colours(
    window="#000000",
    base="#000000",
    alternate="#141414",
    text="#ffffff",
    muted="#dcdcdc",
    button="#1a1a1a",
    highlight="#ffd60a",
    highlighted_text="#000000",
    link="#8fe3ff",
    visited="#e0c8ff",
    disabled="#a0a0a0",
    light="#ffffff",
    midlight="#3a3a3a",
    mid="#ffffff",
    dark="#ffffff",
    shadow="#000000",
    bright="#ff9e9e",
)


def colours_for(dark: bool, high_contrast: bool = False) -> Colours:
    if high_contrast:
        return HIGH_CONTRAST_DARK if dark else HIGH_CONTRAST_LIGHT
    return DARK if dark else LIGHT


def palette_for(colours: Colours) -> QPalette:
    """A full palette: every role set for every group, so no platform colour leaks through."""
    palette = QPalette()
    roles = {
        Role.Window: colours.window,
        Role.WindowText: colours.text,
        Role.Base: colours.base,
        Role.AlternateBase: colours.alternate,
        Role.Text: colours.text,
        Role.PlaceholderText: colours.muted,
        Role.Button: colours.button,
        Role.ButtonText: colours.text,
        Role.BrightText: colours.bright,
        Role.Highlight: colours.highlight,
        Role.HighlightedText: colours.highlighted_text,
        Role.Accent: colours.highlight,
        Role.Link: colours.link,
        Role.LinkVisited: colours.visited,
        Role.ToolTipBase: colours.base,
        Role.ToolTipText: colours.text,
        Role.Light: colours.light,
        Role.Midlight: colours.midlight,
        Role.Mid: colours.mid,
        Role.Dark: colours.dark,
        Role.Shadow: colours.shadow,
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (Role.WindowText, Role.Text, Role.ButtonText, Role.HighlightedText):
        palette.setColor(Group.Disabled, role, QColor(colours.disabled))
    palette.setColor(Group.Disabled, Role.Highlight, QColor(colours.mid))
    # An inactive window keeps its selection colour: a note picked in the list stays visible
    # while a dialog is open.
    palette.setColor(Group.Inactive, Role.Highlight, QColor(colours.highlight))
    palette.setColor(Group.Inactive, Role.HighlightedText, QColor(colours.highlighted_text))
    return palette


def system_prefers_dark(app: QGuiApplication) -> bool:
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def system_prefers_high_contrast(app: QGuiApplication) -> bool:
    return (
        app.styleHints().accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast
    )


class Appearance(QObject):
    """Applies a theme to the application and, for "system", follows the system's changes."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.theme = "system"
        self.dark = False
        # The same widgets on every platform; the palette does the rest. Made only when the
        # platform's default is another style: building one costs about 30 ms of start-up.
        if app.style().name().lower() != "fusion":
            app.setStyle("Fusion")
        hints = app.styleHints()
        hints.colorSchemeChanged.connect(self._scheme_changed)
        hints.accessibility().contrastPreferenceChanged.connect(self._contrast_changed)

    def apply(self, theme: str) -> None:
        self.theme = theme if theme in THEMES else "system"
        hints = self.app.styleHints()
        if self.theme == "system":
            hints.unsetColorScheme()  # read the system's choice, not one we set earlier
            dark = system_prefers_dark(self.app)
        else:
            dark = self.theme == "dark"
            # Tells the platform too, so title bars that can follow it match the window.
            hints.setColorScheme(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)
        self._set(dark)

    def _scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        """The system switched between light and dark (or we told it to, for a fixed theme)."""
        if self.theme == "system":
            self._set(scheme == Qt.ColorScheme.Dark)

    def _contrast_changed(self, _preference: Qt.ContrastPreference) -> None:
        self._set(self.dark)  # the same theme, with or without high contrast

    def _set(self, dark: bool) -> None:
        self.dark = dark
        palette = palette_for(colours_for(dark, system_prefers_high_contrast(self.app)))
        self.app.setPalette(palette)
        QToolTip.setPalette(palette)
        # Widgets with a style sheet keep the colours they were polished with; polish them again
        # so a theme switched while a notebook is open reaches them too.
        for widget in QApplication.allWidgets():
            if widget.styleSheet():
                widget.style().unpolish(widget)
                widget.style().polish(widget)
                widget.update()


def apply_style(app: QApplication, theme: str) -> Appearance:
    """Fusion, the palette for this theme and the window icon; once per application."""
    appearance = app.findChild(Appearance)
    if not isinstance(appearance, Appearance):
        appearance = Appearance(app)
        app.setWindowIcon(app_icon())
        QGuiApplication.setDesktopFileName(DESKTOP_FILE)
    appearance.apply(theme)
    return appearance


def apply_theme(theme: str) -> None:
    """Switch theme at once (from Preferences); nothing happens before the style is set up."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_style(app, theme)


def app_icon() -> QIcon:
    """The notebook-with-a-tick icon at every size it was drawn for (resources/icons/png).

    Files on disk are named, not read: Qt decodes a size only when something asks for it.
    """
    icon = QIcon()
    for size in ICON_SIZES:
        source = asset("icons", "png", f"fieldwork-{size}.png")
        if isinstance(source, Path):
            icon.addFile(str(source), QSize(size, size))
            continue
        pixmap = QPixmap()  # inside an archive: read the bytes instead
        if pixmap.loadFromData(source.read_bytes()):
            icon.addPixmap(pixmap)
    return icon


def is_dark() -> bool:
    """Whether the palette in use is a dark one (for the few colours widgets choose themselves)."""
    app = QApplication.instance()
    appearance = app.findChild(Appearance) if isinstance(app, QApplication) else None
    return bool(appearance is not None and appearance.dark)
