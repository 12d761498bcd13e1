"""Fetch new articles from the feeds and pages listed in digest.yml into the sources folder."""

from __future__ import annotations

import hashlib
import html
import json
import re
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import feedparser
import yaml

from .. import __version__
from ..models import Document
from .formats import FormatError, documents_from_html, entry_html, entry_time, html_paragraphs

LEDGER_SUFFIX = ".fetched.json"  # kept beside the sources folder, never inside it, so it is not read as a source
LEDGER_SCHEMA = "news-digest-fetched/1"
MAX_BYTES = 8 * 1024 * 1024
MD_ESCAPED = re.compile(r"([\\`*_{}\[\]()#+\-.!>])")  # the characters Python-Markdown un-escapes
TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|CMP)$", re.IGNORECASE)
DEFAULT_AGENT = f"news-digest-generator/{__version__} (polite feed reader; one request at a time)"


class ConfigError(ValueError):
    """digest.yml is missing or malformed."""


class FetchError(Exception):
    """A download failed; `transient` says whether a later run may succeed."""

    def __init__(self, url: str, reason: str, transient: bool) -> None:
        super().__init__(f"{url}: {reason}")
        self.transient = transient


@dataclass(frozen=True)
class Settings:
    """What digest.yml says about fetching."""

    sources: Path
    feeds: tuple[dict[str, str], ...]
    pages: tuple[str, ...]
    user_agent: str = DEFAULT_AGENT
    timeout: float = 20.0
    retries: int = 2
    delay: float = 1.0
    min_words: int = 150
    max_items: int = 100


@dataclass
class Report:
    """What one fetch run did, for the summary and the exit status."""

    written: list[Path] = field(default_factory=list)
    known: int = 0
    failed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def load_settings(path: Path) -> Settings:
    """Read the fetch settings from digest.yml; the sources folder is relative to the file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror}; create it or pass --config FILE") from error
    except yaml.YAMLError as error:
        raise ConfigError(f"{path} is not valid YAML: {str(error).splitlines()[0]}") from error
    if not isinstance(data, dict):
        raise ConfigError(f"{path} must be a mapping with 'feeds' and 'pages' lists")
    feeds: list[dict[str, str]] = []
    for n, item in enumerate(data.get("feeds") or [], start=1):
        entry = {"url": item} if isinstance(item, str) else item
        if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
            raise ConfigError(f"{path}: feeds item {n} needs a 'url'")
        feeds.append({"url": entry["url"], "name": slug(str(entry.get("name") or urlsplit(entry["url"]).hostname
                                                              or "feed"), 40)})
    pages = data.get("pages") or []
    if not isinstance(pages, list) or not all(isinstance(p, str) for p in pages):
        raise ConfigError(f"{path}: 'pages' must be a list of URLs")
    fetch = data.get("fetch") or {}
    if not isinstance(fetch, dict):
        raise ConfigError(f"{path}: 'fetch' must be a mapping of settings")
    try:
        return Settings(
            sources=(path.parent / str(data.get("sources", "seeds"))),
            feeds=tuple(feeds), pages=tuple(pages),
            user_agent=str(fetch.get("user_agent", DEFAULT_AGENT)),
            timeout=float(fetch.get("timeout", 20)), retries=int(fetch.get("retries", 2)),
            delay=float(fetch.get("delay", 1.0)), min_words=int(fetch.get("min_words", 150)),
            max_items=int(fetch.get("max_items", 100)),
        )
    except (TypeError, ValueError) as error:
        raise ConfigError(f"{path}: a 'fetch' setting is not a number: {error}") from error


class Client:
    """HTTP GET with a timeout, retries with back-off, a polite User-Agent and a pause between requests."""

    def __init__(self, settings: Settings, sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings
        self.sleep = sleep
        self.last: dict[str, float] = {}
        self.robots: dict[str, RobotFileParser | None] = {}

    def get(self, url: str) -> bytes:
        """The body at url; FetchError after the last retry."""
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(url, "only http and https addresses are fetched", transient=False)
        problem = "no attempt"
        for attempt in range(self.settings.retries + 1):
            if attempt:
                self.sleep(min(30.0, 0.5 * 2 ** attempt))
            self._pause(url)
            try:
                return self._once(url)
            except urllib.error.HTTPError as error:
                problem = f"HTTP {error.code} {error.reason}"
                if error.code not in (408, 425, 429) and error.code < 500:
                    raise FetchError(url, problem, transient=False) from error
            except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as error:
                problem = str(getattr(error, "reason", error)) or type(error).__name__
        raise FetchError(url, f"{problem} (after {self.settings.retries + 1} attempts)", transient=True)

    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets our User-Agent fetch this page (no robots.txt: yes)."""
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self.robots:
            self._pause(root)
            try:
                parser = RobotFileParser()
                parser.parse(self._once(root + "/robots.txt").decode("utf-8", "replace").splitlines())
                self.robots[root] = parser
            except (FetchError, urllib.error.URLError, TimeoutError, OSError):
                self.robots[root] = None  # unreachable or absent: no rule forbids the page
        found = self.robots[root]
        return found is None or found.can_fetch(self.settings.user_agent, url)

    def _once(self, url: str) -> bytes:
        request = urllib.request.Request(url, headers={
            "User-Agent": self.settings.user_agent,
            "Accept": "application/rss+xml, application/atom+xml, application/feed+json, text/html;q=0.9, */*;q=0.5",
        })
        with urllib.request.urlopen(request, timeout=self.settings.timeout) as response:
            data: bytes = response.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise FetchError(url, f"response larger than {MAX_BYTES} bytes", transient=False)
        return data

    def _pause(self, url: str) -> None:
        host = urlsplit(url).netloc
        wait = self.last.get(host, -1e9) + self.settings.delay - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        self.last[host] = time.monotonic()


def fetch_all(settings: Settings, client: Client | None = None, log: Callable[[str], None] | None = None) -> Report:
    """Download every new item of every feed and page into the sources folder; one failure never stops the rest."""
    say = log or (lambda line: print(line, file=sys.stderr))
    client = client or Client(settings)
    settings.sources.mkdir(parents=True, exist_ok=True)
    ledger = load_ledger(settings.sources)
    report = Report()
    for feed in settings.feeds:
        before = len(report.written)
        try:
            items = list(feed_items(client.get(feed["url"]), feed["url"]))[: settings.max_items]
        except (FetchError, FormatError) as error:
            report.failed.append(f"feed {feed['url']}: {error}")
            say(f"fetch: feed {feed['name']} failed: {error}; going on with the others")
            continue
        for item in items:
            take_item(item, feed["name"], settings, client, ledger, report, say)
        save_ledger(settings.sources, ledger)
        say(f"fetch: feed {feed['name']}: {len(report.written) - before} new of {len(items)} items")
    for url in settings.pages:
        take_item({"url": url, "key": canonical_url(url)}, "pages", settings, client, ledger, report, say)
    save_ledger(settings.sources, ledger)
    say(f"fetch: {len(report.written)} new articles written into {settings.sources}, {report.known} already "
        f"there, {len(report.failed)} failures")
    return report


def take_item(item: dict[str, Any], folder: str, settings: Settings, client: Client, ledger: dict[str, Any],
              report: Report, say: Callable[[str], None]) -> None:
    """Write one item unless the ledger already has it; fetch its page when the feed gave only a summary."""
    keys = [k for k in (item.get("key"), canonical_url(item["url"]) if item.get("url") else None) if k]
    if any(k in ledger["items"] for k in keys):
        report.known += 1
        return
    paragraphs: list[str] = list(item.get("paragraphs", []))
    meta = {k: item.get(k) for k in ("title", "outlet", "published", "url", "author")}
    if item.get("url") and sum(len(p.split()) for p in paragraphs) < settings.min_words:
        try:
            if not client.allowed(item["url"]):
                raise FetchError(item["url"], "robots.txt asks robots not to fetch this page", transient=False)
            page = page_document(client.get(item["url"]), item["url"])
            paragraphs = list(page.paragraphs)
            for name in meta:
                meta[name] = meta[name] or getattr(page, name)
        except FetchError as error:
            if error.transient or not paragraphs:
                report.failed.append(f"page {item['url']}: {error}")
                say(f"fetch: page {item['url']} failed: {error}; will try again next run")
                return
            report.notes.append(f"{item['url']}: page unavailable ({error}); kept the feed's text")
        except FormatError as error:
            if not paragraphs:
                report.failed.append(f"page {item['url']}: {error}")
                return
            report.notes.append(f"{item['url']}: {error}; kept the feed's text")
    digest = hashlib.sha1("\n".join(paragraphs).encode()).hexdigest()
    keys = keys or [f"text:{digest}"]  # an item with neither id nor link is known by its text alone
    if not paragraphs:
        report.notes.append(f"{item.get('url') or item.get('title') or 'an item'}: no text in the feed or its page")
        return
    if digest in ledger["texts"]:
        report.known += 1
        for key in keys:
            ledger["items"][key] = ledger["texts"].get(digest, "")
        return
    path = write_article(settings.sources, folder, keys[0], meta, paragraphs)
    relative = path.relative_to(settings.sources).as_posix()
    for key in keys:
        ledger["items"][key] = relative
    ledger["texts"][digest] = relative
    report.written.append(path)


def feed_items(data: bytes, url: str) -> Iterator[dict[str, Any]]:
    """The items of an RSS, Atom or JSON feed: key, link, metadata and the text the feed carries."""
    stripped = data.lstrip()
    if stripped.startswith(b"{"):
        yield from json_feed_items(data, url)
        return
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        raise FormatError(f"not a readable feed: {problem}" if problem else "the feed holds no entries")
    outlet = clean((parsed.get("feed") or {}).get("title"))
    for entry in entries:
        link = clean(entry.get("link"))
        link = urljoin(url, link) if link else None
        body = entry_html(entry)
        yield {
            "key": "id:" + str(entry.get("id")) if entry.get("id") else (canonical_url(link) if link else None),
            "url": link, "title": clean(entry.get("title")), "outlet": outlet,
            "published": entry_date(entry), "author": clean(entry.get("author")),
            "paragraphs": [p for p in html_paragraphs(body) if not p.lower().startswith("continue reading")],
        }


def json_feed_items(data: bytes, url: str) -> Iterator[dict[str, Any]]:
    """The items of a JSON Feed (jsonfeed.org)."""
    try:
        feed = json.loads(data)
    except ValueError as error:
        raise FormatError(f"not a readable JSON feed: {error}") from error
    if not isinstance(feed, dict) or not isinstance(feed.get("items"), list):
        raise FormatError("not a JSON Feed: expected an object with an 'items' list")
    outlet = clean(feed.get("title"))
    for item in feed["items"]:
        if not isinstance(item, dict):
            continue
        link = clean(item.get("url"))
        link = urljoin(url, link) if link else None
        text = item.get("content_html") or html.escape(str(item.get("content_text") or item.get("summary") or ""))
        yield {
            "key": "id:" + str(item["id"]) if item.get("id") else (canonical_url(link) if link else None),
            "url": link, "title": clean(item.get("title")), "outlet": outlet,
            "published": clean(item.get("date_published")), "author": None,
            "paragraphs": list(html_paragraphs(str(text).replace("\n", "<br>\n"))),
        }


def page_document(data: bytes, url: str) -> Document:
    """The article text and metadata of a fetched web page, read the way saved pages are."""
    return documents_from_html(data, "page", url)


def write_article(root: Path, folder: str, key: str, meta: dict[str, Any], paragraphs: list[str]) -> Path:
    """A new Markdown file with front matter, named so that it never clashes and never leaves `root`."""
    base = root.resolve()
    target_dir = (base / slug(folder, 40)).resolve()
    if not target_dir.is_relative_to(base):
        raise FetchError(str(target_dir), "would leave the sources folder", transient=False)
    target_dir.mkdir(parents=True, exist_ok=True)
    day = (meta.get("published") or "undated")[:10]
    stem = f"{slug(day, 10)}-{slug(meta.get('title') or 'article', 60)}-{hashlib.sha1(key.encode()).hexdigest()[:10]}"
    front = {k: v for k, v in meta.items() if v}
    text = ("---\n" + front_matter(front) + "---\n\n"
            + "\n\n".join(escape_paragraph(p) for p in paragraphs) + "\n")
    for n in range(1, 1000):
        path = target_dir / (stem + (f"-{n}" if n > 1 else "") + ".md")
        try:
            with path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            return path
        except FileExistsError:
            continue
    raise FetchError(str(target_dir / stem), "no free file name", transient=False)


def front_matter(meta: dict[str, Any]) -> str:
    """The metadata as YAML lines, double-quoted; & and * escaped, as the reader refuses look-alike anchors."""
    lines = [f"{key}: {json.dumps(str(value), ensure_ascii=False)}" for key, value in sorted(meta.items())]
    return "".join(line.replace("&", "\\x26").replace("*", "\\x2A") + "\n" for line in lines)


def escape_paragraph(text: str) -> str:
    """Plain text made safe to write as one Markdown paragraph that reads back as the same words."""
    return MD_ESCAPED.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))


def canonical_url(url: str) -> str:
    """One form per article address: lower-case host, no fragment, no tracking parameters, no trailing slash."""
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k)])
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def ledger_path(root: Path) -> Path:
    """Where the ledger of a sources folder lives: beside it, as `<folder>.fetched.json`."""
    root = root.absolute()
    return root.with_name(root.name + LEDGER_SUFFIX)


def load_ledger(root: Path) -> dict[str, Any]:
    """The record of every item already fetched into `root` (by address or feed id, and by text)."""
    path = ledger_path(root)
    if path.exists():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("schema") == LEDGER_SCHEMA:
                data.setdefault("items", {})
                data.setdefault("texts", {})
                return data
        except ValueError:
            pass
        raise ConfigError(f"{path} is not a fetch ledger; move it away and run fetch again "
                          "(items already fetched would then be fetched a second time)")
    return {"schema": LEDGER_SCHEMA, "items": {}, "texts": {}}


def save_ledger(root: Path, ledger: dict[str, Any]) -> None:
    """Write the ledger with sorted keys, so a run that fetched nothing leaves it byte-identical."""
    path = ledger_path(root)
    text = json.dumps(ledger, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if (path.exists() and path.read_text(encoding="utf-8") == text) or (not path.exists() and not ledger["items"]):
        return  # nothing new: leave the file (and the repository) untouched
    staging = path.with_name(path.name + ".new")
    staging.write_text(text, encoding="utf-8")
    staging.replace(path)


def entry_date(entry: Any) -> str | None:
    """The entry's publication time as an ISO 8601 UTC timestamp."""
    when = entry_time(entry)
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", when) if when else None


def slug(text: str, limit: int) -> str:
    """Lower-case letters, digits and hyphens only: safe as a file or folder name anywhere."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:limit].strip("-") or "item"


def clean(value: Any) -> str | None:
    """A one-line string, or None."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text[:500] or None
