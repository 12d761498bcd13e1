"""Group articles into stories, one per event, without comparing every pair of articles.

Two articles are linked when they share distinctive names, put their event on compatible days and
their weighted terms are alike; stories are the connected groups. Only articles that share a pair
of their most distinctive terms are compared (an inverted index of term pairs), so the work grows
with the number of articles, not with its square.

Stable: whether two articles are linked depends on those two articles only (term weights come from
a fixed table of English word frequencies, not from the collection), so adding an article can join
stories through it but does not split, rename or reorder the others. The one exception: a pair of
terms shared by more than MAX_BLOCK articles stops being a block, which only happens in collections
where that pair names a whole topic.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from datetime import date
from functools import lru_cache
from itertools import combinations
from typing import NamedTuple

from wordfreq import get_frequency_dict, zipf_frequency

from ..models import Article
from ..text.terms import names
from ..text.tokens import STOPWORDS, stem, words
from .disjoint import DisjointSets

LINK_THRESHOLD = 0.3  # cosine of two articles' weighted terms for them to tell the same event
BLOCK_TERMS = 10  # an article's most distinctive terms; two articles sharing a pair of them are compared
MAX_BLOCK = 400  # a pair of terms shared by more articles than this is a topic, not an event
MAX_DAYS_APART = 7  # later reports of one event come within days; a month apart is another event
LEDE_SENTENCES = 3
UNSEEN_FREQUENCY = 1e-9  # wordfreq's floor: Zipf 0, once per billion words
RARE_ZIPF = 7.5  # weights are RARE_ZIPF minus a word's Zipf frequency: "the" ~0, a surname ~5
NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?\b")
YEAR = re.compile(r"^(?:19|20)\d\d$")  # years are shared by unrelated events
NUMBER_WEIGHT = 3.0  # a shared figure ("212 prisoners", "$449,000") is as telling as a rare word
MIN_SHARED_NAMES = 2
NAME_MIN_WEIGHT = 2.5  # "President", "New" are too common in English to tell whose story it is
NAME_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")
OPENING = re.compile(r"(?:^|[.!?:][\"”’)]?\s+|\n\s*|[\"“‘]\s?)$")
WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
Vector = dict[str, float]


class Features(NamedTuple):
    """What grouping reads of one article: its weighted terms, the names it uses, the weekdays its lede gives."""

    vector: Vector
    names: frozenset[str]
    days: frozenset[str]


def article_features(article: Article) -> Features:
    """An article's grouping features, computed on its own (so that a stage can map it over articles)."""
    return Features(article_vector(article), article_names(article), _lede_days(article))


def group_articles(articles: Sequence[Article], features: Sequence[Features] | None = None) -> list[list[Article]]:
    """Articles grouped by event; candidate pairs come from blocks of shared distinctive terms."""
    features = features if features is not None else [article_features(a) for a in articles]
    vectors = [f.vector for f in features]
    sets = DisjointSets(len(articles))
    for i, j in sorted(candidate_pairs(vectors)):
        if sets.find(i) == sets.find(j) or len(features[i].names & features[j].names) < MIN_SHARED_NAMES:
            continue  # one event has the same people and places in every report of it
        if (_compatible(articles[i], articles[j], features[i].days, features[j].days)
                and cosine(vectors[i], vectors[j]) >= LINK_THRESHOLD):
            sets.join(i, j)
    groups = [[articles[i] for i in members] for members in sets.groups()]
    return sorted((sorted(g, key=lambda a: a.id) for g in groups), key=lambda g: g[0].id)


def candidate_pairs(vectors: Sequence[Vector]) -> set[tuple[int, int]]:
    """Pairs of articles that share two of their most distinctive terms (an inverted index of term pairs)."""
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, vector in enumerate(vectors):
        for key in _block_keys(vector):
            blocks[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if 1 < len(members) <= MAX_BLOCK:
            pairs.update(combinations(members, 2))
    return pairs


def _block_keys(vector: Vector) -> Iterator[tuple[str, str]]:
    top = sorted(vector, key=lambda t: (-vector[t], t))[:BLOCK_TERMS]
    return combinations(sorted(top), 2)


def article_names(article: Article) -> frozenset[str]:
    """The distinctive words of the names an article uses (people, places, organisations), lowercased."""
    text = article.text  # headlines capitalise every word
    found: set[str] = set()
    for match in NAME_RUN.finditer(text):
        tokens = match.group(0).split()
        if len(tokens) == 1 and OPENING.search(text[max(0, match.start() - 3):match.start()]):
            continue  # a capital after a full stop may be any word
        found.update(w.removesuffix("'s") for t in tokens for w in words(t) if word_weight(w) >= NAME_MIN_WEIGHT)
    return frozenset(found)


def article_vector(article: Article) -> Vector:
    """Weighted, length-normalised terms of an article: stems, and full names counted on their own."""
    text = " ".join(filter(None, [article.title or "", article.text]))
    counts: dict[str, int] = defaultdict(int)
    weights: dict[str, float] = {}
    # Each distinct word once, in order of first use: terms keep the order the text gives them.
    for word, times in Counter(words(text)).items():
        weighted = _weighted_term(word)
        if weighted is None:
            continue
        term, weight = weighted
        counts[term] += times
        weights[term] = max(weights.get(term, 0.0), weight)
    for number in NUMBER.findall(text):
        value = number.replace(",", "")
        if len(value) >= 2 and not YEAR.match(value):
            term = "#" + value
            counts[term] += 1
            weights[term] = NUMBER_WEIGHT
    for name in names(text):
        if " " in name:
            term = "@" + name.lower()
            counts[term] += 1
            weights[term] = max(word_weight(w) for w in words(name))
    vector = {t: (1 + math.log(c)) * weights[t] for t, c in counts.items() if weights[t] > 0}
    norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
    return {t: w / norm for t, w in vector.items()}


@lru_cache(maxsize=200_000)
def _weighted_term(word: str) -> tuple[str, float] | None:
    """A word's term (its stem, without a possessive ending) and weight; None for words that tell nothing."""
    if word.endswith("'s"):
        word = word[:-2]
    if word in STOPWORDS or len(word) < 3 or word.isdigit():
        return None
    return stem(word), word_weight(word)


@lru_cache(maxsize=200_000)
def word_weight(word: str) -> float:
    """How distinctive a word is in English at large: rare words and names weigh most."""
    return max(0.0, RARE_ZIPF - zipf(word))


def zipf(word: str) -> float:
    """wordfreq's Zipf frequency of an English word; plain lowercase words are looked up without its tokenizer.

    The tokenizer is most of wordfreq's cost, and a word of ASCII letters is one token of itself: its
    frequency is the table's, rounded to three significant digits as wordfreq rounds it (a test holds
    the two paths equal).
    """
    if not (word.isascii() and word.isalpha() and word.islower()):
        return float(zipf_frequency(word, "en"))
    frequency = max(_english_frequencies().get(word, 0.0), UNSEEN_FREQUENCY)
    frequency = round(frequency, math.floor(-math.log(frequency, 10)) + 3)
    return round(math.log(frequency, 10) + 9, 2)


@lru_cache(maxsize=1)
def _english_frequencies() -> dict[str, float]:
    return get_frequency_dict("en")


def cosine(a: Vector, b: Vector) -> float:
    """Cosine of two normalised vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def _lede_days(article: Article) -> frozenset[str]:
    lede = " ".join(s.text for s in article.sentences[:LEDE_SENTENCES])
    return frozenset(WEEKDAY.findall(lede))


def _compatible(a: Article, b: Article, days_a: frozenset[str], days_b: frozenset[str]) -> bool:
    """Two reports of one event do not put it on different days."""
    if days_a and days_b and not days_a & days_b:
        return False
    da, db = _date(a.published), _date(b.published)
    return not (da and db and abs((da - db).days) > MAX_DAYS_APART)


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def story_id(title: str, members: Sequence[Article]) -> str:
    """A readable, stable slug: the title's words and a short hash of the founding article's id."""
    slug = "-".join(re.findall(r"[a-z0-9]+", title.lower())[:8]) or "story"
    founder = min(a.id for a in members)
    return f"{slug}-{hashlib.sha1(founder.encode()).hexdigest()[:6]}"
