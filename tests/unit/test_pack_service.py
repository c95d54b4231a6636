"""services.pack on real encrypted notebooks: snapshot, filters, figures, atomic writing, cancel."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from fieldwork.domain.errors import Cancelled, ExportError, InputRejected
from fieldwork.domain.evidence import NoteDraft, ProvisionalJudgement, Tag
from fieldwork.domain.ids import NoteId, PractitionerId, new_id
from fieldwork.domain.pack import EvidencePack, PackFilters, PackRequest
from fieldwork.domain.people import Practitioner
from fieldwork.domain.progress import CancelToken
from fieldwork.services import judgements, notes, people, verification
from fieldwork.services.demo_notebook import create_demo_notebook
from fieldwork.services.notebook import Notebook
from fieldwork.services.opening import KdfChoice
from fieldwork.services.pack import build_pack, export_pack
from tests.support.notebooks import new_notebook
from tests.support.pdf import all_text, outline_titles, reader

CHEAP = KdfChoice(1, 8192, 1)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Notebook]:
    folder = tmp_path_factory.mktemp("demo") / "demo.fieldwork"
    created = create_demo_notebook(folder, "a demo passphrase, not secret", notes=600, kdf=CHEAP)
    with created.notebook as notebook:
        yield notebook


@pytest.fixture(scope="module")
def demo_pack(demo: Notebook, tmp_path_factory: pytest.TempPathFactory) -> EvidencePack:
    return build_pack(demo, PackRequest(tmp_path_factory.mktemp("out")))


def request(folder: Path, **filters: Any) -> PackRequest:
    return PackRequest(folder / "pack.pdf", PackFilters(**filters))


def test_sections_in_body_order_and_grades_in_table_order(demo_pack: EvidencePack) -> None:
    assert [s.judgement_id for s in demo_pack.judgements] == ["hp", "cic", "cl", "lead"]
    assert [g.judgement_id for g in demo_pack.grades] == ["lead", "hp", "cic", "cl"]
    hp = demo_pack.judgements[0]
    assert hp.grade == "Requires improvement to be good"
    assert hp.rationale and hp.supporting_refs
    assert all(r.startswith("N-") for r in hp.supporting_refs)


def test_counts_agree_between_summary_chart_and_evidence(demo_pack: EvidencePack) -> None:
    for section, grade in zip(
        demo_pack.judgements,
        sorted(demo_pack.grades, key=lambda g: ["hp", "cic", "cl", "lead"].index(g.judgement_id)),
        strict=True,
    ):
        assert sum(r.strengths for r in section.coverage) == grade.strengths
        entries = [e for t in section.themes for c in t.criteria for e in c.entries]
        assert len(entries) == sum(r.total for r in section.coverage)
        assert {g.heading for g in section.gaps} == {
            r.heading for r in section.coverage if r.total == 0
        }


def test_improvement_points_carry_national_framework_references(demo_pack: EvidencePack) -> None:
    assert 1 <= len(demo_pack.improvements) <= 10
    assert all(
        i.cross_reference and i.cross_reference.endswith(", national framework")
        for i in demo_pack.improvements
    )
    assert any(
        i.cross_reference.startswith("outcome ")
        for i in demo_pack.improvements
        if i.cross_reference
    )
    weights = [3 * i.serious_weaknesses + i.areas_for_improvement for i in demo_pack.improvements]
    assert weights == sorted(weights, reverse=True)


def test_caseloads_leave_out_reviewing_officers_and_the_front_door(demo_pack: EvidencePack) -> None:
    summary = demo_pack.caseload_summary
    assert summary is not None
    left_out = {r.pseudonym for r in demo_pack.caseloads if not r.counted}
    assert left_out == {"P01", "P02", "P20"}
    assert summary.counted == 17
    assert summary.median == 19
    assert (summary.lowest, summary.highest) == (11, 33)
    assert summary.above_threshold == 3
    assert "reviewing" in summary.note and "front door" in summary.note


def test_fingerprint_and_warnings_match_the_notebook_services(
    demo: Notebook, demo_pack: EvidencePack
) -> None:
    assert demo_pack.cover.fingerprint == verification.evidence_fingerprint(demo)[0]
    view = judgements.judgements_view(demo)
    assert sorted(w.message for w in demo_pack.warnings) == sorted(w.message for w in view.warnings)
    assert demo_pack.cover.notes_in_pack == demo_pack.cover.notes_in_notebook == 600


def test_the_snapshot_is_one_read_only_unit_of_work(demo: Notebook, tmp_path: Path) -> None:
    opened: list[bool] = []
    original = demo.unit_of_work

    def counting(*, read_only: bool = False) -> Any:
        opened.append(read_only)
        return original(read_only=read_only)

    demo.unit_of_work = counting  # type: ignore[method-assign]
    try:
        build_pack(demo, request(tmp_path))
    finally:
        del demo.unit_of_work
    assert opened == [True]


def test_judgement_filter_keeps_all_grades_but_only_its_section(
    demo: Notebook, tmp_path: Path
) -> None:
    pack = build_pack(demo, request(tmp_path, judgement_ids=("cl",)))
    assert [s.judgement_id for s in pack.judgements] == ["cl"]
    assert [g.in_pack for g in pack.grades] == [False, False, False, True]
    assert pack.cover.notes_in_pack < 600
    assert pack.cover.filters[0] == "Judgements: Care leavers"
    assert all(i.judgement == "Care leavers" for i in (*pack.improvements, *pack.also_noted))


def test_date_reviewed_and_author_filters(demo: Notebook, tmp_path: Path) -> None:
    day = date(2026, 5, 13)
    pack = build_pack(demo, request(tmp_path, since=day, until=day, reviewed_only=True))
    entries = [e for s in pack.judgements for t in s.themes for c in t.criteria for e in c.entries]
    assert entries
    assert {e.at.astimezone().date() for e in entries} == {day}
    assert all(e.reviewed for e in entries)
    assert all(a.started_at.astimezone().date() == day for a in pack.activities)
    everyone = build_pack(demo, request(tmp_path, author="team INSPECTOR 2 "))
    assert everyone.cover.notes_in_pack == 600
    with pytest.raises(InputRejected, match="No note"):
        build_pack(demo, request(tmp_path, author="Somebody else"))


@pytest.mark.parametrize(
    ("filters", "marking", "message"),
    [
        ({"judgement_ids": ("nope",)}, "OFFICIAL", "not a judgement"),
        ({"since": date(2026, 5, 20), "until": date(2026, 5, 11)}, "OFFICIAL", "after its end"),
        ({}, "   ", "cannot be empty"),
        ({}, "X" * 81, "at most 80"),
    ],
)
def test_bad_requests_are_refused_plainly(
    demo: Notebook, tmp_path: Path, filters: dict[str, Any], marking: str, message: str
) -> None:
    with pytest.raises(InputRejected, match=message):
        build_pack(demo, PackRequest(tmp_path, PackFilters(**filters), marking=marking))


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for packs (tmp_path itself holds the test's home and temp folders)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_export_writes_one_file_with_progress(demo: Notebook, out: Path) -> None:
    tmp_path = out
    calls: list[tuple[int, int]] = []
    result = export_pack(
        demo,
        PackRequest(tmp_path, marking="OFFICIAL-SENSITIVE PERSONAL"),
        progress=lambda d, t: calls.append((d, t)),
    )
    assert result.path.parent == tmp_path
    assert result.path.name.startswith("evidence-pack-") and result.path.suffix == ".pdf"
    assert sorted(os.listdir(tmp_path)) == [result.path.name]
    assert os.listdir(tmp_path.parent / "tmp") == []  # nothing in the temporary folder either
    pdf = reader(result.path.read_bytes())
    assert len(pdf.pages) == result.pages
    assert result.fingerprint in all_text(pdf)
    assert "Appendix C: Activity log" in outline_titles(pdf)
    assert calls[0] == (0, 0) and calls[-1][0] == calls[-1][1]
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    if os.name == "posix":
        assert (result.path.stat().st_mode & 0o777) == 0o600


def test_cancel_midway_leaves_the_folder_unchanged(demo: Notebook, out: Path) -> None:
    tmp_path = out
    (tmp_path / "already-here.txt").write_text("x")
    token = CancelToken()

    def progress(done: int, total: int) -> None:
        if total and done > total // 2:
            token.cancel()

    with pytest.raises(Cancelled):
        export_pack(demo, request(tmp_path), progress=progress, cancel=token)
    assert sorted(os.listdir(tmp_path)) == ["already-here.txt"]


def test_a_failing_write_leaves_no_file_and_no_part(
    demo: Notebook, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tmp_path = out

    def refuse(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportError, match="No space left on device"):
        export_pack(demo, request(tmp_path))
    assert os.listdir(tmp_path) == []


def test_missing_folder_and_notebook_folder_are_refused(demo: Notebook, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_pack(demo, PackRequest(tmp_path / "no" / "such" / "pack.pdf"))
    with pytest.raises(InputRejected, match="outside the notebook"):
        export_pack(demo, PackRequest(demo.folder / "pack.pdf"))
    assert sorted(p.name for p in demo.folder.iterdir() if p.suffix == ".pdf") == []


def test_password_encrypts_and_the_result_says_so(demo: Notebook, tmp_path: Path) -> None:
    result = export_pack(
        demo, PackRequest(tmp_path / "p.pdf", password="five random words go here")
    )
    assert result.encrypted
    pdf = reader(result.path.read_bytes())
    assert pdf.is_encrypted
    assert pdf.decrypt("five random words go here").name != "NOT_DECRYPTED"


def test_selection_hash_follows_the_notes_and_untagged_notes_are_counted(tmp_path: Path) -> None:
    created = new_notebook(tmp_path)
    with created.notebook as notebook:
        people.save_practitioner(
            notebook, Practitioner(PractitionerId(new_id()), "P01", "social worker", "FH", 30)
        )
        tag = Tag("hp.front-door.thresholds", "area-for-improvement", "seen-on-record")
        first = NoteDraft(NoteId(new_id()), "Threshold applied late.", tags=(tag,))
        notes.save_note(notebook, first)
        notes.save_note(notebook, NoteDraft(NoteId(new_id()), "Not tagged yet."))
        judgements.set_judgement(notebook, ProvisionalJudgement("hp", "good", "Mostly *good*."))
        before = build_pack(notebook, request(tmp_path), now=datetime(2025, 5, 23, tzinfo=UTC))
        again = build_pack(notebook, request(tmp_path))
        notes.save_note(
            notebook,
            NoteDraft(first.id, "Threshold applied late; the child waited.", tags=(tag,)),
        )
        after = build_pack(notebook, request(tmp_path))
    assert before.cover.selection_hash == again.cover.selection_hash
    assert after.cover.selection_hash != before.cover.selection_hash
    assert after.cover.fingerprint != before.cover.fingerprint
    assert before.cover.notes_in_pack == 1 and before.cover.notes_untagged == 1
    assert before.cover.produced_at == datetime(2025, 5, 23, tzinfo=UTC)
    hp = next(s for s in before.judgements if s.judgement_id == "hp")
    assert hp.grade == "Good" and hp.rationale == "Mostly *good*."
    summary = before.caseload_summary
    assert summary is not None and summary.above_threshold == 1
    # The 2023 framework has overall effectiveness: it comes last, after leaders.
    assert [s.judgement_id for s in before.judgements][-2:] == ["lead", "oe"]
