"""Render the digest into Markdown pages for MkDocs Material, through Jinja2 templates."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from importlib import resources
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .models import Article, Digest, KeyPoint, Span, Story
from .serialize import SCHEMA

MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~^=:$])")


def escape_markdown(value: object) -> Markup:
    """Source text made inert: HTML-escaped, and every Markdown control character backslash-escaped."""
    if isinstance(value, Markup):
        return value
    text = " ".join(str(value).split())
    return Markup(MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False)))


def escape_html(value: object) -> Markup:
    """Source text for a raw-HTML block, where Markdown is not processed."""
    return Markup(html.escape(" ".join(str(value).split()), quote=True))


def environment() -> Environment:
    """The Jinja2 environment: strict about missing values, and escaping everything it prints."""
    folder = resources.files("generator") / "templates"
    env = Environment(
        loader=FileSystemLoader(str(folder)),
        undefined=StrictUndefined,
        autoescape=True,
        finalize=escape_markdown,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["raw_html"] = escape_html
    return env


def page_name(article_id: str) -> str:
    """A file name for an article's archive page that is safe on every file system."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "-", article_id).strip(".-") or "article"
    if safe != article_id:
        safe += "-" + format(sum(map(ord, article_id)) % 65521, "x")
    return safe[:120]


def render_site(digest: Digest) -> dict[str, str]:
    """Every page of the site, as {relative path: Markdown text}."""
    env = environment()
    articles = {a.id: a for a in digest.articles}
    pages: dict[str, str] = {}
    stories = [story_view(s, articles) for s in digest.stories]
    pages["index.md"] = env.get_template("index.md.j2").render(
        stories=stories, n_articles=len(digest.articles), rejected=digest.rejected)
    for story, view in zip(digest.stories, stories, strict=True):
        pages[f"stories/{story.id}.md"] = env.get_template("story.md.j2").render(story=view)
    for article in digest.articles:
        pages[f"sources/{page_name(article.id)}.md"] = env.get_template("source.md.j2").render(
            article=source_view(article))
    pages["about.md"] = env.get_template("about.md.j2").render()
    pages["reference.md"] = env.get_template("reference.md.j2").render(schema=Markup(SCHEMA))
    pages["stylesheets/digest.css"] = (resources.files("generator") / "templates" / "digest.css").read_text(
        encoding="utf-8")
    return pages


def outlet_label(article: Article) -> str:
    """How an article is named on a page: its outlet, else its title, else its id."""
    if article.outlet:
        return article.outlet
    if article.title:
        words = article.title.split()
        return " ".join(words[:6]) + ("…" if len(words) > 6 else "")
    return article.id


def sentence_anchor(article: Article, span: Span) -> str:
    """The anchor of the first sentence a span touches on its article's page."""
    for sentence in article.sentences:
        if sentence.end > span.start:
            return f"s{sentence.index + 1}"
    return "s1"


def citation(span: Span, articles: dict[str, Article], from_story: bool = True) -> dict[str, Any]:
    """A link to the exact sentence of a source, with the outlet's name and the quoted words."""
    article = articles[span.article]
    prefix = "../sources/" if from_story else ""
    return {
        "outlet": outlet_label(article),
        "href": Markup(f"{prefix}{page_name(article.id)}.md#{sentence_anchor(article, span)}"),
        "text": span.text,
        "article": article.id,
    }


def story_view(story: Story, articles: dict[str, Article]) -> dict[str, Any]:
    """What the story page shows, prepared so the template only loops and prints."""
    members = [articles[a] for a in story.articles]
    notes: list[dict[str, Any]] = []

    def cite(spans: Sequence[Span]) -> list[dict[str, Any]]:
        result = []
        for span in spans:
            notes.append(citation(span, articles))
            result.append({"n": len(notes), **notes[-1]})
        return result

    # With several outlets, what only one of them says is set apart (and numbered after the rest),
    # unless no fact is told by two of them: then the best single-source facts lead.
    several = len(members) > 1 and any(len(k.sources) > 1 for k in story.key_points)
    ordered = sorted(story.key_points, key=lambda k: several and len(k.sources) == 1)
    key_points = [{"n": n, "text": k.text, "single": len(k.sources) == 1, "outlets": outlet_cites(cite(k.evidence))}
                  for n, k in enumerate(ordered, 1)]
    speakers: dict[str, list[dict[str, Any]]] = {}
    for quote in story.quotes:
        speakers.setdefault(quote.speaker or "Unattributed", []).append(
            {"text": quote.text, "verb": quote.verb or "", "cites": cite(quote.evidence)})
    holders: dict[str, list[dict[str, Any]]] = {}
    for reservation in story.reservations:
        holders.setdefault(reservation.holder or "Not attributed", []).append(
            {"text": reservation.text, "kind": reservation.kind, "cites": cite(reservation.evidence)})
    conflicts = [{"topic": c.topic, "readings": [{"value": v.value, **citation(v.span, articles)} for v in c.values]}
                 for c in story.conflicts]
    return {
        "id": story.id,
        "title": story.title,
        "published": story.published or "undated",
        "lede": key_points[0]["text"] if key_points else "",
        "outlets": [{"label": outlet_label(a), "href": Markup(f"../sources/{page_name(a.id)}.md")}
                    for a in members],
        "key_points": key_points,
        "main_points": [k for k in key_points if not (several and k["single"])],
        "single_points": [k for k in key_points if several and k["single"]],
        "coverage": coverage_view(ordered, members) if len(members) > 1 else None,
        "entities": [{"name": e.name, "kind": KINDS.get(e.kind, e.kind), "n": len(e.mentions),
                      "outlets": len(e.sources), "first": citation(e.mentions[0], articles)}
                     for e in story.entities],
        "timeline": [{"when": t.when, "text": t.text, "cites": cite(t.evidence)} for t in story.timeline],
        "speakers": [{"name": name, "quotes": quotes} for name, quotes in speakers.items()],
        "n_quotes": len(story.quotes),
        "holders": [{"name": name, "entries": entries} for name, entries in holders.items()],
        "conflicts": conflicts,
        "notes": notes,
    }


KINDS = {"person": "person", "organisation": "organisation", "place": "place", "other": "name"}
MATRIX_WORDS = 8


def outlet_cites(cites: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Citations gathered by outlet, so that each outlet is named once with all its footnotes."""
    grouped: dict[str, dict[str, Any]] = {}
    for item in cites:
        grouped.setdefault(item["article"], {"outlet": item["outlet"], "ns": []})["ns"].append(item["n"])
    return list(grouped.values())


def coverage_view(points: Sequence[KeyPoint], members: Sequence[Article]) -> dict[str, Any]:
    """Which outlet reports which key point: one row a point, one column an outlet."""
    outlets = [{"label": outlet_label(a), "href": Markup(f"../sources/{page_name(a.id)}.md")} for a in members]
    rows = []
    for n, point in enumerate(points, 1):
        words = point.text.split()
        label = " ".join(words[:MATRIX_WORDS]) + ("…" if len(words) > MATRIX_WORDS else "")
        rows.append({"n": n, "label": label, "marks": [Markup("●") if a.id in point.sources else Markup("·")
                                                       for a in members]})
    return {"outlets": outlets, "rows": rows}


def source_view(article: Article) -> dict[str, Any]:
    """An article's archive page: its metadata and its text, one anchor per sentence."""
    paragraphs: list[list[dict[str, Any]]] = []
    for sentence in article.sentences:
        while len(paragraphs) <= sentence.paragraph:
            paragraphs.append([])
        paragraphs[sentence.paragraph].append({"anchor": f"s{sentence.index + 1}", "text": sentence.text})
    return {
        "id": article.id,
        "title": article.title or article.id,
        "outlet": article.outlet or "unknown outlet",
        "published": article.published or "undated",
        "author": article.author or "",
        "url": article.url or "",
        "source_path": article.source_path,
        "paragraphs": [p for p in paragraphs if p],
    }
