"""Fuzzing: generated article text, front matter and bytes never crash the build or break its contract."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import markdown
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.models import Digest
from generator.pipeline import build
from generator.publish.render import escape_html, escape_markdown
from generator.read.decode import strip_unsafe_chars
from generator.read.sources import printable_name

MD_EXTENSIONS = ["admonition", "attr_list", "footnotes", "tables", "toc", "pymdownx.details"]
TEMPLATE_ADMONITIONS = {"admonition", "abstract", "warning"}
TOKENS = ["The", "council", "said", "on", "Monday", "that", "the", "bridge", "would", "open.", "“It", "is", "done,”",
          "\"Yes,\"", "she", "said.", "Mr.", "Smith", "'", "\"", "“", "”", "‘", "’", "(", ")", "—", "…", "1.", "2,000",
          "#", "##", "!!!", "note", "[x](javascript:alert(1))", "<script>alert(1)</script>", "<img src=x onerror=1>",
          "{{ x }}", "{% y %}", "--8<--", "{: .c }", "[^1]:", "|", "---", "===", "*", "_", "`", "\\", "&amp;",
          "&#60;", "<!--", "-->", "]]>", "قال", "עברית", "中文。", "です。", "👨‍👩‍👧", "\u202e", "\u200b", "\t",
          "2025-03-18", "March", "18,", "2999", "Posted", "By", "Photo:", "Share", "this"]
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# NUL and control characters make a file "binary" (rejected whole); test_any_bytes covers those.
words = st.one_of(st.sampled_from(TOKENS), st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=12))
lines = st.lists(words, max_size=14).map(" ".join)
article_text = st.lists(lines, max_size=8).map("\n".join)
meta_values = st.one_of(
    st.text(max_size=40), st.integers(), st.floats(), st.booleans(), st.none(), st.dates(),
    st.lists(st.text(max_size=5), max_size=3), st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2),
    st.sampled_from(["javascript:alert(1)", "../../../escape", "2999-01-01", "2025-02-30", "https://e.org/\"x",
                     "<script>alert(1)</script>", "# title", "{{ x }}"]))
meta_blocks = st.dictionaries(
    st.sampled_from(["title", "outlet", "date", "published", "url", "author", "slug", "id", "link"]),
    meta_values, max_size=6).map(lambda meta: yaml.safe_dump(meta, allow_unicode=True))
front_matter = st.one_of(meta_blocks, meta_blocks, st.text(max_size=120))


def build_folder(files: dict[str, bytes]) -> tuple[Digest, dict[str, str]]:
    """Build a sources folder holding these files (names as the file system has them); digest and pages."""
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        sources, docs = Path(tmp) / "src", Path(tmp) / "docs"
        sources.mkdir()
        for name, data in files.items():
            with open(os.path.join(os.fsencode(sources), os.fsencode(name)), "wb") as handle:
                handle.write(data)
        digest = build(sources, docs, label="src")
        pages = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8")
                 for p in docs.rglob("*.md")}
        assert {p.name for p in Path(tmp).iterdir()} == {"src", "docs"}, "the build wrote outside --docs"
    check_contract(digest, files)
    check_pages(pages)
    return digest, pages


def check_contract(digest: Digest, files: dict[str, bytes]) -> None:
    """Every file accounted for; every sentence and piece of evidence a verbatim span of its article."""
    accounted = {a.source_path for a in digest.articles} | {r.source_path for r in digest.rejected}
    assert accounted == {printable_name(f"src/{name}") for name in files}
    assert all(r.reason.strip() for r in digest.rejected)
    articles = {a.id: a for a in digest.articles}
    assert len(articles) == len(digest.articles), "ids are not unique"
    for article in digest.articles:
        assert article.sentences
        assert article.url is None or article.url.lower().startswith(("http://", "https://"))
        for sentence in article.sentences:
            assert article.text[sentence.start:sentence.end] == sentence.text
    for story in digest.stories:
        for point in story.key_points:
            assert {span for detail in point.details for span in detail.evidence} <= set(point.evidence)
        items = [*story.key_points, *story.quotes, *story.reservations]
        spans = [span for item in items for span in item.evidence]
        spans += [value.span for conflict in story.conflicts for value in conflict.values]
        for span in spans:
            assert articles[span.article].text[span.start:span.end] == span.text


def check_pages(pages: dict[str, str]) -> None:
    """Pages whose front matter parses and whose HTML holds nothing a source could have put there."""
    for name, page in pages.items():
        if page.startswith("---\n"):
            head, _, page = page[4:].partition("\n---\n")
            meta = yaml.safe_load(head)
            assert isinstance(meta, dict) and isinstance(meta["title"], str), name
            assert "<" not in meta["title"], name
        soup = BeautifulSoup(markdown.markdown(page, extensions=MD_EXTENSIONS), "html.parser")
        assert not soup.find_all(["script", "iframe", "img", "object", "embed", "style"]), name
        for link in soup.find_all("a", href=True):
            assert not str(link["href"]).lower().lstrip().startswith(("javascript", "data:")), (name, link)
        for box in soup.select(".admonition"):
            assert set(box["class"]) <= TEMPLATE_ADMONITIONS, (name, box["class"])


@SETTINGS
@given(text=article_text)
def test_any_text_article(text: str) -> None:
    build_folder({"a.txt": text.encode("utf-8"), "b.txt": (text + "\nThe bridge opened on Monday.").encode()})


@SETTINGS
@given(meta=front_matter, body=article_text)
def test_any_front_matter(meta: str, body: str) -> None:
    digest, _ = build_folder({"a.md": f"---\n{meta}\n---\n{body}\n\nThe ferry left at noon, the captain said.\n"
                              .encode(errors="surrogatepass")})
    assert digest.articles or "front matter" in digest.rejected[0].reason or "not text" in digest.rejected[0].reason


@SETTINGS
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".md", ".html", ".rss", ".json", ".xml"]))
def test_any_bytes(data: bytes, suffix: str) -> None:
    build_folder({f"x{suffix}": data})


file_names = st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\x00" not in b)


@SETTINGS
@given(names=st.lists(file_names, min_size=1, max_size=4, unique=True))
def test_any_file_names(names: list[bytes]) -> None:
    text = "The ferry left the harbour at noon on Monday, the captain said.\n"
    files = {os.fsdecode(name + b".txt"): f"{text}Note {n}.\n".encode() for n, name in enumerate(names)}
    build_folder(files)


@settings(max_examples=150, deadline=None)
@given(text=st.text(st.characters(exclude_categories=("Cs",)), max_size=80))
def test_escaped_text_shows_exactly_the_source(text: str) -> None:
    source = " ".join(strip_unsafe_chars(text).split())
    html = markdown.markdown(f"Said: {escape_markdown(source)}", extensions=MD_EXTENSIONS)
    soup = BeautifulSoup(html, "html.parser")
    assert [t.name for t in soup.find_all(True)] == ["p"], html
    assert soup.get_text() == f"Said: {source}"
    raw = BeautifulSoup(markdown.markdown(f"<div>\n<p>{escape_html(source)}</p>\n</div>"), "html.parser")
    assert [t.name for t in raw.find_all(True)] == ["div", "p"]
    assert raw.p is not None and raw.p.get_text() == source


MARKUP_HEAVY = st.text(st.sampled_from([*"&<>\"'\\`*_{}[]()#+-.!|~^=:$@", *"ab1;& #\n\t\u00a0é"]), max_size=60)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(MARKUP_HEAVY, st.text(max_size=60)))
def test_escaping_encodes_each_markup_character_once(text: str) -> None:
    # every markup character becomes its own numeric reference, an & or # inside a reference included
    expected = " ".join(text.split()).translate({ord(ch): f"&#{ord(ch)};" for ch in "&<>\"'\\`*_{}[]()#+-.!|~^=:$@"})
    assert str(escape_markdown(text)) == str(escape_html(text)) == expected
