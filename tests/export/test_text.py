"""The one escaping function, emphasis after escaping, and fonts that always have the glyph."""

from __future__ import annotations

from fieldwork.export.fonts import pack_fonts
from fieldwork.export.text import EMOJI_PLACEHOLDER, escape_text, markup, plain


def test_escaping_makes_markup_literal() -> None:
    assert escape_text('<b>&"x"</b>') == '&lt;b&gt;&amp;"x"&lt;/b&gt;'
    assert escape_text("one\ntwo\r\nthree\rfour") == "one<br/>two<br/>three<br/>four"


def test_controls_are_dropped_except_tab_and_newline() -> None:
    assert escape_text("a\x00b\x07c\x1bd\x7fe\x85f\tg") == "abcdef\tg"


def test_lone_surrogates_become_replacement_characters() -> None:
    assert escape_text("a\ud800b\udfffc") == "a\ufffdb\ufffdc"


def test_emphasis_is_applied_after_escaping() -> None:
    assert markup("*<b>* and _&_", emphasis=True) == "<b>&lt;b&gt;</b> and <i>&amp;</i>"
    assert markup("*<b>*") == "*&lt;b&gt;*"  # no emphasis unless asked


def test_welsh_and_polish_stay_in_the_body_font() -> None:
    text = "Cyngor Sir Ynys Môn, ŵ ŷ Ŵ Ŷ; Łódź, zażółć gęślą jaźń"
    assert markup(text) == text
    assert all(ord(ch) in pack_fonts().body for ch in text)


def test_characters_the_body_font_lacks_get_a_fallback_font() -> None:
    out = markup("a ≥ b")
    assert out == 'a <font name="FW-DejaVu">≥</font> b'


def test_characters_no_font_has_become_visible_placeholders() -> None:
    assert markup("well done 🎉") == f"well done {EMOJI_PLACEHOLDER}"
    assert markup("中文") == "\ufffd\ufffd"
    assert markup("👍") == EMOJI_PLACEHOLDER  # beyond the BMP: ReportLab cannot map it to text
    assert markup("✔") == '<font name="FW-DejaVu">✔</font>'
    # Joiners and variation selectors no font draws are dropped, never printed as boxes.
    assert markup("\U0001f468\u200d\U0001f469") == f"{EMOJI_PLACEHOLDER}\u200d{EMOJI_PLACEHOLDER}"
    assert markup("x\U000e0067y") == "xy"


def test_plain_text_for_the_canvas_is_one_line_and_drawable() -> None:
    assert plain("OFFICIAL\nSENSITIVE\x00 🎉 Môn") == f"OFFICIAL SENSITIVE {EMOJI_PLACEHOLDER} Môn"
