"""Terms the criterion ranker compares: content words, light stems, sector abbreviations, pairs."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from fieldwork.suggest.tokens import STOPWORDS, fold

# Abbreviations any children's social care record uses, spelt out in the framework's own words,
# so "strat" meets "strategy discussion" and "PA" meets "personal adviser". Sector-standard
# shorthand only: nothing here was chosen by looking at a note.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "asye": ("newly", "qualified"),
    "camhs": ("child", "mental", "health"),
    "cce": ("criminal", "exploitation"),
    "cic": ("child", "in", "care"),
    "cin": ("child", "in", "need"),
    "cla": ("looked", "after", "child"),
    "cp": ("child", "protection"),
    "cpp": ("child", "protection", "plan"),
    "cse": ("sexual", "exploitation"),
    "dcs": ("director", "child", "service"),
    "dol": ("deprivation", "liberty"),
    "dols": ("deprivation", "liberty"),
    "da": ("domestic", "abuse"),
    "dsl": ("designated", "safeguarding", "lead"),
    "dv": ("domestic", "abuse"),
    "edt": ("emergency", "duty"),
    "ehcp": ("education", "health", "care", "plan"),
    "ehe": ("elective", "home", "education"),
    "eet": ("education", "employment", "training"),
    "ewo": ("education", "welfare", "officer"),
    "fgc": ("family", "group", "conference"),
    "fsw": ("family", "support", "worker"),
    "hos": ("head", "service"),
    "icpc": ("initial", "child", "protection", "conference"),
    "idva": ("domestic", "abuse"),
    "iha": ("initial", "health", "assessment"),
    "iro": ("independent", "reviewing", "officer"),
    "lac": ("looked", "after", "child"),
    "lado": ("designated", "officer", "allegation"),
    "marac": ("domestic", "abuse", "risk"),
    "mash": ("front", "door", "referral"),
    "neet": ("education", "employment", "training"),
    "nfa": ("no", "further", "action"),
    "nqsw": ("newly", "qualified"),
    "nrm": ("national", "referral", "mechanism", "trafficking"),
    "pa": ("personal", "adviser"),
    "pep": ("personal", "education", "plan"),
    "pf": ("private", "fostering"),
    "plo": ("pre", "proceeding"),
    "psw": ("principal", "social", "worker"),
    "qa": ("quality", "assurance"),
    "raa": ("regional", "adoption", "agency"),
    "rcpc": ("review", "child", "protection", "conference"),
    "rha": ("review", "health", "assessment"),
    "rhi": ("return", "home", "interview"),
    "s20": ("section", "20"),
    "s47": ("section", "47", "enquiry"),
    "sef": ("self", "evaluation"),
    "sdq": ("emotional", "wellbeing"),
    "sgo": ("special", "guardianship"),
    "strat": ("strategy", "discussion"),
    "sw": ("social", "worker"),
    "tm": ("team", "manager"),
    "uasc": ("unaccompanied", "asylum"),
    "yoi": ("young", "offender", "institution", "custody"),
    "yos": ("youth", "offending"),
    "yot": ("youth", "offending"),
}

# Endings folded away (longest first), with the shortest stem each may leave.
_SUFFIXES = (
    ("ations", 4),
    ("ation", 4),
    ("ments", 4),
    ("ment", 4),
    ("ions", 4),
    ("ion", 4),
    ("ings", 3),
    ("ing", 3),
    ("edly", 3),
    ("ed", 3),
    ("ly", 5),
)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_WORD_CASED = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_DOUBLE = frozenset("bdgmnprt")
_IRREGULAR = {"children": "child", "childrens": "child", "women": "woman", "men": "man"}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude, stable stem: "assessed", "assessing" and "assessment" all become "assess"."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, shortest in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= shortest:
            word = word[: -len(suffix)]
            if len(word) > 4 and word[-1] == word[-2] and word[-1] in _DOUBLE:
                word = word[:-1]  # "planning" -> "plan", "referred" -> "refer"
            return word
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]  # "move", "moved" and "moving" meet at "mov"
    return word


def _reference(word: str) -> bool:
    """A case or practitioner reference ("c", "014"; "p07") or a long number: no evidence of what."""
    if word.isalpha():
        return False
    digits = sum(ch.isdigit() for ch in word)
    return digits > 2 or (digits > 0 and not word.isdigit())


@lru_cache(maxsize=65536)
def _stems_of(word: str) -> tuple[str, ...]:
    """A written word's stems: folded, an abbreviation spelt out, stop words and references gone."""
    folded = fold(word)
    spelt = ABBREVIATIONS.get(folded)
    if spelt is None and folded.endswith("s") and len(folded) > 2:
        spelt = ABBREVIATIONS.get(folded[:-1])  # "SWs", "PAs", "IROs"
    return tuple(
        stem(part)
        for part in spelt or (folded,)
        if part not in STOPWORDS and len(part) > 1 and not _reference(part)
    )


def written_words(text: str) -> list[str]:
    """Lower-case words as written (the same split as the area suggester's, before folding)."""
    return _WORD.findall(text.translate(_QUOTES).lower().replace("-", " "))


def content_stems(text: str) -> list[str]:
    """Stems of the text's content words in order, abbreviations spelt out."""
    return [s for word in written_words(text) for s in _stems_of(word)]


_REFERENCE = re.compile(r"\b([A-Za-z]{1,3})-?(\d{2,5})\b")


def references(text: str) -> Counter[str]:
    """Case and practitioner references ("C-014", "P07"), counted, as "#c-014" and "#p-07".

    They say nothing about a criterion in general, but within one notebook a case or a
    practitioner keeps to an area: the adaptation learns them, the framework match ignores them.
    """
    found: Counter[str] = Counter()
    for letters, digits in _REFERENCE.findall(text):
        if (letters + digits).lower() not in ABBREVIATIONS:
            found[f"#{letters.lower()}-{digits}"] += 1
    return found


@dataclass(frozen=True, slots=True)
class Analysis:
    """A text read once for every part of the ranking."""

    terms: Counter[str]  # stems and neighbouring pairs "a b", counted
    stems: Counter[str]  # stems alone, counted
    references: Counter[str]  # "#c-014", "#p-07"
    surfaces: dict[str, str]  # stem -> the word as first written, for a "why"


def analyse(text: str) -> Analysis:
    stems: list[str] = []
    for word in written_words(text):
        stems.extend(_stems_of(word))
    single = Counter(stems)
    terms = Counter(single)
    terms.update(f"{a} {b}" for a, b in pairwise(stems))
    return Analysis(terms, single, references(text), _surfaces(text))


def _surfaces(text: str) -> dict[str, str]:
    """Each stem and reference as the inspector first wrote it, capitals kept, for a "why"."""
    surfaces: dict[str, str] = {}
    for written in _WORD_CASED.findall(text.translate(_QUOTES).replace("-", " ")):
        for part in _stems_of(written.lower()):
            surfaces.setdefault(part, written)
    for match in _REFERENCE.finditer(text):
        letters, digits = match.groups()
        surfaces.setdefault(f"#{letters.lower()}-{digits}", match.group())
    return surfaces


def term_counts(text: str) -> Counter[str]:
    """Single stems and neighbouring pairs "a b", counted."""
    return analyse(text).terms


def unit(weights: dict[str, float]) -> dict[str, float]:
    """The vector scaled to length 1 (empty stays empty)."""
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {t: w / norm for t, w in weights.items()} if norm > 0 else {}


def sublinear(counts: Counter[str]) -> dict[str, float]:
    """1 + log(count): a word said five times is not five times the evidence."""
    return {t: 1.0 + math.log(c) for t, c in counts.items() if c > 0}
