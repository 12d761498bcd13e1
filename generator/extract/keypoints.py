"""Key points: align sentences that report the same fact across outlets, then rank the facts."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import chain, combinations

from ..models import Article, KeyPoint, Sentence
from ..text.quotemarks import QuoteSpan, find_quote_spans
from ..text.segment import is_sentence
from ..text.terms import fact_terms
from ..text.tokens import STOPWORDS, evidence_span, fits_words

MIN_WORDS = 6
ALIGN_THRESHOLD = 0.37  # mean of containment and cosine for two sentences to report one fact
ABSORB_THRESHOLD = 0.6  # share of a fact's weight found inside one sentence of a better-ranked point
MAX_POINTS = 24
MAX_PER_ARTICLE = 5  # a merged fact citing more sentences of one article is a topic, not a fact
BRIDGE_THRESHOLD = 0.37  # similarity at which a sentence of one fact shows it also tells another
MAX_SINGLE = 16  # facts from one outlet only: keep the best few, the rest is detail
SINGLE_PER_ARTICLE = 5  # ... and fewer when there are fewer outlets to tell them
COMMON_SHARE = 0.5  # terms in more than this share of sentences cannot by themselves suggest a pair
NAMED_THRESHOLD = 0.2  # similarity enough for two sentences that share a coined name (see _coined_names)
# A sentence leans on the one before when it opens with a pronoun, with "And" or "But", or with a short
# scene-setting phrase and then a person's pronoun ("At first, his doctor …", "In May, she left …").
DANGLING = re.compile(
    r"^(?:[\"“‘']\s*)?(?:(?:he|she|they|it|this|that|these|those|his|her|their|its|and|but|yet)\b"
    r"|(?:at|in|on|by|during|after|before|once|when|while|within|since|until|later|earlier|then|sometimes|"
    r"soon|still|now)\b[^,.;:\"“”]{0,40},\s+(?:he|she|they|his|her|their)\b)", re.IGNORECASE)
GLUED = re.compile(r"(?<=[.!?][”\"’])\s+(?=[A-Z])")
GLUED_QUOTES = ("”", "\"", "’")  # a glued sentence follows one of these
CAPITAL_WORD = re.compile(r"\b[A-Z][a-zà-ÿ'’]+")
QUOTE_OPEN = "\"“‘'"
SAYING = r"(?:said|says|told|wrote|added|noted|announced|stated|confirmed|continued|explained)"
ATTRIBUTED = re.compile(rf"\b(?:{SAYING}|according to)\b")
PRONOUN_SPEAKER = re.compile(rf"\b(?:he|she|they|it|we|I)\s+{SAYING}\b|\b{SAYING}\s+(?:he|she|they)\b")


@dataclass(frozen=True)
class Candidate:
    """A sentence considered for a key point, with its fact terms and its place in its article."""

    sentence: Sentence
    terms: frozenset[str]
    position: float
    quoted: bool  # it opens inside a quotation: a speaker's words, not the reporter's account


@dataclass
class Fact:
    """Sentences from different articles that report one fact, and how much the story rests on it.

    `parts` are the lesser facts folded into this one because a sentence tells both (see _absorb).
    """

    members: list[Candidate]
    score: float = 0.0
    parts: list[Fact] = field(default_factory=list)

    @property
    def articles(self) -> set[str]:
        """The articles whose sentences report the fact or one of its parts."""
        return {c.sentence.article for c in self.every()}

    def every(self) -> list[Candidate]:
        """The fact's own sentences, then those of its parts."""
        return [*self.members, *(c for part in self.parts for c in part.members)]


def extract_key_points(articles: Sequence[Article],
                       quote_spans: Mapping[str, Sequence[QuoteSpan]] | None = None) -> list[KeyPoint]:
    """The story's facts, one entry each with every supporting article, most important first.

    `quote_spans` are the articles' quotations by article id when the caller has found them already.
    """
    candidates = [c for a in articles
                  for c in _candidates(a, quote_spans[a.id] if quote_spans is not None else None)]
    if not candidates:
        return []
    distinct, copies = _distinct(candidates)
    idf = _idf(distinct)
    pairs = _similar_pairs(distinct, idf, len(articles))
    facts = _align(distinct, copies, pairs)
    centrality = _centrality(candidates, idf)
    for fact in facts:
        fact.score = _score(fact, centrality, len(articles))
    facts.sort(key=lambda f: (-f.score, _first(f)))
    kept = _limit(_absorb(facts, distinct, pairs), len(articles))
    by_id = {a.id: a for a in articles}
    return [_point(fact, by_id) for fact in kept]


def _point(fact: Fact, by_id: dict[str, Article]) -> KeyPoint:
    """A fact as a key point: the clearest of its sentences, and the other facts told with it as details.

    The fact and its parts are told together, so the clearest sentence among them all words the point;
    whichever of them that sentence reports leads, and the rest follow as details, best first.
    """
    groups = [fact.members, *(part.members for part in sorted(fact.parts, key=lambda f: (-f.score, _first(f))))]
    best = min(fact.every(), key=_clarity)
    lead = next(group for group in groups if any(c is best for c in group))
    details = tuple(_point(Fact(group), by_id) for group in groups if group is not lead)
    ordered = sorted(lead, key=lambda c: (c is not best, c.sentence.article, c.sentence.index))
    own = tuple(evidence_span(by_id[c.sentence.article], [c.sentence]) for c in ordered)
    # The evidence is every sentence of the fact and its details: all of them report it.
    evidence = own + tuple(span for detail in details for span in detail.evidence)
    return KeyPoint(best.sentence.text, evidence, round(fact.score, 6), details=details)


def _candidates(article: Article, spans: Sequence[QuoteSpan] | None) -> list[Candidate]:
    total = max(1, len(article.sentences) - 1)
    result = []
    inside = opens_inside_quote(article, spans)
    for sentence in (part for whole in article.sentences for part in split_glued(whole)):
        terms = _candidate_terms(sentence.text)
        if terms:
            result.append(Candidate(sentence, terms, sentence.index / total, inside(sentence)))
    return result


def opens_inside_quote(article: Article, spans: Sequence[QuoteSpan] | None = None) -> Callable[[Sentence], bool]:
    """A test of whether a sentence of the article opens with or inside a quotation.

    The quotation marks are read over the whole article, so the tail of a quote that began a sentence
    earlier (`… peace," it continued.`) and the middle sentences of a long quote are both told.
    """
    spans = find_quote_spans(article.text) if spans is None else spans
    starts = [span.start for span in spans]

    def inside(sentence: Sentence) -> bool:
        if sentence.text[:1] in QUOTE_OPEN:
            return True
        i = bisect_right(starts, sentence.start) - 1
        return i >= 0 and spans[i].start <= sentence.start < spans[i].end

    return inside


@lru_cache(maxsize=100_000)
def _candidate_terms(text: str) -> frozenset[str]:
    """The fact terms of a sentence that can be a key point, else none (wire copy repeats sentences)."""
    if len(text.split()) < MIN_WORDS or not fits_words(text) or not is_sentence(text):
        return frozenset()
    terms = fact_terms(text)
    return terms if len(terms) >= 3 else frozenset()


def split_glued(sentence: Sentence) -> list[Sentence]:
    """A sentence cut after a quotation that ends with a full stop when a whole sentence follows it.

    ("... “a fair deal.” Smith noted that ..." is two sentences, and two facts.)
    """
    parts = _glued_parts(sentence.text)
    if not parts:
        return [sentence]
    return [replace(sentence, start=sentence.start + a, end=sentence.start + b, text=sentence.text[a:b])
            for a, b in parts]


@lru_cache(maxsize=100_000)
def _glued_parts(text: str) -> tuple[tuple[int, int], ...]:
    """Where split_glued cuts a text (none for the common text that is one sentence)."""
    if not any(quote in text for quote in GLUED_QUOTES):
        return ()  # told without the pattern
    parts, start = [], 0
    for match in GLUED.finditer(text):
        if len(text[match.end():].split()) >= MIN_WORDS and len(text[start:match.start()].split()) >= MIN_WORDS:
            parts.append((start, match.start()))
            start = match.end()
    if not parts:
        return ()
    parts.append((start, len(text)))
    return tuple(parts)


def _distinct(candidates: Sequence[Candidate]) -> tuple[list[Candidate], dict[int, list[Candidate]]]:
    """Each wording once, with the other articles that print it word for word (wire copy, syndication).

    Copies report the same fact by definition; comparing them pair by pair would cost the square of
    their number. A wording an article repeats is kept once.
    """
    first: dict[str, int] = {}
    distinct: list[Candidate] = []
    copies: dict[int, list[Candidate]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for c in candidates:
        key = _wording_key(c.sentence.text)
        if (key, c.sentence.article) in seen:
            continue
        seen.add((key, c.sentence.article))
        if key in first:
            copies[first[key]].append(c)
        else:
            first[key] = len(distinct)
            distinct.append(c)
    return distinct, copies


@lru_cache(maxsize=100_000)
def _wording_key(text: str) -> str:
    """A sentence's words, as two copies of it print them alike."""
    return " ".join(text.lower().split())


def _idf(candidates: Sequence[Candidate]) -> dict[str, float]:
    df = Counter(chain.from_iterable(c.terms for c in candidates))
    n = len(candidates)
    return {t: math.log(1 + n / d) for t, d in df.items()}


def _weight(terms: frozenset[str], idf: dict[str, float]) -> float:
    # fsum: a set's order follows the string hash seed, and a plain sum's last bits follow the order
    return math.fsum([idf.get(t, 0.0) for t in terms])


def _pairs(candidates: Sequence[Candidate], n_articles: int) -> set[tuple[int, int]]:
    """Cross-article sentence pairs that share a term rare enough to matter (an inverted index)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(candidates):
        for term in c.terms:
            postings[term].append(i)
    # A term in more sentences than a couple per article is the story's topic, not one fact's.
    limit = max(2, min(int(COMMON_SHARE * len(candidates)), 2 * n_articles + 10))
    article = [c.sentence.article for c in candidates]
    pairs = set()
    for members in postings.values():
        if len(members) > limit:
            continue
        for i, j in combinations(members, 2):
            if article[i] != article[j]:
                pairs.add((i, j))
    return pairs


def _similar_pairs(candidates: Sequence[Candidate], idf: dict[str, float],
                   n_articles: int) -> dict[tuple[int, int], tuple[float, float]]:
    """(similarity, containment of the smaller in the larger) of the candidate pairs that overlap at all."""
    weights = [_weight(c.terms, idf) for c in candidates]
    coined = _coined_names(candidates)
    result = {}
    for i, j in sorted(_pairs(candidates, n_articles)):
        common = candidates[i].terms & candidates[j].terms
        shared = _weight(common, idf)
        if not shared or not weights[i] or not weights[j]:
            continue
        contain = shared / min(weights[i], weights[j])
        similar = (contain + shared / math.sqrt(weights[i] * weights[j])) / 2
        if common & coined and similar >= NAMED_THRESHOLD:
            similar = max(similar, ALIGN_THRESHOLD)
        if similar >= min(ALIGN_THRESHOLD, BRIDGE_THRESHOLD) or contain >= ABSORB_THRESHOLD:
            result[(i, j)] = (similar, contain)
    return result


def _coined_names(candidates: Sequence[Candidate]) -> frozenset[str]:
    """Multi-word names that several outlets use once each and whose words the story uses nowhere else.

    Such a name is a coined term (a plan's title, a new body's name): two outlets that both use it once
    are reporting the same thing however differently they word the rest. A name whose words recur
    alone ("Roe" in "Mayor Jane Roe") is a recurring actor and says nothing about the fact.
    """
    mentions: dict[str, list[str]] = defaultdict(list)
    for c in candidates:
        for term in c.terms:
            if term.startswith("@"):
                mentions[term].append(c.sentence.article)
    once_each = {term: len(articles) for term, articles in mentions.items()
                 if len(set(articles)) >= 2 and len(articles) == len(set(articles))}
    if not once_each:
        return frozenset()  # most stories: then the capitals need not be counted
    capitals = Counter(w for c in candidates for w in CAPITAL_WORD.findall(c.sentence.text))
    coined = set()
    for term, outlets in once_each.items():
        own = [w.capitalize() for w in term[1:].split() if w not in STOPWORDS]
        if all(capitals[w] == outlets for w in own):
            coined.add(term)
    return frozenset(coined)


def _align(candidates: Sequence[Candidate], copies: dict[int, list[Candidate]],
           pairs: dict[tuple[int, int], tuple[float, float]]) -> list[Fact]:
    """Greedy clustering: the most similar cross-article pairs first, one sentence per article a fact."""
    scored = sorted((-similar, i, j) for (i, j), (similar, _) in pairs.items() if similar >= ALIGN_THRESHOLD)
    cluster_of = {i: [i] for i in range(len(candidates))}
    articles_of = {i: {c.sentence.article for c in [candidates[i], *copies.get(i, [])]}
                   for i in range(len(candidates))}
    for _, i, j in scored:
        ci, cj = cluster_of[i], cluster_of[j]
        if ci is cj or articles_of[ci[0]] & articles_of[cj[0]]:
            continue
        articles_of[ci[0]] |= articles_of[cj[0]]
        ci.extend(cj)
        for k in cj:
            cluster_of[k] = ci
    unique = {id(c): c for c in cluster_of.values()}
    return [Fact([m for k in sorted(c) for m in [candidates[k], *copies.get(k, [])]]) for c in unique.values()]


def _absorb(facts: Sequence[Fact], candidates: Sequence[Candidate],
            pairs: dict[tuple[int, int], tuple[float, float]]) -> list[Fact]:
    """Fold a fact into the better-ranked ones it overlaps, so that each fact is said once.

    A sentence that carries two facts links them: keeping them apart would report one fact twice.
    """
    index = {id(c): i for i, c in enumerate(candidates)}
    links: dict[int, set[int]] = defaultdict(set)
    for (i, j), (similar, contain) in pairs.items():
        if similar >= BRIDGE_THRESHOLD or contain >= ABSORB_THRESHOLD:
            links[i].add(j)
            links[j].add(i)
    owner: dict[int, int] = {}  # candidate -> rank of the kept fact that holds it
    kept: dict[int, Fact] = {}
    for rank, fact in enumerate(facts):
        mine = [index[id(c)] for c in fact.members if id(c) in index]  # copies share their wording's links
        homes = sorted({owner[j] for i in mine for j in links[i] if j in owner})
        merged = [c for h in homes for c in kept[h].every()] + fact.members
        if homes and _too_wide(merged):
            if len(fact.articles) == 1 and fact.articles <= kept[homes[0]].articles:
                continue  # an outlet restating what a better point already cites it for
            # Joining every overlapping fact would make a topic; join the best one if that stays a fact.
            homes = [] if _too_wide([*kept[homes[0]].every(), *fact.members]) else homes[:1]
        if not homes:
            kept[rank] = fact
            for i in mine:
                owner[i] = rank
            continue
        home = kept[homes[0]]
        for other in homes[1:]:
            home.parts += [kept[other], *kept[other].parts]
            kept[other].parts = []
            del kept[other]
        home.parts.append(fact)
        for c in home.every():
            if id(c) in index:
                owner[index[id(c)]] = homes[0]
    return [kept[rank] for rank in sorted(kept)]


def _too_wide(members: Sequence[Candidate]) -> bool:
    return max(Counter(c.sentence.article for c in members).values()) > MAX_PER_ARTICLE


def _limit(facts: Sequence[Fact], n_articles: int) -> list[Fact]:
    """The few facts that matter: every corroborated one, and the best of those from one outlet."""
    result, single = [], 0
    most_single = min(MAX_SINGLE, SINGLE_PER_ARTICLE * n_articles + 1)
    for fact in facts:
        if len(fact.articles) == 1:
            single += 1
            if single > most_single:
                continue
        result.append(fact)
    return result[:MAX_POINTS]


def _centrality(candidates: Sequence[Candidate], idf: dict[str, float]) -> dict[int, float]:
    """How much of the story's shared vocabulary a sentence carries (terms seen in several articles)."""
    vocabulary: dict[str, set[str]] = defaultdict(set)  # article -> the terms of its sentences
    for c in candidates:
        vocabulary[c.sentence.article].update(c.terms)
    spread = Counter(chain.from_iterable(vocabulary.values()))
    shared = {t: idf[t] for t, n in spread.items() if n > 1}
    return {id(c): sum([shared[t] for t in c.terms if t in shared]) / math.sqrt(1 + len(c.terms))
            for c in candidates}


def _score(fact: Fact, centrality: dict[int, float], n_articles: int) -> float:
    corroboration = (len(fact.articles) - 1) / max(1, n_articles - 1)
    central = max(centrality[id(c)] for c in fact.members)
    early = 1 - min(c.position for c in fact.members)
    best = min(fact.members, key=_clarity)
    specific = min(3, sum(1 for t in best.terms if t.startswith(("#", "@"))))
    # A fact only a speaker's own words tell is listed among the quotes already, with who said it: outlets
    # that quote the same words agree on what was said, which is less than agreeing on what happened.
    weight = 1.5 if best.quoted else 3.0
    return (weight * corroboration + central / 10 + early + 0.15 * specific - 0.4 * _unclear(best.sentence.text)
            - 0.4 * best.quoted)


@lru_cache(maxsize=100_000)
def _unclear(text: str) -> int:
    """1 for a sentence that leans on another: an opening pronoun, a quote with nobody (or "he") to say it."""
    if DANGLING.match(text):
        return 1
    if text[:1] in QUOTE_OPEN:
        return 1 if not ATTRIBUTED.search(text) or PRONOUN_SPEAKER.search(text) else 0
    return 0


def _first(fact: Fact) -> tuple[str, int]:
    first = min(fact.members, key=lambda c: (c.sentence.article, c.sentence.index))
    return (first.sentence.article, first.sentence.index)


def _clarity(candidate: Candidate) -> tuple[int, int, float, str, int]:
    """Lower is clearer: self-contained, not a bare quote, of moderate length, early in its article."""
    sentence = candidate.sentence
    return (*_wording(sentence.text, candidate.quoted), candidate.position, sentence.article, sentence.index)


@lru_cache(maxsize=100_000)
def _wording(text: str, quoted: bool) -> tuple[int, int]:
    """The part of a sentence's clarity its words decide (a fact's members are ranked by it often)."""
    length = abs(len(text.split()) - 25)
    return (2 * _unclear(text) + quoted, length // 10)
