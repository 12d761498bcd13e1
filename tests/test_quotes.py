"""The quotation-span finder, the speech/fragment/title classifier, merging, and faithfulness."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.extract.quotes import classify, extract_quotes, merge_quotes
from generator.models import Article
from generator.text.quotemarks import find_quote_spans
from generator.text.segment import segment_text


def article(text: str, article_id: str = "a") -> Article:
    """An article made of some text, segmented as the pipeline would."""
    return Article(article_id, f"{article_id}.txt", None, None, None, None, None, text,
                   segment_text(article_id, text))


def spans(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_quote_spans(text)]


SPAN_CASES = [
    # straight and curly double quotes
    ('He said "we will win" today.', ["we will win"]),
    ("He said “we will win” today.", ["we will win"]),
    # single quotes, as British outlets use them
    ("The statement said ‘talks will begin’.", ["talks will begin"]),
    # mixed pair: straight open, curly close
    ("They discussed 'the need to stop proliferation’.", ["the need to stop proliferation"]),
    # apostrophes that are not quotation marks
    ("Ukraine's army and the '90s and rock 'n' roll fans.", []),
    ("Ukraine’s army said it was the country’s best day.", []),
    # a nested quote stays inside its outer quote
    ("“He told me, ‘Go home,’ and left,” she said.", ["He told me, ‘Go home,’ and left,"]),
    ('"I said, \'Please, don\'t let him go,\'" says Golden.', ["I said, 'Please, don't let him go,'"]),
    # a quote that runs over paragraphs: the opening mark repeated, no closing mark
    ("“First part of it.\n\n“Second part,” she said.", ["First part of it.", "Second part,"]),
    # two right single marks typed for a closing double one
    ("“It was an attempt to mislead voters,’’ Will Moy said.", ["It was an attempt to mislead voters,"]),
    # two quotes in one sentence around a tag
    ("“Yes,” said Roenick, “but not today.”", ["Yes,", "but not today."]),
]


@pytest.mark.parametrize(("text", "expected"), SPAN_CASES)
def test_quote_spans(text: str, expected: list[str]) -> None:
    assert spans(text) == expected


def test_unclosed_quote_is_marked_open() -> None:
    found = find_quote_spans("“It goes on and on.\n\nMore text.")
    assert [s.closed for s in found] == [False]


def kinds(text: str) -> list[str]:
    doc = article(text)
    result = []
    for span in find_quote_spans(text):
        sentences = [s for s in doc.sentences if s.start < span.end and s.end > span.start]
        result.append(classify(text, span, sentences[0].start, sentences[-1].end))
    return result


CLASS_CASES = [
    ("“We will rebuild the bridge,” the mayor said.", ["speech"]),
    ("The mayor said: “We will rebuild the bridge.”", ["speech"]),
    ("Trump described the call as “very good and productive” on Truth Social.", ["term"]),
    ("He announced what he called a “Contract for Peace” on Monday.", ["term"]),
    ("The film “The Kid Who Would Be King” opens on Friday.", ["skip"]),
    ("Critics call it a “disaster”, she said.", ["skip"]),
    ("Critics call it “a slow-motion disaster”, she said.", ["term"]),
    ("She said the budget was “flawed and rushed beyond any reasonable measure” last week.", ["fragment"]),
    ("'Just listen to us'", ["skip"]),
    ("The parties ‘agreed that it was time to start the process’.", ["term"]),
]


@pytest.mark.parametrize(("text", "expected"), CLASS_CASES)
def test_classify(text: str, expected: list[str]) -> None:
    assert kinds(text) == expected


def test_multi_paragraph_quote_keeps_its_speaker() -> None:
    text = ("“We are not done yet. There is more to build,” Mayor Jane Smith said at the opening.\n\n"
            "“The second bridge will follow.\n\n“And after that, a third.”")
    quotes = extract_quotes(article(text))
    assert [q.speaker for q in quotes] == ["Jane Smith"] * 3
    assert quotes[-1].text == "And after that, a third."


def test_fragment_needs_a_second_outlet() -> None:
    one = article("The minister said the plan was “a costly and dangerous mistake for everyone” on Monday.", "one")
    two = article("“This is a costly and dangerous mistake for everyone,” the minister, Ann Lee, said.", "two")
    alone = merge_quotes([extract_quotes(one)])
    assert alone == []
    both = merge_quotes([extract_quotes(one), extract_quotes(two)])
    assert [(q.text, q.sources) for q in both] == [("a costly and dangerous mistake for everyone", ("one", "two"))]


def test_same_words_from_two_outlets_merge_under_shared_wording() -> None:
    one = article("“Negotiations will begin immediately in the Middle East,” the statement said.", "one")
    two = article('"Negotiations will begin immediately in the Middle East." the White House said.', "two")
    merged = merge_quotes([extract_quotes(one), extract_quotes(two)])
    assert len(merged) == 1
    assert merged[0].sources == ("one", "two")
    assert merged[0].text == "Negotiations will begin immediately in the Middle East"


WORDS = st.sampled_from(["peace", "talks", "will", "begin", "soon", "the", "leaders", "agreed", "energy",
                         "ceasefire", "Ukraine's", "good", "and", "productive", "rock", "'n'", "roll"])
CLAUSE = st.lists(WORDS, min_size=2, max_size=9).map(" ".join)
MARKS = st.sampled_from([("“", "”"), ('"', '"'), ("‘", "’"), ("'", "’"), ('"', "”")])
TAGS = st.sampled_from(["{q},{c} said Jane Smith.", "Jane Smith said: {q}.{c}", "The {w} said {q}{c} today.",
                        "{q}.{c}", "Officials described it as {q}{c}.", "{q}{c} was the reply."])


@st.composite
def sentences(draw: st.DrawFn) -> str:
    opening, closing = draw(MARKS)
    words = draw(CLAUSE)
    tag = draw(TAGS)
    return tag.format(q=f"{opening}{words.capitalize()}", c=closing, w=draw(WORDS))


@st.composite
def articles(draw: st.DrawFn) -> list[str]:
    return [" ".join(draw(st.lists(sentences(), min_size=1, max_size=4))) + "\n\n" +
            " ".join(draw(st.lists(sentences(), min_size=1, max_size=3)))
            for _ in range(draw(st.integers(min_value=1, max_value=3)))]


@settings(max_examples=150, deadline=None)
@given(articles())
def test_every_quote_occurs_verbatim_in_each_evidence_sentence(texts: list[str]) -> None:
    docs = [article(text, f"a{i}") for i, text in enumerate(texts)]
    merged = merge_quotes([extract_quotes(d) for d in docs])
    by_id = {d.id: d for d in docs}
    for quote in merged:
        assert quote.text
        for span in quote.evidence:
            assert span.text == by_id[span.article].text[span.start:span.end]
            assert " ".join(quote.text.split()) in " ".join(span.text.split()), (quote.text, span.text)


NOISY = st.lists(st.sampled_from([*"ab Cd.,:;!?'\"“”‘’\n—", "\n\n", " said ", " he ", "Jo Ma"]),
                 max_size=80).map("".join)


@settings(max_examples=200, deadline=None)
@given(NOISY)
def test_any_text_gives_faithful_quotes_without_raising(text: str) -> None:
    doc = article(text)
    for quote in merge_quotes([extract_quotes(doc)]):
        for span in quote.evidence:
            assert " ".join(quote.text.split()) in " ".join(span.text.split())
