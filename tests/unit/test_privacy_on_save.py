"""The privacy guard on save: warns and never blocks; kept findings stay quiet; replacements read well."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldwork.domain.evidence import NoteDraft
from fieldwork.domain.ids import CaseId, NoteId, new_id
from fieldwork.domain.people import Case
from fieldwork.services import notes, people, privacy_guard, verification
from fieldwork.services.notebook import Notebook
from tests.support.notebooks import new_notebook

NHS = "943 476 5919"  # the checksum is valid
TEXT = f"Health record checked: NHS number {NHS} matches the referral."


@pytest.fixture
def notebook(tmp_path: Path) -> Iterator[Notebook]:
    with new_notebook(tmp_path).notebook as opened:
        yield opened


def test_save_goes_ahead_and_reports_what_looks_personal(notebook: Notebook) -> None:
    draft = NoteDraft(NoteId(new_id()), TEXT)
    result = notes.save_note(notebook, draft)
    stored = notes.get_note(notebook, draft.id)
    assert stored is not None and stored.text == TEXT  # never blocked
    [found] = result.findings
    assert found.kind == "nhs-number" and TEXT[found.start : found.end] == NHS
    assert found.label == "an NHS number"
    assert NHS.replace(" ", "") not in repr(result.findings)  # a hash, never the number
    # An invalid checksum is not an NHS number.
    other = notes.save_note(notebook, NoteDraft(NoteId(new_id()), "Ref 943 476 5918 on file."))
    assert other.findings == ()


def test_kept_findings_are_not_raised_again_for_that_note(notebook: Notebook) -> None:
    draft = NoteDraft(NoteId(new_id()), TEXT)
    result = notes.save_note(notebook, draft)
    privacy_guard.keep_as_written(notebook, draft.id, [f.fingerprint for f in result.findings])
    # Edited, and the number written without spaces: still kept.
    edited = NoteDraft(draft.id, "NHS number 9434765919 confirmed. " + TEXT)
    assert notes.save_note(notebook, edited).findings == ()
    # A new phone number in the same note is raised; the kept number is not.
    with_phone = NoteDraft(draft.id, edited.text + " Called 07700 900123.")
    assert [f.kind for f in notes.save_note(notebook, with_phone).findings] == ["phone"]
    # Another note with the same number is asked about afresh.
    fresh = notes.save_note(notebook, NoteDraft(NoteId(new_id()), TEXT))
    assert [f.kind for f in fresh.findings] == ["nhs-number"]
    # Keeping is not evidence: the history still verifies.
    assert verification.verify_notebook(notebook).ok


def test_deleting_a_note_forgets_what_was_kept(notebook: Notebook) -> None:
    draft = NoteDraft(NoteId(new_id()), TEXT)
    result = notes.save_note(notebook, draft)
    privacy_guard.keep_as_written(notebook, draft.id, [f.fingerprint for f in result.findings])
    assert notes.delete_note(notebook, draft.id)
    with notebook.unit_of_work(read_only=True) as uow:
        assert not uow.inspection.meta("privacy-kept:" + draft.id)


def test_the_case_reference_comes_back_for_a_note_of_one_case(notebook: Notebook) -> None:
    case = Case(CaseId(new_id()), "C-012")
    people.save_case(notebook, case)
    text = "Spoke with Mrs Hughes about the plan; she calls on 07700 900123."
    one = notes.save_note(notebook, NoteDraft(NoteId(new_id()), text, case_ids=(case.id,)))
    assert one.case_reference == "C-012"
    assert sorted(f.kind for f in one.findings) == ["name", "phone"]
    other = Case(CaseId(new_id()), "C-013")
    people.save_case(notebook, other)
    two = notes.save_note(notebook, NoteDraft(NoteId(new_id()), text, case_ids=(case.id, other.id)))
    assert two.case_reference is None


def test_replacements_read_as_a_note() -> None:
    assert privacy_guard.replacement_for("name", "C-012") == "C-012"
    assert privacy_guard.replacement_for("name", None) == "[name removed]"
    assert privacy_guard.replacement_for("nhs-number", "C-012") == "[NHS number removed]"
    assert privacy_guard.replacement_for("date-of-birth", None) == "[date of birth removed]"
    assert privacy_guard.replacement_for("email", None) == "[email address removed]"
    assert privacy_guard.replacement_for("ni-number", None) == "[National Insurance number removed]"


def test_fingerprints_ignore_spacing_and_case_but_not_kind() -> None:
    fp = privacy_guard.fingerprint
    assert fp("nhs-number", "943 476 5919") == fp("nhs-number", "9434765919")
    assert fp("name", "Mrs Hughes") == fp("name", "MRS HUGHES")
    assert fp("name", "Hughes") != fp("postcode", "Hughes")
    assert fp("phone", "07700 900123") != fp("phone", "07700 900124")
