"""Conflicts: the same detail given with different values by different outlets."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ..models import Article, Conflict, ConflictValue, KeyPoint, Span
from ..text.tokens import content_tokens, stem, words
from ..text.values import Value, describe, find_dates, find_values
from .disjoint import DisjointSets

# What a duration measures, read from the nearest event word around it.
TOPICS: dict[str, tuple[str, ...]] = {
    "length of the talks": ("call", "calls", "phone", "phoned", "talk", "talks", "talked", "spoke", "speak", "speaking",
                            "met", "meet", "meets", "meetings", "chatted",
                            "conversation", "discussion", "meeting", "interview", "conference", "session",
                            "hearing", "debate", "negotiation", "negotiations", "summit"),
    "length of the pause": ("ceasefire", "truce", "pause", "pausing", "halt", "halting", "stop",
                            "stopping", "moratorium", "suspension", "strikes", "attacks"),
    "length of the sentence": ("prison", "jail", "sentence", "sentenced", "custody"),
    "length of the delay": ("delay", "delayed", "wait", "waited", "outage", "closure", "closed"),
}
KIND_TOPICS = {"count": "number of {unit}", "money": "amount", "percent": "share", "date": "date",
               "time": "time"}
WINDOW = 8
# Two readings of a figure are about the same thing when their nearby content words mostly agree.
MIN_SHARED = 3
MIN_SIMILARITY = 0.34
# Phrases that set the scope of a halt: "an X ceasefire", "a ban on X", "stop strikes on X".
HALT_NOUNS = {"ceasefire": "ceasefire", "cease-fire": "ceasefire", "truce": "ceasefire", "pause": "ceasefire",
              "halt": "ceasefire", "moratorium": "ban", "ban": "ban", "embargo": "ban"}
HALT_VERBS = r"(?:stop|stops|stopped|stopping|halt|halts|halted|halting|pause|pauses|paused|pausing|cease|ceases|" \
             r"ceased|ceasing|suspend|suspends|suspended|suspending|end|ends|ended|ending)"
SCOPE_NP = r"(?P<scope>[\w'’-]+(?:,?\s+(?:and\s+|or\s+)?[\w'’-]+){0,5})"
SCOPE_PATTERNS = (
    re.compile(rf"\b(?P<noun>ceasefire|cease-fire|truce|pause|halt|moratorium|ban|embargo)\s+(?:on|against)\s+"
               rf"(?:(?:\w+\s+)?(?:strikes|attacks|bombing|shelling)\s+(?:on|against)\s+)?{SCOPE_NP}"),
    re.compile(rf"\b{HALT_VERBS}\s+(?:(?:its|their|the|all|any|recent|further)\s+)*(?:\w+\s+)?"
               rf"(?P<noun>strikes|attacks|bombing|shelling|fire)\s+(?:on|against|targeting)\s+{SCOPE_NP}"),
    re.compile(r"\b(?P<scope>[a-z][\w-]*(?:\s+and\s+[a-z][\w-]*)?)\s+(?P<noun>ceasefire|cease-fire|truce|"
               r"moratorium|ban|embargo)\b"),
)
# Every scope pattern names a halt or what is halted: a sentence without one of these is not scanned (for speed).
HALT_WORD = re.compile(r"truce|pause|halt|moratorium|ban|embargo|strikes|attacks|bombing|shelling|fire")
NP_STOP = re.compile(r"\b(?:for|in|during|as|which|that|to|by|until|from|with|while|after|before|since|"
                     r"but|if|when|amid|over|under|at|of|is|are|was|were|will|would|has|have|had)\b|[;:.()\"“”‘]|"
                     # a comma ends the phrase unless it separates items of a list: "guns, ammunition and explosives"
                     r",(?!\s+[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*)?(?:,|\s+(?:and|or)\b))")
NP_END = r"(?:on|in|at|for|with|of|the|a|an|to|and|or|about|over|from|by|that|which|was|is|were|are)"
CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")
CONJUNCTION = re.compile(r"\s*(?:,|\band\b|\bor\b)\s*")
NOT_CATEGORY_WORD = re.compile(r"\d|ly$|['’]")
PLURAL_ENDING = re.compile(r"(?:ies|s)$")
HYPHENATED_END = re.compile(r"-\w+$")
FOLLOWING_NOUN = re.compile(rf"(?:\s+(?!{NP_END}\b)[a-z]+){{1,2}}")
GENERIC_HEADS = {"infrastructure", "target", "facility", "site", "installation", "asset", "system", "plant",
                 "grid", "network", "object", "structure"}
NOT_SCOPE = {"the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "any", "all", "full",
             "partial", "immediate", "complete", "comprehensive", "lasting", "permanent", "temporary", "total",
             "general", "unconditional", "limited", "proposed", "potential", "possible", "new", "first",
             "fragile", "broader", "broad", "nationwide", "mutual", "formal", "interim", "brief", "short", "long",
             "real", "genuine", "agreed", "renewed", "current", "previous", "earlier", "latest", "existing",
             "such", "another", "other", "outright", "blanket", "recent", "critical", "key", "vital",
             "further", "so-called", "de", "facto", "one", "two", "three", "last", "next", "same",
             "initial", "wider", "larger", "major", "effective", "strict", "global", "overall"}


@dataclass(frozen=True)
class Reading:
    """One article's value for some detail, with the words it was read from and what it is about."""

    value: Value
    topic: str
    span: Span
    context: frozenset[str]


def find_conflicts(articles: Sequence[Article]) -> list[Conflict]:
    """Details that two or more outlets give with values that differ, contradictions first."""
    seen: dict[tuple[str, str | None], list[_Found]] = {}  # wire copy: a sentence several outlets print is read once
    readings = [r for article in articles for r in read_values(article, seen)]
    moments = {a.id: report_moment(a) for a in articles}
    conflicts = (_numeric_conflicts(readings, moments) + find_scope_conflicts(articles)
                 + find_spelling_conflicts(articles))
    return sorted(conflicts, key=lambda c: (c.bound_only, c.topic, c.values[0].span.article, c.values[0].span.start))


def read_values(article: Article, seen: dict[tuple[str, str | None], list[_Found]] | None = None) -> list[Reading]:
    """Every quantity an article states that can be tied to what it measures.

    `seen` keeps what each sentence text gave, for texts that recur across the story's articles.
    """
    seen = {} if seen is None else seen
    found = []
    for sentence in article.sentences:
        key = (sentence.text, article.published)
        if key not in seen:
            seen[key] = _sentence_values(sentence.text, article.published)
        for value, topic, start, end, context in seen[key]:
            span = Span(article.id, sentence.start + start, sentence.start + end, sentence.text[start:end])
            found.append(Reading(value, topic, span, context))
    return found


_Found = tuple[Value, str, int, int, frozenset[str]]  # a value, its topic, its phrase's place, its context words


def _sentence_values(text: str, published: str | None) -> list[_Found]:
    found = []
    for value in find_values(text, published):
        topic = topic_of(text, value)
        if topic is None:
            continue
        start, end = _phrase(text, value)
        context = frozenset(t for t in content_tokens(_window(text, value)) if not t.isdigit())
        found.append((value, topic, start, end, context - set(content_tokens(value.text))))
    return found


def topic_of(sentence: str, value: Value) -> str | None:
    """What a quantity measures: for a duration the nearest event word, else its kind and unit."""
    if value.kind != "duration":
        return KIND_TOPICS[value.kind].format(unit=value.unit) + (f" ({value.unit})" if value.kind == "money" else "")
    before = words(sentence[:value.start])[-WINDOW:]
    after = words(sentence[value.end:])[:WINDOW]
    best: tuple[int, str] | None = None
    for topic, cues in TOPICS.items():
        for distance, word in [(len(before) - i, w) for i, w in enumerate(before)] + [
                (i + 1, w) for i, w in enumerate(after)]:
            if word in cues and (best is None or distance < best[0]):
                best = (distance, topic)
    return best[1] if best else None


def _numeric_conflicts(readings: list[Reading], moments: dict[str, Value | None]) -> list[Conflict]:
    """Readings of one detail linked across articles; a group whose values differ is a conflict."""
    readings = sorted(readings, key=lambda r: (r.topic, r.span.article, r.span.start))
    sets = DisjointSets(len(readings))
    for i, j in _links(readings, moments):
        sets.join(i, j)
    conflicts = []
    for members in sets.groups():
        group = [readings[i] for i in members]
        by_article: dict[str, list[Value]] = {}
        for r in group:
            by_article.setdefault(r.span.article, []).append(r.value)
        # An article that gives several values for the detail is describing several things: leave it out.
        group = [r for r in group if len({describe(v) for v in by_article[r.span.article]}) == 1]
        if len({r.span.article for r in group}) < 2 or len({describe(r.value) for r in group}) < 2:
            continue
        # An outlet contradicts a reading when none of its own values for the detail could be true with it.
        clash = {id(r): [a for a, vs in by_article.items() if a != r.span.article
                         and not any(r.value.compatible(v) for v in vs)] for r in group}
        values = tuple(ConflictValue(describe(r.value), r.span.article, r.span, r.value.bound, tuple(clash[id(r)]))
                       for r in group)
        contradicted = any(v.against for v in values)
        if not contradicted and group[0].value.kind in ("date", "time"):
            continue
        conflicts.append(Conflict(group[0].topic, group[0].value.kind, values, bound_only=not contradicted))
    return conflicts


def _links(readings: list[Reading], moments: dict[str, Value | None]) -> list[tuple[int, int]]:
    """Pairs of readings about the same detail: durations of one event class, else the closest context."""
    links = []
    best: dict[tuple[int, str], tuple[float, int]] = {}
    for i, a in enumerate(readings):
        for j in range(i + 1, len(readings)):
            b = readings[j]
            if b.topic != a.topic:
                break
            if a.span.article == b.span.article or not _same_moment(a, b, moments):
                continue
            if a.value.kind == "duration":
                links.append((i, j))
                continue
            shared = len(a.context & b.context)
            score = shared / max(1, len(a.context | b.context))
            if shared >= MIN_SHARED and score >= MIN_SIMILARITY:
                for x, y in ((i, j), (j, i)):
                    key = (x, readings[y].span.article)
                    if score > best.get(key, (0.0, -1))[0]:
                        best[key] = (score, y)
    # Figures are paired only when each is the other's closest match in the other article.
    for (x, _), (_, y) in sorted(best.items()):
        if x < y and best.get((y, readings[x].span.article), (0.0, -1))[1] == x:
            links.append((x, y))
    return links


def _same_moment(a: Reading, b: Reading, moments: dict[str, Value | None]) -> bool:
    """Articles that report different days may both be right about a figure that changes over time."""
    first, second = moments.get(a.span.article), moments.get(b.span.article)
    return first is None or second is None or first.compatible(second)


def report_moment(article: Article) -> Value | None:
    """The day an article reports on: its publication date, else the first date its opening sentences name."""
    for sentence in article.sentences[:2]:
        dates = find_dates(sentence.text, article.published)
        if dates:
            return dates[0]
    if article.published:
        dates = find_dates(article.published[:10])
        return dates[0] if dates else None
    return None


def find_scope_conflicts(articles: Sequence[Article]) -> list[Conflict]:
    """A halt or ban whose scope outlets state differently ("port and infrastructure" vs "port")."""
    readings: list[tuple[str, frozenset[str], Span]] = []
    labels: dict[frozenset[str], str] = {}
    for article in articles:
        for sentence in article.sentences:
            if not HALT_WORD.search(sentence.text):
                continue
            for pattern in SCOPE_PATTERNS:
                for match in pattern.finditer(sentence.text):
                    scope = scope_categories(match.group("scope"))
                    if not scope:
                        continue
                    labels[scope] = " + ".join(scope_words(match.group("scope")))
                    noun = HALT_NOUNS.get(match.group("noun").lower(), "ceasefire")
                    if pattern is SCOPE_PATTERNS[2]:
                        start, end = match.start("scope"), match.end()
                    else:
                        # "cease fire on …" is one verb: keep both words; elsewhere the value starts at the noun.
                        start = match.start() if match.group("noun").lower() == "fire" else match.start("noun")
                        end = match.start("scope") + len(_np(match.group("scope")))
                    span = Span(article.id, sentence.start + start, sentence.start + end, sentence.text[start:end])
                    if all(s.start != span.start or s.article != span.article for _, _, s in readings):
                        readings.append((noun, scope, span))
    conflicts = []
    for noun in sorted({n for n, _, _ in readings}):
        mine = [(scope, span) for n, scope, span in readings if n == noun]
        for group in _overlapping(mine):
            scopes = {scope for scope, _ in group}
            articles_seen = {span.article for _, span in group}
            if len(scopes) < 2 or len(articles_seen) < 2:
                continue
            widest = max(scopes, key=len)
            if not all(scope <= widest for scope in scopes):
                continue
            told = {(scope, span.article) for scope, span in group}
            values = tuple(
                ConflictValue(labels[scope], span.article, span, "exact",
                              not_given_by=tuple(sorted(a for a in articles_seen if (scope, a) not in told)))
                for scope, span in group)
            conflicts.append(Conflict(f"scope of the {noun}", "scope", values, bound_only=False))
    return conflicts


def find_spelling_conflicts(articles: Sequence[Article]) -> list[Conflict]:
    """One name spelled two ways by different outlets ("Khodorkovskyy" and "Khodorkovsky"), each only in its own."""
    first_use: dict[str, dict[str, Span]] = {}
    for article in articles:
        spans = first_use.setdefault(article.id, {})
        for match in CAPITALISED.finditer(article.text):
            name = match.group(0)
            # Names shorter than six letters have no variants (see _variant_spelling).
            if len(name) >= 6 and name not in spans:
                spans[name] = Span(article.id, match.start(), match.end(), name)
    names = {article_id: sorted(spans) for article_id, spans in first_use.items()}
    shapes = {article_id: _by_shape(spans) for article_id, spans in first_use.items()}
    conflicts = []
    ids = sorted(first_use)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            for x in names[a]:
                if x in first_use[b]:
                    continue
                # Only names one letter longer or shorter with the same initial can be variants of x.
                near = shapes[b].get((x[:1], len(x) - 1), []) + shapes[b].get((x[:1], len(x) + 1), [])
                for y in sorted(near):
                    if y not in first_use[a] and _variant_spelling(x, y):
                        values = (ConflictValue(x, a, first_use[a][x]), ConflictValue(y, b, first_use[b][y]))
                        conflicts.append(Conflict(f"spelling of {min(x, y, key=len)}", "spelling", values))
    return conflicts


def _by_shape(names: Iterable[str]) -> dict[tuple[str, int], list[str]]:
    """Names grouped by initial and length."""
    shapes: dict[tuple[str, int], list[str]] = {}
    for name in names:
        shapes.setdefault((name[:1], len(name)), []).append(name)
    return shapes


def _variant_spelling(a: str, b: str) -> bool:
    """Two spellings of one long name: a doubled letter ("Khodorkovskyy"), or an inner vowel or h ("Khodorkovskiy").

    A letter added at the end is how words are derived ("German", "Germany"), so it never counts.
    """
    if min(len(a), len(b)) < 6 or a[0] != b[0] or abs(len(a) - len(b)) != 1:
        return False
    short, long_ = sorted((a, b), key=len)
    for k in range(len(long_)):
        if long_[:k] + long_[k + 1:] != short:
            continue
        doubled = long_[k] in (long_[k - 1] if k else "", long_[k + 1] if k + 1 < len(long_) else "")
        inner = 0 < k < len(long_) - 1 and long_[k] in "aeiouyh"
        if doubled or inner:
            return True
    return False


def scope_categories(phrase: str) -> frozenset[str]:
    """What a halt covers, as stemmed categories: 'the city's water infrastructure' → {water}."""
    return frozenset(" ".join(stem(w) for w in item.split()) for item in scope_words(phrase))


def scope_words(phrase: str) -> list[str]:
    """The categories a halt covers as written: 'water and power infrastructure' → ['water', 'power']."""
    conjuncts = [c.split() for c in CONJUNCTION.split(_np(phrase)) if c.strip()]
    items: list[list[str]] = []
    for conjunct in conjuncts:
        kept = [w.lower() for w in conjunct if w[:1].islower() and w.lower() not in NOT_SCOPE
                and not NOT_CATEGORY_WORD.search(w)]
        if kept:
            items.append(kept)
    shared_head = bool(items) and len(items[-1]) > 1 and _generic(items[-1][-1])
    categories: list[str] = []
    for i, item in enumerate(items):
        # "port infrastructure" is the port; "port and infrastructure" is the port plus all infrastructure.
        if _generic(item[-1]) and (len(item) > 1 or (shared_head and i < len(items) - 1)):
            item = item[:-1]
        if item and " ".join(item) not in categories:
            categories.append(" ".join(item))
    return sorted(categories)


def _generic(word: str) -> bool:
    return PLURAL_ENDING.sub(lambda m: "y" if m.group(0) == "ies" else "", word) in GENERIC_HEADS


def _np(phrase: str) -> str:
    """The noun phrase at the start of a stretch of words, up to the first word that ends it."""
    stop = NP_STOP.search(phrase)
    return phrase[:stop.start()].rstrip() if stop else phrase


def _overlapping(readings: list[tuple[frozenset[str], Span]]) -> list[list[tuple[frozenset[str], Span]]]:
    """Readings joined when their scopes share a category (the same halt told wider or narrower)."""
    groups: list[list[tuple[frozenset[str], Span]]] = []
    for reading in readings:
        joined = [g for g in groups if any(reading[0] & scope for scope, _ in g)]
        merged = [reading] + [r for g in joined for r in g]
        groups = [g for g in groups if g not in joined] + [merged]
    return [sorted(g, key=lambda r: (r[1].article, r[1].start)) for g in groups]


def _window(sentence: str, value: Value) -> str:
    before = sentence[:value.start].split()[-WINDOW:]
    after = sentence[value.end:].split()[:WINDOW]
    return " ".join(before + after)


def _phrase(sentence: str, value: Value) -> tuple[int, int]:
    """The words that state the value, with the noun it qualifies when written as 'two-hour call'."""
    start, end = value.start, value.end
    text = sentence[start:end]
    start += len(text) - len(text.lstrip())
    end -= len(text) - len(text.rstrip())
    if value.kind == "duration" and HYPHENATED_END.search(sentence[start:end]):
        following = FOLLOWING_NOUN.match(sentence[end:])
        if following:
            end += following.end()
    return start, end


def flag_key_points(key_points: Sequence[KeyPoint], conflicts: Sequence[Conflict]) -> list[KeyPoint]:
    """Key points that state a value another outlet contradicts, marked with the contradicting articles."""
    flagged = []
    for point in key_points:
        against: set[str] = set()
        for conflict in conflicts:
            for value in conflict.values:
                if value.against and any(s.article == value.article and s.start <= value.span.start
                                         and value.span.end <= s.end for s in point.evidence):
                    against.update(value.against)
        against -= set(point.sources)
        flagged.append(replace(point, contradicted_by=tuple(sorted(against))) if against else point)
    return flagged
