"""What a search asks for and what it returns; splitting typed text into words and phrases."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from fieldwork.domain.evidence import Tag
from fieldwork.domain.ids import ActivityId, CaseId, NoteId, PractitionerId
from fieldwork.domain.snippets import Excerpt
from fieldwork.domain.text import without_controls

_PHRASE_OR_WORD = re.compile(r'"([^"]*)"?|([^\s"]+)')


@dataclass(frozen=True, slots=True)
class SearchTerm:
    text: str  # one or more words
    phrase: bool  # typed in quotes: the words in this order
    prefix: bool = False  # the last word typed so far: match words starting with it


def _may_hold_a_word(text: str) -> bool:
    # ASCII letters and digits certainly make words; whether other characters do is the full-text
    # tokenizer's call (its Unicode tables differ from Python's), so the store asks it.
    return any(ch.isalnum() or not ch.isascii() for ch in text)


def split_search_text(text: str, *, prefix_last: bool = True) -> tuple[SearchTerm, ...]:
    """Words and "quoted phrases", kept as typed: the full-text index splits them into words
    exactly as it split the notes, so punctuation and odd characters can never mismatch or be a
    syntax error. Terms with nothing to search for (bare punctuation) are dropped."""
    terms: list[SearchTerm] = []
    text = without_controls(text, " ")  # a NUL would end the query early inside SQLite
    for match in _PHRASE_OR_WORD.finditer(text):
        phrase, word = match.group(1), match.group(2)
        raw = (phrase if phrase is not None else word or "").strip()
        if not raw or not _may_hold_a_word(raw):
            continue
        terms.append(SearchTerm(raw, phrase=phrase is not None))
    # While typing, the last word is probably unfinished: match words that start with it.
    if prefix_last and terms and not terms[-1].phrase and text[-1:].isalnum():
        last = terms[-1]
        terms[-1] = SearchTerm(last.text, phrase=False, prefix=True)
    return tuple(terms)


@dataclass(frozen=True, slots=True)
class SearchQuery:
    text: str = ""
    as_you_type: bool = False  # the last word may be unfinished: match it as a prefix
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
    excerpt: Excerpt  # the snippet and its highlights, made when first read

    @property
    def snippet(self) -> str:
        return self.excerpt.value[0]

    @property
    def highlights(self) -> tuple[tuple[int, int], ...]:
        """(start, end) offsets into `snippet`."""
        return self.excerpt.value[1]


@dataclass(frozen=True, slots=True)
class SearchPage:
    hits: tuple[NoteHit, ...]
    total: int  # notes matching the query and filters
    ranked: bool  # ordered by relevance (else newest first)
    next_cursor: tuple[str, int] | None = None
    terms: tuple[SearchTerm, ...] = field(default=())
