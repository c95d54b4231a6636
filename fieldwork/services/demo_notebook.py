"""Write the seeded synthetic demo inspection into a new encrypted notebook."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fieldwork.demo.generator import generate_demo
from fieldwork.demo.model import DemoInspection
from fieldwork.domain.inspection import DEMO_MARKER
from fieldwork.domain.text import clean_note_text
from fieldwork.frameworks.library import default_library
from fieldwork.services.notebook import Notebook
from fieldwork.services.opening import CreatedNotebook, KdfChoice, create_notebook

Progress = Callable[[int, int], None]


def create_demo_notebook(
    folder: Path,
    passphrase: str,
    *,
    framework_id: str = "ilacs-2026",
    notes: int = 600,
    seed: int = 2026,
    kdf: KdfChoice | None = None,
    progress: Progress | None = None,
) -> CreatedNotebook:
    """A new notebook holding the demo inspection: people, cases, activities, notes, judgements."""
    demo = generate_demo(default_library().get(framework_id), notes=notes, seed=seed)
    created = create_notebook(folder, demo.inspection, passphrase, kdf=kdf)
    try:
        fill_notebook(created.notebook, demo, progress=progress)
    except BaseException:
        created.notebook.close()
        raise
    return created


def fill_notebook(
    notebook: Notebook, demo: DemoInspection, *, progress: Progress | None = None
) -> None:
    """Everything in the demo, in one transaction per thousand notes, each change in history."""
    with notebook.unit_of_work() as uow:
        uow.inspection.set_meta(DEMO_MARKER, "synthetic")  # no retention offer for made-up data
        for person in demo.practitioners:
            op, state = uow.people.save_practitioner(person)
            uow.record("practitioner", person.id, op, state)
        for case in demo.cases:
            op, state = uow.people.save_case(case)
            uow.record("case", case.id, op, state)
        for activity in demo.activities:
            op, state = uow.activities.save(activity)
            uow.record("activity", activity.id, op, state)
        uow.commit()
    total = len(demo.notes)
    for start in range(0, total, 1000):
        with notebook.unit_of_work() as uow:
            batch = [
                (draft, clean_note_text(draft.text)[0])
                for draft in demo.notes[start : start + 1000]
            ]
            saved = uow.notes.add_new_many(batch, uow.now)
            uow.search.index_new_many([(rowid, note.text) for note, rowid, _ in saved])
            for note, _, state in saved:
                uow.record("note", note.id, "create", state)
            uow.commit()
        if progress:
            progress(min(start + 1000, total), total)
    with notebook.unit_of_work() as uow:
        for enquiry in demo.enquiries:
            op, state = uow.judging.save_enquiry(enquiry)
            uow.record("enquiry", enquiry.id, op, state)
        for judgement in demo.judgements:
            op, state = uow.judging.save_judgement(judgement)
            uow.record("judgement", judgement.judgement_id, op, state)
        uow.commit()
    notebook.checkpoint(truncate=True)
