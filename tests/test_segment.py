"""Sentence segmentation over the hard cases of news text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.text.segment import segment_text, split_paragraph


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_paragraph(text)]


@pytest.mark.parametrize("text,expected", [
    ("The U.S. Senate voted. It passed.", ["The U.S. Senate voted.", "It passed."]),
    ("He left the U.S. The talks ended.", ["He left the U.S.", "The talks ended."]),
    ("The call began at 10 a.m. ET and ended at noon.", ["The call began at 10 a.m. ET and ended at noon."]),
    ("It ended at 4 p.m. The leaders left.", ["It ended at 4 p.m.", "The leaders left."]),
    ("Gov. Jane Smith spoke. Sen. Bob Lee agreed.", ["Gov. Jane Smith spoke.", "Sen. Bob Lee agreed."]),
    ("The vote is on Jan. 5 in the hall.", ["The vote is on Jan. 5 in the hall."]),
    ("John F. Kennedy was president.", ["John F. Kennedy was president."]),
    ("Prices rose 2.5 per cent. Wages fell.", ["Prices rose 2.5 per cent.", "Wages fell."]),
    ("Acme Inc. The firm grew.", ["Acme Inc.", "The firm grew."]),
    ("Acme Inc. Chief Ann Ray spoke.", ["Acme Inc. Chief Ann Ray spoke."]),
    ('"We will win!" Smith said. Nobody cheered.', ['"We will win!" Smith said.', "Nobody cheered."]),
    ("“Go now,” she said. “Now.”", ["“Go now,” she said.", "“Now.”"]),
    ("Is it over? Nobody knows.", ["Is it over?", "Nobody knows."]),
    ("Mr. Smith met Dr. Jones at St. Paul's.", ["Mr. Smith met Dr. Jones at St. Paul's."]),
])
def test_split_paragraph(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_sentences_keep_their_place_in_the_text() -> None:
    text = "First paragraph here. Second sentence.\n\nAnother paragraph. And more."
    found = segment_text("a", text)
    assert [s.paragraph for s in found] == [0, 0, 1, 1]
    assert [s.index for s in found] == [0, 1, 2, 3]
    for sentence in found:
        assert text[sentence.start:sentence.end] == sentence.text


@given(st.lists(st.text(min_size=1, max_size=80), min_size=1, max_size=5))
def test_every_sentence_is_a_verbatim_slice(paragraphs: list[str]) -> None:
    text = "\n\n".join(" ".join(p.split()) or "x" for p in paragraphs)
    for sentence in segment_text("a", text):
        assert text[sentence.start:sentence.end] == sentence.text
        assert sentence.text.strip()


def test_the_compiled_stemmer_gives_the_pure_python_stems() -> None:
    # PyStemmer is a speed dependency only: the stems, and so every digest, must not depend on it.
    from snowballstemmer.english_stemmer import EnglishStemmer

    from generator.text.tokens import stem
    words = ("ceasefire negotiations agreed agreement generously running ran relational conditional "
             "bilateral proliferation infrastructure hostilities Zürich naïve caféteria 2024 sky skies dying "
             "news succeeded proceeding exceedingly cautious cautiously emphasised emphasized").lower().split()
    pure = EnglishStemmer()
    assert [stem(w) for w in words] == [pure.stemWord(w) for w in words]
