"""A text as the area model sees it: counts of folded words and word pairs, with how they read."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from itertools import pairwise

from fieldwork.suggest.tokens import fold, raw_words

# Suggestions look at the start of a long note; the rest rarely changes the area and costs time.
MAX_SCORED_CHARS = 8_000


def features(text: str) -> tuple[Counter[str], dict[str, str]]:
    """Counts of each word and adjacent pair, and the first way each was written (for a "why")."""
    written = raw_words(text[:MAX_SCORED_CHARS])
    folded = [_fold(w) for w in written]
    pairs = [f"{a} {b}" for a, b in pairwise(folded)]
    counts: Counter[str] = Counter(folded)
    counts.update(pairs)
    # Reversed, so the first way a word was written is the one kept.
    shown = dict(zip(reversed(folded), reversed(written), strict=True))
    written_pairs = [f"{a} {b}" for a, b in pairwise(written)]
    shown.update(zip(reversed(pairs), reversed(written_pairs), strict=True))
    return counts, shown


# Notes repeat their words; folding each distinct word once is most of the saving.
_fold = lru_cache(maxsize=50_000)(fold)
