"""Fact terms of a sentence, normalised so that differently worded reports of one fact share them."""

from __future__ import annotations

import re
from functools import lru_cache

from .tokens import STOPWORDS, bare, folds_to_ascii, stem, words

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
# Multi-word forms folded before tokenising, so "cease fire" and "ceasefire" agree; each with a cue, a piece
# of text that any match holds (in lowercase when the pattern ignores case). No replacement holds a later
# phrase's cue, so the cues can all be looked for in the text as it was.
PHRASES = (
    (re.compile(r"\bcease[\s-]+fire\b", re.IGNORECASE), "cease", "ceasefire"),
    (re.compile(r"\bU\.\s?S\.(?:\s?A\.)?|\bUS\b"), "U", "USA"),
    (re.compile(r"\bUnited States(?: of America)?\b"), "United", "USA"),
    (re.compile(r"\bUnited Kingdom\b"), "United", "UK"),
    (re.compile(r"\bhour and a half\b", re.IGNORECASE), "hour and a half", "90 minutes"),
    (re.compile(r"\bprisoners? of war\b", re.IGNORECASE), "prisoner", "prisoners"),
)
CASELESS = tuple(bool(pattern.flags & re.IGNORECASE) for pattern, _, _ in PHRASES)
MORE_STOPWORDS = frozenset({"us", "mr", "mrs", "ms", "also", "would", "could"})
NAME = re.compile(r"\b[A-Z][a-zà-ÿ'’]+(?:(?:[\s-]+(?:of|for|de|la)){0,1}[\s-]+[A-Z][a-zà-ÿ'’]+)*")
NUMBER = re.compile(r"^\d[\d,.]*$")


@lru_cache(maxsize=100_000)
def fact_terms(text: str) -> frozenset[str]:
    """Content stems with synonyms folded; numbers as '#n' so "two-hour" and "2 hours" share '#2'."""
    text = _fold_phrases(text)
    terms = set(map(_term, words(text.replace("-", " "))))
    terms.discard("")  # the words that carry no fact
    # A multi-word name two reports share ("Green New Deal") is strong evidence of one fact.
    terms.update(_name_term(name) for name in names(text) if " " in name)
    return frozenset(terms)


@lru_cache(maxsize=100_000)
def _name_term(name: str) -> str:
    """The fact term of a multi-word name (the story's names recur from sentence to sentence)."""
    return "@" + " ".join(words(name))


def _fold_phrases(text: str) -> str:
    # Most sentences hold none of the phrases: a plain look-up for the cue saves running the pattern.
    # (Only the few letters that fold to ASCII can make a case-insensitive pattern match without its cue.)
    lower, folds = text.lower(), folds_to_ascii(text)
    for (pattern, cue, replacement), caseless in zip(PHRASES, CASELESS, strict=True):
        if folds or cue in (lower if caseless else text):
            text = pattern.sub(replacement, text)
    return text


@lru_cache(maxsize=200_000)
def _term(word: str) -> str:
    """The fact term of one lowercase word token, or "" for a word that carries no fact."""
    word = bare(word)
    if word in NUMBER_WORDS:
        return f"#{NUMBER_WORDS[word]}"
    if NUMBER.match(word):
        return "#" + word.replace(",", "").rstrip(".")
    if word not in STOPWORDS and word not in MORE_STOPWORDS and len(word) > 1:
        stemmed = stem(word)
        return SYNONYMS.get(stemmed, stemmed)
    return ""


def names(text: str) -> list[str]:
    """Capitalised word runs that are not merely a sentence's first word."""
    found = []
    for match in NAME.finditer(text):
        name = match.group(0)
        if match.start() == 0 and " " not in name and name.lower() in STOPWORDS:
            continue
        found.append(name)
    return found
