"""Reservations: conditions, objections, caveats and open questions, with who holds them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .models import Article, Reservation, Sentence
from .speakers import NAME, canonical_name
from .text import content_tokens, evidence_span, fits_evidence

# Each cue names a kind of reservation; the lexicon is general news language, documented on the method page.
CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("condition", re.compile(
        r"\b(?:provided that|on (?:the )?condition|conditional on|conditions?\b|insists? on|insisted on|"
        r"demands?|demanded|only if|as long as|in exchange for|in return for|unless|precondition|"
        r"contingent on|depends? on|subject to)\b", re.IGNORECASE)),
    ("objection", re.compile(
        r"\b(?:would not agree|will not agree|won't agree|refused?|refuses|rejected|rejects|opposes|opposed|"
        r"objects? to|objected|reservations?|disputed?|denied|denies|condemned|criticized|criticised|"
        r"would not accept|will not accept|never accept|vetoed)\b", re.IGNORECASE)),
    ("caveat", re.compile(
        r"\b(?:falls? short|fell short|cautious(?:ly)?|skeptic(?:al|ism)|sceptic(?:al|ism)|however|but warned|"
        r"warned|concerns?|doubts?|risks?|fragile|partial|limited|reportedly|unconfirmed|alleged(?:ly)?|"
        r"claimed|is expected to|are expected to|could not be (?:verified|confirmed))\b", re.IGNORECASE)),
    ("unknown", re.compile(
        r"\b(?:remains? unclear|unclear|unknown|not yet|has yet to|have yet to|would not say|declined to|"
        r"did not say|did not specify|not clear|undecided|unresolved|still to be|to be negotiated|"
        r"negotiations on|no details|would not initially)\b", re.IGNORECASE)),
)
HOLDER_VERBS = re.compile(
    r"\b(?:said|says|insists?|insisted|emphasi[sz]ed|noted|warned|rejected|refused|opposes|holds|"
    r"expressed|demands?|demanded|would not|will not|is expected|are expected|agreed|indicated)\b",
    re.IGNORECASE)


def extract_reservations(articles: Sequence[Article]) -> list[Reservation]:
    """Every sentence of the story that carries a reservation, merged across outlets."""
    found: list[Reservation] = []
    for article in articles:
        for sentence in article.sentences:
            kind = classify(sentence.text)
            if kind is None or not fits_evidence(sentence):
                continue
            found.append(Reservation(sentence.text, holder_of(sentence), kind,
                                     (evidence_span(article, [sentence]),)))
    return _merge(found)


def classify(text: str) -> str | None:
    """The kind of reservation a sentence carries, or None."""
    for kind, pattern in CUES:
        if pattern.search(text):
            return kind
    return None


def holder_of(sentence: Sentence) -> str | None:
    """Who holds the reservation: the named subject nearest before its cue verb."""
    verb = HOLDER_VERBS.search(sentence.text)
    scope = sentence.text[:verb.start()] if verb else sentence.text
    for match in reversed(list(NAME.finditer(scope))):
        if match.start() == 0 and len(match.group(0).split()) == 1 and match.group(0).lower() in {
                "the", "in", "though", "while", "but", "and", "at", "as", "after"}:
            continue
        name = canonical_name(match.group(0))
        if name:
            return name
    return None


def _merge(found: list[Reservation]) -> list[Reservation]:
    merged: list[Reservation] = []
    for item in found:
        terms = set(content_tokens(item.text))
        for i, other in enumerate(merged):
            if item.sources[0] in other.sources:
                continue
            other_terms = set(content_tokens(other.text))
            if terms and other_terms and len(terms & other_terms) / min(len(terms), len(other_terms)) >= 0.6:
                merged[i] = Reservation(other.text, other.holder or item.holder, other.kind,
                                        other.evidence + item.evidence)
                break
        else:
            merged.append(item)
    return merged
