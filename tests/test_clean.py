"""Cleaning plain-text articles: boilerplate lines go, metadata is read from them."""

from __future__ import annotations

import pytest

from generator.models import Document
from generator.read.clean import clean_document, is_caption, is_label, looks_like_title, normalise_date

BODY = "Officials said on Monday that the bridge would reopen after two weeks of repairs."


def clean(*paragraphs: str) -> tuple[str, dict[str, str | None]]:
    article = clean_document(Document(id="a", source_path="a.txt", paragraphs=paragraphs))
    return article.text, {"title": article.title, "outlet": article.outlet, "published": article.published,
                          "author": article.author}


def test_header_lines_become_metadata() -> None:
    text, meta = clean("Published: 2024-02-03", "Source: Example Times", "By Ann Lee and Raj Patel", BODY)
    assert text == BODY
    assert meta == {"title": None, "outlet": "Example Times", "published": "2024-02-03",
                    "author": "Ann Lee and Raj Patel"}


def test_headline_line_becomes_title() -> None:
    text, meta = clean("Bridge to Reopen After Repairs", BODY)
    assert meta["title"] == "Bridge to Reopen After Repairs"
    assert text == BODY


def test_captions_and_labels_are_dropped() -> None:
    caption = "The mayor speaks at the opening in 2019. (John Doe / Reuters)"
    text, _ = clean("Top Stories", BODY, caption, "Advertisement")
    assert text == BODY


@pytest.mark.parametrize("line,expected", [
    ("A man walks past the site on Friday. (AP Photo/Jane Roe)", True),
    ("Photo: the new bridge seen from the river", True),
    ("The minister (who spoke for an hour) left.", False),
])
def test_is_caption(line: str, expected: bool) -> None:
    assert is_caption(line) is expected


@pytest.mark.parametrize("line,expected", [("Special Report", True), ("World", True), ("He left.", False),
                                           ("Top 10", False)])
def test_is_label(line: str, expected: bool) -> None:
    assert is_label(line) is expected


@pytest.mark.parametrize("line,expected", [
    ("Council Approves New Budget for Schools", True),
    ("The council approved the budget on Tuesday.", False),
    ("“We will fight,” she said", False),
])
def test_looks_like_title(line: str, expected: bool) -> None:
    assert looks_like_title(line) is expected


@pytest.mark.parametrize("written,iso", [
    ("03/18/25", "2025-03-18"), ("2025-03-18T10:00:00Z", "2025-03-18"), ("March 18, 2025", "2025-03-18"),
    ("18 March 2025", "2025-03-18"), ("yesterday", None), ("", None), ("2025-02-30", None),
])
def test_normalise_date(written: str, iso: str | None) -> None:
    assert normalise_date(written) == iso


@pytest.mark.parametrize("line", [
    "WATCH: Crews clear the last of the snow from the bridge deck",
    "WATCH BELOW: The mayor explains why the bridge closed for two weeks of repairs and what comes next.",
    "Related: Ferry fares rise again this spring",
    "LISTEN: The council debate on the bridge budget",
])
def test_video_and_link_teasers_ending_in_a_colon_are_dropped(line: str) -> None:
    text, _ = clean(BODY, line)
    assert text == BODY


def test_a_sentence_that_merely_begins_with_watch_is_kept() -> None:
    sentence = "Watch crews worked through the night to clear the snow from the bridge deck."
    text, _ = clean(BODY, sentence)
    assert text == BODY + "\n\n" + sentence


@pytest.mark.parametrize("line", [
    "Our Standards: The Example Times Trust Principles.",
    "We want to hear what you think about this article. Submit a letter to the editor or write to "
    "letters@example.org.",
    "Tell us what YOU think...",
])
def test_footers_addressing_the_reader_are_dropped(line: str) -> None:
    text, _ = clean(BODY, line)
    assert text == BODY


def test_a_sentence_reporting_what_readers_think_is_kept() -> None:
    sentence = "We want to hear from every resident before the bridge reopens, the mayor said on Monday."
    text, _ = clean(BODY, sentence)
    assert text == BODY + "\n\n" + sentence


PROSE = ("The council will meet again next week to choose a contractor for the repairs, "
         "and the work should take about six weeks once it starts.")


def test_a_page_printed_twice_keeps_one_copy_but_repeated_list_lines_stay() -> None:
    step = "Eat every two to three hours, and drink a glass of water with each of the meals [optional]"
    text, _ = clean(BODY, PROSE, step, "Meal 1", step, "Meal 2", PROSE)
    assert text.split("\n\n") == [BODY, PROSE, step, "Meal 1", step, "Meal 2"]


def test_the_headline_repeated_in_the_body_and_page_data_lines_are_dropped() -> None:
    article = clean_document(Document(id="a", source_path="a.html", title="Bridge to reopen after repairs",
                                      paragraphs=(BODY, "Bridge to Reopen After Repairs", "2024-03-08T08:57:40+01:00",
                                                  "Story continues below advertisement", PROSE)))
    assert article.text.split("\n\n") == [BODY, PROSE]
