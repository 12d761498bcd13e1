"""`generator fetch`: feeds and pages from a local server into the sources folder, once each, politely."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import shared_path
from localweb import AGENT, PAGES, Route, Site, guardian_site, prepare, quiet_client, serve, settings_for

from generator.cli import main
from generator.read.fetch import (
    canonical_url,
    escape_paragraph,
    fetch_all,
    ledger_path,
    load_settings,
    write_article,
)
from generator.read.formats import documents_from_html, markdown_paragraphs
from generator.read.sources import read_sources


def test_fetch_writes_each_item_once_with_full_text_from_pages(tmp_path: Path) -> None:
    site, parts = guardian_site()
    sources = tmp_path / "seeds"
    with serve(site):
        served = prepare(site, parts)
        settings = settings_for(sources, [site.url("/feeds/guardian.rss")])
        first = fetch_all(settings, quiet_client(settings), log=lambda line: None)
        requests_after_first = len(site.requests)
        second = fetch_all(settings, quiet_client(settings), log=lambda line: None)
    assert len(first.written) >= 40, first.failed
    assert all(path.resolve().is_relative_to(sources.resolve()) for path in first.written)
    assert second.written == []
    assert second.known >= len(first.written)
    # the second run asked for the feed only: no page was downloaded twice
    assert [p for p, _ in site.requests[requests_after_first:]] == ["/feeds/guardian.rss"]
    assert [p for p, _ in site.requests].count("/robots.txt") == 1  # asked once per host and run
    assert all(agent == AGENT for _, agent in site.requests)
    docs, rejected = read_sources(sources)
    assert rejected == []
    assert len(docs) == len(first.written)
    by_url = {d.url: d for d in docs}
    for path, page in zip(served, PAGES, strict=True):
        doc = by_url[site.url(path)]
        body = documents_from_html((Path(parts[1]) / page).read_bytes(), "p", page)
        assert doc.paragraphs[: len(body.paragraphs)] == body.paragraphs, page  # the page's text, not the summary
        assert doc.outlet == "The Guardian" and doc.title and doc.published
    ledger = json.loads(ledger_path(sources).read_text(encoding="utf-8"))
    assert len(set(ledger["texts"].values())) == len(first.written)


def test_dead_and_slow_feeds_are_reported_and_the_others_fetched(tmp_path: Path) -> None:
    site, parts = guardian_site()
    site.routes["/slow.rss"] = Route(b"<rss/>", delay=1.5)
    with serve(site):
        prepare(site, parts)
        feeds = [site.url("/dead.rss"), site.url("/slow.rss"), site.url("/feeds/guardian.rss")]
        settings = settings_for(tmp_path / "seeds", feeds, timeout=0.4, retries=1)
        report = fetch_all(settings, quiet_client(settings), log=lambda line: None)
    assert len(report.written) >= 40
    failed = "\n".join(report.failed)
    assert "/dead.rss" in failed and "HTTP 404" in failed
    assert "/slow.rss" in failed and "2 attempts" in failed
    assert [p for p, _ in site.requests].count("/slow.rss") == 2  # retried once after the timeout
    assert [p for p, _ in site.requests].count("/dead.rss") == 1  # a 404 is not retried


def test_a_failing_server_is_retried_until_it_answers(tmp_path: Path) -> None:
    site = Site()
    feed = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title><item><title>One</title>'
            "<link>{base}/a</link><description>&lt;p&gt;{text}&lt;/p&gt;</description></item></channel></rss>")
    text = " ".join(["The council approved the budget on Tuesday after a long debate."] * 20)
    with serve(site):
        site.routes["/f.rss"] = Route(feed.format(base=site.base, text=text).encode(), fail_first=2)
        settings = settings_for(tmp_path / "s", [site.url("/f.rss")], retries=2, min_words=150)
        report = fetch_all(settings, quiet_client(settings), log=lambda line: None)
    assert report.failed == []
    assert len(report.written) == 1
    assert [p for p, _ in site.requests] == ["/f.rss"] * 3  # long enough text: no page request


def test_the_same_article_in_two_feeds_is_written_once(tmp_path: Path) -> None:
    site = Site()
    text = " ".join(["Firefighters contained the blaze near the river by Sunday evening."] * 20)
    item = "<item><title>Fire</title><link>{base}/story?utm_source=rss</link><description>{text}</description></item>"
    with serve(site):
        body = ('<rss version="2.0"><channel><title>A</title>' + item + "</channel></rss>").format(
            base=site.base, text=text)
        site.routes["/a.rss"] = Route(body.encode())
        site.routes["/b.rss"] = Route(body.replace("?utm_source=rss", "").replace(">A<", ">B<").encode())
        settings = settings_for(tmp_path / "s", [site.url("/a.rss"), site.url("/b.rss")], min_words=150)
        report = fetch_all(settings, quiet_client(settings), log=lambda line: None)
    assert len(report.written) == 1
    assert report.known == 1


def test_pages_that_robots_txt_forbids_are_not_fetched(tmp_path: Path) -> None:
    site = Site()
    item = "<item><title>{t}</title><link>{base}/{p}/a</link><description>Short summary of {t}.</description></item>"
    with serve(site):
        items = "".join(item.format(t=t, p=p, base=site.base) for t, p in (("Open", "news"), ("Closed", "private")))
        site.routes["/f.rss"] = Route(f'<rss version="2.0"><channel><title>L</title>{items}</channel></rss>'.encode())
        site.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        page = "<html><body><article>" + "<p>The river rose two metres overnight, officials said.</p>" * 30
        site.routes["/news/a"] = Route((page + "</article></body></html>").encode())
        site.routes["/private/a"] = Route((page + "</article></body></html>").encode())
        settings = settings_for(tmp_path / "s", [site.url("/f.rss")])
        report = fetch_all(settings, quiet_client(settings), log=lambda line: None)
    paths = [p for p, _ in site.requests]
    assert "/news/a" in paths and "/private/a" not in paths
    assert len(report.written) == 2  # the forbidden page's item keeps the feed's own text
    assert any("robots.txt" in note for note in report.notes)


def test_atom_and_json_feeds_and_single_pages_are_fetched(tmp_path: Path) -> None:
    site = Site()
    body = " ".join(["The harbour authority reopened the northern pier after repairs were finished."] * 25)
    atom = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Post</title>'
            "<id>urn:x</id><updated>2024-05-01T10:00:00Z</updated><entry><title>Pier reopens</title>"
            "<id>urn:x:1</id><link href=\"{base}/pier\"/><updated>2024-05-01T10:00:00Z</updated>"
            "<author><name>Ann Writer</name></author>"
            "<content type=\"html\">&lt;p&gt;{body}&lt;/p&gt;</content></entry></feed>")
    with serve(site):
        site.routes["/atom.xml"] = Route(atom.format(base=site.base, body=body).encode())
        site.routes["/feed.json"] = Route(json.dumps({
            "version": "https://jsonfeed.org/version/1.1", "title": "Json Daily",
            "items": [{"id": "j1", "url": site.url("/j1"), "title": "Dam report", "date_published": "2024-05-02",
                       "content_text": body.replace("harbour authority", "dam operator")}]}).encode())
        page = "<html><head><title>Bridge works</title></head><body><article>"
        site.routes["/bridge"] = Route((page + f"<p>{body.replace('pier', 'bridge')}</p></article></body></html>"
                                        ).encode())
        settings = replace(settings_for(tmp_path / "s", [site.url("/atom.xml"), site.url("/feed.json")],
                                        min_words=150), pages=(site.url("/bridge"),))
        report = fetch_all(settings, quiet_client(settings), log=lambda line: None)
    assert report.failed == []
    assert [p for p, _ in site.requests if p not in ("/robots.txt",)] == ["/atom.xml", "/feed.json", "/bridge"]
    docs, rejected = read_sources(tmp_path / "s")
    assert rejected == []
    by_title = {d.title: d for d in docs}
    assert by_title["Pier reopens"].author == "Ann Writer" and by_title["Pier reopens"].outlet == "Atom Post"
    assert by_title["Dam report"].outlet == "Json Daily" and by_title["Dam report"].published == "2024-05-02"
    assert "bridge" in " ".join(by_title["Bridge works"].paragraphs)
    assert {p.parent.name for p in report.written} == {"feed0", "feed1", "pages"}


def test_file_names_never_clash_and_never_leave_the_sources_folder(tmp_path: Path) -> None:
    root = tmp_path / "seeds"
    root.mkdir()
    meta = {"title": "../../etc/passwd", "published": "../../2024", "outlet": None, "url": None, "author": None}
    paths = [write_article(root, "../../escape", "same-key", meta, ["Some words."]) for _ in range(3)]
    assert len(set(paths)) == 3
    for path in paths:
        assert path.resolve().is_relative_to(root.resolve())
        assert path.suffix == ".md" and ".." not in path.name
    assert all(p.read_text(encoding="utf-8").startswith("---\n") for p in paths)


def test_metadata_reads_back_exactly(tmp_path: Path) -> None:
    meta = {"title": 'Q&A: the *real* cost, "quoted" \\ back: slash &amp; more', "outlet": "Tom & Jerry *News*",
            "published": "2024-01-02T03:04:05Z", "url": "https://example.org/a?b=1&c=2", "author": "Ann: O'Neil"}
    path = write_article(tmp_path, "f", "k", meta, ["Body text here."])
    docs, rejected = read_sources(tmp_path)
    assert rejected == []
    (doc,) = docs
    assert (doc.title, doc.outlet, doc.published, doc.url, doc.author) == tuple(meta.values())
    assert path.stem.startswith("2024-01-02-q-a-the-real-cost")


@pytest.mark.parametrize("text", [
    "# Not a heading, 1. not a list and *not* emphasis_here",
    "Costs rose 3.5% [estimate] (provisional) <b>bold</b> & more > less - minus + plus ! `code` \\ backslash",
    "— “Quoted,” she said. {braces} 1) item",
])
def test_written_paragraphs_read_back_as_the_same_words(text: str) -> None:
    assert list(markdown_paragraphs(escape_paragraph(text))) == [text]


def test_tracking_parameters_and_fragments_do_not_make_a_new_article() -> None:
    assert canonical_url("https://Example.org/a/?utm_medium=x&id=3#top") == canonical_url("https://example.org/a?id=3")


def test_feeds_dropped_into_the_sources_are_read_per_the_contract(tmp_path: Path) -> None:
    feed = shared_path("corpora", "feeds", "input", "guardian.rss")
    (tmp_path / "guardian.rss").write_bytes(feed.read_bytes())
    json_feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Local",
                 "items": [{"id": "1", "content_text": "The mayor opened the bridge on Monday."}]}
    (tmp_path / "local.json").write_text(json.dumps(json_feed), encoding="utf-8")
    docs, rejected = read_sources(tmp_path)
    assert rejected == []
    ids = {d.id for d in docs}
    assert {"guardian-1", "local-1"} <= ids
    assert all(d.outlet == "The Guardian" for d in docs if d.id.startswith("guardian-"))


def test_fetch_command_reads_the_config_and_reports_a_dead_feed(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                                                  ) -> None:
    site = Site()
    with serve(site):
        config = tmp_path / "digest.yml"
        config.write_text(f"sources: seeds\nfeeds:\n  - url: {site.url('/gone.rss')}\n    name: gone\n"
                          "fetch:\n  timeout: 2\n  retries: 0\n  delay: 0\n", encoding="utf-8")
        status = main(["fetch", "--config", str(config)])
    assert status == 1
    assert "gone.rss" in capsys.readouterr().err
    assert load_settings(config).sources == tmp_path / "seeds"
    (tmp_path / "bad.yml").write_text("feeds:\n  - name: no url\n", encoding="utf-8")
    assert main(["fetch", "--config", str(tmp_path / "bad.yml")]) == 2
    assert "needs a 'url'" in capsys.readouterr().err
