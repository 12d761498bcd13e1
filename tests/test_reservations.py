"""Reservations: the cue lexicon by kind, what is not a reservation, who holds each, and merging."""

from __future__ import annotations

import pytest
from conftest import make_article

from generator.extract.reservations import classify, extract_reservations
from generator.models import Article


def article(article_id: str, text: str) -> Article:
    return make_article(article_id, text)


def one(text: str) -> tuple[str, str | None] | None:
    found = extract_reservations([article("a", text)])
    assert len(found) <= 1
    return (found[0].kind, found[0].holder) if found else None


@pytest.mark.parametrize(("text", "kind", "holder"), [
    # conditions
    ("The union agreed to return to work, provided that the company reopens talks.", "condition", "Union"),
    ("The ministry insists on a full audit before any payment is made.", "condition", "Ministry"),
    ("Mayor Jane Doe said the city would not release the funds until the province signs the deal.",
     "condition", "Jane Doe"),
    ("In return, the rebels are expected to hand over their heavy weapons.", "condition", None),
    ("The deal is subject to approval by shareholders.", "condition", None),
    # objections
    ("Opposition leader Sam Green rejected the proposal outright.", "objection", "Sam Green"),
    ("Smith emphasized that the province would not agree to the new tax.", "objection", "Smith"),
    ("The Kremlin said Putin still has serious reservations about the plan.", "objection", "Kremlin"),
    ("The company has denied any wrongdoing.", "objection", "Company"),
    ("The teachers' union opposes the changes to the pension plan.", "objection", "Teachers' union"),
    # caveats
    ("Though the agreement falls short of a full ceasefire, it is a first step.", "caveat", None),
    ("Lopez expressed cautious optimism about the talks.", "caveat", "Lopez"),
    ("The army reportedly withdrew from the town overnight.", "caveat", None),
    ("The claims could not be independently verified.", "caveat", None),
    ("Health officials warned that the outbreak could spread further.", "caveat", "Health officials"),
    # open questions
    ("It remains unclear when the bridge will reopen.", "unknown", None),
    ("The White House would not say when the call ended.", "unknown", "White House"),
    ("Police declined to say how many officers were injured.", "unknown", "Police"),
    ("A decision has yet to be announced.", "unknown", None),
    ("The cause of the fire is under investigation.", "unknown", None),
    ("While investigators still do not know who is responsible, the firm said the emails were fake.",
     "unknown", "Investigators"),
])
def test_reservation_kind_and_holder(text: str, kind: str, holder: str | None) -> None:
    assert one(text) == (kind, holder)


@pytest.mark.parametrize("text", [
    "The official spoke on condition of anonymity because talks are private.",
    "Weather conditions improved on Sunday and the roads reopened.",
    "He was in stable condition in hospital.",
    "Prices rose, as opposed to last year when they fell.",
    "I have no doubt that the team will win.",
    "Some patients were denied the treatment last year.",
    "Will the minister resign before the vote?",
    "WATCH: The premier rejects the plan",
    "The mayor said the new library opens in June.",
    "It is clear that the budget balances.",
    "There are children not yet born who will pay for this.",
    "The concept car is about as long as a mid-size SUV.",
    "An app will support cabin preconditioning and remote charging.",
    "We are cutting jobs in areas that do not support our core goals, the chief executive said.",
])
def test_not_a_reservation(text: str) -> None:
    assert one(text) is None


def test_weak_cue_needs_a_holder() -> None:
    assert one("Unless something changes, the store closes.") is None
    assert one("The premier said the store closes unless the city pays.") == ("condition", "Premier")


def test_pronoun_holder_resolves_to_the_person_named_before() -> None:
    text = "Premier Anna Li met the mayors on Monday. She refused to sign the agreement."
    found = extract_reservations([article("a", text)])
    assert [(r.kind, r.holder) for r in found] == [("objection", "Anna Li")]


def test_same_reservation_in_two_outlets_is_merged() -> None:
    a = article("a", "The Kremlin insists on an end to foreign military aid to Ukraine.")
    b = article("b", "Moscow insists on an end to all foreign military aid to Ukraine, the Kremlin said.")
    c = article("c", "Kyiv rejected the demand for new elections, the president said.")
    found = extract_reservations([a, b, c])
    assert len(found) == 2
    assert found[0].sources == ("a", "b") and found[0].holder == "Kremlin"
    assert found[1].sources == ("c",)


def test_evidence_is_the_verbatim_sentence() -> None:
    text = "The talks went well. The union agreed, provided that wages rise. Work resumes Monday."
    source = article("a", text)
    (found,) = extract_reservations([source])
    span = found.evidence[0]
    assert source.text[span.start:span.end] == span.text == "The union agreed, provided that wages rise."


def test_classify_ignores_holder() -> None:
    assert classify("It remains unclear whether the plant will reopen.") == "unknown"
    assert classify("The weather was fine.") is None


def test_he_is_the_subject_of_the_sentences_before() -> None:
    text = ("Kim said in his speech he was ready to meet Trump any time. "
            "But he warned that he may seek an alternative path if sanctions continued.")
    found = extract_reservations([article("a", text)])
    assert [(r.kind, r.holder) for r in found] == [("caveat", "Kim")]


def test_a_trade_is_a_condition_only_while_it_is_proposed() -> None:
    assert one("The firm was charged with paying bribes in exchange for contracts.") is None
    assert one("The rebels would hand over their weapons in exchange for an amnesty.") == ("condition", None)


def test_a_reservation_inside_a_full_quotation_is_held_by_its_speaker() -> None:
    from generator.extract.quotes import extract_quotes

    text = ("Transport Minister Ann Smith visited the old river bridge in Northfield on Monday.\n\n"
            "“We will not reopen the bridge until every support has been checked twice,” says Northfield engineer "
            "Raj Patel, who led the inspection.\n\n"
            "Mayor Jane Doe said she opposed any delay to the repairs.")
    bridge = article("a", text)
    said = {bridge.id: extract_quotes(bridge)}
    holders = {r.text[:12]: r.holder for r in extract_reservations([bridge], said)}
    # the quote's speaker, not the town the speaker's description names first
    assert holders["“We will not"] == "Raj Patel"
    # a reservation in the reporter's words keeps the holder its own clause names
    assert holders["Mayor Jane D"] == "Jane Doe"
