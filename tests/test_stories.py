"""Story grouping: one story per event, found without comparing all pairs, and stable as articles arrive."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from conftest import shared_path

from bench.corpus import make_corpus
from generator.clean import clean_document
from generator.models import Article
from generator.read import read_sources
from generator.stories import article_vector, candidate_pairs, group_articles, story_id


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
