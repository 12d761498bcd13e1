"""The build, top to bottom: read, clean, group, extract, render, write."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any, TypeVar, cast

from .extract.conflicts import find_conflicts, flag_key_points
from .extract.entities import extract_entities
from .extract.grouping import article_features, group_articles, story_id
from .extract.keypoints import extract_key_points
from .extract.quotes import extract_quotes, merge_quotes
from .extract.reservations import extract_reservations
from .extract.timeline import build_timeline
from .models import Article, Digest, Rejected, Story
from .publish.feed import FEED_NAME, render_feed
from .publish.render import fingerprint, render_pages
from .publish.serialize import article_to_dict, digest_json_pieces, entry_json, story_to_dict
from .publish.state import Pinned, apply_state, save_state
from .publish.write import Ledger, Page, write_site
from .read.clean import article_problem, clean_document
from .read.sources import SourceFile, gather_documents, list_sources, read_source, source_identity
from .runtime.cache import PRUNE_EVERY, Cache, content_key
from .runtime.limits import DEFAULT_LIMITS, Limits
from .runtime.parallel import Runner, stage_key
from .text.quotemarks import find_quote_spans
from .text.terms import fact_terms

T = TypeVar("T")
REFRESH_AFTER = PRUNE_EVERY  # a reused result marks the results it stands for as used once a day at most
ENTRY = "digest.json entry"


def build(sources: Path, docs: Path, label: str | None = None, limits: Limits = DEFAULT_LIMITS,
          state: Path | None = None, site_url: str | None = None, run: Runner | None = None) -> Digest:
    """Build the digest of every source under `sources` and write its pages under `docs`.

    With `state`, published stories keep their ids and pages say what this build added; the file is updated.
    """
    run = run or Runner()
    found = analyse(list_sources(sources, label, limits), limits, run)
    pinned = apply_state(found.stories, found.articles, state) if state is not None else None
    stories = sorted(pinned.stories if pinned else found.stories, key=story_order)
    digest = Digest(tuple(found.articles), tuple(stories), tuple(sorted(found.rejected, key=lambda r: r.source_path)))
    write_digest(digest, docs, pinned, site_url, run.cache, found.fingerprints, run.jobs)
    if state is not None and pinned is not None:
        save_state(state, pinned.state)
    return digest


@dataclass(frozen=True)
class Analysis:
    """The articles, their stories (before any state pins them), the rejected inputs; with a cache, fingerprints."""

    articles: list[Article]
    stories: list[Story]
    rejected: list[Rejected]
    fingerprints: dict[str, str] | None = None  # article id: a hash that names the article's whole content


def analyse(files: Sequence[SourceFile], limits: Limits, run: Runner) -> Analysis:
    """Read, clean and group the sources and make their stories.

    With a cache, the whole result is also kept under the identities of all the sources, so an
    unchanged collection is not read, regrouped or looked up story by story again.
    """
    identities = [hashlib.sha256(source_identity(f)).hexdigest() for f in files] if run.cache else None
    whole = content_key("analysis", *identities) if identities is not None else ""
    if run.cache:
        refresh = refresh_due(run.cache, whole)
        hit = run.cache.get(whole)
        if isinstance(hit, Analysis):
            if identities is not None and refresh:
                # The stage results are not read while the whole is reused: mark them used, or pruning would
                # take them and the collection's next change would compute every article again.
                run.cache.touch(stage_keys(hit, identities))
            return hit
    documents, rejected = gather_documents(run.map(read_source, files, "reading", keys=identities))
    # An article is its document cleaned, so the document's hash names it in every later stage's key.
    names = [_hash(repr(d)) for d in documents] if run.cache else None
    articles = run.map(clean_document, documents, "cleaning", keys=names)
    fingerprints = {a.id: name for a, name in zip(articles, names, strict=True)} if names is not None else None
    del documents  # raw paragraphs are not needed once cleaned: at 10k articles every copy counts
    articles, empty = keep_articles_with_text(articles, limits)

    def named(groups: Sequence[Sequence[Article]]) -> list[str] | None:
        return [" ".join(fingerprints[a.id] for a in g) for g in groups] if fingerprints is not None else None

    features = run.map(article_features, articles, "grouping", keys=named([[a] for a in articles]))
    groups = group_articles(articles, features)
    stories = run.map(make_story, groups, "stories", keys=named(groups))
    found = Analysis(articles, stories, rejected + empty, fingerprints)
    if run.cache:
        run.cache.put(whole, found)
    return found


def refresh_due(cache: Cache, key: str) -> bool:
    """Whether a reused result was last used long enough ago that the results it stands for need marking."""
    used = cache.last_used(key)
    return used is not None and time.time() - used > REFRESH_AFTER


def stage_keys(found: Analysis, identities: Sequence[str]) -> Iterator[str]:
    """The cache keys of the per-source, per-article and per-story results an analysis was made from."""
    names = found.fingerprints or {}
    yield from (stage_key(read_source, identity) for identity in identities)
    yield from (stage_key(clean_document, name) for name in names.values())
    for article in found.articles:
        if article.id in names:
            yield stage_key(article_features, names[article.id])
    for story in found.stories:
        if all(a in names for a in story.articles):
            yield stage_key(make_story, " ".join(names[a] for a in story.articles))


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def write_digest(digest: Digest, docs: Path, pinned: Pinned | None, site_url: str | None,
                 cache: Cache | None, fingerprints: Mapping[str, str] | None, jobs: int = 1) -> None:
    """Write every page, digest.json and the feed; with a cache, pages whose inputs are unchanged are kept.

    The pages are made and written in up to `jobs` processes; digest.json goes first, so that one
    process encodes it while the others render pages.
    """
    ledger_key = content_key("ledger", str(docs.resolve()))
    refresh = refresh_due(cache, ledger_key) if cache else False
    last = cache.get(ledger_key, tally=False) if cache else None
    keys = fingerprints if cache else None
    stories = {s.id: fingerprint(s) for s in digest.stories} if keys is not None else None
    if cache and refresh and keys is not None and stories is not None:
        # Kept pages are not encoded again, so their digest.json entries go unread: mark them used.
        cache.touch(content_key(ENTRY, f) for f in chain(keys.values(), stories.values()))
    pages = render_pages(digest, pinned.changes if pinned else None, pinned.moved if pinned else None, keys, stories)
    json_key = content_key("digest.json", *keys.values(), *stories.values(), fingerprint(digest.rejected)
                           ) if keys is not None and stories is not None else None

    def json_pieces() -> Iterator[str]:
        if cache is None or keys is None or stories is None:
            return digest_json_pieces(digest)
        return digest_json_pieces(digest, lambda a: cached_entry(cache, keys[a.id], a, article_to_dict),
                                  lambda s: cached_entry(cache, stories[s.id], s, story_to_dict))

    # with a cache, digest.json's entries are read from and put into it: only by this process
    written = write_site(docs, chain([Page("digest.json", json_pieces, json_key, local=cache is not None)], pages,
                                     [Page(FEED_NAME, lambda: render_feed(digest, site_url))]),
                         cast(Ledger, last) if isinstance(last, dict) else None, jobs)
    if cache:
        cache.put(ledger_key, written)


def cached_entry(cache: Cache, fingerprint: str, record: T, to_dict: Callable[[T], dict[str, Any]]) -> str:
    """A record's digest.json entry, kept in the cache by the record's fingerprint."""
    key = content_key(ENTRY, fingerprint)
    text = cache.get(key, tally=False)
    if not isinstance(text, str):
        text = entry_json(to_dict(record))
        cache.put(key, text)
    return text


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
    spans = {a.id: find_quote_spans(a.text) for a in ordered}  # read once for key points and quotes
    key_points = extract_key_points(ordered, spans)
    said = {a.id: extract_quotes(a, spans[a.id]) for a in ordered}
    quotes = merge_quotes(list(said.values()))
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
        reservations=tuple(extract_reservations(ordered, said)),
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
