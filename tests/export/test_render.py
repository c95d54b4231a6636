"""The exporter on hand-built packs, read back with pypdf: pages, contents, outline, metadata."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pypdf import PdfReader

from fieldwork.domain.pack import EvidencePack
from fieldwork.export.pack_document import RenderedPack, render_pack
from tests.export import sample
from tests.support.pdf import (
    all_text,
    annotations,
    contents_numbers,
    drawn_characters,
    image_xobjects,
    missing_glyphs,
    outline_titles,
    reader,
)

PRODUCER = "Fieldwork 9.9.9"


def render(pack: EvidencePack) -> RenderedPack:
    return render_pack(pack, producer=PRODUCER)


@pytest.fixture(scope="module")
def two_sections() -> EvidencePack:
    cic = sample.section(
        judgement_id="cic",
        title="The experiences and progress of children in care",
        grade="Good",
        warnings=(),
    )
    return sample.pack((sample.section(), cic))


@pytest.fixture(scope="module")
def rendered(two_sections: EvidencePack) -> tuple[RenderedPack, PdfReader]:
    result = render(two_sections)
    return result, reader(result.data)


def test_page_count_is_reported(rendered: tuple[RenderedPack, PdfReader]) -> None:
    result, pdf = rendered
    assert result.pages == len(pdf.pages) >= 8


def test_every_page_carries_marking_authority_title_and_page_x_of_y(
    rendered: tuple[RenderedPack, PdfReader],
) -> None:
    _, pdf = rendered
    total = len(pdf.pages)
    for number, page in enumerate(pdf.pages, start=1):
        text = page.extract_text()
        assert text.count("OFFICIAL-SENSITIVE") >= 2, number  # top and bottom
        assert sample.AUTHORITY in text
        assert "Draft evidence pack" in text
        assert f"Page {number} of {total}" in text


def test_metadata_is_fixed_and_names_nobody(rendered: tuple[RenderedPack, PdfReader]) -> None:
    _, pdf = rendered
    meta = pdf.metadata
    assert meta is not None
    assert meta.title == "Draft evidence pack"
    assert meta.subject == "OFFICIAL-SENSITIVE"
    assert meta.author == ""
    assert meta.get("/Keywords") == ""
    assert meta.creator == PRODUCER and meta.producer == PRODUCER
    values = " ".join(str(v) for v in meta.values())
    for marker in (sample.AUTHORITY, "Westmere", "C-014", "Team inspector 2", "Lead inspector"):
        assert marker not in values


def test_outline_has_every_section_theme_and_criterion(
    rendered: tuple[RenderedPack, PdfReader],
) -> None:
    _, pdf = rendered
    titles = outline_titles(pdf)
    assert titles[:4] == [
        "Cover",
        "Contents",
        "1 Summary of provisional grades",
        "Consistency warnings",
    ]
    for expected in (
        "2 What needs to improve? (draft)",
        "3 The experiences and progress of children who need help and protection: "
        "requires improvement to be good",
        "3.1 Provisional grade and rationale",
        "Protection",
        "Strategy discussions and enquiries",
        "4 The experiences and progress of children in care: good",
        "Appendix A: Case sample",
        "Appendix B: Practitioner caseloads",
        "Appendix C: Activity log",
    ):
        assert expected in titles


def test_contents_page_numbers_match_where_sections_start(
    rendered: tuple[RenderedPack, PdfReader],
) -> None:
    _, pdf = rendered
    pages = [" ".join(page.extract_text().split()) for page in pdf.pages]
    numbers = contents_numbers(pdf.pages[1])
    expected = {
        "1 Summary of provisional grades": "1 Summary of provisional grades",
        "Appendix C: Activity log": "Appendix C: Activity log",
        "3.6 Evidence by theme and criterion": "3.6 Evidence by theme and criterion",
        "improvement to be good": "help and protection: requires improvement to be good",
    }
    for entry, heading in expected.items():
        number = numbers[entry]
        assert heading in pages[number - 1], entry
        assert all(heading not in p for p in pages[2 : number - 1]), entry


def test_outline_points_at_the_right_pages(rendered: tuple[RenderedPack, PdfReader]) -> None:
    _, pdf = rendered
    pages = [" ".join(page.extract_text().split()) for page in pdf.pages]
    for item in pdf.outline:
        if isinstance(item, list):
            continue
        number = pdf.get_destination_page_number(item)
        if item.title not in ("Cover", "Contents"):
            assert str(item.title) in pages[number], item.title


def test_summary_order_sections_and_improvements(
    rendered: tuple[RenderedPack, PdfReader],
) -> None:
    _, pdf = rendered
    flat = " ".join(all_text(pdf).split())
    summary = " ".join(pdf.pages[2].extract_text().split())
    # Report-table order in the summary: leaders before help and protection.
    assert summary.index("The impact of leaders") < summary.index("need help and protection")
    assert "(not in this pack: filtered out)" in flat
    assert "Strategy discussions and enquiries (outcome 3, national framework)" in flat
    assert "Most children get a prompt first response; plans for some drift." in flat
    assert "ESCALATED: referred back at once" in flat
    assert "Child protection conferences and plans" in flat  # the gap
    assert "Are police notifications screened promptly at night?" in flat
    assert "Median caseload 19; range 12 to 33; 2 above the threshold of 25." in flat
    assert "Not counted: P20" in flat


def test_nothing_but_bundled_fonts_and_every_glyph_present(
    rendered: tuple[RenderedPack, PdfReader],
) -> None:
    _, pdf = rendered
    fonts = set(drawn_characters(pdf))
    assert fonts <= {"NotoSans-Regular", "NotoSans-Bold", "NotoSans-Italic", "NotoSans-BoldItalic"}
    assert missing_glyphs(pdf) == {}


def test_no_links_and_no_images(rendered: tuple[RenderedPack, PdfReader]) -> None:
    _, pdf = rendered
    assert annotations(pdf) == 0
    assert image_xobjects(pdf) == 0


def test_marking_is_configurable() -> None:
    pack = sample.pack(marking="OFFICIAL")
    pdf = reader(render(pack).data)
    assert pdf.metadata is not None and pdf.metadata.subject == "OFFICIAL"
    assert pdf.pages[0].extract_text().count("OFFICIAL") >= 2
    assert "OFFICIAL-SENSITIVE" not in all_text(pdf)


def test_a_pack_with_no_sections_or_appendix_data_still_renders() -> None:
    pack = sample.pack(
        (),
        cases=(),
        caseloads=(),
        caseload_summary=None,
        activities=(),
        improvements=(),
        also_noted=(),
        warnings=(),
    )
    pdf = reader(render(pack).data)
    text = all_text(pdf)
    assert "No criterion in this pack meets that test." in text
    assert "No cases are recorded in this notebook." in text


def test_an_ungraded_judgement_says_so() -> None:
    pack = sample.pack((sample.section(grade=None, rationale=""),))
    text = " ".join(all_text(reader(render(pack).data)).split())
    assert "help and protection: not yet graded" in text
    assert "No rationale has been written yet." in text


def test_sccif_shaped_pack_without_national_framework() -> None:
    pack = sample.pack(
        improvements=tuple(replace(i, cross_reference=None) for i in sample.pack().improvements),
        national_framework=False,
    )
    text = all_text(reader(render(pack).data))
    assert "national framework" not in text.lower().replace("\n", " ")
