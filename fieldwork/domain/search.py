"""What a search asks for and what it returns; splitting typed text into words and phrases."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from fieldwork.domain.evidence import Tag
from fieldwork.domain.ids import ActivityId, CaseId, NoteId, PractitionerId

_PHRASE_OR_WORD = re.compile(r'"([^"]*)"?|(\S+)')
_WORD_CHARS = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class SearchTerm:
    text: str  # one or more words
    phrase: bool  # typed in quotes: the words in this order
    prefix: bool = False  # the last word typed so far: match words starting with it


def split_search_text(text: str) -> tuple[SearchTerm, ...]:
    """Words and "quoted phrases"; punctuation is ignored, so no input is ever a syntax error."""
    terms: list[SearchTerm] = []
    for match in _PHRASE_OR_WORD.finditer(text):
        phrase, word = match.group(1), match.group(2)
        raw = phrase if phrase is not None else word
        words = _WORD_CHARS.findall(raw or "")
        if not words:
            continue
        terms.append(SearchTerm(" ".join(words), phrase=phrase is not None or len(words) > 1))
    if terms and not terms[-1].phrase and not text.endswith((" ", '"')):
        last = terms[-1]
        terms[-1] = SearchTerm(last.text, phrase=False, prefix=True)
    return tuple(terms)


@dataclass(frozen=True, slots=True)
class SearchQuery:
    text: str = ""
    criterion_ids: tuple[
        str, ...
    ] = ()  # any of these (a judgement or theme expands to its criteria)
    evaluations: tuple[str, ...] = ()
    case_id: CaseId | None = None
    practitioner_id: PractitionerId | None = None
    activity_id: ActivityId | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 200
    after: tuple[str, int] | None = None  # keyset cursor for the next page (sort key, rowid)


@dataclass(frozen=True, slots=True)
class NoteHit:
    note_id: NoteId
    created_at: datetime
    activity_id: ActivityId | None
    case_ids: tuple[CaseId, ...]
    tags: tuple[Tag, ...]
    first_line: str
    snippet: str
    highlights: tuple[tuple[int, int], ...]  # (start, end) offsets into `snippet`


@dataclass(frozen=True, slots=True)
class SearchPage:
    hits: tuple[NoteHit, ...]
    total: int  # notes matching the query and filters
    ranked: bool  # ordered by relevance (else newest first)
    next_cursor: tuple[str, int] | None = None
    terms: tuple[SearchTerm, ...] = field(default=())
