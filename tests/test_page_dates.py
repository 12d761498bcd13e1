"""A web page's publication date: the extractor's, unless the page declares an earlier day."""

from __future__ import annotations

import pytest

from generator.read.formats import documents_from_html, earliest_date

BODY = " ".join(["The council voted on Tuesday to rebuild the old river bridge in Northfield before winter."] * 6)


@pytest.mark.parametrize(("found", "declared", "chosen"), [
    ("2024-03-09", "2024-03-08T11:15:00Z", "2024-03-08T11:15:00Z"),  # the extractor took a revision date
    ("2024-03-08", "2024-03-09T01:19:00Z", "2024-03-08"),  # an evening's publication written in UTC
    ("2024-03-08", "2024-03-08T11:15:00Z", "2024-03-08"),
    (None, "2024-03-08T11:15:00Z", "2024-03-08T11:15:00Z"),
    ("2024-03-08", None, "2024-03-08"),
    ("2024-03-08", "last Tuesday", "2024-03-08"),  # not a date to compare: the extractor's stands
    (None, None, None),
])
def test_earliest_date(found: str | None, declared: str | None, chosen: str | None) -> None:
    assert earliest_date(found, declared) == chosen


def test_a_page_revised_after_publication_is_dated_by_its_declared_publication() -> None:
    revised = "2024-03-09T09:49:00Z"
    # A date tag that comes first and holds the revision misleads the extractor.
    html = (f"<html><head><title>Council votes to rebuild the bridge</title>"
            f"<meta name=\"sailthru.date\" content=\"{revised}\">"
            f"<meta property=\"og:article:published_time\" content=\"2024-03-08T12:25:00Z\">"
            f"<meta property=\"og:article:modified_time\" content=\"{revised}\">"
            f"</head><body><article><p>{BODY}</p><p>{BODY}</p></article></body></html>").encode()
    document = documents_from_html(html, "page", "page.html")
    assert (document.published or "")[:10] == "2024-03-08"
