"""A small HTTP server on 127.0.0.1 for the fetch tests (fixed routes, a request log, injected faults), and the
Guardian feed served from it."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from conftest import shared_path

from generator.read.fetch import Client, Settings

AGENT = "digest-test-agent/1.0 (+tests)"
PAGES = ["theguardian.com.academics.html", "bbc.com.52241221.html", "reuters.com.parasite.html"]


@dataclass
class Route:
    """What one path answers: a body, a status, an optional delay, and failures to give first."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0
    fail_first: int = 0  # answer 503 this many times before the real answer


@dataclass
class Site:
    """The routes being served and every request received (path, User-Agent)."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)
    base: str = ""

    def url(self, path: str) -> str:
        """The full address of a path on this server."""
        return self.base + path


@contextmanager
def serve(site: Site) -> Iterator[Site]:
    """Serve `site` on a free port of 127.0.0.1 for the duration of the block."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append((self.path, self.headers.get("User-Agent", "")))
            route = site.routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            if route.delay:
                time.sleep(route.delay)
            if route.fail_first > 0:
                route.fail_first -= 1
                self.send_error(503)
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def guardian_site() -> tuple[Site, list[str]]:
    """The Guardian feed with its links moved to this server; three items lead to real saved pages."""
    feed = shared_path("corpora", "feeds", "input", "guardian.rss").read_text(encoding="utf-8")
    pages = shared_path("corpora", "trafilatura-en-news", "input")
    site = Site()
    site.routes["/feeds/guardian.rss"] = Route(b"", content_type="application/rss+xml")
    return site, [feed, str(pages)]


def prepare(site: Site, parts: list[str]) -> list[str]:
    """Fill in the feed once the server's address is known; returns the item paths served with full pages."""
    feed, pages = parts
    local = feed.replace("https://www.theguardian.com/", site.url("/g/"))
    site.routes["/feeds/guardian.rss"].body = local.encode("utf-8")
    links = re.findall(r"<item>.*?<link>([^<]+)</link>", local, flags=re.DOTALL)
    served = []
    for link, page in zip(links, PAGES, strict=False):
        path = link[len(site.base):]
        site.routes[path] = Route((Path(pages) / page).read_bytes())
        served.append(path)
    return served


def settings_for(sources: Path, feeds: list[str], **extra: float) -> Settings:
    """Fetch settings for tests: no pause between requests, and pages fetched unless the feed text is long."""
    return Settings(sources=sources, feeds=tuple({"url": u, "name": f"feed{n}"} for n, u in enumerate(feeds)),
                    pages=(), user_agent=AGENT, timeout=extra.get("timeout", 5.0),
                    retries=int(extra.get("retries", 1)), delay=0.0,
                    min_words=int(extra.get("min_words", 1000)), max_items=100)


def quiet_client(settings: Settings) -> Client:
    """A client whose back-off does not sleep, so retries cost no test time."""
    return Client(settings, sleep=lambda seconds: None)
