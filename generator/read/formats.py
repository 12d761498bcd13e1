"""Article formats beyond plain text: saved web pages, RSS/Atom feeds, JSON Feed, Markdown."""

from __future__ import annotations

import re
import time
import warnings
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

from ..models import Document
from ..runtime.limits import DEFAULT_LIMITS, Limits
from ..text.tokens import words
from .decode import decode_bytes, fix_text

BLOCK_TAGS = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "dd", "dt"]
MAX_HTML_BYTES = DEFAULT_LIMITS.max_html_bytes
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")
# Elements that never hold content are never nested. Those whose end tag pages routinely leave out
# are closed by the page extractor's parser, but nested by the one that reads feed entries.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "param", "keygen", "frame", "basefont", "isindex"}
UNNESTED = VOID | {"p", "li", "dt", "dd", "tr", "td", "th", "option", "thead", "tbody", "tfoot", "colgroup", "rt",
                   "rp", "optgroup"}
MARKDOWN_DEPTH = re.compile(r"^((?:[ \t]*>)*)([ \t]*)", re.MULTILINE)


HEADLINE_WORDS = (4, 40)  # a visible headline's length in words: shorter is a logo or a section's name
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
TITLE_SHARE = 0.5  # share of the metadata title's words a headline must hold to be a wording of it


class FormatError(ValueError):
    """A file is of a known kind but holds nothing we can use."""


def check_nesting(html: str, limits: Limits = DEFAULT_LIMITS, unclosed_nest: bool = False) -> None:
    """Refuse markup nested deeper than the limit, before a parser recurses into it."""
    depth = deepest = 0
    flat = VOID if unclosed_nest else UNNESTED
    for match in TAG.finditer(html):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in flat or self_closing:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        deepest = max(deepest, depth)
    if deepest > limits.max_nesting:
        raise FormatError(limits.exceeded("max_nesting", deepest, "markup nested too deeply (levels)"))


def documents_from_html(data: bytes, stem: str, display: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """The main text and metadata of a saved web page."""
    if len(data) > limits.max_html_bytes:
        raise FormatError(limits.exceeded("max_html_bytes", len(data), "web page too large (bytes)"))
    html = decode_bytes(data)
    check_nesting(html, limits)
    import trafilatura  # a tenth of a second to import: only folders with web pages pay it

    result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                         include_tables=False, favor_precision=False)
    body = getattr(result, "text", None) if result is not None else None
    if not body or not body.strip():
        raise FormatError("no article text found in the web page")
    meta = _page_metadata(html)
    title = choose_page_title(_clean(getattr(result, "title", None) or meta.get("title")), meta.get("headline"))
    return Document(
        id=stem,
        source_path=display,
        paragraphs=tuple(_lines(fix_text(body))),
        title=_clean(title),
        outlet=_clean(getattr(result, "sitename", None) or meta.get("outlet")),
        published=_clean(earliest_date(getattr(result, "date", None), meta.get("published_time"))
                         or meta.get("published")),
        url=_clean(getattr(result, "url", None) or meta.get("url")),
        author=_clean(getattr(result, "author", None) or meta.get("author")),
        plain=False,
    )


def documents_from_feed(data: bytes, stem: str, display: str, limits: Limits = DEFAULT_LIMITS) -> list[Document]:
    """Every entry of an RSS or Atom feed, as articles with ids ``<stem>-<n>``."""
    import feedparser  # the parsers are imported by the formats that need them: plain text needs none

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        raise FormatError(f"not a readable feed: {problem}" if problem else "feed holds no entries")
    if len(entries) > limits.max_feed_entries:
        raise FormatError(limits.exceeded("max_feed_entries", len(entries), "feed has too many entries"))
    outlet = _clean((parsed.get("feed") or {}).get("title"))
    docs = []
    for n, entry in enumerate(entries, start=1):
        html = entry_html(entry)
        paragraphs = tuple(html_paragraphs(html, limits))
        if not paragraphs:
            continue
        docs.append(Document(
            id=f"{stem}-{n}", source_path=display, paragraphs=paragraphs,
            title=_clean(entry.get("title")), outlet=outlet,
            published=_feed_date(entry), url=_clean(entry.get("link")),
            author=_clean(entry.get("author")), plain=False,
        ))
    if not docs:
        raise FormatError("feed entries hold no text")
    return docs


def documents_from_json_feed(feed: Any, stem: str, display: str, limits: Limits = DEFAULT_LIMITS) -> list[Document]:
    """Every item of a JSON Feed (jsonfeed.org), as articles with ids ``<stem>-<n>``."""
    if not isinstance(feed, dict) or not isinstance(feed.get("items"), list):
        raise FormatError("not a JSON Feed: expected an object with an 'items' list")
    if len(feed["items"]) > limits.max_feed_entries:
        raise FormatError(limits.exceeded("max_feed_entries", len(feed["items"]), "feed has too many entries"))
    outlet = _clean(feed.get("title")) if isinstance(feed.get("title"), str) else None
    docs = []
    for n, item in enumerate(feed["items"], start=1):
        if not isinstance(item, dict):
            continue
        html = item.get("content_html") or ""
        plain = item.get("content_text") or item.get("summary") or ""
        paragraphs = tuple(html_paragraphs(html, limits)) if isinstance(html, str) and html else tuple(
            _lines(fix_text(str(plain))))
        if not paragraphs:
            continue
        authors = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), dict) else [])
        author = ", ".join(a.get("name", "") for a in authors if isinstance(a, dict) and a.get("name"))
        docs.append(Document(
            id=f"{stem}-{n}", source_path=display, paragraphs=paragraphs,
            title=_clean(_str(item.get("title"))), outlet=outlet,
            published=_clean(_str(item.get("date_published"))), url=_clean(_str(item.get("url"))),
            author=_clean(author), plain=False,
        ))
    if not docs:
        raise FormatError("JSON Feed items hold no text")
    return docs


def check_markdown_nesting(text: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse Markdown whose quotes and indented lists nest deeper than the limit (its parser recurses)."""
    deepest = 0
    for match in MARKDOWN_DEPTH.finditer(text):
        quotes, indent = match.group(1), match.group(2)
        deepest = max(deepest, quotes.count(">") + len(indent.expandtabs(4)) // 4)
    if deepest > limits.max_markdown_nesting:
        raise FormatError(limits.exceeded("max_markdown_nesting", deepest, "Markdown nested too deeply (levels)"))


def markdown_paragraphs(text: str, limits: Limits = DEFAULT_LIMITS) -> Iterator[str]:
    """The text blocks of a Markdown body, with the markup removed."""
    check_markdown_nesting(text, limits)
    check_nesting(text, limits)
    import markdown

    html = markdown.markdown(text, output_format="html")
    yield from html_paragraphs(html, limits)


def html_paragraphs(html: str, limits: Limits = DEFAULT_LIMITS) -> Iterator[str]:
    """The text of each block element of an HTML fragment, scripts and styles dropped."""
    check_nesting(html, limits, unclosed_nest=True)
    soup = _soup(html)
    for tag in soup(["script", "style", "noscript", "iframe", "svg", "template"]):
        tag.decompose()
    blocks = soup.find_all(BLOCK_TAGS)
    if not blocks:
        yield from _lines(fix_text(soup.get_text("\n")))
        return
    for block in blocks:
        if block.find(BLOCK_TAGS):
            continue
        text = " ".join(fix_text(block.get_text(" ")).split())
        if text:
            yield text


def _soup(html: str) -> BeautifulSoup:
    """The parsed HTML, without beautifulsoup4's guesses that a short text is a file name or an XML file."""
    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup(html, "html.parser")


def _page_metadata(html: str) -> dict[str, str]:
    """Title, outlet, date, url and author from a page's meta tags, for what the extractor missed."""
    soup = _soup(html[:400_000])
    found: dict[str, str] = {}
    wanted = {"og:title": "title", "og:site_name": "outlet", "article:published_time": "published_time",
              "og:article:published_time": "published_time", "datepublished": "published_time",
              "og:url": "url", "author": "author", "article:author": "author", "date": "published"}
    for tag in soup.find_all("meta"):
        key = str(tag.get("property") or tag.get("name") or tag.get("itemprop") or "").lower()
        content = tag.get("content")
        if key in wanted and isinstance(content, str) and content.strip():
            found.setdefault(wanted[key], content.strip())
    if "title" not in found and soup.title and soup.title.string:
        found["title"] = soup.title.string.strip()
    headlines = [text for h1 in soup.find_all("h1") if HEADLINE_WORDS[0] <= len(
        (text := " ".join(h1.get_text(" ").split())).split()) <= HEADLINE_WORDS[1]]
    if len(headlines) == 1:  # several are a page of teasers or a site's furniture: none is the article's
        found["headline"] = headlines[0]
    return found


def earliest_date(found: str | None, declared: str | None) -> str | None:
    """The extractor's date, or the page's declared publication time when that is an earlier day.

    An extractor may take a revision date for the publication date; a declared time that is a day later
    is most often the same evening's publication written in UTC, so the extractor's day then stands.
    """
    if not found or not declared:
        return found or declared
    days = ISO_DAY.match(found), ISO_DAY.match(declared)
    if days[0] and days[1] and days[1].group(0) < days[0].group(0):
        return declared
    return found


def choose_page_title(title: str | None, headline: str | None) -> str | None:
    """The headline the page shows when it is a wording of the title its metadata gives, else that title.

    Social and search titles are often rewritten for their sites ("What we learned from …"); the page's one
    <h1> is the headline its readers see. A headline that adds a section label to the title keeps the title.
    """
    if not headline:
        return title
    if not title:
        return headline
    ours, shown = words(title), words(headline)
    if " ".join(ours) in " ".join(shown):
        return title
    shared = sum((Counter(ours) & Counter(shown)).values())
    return headline if len(ours) < 3 or shared >= TITLE_SHARE * len(ours) else title


def entry_html(entry: Any) -> str:
    """The fullest text an RSS/Atom entry carries: its content, else its summary."""
    contents = entry.get("content") or []
    for content in contents:
        value = content.get("value") if isinstance(content, dict) else None
        if value:
            return str(value)
    return str(entry.get("summary") or entry.get("description") or "")


def entry_time(entry: Any) -> time.struct_time | None:
    """When a feed entry was published, else last updated (UTC, as feedparser parses it)."""
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return value  # type: ignore[no-any-return]
    return None


def _feed_date(entry: Any) -> str | None:
    when = entry_time(entry)
    return time.strftime("%Y-%m-%d", when) if when else None


def _lines(text: str) -> Iterator[str]:
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            yield line


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = re.sub(r"\s+", " ", value).strip()
    return text[:500] or None
