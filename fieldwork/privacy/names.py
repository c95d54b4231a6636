"""Name rules: title + name, family or role word + name, "X's mum", and listed given names."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Final

from fieldwork.runtime import assets

# A capitalised word of two or more letters: "Hughes", "O'Neill", "Lily-Mae", "SMITH", "Łukasz".
# Digits never belong to a word, so pseudonyms (P07) and case references (C-012, C12) are never
# names; a trailing possessive ("Tyler's") is left out. Python's re has no \p{Lu}, so the first
# letter is a range over Latin-1 and Latin Extended-A capitals, checked again with isupper().
# Every pattern opens with a character class and only then looks behind, so the engine skips
# non-starting characters in C: hostile text (100,000 spaces or capitals) stays linear and fast.
_UPPER: Final = "A-ZÀ-ÖØ-ÞĀ-Ž"
_LETTERS: Final = r"[^\W\d_]+"
_CAP_REST: Final = (
    rf"(?:{_LETTERS}|['’][{_UPPER}]{_LETTERS})(?:-{_LETTERS}|['’][{_UPPER}]{_LETTERS})*(?!\w)"
)
CAP_WORD: Final = re.compile(rf"[{_UPPER}](?<![\w'’-].){_CAP_REST}")
NEXT_WORD: Final = re.compile(rf"[ \t]+(?P<word>[{_UPPER}]{_CAP_REST})")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


TITLES: Final = _words("Mr Mrs Ms Miss Mx Dr Prof Cllr Sir Dame Rev Revd DC DS DI PC")
RELATIONS: Final = _words(
    """
    mum mummy mam mother dad daddy father stepmum step-mum stepdad step-dad stepmother step-mother
    stepfather step-father nan nana nanna nanny gran granny grandma grandmother grandad granddad
    grandpa grandfather grandparent grandparents aunt auntie aunty uncle brother brothers sister
    sisters half-brother half-brothers half-sister half-sisters stepbrother step-brother stepsister
    step-sister sibling siblings twin twins cousin cousins son sons daughter daughters niece nieces
    nephew nephews partner boyfriend girlfriend husband wife fiance fiancé fiancee fiancée carer
    carers guardian friend neighbour baby girls boys worker manager officer teacher headteacher
    nurse visitor adviser advisor advocate practitioner supervisor mentor referrer therapist
    psychologist paediatrician solicitor iro pa sw tm lado
    """
)

_RELATION_WORDS: Final = "|".join(sorted((re.escape(w) for w in RELATIONS), key=len, reverse=True))
# Words between a possessive and the relation: "Ruby's foster carer", "Tyler's new social worker".
_MODIFIERS: Final = (
    "foster|step|birth|maternal|paternal|new|old|older|younger|little|big|half|ex|former|"
    "previous|current|kinship|key|support|class|personal|youth|family|school|social"
)
_RELATION_PHRASE: Final = rf"(?:(?:{_MODIFIERS})(?:[ \t]+|-)){{0,2}}(?:{_RELATION_WORDS})(?![\w-])"

# The word just before a capitalised word, with what separates them and any initials ("Mrs J.
# Hughes", "her brother, Tyler", "Nan (Pauline"), matched on the reversed text from the
# capitalised word backwards: one anchored match instead of a search through a window.
WORD_BEFORE_REVERSED: Final = re.compile(
    rf"(?P<initials>(?:[ \t]+\.?[{_UPPER}](?=[ \t])){{0,2}})(?P<sep>[ \t]*[,:(][ \t]*|[ \t]+)"
    r"(?P<dot>\.)?(?P<word>[A-Za-z][A-Za-z-]*)(?![\w'’-])"
)
# (b) the other way round: "Chantelle (mum)", "Joanne (maternal aunt)".
RELATION_IN_BRACKETS: Final = re.compile(rf"[ \t]*\({_RELATION_PHRASE}\)", re.IGNORECASE)
# (c) "Kayden's dad", "Ruby’s foster carer".
RELATION_NEXT: Final = re.compile(rf"[ \t]+{_RELATION_PHRASE}", re.IGNORECASE)
# (d) a listed given name tagged with a case reference, pseudonym, age or birth date, as in
# "Callum (C-005)", "Bailey, C12,", "Harry (born ...)", "Ellie (14)".
TAG_AFTER: Final = re.compile(
    r"[ \t]*(?:[(,][ \t]*[CP]-?\d|\((?:aged?|born|DOB|D\.O\.B|b\.|\d{1,2}\)))"
)
# "Alfie and Reggie", "Maisie, and Darcy": a name joined to a found one is a name too.
JOINED: Final = re.compile(rf"[ \t]*(?:,[ \t]*)?(?:and|&|or)[ \t]+(?P<word>[{_UPPER}]{_CAP_REST})")
_SAINT: Final = re.compile(r"\b(?:St\.?|Saint)[ \t]+\Z")

_SENTENCE_ENDS: Final = frozenset(".!?:;\n\r•*–—-")
_OPENERS: Final = frozenset("\"'“‘([")
_LOOKBACK: Final = 40


@dataclass(frozen=True)
class NameLists:
    """The bundled word lists, parsed once."""

    given: frozenset[str]
    everyday_given: frozenset[str]  # names that are also words: count only mid-sentence
    stop_words: frozenset[str]  # normalised single words
    stop_phrases: dict[str, tuple[re.Pattern[str], ...]]  # word -> phrases that contain it

    def is_given_name(self, word: str, text: str, start: int) -> bool:
        """A listed given name; one that is also a word ("Grace") counts only mid-sentence."""
        if word in self.given:
            return True
        return word in self.everyday_given and not starts_sentence(text, start)


def _normalise(word: str) -> str:
    word = word.replace("’", "'").casefold()
    return word[:-2] if word.endswith("'s") else word


def _entries(*parts: str) -> Iterator[str]:
    for line in assets.read_bytes(*parts).decode("utf-8").splitlines():
        entry = line.strip()
        if entry and not entry.startswith("#"):
            yield entry


def _phrase_pattern(words: list[str]) -> re.Pattern[str]:
    escaped = (re.escape(word).replace("'", "['’]") for word in words)
    return re.compile(r"(?<!\w)" + r"\s+".join(escaped) + r"(?!\w)", re.IGNORECASE)


@cache
def name_lists() -> NameLists:
    """The given-name and stop lists from resources/privacy/, read on first use."""
    given: set[str] = set()
    everyday: set[str] = set()
    for entry in _entries("privacy", "given-names.txt"):
        if entry.startswith("~"):
            everyday.add(entry[1:])
        else:
            given.add(entry)
    stop_words: set[str] = set()
    phrases: dict[str, list[re.Pattern[str]]] = {}
    for entry in _entries("privacy", "stop-words.txt"):
        words = entry.split()
        if len(words) == 1:
            stop_words.add(_normalise(entry))
            continue
        pattern = _phrase_pattern(words)
        for word in words:
            phrases.setdefault(_normalise(word), []).append(pattern)
    return NameLists(
        given=frozenset(given),
        everyday_given=frozenset(everyday),
        stop_words=frozenset(stop_words),
        stop_phrases={word: tuple(found) for word, found in phrases.items()},
    )


def starts_sentence(text: str, position: int) -> bool:
    """True when the word at `position` opens a sentence, a heading, a list item or the text."""
    index = position - 1
    floor = max(-1, position - _LOOKBACK)
    while index > floor and (text[index] in " \t" or text[index] in _OPENERS):
        index -= 1
    if index < 0:
        return True
    return text[index] in _SENTENCE_ENDS


class _Scanner:
    """One pass over the capitalised words of a text, applying every name rule to each."""

    def __init__(self, lists: NameLists, text: str) -> None:
        self.lists = lists
        self.text = text
        self.reversed = text[::-1]

    def in_stop_phrase(self, start: int, end: int) -> bool:
        """True when text[start:end] lies inside a listed phrase such as "Front Door"."""
        patterns = self.lists.stop_phrases.get(_normalise(self.text[start:end]))
        if not patterns:
            return False
        low, high = max(0, start - 80), min(len(self.text), end + 80)
        return any(
            match.start() <= start and end <= match.end()
            for pattern in patterns
            for match in pattern.finditer(self.text, low, high)
        )

    def is_name_word(self, start: int, end: int) -> bool:
        word = self.text[start:end]
        return (
            word[0].isupper()
            and word not in TITLES  # "Mr and Mrs Patel": "Mrs" starts the next name
            and _normalise(word) not in self.lists.stop_words
            and not self.in_stop_phrase(start, end)
        )

    def is_first_name_word(self, start: int, end: int) -> bool:
        word = self.text[start:end]
        # Team and service codes ("social worker, CWD"); a capitals surname may still follow.
        is_code = len(word) <= 4 and word.isupper()
        return not is_code and self.is_name_word(start, end)

    def extend(self, end: int, words: int) -> int:
        """The end of up to `words` more name words straight after `end` ("Chloe Anne Price")."""
        for _ in range(words):
            following = NEXT_WORD.match(self.text, end)
            if following is None or not self.is_name_word(*following.span("word")):
                break
            end = following.end("word")
        return end

    def name_at(self, start: int, end: int) -> tuple[int, int] | None:
        """The name that the capitalised word text[start:end] belongs to, if any rule says so."""
        text, lists = self.text, self.lists
        word = text[start:end]
        listed = word in lists.given or word in lists.everyday_given
        before = WORD_BEFORE_REVERSED.match(self.reversed, len(text) - start)
        if before is not None:
            previous = before.group("word")[::-1]
            # (a) "Mrs Hughes", "Mr A. Khan": the title is part of the name.
            if previous in TITLES and self.is_first_name_word(start, end):
                return len(text) - before.end(), self.extend(end, 1)
            # (b) "mum Chloe", "her brother, Tyler", "the IRO, Priya Shah"; not "mum. Chloe".
            if (
                not before.group("dot")
                and not before.group("initials")
                and previous.lower() in RELATIONS
                and self.is_first_name_word(start, end)
            ):
                return start, self.extend(end, 1)
        if text.startswith(("'s", "’s"), end) and not text[end + 2 : end + 3].isalnum():
            # (c) "Kayden's dad"; a listed name is a person whatever follows ("Harvey's home").
            if RELATION_NEXT.match(text, end + 2) is not None:
                if listed or self.is_first_name_word(start, end):
                    return start, end
            elif (
                listed
                and lists.is_given_name(word, text, start)
                and _SAINT.search(text, max(0, start - 8), start) is None
                and not self.in_stop_phrase(start, end)
            ):
                return start, end
        given = (
            listed
            and lists.is_given_name(word, text, start)
            and not self.in_stop_phrase(start, end)
        )
        # (d) "Chloe Price": a listed given name and one or two surname-like words.
        if given and (name_end := self.extend(end, 2)) > end:
            return start, name_end
        # (d) also "Callum (C-005)", "Harry (born ...)".
        if given and TAG_AFTER.match(text, end) is not None:
            return start, end
        # (e) a listed given name on its own: "Noah and Leo are placed together", "Tom said".
        # Not one that is also a word or a month ("~April"), not "St Luke", and not before
        # another capitalised word: "Victoria Park" and "Tyler Street" are places.
        if (
            given
            and word in lists.given
            and _SAINT.search(text, max(0, start - 8), start) is None
            and NEXT_WORD.match(text, end) is None
        ):
            return start, end
        # (b) "Chantelle (mum)", "Aaron Lewis (dad)".
        if "(" not in text[end : end + _LOOKBACK]:
            return None
        name_end = self.extend(end, 1)
        if RELATION_IN_BRACKETS.match(text, name_end) and self.is_first_name_word(start, end):
            return start, name_end
        return None

    def joined(self, end: int) -> Iterator[tuple[int, int]]:
        for _ in range(8):  # a list of names is short; the bound keeps hostile text linear
            match = JOINED.match(self.text, end)
            if match is None or not self.is_first_name_word(*match.span("word")):
                return
            start, end = match.start("word"), self.extend(match.end("word"), 1)
            yield start, end

    def names(self) -> Iterator[tuple[int, int]]:
        given, everyday, stop_words = (
            self.lists.given,
            self.lists.everyday_given,
            self.lists.stop_words,
        )
        covered = 0
        for match in CAP_WORD.finditer(self.text):
            word = match.group()
            # Most capitalised words ("The", "Mum", "Monday", "Ofsted") stop here, cheaply.
            if word not in given and word not in everyday and word.casefold() in stop_words:
                continue
            if match.start() < covered:
                continue
            span = self.name_at(*match.span())
            if span is None:
                continue
            yield span
            covered = span[1]
            for joined in self.joined(covered):
                yield joined
                covered = joined[1]


def find_names(text: str) -> list[tuple[int, int]]:
    """Spans of text that look like people's names, in text order, merged where they touch."""
    merged: list[tuple[int, int]] = []
    for start, end in _Scanner(name_lists(), text).names():
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
