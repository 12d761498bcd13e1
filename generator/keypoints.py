"""Key points: align sentences that report the same fact across outlets, then rank the facts."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .models import Article, KeyPoint, Sentence
from .text import content_tokens, evidence_span, fits_evidence

MIN_WORDS = 6
ALIGN_THRESHOLD = 0.28
MAX_POINTS = 30
DANGLING = re.compile(r"^(?:[\"“‘']\s*)?(?:he|she|they|it|this|that|these|those|his|her|their|its)\b",
                      re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """A sentence considered for a key point, with its weighted terms."""

    sentence: Sentence
    terms: frozenset[str]
    position: float


def extract_key_points(articles: Sequence[Article]) -> list[KeyPoint]:
    """The story's facts, one entry each with every supporting article, most important first."""
    candidates = [c for a in articles for c in _candidates(a)]
    if not candidates:
        return []
    idf = _idf(candidates)
    clusters = _align(candidates, idf)
    centrality = _centrality(candidates, idf)
    ranked = sorted(clusters, key=lambda members: -_score(members, centrality, len(articles)))
    by_id = {a.id: a for a in articles}
    points = []
    for members in ranked[:MAX_POINTS]:
        best = min(members, key=_clarity)
        ordered = sorted(members, key=lambda c: (c is not best, c.sentence.article))
        evidence = tuple(evidence_span(by_id[c.sentence.article], [c.sentence]) for c in ordered)
        points.append(KeyPoint(best.sentence.text, evidence, round(_score(members, centrality, len(articles)), 6)))
    return points


def _candidates(article: Article) -> list[Candidate]:
    total = max(1, len(article.sentences))
    result = []
    for sentence in article.sentences:
        if len(sentence.text.split()) < MIN_WORDS or not fits_evidence(sentence):
            continue
        terms = frozenset(content_tokens(sentence.text))
        if len(terms) >= 3:
            result.append(Candidate(sentence, terms, sentence.index / total))
    return result


def _idf(candidates: Sequence[Candidate]) -> dict[str, float]:
    df = Counter(t for c in candidates for t in c.terms)
    n = len(candidates)
    return {t: math.log(1 + n / d) for t, d in df.items()}


def similarity(a: Candidate, b: Candidate, idf: dict[str, float]) -> float:
    """Weighted overlap of two sentences' terms, relative to the smaller of the two."""
    shared = sum(idf[t] for t in a.terms & b.terms)
    smaller = min(sum(idf[t] for t in a.terms), sum(idf[t] for t in b.terms))
    return shared / smaller if smaller else 0.0


def _align(candidates: Sequence[Candidate], idf: dict[str, float]) -> list[list[Candidate]]:
    """Greedy clustering: the most similar cross-article pairs first, one sentence per article a cluster."""
    pairs = []
    for i, a in enumerate(candidates):
        for j in range(i + 1, len(candidates)):
            b = candidates[j]
            if a.sentence.article != b.sentence.article:
                score = similarity(a, b, idf)
                if score >= ALIGN_THRESHOLD:
                    pairs.append((-score, i, j))
    cluster_of = {i: [i] for i in range(len(candidates))}
    for _, i, j in sorted(pairs):
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
    return [[candidates[k] for k in sorted(c)] for c in unique.values()]


def _centrality(candidates: Sequence[Candidate], idf: dict[str, float]) -> dict[int, float]:
    weight = Counter(t for c in candidates for t in c.terms)
    return {id(c): sum(weight[t] * idf[t] for t in c.terms) / (1 + len(c.terms)) for c in candidates}


def _score(members: Sequence[Candidate], centrality: dict[int, float], n_articles: int) -> float:
    corroboration = len(members) / max(1, n_articles)
    central = max(centrality[id(c)] for c in members)
    early = 1 - min(c.position for c in members)
    return 3 * corroboration + central / 10 + early


def _clarity(candidate: Candidate) -> tuple[int, int, float, str]:
    """Lower is clearer: self-contained, not a bare quote, of moderate length, early in its article."""
    text = candidate.sentence.text
    dangling = 1 if DANGLING.match(text) else 0
    quoted = 1 if text[:1] in "\"“‘'" else 0
    length = abs(len(text.split()) - 25)
    return (dangling + quoted, length // 10, candidate.position, candidate.sentence.article)
