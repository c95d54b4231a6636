"""The pre-export privacy scan on a real notebook: what it finds, where, and replacing it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from fieldwork.domain.evidence import Activity, Enquiry, NoteDraft, ProvisionalJudgement, Tag
from fieldwork.domain.ids import ActivityId, CaseId, EnquiryId, NoteId, new_id
from fieldwork.domain.pack import PackFilters, PackRequest, note_reference
from fieldwork.domain.people import Case
from fieldwork.domain.search import SearchQuery
from fieldwork.services import (
    activities,
    judgements,
    notes,
    people,
    privacy_guard,
    search,
    verification,
)
from fieldwork.services.notebook import Notebook
from fieldwork.services.pack import export_pack
from fieldwork.services.pack_privacy import describe_kinds, replace_in_notes, scan_pack
from tests.support.notebooks import new_notebook
from tests.support.pdf import all_text, reader

HP = Tag("hp.front-door.thresholds", "strength")
CIC = Tag("cic.permanence.planning", "area-for-improvement")
CASE_A = Case(CaseId(new_id()), "C-014")
CASE_B = Case(CaseId(new_id()), "C-022")


@pytest.fixture
def notebook(tmp_path: Path) -> Iterator[Notebook]:
    with new_notebook(tmp_path).notebook as opened:
        people.save_case(opened, CASE_A)
        people.save_case(opened, CASE_B)
        yield opened


def _note(nb: Notebook, text: str, *cases: Case, tag: Tag = HP) -> NoteId:
    note_id = NoteId(new_id())
    draft = NoteDraft(
        note_id, text, case_ids=tuple(c.id for c in cases), tags=(tag,), author="Team inspector 2"
    )
    notes.save_note(nb, draft)
    return note_id


def _request(tmp_path: Path, **filters: object) -> PackRequest:
    return PackRequest(tmp_path / "pack.pdf", PackFilters(**filters))  # type: ignore[arg-type]


def test_a_clean_pack_has_no_findings(notebook: Notebook, tmp_path: Path) -> None:
    _note(notebook, "Supervision was regular and reflective; plans were clear.", CASE_A)
    report = scan_pack(notebook, _request(tmp_path))
    assert report.clean and report.notes_scanned == 1
    assert report.headline() == "Nothing in the pack looks like personal data."


def test_findings_per_note_with_ids_case_kinds_and_spans(
    notebook: Notebook, tmp_path: Path
) -> None:
    text = "Spoke to mum Chloe Hughes on 07700 900123 about the plan."
    flagged = _note(notebook, text, CASE_A)
    nhs = _note(notebook, "NHS number 943 476 5919 is on the front sheet.", CASE_A, CASE_B)
    _note(notebook, "The social worker visited within timescales.", CASE_B)
    report = scan_pack(notebook, _request(tmp_path))
    assert report.notes_scanned == 3
    assert [n.note_id for n in report.notes] == [flagged, nhs]
    first, second = report.notes
    assert first.note_ref == note_reference(flagged) and first.case_ref == "C-014"
    assert first.kinds == ("name", "phone")
    assert [text[s:e] for _, s, e in first.spans] == ["Chloe Hughes", "07700 900123"]
    assert first.matched == ("Chloe Hughes", "07700 900123") and "Hughes" not in repr(first)
    assert second.kinds == ("nhs-number",) and second.case_ref is None  # two cases: whose?
    assert first.replacements == ("C-014", "[phone number removed]")
    assert second.replacements == ("[NHS number removed]",)
    assert report.kind_counts() == {"name": 1, "phone": 1, "nhs-number": 1}
    assert report.headline() == "2 notes look like they contain personal data."
    assert describe_kinds(first.kinds) == "a name and a phone number"


def test_the_scan_follows_the_packs_filters(notebook: Notebook, tmp_path: Path) -> None:
    _note(notebook, "Dad Liam Porter said the visits had stopped.", CASE_A, tag=CIC)
    assert len(scan_pack(notebook, _request(tmp_path)).notes) == 1
    only_hp = scan_pack(notebook, _request(tmp_path, judgement_ids=("hp",)))
    assert only_hp.notes == () and only_hp.notes_scanned == 0
    assert scan_pack(notebook, _request(tmp_path, reviewed_only=True)).notes == ()


def test_other_text_in_the_pack_is_reported_by_place_not_content(
    notebook: Notebook, tmp_path: Path
) -> None:
    judgements.set_judgement(
        notebook, ProvisionalJudgement("hp", rationale="Mrs Hughes was not told of the plan.")
    )
    judgements.save_enquiry(
        notebook, Enquiry(EnquiryId(new_id()), "Why was the referral from 0113 496 0123 delayed?")
    )
    activities.save_activity(
        notebook,
        Activity(
            ActivityId(new_id()),
            "record-review",
            "Record of a call with carer@example.org",
            datetime.now(UTC),
        ),
    )
    report = scan_pack(notebook, _request(tmp_path))
    places = {o.where: o.kinds for o in report.other}
    assert places == {
        "the rationale for Help and protection": ("name",),
        "a line of enquiry": ("phone",),
        "an activity's title": ("email",),
    }
    assert report.headline() == "3 other texts in the pack look like they contain personal data."
    assert all("Hughes" not in repr(o) and "0113" not in repr(o) for o in report.other)


def test_replacing_edits_the_notes_with_history_and_search(
    notebook: Notebook, tmp_path: Path
) -> None:
    one = _note(notebook, "Chloe's mum rang from 07700 900123 twice.", CASE_A)
    two = _note(notebook, "Mrs Hughes lives at 14 Acacia Avenue, LS6 2QT.")
    clean = _note(notebook, "Plans were reviewed on time.", CASE_A)
    seq_before = verification.evidence_fingerprint(notebook)[2]
    report = scan_pack(notebook, _request(tmp_path))
    replaced = replace_in_notes(notebook, [n.note_id for n in report.notes] + [clean])
    assert replaced.note_ids == (one, two) and replaced.findings == 5
    first, second = notes.get_note(notebook, one), notes.get_note(notebook, two)
    assert first is not None and second is not None
    assert first.text == "C-014's mum rang from [phone number removed] twice."
    assert second.text == "[name removed] lives at [address removed], [postcode removed]."
    assert first.revision == report.notes[0].revision + 1
    assert first.tags == (HP,) and first.case_ids == (CASE_A.id,)
    check = verification.verify_notebook(notebook, full=False)
    assert check.ok and check.head_seq == seq_before + 2  # two edits, each in the history
    assert search.search_notes(notebook, SearchQuery(text="Hughes")).total == 0
    assert search.search_notes(notebook, SearchQuery(text="C-014")).total >= 1
    assert scan_pack(notebook, _request(tmp_path)).clean


def test_replacing_rescans_a_note_edited_since_the_scan(notebook: Notebook, tmp_path: Path) -> None:
    note_id = _note(notebook, "Dad Liam Porter was at the meeting.", CASE_B)
    report = scan_pack(notebook, _request(tmp_path))
    edited = NoteDraft(
        note_id, "Later: dad Liam Porter rang 07700 900456.", case_ids=(CASE_B.id,), tags=(HP,)
    )
    notes.save_note(notebook, edited)
    replace_in_notes(notebook, [n.note_id for n in report.notes])
    after = notes.get_note(notebook, note_id)
    assert after is not None and after.text == "Later: dad C-022 rang [phone number removed]."


def test_the_exported_pack_matches_the_notebook_after_replacing(
    notebook: Notebook, tmp_path: Path
) -> None:
    note_id = _note(notebook, "Spoke with dad Liam Porter at the door.", CASE_B)
    replace_in_notes(notebook, [note_id])
    result = export_pack(notebook, _request(tmp_path))
    text = all_text(reader(result.path.read_bytes()))
    assert "Porter" not in text and "dad C-022" in text


def _keep_all(nb: Notebook, note_id: NoteId) -> None:
    """What the editor's "Keep as written" does with the findings it showed."""
    note = notes.get_note(nb, note_id)
    assert note is not None
    with nb.unit_of_work(read_only=True) as uow:
        shown = privacy_guard.scan_saved(uow, note_id, note.text)
    assert shown
    privacy_guard.keep_as_written(nb, note_id, [f.fingerprint for f in shown])


def test_findings_kept_as_written_in_the_editor_are_not_raised_again(
    notebook: Notebook, tmp_path: Path
) -> None:
    kept = _note(notebook, "Mum Chloe Hughes rang from 07700 900123.", CASE_A)
    _keep_all(notebook, kept)
    other = _note(notebook, "Dad Liam Porter rang from 07700 900456.", CASE_B)
    report = scan_pack(notebook, _request(tmp_path))
    assert report.notes_scanned == 2 and [n.note_id for n in report.notes] == [other]
    # A new passage in the kept note is raised; the kept ones still are not.
    edited = "Mum Chloe Hughes rang from 07700 900123; her email is mum@example.org."
    notes.save_note(notebook, NoteDraft(kept, edited, case_ids=(CASE_A.id,), tags=(HP,)))
    (first, _) = scan_pack(notebook, _request(tmp_path)).notes
    assert first.note_id == kept and first.kinds == ("email",)
    assert first.matched == ("mum@example.org",)


def test_replacing_leaves_what_was_kept_as_written(notebook: Notebook, tmp_path: Path) -> None:
    note_id = _note(notebook, "Dad Liam Porter was at the meeting.", CASE_B)
    _keep_all(notebook, note_id)
    text = "Dad Liam Porter was at the meeting; he rang from 07700 900456."
    notes.save_note(notebook, NoteDraft(note_id, text, case_ids=(CASE_B.id,), tags=(HP,)))
    replaced = replace_in_notes(
        notebook, [n.note_id for n in scan_pack(notebook, _request(tmp_path)).notes]
    )
    assert replaced.note_ids == (note_id,) and replaced.findings == 1
    after = notes.get_note(notebook, note_id)
    assert after is not None
    assert after.text == "Dad Liam Porter was at the meeting; he rang from [phone number removed]."
    assert scan_pack(notebook, _request(tmp_path)).clean


def test_replacing_in_the_pack_matches_the_editors_replace(
    notebook: Notebook, tmp_path: Path
) -> None:
    """One rule for both places: the service's result equals `replace_flagged` on the same text."""
    text = "Mrs Hughes (DOB 03/04/2015) lives at 14 Acacia Avenue, LS6 2QT; NHS 943 476 5919."
    for cases, ref in (((CASE_A,), "C-014"), ((CASE_A, CASE_B), None), ((), None)):
        note_id = _note(notebook, text, *cases)
        with notebook.unit_of_work(read_only=True) as uow:
            flagged = privacy_guard.scan_saved(uow, note_id, text)
            assert privacy_guard.case_reference(uow, [c.id for c in cases]) == ref
        replace_in_notes(notebook, [note_id])
        after = notes.get_note(notebook, note_id)
        assert after is not None
        assert after.text == privacy_guard.replace_flagged(text, flagged, ref)
        assert "Hughes" not in after.text and "5919" not in after.text
        assert after.text.startswith(f"{ref or privacy_guard.NAME_PLACEHOLDER} (")
        assert "[NHS number removed]" in after.text
