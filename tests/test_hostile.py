"""The bad-input corpus beside the seeds: every file accounted for, the seeds untouched, nothing injected."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from badinput.make_corpus import JS, Case, make_mixed_sources
from bs4 import BeautifulSoup
from conftest import ROOT, SEEDS

from generator.pipeline import build
from generator.read.sources import printable_name

MKDOCS = Path(sys.executable).with_name("mkdocs")
CHROMIUM = Path("/usr/bin/chromium")
URL_ATTRIBUTES = {"href", "src", "action", "data", "formaction", "xlink:href"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def mkdocs_site(docs: Path, site: Path) -> Path:
    """Build the HTML site of a docs folder with the project's mkdocs.yml (copied, pointed at that folder)."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: docs", f"docs_dir: {json.dumps(str(docs))}")
    config = config.replace("site_dir: site", f"site_dir: {json.dumps(str(site))}")
    config = config.replace("custom_dir: overrides", f"custom_dir: {json.dumps(str(ROOT / 'overrides'))}")
    config_file = site.parent / f"{site.name}-mkdocs.yml"
    config_file.write_text(config, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([str(MKDOCS), "build", "--quiet", "-f", str(config_file)], capture_output=True,
                            text=True, env=env, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


class Built:
    """The bad corpus plus the seeds, and the seeds alone: digests and HTML sites."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.sources, self.cases = make_mixed_sources(base, SEEDS)
        self.docs = base / "docs"
        build(self.sources, self.docs, label="seeds")
        self.digest: dict[str, Any] = json.loads((self.docs / "digest.json").read_text(encoding="utf-8"))
        self.seed_docs = base / "seeds-docs"
        build(SEEDS, self.seed_docs, label="seeds")
        self.seed_digest: dict[str, Any] = json.loads((self.seed_docs / "digest.json").read_text(encoding="utf-8"))

    def article(self, path: str) -> dict[str, Any] | None:
        """The article read from one corpus file, if any."""
        wanted = f"seeds/bad/{path}"
        return next((a for a in self.digest["articles"] if a["source_path"] == wanted), None)

    def rejections(self, path: str) -> list[str]:
        """The reasons one corpus file was rejected."""
        wanted = f"seeds/bad/{path}"
        return [r["reason"] for r in self.digest["rejected"] if r["source_path"] == wanted]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The corpus and the seeds, built once for this module."""
    return Built(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def sites(built: Built) -> tuple[Path, Path]:
    """The HTML sites of the mixed build and of the seeds alone."""
    return mkdocs_site(built.docs, built.base / "site"), mkdocs_site(built.seed_docs, built.base / "seeds-site")


def test_corpus_has_thirty_kinds(built: Built) -> None:
    assert len({case.kind for case in built.cases}) >= 30
    assert {case.outcome for case in built.cases} == {"digest", "rejected"}


def test_each_bad_file_is_accounted_for(built: Built) -> None:
    problems = [problem for case in built.cases for problem in _check_case(built, case)]
    assert not problems, "\n".join(problems)


def _check_case(built: Built, case: Case) -> list[str]:
    """What is wrong with one corpus file's outcome (nothing, when it is as the case expects)."""
    article, reasons = built.article(case.path), built.rejections(case.path)
    name = f"{case.path!r} ({case.kind})"
    if case.outcome == "rejected":
        if article is not None:
            return [f"{name} should be rejected, but is in the digest"]
        if not any(case.reason.lower() in r.lower() for r in reasons):
            return [f"{name} should be rejected for {case.reason!r}; reasons: {reasons}"]
        return []
    if article is None:
        return [f"{name} should be in the digest; rejected: {reasons}"]
    problems = [f"{name} is also rejected: {reasons}"] if reasons else []
    text = article["text"] + " " + (article["title"] or "")
    problems += [f"{name} lost {words!r}" for words in case.text_has if words not in text]
    problems += [f"{name}: {field} is {article[field]!r}, expected {value!r}"
                 for field, value in case.fields.items() if article[field] != value]
    return problems


def test_every_corpus_entry_is_in_digest_or_rejected(built: Built) -> None:
    bad = built.sources / "bad"
    entries = {printable_name(p.relative_to(bad).as_posix()) for p in bad.iterdir()}
    entries |= {f"sub/{p.name}" for p in (bad / "sub").iterdir()} - {"sub"}
    entries.discard("sub")
    accounted = ({a["source_path"] for a in built.digest["articles"]}
                 | {r["source_path"] for r in built.digest["rejected"]})
    missing = sorted(e for e in entries if f"seeds/bad/{e}" not in accounted)
    assert not missing, f"files neither in the digest nor rejected: {missing}"


def test_seed_digest_unchanged_by_bad_files(built: Built) -> None:
    seed_ids = {a["id"] for a in built.seed_digest["articles"]}
    mixed_articles = [a for a in built.digest["articles"] if a["id"] in seed_ids]
    assert mixed_articles == built.seed_digest["articles"]
    seed_stories = built.seed_digest["stories"]
    mixed_stories = [s for s in built.digest["stories"] if set(s["articles"]) & seed_ids]
    assert mixed_stories == seed_stories, "a bad file changed the seeds' story (was it grouped with them?)"


def test_nothing_written_outside_docs(built: Built) -> None:
    assert sorted(p.name for p in built.base.iterdir() if not p.name.startswith("site")
                  and not p.name.startswith("seeds-site")) == ["docs", "outside", "seeds-docs", "src"]
    escaped = [p for p in built.base.rglob("*escaped*")]
    assert not escaped
    for page in built.docs.rglob("*"):
        assert page.resolve().is_relative_to(built.docs.resolve())


def test_source_text_shown_verbatim_not_interpreted(built: Built, sites: tuple[Path, Path]) -> None:
    site, _ = sites
    pages = [p for p in (site / "sources").glob("markdown-in-text*.html")]
    assert len(pages) == 1
    soup = BeautifulSoup(pages[0].read_text(encoding="utf-8"), "html.parser")
    content = soup.select_one("article") or soup
    shown = " ".join(content.get_text(" ").split())
    for literal in ("!!! danger", "{{ config.site_name }}", "{% include 'x' %}", "--8<--", "[click me](javascript:",
                    "<script>", "{: .injected }", "[TOC]", "| a | b |"):
        assert literal in shown, literal
    assert "\\" not in shown, "an escape character is visible on the page"
    assert not content.select(".admonition, .injected, table, script, img, iframe")


def _active_content(site: Path) -> tuple[set[str], set[str], list[str]]:
    """Scripts (by src or body) and event-handler attributes of every page, and every dangerous URL."""
    scripts: set[str] = set()
    handlers: set[str] = set()
    dangerous: list[str] = []
    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            scripts.add(str(script.get("src") or script.get_text()))
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                if name.lower().startswith("on"):
                    handlers.add(f"{tag.name}[{name}]={value}")
                url = "".join(str(value).split()).lower()
                if name.lower() in URL_ATTRIBUTES and url.startswith(("javascript:", "data:", "vbscript:")):
                    dangerous.append(f"{page.name}: {tag.name}[{name}]={value}")
            if tag.name in ("iframe", "object", "embed", "frame", "base") or (tag.name == "svg" and tag.find("script")):
                dangerous.append(f"{page.name}: <{tag.name}>")
    return scripts, handlers, dangerous


def test_built_html_has_no_script_from_sources(sites: tuple[Path, Path]) -> None:
    site, seed_site = sites
    scripts, handlers, dangerous = _active_content(site)
    theme_scripts, theme_handlers, _ = _active_content(seed_site)
    assert scripts <= theme_scripts, f"scripts the theme did not put there: {scripts - theme_scripts}"
    assert handlers <= theme_handlers, f"event handlers the theme did not put there: {handlers - theme_handlers}"
    assert not dangerous
    for page in site.rglob("*.html"):
        assert "__pwned" not in str(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all("script"))


def test_search_index_holds_no_markup_from_sources(sites: tuple[Path, Path]) -> None:
    site, _ = sites
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any("__pwned" in doc["title"] for doc in index["docs"]), "the hostile title is not in the index"
    for doc in index["docs"]:
        # The theme shows these as HTML: they must hold no element or attribute a source could have set.
        for field in (doc["title"], doc["text"]):
            soup = BeautifulSoup(field, "html.parser")
            assert not soup.find_all(["script", "img", "iframe", "svg", "a", "object", "embed"]), field[:200]
            assert not [a for t in soup.find_all(True) for a in t.attrs if a.lower().startswith("on")]


def test_source_links_are_http_only(built: Built, sites: tuple[Path, Path]) -> None:
    site, _ = sites
    for article in built.digest["articles"]:
        assert article["url"] is None or article["url"].lower().startswith(("http://", "https://")), article["url"]
    for page in (site / "sources").glob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for link in soup.select(".digest-meta a"):
            assert str(link["href"]).lower().startswith(("http://", "https://")), link
            assert set(link.attrs) == {"href"}, link.attrs


def test_cli_reports_rejections_and_strict_fails(built: Built, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--sources", str(built.sources),
                             "--docs", str(docs), "--strict"], capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{built.sources}/bad/huge-50mb.txt: file too large" in result.stderr
    assert (docs / "digest.json").is_file()


def test_no_source_script_runs_in_chromium(sites: tuple[Path, Path]) -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (apt-get install chromium) to run this check")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    site, _ = sites
    # A control page that does what every hostile source tries, to prove the check would see it.
    control = site / "control-page.html"
    control.write_text(f"<html><body><script>{JS}</script></body></html>", encoding="utf-8")
    pages = sorted(site.glob("*.html")) + sorted(site.glob("stories/*.html")) + sorted(site.glob("sources/*.html"))
    dialogs: list[str] = []
    pwned: list[str] = []
    with sync_api.sync_playwright() as play:
        browser = play.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                       else route.abort())
            page.on("dialog", lambda dialog: (dialogs.append(page.url.rsplit("/", 1)[-1]), dialog.dismiss()))
            for html in pages:
                page.goto(html.as_uri(), wait_until="load")
                page.wait_for_timeout(50)
                if page.evaluate("() => window.__pwned !== undefined"):
                    pwned.append(html.name)
        finally:
            browser.close()
            control.unlink()
    assert len(pages) > 20
    assert "control-page.html" in dialogs and "control-page.html" in pwned, "the check does not see scripts run"
    assert dialogs == ["control-page.html"], f"a source opened a dialog on: {dialogs}"
    assert pwned == ["control-page.html"], f"a source's script ran on: {pwned}"


def test_distinct_article_ids_get_distinct_pages() -> None:
    from generator.publish.render import page_name

    ids = ["a<>b", "a><b", "x" * 130 + "1", "x" * 130 + "2"]
    assert len({page_name(i) for i in ids}) == len(ids)
