"""The baseline area suggester: the framework's own keywords, headings and titles, nothing learned."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from fieldwork.domain.framework import Framework, Judgement
from fieldwork.suggest.ranking import WHY_LENGTH, AreaScore, best_first, suggestible
from fieldwork.suggest.tokens import STOPWORDS, ngrams, words

# A keyword phrase names practice; a word from a heading only hints at it; a title names the area.
KEYWORD_WEIGHT = 1.0
HEADING_WORD_WEIGHT = 0.25
TITLE_WEIGHT = 2.0
LONGEST_PHRASE = 6


@dataclass(frozen=True, slots=True)
class _Entry:
    shown: str  # how the phrase reads in a "why"
    weights: tuple[tuple[str, float], ...]  # (judgement id, weight)


class KeywordAreaSuggester:
    """Sums the weights of framework phrases found in the text, per judgement."""

    def __init__(self, framework: Framework) -> None:
        self._order = tuple(j.id for j in suggestible(framework))
        self._entries = _phrase_table(suggestible(framework))
        self._longest = max((len(p) for p in self._entries), default=1)

    def rank(self, text: str) -> tuple[AreaScore, ...]:
        scores = dict.fromkeys(self._order, 0.0)
        reasons: dict[str, dict[str, float]] = {jid: {} for jid in self._order}
        for gram in ngrams(words(text), self._longest):
            entry = self._entries.get(gram)
            if entry is None:
                continue
            for jid, weight in entry.weights:
                scores[jid] += weight
                reasons[jid][entry.shown] = reasons[jid].get(entry.shown, 0.0) + weight
        total = sum(scores.values())
        if total > 0:
            scores = {jid: s / total for jid, s in scores.items()}
        else:  # nothing recognised: say so with equal scores rather than guess
            scores = dict.fromkeys(self._order, 1.0 / max(len(self._order), 1))
        why = {
            jid: tuple(
                shown
                for shown, _ in sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))[:WHY_LENGTH]
            )
            for jid, found in reasons.items()
        }
        return best_first(self._order, scores, why)


def _phrase_table(judgements: tuple[Judgement, ...]) -> dict[tuple[str, ...], _Entry]:
    """Each phrase's weight per judgement, shared phrases discounted by how many areas share them."""
    raw: dict[tuple[str, ...], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    shown: dict[tuple[str, ...], str] = {}

    def add(phrase: str, jid: str, weight: float) -> None:
        key = tuple(words(phrase))
        if not key or (len(key) == 1 and key[0] in STOPWORDS):
            return
        raw[key][jid] += weight
        shown.setdefault(key, phrase.lower())

    for judgement in judgements:
        add(judgement.short_title, judgement.id, TITLE_WEIGHT)
        parts = judgement.short_title.split(" and ")
        if len(parts) > 1 and all(len(words(part)) > 1 for part in parts):
            for part in parts:  # "children in care and care leavers" is named by either half
                add(part, judgement.id, TITLE_WEIGHT)
        for theme in judgement.themes:
            for criterion in theme.criteria:
                for keyword in criterion.keywords:
                    add(keyword, judgement.id, KEYWORD_WEIGHT * len(words(keyword)) ** 0.5)
                for word in words(f"{theme.title} {criterion.heading}"):
                    add(word, judgement.id, HEADING_WORD_WEIGHT)
    table: dict[tuple[str, ...], _Entry] = {}
    for key, per_judgement in raw.items():
        spread = math.log1p(len(judgements) / len(per_judgement)) / math.log1p(len(judgements))
        weights = tuple(
            (jid, min(weight, TITLE_WEIGHT * 2) * spread)
            for jid, weight in sorted(per_judgement.items())
        )
        table[key] = _Entry(shown[key], weights)
    return table
