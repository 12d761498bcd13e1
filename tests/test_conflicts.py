"""Conflicts: equal values in other words are not conflicts; different values are, with bounds told apart."""

from __future__ import annotations

from conftest import make_article

from generator.extract.conflicts import find_conflicts, flag_key_points, scope_categories
from generator.models import Article, KeyPoint


def article(article_id: str, text: str, published: str | None = "2024-05-07") -> Article:
    return make_article(article_id, text, published=published)


def test_duration_contradiction_and_bound() -> None:
    a = article("a", "The ministers met for an hour and a half on the budget.")
    b = article("b", "The ministers held a two-hour meeting on the budget.")
    c = article("c", "The ministers met for at least 90 minutes, officials said.")
    conflicts = find_conflicts([a, b, c])
    assert len(conflicts) == 1
    conflict = conflicts[0]
    assert conflict.kind == "duration" and not conflict.bound_only
    by_article = {v.article: v for v in conflict.values}
    assert by_article["a"].against == ("b",) and by_article["b"].against == ("a",)
    assert by_article["c"].against == () and by_article["c"].bound == "min"
    for value in conflict.values:
        source = {"a": a, "b": b, "c": c}[value.article]
        assert source.text[value.span.start:value.span.end] == value.span.text
    assert by_article["b"].span.text == "two-hour meeting"


def test_same_duration_in_other_words_is_no_conflict() -> None:
    a = article("a", "The leaders spoke for an hour and a half by phone.")
    b = article("b", "The leaders spoke by phone for 90 minutes.")
    assert find_conflicts([a, b]) == []


def test_only_a_bound_is_reported_as_bound() -> None:
    a = article("a", "The leaders spoke for at least 90 minutes by phone.")
    b = article("b", "The leaders held a two-hour phone call.")
    conflicts = find_conflicts([a, b])
    assert len(conflicts) == 1 and conflicts[0].bound_only
    assert all(v.against == () for v in conflicts[0].values)


def test_date_written_three_ways_is_no_conflict() -> None:
    a = article("a", "On 18 March, the two presidents spoke about the ceasefire plan.", published=None)
    b = article("b", "The two presidents spoke on Tuesday about the ceasefire plan.", published="2025-03-18")
    c = article("c", "On 03/18/25 the two presidents spoke about the ceasefire plan.", published=None)
    assert find_conflicts([a, b, c]) == []


def test_same_count_in_other_words_is_no_conflict() -> None:
    a = article("a", "The president announced a 175-for-175 prisoner exchange with the neighbour.")
    b = article("b", "The exchange saw each side releasing 175 captured soldiers to the neighbour.")
    assert find_conflicts([a, b]) == []


def test_count_contradiction_needs_the_same_context() -> None:
    a = article("a", "Police said 12 people were injured in the fire at the downtown warehouse.")
    b = article("b", "Police said 15 people were injured in the fire at the downtown warehouse.")
    c = article("c", "Some 300 people attended a vigil for the city's founders on the weekend.")
    conflicts = find_conflicts([a, b, c])
    assert len(conflicts) == 1
    assert {v.article for v in conflicts[0].values} == {"a", "b"}
    assert {v.span.text for v in conflicts[0].values} == {"12 people", "15 people"}


def test_figures_of_different_days_are_not_compared() -> None:
    a = article("a", "Markets rose Wednesday. The index gained 0.7 per cent to close at a record.", published=None)
    b = article("b", "Markets fell Thursday. The index gained 0.1 per cent to close at a record.", published=None)
    assert find_conflicts([a, b]) == []


def test_scope_categories() -> None:
    assert scope_categories("energy and infrastructure") == scope_categories("infrastructure and energy")
    assert len(scope_categories("guns, ammunition and explosives")) == 3
    assert scope_categories("Ukraine's energy infrastructure") == scope_categories("Ukrainian energy targets")
    assert len(scope_categories("energy and water infrastructure")) == 2
    assert scope_categories("energy and infrastructure") > scope_categories("energy infrastructure")
    assert scope_categories("the full") == frozenset()


def test_scope_conflict() -> None:
    a = article("a", "The statement said both sides agreed to an energy and infrastructure ceasefire.")
    b = article("b", "Moscow said it would stop strikes on the country's energy infrastructure for 30 days.")
    conflicts = find_conflicts([a, b])
    assert [c.topic for c in conflicts] == ["scope of the ceasefire"]
    texts = {v.article: v.span.text for v in conflicts[0].values}
    assert texts == {"a": "energy and infrastructure ceasefire", "b": "strikes on the country's energy infrastructure"}


def test_different_halts_are_not_a_scope_conflict() -> None:
    a = article("a", "They discussed a maritime ceasefire in the region.")
    b = article("b", "They agreed to stop attacks on energy infrastructure.")
    assert find_conflicts([a, b]) == []


def test_key_point_contradicted_by_another_outlet_is_flagged() -> None:
    a = article("a", "The ministers met for an hour and a half on the budget.")
    b = article("b", "The ministers held a two-hour meeting on the budget.")
    conflicts = find_conflicts([a, b])
    points = [KeyPoint(a.sentences[0].text, (a.sentences[0].span,)),
              KeyPoint(b.sentences[0].text, (b.sentences[0].span, a.sentences[0].span))]
    flagged = flag_key_points(points, conflicts)
    assert flagged[0].contradicted_by == ("b",)
    assert flagged[1].contradicted_by == ()  # both outlets are its sources: no outside contradiction


def test_name_spelled_two_ways_is_a_spelling_conflict() -> None:
    a = article("a", "Both President Putin and President Zelenskyy would like to see it end.")
    b = article("b", "Meanwhile, Ukrainian President Volodymyr Zelensky said he would speak to Trump.")
    conflicts = [c for c in find_conflicts([a, b]) if c.kind == "spelling"]
    assert [(c.topic, [v.span.text for v in c.values]) for c in conflicts] == [
        ("spelling of Zelensky", ["Zelenskyy", "Zelensky"])]
    assert all(v.against == () for v in conflicts[0].values)  # a spelling does not contradict a key point


def test_derived_words_are_not_spelling_variants() -> None:
    a = article("a", "German stocks rose as American investors returned.")
    b = article("b", "Stocks in Germany rose as investors in America returned.")
    assert [c for c in find_conflicts([a, b]) if c.kind == "spelling"] == []


def test_a_narrower_scope_is_not_flagged_as_contradicted_on_its_key_point() -> None:
    a = article("a", "The statement said both sides agreed to an energy and infrastructure ceasefire.")
    b = article("b", "Moscow said it would stop strikes on the country's energy infrastructure for 30 days.")
    conflicts = find_conflicts([a, b])
    assert [c.kind for c in conflicts] == ["scope"]
    # Each reading is not given by the other outlet, which contradicts nothing.
    assert sorted((v.article, v.not_given_by) for v in conflicts[0].values) == [("a", ("b",)), ("b", ("a",))]
    assert all(v.against == () for v in conflicts[0].values)
    points = [KeyPoint(b.sentences[0].text, (b.sentences[0].span,))]
    assert flag_key_points(points, conflicts)[0].contradicted_by == ()
