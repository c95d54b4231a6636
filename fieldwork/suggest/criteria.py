"""Which criteria a note is evidence for: the framework's own words, the area ranking, and what
this notebook's inspector has tagged before.

score(c) = (lexical(c) + FLOOR + lift(n_c) * learned(c)) * (area'(j) + AREA_FLOOR) ** AREA_POWER

- lexical: cosine of the note with the criterion's heading, keywords, "good" text, grade
  descriptors and theme title (stems and neighbouring pairs, weighted by rarity across the
  framework's criteria);
- area': the area suggester's score for the criterion's judgement; where that suggester has
  only the framework's keywords, the areas this notebook's tagged notes point to are added in
  (`adaptation.py`), more as tagged notes accumulate;
- learned: how far the note's terms are over-represented among the notebook's notes tagged
  with the criterion, lifted by n/(n + LIFT_HALF) as n such notes accumulate;

and to the part in brackets is added NEIGHBOUR_WEIGHT * vote(c) times itself plus
NEIGHBOUR_ADD * vote(c), where vote is the similarity of the few tagged notes most like this one
that carry the criterion (`Adaptation.neighbours`).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Collection

from fieldwork.domain.framework import Framework
from fieldwork.domain.suggestions import SuggestedArea, SuggestedCriterion, TagSuggestions
from fieldwork.suggest.adaptation import Adaptation, Affinity, Vote
from fieldwork.suggest.areas import AreaSuggester, area_suggester
from fieldwork.suggest.keyword_areas import KeywordAreaSuggester
from fieldwork.suggest.ranking import NEVER_SUGGESTED, WHY_LENGTH
from fieldwork.suggest.terms import Analysis, analyse, sublinear, term_counts, unit

# How much each part of a criterion's text says about it: the heading names it, keywords are
# the practice words, the "good" sentence describes it at length, the grade descriptors add the
# words of failing and excelling at it, the theme places it.
FIELD_WEIGHTS = {"heading": 3.0, "keywords": 2.0, "good": 1.0, "features": 0.5, "theme": 1.0}
FLOOR = 0.02  # a criterion with no shared word still ranks by its area
AREA_FLOOR = 0.05  # an unlikely area is discounted, never ruled out
AREA_POWER = 0.5  # the area model is good, not decisive: its square root weighs each judgement
LIFT = 0.5  # the most a criterion's own tagged notes can add, relative to the framework's words
LIFT_HALF = 3.0  # tagged notes at which half of that lift is reached
# How far the nearest tagged notes' tags raise a criterion, in proportion to what the note
# already says for it and on their own (so a note that shares only a child's case reference
# with earlier notes still brings their tags up). Tuned on one inspection's notes
# (tests/data/suggest/inspection-a.jsonl), quoted on another's (bench/suggest_adaptation.py):
# the split between the two barely moves accuracy.
NEIGHBOUR_WEIGHT = 1.0
NEIGHBOUR_ADD = 0.1
# How strongly the areas of the notebook's own tagged notes are added to the area suggester's
# (see `areas`). Against the trained model they cost one to three points of top-3 on the
# labelled notes whatever the weight, so the model decides alone; against the framework's
# keywords alone (frameworks the model does not cover) they added three to five points.
LEARNED_AREAS_OVER_MODEL = 0.0
LEARNED_AREAS_OVER_KEYWORDS = 4.0
LEARNED_AREAS_HALF = 20.0  # tagged notes at which half of that weight is reached


class CriterionRanker:
    """Built once per framework (the framework's term weights are computed here and kept)."""

    def __init__(self, framework: Framework, areas: AreaSuggester | None = None) -> None:
        self.framework = framework
        self._areas = areas if areas is not None else area_suggester(framework)
        self._learned_areas = (
            LEARNED_AREAS_OVER_KEYWORDS
            if isinstance(self._areas, KeywordAreaSuggester)
            else LEARNED_AREAS_OVER_MODEL
        )
        self._judgement_of: dict[str, str] = {}
        documents: dict[str, dict[str, float]] = {}
        for judgement in framework.judgements:
            for theme in judgement.themes:
                for criterion in theme.criteria:
                    self._judgement_of[criterion.id] = judgement.id
                    fields = [
                        ("heading", criterion.heading),
                        *(("keywords", keyword) for keyword in criterion.keywords),
                        ("good", criterion.good),
                        *(("features", text) for _, text in criterion.features),
                        ("theme", theme.title),
                    ]
                    weights: dict[str, float] = {}
                    for name, text in fields:
                        for term, count in term_counts(text).items():
                            weights[term] = weights.get(term, 0.0) + FIELD_WEIGHTS[name] * count
                    documents[criterion.id] = weights
        total = len(documents)
        frequency: dict[str, int] = {}
        for weights in documents.values():
            for term in weights:
                frequency[term] = frequency.get(term, 0) + 1
        self._idf = {t: math.log((total + 1) / (n + 1)) + 1.0 for t, n in frequency.items()}
        self._postings: dict[str, list[tuple[str, float]]] = {}
        for criterion_id, weights in documents.items():
            vector = unit({t: math.log1p(w) * self._idf[t] for t, w in weights.items() if w > 0})
            for term, weight in vector.items():
                self._postings.setdefault(term, []).append((criterion_id, weight))
        self._position = {c: n for n, c in enumerate(self._judgement_of)}
        self._by_judgement: dict[str, list[tuple[int, str]]] = {}
        for criterion_id, position in self._position.items():
            judgement_id = self._judgement_of[criterion_id]
            self._by_judgement.setdefault(judgement_id, []).append((position, criterion_id))

    def new_adaptation(self) -> Adaptation:
        """Empty profiles that know which judgement each of this framework's criteria is under."""
        return Adaptation(self._judgement_of)

    def areas(
        self, text: str, adaptation: Adaptation | None = None, analysis: Analysis | None = None
    ) -> tuple[SuggestedArea, ...]:
        """The area suggester's ranking, blended with what the notebook's tagged notes point to."""
        ranked = self._areas.rank(text)
        if adaptation is None or not adaptation.notes or not self._learned_areas:
            return tuple(SuggestedArea(a.judgement_id, a.score, a.why) for a in ranked)
        learned = adaptation.judgements(analysis or analyse(text))
        # Evidence, not a distribution, is added: p'(j) = (p(j) + g a(j)) / (1 + g sum(a)), with
        # g growing with the notebook's tagged notes, so diffuse weak affinities barely move the
        # model while a word only one area's notes use moves it a long way.
        grow = self._learned_areas * adaptation.notes / (adaptation.notes + LEARNED_AREAS_HALF)
        total = 1.0 + grow * sum(learned.values())
        blended = [
            SuggestedArea(
                a.judgement_id, (a.score + grow * learned.get(a.judgement_id, 0.0)) / total, a.why
            )
            for a in ranked
        ]
        position = {a.judgement_id: n for n, a in enumerate(ranked)}
        return tuple(sorted(blended, key=lambda a: (-a.score, position[a.judgement_id])))

    def suggest(
        self,
        text: str,
        *,
        adaptation: Adaptation | None = None,
        exclude: Collection[str] = (),
        limit: int | None = None,
        explain: bool = True,
    ) -> TagSuggestions:
        """Areas and criteria for a note, best first."""
        analysis = analyse(text)
        areas = self.areas(text, adaptation, analysis)
        criteria = self.rank(
            analysis,
            areas=areas,
            adaptation=adaptation,
            exclude=exclude,
            limit=limit,
            explain=explain,
        )
        return TagSuggestions(areas, criteria, adaptation.notes if adaptation else 0)

    def lexical(
        self, analysis: Analysis, *, explain: bool = True
    ) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
        """Cosine with each criterion sharing a term, and (to explain) each term's part in it."""
        idf = self._idf
        query = unit({t: w * idf[t] for t, w in sublinear(analysis.terms).items() if t in idf})
        totals: dict[str, float] = {}
        parts: dict[str, dict[str, float]] = {}
        for term, q in query.items():
            for criterion_id, weight in self._postings.get(term, ()):
                totals[criterion_id] = totals.get(criterion_id, 0.0) + q * weight
                if explain:
                    parts.setdefault(criterion_id, {})[term] = q * weight
        return totals, parts

    def rank(
        self,
        text: str | Analysis,
        *,
        areas: tuple[SuggestedArea, ...] | None = None,
        adaptation: Adaptation | None = None,
        exclude: Collection[str] = (),
        limit: int | None = None,
        explain: bool = True,
    ) -> tuple[SuggestedCriterion, ...]:
        """Criteria best first (all of them when `limit` is None), skipping `exclude`.

        Without `areas` the area suggester is asked, which needs the text itself. Without
        `explain` the answers carry no "why" (the command line has no use for one).
        """
        analysis = analyse(text) if isinstance(text, str) else text
        if areas is None:
            if not isinstance(text, str):
                raise TypeError("rank() needs the text, or the areas, to weigh judgements")
            areas = self.areas(text, adaptation, analysis)
        prior = {a.judgement_id: a.score for a in areas}
        # Ties (a note sharing no word with any criterion) follow the area ranking.
        area_rank = {a.judgement_id: n for n, a in enumerate(areas)}
        weights = {j: (prior.get(j, 0.0) + AREA_FLOOR) ** AREA_POWER for j in self._by_judgement}
        lexical, parts = self.lexical(analysis, explain=explain)
        affinities = adaptation.criteria(analysis) if adaptation is not None else {}
        votes = adaptation.neighbours(analysis) if adaptation is not None else {}
        scored: list[tuple[float, int, int, str, float]] = []
        for criterion_id in lexical.keys() | affinities.keys() | votes.keys():
            judgement_id = self._judgement_of[criterion_id]
            affinity = affinities.get(criterion_id)
            vote = votes.get(criterion_id)
            if criterion_id in exclude or (
                judgement_id in NEVER_SUGGESTED and affinity is None and vote is None
            ):
                continue  # only an inspector who files notes under these brings them back
            learned = 0.0
            if affinity is not None:
                learned = LIFT * affinity.notes / (affinity.notes + LIFT_HALF) * affinity.score
            own = lexical.get(criterion_id, 0.0) + FLOOR + learned
            if vote is not None:
                # What the nearest notes add counts as learned, for the "why".
                added = own * NEIGHBOUR_WEIGHT * vote.weight + NEIGHBOUR_ADD * vote.weight
                learned += added
                own += added
            score = -own * weights[judgement_id]
            rank = area_rank.get(judgement_id, 99)
            scored.append((score, rank, self._position[criterion_id], criterion_id, learned))
        # Criteria sharing nothing with the note score by their area alone: within a judgement
        # they tie, so only the first `limit` of each (framework order) can make the cut.
        for judgement_id, members in self._by_judgement.items():
            if judgement_id in NEVER_SUGGESTED:
                continue
            score = -FLOOR * weights[judgement_id]
            rank = area_rank.get(judgement_id, 99)
            taken = 0
            for position, criterion_id in members:
                if limit is not None and taken >= limit:
                    break
                if (
                    criterion_id in lexical
                    or criterion_id in affinities
                    or criterion_id in votes
                    or criterion_id in exclude
                ):
                    continue
                scored.append((score, rank, position, criterion_id, 0.0))
                taken += 1
        scored.sort()
        chosen = scored if limit is None else scored[:limit]
        found = []
        for negative, _, _, criterion_id, learned in chosen:
            affinity = affinities.get(criterion_id)
            why = (
                _why(
                    parts.get(criterion_id, {}),
                    affinity,
                    votes.get(criterion_id),
                    learned > lexical.get(criterion_id, 0.0),
                    analysis.surfaces,
                    self._idf,
                )
                if explain
                else ()
            )
            found.append(
                SuggestedCriterion(
                    criterion_id,
                    self._judgement_of[criterion_id],
                    -negative,
                    why,
                    affinity.notes if affinity is not None else 0,
                )
            )
        return tuple(found)


def _why(
    parts: dict[str, float],
    affinity: Affinity | None,
    vote: Vote | None,
    learned_first: bool,
    surfaces: dict[str, str],
    vocabulary: Collection[str],
) -> tuple[str, ...]:
    """The note's own words behind the score, from whichever part weighed more first.

    Words are shown as written, except that an ordinary word of the framework capitalised only
    because it starts a sentence is shown in lower case: "RHI", "SWs" and a local team such as
    "Gatehouse" keep their capitals, "Strategy" does not.
    """
    framework_terms = [t for t, _ in sorted(parts.items(), key=lambda kv: (-kv[1], kv[0]))]
    learned_terms = list(affinity.why) if affinity is not None else []
    if vote is not None:
        learned_terms += [t for t in vote.why if t not in learned_terms]
    ordered = learned_terms + framework_terms if learned_first else framework_terms + learned_terms
    shown: list[str] = []
    for term in ordered:
        if term.startswith("#"):  # a case or practitioner reference, shown as written
            phrase = surfaces.get(term, term[1:].upper())
        else:  # a pair reads as the phrase the inspector wrote: "strategy discussion"
            written = [
                _shown(surfaces.get(piece, piece), piece, vocabulary) for piece in term.split(" ")
            ]
            phrase = " ".join(dict.fromkeys(written))  # "PA" stands for both its words
        words = phrase.split(" ")
        if phrase in shown or any(w in p.split(" ") for p in shown for w in words if " " in p):
            continue
        shown = [p for p in shown if p not in words]  # a single word gives way to its phrase
        shown.append(phrase)
        if len(shown) >= WHY_LENGTH:
            break
    return tuple(shown)


def _shown(written: str, stem: str, vocabulary: Collection[str]) -> str:
    title_case = written[:1].isupper() and written[1:].islower()
    return written.lower() if title_case and stem in vocabulary else written


_lock = threading.Lock()
_rankers: dict[tuple[object, ...], CriterionRanker] = {}


def criterion_ranker(framework: Framework) -> CriterionRanker:
    """The ranker for a framework with the shipped area model, built once and cached."""
    # Frameworks are not hashable; their id, origin and criteria identify them well enough.
    key = (
        framework.id,
        framework.version,
        framework.origin,
        tuple(c.id for c in framework.criteria),
    )
    with _lock:
        ranker = _rankers.get(key)
        if ranker is None:
            ranker = _rankers[key] = CriterionRanker(framework)
        return ranker
