"""Nothing about a case or note is written unencrypted: not the database, WAL, key file, temp or log."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from fieldwork.domain.evidence import Activity, NoteDraft, Tag
from fieldwork.domain.ids import ActivityId, CaseId, NoteId, PractitionerId, new_id
from fieldwork.domain.people import Case, Practitioner
from fieldwork.domain.search import SearchQuery
from fieldwork.runtime.logs import setup_logging
from fieldwork.services import activities, notes, opening, people, search
from tests.support.notebooks import TEST_PASSPHRASE, new_notebook
from tests.support.residue import find_markers, marker


def test_markers_never_reach_the_disk_in_clear(tmp_path: Path, isolated_home: Path) -> None:
    setup_logging(debug=True)
    note_marker, case_marker, authority_marker = marker("note"), marker("case"), marker("authority")
    person_marker = marker("person")
    created = new_notebook(tmp_path, authority=f"Council {authority_marker}")
    notebook = created.notebook
    case_id = CaseId(new_id())
    person_id = PractitionerId(new_id())
    people.save_practitioner(notebook, Practitioner(person_id, person_marker[:20]))
    people.save_case(notebook, Case(case_id, case_marker[:30], practitioner_id=person_id))
    activity = Activity(
        ActivityId(new_id()),
        "sitting-alongside",
        f"Sitting alongside {person_marker}",
        datetime.now(UTC),
    )
    activities.save_activity(notebook, activity)
    for number in range(300):
        notes.save_note(
            notebook,
            NoteDraft(
                id=NoteId(new_id()),
                text=f"Observation {number}: {note_marker} strategy discussion was timely.",
                case_ids=(case_id,),
                activity_id=activity.id,
                tags=(Tag("hp.protection.strategy-enquiries", "strength", "observed"),),
            ),
        )
    # Searching sorts and ranks: with temp files on disk this is where plaintext would leak.
    page = search.search_notes(notebook, SearchQuery(text=note_marker, limit=500))
    assert page.total == 300
    # While open, the WAL holds the recent pages: scan it before closing.
    live = find_markers(
        [note_marker, case_marker, authority_marker, person_marker],
        [notebook.folder, Path(os.environ["TMPDIR"]), isolated_home],
    )
    notebook.close()
    with opening.open_notebook(notebook.folder, passphrase=TEST_PASSPHRASE) as again:
        assert notes.count_notes(again) == 300
    after = find_markers(
        [note_marker, case_marker, authority_marker, person_marker, TEST_PASSPHRASE],
        [notebook.folder, Path(os.environ["TMPDIR"]), isolated_home],
    )
    assert live == []
    assert after == []
    # The recovery code is never written anywhere either.
    assert created.recovery_code is not None
    assert (
        find_markers([created.recovery_code, created.recovery_code.replace("-", "")], [tmp_path])
        == []
    )
