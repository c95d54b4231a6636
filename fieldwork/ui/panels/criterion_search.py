"""Ranks a framework's criteria against typed words (id, heading, keywords, theme): no Qt here."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fieldwork.domain.framework import Criterion, Framework

_WORD = re.compile(r"[a-z0-9]+")
# Words typed between the words that matter: ignored unless typed alone.
_FILLER = frozenset({"a", "an", "and", "at", "for", "in", "of", "on", "or", "the", "to", "with"})
# How much one typed word is worth, by where it matched: (exact word, prefix of a word).
_WEIGHTS = {
    "id": (6.0, 5.0),
    "heading": (5.0, 4.0),
    "keyword": (3.0, 2.5),
    "theme": (2.0, 1.5),
    "judgement": (1.5, 1.0),
}


def words_of(text: str) -> tuple[str, ...]:
    """Lower-case words; apostrophes are dropped so "children's" is one word, "childrens"."""
    return tuple(_WORD.findall(text.lower().replace("'", "").replace("\u2019", "")))


@dataclass(frozen=True, slots=True)
class CriterionMatch:
    criterion: Criterion
    theme_title: str
    judgement_title: str
    score: float


@dataclass(frozen=True, slots=True)
class _Entry:
    criterion: Criterion
    theme_title: str
    judgement_title: str
    order: int
    fields: tuple[tuple[str, frozenset[str]], ...]  # (field name, its words)
    heading: str  # lower case, for phrase matches
    keywords: tuple[str, ...]  # lower case


class CriterionIndex:
    """Built once per framework; `search` is fast enough to run on every keystroke."""

    def __init__(self, framework: Framework) -> None:
        entries: list[_Entry] = []
        for judgement in framework.judgements:
            judgement_words = frozenset(words_of(f"{judgement.short_title} {judgement.title}"))
            for theme in judgement.themes:
                for criterion in theme.criteria:
                    keywords = tuple(k.lower() for k in criterion.keywords)
                    fields = (
                        ("id", frozenset(words_of(criterion.id))),
                        ("heading", frozenset(words_of(criterion.heading))),
                        ("keyword", frozenset(w for k in keywords for w in words_of(k))),
                        ("theme", frozenset(words_of(theme.title))),
                        ("judgement", judgement_words),
                    )
                    entries.append(
                        _Entry(
                            criterion,
                            theme.title,
                            judgement.short_title or judgement.title,
                            len(entries),
                            fields,
                            criterion.heading.lower(),
                            keywords,
                        )
                    )
        self._entries = tuple(entries)

    def search(self, text: str, limit: int = 12) -> tuple[CriterionMatch, ...]:
        """Criteria matching every typed word (a word matches the start of a word), best first."""
        query = text.strip().lower()
        words = words_of(query)
        if not words:
            return ()
        scored = []
        for entry in self._entries:
            score = _score(entry, query, words)
            if score > 0:
                scored.append((-score, entry.order, entry))
        scored.sort(key=lambda item: (item[0], item[1]))
        return tuple(
            CriterionMatch(e.criterion, e.theme_title, e.judgement_title, -s)
            for s, _, e in scored[:limit]
        )


def _word_score(entry: _Entry, word: str) -> float:
    best = 0.0
    for name, field_words in entry.fields:
        exact, prefix = _WEIGHTS[name]
        if word in field_words:
            best = max(best, exact)
        elif best < prefix and any(w.startswith(word) for w in field_words):
            best = prefix
    return best


def _score(entry: _Entry, query: str, words: tuple[str, ...]) -> float:
    criterion_id = entry.criterion.id.lower()
    if criterion_id == query:
        return 100.0
    if "." in query and criterion_id.startswith(query):
        return 50.0  # an id being typed: framework order
    total = 0.0
    for word in words:
        if len(words) > 1 and word in _FILLER:
            continue
        score = _word_score(entry, word)
        if score == 0:
            return 0.0
        total += score
    # Typed words that run on as a phrase beat the same words scattered across fields.
    if entry.heading.startswith(query):
        total += 3.0
    elif query in entry.heading:
        total += 2.0
    if query in entry.keywords:
        total += 3.0
    elif any(k.startswith(query) for k in entry.keywords):
        total += 2.0
    return total
