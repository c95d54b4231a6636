"""The hash-chained history of evidence changes, its fingerprint, and verification."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldwork.store.models import HistoryRow

ENTRY_PREFIX = b"fieldwork/history/v1\n"
GENESIS_PREFIX = b"fieldwork/genesis/v1\n"


def canonical(value: Mapping[str, Any]) -> bytes:
    """The one byte form of a record: sorted keys, no spaces, ASCII, no floats."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False
    ).encode()


def history_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def genesis_hash(notebook_id: str) -> str:
    return hashlib.sha256(GENESIS_PREFIX + notebook_id.encode()).hexdigest()


def entry_hash(prev_hash: str, record: Mapping[str, Any]) -> str:
    return hashlib.sha256(ENTRY_PREFIX + bytes.fromhex(prev_hash) + canonical(record)).hexdigest()


def _record(
    seq: int, at: str, actor: str, entity: str, entity_id: str, op: str, state: Any
) -> dict[str, Any]:
    return {
        "seq": seq,
        "at": at,
        "actor": actor,
        "entity": entity,
        "entity_id": entity_id,
        "op": op,
        "state": state,
    }


@dataclass(frozen=True, slots=True)
class Head:
    seq: int
    hash: str


@dataclass(frozen=True, slots=True)
class ChainReport:
    entries: int
    head: Head
    first_bad_seq: int | None
    problem: str | None

    @property
    def intact(self) -> bool:
        return self.first_bad_seq is None and self.problem is None


class HistoryChain:
    """Appends entries inside the caller's transaction; the caller commits."""

    def __init__(self, session: Session, notebook_id: str) -> None:
        self.session = session
        self.notebook_id = notebook_id
        self._head: Head | None = None

    def head(self) -> Head:
        if self._head is None:
            row = self.session.execute(
                select(HistoryRow.seq, HistoryRow.hash).order_by(HistoryRow.seq.desc()).limit(1)
            ).first()
            self._head = Head(row[0], row[1]) if row else Head(0, genesis_hash(self.notebook_id))
        return self._head

    def append(
        self, *, at: datetime, actor: str, entity: str, entity_id: str, op: str, state: Any
    ) -> Head:
        head = self.head()
        seq = head.seq + 1
        at_text = history_time(at)
        record = _record(seq, at_text, actor, entity, entity_id, op, state)
        digest = entry_hash(head.hash, record)
        self.session.add(
            HistoryRow(
                seq=seq,
                at=at,
                actor=actor,
                entity=entity,
                entity_id=entity_id,
                op=op,
                state=canonical({"state": state}).decode(),
                prev_hash=head.hash,
                hash=digest,
            )
        )
        self._head = Head(seq, digest)
        return self._head


def verify_chain(rows: Iterable[HistoryRow], notebook_id: str) -> ChainReport:
    """Recompute every hash in order; report the first entry that does not match."""
    previous = genesis_hash(notebook_id)
    expected_seq = 1
    count = 0
    for row in rows:
        count += 1
        if row.seq != expected_seq:
            return ChainReport(
                count, Head(row.seq, row.hash), row.seq, f"entry {expected_seq} is missing"
            )
        state = json.loads(row.state)["state"]
        record = _record(
            row.seq, history_time(row.at), row.actor, row.entity, row.entity_id, row.op, state
        )
        if row.prev_hash != previous or entry_hash(previous, record) != row.hash:
            return ChainReport(
                count, Head(row.seq, row.hash), row.seq, f"entry {row.seq} has been changed"
            )
        previous = row.hash
        expected_seq += 1
    return ChainReport(count, Head(expected_seq - 1, previous), None, None)


def last_states(rows: Iterable[HistoryRow]) -> dict[tuple[str, str], Any]:
    """The last recorded state of each (entity, id); None where the last entry is a delete."""
    states: dict[tuple[str, str], Any] = {}
    for row in rows:
        states[(row.entity, row.entity_id)] = (
            None if row.op == "delete" else json.loads(row.state)["state"]
        )
    return states


def fingerprint(head: Head) -> str:
    """`FW1-XXXX-XXXX-XXXX-XXXX-XXXX @ seq`: the head hash in base32, grouped for reading aloud."""
    text = base64.b32encode(bytes.fromhex(head.hash)).decode().rstrip("=")[:20]
    groups = "-".join(text[i : i + 4] for i in range(0, 20, 4))
    return f"FW1-{groups} @ {head.seq}"
