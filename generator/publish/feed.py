"""The stories as an Atom feed (feed.xml), published beside the pages and digest.json."""

from __future__ import annotations

from datetime import UTC, datetime
from xml.sax.saxutils import escape, quoteattr

from dateutil import parser as dateparser

from ..models import Article, Digest, Story
from .labels import outlet_label

FEED_NAME = "feed.xml"
EPOCH = "1970-01-01T00:00:00Z"  # Atom requires a date; an undated digest gets a fixed one, never the clock


def render_feed(digest: Digest, site_url: str | None = None, title: str = "News digest") -> str:
    """An Atom 1.0 document with one entry per story, newest first; links are relative unless site_url is given."""
    articles = {a.id: a for a in digest.articles}
    entries = [story_entry(story, articles) for story in digest.stories]
    stamps = [atom_date(s.published) for s in digest.stories if s.published]
    base = f" xml:base={quoteattr(site_url.rstrip('/') + '/')}" if site_url else ""
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom"{base}>',
        f"  <title>{escape(title)}</title>",
        "  <id>urn:news-digest:feed</id>",
        f"  <updated>{max(stamps, default=EPOCH)}</updated>",
        '  <link rel="alternate" type="text/html" href="index.html"/>',
        f'  <link rel="self" type="application/atom+xml" href="{FEED_NAME}"/>',
        '  <link rel="related" type="application/json" href="digest.json"/>',
        "  <generator>news-digest-generator</generator>",
        *entries,
        "</feed>",
    ]
    return "\n".join(lines) + "\n"


def story_entry(story: Story, articles: dict[str, Article]) -> str:
    """One story as an Atom entry: its title, permalink, date, lede and the outlets it merges."""
    members = [articles[a] for a in story.articles if a in articles]
    outlets = sorted({a.outlet for a in members if a.outlet})
    lede = story.key_points[0].text if story.key_points else ""
    named = ", ".join(sorted({outlet_label(a) for a in members}))
    summary = " ".join(filter(None, [lede, f"Sources: {named}." if named else ""]))
    authors = "".join(f"\n    <author><name>{escape(o)}</name></author>" for o in outlets) or (
        "\n    <author><name>News digest</name></author>")
    return (
        "  <entry>\n"
        f"    <title>{escape(story.title)}</title>\n"
        f"    <id>urn:news-digest:story:{escape(story.id)}</id>\n"
        f'    <link rel="alternate" type="text/html" href={quoteattr(f"stories/{story.id}.html")}/>\n'
        f"    <updated>{atom_date(story.published) if story.published else EPOCH}</updated>{authors}\n"
        f"    <summary>{escape(' '.join(summary.split()))}</summary>\n"
        "  </entry>"
    )


def atom_date(value: str | None) -> str:
    """An RFC 3339 timestamp in UTC for Atom, from whatever date form a source gave."""
    if not value:
        return EPOCH
    try:
        parsed = dateparser.parse(value, default=datetime(2000, 1, 1))
    except (ValueError, OverflowError):
        return EPOCH
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
