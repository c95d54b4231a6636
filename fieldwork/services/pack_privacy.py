"""The privacy guard before an export: what in the pack looks like personal data; warns, never blocks.

`scan_pack` reads the same snapshot and filters as the pack and scans every text that would be
printed: the notes, and the judgements' rationales, lines of enquiry, activity titles and case
details. Findings carry ids, kinds and offsets, never the matched text, so they can be shown,
printed on a terminal or logged as counts. In notes, what the inspector kept as written in the
editor is not raised again (the editor's own guard, `privacy_guard.scan_saved`). `replace_in_notes`
swaps the rest by the editor's rule (`privacy_guard.replacement_for`: a name becomes the note's
case reference, other details a placeholder) through `save_note`, so the notebook and the pack
agree and each change is in the history like any other edit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from fieldwork.domain.evidence import Note, NoteDraft
from fieldwork.domain.ids import NoteId
from fieldwork.domain.pack import PackRequest, note_reference
from fieldwork.domain.progress import CancelToken, check
from fieldwork.privacy.detectors import scan_text
from fieldwork.privacy.findings import LABELS, FindingKind
from fieldwork.services.notebook import Notebook
from fieldwork.services.notes import save_note
from fieldwork.services.pack import CANCELLED, select_contents
from fieldwork.services.privacy_guard import (
    Flagged,
    one_reference,
    replace_flagged,
    replacement_for,
    scan_saved,
)


@dataclass(frozen=True, slots=True)
class NoteFindings:
    """One note of the pack that looks like it holds personal data: where, and of which kinds."""

    note_id: NoteId
    note_ref: str  # as printed in the pack, e.g. "N-1a2b3c4d"
    case_ref: str | None  # the note's one case, None for none or several (names become it)
    spans: tuple[tuple[FindingKind, int, int], ...]  # (kind, start, end) in the note's text
    revision: int  # the note's revision when scanned
    # What each span matched, for the window to show beside the kind so the inspector can judge
    # it; kept out of repr so a stray log line or message cannot carry it.
    matched: tuple[str, ...] = field(default=(), repr=False)

    @property
    def kinds(self) -> tuple[FindingKind, ...]:
        return tuple(dict.fromkeys(kind for kind, _, _ in self.spans))

    @property
    def replacements(self) -> tuple[str, ...]:
        """What each span would become: the editor's rule, so both places replace alike."""
        return tuple(replacement_for(kind, self.case_ref) for kind, _, _ in self.spans)


@dataclass(frozen=True, slots=True)
class OtherFindings:
    """Text in the pack that is not a note (a rationale, say): reported, edited by the user."""

    where: str  # e.g. "the rationale for Help and protection"; never the text itself
    kinds: tuple[FindingKind, ...]


@dataclass(frozen=True, slots=True)
class PackPrivacyReport:
    notes_scanned: int
    notes: tuple[NoteFindings, ...]
    other: tuple[OtherFindings, ...] = ()

    @property
    def clean(self) -> bool:
        return not self.notes and not self.other

    def kind_counts(self) -> dict[FindingKind, int]:
        """How many findings of each kind, over notes and other text."""
        counts: Counter[FindingKind] = Counter()
        for note in self.notes:
            counts.update(kind for kind, _, _ in note.spans)
        for other in self.other:
            counts.update(other.kinds)
        return dict(counts.most_common())

    def headline(self) -> str:
        """One sentence: "3 notes look like they contain personal data." """
        parts = []
        if self.notes:
            parts.append(_count(len(self.notes), "note"))
        if self.other:
            parts.append(_count(len(self.other), "other text") + " in the pack")
        if not parts:
            return "Nothing in the pack looks like personal data."
        one = len(self.notes) + len(self.other) == 1
        verb = "looks like it contains" if one else "look like they contain"
        return f"{' and '.join(parts)} {verb} personal data."


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"


def kind_label(kind: FindingKind) -> str:
    """ "a phone number": how the window and the command line name a kind."""
    return LABELS[kind]


def describe_kinds(kinds: Iterable[FindingKind]) -> str:
    """ "a name and a phone number": the labels, joined for a sentence."""
    labels = [LABELS[kind] for kind in dict.fromkeys(kinds)]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def _case_ref(note: Note, refs: Mapping[str, str]) -> str | None:
    return one_reference(note.case_ids, refs)


def note_findings(
    note: Note, flagged: tuple[Flagged, ...], case_ref: str | None
) -> NoteFindings | None:
    """The findings of one note not kept as written (`scan_saved`), ready to show."""
    if not flagged:
        return None
    spans = tuple((f.kind, f.start, f.end) for f in flagged)
    matched = tuple(note.text[f.start : f.end] for f in flagged)
    return NoteFindings(note.id, note_reference(note.id), case_ref, spans, note.revision, matched)


def scan_pack(
    notebook: Notebook, request: PackRequest, *, cancel: CancelToken | None = None
) -> PackPrivacyReport:
    """Scan everything the request would put in the pack (one snapshot, the pack's own filters)."""
    contents = select_contents(notebook, request, cancel=cancel)
    snap, selection = contents.snapshot, contents.selection
    refs: dict[str, str] = {c.id: c.reference for c in snap.cases}
    flagged = []
    # Kept findings are read in a second transaction: a note kept as written between the two
    # is still listed, which errs on the side of asking.
    with notebook.unit_of_work(read_only=True) as uow:
        for index, note in enumerate(selection.notes):
            if index % 200 == 0:
                check(cancel, CANCELLED)
            found = note_findings(note, scan_saved(uow, note.id, note.text), _case_ref(note, refs))
            if found is not None:
                flagged.append(found)
    framework = notebook.framework
    titles = {j.id: j.short_title for j in framework.judgements}
    texts: list[tuple[str, str]] = [
        (f"the rationale for {titles[j.judgement_id]}", j.rationale)
        for j in snap.judgements
        if j.judgement_id in contents.chosen and j.judgement_id in titles
    ]
    texts += [("a line of enquiry", e.question) for e in snap.enquiries]
    texts += [("an activity's title", a.title) for a in snap.activities]
    texts += [(f"the details of case {c.reference}", c.detail) for c in snap.cases]
    other = []
    for where, text in texts:
        if text and (found_other := scan_text(text)):
            other.append(OtherFindings(where, tuple(dict.fromkeys(f.kind for f in found_other))))
    return PackPrivacyReport(len(selection.notes), tuple(flagged), tuple(other))


@dataclass(frozen=True, slots=True)
class Replaced:
    note_ids: tuple[NoteId, ...]  # notes whose text changed
    findings: int  # spans replaced


def replace_in_notes(notebook: Notebook, note_ids: Iterable[str]) -> Replaced:
    """Replace what looks like personal data in these notes, as the editor's Replace does.

    A name becomes the note's case reference ("[name removed]" with no case or several), other
    details a placeholder such as "[phone number removed]"; findings kept as written stay. Each
    note is scanned again as it is now (it may have been edited since the pack's scan), and
    saved through `save_note`: indexed, and chained into history as an edit.
    """
    with notebook.unit_of_work(read_only=True) as uow:
        notes = [n for i in dict.fromkeys(note_ids) if (n := uow.notes.get(i)) is not None]
        refs: dict[str, str] = {c.id: c.reference for c in uow.people.cases()}
        found_in = {n.id: scan_saved(uow, n.id, n.text) for n in notes}
    changed: list[NoteId] = []
    count = 0
    for note in notes:
        found = found_in[note.id]
        if not found:
            continue
        text = replace_flagged(note.text, found, _case_ref(note, refs))
        save_note(notebook, NoteDraft.of(note, text))
        changed.append(note.id)
        count += len(found)
    return Replaced(tuple(changed), count)
