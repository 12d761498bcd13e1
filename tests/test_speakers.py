"""Speaker attribution: speech tags, pronouns, descriptions, statements and one name per person."""

from __future__ import annotations

from dataclasses import replace

import pytest

from generator.extract.quotes import extract_quotes
from generator.extract.speakers import canonical_name, canonical_speakers
from generator.models import Article, Quote, Span
from generator.text.segment import segment_text


def speakers(text: str) -> list[tuple[str | None, str | None]]:
    doc = Article("a", "a.txt", None, None, None, None, None, text, segment_text("a", text))
    return [(q.speaker, q.verb) for q in extract_quotes(doc)]


@pytest.mark.parametrize(("phrase", "name"), [
    ("Russian President Vladimir Putin", "Vladimir Putin"),
    ("the White House", "White House"),
    ("Foreign Affairs Minister Chrystia Freeland", "Chrystia Freeland"),
    ("Sen. Richard Shelby", "Richard Shelby"),
    ("The Kremlin's", "Kremlin"),
    ("Na'moks", "Na'moks"),
    ("White House Press Secretary Stephanie Grisham", "Stephanie Grisham"),
    ("the U.S. State Department", "U.S. State Department"),
    ("Labour’s Angela Rayner", "Angela Rayner"),
    ("Canada’s Foreign Minister Mélanie Joly", "Mélanie Joly"),
    ("But", None),
    ("Mr", None),
    ("King", "King"),
])
def test_canonical_name(phrase: str, name: str | None) -> None:
    assert canonical_name(phrase) == name


TAG_CASES = [
    ("“We will rebuild,” Mayor Jane Smith said.", [("Jane Smith", "said")]),
    ("“We will rebuild,” said Oilers head coach Ken Hitchcock.", [("Ken Hitchcock", "said")]),
    ("“We will rebuild,” Alexei Malashenko, a Moscow-based expert, said.", [("Alexei Malashenko", "said")]),
    ("“We will rebuild,” says Dr. Matthew Bowes, the province's chief medical examiner.",
     [("Matthew Bowes", "says")]),
    ("Trump wrote on social media: “We will rebuild.”", [("Trump", "wrote")]),
    ("“We will rebuild,” according to Dr. Keith Ahamad, a family doctor.", [("Keith Ahamad", "according to")]),
    ("Surrey staff explained the numbers this way: “There are many reasons.”",
     [("Surrey staff", "explained")]),
    ("“There will be no comment,” a spokesperson said.", [("spokesperson", "said")]),
    ("“South Dakota is on it,” one user quipped.", [("user", "quipped")]),
    ("“The duty is paid at the border,” Howard Gleckman, a senior fellow, has written.",
     [("Howard Gleckman", "written")]),
]


@pytest.mark.parametrize(("text", "expected"), TAG_CASES)
def test_speech_tags(text: str, expected: list[tuple[str | None, str | None]]) -> None:
    assert speakers(text) == expected


def test_pronoun_resolves_to_the_person_named_before_with_the_right_gender() -> None:
    text = ("Wendy Golden lives in Amherst, where she moved last year.\n\n"
            "Her neighbour, Tom Reid, said he had seen the house.\n\n"
            "“It was all I had,” she said.")
    assert speakers(text) == [("Wendy Golden", "said")]


def test_untagged_quote_continues_the_previous_speaker() -> None:
    text = ("“We are ready,” Jeff Traeger, the union president, said on Monday.\n\n"
            "“The workers deserve better.”")
    assert speakers(text) == [("Jeff Traeger", "said"), ("Jeff Traeger", "said")]


def test_statement_and_it_continued_resolve_to_the_body() -> None:
    text = ("The White House released a statement after the call.\n\n"
            "“Talks will begin,” the statement said.\n\n"
            "“Both leaders agreed,” it continued.")
    assert [s for s, _ in speakers(text)] == ["White House", "White House"]


def test_unknown_speaker_is_null_rather_than_a_guess() -> None:
    assert speakers("“Nobody knows what comes next.”") == [(None, None)]


def test_first_person_writer_is_not_a_speaker() -> None:
    assert speakers("“I like to think it is the dad,” I said.") == [(None, "said")]


def quote(speaker: str) -> Quote:
    return Quote("words", speaker, "said", (Span("a", 0, 5, "words"),))


def test_one_name_per_person_across_articles() -> None:
    quotes = [quote("Donald Trump"), quote("Trump"), quote("Volodymyr Zelensky"), quote("Zelenskyy")]
    assert [q.speaker for q in canonical_speakers(quotes)] == [
        "Donald Trump", "Donald Trump", "Volodymyr Zelensky", "Volodymyr Zelensky"]


def test_different_people_with_one_surname_stay_apart() -> None:
    quotes = [quote("Caleb Jones"), quote("Seth Jones"), replace(quote("Jones"), verb="told")]
    assert [q.speaker for q in canonical_speakers(quotes)][:2] == ["Caleb Jones", "Seth Jones"]


def test_variants_of_a_full_name_fold_into_the_most_quoted() -> None:
    quotes = [quote("Owen Dempsey"), quote("Owen Dempsey"), quote("Owen John Dempsey"), quote("Dempsey")]
    assert {q.speaker for q in canonical_speakers(quotes)} == {"Owen Dempsey"}


def test_a_person_introduced_with_who_is_what_a_later_description_means() -> None:
    text = ("I am talking about Alfonso Espinos, who was born in Mexico.\n\n"
            "“We dedicate ourselves to local creators,” says the founder of the shop.")
    assert speakers(text) == [("Alfonso Espinos", "says")]


def test_an_unresolved_description_still_names_the_speaker() -> None:
    assert speakers("“Two men have been arrested,” the ministry said.") == [("ministry", "said")]


def test_the_president_is_the_person_named_with_that_title() -> None:
    text = ("President Donald Trump met Prime Minister Mark Carney on Monday. Carney spoke first.\n\n"
            "“It was a very good meeting,” the president said.")
    assert speakers(text) == [("Donald Trump", "said")]


def test_a_description_that_ends_in_a_name_is_that_person() -> None:
    text = "“Rates will rise,” Valley College of the North political scientist Mark Ellery said."
    assert speakers(text) == [("Mark Ellery", "said")]


def test_a_role_described_before_the_person_is_named_is_that_person() -> None:
    text = ("Founded by a chemistry professor, Brightcell makes cheap batteries.\n\n"
            "Ida Marsh said the company will turn a profit next year.\n\n"
            "“Nobody makes money on these yet,” the soft-spoken professor said.")
    assert speakers(text) == [("Ida Marsh", "said")]


def test_a_plain_noun_described_before_a_name_stays_its_own_speaker() -> None:
    text = ("A farm worker fell ill last spring.\n\n"
            "Dr. Nora Quill, a lung specialist, treated him at the clinic.\n\n"
            "“I feel fine now,” the worker wrote.")
    assert speakers(text) == [("farm worker", "wrote")]


def test_a_place_is_never_what_he_or_she_means() -> None:
    text = ("Dr. Paul Wren runs a small clinic by the harbour.\n\n"
            "Many pills are sold each year in Port Haven. This fall Port Haven added the drug to its list, "
            "and he welcomed the change.\n\n"
            "“It was overdue,” he said.")
    assert speakers(text) == [("Paul Wren", "said")]


def test_a_bare_quote_belongs_to_the_subject_of_the_paragraph_before() -> None:
    text = ("Jane Roe said she thinks every level of government should help, despite Mayor Tom Hale "
            "cutting the budget.\n\n"
            "“We need to fight for this, whoever is in charge.”")
    assert speakers(text) == [("Jane Roe", None)]


def test_a_bare_quote_after_a_paragraph_about_she_is_hers() -> None:
    text = ("Dr. Ann Bell runs a clinic in the valley.\n\n"
            "She says many patients arrive in pain. Too often, she says, they leave without help.\n\n"
            "“It is a quiet crisis.”")
    assert speakers(text) == [("Ann Bell", None)]


@pytest.mark.parametrize("opening", [
    "Director of research at Acme Labs, Kevin Moss, agreed with the finding.",
    "When asked about the threats, Kevin Moss didn’t hesitate.",
])
def test_a_subject_after_an_opening_clause_is_what_he_means(opening: str) -> None:
    text = ("Jason Hart, a researcher at the lab, stated that the threats came from one source.\n\n"
            f"{opening}\n\n"
            "“It is the same group,” he confirmed.")
    assert speakers(text) == [("Kevin Moss", "confirmed")]


def test_could_be_heard_saying_is_not_part_of_the_speaker() -> None:
    assert speakers("“I am only waiting,” the man could be heard saying.") == [("man", "saying")]


def test_a_name_does_not_run_over_a_paragraph_break() -> None:
    text = ("Councillor Jane Roe spoke at the housing forum on Monday.\n\n"
            "What comes next for renters, according to Roe\n\n"
            "Roe said she thinks the city should act before the winter.\n\n"
            "\"Renters cannot wait another year.\"")
    assert speakers(text) == [("Jane Roe", None)]


def test_a_team_named_by_a_plural_is_never_the_speaker_of_a_players_quote() -> None:
    text = ("The Riverton Hawks beat the slumping Lakeside Otters 5-2 on Friday.\n\n"
            "“We skated hard,” said Hawks coach Ned Pike.\n\n"
            "Lakeside responded late with a goal from the rookie.\n\n"
            "“It felt great,” said the young winger.")
    assert speakers(text)[1][0] not in ("Lakeside Otters", "Lakeside")


def test_a_name_before_its_verb_is_what_he_means_wherever_the_clause_stands() -> None:
    text = ("Premier Tom Hale said on Monday that the deal was close.\n\n"
            "It was a claim that Vera Stone found troubling.\n\n"
            "“Nothing is close,” she said.")
    assert speakers(text) == [("Vera Stone", "said")]


def test_a_lone_name_followed_by_he_is_a_person() -> None:
    text = ("“I hit it hard,” said Dana Price of the team.\n\n"
            "When asked which sport scares him more, Mulvey didn’t hesitate.\n\n"
            "“This one, for sure,” he said.")
    assert speakers(text)[1] == ("Mulvey", "said")


def test_a_surname_two_people_share_goes_to_the_one_named_last() -> None:
    text = ("Ann Kemp said she coached the team for a decade.\n\n"
            "Rob Kemp, her son, said he now plays forward.\n\n"
            "“We will win,” Kemp said.")
    assert speakers(text) == [("Rob Kemp", "said")]



def test_a_surname_two_people_share_gives_neither_its_pronoun() -> None:
    text = ("The visitors fielded Ann Kemp and Rob Kemp on the top line.\n\n"
            "Late in the game, Kemp scored his first goal.\n\n"
            "“It was a lucky bounce,” said the young winger, whose brother is Zed Kemp.")
    assert speakers(text) == [("Kemp", "said")]


def test_a_firm_named_before_its_unit_noun_is_what_the_firm_means() -> None:
    text = ("While no one knows who sent the emails, Acme Corp’s Orbit research unit said on Friday that one "
            "group was behind them.\n\n"
            "“The campaign grew out of older scams,” the security firm wrote.")
    assert speakers(text) == [("Orbit", "wrote")]


def test_a_name_after_any_reporting_verb_is_what_a_later_description_means() -> None:
    text = ("“Paint is costly,” says Tom Reed, the shop owner.\n\n"
            "There is real joy, insists 12-year-old Pia Lund, in finishing a painting. "
            "“It takes weeks of work,” says the young artist.")
    assert speakers(text)[1] == ("Pia Lund", "says")
