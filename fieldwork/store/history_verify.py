"""Check the history chain and that every evidence row equals its last recorded state."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldwork.store.history_chain import ChainReport, last_states, verify_chain
from fieldwork.store.history_states import current_states
from fieldwork.store.models import HistoryRow


def verify_history(session: Session, notebook_id: str) -> tuple[ChainReport, tuple[str, ...]]:
    """The chain report and a sentence per piece of evidence that does not match its history."""
    rows = list(session.scalars(select(HistoryRow).order_by(HistoryRow.seq)))
    chain = verify_chain(rows, notebook_id)
    recorded = last_states(rows)
    now = dict(current_states(session))
    mismatches: list[str] = []
    for key, state in now.items():
        if key not in recorded:
            mismatches.append(f"{key[0]} {key[1]} has no history entry")
        elif recorded[key] != state:
            mismatches.append(f"{key[0]} {key[1]} differs from its last history entry")
    for key, state in recorded.items():
        if state is not None and key not in now and key[0] != "inspection":
            mismatches.append(f"{key[0]} {key[1]} is in the history but missing from the notebook")
    return chain, tuple(sorted(mismatches))
