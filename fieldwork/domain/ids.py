"""Typed ids for evidence: random UUIDs, so two inspectors' notebooks can be merged later."""

from __future__ import annotations

import uuid
from typing import NewType

NotebookId = NewType("NotebookId", str)
NoteId = NewType("NoteId", str)
CaseId = NewType("CaseId", str)
PractitionerId = NewType("PractitionerId", str)
ActivityId = NewType("ActivityId", str)
EnquiryId = NewType("EnquiryId", str)


def new_id() -> str:
    """A fresh lower-case UUID4 string."""
    return str(uuid.uuid4())
