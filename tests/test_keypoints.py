"""Key points: facts aligned across differently worded reports, ranked, and said once each."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import make_article

from generator.extract.keypoints import extract_key_points, opens_inside_quote
from generator.models import Article
from generator.pipeline import choose_title
from generator.text.terms import fact_terms


def article(article_id: str, text: str, outlet: str | None = None, published: str | None = None) -> Article:
    """An article made from plain text, segmented as the pipeline does."""
    return make_article(article_id, text, outlet, published)


ALPHA = article("alpha", (
    "The mayor of Northfield and the regional governor agreed on Monday to close the old river bridge "
    "for repairs after a two-hour telephone conversation.\n\n"
    "Engineers found cracks in three of the bridge's steel supports last month, the city said.\n\n"
    "He said it was the right decision.\n\n"
    "The bridge will reopen in the spring of next year, officials said, if the repairs go to plan."))
BETA = article("beta", (
    "Northfield's mayor and the governor spoke by phone for two hours and decided to shut the river bridge "
    "so that it can be repaired.\n\n"
    "A local bakery near the bridge expects to lose half of its customers during the closure.\n\n"
    "Inspectors discovered cracks in three steel supports of the bridge in the previous month."))


def test_fact_terms_fold_spelling_numbers_and_synonyms() -> None:
    assert "ceasefir" in fact_terms("They agreed to a cease fire on Sunday.")
    assert fact_terms("a cease-fire") == fact_terms("a ceasefire")
    assert "#2" in fact_terms("a two-hour call") and "#2" in fact_terms("after 2 hours")
    assert fact_terms("a telephone conversation") == fact_terms("a phone call")
    assert "@contract for peace" in fact_terms("Elements of a Contract for Peace were discussed.")


def test_reworded_reports_of_one_fact_become_one_point_with_both_sources() -> None:
    points = extract_key_points([ALPHA, BETA])
    closure = [p for p in points if "bridge" in p.text and ("close" in p.text or "shut" in p.text)]
    assert len(closure) == 1
    assert set(closure[0].sources) == {"alpha", "beta"}
    cracks = [p for p in points if "cracks" in p.text]
    assert len(cracks) == 1 and set(cracks[0].sources) == {"alpha", "beta"}


def test_a_coined_name_both_outlets_use_once_aligns_otherwise_different_wordings() -> None:
    first = article("first", (
        "The council met on Tuesday to vote on the budget for next year after a long debate.\n\n"
        "Several parts of the so-called Harbour Renewal Compact were settled, including the question of "
        "who pays for dredging, and both councillors said they would like to see it finished soon."))
    second = article("second", (
        "Councillors approved next year's budget on Tuesday evening by a narrow margin.\n\n"
        "The leader said that many pieces of what he called a \u201cHarbour Renewal Compact\u201d were "
        "agreed and hoped the remaining work would be done by the end of the summer."))
    compact = [p for p in extract_key_points([first, second]) if "Compact" in p.text]
    assert len(compact) == 1 and set(compact[0].sources) == {"first", "second"}
    # The same two sentences without the shared coined name are too different to align.
    plain = [replace_words(a, "Harbour Renewal Compact", "harbour plan") for a in (first, second)]
    assert not any(len(p.sources) == 2 and "harbour plan" in p.text for p in extract_key_points(plain))


def test_a_recurring_name_does_not_align_sentences_by_itself() -> None:
    first = article("first", (
        "Mayor Anna Berg opened the new library on Monday morning with a short speech to visitors.\n\n"
        "Berg also said the city would hire four more librarians before the end of the year."))
    second = article("second", (
        "Mayor Anna Berg faced questions about the delayed tram line at a busy press conference.\n\n"
        "Berg declined to give a new date for the opening of the tram line to the airport."))
    points = extract_key_points([first, second])
    assert not any(len(p.sources) == 2 for p in points)


def replace_words(source: Article, old: str, new: str) -> Article:
    """The same article with one wording replaced throughout, segmented again."""
    return article(source.id, source.text.replace(old, new))


def test_corroborated_facts_rank_before_single_source_ones() -> None:
    points = extract_key_points([ALPHA, BETA])
    counts = [len(p.sources) for p in points]
    assert counts == sorted(counts, reverse=True)
    assert points[0].sources and len(points[0].sources) == 2
    assert any(p.sources == ("beta",) and "bakery" in p.text for p in points)


def test_every_point_is_verbatim_and_cites_one_evidence_span_per_sentence() -> None:
    articles = {a.id: a for a in (ALPHA, BETA)}
    for point in extract_key_points([ALPHA, BETA]):
        assert any(point.text == span.text for span in point.evidence)
        for span in point.evidence:
            assert articles[span.article].text[span.start:span.end] == span.text
        assert set(point.sources) == {span.article for span in point.evidence}


def test_a_sentence_telling_two_facts_joins_them_and_keeps_the_lesser_as_a_detail() -> None:
    one = article("a", "The rail company and the two unions agreed on Friday to end the strike after a long night "
                  "of talks.\n\nMembers will vote in a ballot on the new pay offer within ten days, the union said."
                  "\n\nTrains will run a reduced timetable on Saturday while crews return to work.")
    two = article("b", "Talks between the unions and the rail company ended the strike on Friday morning, both sides "
                  "said.\n\nA ballot on the pay offer will be held within ten days, according to union leaders."
                  "\n\nCommuters had faced three weeks of cancelled trains across the region.")
    both = article("c", "The rail company and the unions agreed to end the strike and to hold a ballot on the pay "
                   "offer within ten days.\n\nThe company's chief executive thanked passengers for their patience "
                   "during the dispute.")
    points = extract_key_points([one, two, both])
    joined = [p for p in points if p.details]
    assert len(joined) == 1
    point, = joined
    detail, = point.details
    assert set(point.sources) == {"a", "b", "c"} and len(detail.sources) >= 2
    # The clearest sentence words the point; the other fact, told in the same sentence of "c", is the detail.
    texts = [point.text, detail.text]
    assert sorted("ballot" in text for text in texts) == [False, True]
    assert all("strike" in text for text in texts if "ballot" not in text)
    # Every sentence is cited once: by the point's own wording or by its detail, and the point cites all.
    assert set(point.own_evidence).isdisjoint(detail.evidence)
    assert set(point.evidence) == set(point.own_evidence) | set(detail.evidence)
    assert any(point.text == span.text for span in point.own_evidence)
    assert any(detail.text == span.text for span in detail.evidence)
    assert not any("strike" in p.text or "ballot" in p.text for p in points if p is not point)  # told once


def test_a_dangling_pronoun_sentence_is_never_the_wording_when_a_clear_one_exists() -> None:
    gamma = article("gamma", "He said the bridge would close for repairs after the mayor's telephone call.")
    points = extract_key_points([ALPHA, BETA, gamma])
    for point in points:
        if len(point.evidence) > 1:
            assert not point.text.startswith("He ")


@pytest.mark.parametrize("leaning", [
    "But by Monday the mayor of Northfield and the regional governor had agreed, in a long telephone call, "
    "to close the old river bridge for repairs.",
    "At first, she and the regional governor agreed in a long telephone call on Monday to close the old river "
    "bridge in Northfield for repairs.",
])
def test_a_sentence_leaning_on_the_one_before_is_not_the_wording_when_a_clear_one_exists(leaning: str) -> None:
    clear = article("b", "Northfield will close the old river bridge for repairs, officials said.")
    point = next(p for p in extract_key_points([article("a", leaning), clear]) if len(p.sources) == 2)
    assert point.text.startswith("Northfield")


def test_output_does_not_depend_on_input_order() -> None:
    assert extract_key_points([ALPHA, BETA]) == extract_key_points([BETA, ALPHA])


def test_no_sentence_is_cited_by_two_points() -> None:
    points = extract_key_points([ALPHA, BETA])
    spans = [(s.article, s.start) for p in points for s in p.evidence]
    assert len(spans) == len(set(spans))


def test_unrelated_sentences_are_not_aligned() -> None:
    one = article("one", "The central bank raised its interest rate by half a point on Thursday.")
    two = article("two", "A heavy storm closed every school in the coastal towns on Thursday morning.")
    points = extract_key_points([one, two])
    assert all(len(p.sources) == 1 for p in points)


def test_title_is_the_headline_that_matches_the_lede_else_the_ledes_words() -> None:
    lede = extract_key_points([ALPHA, BETA])[0].text
    titled = [replace(ALPHA, title="Opinion: why cities love bakeries so much"),
              replace(BETA, title="Northfield river bridge to close for repairs")]
    assert choose_title(titled, lede) == "Northfield river bridge to close for repairs"
    assert choose_title([replace(ALPHA, title="News")], lede).startswith(" ".join(lede.split()[:5]))


def test_list_entries_and_headlines_in_the_body_are_not_key_points() -> None:
    listing = article("listing", (
        "The band will play thirty shows across the country next summer, its manager said.\n\n"
        "June 20 – Raleigh, NC @ Coastal Credit Union Music Park at Walnut Creek\n\n"
        "Band announces reunion tour after decades apart with original lineup"))
    texts = [p.text for p in extract_key_points([listing])]
    assert texts == ["The band will play thirty shows across the country next summer, its manager said."]


def test_a_he_said_quote_fragment_is_not_the_wording_when_a_named_speaker_says_it() -> None:
    pronoun = article("a", "\"The old river bridge in Northfield will close for urgent repairs,\" he said on Monday.")
    named = article("b", "\"The old river bridge in Northfield will close for urgent repairs,\" the mayor said.")
    [point] = [p for p in extract_key_points([pronoun, named]) if len(p.sources) == 2]
    assert point.text == named.text


def test_wire_copies_are_one_point_citing_every_copy_and_a_repeat_once() -> None:
    wire = "Engineers found cracks in three steel supports of the Northfield river bridge on Monday."
    copies = [article(f"copy{n}", wire + ("\n\n" + wire if n == 0 else "")) for n in range(4)]
    [point] = extract_key_points(copies)
    assert point.sources == ("copy0", "copy1", "copy2", "copy3")
    assert len(point.evidence) == 4


def test_two_sentences_glued_after_a_closing_quote_are_two_candidates() -> None:
    text = ("The mayor called the repairs “long overdue and very welcome.” Governor Ann Smith noted that "
            "the state would pay for half of the work on the bridge.")
    glued = article("glued", text)
    assert len(glued.sentences) == 1  # the segmenter leaves "...welcome.” Governor Ann Smith noted" together
    texts = {p.text for p in extract_key_points([glued])}
    assert texts == {"The mayor called the repairs “long overdue and very welcome.”",
                     "Governor Ann Smith noted that the state would pay for half of the work on the bridge."}


def test_the_tail_of_a_quotation_is_not_the_wording_when_a_whole_sentence_tells_the_fact() -> None:
    tail = article("a", "\"We checked every support twice. Repairs will start on the old river bridge in Northfield "
                   "next Monday and last six weeks,\" the mayor said.\n\nThe bakery stays open.")
    whole = article("b", "The city council met on Friday evening.\n\nWork to repair the old river bridge in Northfield "
                    "will start next Monday and last for six weeks, the city said in a statement.\n\n"
                    "The bakery stays open.")
    point = next(p for p in extract_key_points([tail, whole]) if len(p.sources) == 2)
    assert point.text.startswith("Work to repair")


def test_a_sentence_opening_in_a_quotation_is_told_across_the_article() -> None:
    text = ("\"We checked every support twice. The steel is sound and the deck needs new joints only. Repairs will "
            "start next week,\" the mayor said.\n\n"
            "The mayor’s office said repairs would start next week.\n\n"
            "The mayor said repairs “will start next week” and last six weeks.\n\n"
            "‘The bakery will stay open for the whole of the closure,’ its owner told reporters on Monday.")
    bridge = article("a", text)
    inside = opens_inside_quote(bridge)
    told = {s.text[:20]: inside(s) for s in bridge.sentences}
    assert told == {"\"We checked every su": True, "The steel is sound a": True, "Repairs will start n": True,
                    "The mayor’s office s": False, "The mayor said repai": False, "‘The bakery will sta": True}


def test_a_fact_only_a_quotation_tells_ranks_after_one_the_reporter_tells() -> None:
    # The quotation is listed among the quotes already, with its speaker; the reported fact is not.
    text = ("The council met on Monday evening to discuss the budget.\n\n"
            "\"The old river bridge has served this town for generations,\" the mayor said.\n\n"
            "The city will pay for the repairs from its reserve fund, the treasurer told the meeting.\n\n"
            "The meeting ended shortly after nine in the evening.")
    texts = [p.text for p in extract_key_points([article("a", text)])]
    assert texts.index(next(t for t in texts if t.startswith("The city will pay"))) < \
        texts.index(next(t for t in texts if t.startswith("\"The old river")))


def test_a_question_is_not_a_key_point() -> None:
    text = ("The council voted on Monday to close the old river bridge for repairs.\n\n"
            "Why did the council wait three years to close the old river bridge?\n\n"
            "Repairs will start next week and last for six weeks, the city said.")
    texts = [p.text for p in extract_key_points([article("a", text)])]
    assert texts and not any(t.endswith("?") for t in texts)


def test_outlets_quoting_the_same_words_count_for_less_than_outlets_reporting_a_fact() -> None:
    quoted = "\"The old river bridge has served this town for generations,\" Mayor Ann Smith said."
    one = article("one", f"{quoted}\n\nThe city will pay for the bridge repairs from its reserve fund, officials said.")
    two = article("two", f"{quoted}\n\nOfficials said the repairs will be paid for from the city's reserve fund.")
    texts = [p.text for p in extract_key_points([one, two])]
    assert texts[0] != quoted and quoted in texts
