"""Small text helpers shared by the extraction stages: tokens, stems and evidence spans."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from ..models import Article, Sentence, Span

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


# Python's re tries the branches of a case-insensitive alternation one by one at every position of a text, which
# made the value and reservation patterns the slowest part of a build; a case-sensitive copy run over the
# lowercased text skips branches by their first letter and finds the same matches several times faster. A text
# with a letter that re.IGNORECASE reads as an ASCII one (FOLDS_TO_ASCII) is scanned as it is.
# Escapes ("\\W" is not "\\w") and group names are kept as written when a pattern is lowercased.
KEPT_CASE = re.compile(r"(\\.|\(\?P<\w+>|\(\?P=\w+\))|[^\\(]+", re.DOTALL)


@dataclass(frozen=True)
class Caseless:
    """A case-insensitive pattern that scans a lowercased copy of the text case-sensitively, for speed."""

    pattern: re.Pattern[str]
    folded: re.Pattern[str]
    # Groups of lowercase fragments: every match contains one fragment of each group, so a text that lacks
    # them all is skipped unscanned.
    needs: tuple[tuple[str, ...], ...] = ()

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches of pattern.finditer(text), in order."""
        folded = fold(text)
        if folded is None:
            yield from self.pattern.finditer(text)
            return
        if not self.has_needs(folded):
            return
        for found in self.folded.finditer(folded):
            # Matched again on the text itself so that groups keep their case; both accept the same strings.
            match = self.pattern.match(text, found.start())
            assert match is not None and match.end() == found.end()
            yield match

    def search(self, text: str) -> bool:
        """Whether the pattern occurs in the text."""
        folded = fold(text)
        if folded is None:
            return bool(self.pattern.search(text))
        return self.has_needs(folded) and bool(self.folded.search(folded))

    def has_needs(self, folded: str) -> bool:
        """Whether a text lowercased by fold() has a fragment of each group the pattern needs."""
        # A plain loop rather than all() over a generator: this runs for every cue on every sentence.
        for group in self.needs:  # noqa: SIM110
            if not any(map(folded.__contains__, group)):
                return False
        return True


def caseless(pattern: str, *needs: tuple[str, ...]) -> Caseless:
    """A case-insensitive pattern; it must not use inline flags or letters written as escape codes."""
    lowered = KEPT_CASE.sub(lambda m: m.group(1) or m.group(0).lower(), pattern)
    return Caseless(re.compile(pattern, re.IGNORECASE), re.compile(lowered), needs)


@lru_cache(maxsize=4096)
def fold(text: str) -> str | None:
    """The text in lowercase, position for position, or None when lowercasing would not match as re.IGNORECASE does."""
    return None if folds_to_ascii(text) else text.lower()
