"""Stable story URLs across rebuilds, and the 'what changed' notes that a state file makes possible."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from conftest import SEEDS
from localweb import guardian_site, prepare, quiet_client, serve, settings_for

from generator.models import Story
from generator.pipeline import build
from generator.publish.state import load_state, pin_stories
from generator.read.fetch import fetch_all


def story_ids(docs: Path) -> set[str]:
    return {s["id"] for s in json.loads((docs / "digest.json").read_text(encoding="utf-8"))["stories"]}


def snapshot(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}


def test_fetched_guardian_items_keep_every_existing_story_url(tmp_path: Path) -> None:
    sources, state = tmp_path / "seeds", tmp_path / "digest-state.json"
    shutil.copytree(SEEDS, sources)
    site, parts = guardian_site()
    with serve(site):
        prepare(site, parts)
        settings = settings_for(sources, [site.url("/feeds/guardian.rss")])
        feed = site.routes["/feeds/guardian.rss"]
        full = feed.body
        items = re.findall(rb"<item>.*?</item>", full, flags=re.DOTALL)
        feed.body = _without(full, items[20:])
        early = fetch_all(settings, quiet_client(settings), log=lambda line: None)
        build(sources, tmp_path / "docs1", state=state)
        feed.body = full
        late = fetch_all(settings, quiet_client(settings), log=lambda line: None)
    assert len(early.written) == 20 and len(late.written) >= 30
    before = story_ids(tmp_path / "docs1")
    build(sources, tmp_path / "docs2", state=state)
    after = story_ids(tmp_path / "docs2")
    assert len(before) >= 15 and len(after) > len(before)
    assert before <= after  # every story published before is still there, under the same URL
    for sid in before:
        assert (tmp_path / "docs2" / "stories" / f"{sid}.md").is_file()
    home = (tmp_path / "docs2" / "index.md").read_text(encoding="utf-8")
    assert home.count('class="story-change">new<') == len(after - before)
    # the same sources and state give the same pages, byte for byte
    build(sources, tmp_path / "docs3", state=state)
    assert snapshot(tmp_path / "docs2") == snapshot(tmp_path / "docs3")


def _without(feed: bytes, items: list[bytes]) -> bytes:
    for item in items:
        feed = feed.replace(item, b"", 1)
    return feed


def test_a_story_that_gains_an_outlet_keeps_its_url_and_says_what_was_added(tmp_path: Path) -> None:
    seeds = sorted(SEEDS.iterdir())
    sources, state = tmp_path / "seeds", tmp_path / "state.json"
    sources.mkdir()
    for path in seeds[1:]:  # hold back the article whose id sorts first: it would become the founder
        shutil.copy(path, sources / path.name)
    build(sources, tmp_path / "a", state=state)
    (first_id,) = story_ids(tmp_path / "a")
    first_page = (tmp_path / "a" / "stories" / f"{first_id}.md").read_text(encoding="utf-8")
    assert "First published in this digest's first build" in first_page
    shutil.copy(seeds[0], sources / seeds[0].name)
    digest = build(sources, tmp_path / "b", state=state)
    assert [s.id for s in digest.stories] == [first_id]
    assert seeds[0].stem in digest.stories[0].articles
    page = (tmp_path / "b" / "stories" / f"{first_id}.md").read_text(encoding="utf-8")
    assert "What the latest update added (update 2)" in page
    assert "New outlets:" in page
    assert 'class="story-change">updated<' in (tmp_path / "b" / "index.md").read_text(encoding="utf-8")
    recorded = load_state(state)
    assert recorded["generation"] == 2
    assert recorded["stories"][first_id]["added"]["outlets"]
    # a rebuild with nothing new keeps the note of the last update instead of erasing it
    build(sources, tmp_path / "c", state=state)
    assert snapshot(tmp_path / "b") == snapshot(tmp_path / "c")
    assert load_state(state)["generation"] == 2


def story(sid: str, *articles: str) -> Story:
    return Story(id=sid, title=sid, articles=tuple(articles))


def test_pinned_ids_do_not_depend_on_processing_order() -> None:
    previous = {"generation": 1, "moved": {}, "stories": {
        "alpha-111111": {"articles": ["a1", "a2"]},
        "beta-222222": {"articles": ["b1"]},
    }}
    stories = [story("new-title-aaaaaa", "a0", "a1", "a2"), story("beta-333333", "b1", "b2"),
               story("beta-222222", "c1"), story("gamma-444444", "d1")]
    results = []
    for order in (stories, stories[::-1], stories[1:] + stories[:1]):
        pinned = pin_stories(order, {}, previous)
        results.append({s.articles: s.id for s in pinned.stories})
    assert results[0] == results[1] == results[2]
    ids = results[0]
    assert ids[("a0", "a1", "a2")] == "alpha-111111"
    assert ids[("b1", "b2")] == "beta-222222"
    assert ids[("c1",)] == "beta-222222-2"  # a new story never takes an id another story was published under
    assert ids[("d1",)] == "gamma-444444"


def test_merged_stories_leave_a_page_pointing_to_where_they_went() -> None:
    previous = {"generation": 3, "moved": {}, "stories": {
        "left-aaaaaa": {"articles": ["l1", "l2"]}, "right-bbbbbb": {"articles": ["r1"]},
    }}
    pinned = pin_stories([story("joined-cccccc", "l1", "l2", "r1")], {}, previous)
    assert [s.id for s in pinned.stories] == ["left-aaaaaa"]
    assert pinned.moved == {"right-bbbbbb": "left-aaaaaa"}
    assert pinned.changes["left-aaaaaa"].status == "updated"
    assert pinned.state["generation"] == 4


def test_the_atom_feed_lists_every_story_under_its_permalink(seeds_docs: Path) -> None:
    import feedparser

    from generator.models import Article, Digest
    from generator.publish.feed import render_feed

    parsed = feedparser.parse((seeds_docs / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    stories = json.loads((seeds_docs / "digest.json").read_text(encoding="utf-8"))["stories"]
    assert [e.link for e in parsed.entries] == [f"stories/{s['id']}.html" for s in stories]
    assert [e.id for e in parsed.entries] == [f"urn:news-digest:story:{s['id']}" for s in stories]
    hostile = Story(id="s-1", title="A <b>bold</b> & \"odd\" ]]> title", articles=("a",), published="2024-02-30")
    article = Article("a", "x.txt", None, "Outlet & Co <script>", None, None, None, "text")
    text = render_feed(Digest((article,), (hostile,)), site_url="https://example.org/digest")
    again = feedparser.parse(text.encode())
    assert not again.bozo and again.entries[0].title == hostile.title
    assert again.entries[0].author == "Outlet & Co <script>"
    assert again.entries[0].link == "https://example.org/digest/stories/s-1.html"


def test_a_merged_story_url_still_leads_to_its_story() -> None:
    from generator.models import Article, Digest
    from generator.publish.render import render_site

    article = Article("a1", "a1.txt", "Title", None, None, None, None, "Some text.")
    moved = {"gone-bbbbbb": "kept-aaaaaa", "kept-aaaaaa": "x"}
    pages = render_site(Digest((article,), (story("kept-aaaaaa", "a1"),)), None, moved)
    assert "stories/gone-bbbbbb.md" in pages
    assert "](kept-aaaaaa.md)" in pages["stories/gone-bbbbbb.md"]
    assert "stories/x.md" not in pages  # a live story's page is never replaced by a pointer


def test_what_changed_notes_escape_source_text() -> None:
    from generator.publish.render import change_view, environment
    from generator.publish.state import StoryChange

    change = StoryChange("updated", 2, 2, outlets=("[Evil](javascript:alert(1))", "<b>Bold</b>"),
                         key_points=("*Not emphasis* and a <script>",))
    text = environment().get_template("change.md.j2").render(story={"change": change_view(change)})
    assert "](javascript" not in text and "<script>" not in text and "<b>" not in text
    assert "&#91;Evil&#93;" in text and "&#42;Not emphasis&#42;" in text
