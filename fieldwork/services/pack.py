"""Export the draft judgement evidence pack: one consistent snapshot, plain data, then the PDF.

`build_pack` reads everything in ONE read-only unit of work (a consistent snapshot while typing
goes on), applies the filters, and computes coverage, grades, rule warnings (on evidence counted
from the filtered notes), gaps, open enquiries, cases and caseloads. `export_pack` hands the
result to fieldwork.export, encrypts in memory if asked, and writes the file atomically.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from fieldwork import __version__
from fieldwork.domain.errors import ExportError, InputRejected
from fieldwork.domain.evidence import Note, ProvisionalJudgement
from fieldwork.domain.framework import Framework
from fieldwork.domain.inspection import INSPECTION_TYPE_LABELS
from fieldwork.domain.pack import (
    MAX_MARKING_CHARS,
    EvidencePack,
    GradeRow,
    PackCover,
    PackFilters,
    PackRequest,
    PackResult,
    PackWarning,
    default_pack_name,
    selection_digest,
)
from fieldwork.domain.progress import CancelToken, Progress, check
from fieldwork.domain.text import without_controls
from fieldwork.frameworks.rules import evaluate_rules
from fieldwork.runtime.atomic import write_atomic
from fieldwork.services.notebook import Notebook
from fieldwork.services.pack_assembly import (
    Selection,
    Snapshot,
    activity_rows,
    at_a_glance,
    case_rows,
    caseload_rows,
    evidence_counts,
    judgement_section,
    what_needs_to_improve,
)

if TYPE_CHECKING:
    from fieldwork.export.pack_document import RenderedPack

PRODUCER = f"Fieldwork {__version__}"
CANCELLED = "The export was cancelled; nothing was written."


def read_snapshot(notebook: Notebook) -> Snapshot:
    from fieldwork.store.history_chain import fingerprint
    from fieldwork.store.repositories.pack_queries import PackQueries

    with notebook.unit_of_work(read_only=True) as uow:
        head = uow.history.head()  # the first read fixes the snapshot for the rest
        inspection = uow.inspection.get()
        if inspection is None:
            raise ExportError("This notebook has no inspection details, so it has no pack yet.")
        return Snapshot(
            inspection=inspection,
            fingerprint=fingerprint(head),
            notes=PackQueries(uow.session).notes(),
            cases=uow.people.cases(),
            practitioners=uow.people.practitioners(),
            activities=uow.activities.all(),
            enquiries=uow.judging.enquiries(),
            judgements=uow.judging.judgements(),
        )


def check_request(framework: Framework, request: PackRequest) -> PackRequest:
    """The request with its marking tidied, or InputRejected saying what to change."""
    filters = request.filters
    for judgement_id in filters.judgement_ids:
        if judgement_id not in {j.id for j in framework.judgements}:
            known = ", ".join(j.id for j in framework.judgements)
            raise InputRejected(
                f"'{judgement_id}' is not a judgement of {framework.title} (known: {known})."
            )
    if filters.since and filters.until and filters.since > filters.until:
        raise InputRejected("The start of the date range is after its end.")
    marking = " ".join(without_controls(request.marking).split())
    if not marking:
        raise InputRejected(
            "The handling marking cannot be empty (the usual one is OFFICIAL-SENSITIVE)."
        )
    if len(marking) > MAX_MARKING_CHARS:
        raise InputRejected(f"The handling marking can be at most {MAX_MARKING_CHARS} characters.")
    if not 0 <= request.caseload_threshold <= 1000:
        raise InputRejected("The caseload threshold should be a number from 0 to 1,000.")
    author = filters.author.strip() if filters.author else None
    return replace(request, marking=marking, filters=replace(filters, author=author or None))


def _passes(note: Note, filters: PackFilters) -> bool:
    if filters.reviewed_only and not note.reviewed:
        return False
    if filters.author and note.author.strip().casefold() != filters.author.casefold():
        return False
    if filters.since or filters.until:
        day = note.created_at.astimezone().date()
        if (filters.since and day < filters.since) or (filters.until and day > filters.until):
            return False
    return True


@dataclass(frozen=True, slots=True)
class PackContents:
    """What a request selects from one snapshot: the checked request, the notes and judgements."""

    request: PackRequest
    snapshot: Snapshot
    passed: list[Note]  # through the filters, tagged or not
    chosen: set[str]  # judgement ids in the pack
    selection: Selection


def select_contents(
    notebook: Notebook, request: PackRequest, *, cancel: CancelToken | None = None
) -> PackContents:
    """Read one snapshot and apply the request's filters (shared by the pack and its privacy scan)."""
    framework = notebook.framework
    request = check_request(framework, request)
    filters = request.filters
    snap = read_snapshot(notebook)
    check(cancel, CANCELLED)
    if filters.author and not any(
        n.author.strip().casefold() == filters.author.casefold() for n in snap.notes
    ):
        raise InputRejected(f"No note in this notebook was written by '{filters.author}'.")
    passed = [n for n in snap.notes if _passes(n, filters)]
    chosen = set(filters.judgement_ids) or {j.id for j in framework.judgements}
    selection = Selection.make(framework, snap, passed, chosen)
    check(cancel, CANCELLED)
    return PackContents(request, snap, passed, chosen, selection)


def build_pack(
    notebook: Notebook,
    request: PackRequest,
    *,
    now: datetime | None = None,
    cancel: CancelToken | None = None,
) -> EvidencePack:
    """The evidence pack as plain data, from one snapshot of the notebook."""
    framework = notebook.framework
    contents = select_contents(notebook, request, cancel=cancel)
    request, snap, passed = contents.request, contents.snapshot, contents.passed
    chosen, selection, filters = contents.chosen, contents.selection, contents.request.filters

    grades = {j.judgement_id: j.grade for j in snap.judgements}
    counts = evidence_counts(framework, passed)
    short = {j.id: j.short_title for j in framework.judgements}
    fired = evaluate_rules(framework, grades, counts)
    warnings = tuple(
        PackWarning(w.severity, w.message, tuple(short.get(j, j) for j in w.judgement_ids))
        for w in fired
    )
    rule_hits = [(set(w.judgement_ids), shown) for w, shown in zip(fired, warnings, strict=True)]
    stored = {j.judgement_id: j for j in snap.judgements}
    sections = []
    for judgement in framework.body_order:
        if judgement.id not in chosen:
            continue
        mine = tuple(w for ids, w in rule_hits if judgement.id in ids)
        provisional = stored.get(judgement.id, ProvisionalJudgement(judgement.id))
        sections.append(judgement_section(selection, judgement, provisional, mine))
        check(cancel, CANCELLED)
    in_pack = [j for j in framework.body_order if j.id in chosen]
    improvements, also = what_needs_to_improve(selection, in_pack)
    grade_rows = tuple(
        GradeRow(
            judgement_id=j.id,
            title=j.title,
            grade=framework.grades.get(g).label
            if (g := grades.get(j.id)) in framework.grades.ids
            else None,
            grade_order=framework.grades.order_of(g) if g in framework.grades.ids else None,
            strengths=counts[j.id].strengths,
            areas_for_improvement=counts[j.id].areas_for_improvement,
            serious_weaknesses=counts[j.id].serious_weaknesses,
            in_pack=j.id in chosen,
        )
        for j in framework.judgements
    )
    inspection = snap.inspection
    cover = PackCover(
        authority=inspection.authority,
        inspection_type=INSPECTION_TYPE_LABELS.get(
            inspection.inspection_type, inspection.inspection_type
        ),
        start_date=inspection.start_date,
        end_date=inspection.end_date,
        framework_title=framework.title,
        framework_version=framework.version,
        framework_note=framework.source_note if framework.paraphrase else "",
        inspector=inspection.inspector,
        lead_inspector=inspection.lead_inspector,
        produced_at=now or datetime.now(UTC),
        filters=filters.describe({j.id: j.short_title for j in framework.judgements}),
        fingerprint=snap.fingerprint,
        selection_hash=selection_digest(selection.notes),
        notes_in_pack=len(selection.notes),
        notes_in_notebook=len(snap.notes),
        notes_untagged=selection.untagged,
    )
    threshold = request.caseload_threshold
    caseloads, summary = caseload_rows(snap.practitioners, threshold)
    return EvidencePack(
        marking=request.marking,
        cover=cover,
        grades=grade_rows,
        warnings=warnings,
        improvements=improvements,
        also_noted=also,
        judgements=tuple(sections),
        cases=case_rows(snap, selection),
        caseloads=caseloads,
        caseload_summary=summary,
        activities=activity_rows(snap, selection, filters),
        other_enquiries=selection.enquiry_items(None, answered=False),
        national_framework=any(c.national_framework for c in framework.criteria),
        at_a_glance=at_a_glance(selection, len(snap.cases)),
    )


def resolve_target(notebook: Notebook, target: Path, today: date | None = None) -> Path:
    """Where the pack will be written: a folder gets the neutral default name."""
    target = Path(target).expanduser()
    if target.is_dir():
        target = target / default_pack_name(today or date.today())
    folder = target.parent
    if not folder.is_dir():
        raise ExportError("The folder for the pack does not exist.", detail=str(folder))
    if target.resolve().is_relative_to(notebook.folder.resolve()):
        raise InputRejected("Choose a folder outside the notebook for the pack.")
    return target


def export_pack(
    notebook: Notebook,
    request: PackRequest,
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    now: datetime | None = None,
) -> PackResult:
    """Build, render, encrypt if asked, and write the pack once; nothing is left on failure."""
    from fieldwork.export.encryption import encrypt_pdf
    from fieldwork.export.pack_document import render_pack

    report = progress or (lambda done, total: None)
    report(0, 0)
    target = resolve_target(notebook, request.target)
    if request.password is not None and not request.password:
        raise InputRejected("An empty password protects nothing; give one or leave it out.")
    pack = build_pack(notebook, request, now=now, cancel=cancel)
    rendered: RenderedPack = render_pack(
        pack,
        producer=PRODUCER,
        progress=lambda done, total: report(done + 1, total + 2),
        cancel=cancel,
    )
    data = rendered.data
    if request.password:
        data = encrypt_pdf(data, request.password, marking=pack.marking, producer=PRODUCER)
    check(cancel, CANCELLED)
    try:
        write_atomic(target, data, prefix=".fieldwork-export-")
    except OSError as error:
        raise ExportError(
            f"The evidence pack could not be written ({error.strerror or type(error).__name__}). "
            "Nothing was left behind; choose another folder or free some space.",
            detail=str(target),
        ) from None
    report(rendered.flowables + 2, rendered.flowables + 2)
    return PackResult(
        path=target,
        pages=rendered.pages,
        fingerprint=pack.cover.fingerprint,
        selection_hash=pack.cover.selection_hash,
        notes=pack.cover.notes_in_pack,
        encrypted=bool(request.password),
    )
