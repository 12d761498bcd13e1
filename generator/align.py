"""Fact terms of a sentence, normalised so that differently worded reports of one fact share them."""

from __future__ import annotations

import re
from functools import lru_cache

from .text import STOPWORDS, stem, words

# Groups of stems that news reports use for one idea; each maps to its first member.
SYNONYM_GROUPS = (
    ("ceasefir", "truce", "armistic"),
    ("phone", "telephon"),
    ("convers", "discuss", "talk", "call"),
    ("halt", "stop", "paus", "ceas", "suspend", "freez"),
    ("attack", "strike", "assault", "raid", "bombard"),
    ("agre", "agreement", "accord", "deal", "commit"),
    ("releas", "free", "freed", "swap", "exchang"),
    ("prison", "captiv", "detaine", "hostag", "pow"),
    ("kill", "dead", "death", "die", "fatal"),
    ("injur", "wound", "hurt"),
    ("arrest", "detain"),
    ("boost", "rais", "increas", "hike"),
    ("cut", "lower", "reduc", "decreas"),
    ("elect", "vote", "ballot"),
    ("nuclear", "atom"),
    ("govern", "administr"),
    ("improv", "better", "stronger", "strengthen"),
    ("econom", "econ", "trade"),
    ("usa", "america", "american"),  # not "us": that is also a pronoun
    ("uk", "britain", "british"),
)
SYNONYMS = {member: group[0] for group in SYNONYM_GROUPS for member in group}
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "hundred": 100, "thousand": 1000, "dozen": 12,
}
# Multi-word forms folded before tokenising, so "cease fire" and "ceasefire" agree.
PHRASES = (
    (re.compile(r"\bcease[\s-]+fire\b", re.IGNORECASE), "ceasefire"),
    (re.compile(r"\bU\.\s?S\.(?:\s?A\.)?|\bUS\b"), "USA"),
    (re.compile(r"\bUnited States(?: of America)?\b"), "USA"),
    (re.compile(r"\bUnited Kingdom\b"), "UK"),
    (re.compile(r"\bhour and a half\b", re.IGNORECASE), "90 minutes"),
    (re.compile(r"\bprisoners? of war\b", re.IGNORECASE), "prisoners"),
)
MORE_STOPWORDS = frozenset({"us", "mr", "mrs", "ms", "also", "would", "could"})
NAME = re.compile(r"\b[A-Z][a-zà-ÿ'’]+(?:(?:[\s-]+(?:of|for|de|la)){0,1}[\s-]+[A-Z][a-zà-ÿ'’]+)*")
NUMBER = re.compile(r"^\d[\d,.]*$")


@lru_cache(maxsize=100_000)
def fact_terms(text: str) -> frozenset[str]:
    """Content stems with synonyms folded; numbers as '#n' so "two-hour" and "2 hours" share '#2'."""
    for pattern, replacement in PHRASES:
        text = pattern.sub(replacement, text)
    terms = set()
    for word in words(text.replace("-", " ")):
        word = re.sub(r"'s$", "", word)
        if word in NUMBER_WORDS:
            terms.add(f"#{NUMBER_WORDS[word]}")
        elif NUMBER.match(word):
            terms.add("#" + word.replace(",", "").rstrip("."))
        elif word not in STOPWORDS and word not in MORE_STOPWORDS and len(word) > 1:
            stemmed = stem(word)
            terms.add(SYNONYMS.get(stemmed, stemmed))
    # A multi-word name two reports share ("Green New Deal") is strong evidence of one fact.
    terms.update("@" + " ".join(words(name)) for name in names(text) if " " in name)
    return frozenset(terms)


def names(text: str) -> list[str]:
    """Capitalised word runs that are not merely a sentence's first word."""
    found = []
    for match in NAME.finditer(text):
        name = match.group(0)
        if match.start() == 0 and " " not in name and name.lower() in STOPWORDS:
            continue
        found.append(name)
    return found
