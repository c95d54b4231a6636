"""Hostile sizes and scripts: long words and notes, long lists, Welsh, Polish, emoji; cancel."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from fieldwork.domain.errors import Cancelled
from fieldwork.domain.pack import CaseSampleRow
from fieldwork.domain.progress import CancelToken
from fieldwork.export.pack_document import render_pack
from tests.export import sample
from tests.support.pdf import all_text, drawn_characters, missing_glyphs, reader

WELSH = "Cyngor Sir Ynys Môn: gŵr, tŷ, Llŷr, ŵyr; Ŵ Ŷ â ê î ô û"
POLISH = "Łódź, Gdańsk, Kraków: zażółć gęślą jaźń ĄĆĘŁŃÓŚŹŻ"
OTHER = "Ørsted, Þórr, İstanbul, naïve café, €15, ½ day, “quoted” — dash…"
EMOJI = "Child said 👍 then 🎉 and ❤ ✓ ★ ≥ 😀"


def render(pack):  # type: ignore[no-untyped-def]
    return render_pack(pack, producer="Fieldwork test")


def squash(text: str) -> str:
    return "".join(text.split())


def test_latin_extended_and_emoji_use_bundled_fonts_with_every_glyph() -> None:
    entries = (
        sample.entry(WELSH, 1),
        sample.entry(POLISH, 2, evaluation="area-for-improvement"),
        sample.entry(OTHER, 3, evaluation="context"),
        sample.entry(EMOJI, 4),
    )
    pack = sample.pack((sample.section(entries),), authority="Cyngor Gwynedd – Łódź test")
    pdf = reader(render(pack).data)
    text = squash(all_text(pdf))
    for line in (WELSH, POLISH, OTHER):
        assert squash(line) in text
    # 🎉 has no glyph in any bundled font, and ReportLab cannot map characters beyond the Basic
    # Multilingual Plane (👍, 😀) to text: a visible placeholder rather than a box or garbage.
    assert text.count("[emoji]") == 3
    assert "❤✓★≥" in text
    fonts = drawn_characters(pdf)
    assert "Helvetica" not in fonts
    assert set(fonts) <= {
        "NotoSans-Regular",
        "NotoSans-Bold",
        "NotoSans-Italic",
        "NotoSans-BoldItalic",
        "DejaVuSans",
        "NotoSansSymbols2-Regular",
    }
    assert missing_glyphs(pdf) == {}
    assert "\ufffd" not in text


def test_a_5000_character_word_is_wrapped_not_clipped() -> None:
    word = "".join(random.Random(5).choice("abcdefghij") for _ in range(5000))
    pack = sample.pack(
        (sample.section((sample.entry(f"Before {word} after", 1),)),),
        cases=(CaseSampleRow("C-001", "5-9", "Child in need", "FH", "P01", word, 1),),
    )
    text = squash(all_text(reader(render(pack).data)))
    assert text.count(word) == 2  # in the evidence and in the case table cell, all of it


def test_a_40000_word_note_flows_over_pages_with_nothing_lost() -> None:
    rng = random.Random(40)
    vocabulary = ["the", "child", "was", "seen", "alone", "at", "school", "and", "a", "manager"]
    words = [rng.choice(vocabulary) for _ in range(40_000)]
    words[20_000] = "*MIDDLEMARK*"
    note = " ".join(["FIRSTWORD", *words, "LASTWORD."])
    pack = sample.pack((sample.section((sample.entry(note, 1),)),))
    result = render(pack)
    pdf = reader(result.data)
    text = all_text(pdf)
    assert result.pages > 40
    assert "FIRSTWORD" in text and "LASTWORD." in text and "MIDDLEMARK" in text
    assert squash(text).count("seenalone") == squash(note).count("seenalone")


def test_a_very_long_case_list_and_case_table() -> None:
    references = tuple(f"C-{i:05d}" for i in range(3000))
    cases = tuple(
        CaseSampleRow(r, "10-15", "Child in care", "CIC", "P14", "care order; " * 5, 2)
        for r in references[:1200]
    )
    pack = sample.pack(
        (sample.section((sample.entry("Many children.", 1, case_refs=references),)),),
        cases=cases,
    )
    text = all_text(reader(render(pack).data))
    assert text.count("C-02999") == 1  # on the entry's details line
    assert text.count("C-01199") == 2  # and in the case table
    assert squash(text).count("careorder;") == 1200 * 5


def test_long_framework_and_user_strings_in_headers_and_charts() -> None:
    long_authority = "Borough " * 60
    section = sample.section(
        title="A judgement title " * 12,
        coverage=tuple(
            replace(row, heading="A very long criterion heading that will not fit " * 3)
            for row in sample.section().coverage
        )
        * 40,
    )
    pack = sample.pack((section,), authority=long_authority, marking="OFFICIAL " * 8)
    pdf = reader(render(pack).data)
    assert missing_glyphs(pdf) == {}
    assert "…" in pdf.pages[3].extract_text()  # the running header shortens, never overflows


def test_progress_reports_climb_to_the_total() -> None:
    calls: list[tuple[int, int]] = []
    render_pack(sample.pack(), producer="x", progress=lambda d, t: calls.append((d, t)))
    assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1] > 0
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_cancel_midway_stops_the_layout() -> None:
    token = CancelToken()
    entries = tuple(sample.entry(f"Note {n} " + "word " * 60, n) for n in range(400))
    pack = sample.pack((sample.section(entries),))

    def progress(done: int, total: int) -> None:
        if done > total // 3:
            token.cancel()

    with pytest.raises(Cancelled):
        render_pack(pack, producer="x", progress=progress, cancel=token)
    assert token.cancelled


def test_cancel_before_start_raises_at_once() -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        render_pack(sample.pack(), producer="x", cancel=token)
