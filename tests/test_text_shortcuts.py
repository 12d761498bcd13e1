"""Shortcuts that skip a pattern or a count: each must give the answer the pattern or count gives."""

from __future__ import annotations

import re

import pytest

from generator.extract.entities import TITLE_BEFORE, TITLE_REACH, _titled
from generator.extract.keypoints import split_glued
from generator.extract.timeline import NOON
from generator.models import Sentence
from generator.text.segment import LOWER_WORD, STATEMENT_END, is_sentence
from generator.text.terms import PHRASES, _fold_phrases
from generator.text.tokens import (
    FOLDS_TO_ASCII,
    MAX_EVIDENCE_WORDS,
    STOPWORDS,
    content_tokens,
    fits_evidence,
    folds_to_ascii,
    stem,
    word_count,
    words,
)


def test_the_letters_that_fold_to_ascii_are_all_there_are() -> None:
    letter = re.compile("[a-z]", re.IGNORECASE)
    found = {chr(c) for c in range(128, 0x110000) if letter.fullmatch(chr(c))}
    assert found == set(FOLDS_TO_ASCII)
    assert folds_to_ascii("preſident") and not folds_to_ascii("président") and not folds_to_ascii("president")


def test_no_phrase_replacement_holds_the_cue_of_a_later_phrase() -> None:
    for i, (pattern, cue, replacement) in enumerate(PHRASES):
        assert cue in (pattern.pattern.lower() if pattern.flags & re.IGNORECASE else pattern.pattern)
        for later_pattern, later_cue, _ in PHRASES[i + 1:]:
            folded = replacement.lower() if later_pattern.flags & re.IGNORECASE else replacement
            assert later_cue not in folded


@pytest.mark.parametrize("text", [
    "The cease-fire held.", "A CEASE FIRE held.", "The U.S. and the US agreed.", "The U. S. A. agreed.",
    "The United States of America and the United Kingdom agreed.", "They spoke for an Hour and a Half.",
    "Prisoners of war were freed.", "The ceaſe fire held for an hour and a half.", "Ukraine’s talks went on.",
])
def test_phrases_fold_as_the_patterns_do(text: str) -> None:
    folded = text
    for pattern, _, replacement in PHRASES:
        folded = pattern.sub(replacement, folded)
    assert _fold_phrases(text) == folded


@pytest.mark.parametrize("before", [
    "said President ", "said president ", "said PRESIDENT ", "met Dr. ", "met dr.  ", "met the preſident ",
    "met vice-president ", "met xpresident ", "met President", "(President ", "a spokesman for ", "he told ",
    "", " ", "Mr ", "the leader\n", "the leaders ", "Prime Minister ",
])
def test_titled_agrees_with_the_title_pattern(before: str) -> None:
    lead = len(before.rstrip())
    start = max(0, lead - TITLE_REACH)
    assert _titled(before, start) == bool(TITLE_BEFORE.search(before, start))


@pytest.mark.parametrize("text", [
    "It rained in the city.", "Breaking News", "One two three four.", "One two three.", "A b c d e f g h.",
    "“It was,” he said.", "List: A, B, C.", "don't-stop it now.",
])
def test_is_sentence_reads_four_running_words_as_the_count_does(text: str) -> None:
    assert is_sentence(text) == (bool(STATEMENT_END.search(text)) and len(LOWER_WORD.findall(text)) >= 4)


@pytest.mark.parametrize("text", ["at noon", "at NOON", "Midnight came", "at nooN", "no one", "at ſoon", ""])
def test_noon_agrees_with_its_pattern(text: str) -> None:
    assert NOON.search(text) == bool(re.search(r"noon|midnight", text, re.IGNORECASE))


def test_a_sentence_without_a_closing_quote_is_not_split() -> None:
    text = "He said it was fair and that he would sign it. Smith noted that the deal was done today."
    sentence = Sentence("a", 0, 0, 0, len(text), text)
    assert split_glued(sentence) == [sentence]


@pytest.mark.parametrize("text", ["Ukraine’s president's talks", "It's the Smiths' house, isn't it?", ""])
def test_content_tokens_drop_possessives_and_stopwords(text: str) -> None:
    bare = [w[:-2] if w.endswith("'s") else w for w in words(text)]
    assert content_tokens(text) == [stem(w) for w in bare if w not in STOPWORDS]
    assert content_tokens(text, keep_stopwords=True) == [stem(w) for w in bare]


@pytest.mark.parametrize("text", [
    " ".join(["a"] * 150), " ".join(["a"] * 151), "a," * 150, "a," * 151, "word " * 60, "word " * 151, "",
])
def test_length_shortcut_agrees_with_the_word_count(text: str) -> None:
    sentence = Sentence("a", 0, 0, 0, len(text), text)
    assert fits_evidence(sentence) == (word_count(text) <= MAX_EVIDENCE_WORDS)
