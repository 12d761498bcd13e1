"""A web page's title: the headline its readers see when it words the title its metadata gives."""

from __future__ import annotations

import pytest

from generator.read.formats import choose_page_title, documents_from_html

BODY = " ".join(["The council voted on Tuesday to rebuild the old river bridge in Northfield before winter."] * 6)


def page(title: str, h1s: list[str]) -> bytes:
    heads = "".join(f"<h1>{h}</h1>" for h in h1s)
    return (f"<html><head><title>{title}</title><meta property=\"og:title\" content=\"{title}\"></head>"
            f"<body><header>{heads}</header><article><p>{BODY}</p><p>{BODY}</p></article></body></html>"
            ).encode()


@pytest.mark.parametrize(("title", "headline", "chosen"), [
    # a social title rewritten from the headline: the headline
    ("Northfield bridge to be rebuilt before winter, council says", "Council votes to rebuild Northfield bridge "
     "before winter", "Council votes to rebuild Northfield bridge before winter"),
    # a title with the site's name after it: the headline without it
    ("Council votes to rebuild Northfield bridge | The Gazette", "Council votes to rebuild Northfield bridge",
     "Council votes to rebuild Northfield bridge"),
    # a headline that adds a section label: the title
    ("Why the bridge matters", "Local Politics Why the bridge matters", "Why the bridge matters"),
    # a headline about something else: the title
    ("Council votes to rebuild Northfield bridge", "Sign up for our morning newsletter today",
     "Council votes to rebuild Northfield bridge"),
    # a title that is a content system's name: the headline
    ("escenic", "Council votes to rebuild Northfield bridge", "Council votes to rebuild Northfield bridge"),
    (None, "Council votes to rebuild Northfield bridge", "Council votes to rebuild Northfield bridge"),
    ("Council votes to rebuild Northfield bridge", None, "Council votes to rebuild Northfield bridge"),
])
def test_choose_page_title(title: str | None, headline: str | None, chosen: str) -> None:
    assert choose_page_title(title, headline) == chosen


def test_the_one_headline_of_a_page_titles_it() -> None:
    doc = documents_from_html(page("Bridge to be rebuilt, council says - The Gazette",
                                   ["The Gazette", "Council votes to rebuild the bridge, says the bridge"]),
                              "p", "p.html")
    assert doc.title == "Council votes to rebuild the bridge, says the bridge"


def test_a_page_of_several_headlines_keeps_its_metadata_title() -> None:
    doc = documents_from_html(page("Bridge to be rebuilt, council says",
                                   ["Bridge to be rebuilt before the winter", "Bridge to be rebuilt next year"]),
                              "p", "p.html")
    assert doc.title == "Bridge to be rebuilt, council says"
