"""Small text helpers shared by the extraction stages: tokens, stems and evidence spans."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import snowballstemmer

from .models import Article, Sentence, Span

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
WORD_RUN = re.compile(r"\w+")
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me more
most my myself no nor not now of off on once only or other our ours ourselves out over own same she
should so some such than that the their theirs them themselves then there these they this those
through to too under until up very was we were what when where which while who whom why will with
would you your yours yourself yourselves said says say told according s t
""".split())
# The only letters beyond ASCII that a case-insensitive pattern matches with an ASCII letter (İ ı ſ K).
FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball stem of a lowercase word."""
    return str(_STEMMER.stemWord(word))


def words(text: str) -> list[str]:
    """Lowercase word tokens, apostrophes folded so that "Ukraine’s" and "Ukraine's" agree."""
    # WORD reads both apostrophes alike, so folding them first finds the same words.
    return WORD.findall(text.lower().replace("’", "'"))


def content_tokens(text: str, keep_stopwords: bool = False) -> list[str]:
    """Stemmed word tokens, without stopwords unless asked; possessive endings dropped."""
    if keep_stopwords:
        return [stem(bare(word)) for word in words(text)]
    return [stem(word) for word in map(bare, words(text)) if word not in STOPWORDS]


def bare(word: str) -> str:
    """A word token without its possessive ending."""
    # words hold no line break, so this is the whole of r"'s$"
    return word[:-2] if word.endswith("'s") else word


def folds_to_ascii(text: str) -> bool:
    """Whether a case-insensitive pattern could read some non-ASCII letter of text as an ASCII one."""
    return not text.isascii() and any(letter in text for letter in FOLDS_TO_ASCII)


def evidence_span(article: Article, sentences: Sequence[Sentence]) -> Span:
    """The contiguous stretch of text from the first to the last of some sentences of an article."""
    start = min(s.start for s in sentences)
    end = max(s.end for s in sentences)
    return Span(article.id, start, end, article.text[start:end])


MAX_EVIDENCE_WORDS = 150


def fits_evidence(sentence: Sentence) -> bool:
    """Whether a sentence is short enough to stand as evidence (the contract allows 150 words)."""
    return fits_words(sentence.text)


def fits_words(text: str) -> bool:
    """Whether a text is short enough to stand as evidence."""
    # n words need at least 2n - 1 characters: a short enough text fits without counting.
    return len(text) <= 2 * MAX_EVIDENCE_WORDS or word_count(text) <= MAX_EVIDENCE_WORDS


def word_count(text: str) -> int:
    """Words as the faithfulness check counts them."""
    return len(WORD_RUN.findall(text))
