"""Find direct quotations, attribute them to a speaker, and merge them across outlets."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .models import Article, Quote, Sentence
from .speakers import attribute, canonical_speakers, find_cast
from .text import MAX_EVIDENCE_WORDS, content_tokens, evidence_span, word_count

OPEN_DOUBLE, CLOSE_DOUBLE = "“„«", "”»"
OPEN_SINGLE, CLOSE_SINGLE = "‘‹", "’›"
OPENING_CONTEXT = " \t([{—–-/:"
SHORT_QUOTE_WORDS = 3
NAMING_CUE = re.compile(
    r"\b(?:called|calls|calling|call it|dubbed|described\b.{0,40}?\bas|describes\b.{0,40}?\bas|termed|"
    r"labelled|labeled|considered\b.{0,40}|said|says|saying|told|wrote|promised|vowed|pledged)\W*\w*\W*\w*\W*$",
    re.IGNORECASE)


@dataclass(frozen=True)
class QuoteSpan:
    """The inside of one pair of quotation marks within an article's text."""

    start: int
    end: int
    closed: bool


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Quotation spans of a text, paragraph by paragraph; an unclosed quote runs to its paragraph's end."""
    spans: list[QuoteSpan] = []
    offset = 0
    for paragraph in text.split("\n\n"):
        spans.extend(QuoteSpan(offset + s, offset + e, c) for s, e, c in _paragraph_spans(paragraph))
        offset += len(paragraph) + 2
    return spans


def extract_quotes(article: Article) -> list[Quote]:
    """Every direct quote of one article, with its speaker and evidence sentences."""
    spans = find_quote_spans(article.text)
    cast = find_cast(article, [(s.start, s.end) for s in spans])
    quotes: list[Quote] = []
    previous: Quote | None = None
    previous_end = 0
    for span in spans:
        inner = article.text[span.start:span.end]
        lead = len(inner) - len(inner.lstrip())
        words = inner.strip()
        if len(content_tokens(words)) == 0 or not re.search(r"\w", words):
            continue
        start = span.start + lead
        end = start + len(words)
        sentences = [s for s in article.sentences if s.start < end and s.end > start]
        if not sentences:
            continue
        if len(words.split()) <= SHORT_QUOTE_WORDS and not _named(article.text, start):
            continue  # a scare quote or a title, not reported speech
        for chunk_start, chunk_end, group in _chunks(article, sentences, start, end):
            speaker, verb = attribute(article, cast, chunk_start, chunk_end, group[0].start, group[-1].end,
                                      previous, previous_end)
            quote = Quote(text=article.text[chunk_start:chunk_end].strip(), speaker=speaker, verb=verb,
                          evidence=(evidence_span(article, group),))
            quotes.append(quote)
            previous, previous_end = quote, chunk_end
    return quotes


def merge_quotes(per_article: Sequence[Sequence[Quote]]) -> list[Quote]:
    """One entry per quotation: the same words from several outlets join, keeping the longest wording."""
    groups: list[list[Quote]] = []
    for quotes in per_article:
        for quote in quotes:
            best, best_score = None, 0.0
            for group in groups:
                if any(q.sources[0] == quote.sources[0] for q in group):
                    continue
                score = _similarity(group[0].text, quote.text)
                if score > best_score:
                    best, best_score = group, score
            if best is not None and best_score >= 0.8:
                best.append(quote)
            else:
                groups.append([quote])
    merged = []
    for group in groups:
        longest = max(group, key=lambda q: (len(q.text), -group.index(q)))
        named = Counter(q.speaker for q in group if q.speaker)
        speaker = max(named, key=lambda n: (named[n], -[q.speaker for q in group].index(n))) if named else None
        verb = next((q.verb for q in group if q.speaker == speaker and q.verb), None)
        evidence = tuple(span for q in group for span in q.evidence)
        merged.append(Quote(longest.text, speaker, verb, evidence))
    return canonical_speakers(merged)


def _similarity(a: str, b: str) -> float:
    ta, tb = content_tokens(a, keep_stopwords=True), content_tokens(b, keep_stopwords=True)
    if not ta or not tb:
        return 0.0
    shared = len(set(ta) & set(tb))
    short, long_ = sorted((len(set(ta)), len(set(tb))))
    return shared / short * min(1.0, short / long_ / 0.8)


def _named(text: str, start: int) -> bool:
    before = text[max(0, start - 60):start - 1]
    return bool(NAMING_CUE.search(before))


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


def _paragraph_spans(paragraph: str) -> list[tuple[int, int, bool]]:
    spans: list[tuple[int, int, bool]] = []
    double_open: int | None = None
    single_open: int | None = None
    for i, ch in enumerate(paragraph):
        prev = paragraph[i - 1] if i else " "
        nxt = paragraph[i + 1] if i + 1 < len(paragraph) else " "
        role = _role(ch, prev, nxt)
        if role == "open2":
            if double_open is None:
                double_open, single_open = i + 1, None
        elif role == "close2":
            if double_open is not None:
                spans.append((double_open, i, True))
                double_open = None
        elif double_open is None and role == "open1" and single_open is None:
            single_open = i + 1
        elif double_open is None and role == "close1" and single_open is not None:
            spans.append((single_open, i, True))
            single_open = None
    if double_open is not None and double_open < len(paragraph):
        spans.append((double_open, len(paragraph), False))
    return spans


def _role(ch: str, prev: str, nxt: str) -> str:
    if ch in OPEN_DOUBLE:
        return "open2"
    if ch in CLOSE_DOUBLE:
        return "close2"
    if ch == '"':
        if prev in OPENING_CONTEXT and not nxt.isspace():
            return "open2"
        if nxt.isspace() or nxt in ".,;:!?)]}—–-" or prev not in "‘'":
            return "close2"
        return "open2"  # '"Word: a single mark then a double one opens a quote within a quote
    if ch in OPEN_SINGLE + "'" + CLOSE_SINGLE:
        if prev.isalnum() and nxt.isalnum():
            return "apostrophe"
        if (prev in OPENING_CONTEXT or prev in "\"“") and (nxt.isalpha()) and ch != "’":
            return "open1"
        if ch in "‘" and nxt.isalpha():
            return "open1"
        if not prev.isspace() and not nxt.isalnum():
            return "close1"
    return "other"
