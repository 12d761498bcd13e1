"""Story grouping: one story per event, found without comparing all pairs, and stable as articles arrive."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from conftest import shared_path

from bench.corpus import make_corpus
from generator.extract.grouping import (
    LINK_THRESHOLD,
    article_vector,
    candidate_pairs,
    cosine,
    group_articles,
    story_id,
)
from generator.models import Article
from generator.read.clean import clean_document
from generator.read.sources import read_sources
from generator.text.segment import segment_text


def load(*names: str) -> list[Article]:
    """The cleaned articles of some shared corpora, in id order."""
    articles = []
    for name in names:
        documents, _ = read_sources(shared_path("corpora", name, "input"), name)
        articles += [a for a in (clean_document(d) for d in documents) if a.sentences]
    return sorted(articles, key=lambda a: a.id)


@pytest.fixture(scope="module")
def mixed() -> list[Article]:
    return load("seeds", "ggt-dev")


def ids(groups: list[list[Article]]) -> list[list[str]]:
    return [[a.id for a in g] for g in groups]


def test_seeds_are_one_story_among_unrelated_events(mixed: list[Article]) -> None:
    seeds = {a.id for a in mixed if re.match(r"\d{3}_", a.id)}
    assert len(seeds) == 3
    groups = group_articles(mixed)
    assert [g for g in ids(groups) if set(g) & seeds] == [sorted(seeds)]
    # ggt-dev's articles each report a different event: same-topic pieces (daily market reports on
    # different days, two Canada-China stories from different days) must stay apart.
    assert [g for g in ids(groups) if len(g) > 1 and not set(g) & seeds] == []


def test_adding_an_article_leaves_the_stories_it_does_not_join_alone(mixed: list[Article]) -> None:
    full = ids(group_articles(mixed))
    for left_out in (mixed[0], mixed[len(mixed) // 2], mixed[-1]):
        without = ids(group_articles([a for a in mixed if a is not left_out]))
        untouched = [g for g in full if left_out.id not in g]
        assert all(g in without for g in untouched), left_out.id


def test_grouping_does_not_depend_on_input_order(mixed: list[Article]) -> None:
    shuffled = list(mixed)
    random.Random(7).shuffle(shuffled)
    assert ids(group_articles(shuffled)) == ids(group_articles(mixed))


def test_blocking_compares_far_fewer_pairs_than_all(tmp_path: Path) -> None:
    shared_path("corpora", "ggt-dev", "input")
    make_corpus(400, tmp_path, seed=3)
    documents, _ = read_sources(tmp_path, "synthetic")
    articles = [a for a in (clean_document(d) for d in documents) if a.sentences]
    pairs = candidate_pairs([article_vector(a) for a in articles])
    n = len(articles)
    assert len(pairs) < n * (n - 1) / 2 / 10
    groups = group_articles(articles)
    # Reports of one synthetic event are named <event>-<report>: most stories hold one event only.
    events = [{re.sub(r"-\d+$", "", a.id) for a in g} for g in groups]
    assert sum(len(e) == 1 for e in events) / len(events) >= 0.9
    assert sum(len(g) > 1 for g in groups) >= len(groups) / 4


def test_story_ids_are_readable_and_follow_the_founding_article() -> None:
    one = Article("b", "b.txt", None, None, None, None, None, "Text.")
    two = Article("a", "a.txt", None, None, None, None, None, "Text.")
    assert story_id("Bridge closes for repairs!", [one, two]) == story_id("Bridge closes for repairs!", [two])
    assert story_id("Bridge closes for repairs!", [one]).startswith("bridge-closes-for-repairs-")
    assert story_id("Bridge closes", [one]) != story_id("Bridge closes", [two])


def report(article_id: str, who: str, where: str, day: str) -> Article:
    """A short report of a bridge closure; the wording is shared, the people, place and day are not."""
    text = (f"{who}, the mayor of {where}, closed the old river bridge on {day} after engineers found cracks "
            f"in three steel supports. {who} said the closure of the {where} bridge would last four months "
            f"while crews replace the damaged girders. Commuters in {where} will use a ferry across the river.")
    return Article(article_id, f"{article_id}.txt", None, None, None, None, None, text,
                   segment_text(article_id, text))


def test_same_wording_about_other_people_and_places_is_another_event() -> None:
    first = report("a", "Marta Oyelaran", "Kelvindale", "Monday")
    retold = report("b", "Marta Oyelaran", "Kelvindale", "Monday")
    elsewhere = report("c", "Ivo Brannigan", "Portwhistle", "Monday")
    assert ids(group_articles([first, retold, elsewhere])) == [["a", "b"], ["c"]]


def market(article_id: str, day: str, move: str) -> Article:
    """A daily market report: the same vocabulary every day, only the day and the figures change."""
    text = (f"Shares in Kelvindale {move} on {day} as investors weighed quarterly earnings from banks and "
            f"miners. The Kelvindale Composite index {move} {len(move)}.4 per cent by the close of trading, "
            f"while bond yields were steady and the currency traded in a narrow range against the dollar. "
            f"Analysts said trading volumes were light ahead of the central bank meeting next week.")
    return Article(article_id, f"{article_id}.txt", None, None, None, None, None, text,
                   segment_text(article_id, text))


def test_same_topic_reports_that_put_their_events_on_different_days_are_apart() -> None:
    monday, thursday, also_monday = market("a", "Monday", "rose"), market("b", "Thursday", "fell"), \
        market("c", "Monday", "rose")
    assert cosine(article_vector(monday), article_vector(thursday)) >= LINK_THRESHOLD  # alike, yet not one event
    assert ids(group_articles([monday, thursday, also_monday])) == [["a", "c"], ["b"]]


def test_the_fast_zipf_lookup_agrees_with_wordfreq() -> None:
    from wordfreq import zipf_frequency

    from generator.extract.grouping import zipf
    from generator.text.tokens import words
    seeds = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))
    sample = set(words(" ".join(p.read_text(encoding="utf-8") for p in seeds).lower()))
    sample |= {"the", "a", "zzzzqx", "ceasefire", "kyiv", "naïve", "o'brien", "covid-19", "2024", "x", "mr"}
    assert len(sample) > 300
    assert {w: zipf(w) for w in sample} == {w: zipf_frequency(w, "en") for w in sample}
