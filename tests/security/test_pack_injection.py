"""Markup in user and framework text never reaches ReportLab as markup (SECURITY.md §1, §6, §12.8).

Unescaped, `<img src=...>` embeds a local file, `<a href>` adds a link annotation, `<font
color=...>` reaches ReportLab's colour evaluator (CVE-2023-33733) and unbalanced tags abort the
build. Escaped, every one prints as the literal text, with no image or link in the PDF.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from fieldwork.domain.evidence import Activity, NoteDraft, ProvisionalJudgement, Tag
from fieldwork.domain.ids import ActivityId, CaseId, NoteId, PractitionerId, new_id
from fieldwork.domain.pack import CaseSampleRow, EnquiryItem, PackRequest
from fieldwork.domain.people import Case, Practitioner
from fieldwork.export.pack_document import render_pack
from fieldwork.services import activities, judgements, notes, people
from fieldwork.services.pack import export_pack
from tests.export import sample
from tests.support.notebooks import new_notebook
from tests.support.pdf import all_text, annotations, image_xobjects, missing_glyphs, reader


def tiny_png(path: Path) -> Path:
    """A real 2x2 PNG, so an unescaped <img> would have something to embed."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    path.write_bytes(png)
    return path


def payloads(png: Path, canary: Path) -> list[str]:
    return [
        "<b>not bold</b> & <i>not italic</i>",
        f'<img src="{png}" width="80" height="80"/>',
        '<a href="https://example.invalid/x">a link</a> <link href="file:///etc/passwd">x</link>',
        "<font color=\"[[[getattr(pow, Word('__globals__'))['os'].system('touch "
        f"{canary}')]]]\">colour</font>",
        '<unichar code="0x41"/> <unichar name="LATIN SMALL LETTER A"/>',
        "&amp; &lt; &#60; &nosuch; & ; <",
        "<b><i>unbalanced <para> </font> </b>",
        '<seq id="x"/> <onDraw name="canv"/> <span style="x">s</span> <br/> <strike>s</strike>',
        "null\x00byte and bell\x07 and escape\x1b end",
    ]


def squash(text: str) -> str:
    return "".join(text.split())


def visible(payload: str) -> str:
    return squash("".join(ch for ch in payload if ch >= " " or ch in "\t\n"))


def test_payloads_in_every_field_print_as_literal_text(tmp_path: Path) -> None:
    png = tiny_png(tmp_path / "evil.png")
    canary = tmp_path / "pwned"
    texts = payloads(png, canary)
    joined = " | ".join(texts)
    entries = (
        *(
            sample.entry(t, n, activity=t, case_refs=(t[:30],), source=t, grade_leaning=t, author=t)
            for n, t in enumerate(texts)
        ),
        sample.entry("odd evaluation", 99, evaluation=texts[1]),  # a damaged notebook's value
    )
    section = sample.section(
        entries,
        title=joined,
        rationale=joined,
        enquiries=(EnquiryItem(joined, "Open"),),
        coverage=tuple(
            replace(r, heading=texts[1], theme=texts[3]) for r in sample.section().coverage
        ),
    )
    pack = sample.pack(
        (section,),
        authority=texts[1],
        marking=texts[0],
        cases=(CaseSampleRow("C-001", "5-9", texts[6], "FH", texts[3], joined, 1),),
    )
    pdf = reader(render_pack(pack, producer="x").data)
    text = squash(all_text(pdf))
    for payload in texts:
        assert visible(payload) in text, payload
    assert image_xobjects(pdf) == 0
    assert annotations(pdf) == 0
    assert not canary.exists()
    assert missing_glyphs(pdf) == {}
    metadata = " ".join(str(v) for v in (pdf.metadata or {}).values())
    assert "img" not in metadata and str(png) not in metadata


@pytest.mark.parametrize("evaluation", ["strength", "serious-weakness"])
def test_a_hostile_note_in_a_real_notebook_exports_as_text(tmp_path: Path, evaluation: str) -> None:
    png = tiny_png(tmp_path / "evil.png")
    canary = tmp_path / "pwned"
    hostile = "\n".join(payloads(png, canary))
    created = new_notebook(tmp_path)
    with created.notebook as notebook:
        worker = Practitioner(PractitionerId(new_id()), "P07", "social worker", "FH", 20)
        people.save_practitioner(notebook, worker)
        case = Case(CaseId(new_id()), "C-014", "5-9", "child-in-need", "FH", worker.id, hostile)
        people.save_case(notebook, case)
        visit = Activity(
            ActivityId(new_id()),
            "sitting-alongside",
            hostile[:200],
            datetime(2025, 5, 13, 9, 0, tzinfo=UTC),
            case_ids=(case.id,),
        )
        activities.save_activity(notebook, visit)
        note = NoteDraft(
            NoteId(new_id()),
            hostile,
            activity_id=visit.id,
            case_ids=(case.id,),
            tags=(Tag("hp.front-door.timely-response", evaluation, "observed"),),
            author="Team inspector 2",
        )
        notes.save_note(notebook, note)
        judgements.set_judgement(
            notebook, ProvisionalJudgement("hp", "requires-improvement", hostile, (note.id,))
        )
        out = tmp_path / "out"
        out.mkdir()
        result = export_pack(notebook, PackRequest(out / "pack.pdf"))
    pdf = reader(result.path.read_bytes())
    text = squash(all_text(pdf))
    for payload in payloads(png, canary):
        assert visible(payload) in text, payload
    assert image_xobjects(pdf) == 0
    assert annotations(pdf) == 0
    assert not canary.exists()
    assert sorted(p.name for p in out.iterdir()) == ["pack.pdf"]
