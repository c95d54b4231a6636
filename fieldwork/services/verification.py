"""`verify`: the history chain is intact, the evidence matches it, and every page checks out."""

from __future__ import annotations

from dataclasses import dataclass

from fieldwork.services.notebook import Notebook


@dataclass(frozen=True, slots=True)
class VerifyReport:
    entries: int
    head_seq: int
    head_hash: str
    fingerprint: str
    chain_problem: str | None  # e.g. "entry 12 has been changed"
    first_bad_seq: int | None
    mismatches: tuple[str, ...]  # evidence that differs from its last history entry
    integrity_problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.chain_problem is None and not self.mismatches and not self.integrity_problems


def evidence_fingerprint(notebook: Notebook) -> tuple[str, str, int]:
    """(fingerprint text, head hash hex, head seq) of the notebook's history, as the pack prints it."""
    from fieldwork.store.history_chain import fingerprint

    with notebook.unit_of_work(read_only=True) as uow:
        head = uow.history.head()
    return fingerprint(head), head.hash, head.seq


def verify_notebook(notebook: Notebook, *, full: bool = True) -> VerifyReport:
    from fieldwork.store.history_chain import fingerprint
    from fieldwork.store.history_verify import verify_history
    from fieldwork.store.maintenance import integrity

    with notebook.unit_of_work(read_only=True) as uow:
        chain, mismatches = verify_history(uow.session, notebook.notebook_id)
    check = integrity(notebook.database, full=full)
    problems = list(check.cipher_pages_bad)
    if check.quick_check != "ok":
        problems.append(f"quick check: {check.quick_check}")
    if check.integrity_check != "ok":
        problems.append(f"integrity check: {check.integrity_check}")
    if not check.search_index_ok:
        problems.append("the search index does not match the notes")
    return VerifyReport(
        entries=chain.entries,
        head_seq=chain.head.seq,
        head_hash=chain.head.hash,
        fingerprint=fingerprint(chain.head),
        chain_problem=chain.problem,
        first_bad_seq=chain.first_bad_seq,
        mismatches=mismatches,
        integrity_problems=tuple(problems),
    )
