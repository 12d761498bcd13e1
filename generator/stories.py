"""Group articles into stories, one per event, without comparing every pair of articles."""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from .models import Article
from .text import content_tokens

LINK_THRESHOLD = 0.22
MAX_POSTINGS = 50  # terms shared by more articles than this are too common to suggest a pair
TOP_TERMS = 25


def group_articles(articles: Sequence[Article]) -> list[list[Article]]:
    """Articles grouped by event; candidate pairs come from an inverted index of rare terms."""
    vectors = [_vector(a) for a in articles]
    df = Counter(t for v in vectors for t in v)
    n = len(articles)
    weighted = [_weigh(v, df, n) for v in vectors]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, vector in enumerate(weighted):
        for term in sorted(vector, key=lambda t: (-vector[t], t))[:TOP_TERMS]:
            postings[term].append(i)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    checked: set[tuple[int, int]] = set()
    for term in sorted(postings):
        members = postings[term]
        if len(members) > MAX_POSTINGS:
            continue
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if (i, j) in checked:
                    continue
                checked.add((i, j))
                if _cosine(weighted[i], weighted[j]) >= LINK_THRESHOLD:
                    parent[find(j)] = find(i)
    groups: dict[int, list[Article]] = defaultdict(list)
    for i, article in enumerate(articles):
        groups[find(i)].append(article)
    return sorted(groups.values(), key=lambda g: min(a.id for a in g))


def story_id(title: str, members: Sequence[Article]) -> str:
    """A readable, stable slug: the title's words and a short hash of the founding article's id."""
    slug = "-".join(re.findall(r"[a-z0-9]+", title.lower())[:8]) or "story"
    founder = min(a.id for a in members)
    return f"{slug}-{hashlib.sha1(founder.encode()).hexdigest()[:6]}"


def _vector(article: Article) -> Counter[str]:
    text = " ".join(filter(None, [article.title or "", article.text]))
    terms = Counter(content_tokens(text))
    for name in re.findall(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+", text):
        terms["@" + name.lower()] += 1
    return terms


def _weigh(vector: Counter[str], df: Counter[str], n: int) -> dict[str, float]:
    weights = {t: (1 + math.log(c)) * math.log(1 + n / df[t]) for t, c in vector.items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {t: w / norm for t, w in weights.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())
