"""How an article is named on the pages when its outlet is or is not known."""

from __future__ import annotations

from dataclasses import replace

from conftest import make_article

from generator.publish.render import outlet_label

ARTICLE = make_article("005_ab12", "Officials said the bridge would reopen on Monday after repairs.")


def test_the_outlet_names_an_article_when_known() -> None:
    assert outlet_label(replace(ARTICLE, outlet="Northfield Gazette", url="https://www.example.org/a")) == (
        "Northfield Gazette")


def test_without_an_outlet_the_web_site_names_it() -> None:
    assert outlet_label(replace(ARTICLE, url="https://www.example.org/news/a", title="Bridge to reopen")) == (
        "example.org")


def test_a_title_stands_in_quoted_so_it_is_not_read_as_an_outlet() -> None:
    titled = replace(ARTICLE, title="Northfield river bridge to reopen on Monday after repairs")
    assert outlet_label(titled) == "“Northfield river bridge to reopen on…”"
    assert outlet_label(replace(ARTICLE, title="Bridge reopens")) == "“Bridge reopens”"


def test_with_nothing_else_the_id_names_it() -> None:
    assert outlet_label(ARTICLE) == "005_ab12"
