"""Find direct quotations, attribute them to a speaker, and merge them across outlets."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher

from ..models import Article, Quote, Sentence
from ..text.quotemarks import QuoteSpan, find_quote_spans
from ..text.tokens import MAX_EVIDENCE_WORDS, content_tokens, evidence_span, word_count
from .mentions import ANY_VERB, find_cast
from .speakers import attribute, canonical_speakers

SHORT_QUOTE_WORDS = 3
TERM_WORDS = 6
NAMING_CUE = re.compile(
    r"\b(?:called|calls|calling|call it|dubbed|described\b.{0,40}?\bas|describes\b.{0,40}?\bas|describing\b"
    r".{0,40}?\bas|termed|branded|labelled|labeled|known as|considered\b.{0,40}?|expressed|voiced|became|become)"
    r"(?:\W+(?:a|an|the|his|her|its|their|our)\b)?\W*$",
    re.IGNORECASE)
TAG_AHEAD = re.compile(rf"(?:[\w'’.-]+\s+){{0,6}}?(?:{ANY_VERB})\b", re.IGNORECASE)
DETERMINERS = {"the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "in", "of", "on", "at", "for"}
SPEECH_TAG = re.compile(rf"\b(?:{ANY_VERB}|according to)\b", re.IGNORECASE)
PREDICATE = re.compile(r"(?:[Tt]he|[Bb]oth|[Tt]hey|[A-Z][\w'’-]*)(?:\s+(?!(?:would|will|is|was|are|were|has|have|had|"
                       r"can|could|should|may|might|must|be)\b)[\w'’-]+){0,3}")


def extract_quotes(article: Article, spans: Sequence[QuoteSpan] | None = None) -> list[Quote]:
    """Every direct quote of one article, with its speaker and evidence sentences (`spans`: found already)."""
    text = article.text
    spans = find_quote_spans(text) if spans is None else spans
    cast = find_cast(article, [(s.start, s.end) for s in spans])
    quotes: list[Quote] = []
    previous: Quote | None = None
    previous_end = 0
    for span in spans:
        inner = text[span.start:span.end]
        lead = len(inner) - len(inner.lstrip())
        words = inner.strip()
        if not re.search(r"[^\W\d_]", words):
            continue
        start = span.start + lead
        end = start + len(words)
        sentences = [s for s in article.sentences if s.start < end and s.end > start]
        if not sentences:
            continue
        kind = classify(text, span, sentences[0].start, sentences[-1].end)
        if kind == "skip":
            continue
        for chunk_start, chunk_end, group in _chunks(article, sentences, start, end):
            speaker, verb = attribute(article, cast, chunk_start, chunk_end, group[0].start, group[-1].end,
                                      previous, previous_end)
            words_only = text[chunk_start:chunk_end].strip().rstrip(",;:").rstrip()  # the tag's comma is not said
            quote = Quote(text=words_only, speaker=speaker, verb=verb,
                          evidence=(evidence_span(article, group),), partial=kind == "fragment")
            quotes.append(quote)
            previous, previous_end = quote, chunk_end
    return quotes


def classify(text: str, span: QuoteSpan, sentence_start: int, sentence_end: int) -> str:
    """'speech' for a full quotation, 'term' for words a naming verb quotes, 'fragment' for words
    quoted inside the reporter's own clause, 'skip' for headings, titles and scare quotes."""
    words = text[span.start:span.end].strip()
    before = text[sentence_start:max(sentence_start, span.start - 1)].rstrip()
    after = text[min(span.end + 1, sentence_end):sentence_end] if span.closed else ""
    paragraph_start = text.rfind("\n\n", 0, span.start) + 2 if "\n\n" in text[:span.start] else 0
    alone = not text[paragraph_start:span.start - 1].strip() and not after.strip(" .")
    if alone and span.closed and words[-1:].isalnum():
        return "skip"  # a quoted heading: a paragraph of quoted words without a full stop
    named = bool(NAMING_CUE.search(before))
    trailing = after.lstrip(" ,.!?")
    tagged = before.endswith(":") or (bool(TAG_AHEAD.match(trailing)) and words.endswith((",", ".", "!", "?")))
    if _title_like(words) and not named and not tagged:
        return "skip"  # "The Kid Who Would Be King", "Face the Nation": a title, not speech
    introduced = (not before or before.endswith(":")
                  or (before.endswith(",") and not before.endswith("that,")
                      and bool(SPEECH_TAG.search(before))))
    runs_on = bool(trailing) and trailing[0].islower() and not SPEECH_TAG.match(trailing) and \
        not words.endswith((",", ".", "!", "?", "…"))
    if introduced and not runs_on:
        return "speech"
    short = len(words.split()) <= SHORT_QUOTE_WORDS
    if named and 2 <= len(words.split()) <= TERM_WORDS:  # one word in quotes is a scare quote
        return "term"
    if PREDICATE.fullmatch(before) and words[:1].islower() and not SPEECH_TAG.search(after) and \
            len(words.split()) > SHORT_QUOTE_WORDS and before.split()[-1].lower() not in DETERMINERS:
        return "term"  # "The parties 'agreed that …'": the quoted words are all the subject does
    return "skip" if short else "fragment"


def merge_quotes(per_article: Sequence[Sequence[Quote]]) -> list[Quote]:
    """One entry per quotation: the same words from several outlets join under the wording they share.

    Words quoted inside a reporter's own clause are kept only when another outlet quotes them too:
    alone they are a paraphrase with a few borrowed words, not a quotation a reader can rely on.
    """
    everything = [q for quotes in per_article for q in quotes]
    bags = {id(q): Counter(content_tokens(q.text, keep_stopwords=True)) for q in everything}
    vocabulary = {key: set(bag) for key, bag in bags.items()}
    source = {id(q): q.sources[0] for q in everything}  # each quote's article, read once
    kept = [q for q in everything if not q.partial] + [q for q in everything if q.partial and
                                                       _corroborated(q, everything, bags, source)]  # full first
    groups: list[list[Quote]] = []
    for quote in kept:
        best, best_score = None, 0.0
        for group in groups:
            if any(source[id(q)] == source[id(quote)] for q in group):
                continue
            score = _similarity(vocabulary[id(group[0])], vocabulary[id(quote)])
            if score > best_score:
                best, best_score = group, score
        if best is not None and best_score >= 0.8 and _shared_wording([*best, quote]):
            best.append(quote)
        else:
            groups.append([quote])
    merged = []
    order = {id(q): i for i, q in enumerate(everything)}
    for group in groups:
        group.sort(key=lambda q: order[id(q)])  # sources in the order the articles came
        named = Counter(q.speaker for q in group if q.speaker)
        speakers = [q.speaker for q in group]
        speaker = max(named, key=lambda n: (named[n], -speakers.index(n))) if named else None
        verb = next((q.verb for q in group if q.speaker == speaker and q.verb), None)
        evidence = tuple(span for q in group for span in q.evidence)
        merged.append(Quote(_shared_wording(group), speaker, verb, evidence, all(q.partial for q in group)))
    return canonical_speakers(merged)


def _corroborated(quote: Quote, everything: Sequence[Quote], bags: dict[int, Counter[str]],
                  source: dict[int, str]) -> bool:
    """Whether another article quotes (nearly) all the words of this one."""
    mine = bags[id(quote)]
    need = sum(mine.values())
    for other in everything:
        if source[id(other)] == source[id(quote)]:
            continue
        if need and sum((mine & bags[id(other)]).values()) >= 0.8 * need:
            return True
    return False


def _shared_wording(group: Sequence[Quote]) -> str:
    """The longest wording every quote of a group prints verbatim (white space aside)."""
    texts = [" ".join(q.text.split()) for q in group]
    common = texts[0]
    for other in texts[1:]:
        # A wording contained in the other is their longest shared run: skip the quadratic matcher.
        if common in other:
            continue
        if other in common:
            common = other
            continue
        matcher = SequenceMatcher(None, common, other, autojunk=False)
        match = matcher.find_longest_match(0, len(common), 0, len(other))
        common = common[match.a:match.a + match.size]
    if len(texts) > 1:
        common = common.strip(" ,;:—–-")
    return common


def _similarity(a: set[str], b: set[str]) -> float:
    """Shared words over the shorter quote's words, discounted when the lengths differ a lot."""
    if not a or not b:
        return 0.0
    short, long_ = sorted((len(a), len(b)))
    return len(a & b) / short * min(1.0, short / long_ / 0.8)


def _title_like(words: str) -> bool:
    """Whether quoted words are capitalised like a title: every word but the short ones."""
    tokens = re.findall(r"[^\W\d_][\w'’-]*", words)
    long_ = [t for t in tokens if len(t) > 3]
    return 2 <= len(tokens) <= 8 and bool(long_) and all(t[0].isupper() for t in long_)


def _chunks(article: Article, sentences: list[Sentence], start: int,
            end: int) -> list[tuple[int, int, list[Sentence]]]:
    """Split a quote whose sentences exceed the evidence limit into sentence-sized pieces."""
    if sum(word_count(s.text) for s in sentences) <= MAX_EVIDENCE_WORDS:
        return [(start, end, sentences)]
    pieces = []
    for sentence in sentences:
        s, e = max(start, sentence.start), min(end, sentence.end)
        if article.text[s:e].strip(" \"“”‘’'") and word_count(sentence.text) <= MAX_EVIDENCE_WORDS:
            pieces.append((s, e, [sentence]))
    return pieces
