"""Write the bad-input corpus into a folder: every kind of malformed or hostile source we guard against.

Run `python -m tests.badinput.make_corpus DEST` to look at it; the tests call `make_corpus()`.
Each case says what must become of it: an article in the digest, or a rejection whose reason
contains the given words.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

# Payloads a page must show as text and never run; `window.__pwned` is what the browser test looks for.
JS = "alert(1);window.__pwned=1"
SCRIPT = f"<script>{JS}</script>"
TOWNS = ["Ashbury", "Brindlecombe", "Corvale", "Dunmere", "Eskerby", "Fallowmere", "Glenhallow", "Harrowby",
         "Ivybridge Hollow", "Juniper Flats", "Kestrel Cove", "Larkhaven", "Millbrook Ford", "Northwold",
         "Oakhurst", "Pebbleton", "Quarry End", "Rookwood", "Saltmarsh", "Thistledown", "Umberleigh Vale",
         "Wyndcliffe", "Yarrowby", "Zephyr Point", "Amberleigh", "Bramblecote", "Cinderford Heath", "Dovecote Green",
         "Elderwick", "Foxglove Lane", "Gorsemoor", "Heronsgate", "Inglenook", "Jackdaw Hill", "Kingsmead",
         "Lowerdale", "Marshfield End", "Nettlebed"]


@dataclass(frozen=True)
class Case:
    """One bad input: its path under the corpus folder, what it is, and what must become of it."""

    path: str
    kind: str
    outcome: str  # "digest" or "rejected"
    reason: str = ""  # words the rejection reason must contain
    text_has: tuple[str, ...] = ()  # words the article text must contain (for digest outcomes)
    fields: dict[str, str | None] = field(default_factory=dict)  # exact metadata values expected


def prose(town: str) -> str:
    """A short, ordinary local news text about a town, unrelated to any seed story."""
    return (f"The {town} parish council approved a new footbridge over the mill stream on Tuesday.\n"
            f"Engineers expect the work in {town} to take eight months and to cost about £400,000.\n"
            f"\"We asked for wider paths and we got them,\" said Margaret Ellory, who chairs the residents' group.\n"
            f"The old timber crossing in {town} was closed last winter after flood damage.\n")


def make_corpus(dest: Path, seeds: Path, outside: Path) -> list[Case]:
    """Write every bad input under dest (and link targets under outside); return what each must become."""
    dest.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    towns = iter(TOWNS)
    cases: list[Case] = []

    def put(name: str, data: bytes | str, case: Case | None = None, **kw: object) -> None:
        path = dest / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        if case is not None:
            cases.append(case)

    def digest(name: str, data: bytes | str, kind: str, *text_has: str, **fields: str | None) -> None:
        put(name, data, Case(name, kind, "digest", text_has=text_has, fields=fields))

    def rejected(name: str, data: bytes | str, kind: str, reason: str) -> None:
        put(name, data, Case(name, kind, "rejected", reason))

    # Empty, binary, huge.
    rejected("empty.txt", b"", "empty file", "empty file")
    rejected("whitespace.txt", b"  \t\n\r\n   \n\t", "whitespace-only file", "empty file")
    rejected("binary.txt", bytes(range(256)) * 64, "binary bytes", "not text")
    rejected("nul-bytes.txt", prose(next(towns)).encode().replace(b" ", b"\x00", 3), "text with NUL bytes",
             "NUL bytes")
    rejected("control-chars.txt", ("\x01\x02\x03\x04\x05\x06" * 40 + prose(next(towns))).encode(),
             "text full of control characters", "control characters")
    huge = dest / "huge-50mb.txt"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB long, almost no disk
    cases.append(Case("huge-50mb.txt", "a 50 MB file", "rejected", "max_file_bytes"))
    rejected("long-line-5mb.txt", ("Words go on without a break " * 180_000)[:5_000_000],
             "one 5 MB line without breaks", "max_paragraph_chars")

    # Encodings.
    town = next(towns)
    digest("invalid-utf8.txt", prose(town).encode().replace(b"footbridge", b"foot\xff\xfebridge"),
           "invalid UTF-8 bytes", town)
    town = next(towns)
    rich = prose(town) + "The café owner said “the bridge is lovely” — and Zoë agreed. Señor Ñúñez nodded.\n"
    digest("stray-byte-utf8.txt", rich.encode().replace(b"footbridge", b"foot\x80bridge"),
           "UTF-8 with one stray byte among many valid accents", town, "café", "“the bridge is lovely”", "Ñúñez")
    town = next(towns)
    digest("utf16-bom.txt", prose(town).encode("utf-16"), "UTF-16 with BOM", town, "£400,000")
    town = next(towns)
    digest("utf16-nobom.txt", prose(town).encode("utf-16-le"), "UTF-16 without BOM", town, "£400,000")
    town = next(towns)
    digest("cp1252.txt", (prose(town) + "The café owner said “the bridge is lovely” – and smiled.\n").encode("cp1252"),
           "cp1252 (Windows) text", town, "café", "“the bridge is lovely”")
    town = next(towns)
    mangled = (prose(town) + "The café owner’s verdict was kind.\n").encode().decode("cp1252").encode()
    digest("mojibake.txt", mangled, "mojibake (UTF-8 read as cp1252)", town, "café")
    town = next(towns)
    digest("cr-line-endings.txt", prose(town).replace("\n", "\r"), "old Mac line endings (CR only)", town)
    town = next(towns)
    digest("bidi-zero-width.txt", prose(town).replace("footbridge", "foot\u200bbridge\u202e\u2066")
           .replace("council", "coun\ufeffcil"), "bidirectional overrides, zero-width and BOM characters", town)

    # Hostile HTML.
    town = next(towns)
    page = (f"<html><head><title>{town} bridge</title><style>body{{display:none}}</style>{SCRIPT}</head><body>"
            f"<article><h1>{town} gets a footbridge</h1>"
            + "".join(f"<p>{line}</p>" for line in prose(town).splitlines())
            + f"<p>Photos: <img src=x onerror=\"{JS}\"> <a href=\"javascript:{JS}\">see more</a> and "
            f"<a href=\"https://example.org/\" onclick=\"{JS}\">the plan</a>.</p>"
            f"<iframe src=\"javascript:{JS}\"></iframe><svg><script>{JS}</script></svg>"
            f"<object data=\"javascript:{JS}\"></object></article></body></html>")
    digest("script-page.html", page, "HTML with <script>, onerror=, javascript: links, <iframe>, <style>, inline SVG",
           town)
    rejected("drawing.svg", f"<svg xmlns='http://www.w3.org/2000/svg' onload='{JS}'>{SCRIPT}</svg>",
             "SVG file with scripts", "unsupported file type")
    town = next(towns)
    unclosed = (f"<html><body><div><article><h2>{town} bridge<p>"
                + "<p>".join(prose(town).splitlines()) + "<div><b><i>unclosed <span>tags everywhere")
    digest("unclosed-tags.html", unclosed, "HTML with unclosed tags", town)
    rejected("deep-nesting.html", "<html><body>" + "<div>" * 10_000 + prose(next(towns)) + "</div>" * 10_000,
             "10,000-deep nesting", "max_nesting")
    rejected("deep-list.md", "".join("  " * n + "- item\n" for n in range(2_000)) + prose(next(towns)),
             "Markdown list nested 2,000 deep", "max_markdown_nesting")
    rejected("feed-unclosed.rss", "<rss version='2.0'><channel><title>T</title><item><title>Unclosed</title>"
             "<description><![CDATA[" + "<p>Unclosed paragraph. " * 10_000 + "]]></description></item></channel></rss>",
             "feed entry with 10,000 unclosed paragraphs", "max_nesting")
    rejected("script-only.html", f"<html><head>{SCRIPT}</head><body><script>{JS}</script></body></html>",
             "HTML with scripts and no text", "no article text")

    # Markdown and MkDocs syntax in article text.
    town = next(towns)
    syntax = (f"# Not a heading in {town}\n!!! danger \"Injected admonition\"\n"
              f"[click me](javascript:{JS}) and <b>raw</b> {SCRIPT} <img src=x onerror=\"{JS}\">\n"
              "{{ config.site_name }} {% include 'x' %} {: .injected } [^1] [TOC]\n"
              "--8<-- \"/etc/passwd\"\n| a | b |\n---\n* star\n> quoted\n"
              + prose(town))
    digest("markdown-in-text.txt", syntax, "Markdown/MkDocs syntax in a .txt article", town, "!!! danger",
           "{{ config.site_name }}", "--8<--", "javascript:")
    town = next(towns)
    digest("markdown-in-md.md", f"---\ntitle: \"# {town} <script>{JS}</script> [x](javascript:{JS})\"\n---\n"
           + syntax.replace("Not a heading", "A heading"), "Markdown/MkDocs syntax and raw HTML in a .md article",
           town, "{{ config.site_name }}")

    # Front matter.
    rejected("frontmatter-malformed.md", "---\ntitle: [unclosed\noutlet: : :\n---\n" + prose(next(towns)),
             "malformed YAML front matter", "malformed YAML front matter")
    bomb = "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    for n, prev in zip("bcdefghi", "abcdefgh", strict=True):
        bomb += f"{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
    rejected("frontmatter-bomb.md", bomb + "title: *i\n---\n" + prose(next(towns)), "YAML billion-laughs alias bomb",
             "anchors or aliases")
    rejected("frontmatter-python-tag.md", "---\ntitle: !!python/object/apply:os.system [\"touch pwned\"]\n---\n"
             + prose(next(towns)), "YAML front matter with a python object tag", "malformed YAML front matter")
    rejected("frontmatter-list.md", "---\n- a\n- b\n---\n" + prose(next(towns)), "front matter that is a list",
             "not a mapping")
    town = next(towns)
    digest("frontmatter-traversal.md", f"---\ntitle: \"../../../../escaped-{town}\"\nslug: ../../../escaped\n"
           f"id: ../../escaped\noutlet: \"../../outlet\"\n---\n" + prose(town),
           "../ in slug, id and title", town, title=f"../../../../escaped-{town}")
    town = next(towns)
    digest("url-javascript.md", f"---\ntitle: {town} bridge\nurl: \"javascript:{JS}\"\n---\n" + prose(town),
           "javascript: URL in front matter", town, url=None)
    town = next(towns)
    digest("url-quote.md", f"---\ntitle: {town} bridge\nurl: 'https://example.org/a\"onmouseover=\"{JS}'\n---\n"
           + prose(town), "URL that tries to break out of its attribute", town)
    town = next(towns)
    digest("future-date.md", f"---\ntitle: {town} bridge\ndate: 2999-01-01\n---\n" + prose(town),
           "date in the future", town, published=None)
    town = next(towns)
    digest("unparseable-date.md", f"---\ntitle: {town} bridge\ndate: 2025-02-30\npublished: sometime soon\n---\n"
           + prose(town), "unparseable date", town, published=None)

    # Text shapes.
    rejected("no-sentences.txt", "* * *\nMenu\nHome | News\n", "no sentences", "no sentences")
    rejected("too-many-sentences.txt", "".join(f"Item {n} is on the list.\n" for n in range(3_200)),
             "too many sentences", "max_sentences")
    town = next(towns)
    digest("unbalanced-quotes.txt", f"\"The {town} bridge is open, said nobody.\n“Another opening quote.\n"
           f"A closing one” and a ‘stray one.\n" + prose(town), "unbalanced quotation marks", town)
    digest("rtl.txt", "قال رئيس البلدية إن الجسر الجديد سيفتح في الربيع.\nהגשר החדש ייפתח באביב, אמר ראש העיר.\n"
           "The \u202eevil\u202c mayor of Saltmarsh said the bridge opens in spring.\n",
           "right-to-left text (Arabic, Hebrew) with an override", "الجسر", "הגשר", "evil")
    digest("cjk.txt", "市议会周二批准了新的人行桥。工程预计需要八个月。\n新しい橋は春に開通する予定です。\n"
           "새 다리는 봄에 개통될 예정이다.\n", "CJK text", "人行桥", "新しい橋")
    digest("emoji.txt", "The Thistledown bridge 🌉 opened today 🎉 to cheers 👏🏽.\n"
           "Families 👨‍👩‍👧 crossed it first.\n",
           "emoji text", "🌉", "👨‍👩‍👧")

    # Feeds.
    rejected("feed-malformed.rss", "<rss><channel><item><title>broken", "malformed RSS", "feed")
    town = next(towns)
    xxe = ("<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">"
           "<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
           "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>\n"
           f"<rss version=\"2.0\"><channel><title>{town} Gazette &lol3;</title><item><title>Bridge &xxe;</title>"
           f"<description>{prose(town)} &xxe;</description></item></channel></rss>")
    digest("feed-xxe.rss", xxe, "RSS with an external entity and an entity bomb", town)
    rejected("feed-deep.json", "[" * 100_000 + "]" * 100_000, "JSON nested 100,000 deep", "nested too deeply")
    town = next(towns)
    feed = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": f"{town} \ud800 News",
                       "items": [{"id": "1", "title": f"Bridge \udfff {town}", "url": f"javascript:{JS}",
                                  "content_text": prose(town) + "Lone \ud800 surrogate."}]})
    digest("feed-surrogates.json", feed, "JSON Feed with lone surrogates and a javascript: url", town)

    # File names and kinds.
    rejected("report.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "unsupported file type", "unsupported file type")
    rejected("README", "No extension at all.\n", "file without extension", "unsupported file type")
    rejected(".hidden.txt", prose(next(towns)), "hidden file", "hidden file")
    rejected(".hidden-folder", b"", "hidden folder", "hidden folder")
    (dest / ".hidden-folder").unlink()
    (dest / ".hidden-folder").mkdir()
    (dest / ".hidden-folder" / "inside.txt").write_text(prose("Hidden Town"), encoding="utf-8")
    town = next(towns)
    digest(f"evil<script>{JS}<\\script>[x](javascript:1).txt", prose(town), "file name with markup", town)
    town = next(towns)
    digest("new\nline & \"quotes\".txt", prose(town), "file name with a newline and quotes", town)

    town = next(towns)
    with open(os.path.join(os.fsencode(dest), b"caf\xe9-latin1-\xff.txt"), "w", encoding="utf-8") as handle:
        handle.write(prose(town))
    cases.append(Case("caf\ufffd-latin1-\ufffd.txt", "file name that is not valid UTF-8 (shown with U+FFFD)",
                      "digest", text_has=(town,)))

    # Links, pipes, permissions.
    target = outside / "secret.txt"
    target.write_text("Outside secret text that must never be read. It is not a source.\n", encoding="utf-8")
    (outside / "folder").mkdir(exist_ok=True)
    (outside / "folder" / "inside.txt").write_text(prose("Outside Town"), encoding="utf-8")
    links = [("link-outside.txt", target, "symbolic link to a file outside the sources", "outside"),
             ("link-outside-folder", outside / "folder", "symbolic link to a folder outside", "outside"),
             ("link-dangling.txt", dest / "missing.txt", "dangling symbolic link", "missing file"),
             ("link-loop-a.txt", dest / "link-loop-b.txt", "symbolic link loop", "loop"),
             ("link-loop-b.txt", dest / "link-loop-a.txt", "symbolic link loop", "loop"),
             ("link-inside-folder", dest / "sub", "symbolic link to a folder inside", "folder")]
    (dest / "sub").mkdir()
    digest("sub/nested-article.txt", prose(next(towns)), "article in a subfolder")
    for name, to, kind, reason in links:
        os.symlink(os.path.relpath(to, dest), dest / name)
        cases.append(Case(name, kind, "rejected", reason))
    os.mkfifo(dest / "pipe.txt")
    cases.append(Case("pipe.txt", "named pipe (would block a reader)", "rejected", "named pipe"))
    town = next(towns)
    put("unreadable.txt", prose(town))
    (dest / "unreadable.txt").chmod(0)
    if os.access(dest / "unreadable.txt", os.R_OK):  # root reads anything: then it is an ordinary article
        cases.append(Case("unreadable.txt", "unreadable file (mode 000; readable to root)", "digest", text_has=(town,)))
    else:
        cases.append(Case("unreadable.txt", "unreadable file (mode 000)", "rejected", "permission denied"))

    # Duplicates and clashing ids.
    seed_files = sorted(p for p in seeds.iterdir() if p.suffix == ".txt")
    shutil.copyfile(seed_files[0], dest / "copy-of-seed.txt")
    cases.append(Case("copy-of-seed.txt", "duplicate of a seed under another name", "rejected",
                      f"duplicate of seeds/{seed_files[0].name}"))
    town = next(towns)
    digest("dup-first.txt", prose(town), "duplicate articles: the first copy", town)
    rejected("dup-second.txt", prose(town), "duplicate articles: the second copy",
             "duplicate of seeds/bad/dup-first.txt")
    town = next(towns)
    digest(seed_files[0].name, prose(town), "id clashing with a seed's id", town)
    return cases


def make_mixed_sources(base: Path, seeds: Path) -> tuple[Path, list[Case]]:
    """A sources folder holding the seeds at its top and the bad corpus under bad/, read as `seeds`."""
    sources = base / "src"
    sources.mkdir(parents=True)
    for seed in sorted(seeds.iterdir()):
        if seed.is_file():
            shutil.copyfile(seed, sources / seed.name)
    return sources, make_corpus(sources / "bad", seeds, base / "outside")


def main(argv: list[str]) -> int:
    """Write the corpus (beside the seeds) into DEST, build it, and print the table of kinds and outcomes."""
    if len(argv) != 1:
        print("usage: python -m tests.badinput.make_corpus DEST", file=sys.stderr)
        return 2
    from generator.pipeline import build

    root = Path(__file__).resolve().parents[2]
    sources, cases = make_mixed_sources(Path(argv[0]), root / "seeds")
    digest = build(sources, Path(argv[0]) / "docs", label="seeds")
    print("| Kind | File | Outcome |\n| --- | --- | --- |")
    for case in cases:
        shown = f"seeds/bad/{case.path}"
        reasons = [r.reason for r in digest.rejected if r.source_path == shown]
        ids = [a.id for a in digest.articles if a.source_path == shown]
        outcome = f"digest ({', '.join(ids)})" if ids else "rejected: " + "; ".join(reasons)
        print(f"| {case.kind} | `{case.path!r}` | {outcome} |".replace("\n", " "))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
