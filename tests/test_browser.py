"""The built site in a real browser, opened from disk: citations, search, what changed, and no outside request.

Headless Chromium from Debian's `chromium` package, driven by Playwright's client (never its own browsers).
The screenshot and the request log are written to test-artifacts/.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, SEEDS

from generator.pipeline import build

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
ARTIFACTS = ROOT / "test-artifacts"
SHIM = ROOT / "overrides" / "javascripts" / "iframe-worker-shim.js"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def need_browser() -> Any:
    """Playwright's sync API, or skip (fail in CI, whose .ci/run installs Chromium) when a piece is missing."""
    problem = None
    if not CHROMIUM.exists():
        problem = f"{CHROMIUM} not found: install Debian's chromium package (apt-get install -y chromium)"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        problem = "the playwright package is not installed: pip install -e '.[dev]'"
    if problem:
        if os.environ.get("CI"):
            pytest.fail(problem)
        pytest.skip(problem)
    return sync_playwright


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds' site built by MkDocs, after a first build without one article, so a story has news to show."""
    work = tmp_path_factory.mktemp("browser")
    sources, state = work / "seeds", work / "state.json"
    sources.mkdir()
    seeds = sorted(SEEDS.iterdir())
    for path in seeds[1:]:
        shutil.copy(path, sources / path.name)
    build(sources, work / "docs", state=state)
    shutil.copy(seeds[0], sources / seeds[0].name)
    build(sources, work / "docs", state=state)
    if not SHIM.is_file():
        message = f"{SHIM} is missing: run `make tools` (it installs the offline search shim from npm)"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    settings = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    settings["theme"]["custom_dir"] = str(ROOT / settings["theme"]["custom_dir"])
    config = work / "mkdocs.yml"
    config.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config),
                             "-d", str(work / "site")], capture_output=True, text=True, check=False,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    return work / "site"


def test_site_from_disk_follows_citations_searches_and_stays_local(site: Path, tmp_path: Path) -> None:
    sync_playwright = need_browser()
    ARTIFACTS.mkdir(exist_ok=True)
    requests: list[dict[str, str]] = []
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=str(CHROMIUM), headless=True, args=FLAGS,
            viewport={"width": 1280, "height": 900})
        context.on("request", lambda r: requests.append({"url": r.url, "type": r.resource_type}))
        page = context.new_page()
        page.goto((site / "index.html").as_uri())
        story_link = page.locator("article a[href^='stories/']").first
        story_title = story_link.inner_text().strip()
        assert page.locator(".story-change", has_text="updated").count() == 1  # the home page marks the update
        story_link.click()
        page.wait_for_load_state()
        assert "/stories/" in page.url
        assert page.get_by_text("What the latest update added").count() == 1
        assert page.get_by_text("New outlets:").count() == 1
        page.screenshot(path=str(ARTIFACTS / "story-page.png"))
        # a key point's details are listed under it, each with the outlets that tell it
        details = page.locator("article ol > li").first.locator("ul > li")
        assert details.count() >= 1 and details.first.locator(".outlet-badge").count() >= 1

        # follow the first key point's citation to the sentence it came from
        note = page.locator(".footnote li").first
        cited = " ".join(note.inner_text().split())
        target = note.locator("a[href*='sources/'][href*='#s']").first
        href = target.get_attribute("href") or ""
        target.click()
        page.wait_for_load_state()
        anchor = href.split("#", 1)[1]
        assert page.url.endswith("#" + anchor) and "/sources/" in page.url
        sentence = " ".join(page.locator(f"span.sentence[id='{anchor}']").inner_text().split())
        assert sentence and sentence[:40] in cited  # the footnote quotes the sentence the link lands on
        assert page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == anchor

        # search, offline: the index ships with the site
        page.goto((site / "index.html").as_uri())
        word = max(story_title.split(), key=len).strip(".,:;")
        page.locator("input.md-search__input").click()
        page.keyboard.type(word, delay=30)  # Material searches on key events, so type rather than fill
        results = page.locator(".md-search-result__item")
        results.first.wait_for(timeout=15000)
        assert results.count() >= 1
        assert word.lower() in page.locator(".md-search-result").inner_text().lower()
        results.first.locator("a").first.click()
        page.wait_for_load_state()
        assert page.url.startswith("file://") and "h=" in page.url
        assert word.lower() in page.locator("article").inner_text().lower()
        context.close()

    outside = [r for r in requests if not r["url"].startswith(LOCAL_SCHEMES)]
    summary = {"requests": len(requests), "outside": len(outside),
               "by_scheme": {s: sum(r["url"].startswith(s) for r in requests) for s in LOCAL_SCHEMES},
               "by_type": {t: sum(r["type"] == t for r in requests) for t in sorted({r["type"] for r in requests})},
               "log": requests}
    (ARTIFACTS / "browser-requests.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    print(f"browser requests: {len(requests)} in all, {len(outside)} to other hosts; "
          f"screenshot {ARTIFACTS / 'story-page.png'}")
    assert requests, "the request log recorded nothing"
    assert outside == []


def test_offline_build_has_no_address_of_another_host_to_load(site: Path) -> None:
    """Every script, style sheet, image and font the pages load is a file of the site itself."""
    import re

    loaded = re.compile(r"""<(?:script|img|link|iframe|source)\b[^>]*?(?:src|href)=["']([^"']+)["']""", re.I)
    offenders = []
    for page in site.rglob("*.html"):
        for url in loaded.findall(page.read_text(encoding="utf-8")):
            if re.match(r"(?:https?:)?//", url) and "rel=\"canonical\"" not in url:
                offenders.append((page.name, url))
    assert offenders == []
    assert (site / "search" / "search_index.js").is_file()  # the offline plugin's search index
    assert (site / "feed.xml").is_file() and (site / "digest.json").is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml"' in home and 'href="feed.xml"' in home
