"""The style: readable palettes, the system's light or dark choice followed, and the icon."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PIL import Image
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from fieldwork.runtime.assets import asset
from fieldwork.ui import style
from fieldwork.ui.style import (
    DARK,
    HIGH_CONTRAST_DARK,
    HIGH_CONTRAST_LIGHT,
    ICON_SIZES,
    LIGHT,
    Colours,
    app_icon,
    apply_style,
    apply_theme,
)
from tests.support.app_look import restored_look

pytestmark = pytest.mark.ui
PALETTES = {
    "light": LIGHT,
    "dark": DARK,
    "high contrast light": HIGH_CONTRAST_LIGHT,
    "high contrast dark": HIGH_CONTRAST_DARK,
}


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    with restored_look() as app:
        yield app


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("name", PALETTES)
def test_text_is_readable_in_every_palette(name: str) -> None:
    c: Colours = PALETTES[name]
    for background in (c.base, c.window, c.button, c.alternate):
        assert contrast(c.text, background) >= 7, background
        assert contrast(c.muted, background) >= 4.5, background  # hints and placeholders
    assert contrast(c.highlighted_text, c.highlight) >= 4.5  # a selected row
    assert contrast(c.link, c.base) >= 4.5
    assert contrast(c.highlight, c.base) >= 3  # the selection stands out from the list


def test_fixed_themes_set_fusion_and_their_palette(app: QApplication) -> None:
    apply_style(app, "dark")
    assert app.style().name().lower() == "fusion"
    palette = app.palette()
    assert palette.color(QPalette.ColorRole.Window).name() == DARK.window
    assert palette.color(QPalette.ColorRole.PlaceholderText).name() == DARK.muted
    apply_theme("light")
    assert app.palette().color(QPalette.ColorRole.Base).name() == LIGHT.base
    apply_theme("no such theme")  # an old or edited preferences file: follow the system
    assert style.Appearance in {type(c) for c in app.children()}


def test_system_theme_follows_the_system_scheme(app: QApplication) -> None:
    appearance = apply_style(app, "system")
    hints = app.styleHints()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)  # the user switches the desktop to dark
    assert appearance.dark and style.is_dark()
    assert app.palette().color(QPalette.ColorRole.Window).name() == DARK.window
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert app.palette().color(QPalette.ColorRole.Window).name() == LIGHT.window
    apply_theme("light")
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)  # a fixed theme ignores the system
    assert app.palette().color(QPalette.ColorRole.Window).name() == LIGHT.window


def test_high_contrast_when_the_system_asks(
    app: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The offscreen platform has no contrast setting to change, so the question is answered here.
    monkeypatch.setattr(style, "system_prefers_high_contrast", lambda _app: True)
    apply_style(app, "dark")
    assert app.palette().color(QPalette.ColorRole.Window).name() == HIGH_CONTRAST_DARK.window
    assert app.palette().color(QPalette.ColorRole.Text).name() == "#ffffff"


def test_icon_at_every_size_and_set_on_the_application(app: QApplication) -> None:
    icon = app_icon()
    sizes = {size.width() for size in icon.availableSizes()}
    assert sizes == set(ICON_SIZES)
    assert not icon.pixmap(QSize(16, 16)).isNull()
    apply_style(app, "light")
    assert {s.width() for s in app.windowIcon().availableSizes()} == set(ICON_SIZES)


def test_installer_icons_hold_the_sizes_each_platform_needs() -> None:
    with asset("icons", "fieldwork.ico").open("rb") as handle:
        ico = Image.open(handle)
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with asset("icons", "fieldwork.icns").open("rb") as handle:
        icns = Image.open(handle)
        assert icns.size == (1024, 1024)
    with asset("icons", "fieldwork.png").open("rb") as handle:
        assert Image.open(handle).size == (256, 256)
    svg = asset("icons", "fieldwork.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "<script" not in svg


def test_a_theme_switched_while_open_reaches_styled_widgets(
    app: QApplication, qtbot: QtBot
) -> None:
    apply_style(app, "light")
    button = QPushButton("Alt+1  Thresholds understood and applied")
    button.setStyleSheet("text-align: left; padding: 1px 4px;")  # as the suggestion bar does
    qtbot.addWidget(button)
    button.show()
    assert button.palette().color(QPalette.ColorRole.ButtonText).name() == LIGHT.text
    apply_theme("dark")
    assert button.palette().color(QPalette.ColorRole.ButtonText).name() == DARK.text
