"""The build, top to bottom: read, clean, group, extract, render, write."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .clean import clean_document
from .conflicts import find_conflicts
from .feedout import FEED_NAME, render_feed
from .keypoints import extract_key_points
from .models import Article, Digest, Rejected, Story
from .quotes import extract_quotes, merge_quotes
from .read import read_sources
from .render import render_site
from .reservations import extract_reservations
from .serialize import digest_to_json
from .state import apply_state, save_state
from .stories import group_articles, story_id
from .write import write_site


def build(sources: Path, docs: Path, label: str | None = None, state: Path | None = None,
          site_url: str | None = None) -> Digest:
    """Build the digest of every source under `sources` and write its pages under `docs`.

    With `state`, published stories keep their ids and pages say what this build added; the file is updated.
    """
    documents, rejected = read_sources(sources, label)
    articles = [clean_document(doc) for doc in documents]
    articles, empty = keep_articles_with_text(articles)
    groups = group_articles(articles)
    stories = sorted((make_story(group) for group in groups), key=story_order)
    pinned = apply_state(stories, articles, state) if state is not None else None
    if pinned is not None:
        stories = sorted(pinned.stories, key=story_order)
    digest = Digest(tuple(articles), tuple(stories), tuple(sorted(rejected + empty, key=lambda r: r.source_path)))
    pages = render_site(digest, pinned.changes if pinned else None, pinned.moved if pinned else None)
    pages["digest.json"] = digest_to_json(digest)
    pages[FEED_NAME] = render_feed(digest, site_url)
    write_site(docs, pages)
    if state is not None and pinned is not None:
        save_state(state, pinned.state)
    return digest


def keep_articles_with_text(articles: Sequence[Article]) -> tuple[list[Article], list[Rejected]]:
    """Articles with at least one sentence; the rest are rejected with a reason."""
    kept = [a for a in articles if a.sentences]
    rejected = [Rejected(a.source_path, "no article text left after removing boilerplate")
                for a in articles if not a.sentences]
    return kept, rejected


def make_story(group: Sequence[Article]) -> Story:
    """Everything extracted about one event."""
    ordered = sorted(group, key=lambda a: a.id)
    key_points = extract_key_points(ordered)
    quotes = merge_quotes([extract_quotes(a) for a in ordered])
    title = choose_title(ordered, key_points[0].text if key_points else "")
    dates = sorted(a.published for a in ordered if a.published)
    return Story(
        id=story_id(title, ordered),
        title=title,
        articles=tuple(a.id for a in ordered),
        key_points=tuple(key_points),
        quotes=tuple(quotes),
        reservations=tuple(extract_reservations(ordered)),
        conflicts=tuple(find_conflicts(ordered)),
        published=dates[-1] if dates else None,
    )


def choose_title(articles: Sequence[Article], lede: str) -> str:
    """The headline of a source when one has one, else the lede's opening words."""
    titles = sorted((a.title for a in articles if a.title), key=lambda t: (abs(len(t.split()) - 10), t))
    if titles:
        return titles[0]
    words = lede.split()
    return " ".join(words[:12]).rstrip(",;:") + ("…" if len(words) > 12 else "") if words else "Untitled story"


def story_order(story: Story) -> tuple[str, int, str]:
    """Newest first, then the most sources, then by id."""
    inverted = "".join(chr(0x10FFFF - ord(c)) for c in (story.published or ""))
    return (inverted, -len(story.articles), story.id)
