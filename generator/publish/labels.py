"""How articles and outlets are named on the pages."""

from __future__ import annotations

from urllib.parse import urlsplit

from ..models import Article


def outlet_label(article: Article) -> str:
    """How an article is named on a page: its outlet, else its web site, else its quoted title, else its id."""
    if article.outlet:
        return article.outlet
    host = urlsplit(article.url).hostname if article.url else None
    if host:
        return host.removeprefix("www.")
    if article.title:
        # In quotation marks: a reader must not take a headline for the name of an outlet.
        words = article.title.split()
        return "“" + " ".join(words[:6]) + ("…" if len(words) > 6 else "") + "”"
    return article.id
