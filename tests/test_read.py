"""Reading sources: limits that are configurable and reported, duplicates, links, pipes, encodings, dates."""

from __future__ import annotations

import os
import re
import sys
import traceback
from pathlib import Path

import ftfy
import markdown
import pytest
from bs4 import BeautifulSoup

from generator.cli import main
from generator.models import Document
from generator.pipeline import build
from generator.publish.render import escape_html, escape_markdown
from generator.read.decode import BADNESS, MOJIBAKE_REACH, decode_bytes, fix_text, strip_unsafe_chars
from generator.read.sources import read_sources
from generator.runtime.limits import DEFAULT_LIMITS, Limits, parse_limits

TEXT = ("The harbour authority opened a new ferry terminal on Monday.\n"
        "Passengers will board from the east quay while the old pier is repaired.\n")
RSS = ("<rss version='2.0'><channel><title>Quay Times</title>"
       + "".join(f"<item><title>Item {n}</title><description>Ferry note number {n} is here.</description></item>"
                 for n in range(3)) + "</channel></rss>")
MD_EXTENSIONS = ["admonition", "attr_list", "footnotes", "tables", "toc", "pymdownx.details"]


def read_one(tmp_path: Path, name: str, data: bytes | str, limits: Limits = DEFAULT_LIMITS) -> tuple[
        list[Document], list[str]]:
    """Read a sources folder holding one file: its documents and the reasons it was rejected."""
    folder = tmp_path / "src"
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    documents, rejected = read_sources(folder, "src", limits)
    return documents, [r.reason for r in rejected]


@pytest.mark.parametrize(("name", "data", "limit", "value"), [
    ("big.txt", TEXT * 40, "max_file_bytes", 1_000),
    ("page.html", "<html><body>" + "<div>" * 12 + f"<p>{TEXT}</p>" + "</div>" * 12 + "</body></html>",
     "max_nesting", 5),
    ("long.txt", TEXT.replace("\n", " ") * 3, "max_paragraph_chars", 200),
    ("meta.md", "---\ntitle: " + "x" * 300 + "\n---\n" + TEXT, "max_front_matter_chars", 100),
    ("feed.rss", RSS, "max_feed_entries", 2),
    ("list.md", "".join("    " * n + "- item\n" for n in range(8)) + TEXT, "max_markdown_nesting", 5),
    ("page.htm", f"<html><body><p>{TEXT}</p>" + " " * 3_000 + "</body></html>", "max_html_bytes", 2_000),
])
def test_limit_is_reported_and_configurable(tmp_path: Path, name: str, data: str, limit: str, value: int) -> None:
    documents, reasons = read_one(tmp_path, name, data, parse_limits([f"{limit}={value}"]))
    assert not documents
    assert len(reasons) == 1 and limit in reasons[0] and f"limit {value:,}" in reasons[0], reasons
    documents, reasons = read_one(tmp_path, name, data)
    assert documents and not reasons, reasons


def test_sentence_limit_is_reported_and_configurable(tmp_path: Path) -> None:
    sources = tmp_path / "src"
    sources.mkdir()
    # three different days: a paragraph printed twice would be kept once
    many = "".join(TEXT.replace("Monday", day).replace("east", side)
                   for day, side in (("Monday", "east"), ("Tuesday", "west"), ("Friday", "north")))
    (sources / "many.txt").write_text(many, encoding="utf-8")
    digest = build(sources, tmp_path / "docs", limits=Limits(max_sentences=4))
    assert not digest.articles
    assert "max_sentences" in digest.rejected[0].reason and "6 (limit 4" in digest.rejected[0].reason
    assert build(sources, tmp_path / "docs").articles


@pytest.mark.parametrize(("setting", "problem"), [
    ("max_bytes=5", "unknown limit"), ("max_nesting=deep", "whole number"), ("max_nesting=-1", "positive"),
])
def test_bad_limit_settings_are_refused(setting: str, problem: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_limits([setting])
    assert main(["build", "--sources", ".", "--docs", "/nonexistent-docs", "--limit", setting]) == 2
    assert problem in capsys.readouterr().err


def test_duplicates_keep_the_first_by_path(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    (folder / "a").mkdir(parents=True)
    (folder / "a" / "zeta.txt").write_text(TEXT, encoding="utf-8")
    (folder / "beta.txt").write_text(TEXT, encoding="utf-8")
    (folder / "gamma.md").write_text("---\ntitle: Same words\n---\n" + TEXT.replace("\n", "\n\n"), encoding="utf-8")
    documents, rejected = read_sources(folder, "src")
    assert [d.source_path for d in documents] == ["src/a/zeta.txt"]
    assert {(r.source_path, r.reason.split(":")[0]) for r in rejected} == {
        ("src/beta.txt", "duplicate of src/a/zeta.txt"), ("src/gamma.md", "duplicate of src/a/zeta.txt")}


def test_link_inside_the_sources_is_a_duplicate_of_its_target(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "real.txt").write_text(TEXT, encoding="utf-8")
    os.symlink("real.txt", folder / "alias.txt")
    documents, rejected = read_sources(folder, "src")
    assert [d.id for d in documents] == ["alias"]
    assert rejected[0].source_path == "src/real.txt" and "duplicate of src/alias.txt" in rejected[0].reason


def test_pipe_is_rejected_without_blocking(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    documents, rejected = read_sources(folder, "src")
    assert not documents and "named pipe" in rejected[0].reason


def test_unreadable_file_is_rejected_with_the_system_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "locked.txt").write_text(TEXT, encoding="utf-8")
    real_open = os.open

    def refuse(path: object, flags: int, *args: int) -> int:
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr("generator.read.sources.os.open", refuse)
    documents, rejected = read_sources(folder, "src")
    assert not documents and rejected[0].reason == "cannot read file: Permission denied"


def test_hidden_entries_are_reported_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    (folder / ".git").mkdir(parents=True)
    (folder / ".git" / "config.txt").write_text(TEXT, encoding="utf-8")
    (folder / ".notes.txt").write_text(TEXT, encoding="utf-8")
    documents, rejected = read_sources(folder, "src")
    assert not documents
    assert [(r.source_path, r.reason.split(" (")[0]) for r in rejected] == [
        ("src/.git", "hidden folder"), ("src/.notes.txt", "hidden file")]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "cp1252", "utf-8-sig"])
def test_encodings_decode_to_the_same_text(encoding: str) -> None:
    text = "The café’s owner — Zoë — said “yes”, twice.\n" * 3
    assert decode_bytes(text.encode(encoding)) == text


def test_stray_bytes_in_utf8_cost_only_themselves() -> None:
    text = "The café’s owner — Zoë — said “yes”, twice in Ærøskøbing.\n" * 3
    decoded = decode_bytes(text.encode().replace(b"owner", b"ow\xffner", 1))
    assert decoded.replace("\ufffd", "") == text and decoded.count("\ufffd") == 1


def test_mojibake_is_repaired() -> None:
    assert decode_bytes("The café’s owner said yes.".encode().decode("cp1252").encode()) == "The café’s owner said yes."


@pytest.mark.parametrize("text", [
    "plain ASCII\n", "The café’s owner — “yes” … twice.\nNext line", "AT&T and R&D", "x &amp; y", "Ã³ hello",
    "ok\nÃ line", "Â start", "a\r\nb", "â€™quote", "caf\u0065\u0301", "\ufeffbom", "naïve\x85line", "×² β€™",
])
def test_fix_text_skips_only_what_ftfy_would_leave(text: str) -> None:
    expected = ftfy.fix_text(text, uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False,
                             normalization="NFC")
    assert fix_text(text) == expected


def test_mojibake_signs_are_short_and_hold_a_non_ascii_character() -> None:
    """What lets decode read ftfy's signs of mojibake only near non-ASCII characters."""
    tree = re._parser.parse(BADNESS.pattern, BADNESS.flags)  # type: ignore[attr-defined]
    assert tree.getwidth()[1] <= MOJIBAKE_REACH + 1

    def non_ascii(op: object, arg: object) -> bool:
        if str(op) == "LITERAL":
            return isinstance(arg, int) and arg > 127
        return str(op) == "IN" and isinstance(arg, list) and all(
            (str(o) == "LITERAL" and a > 127) or (str(o) == "RANGE" and a[0] > 127) for o, a in arg)

    def needs_one(items: list[tuple[object, object]]) -> bool:
        return any(non_ascii(op, arg) or (str(op) == "BRANCH" and isinstance(arg, tuple)
                                          and all(needs_one(list(b)) for b in arg[1])) for op, arg in items)

    assert needs_one(list(tree))


def test_unsafe_characters_are_removed() -> None:
    assert strip_unsafe_chars("a\u202eb\u2066c\u2069\ufeffd\x00e\x1bf\ud800g") == "abcdefg"
    # Zero-width spaces and word joiners go; the joiners that shape scripts and emoji stay.
    assert strip_unsafe_chars("Roe\u200b said\u2060 so") == "Roe said so"
    joined = "\u0645\u200c\u06cc \U0001f468\u200d\U0001f469"
    assert strip_unsafe_chars(joined) == joined
    assert strip_unsafe_chars("عربي עברית 中文 👨‍👩‍👧 e\u0301") == "عربي עברית 中文 👨‍👩‍👧 e\u0301"


@pytest.mark.parametrize(("declared", "published"), [
    ("2025-03-18", "2025-03-18"), ("2025-02-30", None), ("2999-01-01", None), ("next Tuesday", None),
    ("March 18, 2025", "2025-03-18"), ("2025-03-18T23:30:00+05:00", "2025-03-18"),
])
def test_front_matter_dates(tmp_path: Path, declared: str, published: str | None,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    sources = tmp_path / "src"
    sources.mkdir()
    (sources / "dated.md").write_text(f"---\ntitle: Ferry terminal opens\ndate: {declared}\n---\n{TEXT}",
                                      encoding="utf-8")
    digest = build(sources, tmp_path / "docs")
    assert [a.published for a in digest.articles] == [published]


def test_future_is_measured_from_source_date_epoch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = tmp_path / "src"
    sources.mkdir()
    (sources / "dated.md").write_text(f"---\ntitle: Ferry terminal opens\ndate: 2026-06-01\n---\n{TEXT}",
                                      encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01: June is in the future
    assert build(sources, tmp_path / "docs").articles[0].published is None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # 2027-01-01
    assert build(sources, tmp_path / "docs").articles[0].published == "2026-06-01"


PAYLOADS = ["# heading", "!!! danger \"x\"", "[a](javascript:alert(1))", "<script>alert(1)</script>",
            "{{ config }}", "{% raw %}", "--8<-- \"x\"", "{: .c }", "[^1]: note", "| a | b |", "1. item",
            "- item", "> quote", "**bold** _em_ `code`", "&amp; &#60; &lt;", "\\*", "===", "<!-- c -->",
            ":smile: ~~s~~ ==m== ^^i^^ $x$ @user https://example.org", "[TOC]", "*[HTML]: x"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escaped_text_is_shown_as_written(payload: str) -> None:
    for template, tag in (("{}", "p"), ("# {}", "h1"), ("1. {}", "li"), ("| h |\n| - |\n| {} |", "td"),
                          ("!!! note\n\n    {}", "p"), ("Text[^1]\n\n[^1]: {}", "li")):
        html = markdown.markdown(template.format(escape_markdown(payload)), extensions=MD_EXTENSIONS)
        soup = BeautifulSoup(html, "html.parser")
        assert not soup.find_all(["script", "a", "h2", "strong", "em", "code", "table", "div"] if tag == "p"
                                 and template == "{}" else ["script", "strong", "em", "code", "img"]), html
        assert payload in " ".join(soup.get_text(" ").split()), (template, html)
    raw = f"<div class=\"x\">\n<p>{escape_html(payload)}</p>\n</div>"
    soup = BeautifulSoup(markdown.markdown(raw, extensions=MD_EXTENSIONS), "html.parser")
    assert [t.name for t in soup.find_all(True)] == ["div", "p"]
    assert soup.get_text().strip() == payload


def test_deep_folder_tree_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    deep = folder.joinpath(*["d"] * 200)
    deep.mkdir(parents=True)
    (deep / "deep.txt").write_text(TEXT, encoding="utf-8")
    limit = sys.getrecursionlimit()
    # A tree deeper than Python may recurse from here, yet shallow enough for pytest's own clean-up.
    sys.setrecursionlimit(len(traceback.extract_stack()) + 100)
    try:
        documents, rejected = read_sources(folder, "src")
    finally:
        sys.setrecursionlimit(limit)
    assert [d.id for d in documents] == ["deep"] and not rejected


def test_parser_failure_on_one_file_is_a_rejection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "a.html").write_text(f"<p>{TEXT}</p>", encoding="utf-8")
    (folder / "b.txt").write_text(TEXT, encoding="utf-8")

    def explode(*args: object) -> None:
        raise SyntaxError("parser gave up")

    monkeypatch.setattr("generator.read.sources.documents_from_html", explode)
    documents, rejected = read_sources(folder, "src")
    assert [d.id for d in documents] == ["b"]
    assert rejected[0].reason == "could not be read: SyntaxError: parser gave up"


def test_boilerplate_rules_spare_sentences() -> None:
    from generator.read.clean import strip_boilerplate

    long_read_more = ("Read more about how the council voted on the bridge plan, which was delayed for years "
                      "by disputes over money and land.")
    kept, header = strip_boilerplate([
        "By noon, the ferry had left.", "By Jane Doe and Mark Lee", "READ MORE: Ferry fares rise again this spring",
        long_read_more, "Advertisement", "Share this", "Posted on March 18, 2025"])
    assert kept == ["By noon, the ferry had left.", long_read_more]
    assert header.author == "Jane Doe and Mark Lee" and header.published == "2025-03-18"


@pytest.mark.parametrize(("url", "kept"), [
    ("https://example.org/a", True), ("HTTP://EXAMPLE.ORG/", True), ("javascript:alert(1)", False),
    ("JavaScript:alert(1)", False), ("data:text/html,<script>alert(1)</script>", False), ("http:///etc/passwd", False),
    ("//example.org/a", False), ("file:///etc/passwd", False), ("vbscript:msgbox(1)", False),
])
def test_only_http_links_to_sources(tmp_path: Path, url: str, kept: bool) -> None:
    sources = tmp_path / "src"
    sources.mkdir()
    (sources / "a.md").write_text(f"---\ntitle: Ferry\nurl: '{url}'\n---\n{TEXT}", encoding="utf-8")
    assert build(sources, tmp_path / "docs").articles[0].url == (url if kept else None)
