"""The privacy guard on save: what in a note looks like personal data, kept as written or replaced.

Findings carry a kind, offsets and a fingerprint, never the matched text, so they can cross to
the window without copying personal data anywhere. "Keep as written" stores the fingerprints with
the note (in the encrypted notebook), and a kept finding is not raised again for that note. A
fingerprint is a hash of the kind and the matched characters, so a kept finding leaves no copy of
the words behind when they are later deleted from the note.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from fieldwork.domain.errors import InputRejected
from fieldwork.privacy.detectors import replace_findings, scan_text
from fieldwork.privacy.findings import LABELS, Finding, FindingKind
from fieldwork.services.notebook import Notebook

if TYPE_CHECKING:
    from fieldwork.store.unit_of_work import UnitOfWork

# A note's kept findings live in the notebook's key/value table under this prefix + note id.
_KEPT_PREFIX: Final = "privacy-kept:"
# What replaces a name in a note with no case, or several (whose name would it be?).
NAME_PLACEHOLDER: Final = "[name removed]"


@dataclass(frozen=True, slots=True)
class Flagged:
    """One span of a saved note's text that looks like personal data."""

    kind: FindingKind
    start: int  # offsets into the text as stored
    end: int
    fingerprint: str

    @property
    def label(self) -> str:
        return LABELS[self.kind]


def fingerprint(kind: str, matched: str) -> str:
    """Stable across spacing and case, so "943 476 5919" kept also keeps "9434765919"."""
    folded = "".join(ch for ch in matched.casefold() if ch.isalnum())
    return hashlib.sha256(f"{kind}\x00{folded}".encode()).hexdigest()[:32]


def flag(text: str, findings: Iterable[Finding]) -> tuple[Flagged, ...]:
    return tuple(
        Flagged(f.kind, f.start, f.end, fingerprint(f.kind, text[f.start : f.end]))
        for f in findings
    )


def scan_saved(uow: UnitOfWork, note_id: str, text: str) -> tuple[Flagged, ...]:
    """Findings in a note's stored text that the user has not kept as written for this note."""
    findings = scan_text(text)
    if not findings:
        return ()
    kept = _kept(uow, note_id)
    return tuple(f for f in flag(text, findings) if f.fingerprint not in kept)


def case_reference(uow: UnitOfWork, case_ids: Iterable[str]) -> str | None:
    """The reference of the note's one case; None with no case or several."""
    wanted = set(case_ids)
    if len(wanted) != 1:
        return None  # without reading every case
    return one_reference(wanted, {case.id: case.reference for case in uow.people.cases()})


def one_reference(case_ids: Iterable[str], references: Mapping[str, str]) -> str | None:
    """The reference of a note's one case; None with none or several (whose would it be?)."""
    wanted = set(case_ids)
    return references.get(wanted.pop()) if len(wanted) == 1 else None


def replacement_for(kind: FindingKind, case_ref: str | None) -> str:
    """A name becomes the note's case reference; other details a bracketed placeholder.

    "Spoke to Tyler on [phone number removed]" reads as a note; a phone number turned into a
    case reference would read as nonsense, and no reference fits a note of several cases.
    """
    if kind == "name":
        return case_ref or NAME_PLACEHOLDER
    return f"[{LABELS[kind].split(' ', 1)[1]} removed]"


def replace_flagged(text: str, flagged: Iterable[Flagged], case_ref: str | None) -> str:
    """`text` with each flagged span replaced by its placeholder (from the end, so offsets hold)."""
    for item in sorted(flagged, key=lambda f: f.start, reverse=True):
        finding = Finding(item.kind, item.start, item.end)
        text = replace_findings(text, [finding], replacement_for(item.kind, case_ref))
    return text


def keep_as_written(notebook: Notebook, note_id: str, fingerprints: Iterable[str]) -> None:
    """Remember that these findings belong in this note; they are not raised for it again."""
    new = {f for f in fingerprints if f}
    if not new:
        return
    with notebook.unit_of_work() as uow:
        if uow.notes.get(note_id) is None:
            raise InputRejected("That note is no longer in the notebook.")
        kept = _kept(uow, note_id) | new
        uow.inspection.set_meta(_KEPT_PREFIX + note_id, " ".join(sorted(kept)))
        uow.commit()


def forget_kept(uow: UnitOfWork, note_id: str) -> None:
    """Drop a deleted note's kept findings (hashes only, but nothing should outlive the note)."""
    if uow.inspection.meta(_KEPT_PREFIX + note_id):
        uow.inspection.set_meta(_KEPT_PREFIX + note_id, "")


def _kept(uow: UnitOfWork, note_id: str) -> set[str]:
    return set((uow.inspection.meta(_KEPT_PREFIX + note_id) or "").split())
