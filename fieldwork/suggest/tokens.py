"""Words of a note as the suggesters see them: lower case, possessives and plurals folded."""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_KEEP_S = ("ss", "us", "is", "ous")


def fold(word: str) -> str:
    """One form for a word's plural and possessive, so "plans" meets "plan" (no dictionary)."""
    if word.endswith("'s") or word.endswith("s'"):
        word = word[:-2]
    word = word.replace("'", "")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(_KEEP_S):
        return word[:-1]
    return word


def raw_words(text: str) -> list[str]:
    """The lower-case words of a text as written, in order; punctuation and brackets fall away."""
    return _WORD.findall(text.translate(_QUOTES).lower().replace("-", " "))


def words(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return [fold(w) for w in raw_words(text)]


# Words too common to say anything about an area; kept out of heading words and the "why".
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "being",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "how",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "may",
        "more",
        "most",
        "much",
        "must",
        "no",
        "not",
        "of",
        "on",
        "or",
        "our",
        "over",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "within",
        "without",
        "would",
        "you",
        "your",
    ]
)


def ngrams(tokens: list[str], longest: int) -> list[tuple[str, ...]]:
    """Every run of 1 to `longest` consecutive words, shortest first at each position."""
    found: list[tuple[str, ...]] = []
    for start in range(len(tokens)):
        for size in range(1, longest + 1):
            if start + size > len(tokens):
                break
            found.append(tuple(tokens[start : start + size]))
    return found
