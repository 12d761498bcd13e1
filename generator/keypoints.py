"""Key points: align sentences that report the same fact across outlets, then rank the facts."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .align import fact_terms
from .models import Article, KeyPoint, Sentence
from .text import evidence_span, fits_evidence

MIN_WORDS = 6
ALIGN_THRESHOLD = 0.37  # mean of containment and cosine for two sentences to report one fact
ABSORB_THRESHOLD = 0.6  # share of a fact's weight found inside one sentence of a better-ranked point
MAX_POINTS = 24
MAX_PER_ARTICLE = 5  # a merged fact citing more sentences of one article is a topic, not a fact
BRIDGE_THRESHOLD = 0.37
MAX_SINGLE = 16  # facts from one outlet only: keep the best few, the rest is detail
COMMON_SHARE = 0.5  # terms in more than this share of sentences cannot by themselves suggest a pair
DANGLING = re.compile(r"^(?:[\"“‘']\s*)?(?:he|she|they|it|this|that|these|those|his|her|their|its)\b",
                      re.IGNORECASE)
QUOTE_OPEN = "\"“‘'"
ATTRIBUTED = re.compile(r"\b(?:said|says|told|wrote|added|according to|noted|announced|stated|confirmed)\b")


@dataclass(frozen=True)
class Candidate:
    """A sentence considered for a key point, with its fact terms and its place in its article."""

    sentence: Sentence
    terms: frozenset[str]
    position: float


@dataclass
class Fact:
    """Sentences from different articles that report one fact, and how much the story rests on it."""

    members: list[Candidate]
    score: float = 0.0

    @property
    def articles(self) -> set[str]:
        """The articles whose sentences report the fact."""
        return {c.sentence.article for c in self.members}


def extract_key_points(articles: Sequence[Article]) -> list[KeyPoint]:
    """The story's facts, one entry each with every supporting article, most important first."""
    candidates = [c for a in articles for c in _candidates(a)]
    if not candidates:
        return []
    idf = _idf(candidates)
    facts = _align(candidates, idf)
    centrality = _centrality(candidates, idf)
    for fact in facts:
        fact.score = _score(fact, centrality, len(articles))
    facts.sort(key=lambda f: (-f.score, _first(f)))
    kept = _absorb(facts, idf)
    kept = _limit(kept)
    by_id = {a.id: a for a in articles}
    points = []
    for fact in kept:
        best = min(fact.members, key=_clarity)
        ordered = sorted(fact.members, key=lambda c: (c is not best, c.sentence.article, c.sentence.index))
        evidence = tuple(evidence_span(by_id[c.sentence.article], [c.sentence]) for c in ordered)
        points.append(KeyPoint(best.sentence.text, evidence, round(fact.score, 6)))
    return points


def _candidates(article: Article) -> list[Candidate]:
    total = max(1, len(article.sentences) - 1)
    result = []
    for sentence in article.sentences:
        if len(sentence.text.split()) < MIN_WORDS or not fits_evidence(sentence):
            continue
        terms = fact_terms(sentence.text)
        if len(terms) >= 3:
            result.append(Candidate(sentence, terms, sentence.index / total))
    return result


def _idf(candidates: Sequence[Candidate]) -> dict[str, float]:
    df = Counter(t for c in candidates for t in c.terms)
    n = len(candidates)
    return {t: math.log(1 + n / d) for t, d in df.items()}


def _weight(terms: frozenset[str], idf: dict[str, float]) -> float:
    return sum(idf.get(t, 0.0) for t in terms)


def similarity(a: Candidate, b: Candidate, idf: dict[str, float]) -> float:
    """How surely two sentences report one fact: the mean of weighted containment and cosine."""
    shared = _weight(a.terms & b.terms, idf)
    wa, wb = _weight(a.terms, idf), _weight(b.terms, idf)
    if not shared or not wa or not wb:
        return 0.0
    return (shared / min(wa, wb) + shared / math.sqrt(wa * wb)) / 2


def contained(inner: Candidate, outer: Candidate, idf: dict[str, float]) -> float:
    """The share of one sentence's weighted terms that another sentence also has."""
    whole = _weight(inner.terms, idf)
    return _weight(inner.terms & outer.terms, idf) / whole if whole else 0.0


def _pairs(candidates: Sequence[Candidate]) -> set[tuple[int, int]]:
    """Cross-article sentence pairs that share a term rare enough to matter (an inverted index)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(candidates):
        for term in c.terms:
            postings[term].append(i)
    limit = max(2, int(COMMON_SHARE * len(candidates)))
    pairs = set()
    for members in postings.values():
        if len(members) > limit:
            continue
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if candidates[i].sentence.article != candidates[j].sentence.article:
                    pairs.add((i, j))
    return pairs


def _align(candidates: Sequence[Candidate], idf: dict[str, float]) -> list[Fact]:
    """Greedy clustering: the most similar cross-article pairs first, one sentence per article a fact."""
    scored = []
    for i, j in _pairs(candidates):
        score = similarity(candidates[i], candidates[j], idf)
        if score >= ALIGN_THRESHOLD:
            scored.append((-score, i, j))
    cluster_of = {i: [i] for i in range(len(candidates))}
    for _, i, j in sorted(scored):
        ci, cj = cluster_of[i], cluster_of[j]
        if ci is cj:
            continue
        articles_i = {candidates[k].sentence.article for k in ci}
        if any(candidates[k].sentence.article in articles_i for k in cj):
            continue
        ci.extend(cj)
        for k in cj:
            cluster_of[k] = ci
    unique = {id(c): c for c in cluster_of.values()}
    return [Fact([candidates[k] for k in sorted(c)]) for c in unique.values()]


def _absorb(facts: Sequence[Fact], idf: dict[str, float]) -> list[Fact]:
    """Fold a fact into the better-ranked ones it overlaps, so that each fact is said once.

    A sentence that carries two facts links them: keeping them apart would report one fact twice.
    """
    kept: list[Fact] = []
    for fact in facts:
        homes = [k for k in kept if _overlaps(fact, k, idf)]
        if not homes:
            kept.append(fact)
            continue
        merged = [c for f in [*homes, fact] for c in f.members]
        if _too_wide(merged):
            # Joining every overlapping fact would make a topic; join the best one if that stays a fact.
            if _too_wide([*homes[0].members, *fact.members]):
                kept.append(fact)
            else:
                homes[0].members.extend(fact.members)
            continue
        homes[0].members = merged
        kept = [k for k in kept if k not in homes[1:]]
    return kept


def _too_wide(members: Sequence[Candidate]) -> bool:
    return max(Counter(c.sentence.article for c in members).values()) > MAX_PER_ARTICLE


def _overlaps(fact: Fact, other: Fact, idf: dict[str, float]) -> bool:
    for a in fact.members:
        for b in other.members:
            if a.sentence.article == b.sentence.article:
                continue  # one article's sentences are different facts by construction
            if similarity(a, b, idf) >= BRIDGE_THRESHOLD:
                return True
            if max(contained(a, b, idf), contained(b, a, idf)) >= ABSORB_THRESHOLD:
                return True
    return False


def _limit(facts: Sequence[Fact]) -> list[Fact]:
    """The few facts that matter: every corroborated one, and the best of those from one outlet."""
    result, single = [], 0
    for fact in facts:
        if len(fact.articles) == 1:
            single += 1
            if single > MAX_SINGLE:
                continue
        result.append(fact)
    return result[:MAX_POINTS]


def _centrality(candidates: Sequence[Candidate], idf: dict[str, float]) -> dict[int, float]:
    """How much of the story's shared vocabulary a sentence carries (terms seen in several articles)."""
    spread: dict[str, set[str]] = defaultdict(set)
    for c in candidates:
        for t in c.terms:
            spread[t].add(c.sentence.article)
    result = {}
    for c in candidates:
        shared = [idf[t] for t in c.terms if len(spread[t]) > 1]
        result[id(c)] = sum(shared) / math.sqrt(1 + len(c.terms))
    return result


def _score(fact: Fact, centrality: dict[int, float], n_articles: int) -> float:
    corroboration = (len(fact.articles) - 1) / max(1, n_articles - 1)
    central = max(centrality[id(c)] for c in fact.members)
    early = 1 - min(c.position for c in fact.members)
    best = min(fact.members, key=_clarity)
    specific = min(3, sum(1 for t in best.terms if t.startswith(("#", "@"))))
    return 3 * corroboration + central / 10 + early + 0.15 * specific - 0.4 * _unclear(best.sentence.text)


def _unclear(text: str) -> int:
    """1 for a sentence that leans on another: an opening pronoun, or a quote with nobody to say it."""
    if DANGLING.match(text):
        return 1
    return 1 if text[:1] in QUOTE_OPEN and not ATTRIBUTED.search(text) else 0


def _first(fact: Fact) -> tuple[str, int]:
    first = min(fact.members, key=lambda c: (c.sentence.article, c.sentence.index))
    return (first.sentence.article, first.sentence.index)


def _clarity(candidate: Candidate) -> tuple[int, int, float, str, int]:
    """Lower is clearer: self-contained, not a bare quote, of moderate length, early in its article."""
    text = candidate.sentence.text
    quoted = 1 if text[:1] in QUOTE_OPEN else 0
    length = abs(len(text.split()) - 25)
    sentence = candidate.sentence
    return (2 * _unclear(text) + quoted, length // 10, candidate.position, sentence.article, sentence.index)
