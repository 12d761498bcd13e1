"""The build, top to bottom: read, clean, group, extract, render, write."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .align import fact_terms
from .clean import article_problem, clean_document
from .conflicts import find_conflicts, flag_key_points
from .entities import extract_entities
from .feedout import FEED_NAME, render_feed
from .keypoints import extract_key_points
from .limits import DEFAULT_LIMITS, Limits
from .models import Article, Digest, Rejected, Story
from .parallel import Runner
from .quotes import extract_quotes, merge_quotes
from .read import gather_documents, list_sources, read_source, source_identity
from .render import render_site
from .reservations import extract_reservations
from .serialize import digest_to_json
from .state import apply_state, save_state
from .stories import article_vector, group_articles, story_id
from .timeline import build_timeline
from .write import write_site


def build(sources: Path, docs: Path, label: str | None = None, limits: Limits = DEFAULT_LIMITS,
          state: Path | None = None, site_url: str | None = None, run: Runner | None = None) -> Digest:
    """Build the digest of every source under `sources` and write its pages under `docs`.

    With `state`, published stories keep their ids and pages say what this build added; the file is updated.
    """
    run = run or Runner()
    files = list_sources(sources, label, limits)
    documents, rejected = gather_documents(run.map(read_source, files, "reading", key=source_identity))
    articles = run.map(clean_document, documents, "cleaning")
    articles, empty = keep_articles_with_text(articles, limits)
    groups = group_articles(articles, run.map(article_vector, articles, "grouping"))
    stories = run.map(make_story, groups, "stories")
    pinned = apply_state(stories, articles, state) if state is not None else None
    stories = sorted(pinned.stories if pinned else stories, key=story_order)
    digest = Digest(tuple(articles), tuple(stories), tuple(sorted(rejected + empty, key=lambda r: r.source_path)))
    pages = render_site(digest, pinned.changes if pinned else None, pinned.moved if pinned else None)
    pages["digest.json"] = digest_to_json(digest)
    pages[FEED_NAME] = render_feed(digest, site_url)
    write_site(docs, pages)
    if state is not None and pinned is not None:
        save_state(state, pinned.state)
    return digest


def keep_articles_with_text(articles: Sequence[Article],
                            limits: Limits = DEFAULT_LIMITS) -> tuple[list[Article], list[Rejected]]:
    """Articles with at least one sentence and no more than the limit; the rest are rejected with a reason."""
    kept: list[Article] = []
    rejected: list[Rejected] = []
    for article in articles:
        problem = article_problem(article, limits)
        if problem:
            rejected.append(Rejected(article.source_path, problem))
        else:
            kept.append(article)
    return kept, rejected


def make_story(group: Sequence[Article]) -> Story:
    """Everything extracted about one event."""
    ordered = sorted(group, key=lambda a: a.id)
    key_points = extract_key_points(ordered)
    quotes = merge_quotes([extract_quotes(a) for a in ordered])
    title = choose_title(ordered, key_points[0].text if key_points else "")
    dates = sorted(a.published for a in ordered if a.published)
    conflicts = find_conflicts(ordered)
    key_points = flag_key_points(key_points, conflicts)
    return Story(
        id=story_id(title, ordered),
        title=title,
        articles=tuple(a.id for a in ordered),
        key_points=tuple(key_points),
        quotes=tuple(quotes),
        reservations=tuple(extract_reservations(ordered)),
        conflicts=tuple(conflicts),
        published=dates[-1] if dates else None,
        entities=tuple(extract_entities(ordered)),
        timeline=tuple(build_timeline(ordered)),
    )


def choose_title(articles: Sequence[Article], lede: str) -> str:
    """The source headline that best matches the lede, else the lede's opening words."""
    lede_terms = fact_terms(lede)

    def rank(title: str) -> tuple[float, int, str]:
        terms = fact_terms(title)
        overlap = len(terms & lede_terms) / len(terms) if terms else 0.0
        return (-round(overlap, 2), abs(len(title.split()) - 10), title)

    # A headline of one or two words is a section name or a label, not a headline.
    titles = sorted({a.title for a in articles if a.title and len(a.title.split()) >= 3}, key=rank)
    if titles:
        return titles[0]
    words = lede.split()
    return " ".join(words[:12]).rstrip(",;:") + ("…" if len(words) > 12 else "") if words else "Untitled story"


def story_order(story: Story) -> tuple[str, int, str]:
    """Newest first, then the most sources, then by id."""
    inverted = "".join(chr(0x10FFFF - ord(c)) for c in (story.published or ""))
    return (inverted, -len(story.articles), story.id)
