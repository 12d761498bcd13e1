"""Split cleaned article text into sentences that keep their exact place in the text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice

from ..models import Sentence

PARAGRAPH_BREAK = "\n\n"

# Abbreviations after which a period never ends a sentence (titles, months, "No.", ...).
NEVER_FINAL = {
    "mr", "mrs", "ms", "dr", "prof", "gov", "sen", "rep", "gen", "col", "lt", "capt", "sgt", "cpl",
    "maj", "adm", "cmdr", "brig", "st", "mt", "rev", "hon", "pres", "supt", "insp", "det", "fr",
    "no", "nos", "vol", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "vs", "approx", "dept", "est", "ave", "blvd", "rd", "atty", "sr", "jr",
}
# Abbreviations that may end a sentence: split after them only before a likely sentence opener.
MAYBE_FINAL = {"inc", "ltd", "co", "corp", "etc", "bros", "llc", "plc"}
OPENERS = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but", "and", "in", "on", "at",
    "this", "that", "these", "those", "there", "his", "her", "their", "its", "our", "as", "after",
    "before", "when", "while", "if", "so", "yet", "for", "then", "meanwhile", "however", "still",
    "also", "some", "many", "most", "one", "both", "officials", "police",
}
REPORTING = re.compile(
    r"\s*(?:[A-Z][\w'’.-]*\s+){0,3}(?:said|says|told|wrote|added|asked|replied|continued|tweeted|"
    r"posted|noted|stated|explained|insisted|warned|argued|declared|according)\b")
BOUNDARY = re.compile(r"""([.!?…]+)(["”’')\]]*)(\s+)(?=["“‘'(\[]?[A-Z0-9À-ÖØ-Þ])""")
WORD_BEFORE = re.compile(r"([\w.'’-]+)$")
NEXT_WORD = re.compile(r"[\"“‘'(\[]?([\w’'-]+)")
ABBREVIATION = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")


def split_paragraph(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every sentence in one paragraph."""
    start = 0
    for match in BOUNDARY.finditer(text):
        end = match.start(3)
        if end <= start or not _is_boundary(text, match):
            continue
        yield start, end
        start = match.end(3)
    if start < len(text):
        yield start, len(text.rstrip())


def segment_text(article_id: str, text: str) -> tuple[Sentence, ...]:
    """Sentences of an article's text, which holds paragraphs separated by blank lines."""
    sentences: list[Sentence] = []
    offset = 0
    for number, paragraph in enumerate(text.split(PARAGRAPH_BREAK)):
        for start, end in split_paragraph(paragraph):
            chunk = paragraph[start:end]
            if chunk.strip():
                sentences.append(Sentence(article_id, len(sentences), number, offset + start,
                                          offset + end, chunk))
        offset += len(paragraph) + len(PARAGRAPH_BREAK)
    return tuple(sentences)


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    marks, closers = match.group(1), match.group(2)
    after = match.end(3)
    if closers and any(q in closers for q in "\"”’'") and REPORTING.match(text, after):
        return False  # "... done!" Smith wrote: the attribution belongs to the quote's sentence
    if marks != ".":
        return True
    end = match.start(1)
    # The word cannot reach back past a space: search from there, not from the paragraph's start.
    before = WORD_BEFORE.search(text, text.rfind(" ", 0, end) + 1, end)
    word = before.group(1) if before else ""
    bare = word.strip(".'’").lower()
    if len(word) == 1 and "A" <= word <= "Z":
        return False  # an initial, as in "John F. Kennedy"
    if bare in NEVER_FINAL and not closers:
        return False
    if (bare in MAYBE_FINAL or ABBREVIATION.fullmatch(word)) and not closers:
        # "U.S.", "a.m.": a sentence ends there only before an opener
        next_word = NEXT_WORD.match(text, after)
        return (next_word.group(1).lower() if next_word else "") in OPENERS
    return True


STATEMENT_END = re.compile(r"[.!…][\"”’')\]]*\s*$")  # a question tells no fact
LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]*\b")


@lru_cache(maxsize=100_000)
def is_sentence(text: str) -> bool:
    """A complete statement, not a headline, list entry, caption or question: it ends as one and has running words."""
    # Four running words settle it: the rest of a long sentence need not be read.
    return bool(STATEMENT_END.search(text)) and len(list(islice(LOWER_WORD.finditer(text), 4))) == 4
