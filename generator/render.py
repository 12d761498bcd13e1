"""Render the digest into Markdown pages for MkDocs Material, through Jinja2 templates."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .models import Article, Digest, Span, Story
from .serialize import SCHEMA

if TYPE_CHECKING:
    from .state import StoryChange

CHANGES_SHOWN = 5  # the "what changed" note lists this many new key points and quotes, then counts the rest
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


def render_site(digest: Digest, changes: Mapping[str, StoryChange] | None = None,
                moved: Mapping[str, str] | None = None) -> dict[str, str]:
    """Every page of the site, as {relative path: Markdown text}; `changes` adds what the last update added."""
    env = environment()
    articles = {a.id: a for a in digest.articles}
    pages: dict[str, str] = {}
    stories = [{**story_view(s, articles), "change": change_view(changes.get(s.id) if changes else None)}
               for s in digest.stories]
    pages["index.md"] = env.get_template("index.md.j2").render(
        stories=stories, n_articles=len(digest.articles), rejected=digest.rejected)
    for story, view in zip(digest.stories, stories, strict=True):
        pages[f"stories/{story.id}.md"] = env.get_template("story.md.j2").render(story=view)
    titles = {s.id: s.title for s in digest.stories}
    for old, new in sorted((moved or {}).items()):
        if new in titles and old not in titles:
            pages[f"stories/{old}.md"] = env.get_template("moved.md.j2").render(
                target={"title": titles[new], "href": Markup(f"{new}.md")})
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

    key_points = [{"text": k.text, "cites": cite(k.evidence), "single": len(k.sources) == 1}
                  for k in story.key_points]
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
        "speakers": [{"name": name, "quotes": quotes} for name, quotes in speakers.items()],
        "n_quotes": len(story.quotes),
        "holders": [{"name": name, "entries": entries} for name, entries in holders.items()],
        "conflicts": conflicts,
        "notes": notes,
    }


def change_view(change: StoryChange | None) -> dict[str, Any]:
    """What the latest regeneration added to a story, ready for its page and the home page's marker."""
    if change is None:
        return {"shown": False, "status": "", "badge": "", "generation": 0, "changed_in": 0,
                "outlets": [], "outlets_text": "", "key_points": [], "more_key_points": 0,
                "quotes": [], "more_quotes": 0}
    badges = {"new": "new", "updated": "updated"}
    return {
        "shown": True,
        "status": change.status,
        "badge": badges.get(change.status, ""),
        "generation": change.generation,
        "changed_in": change.changed_in,
        "outlets": list(change.outlets),
        "outlets_text": ", ".join(change.outlets),  # joined here: Jinja's join would bypass the Markdown escaping
        "key_points": list(change.key_points[:CHANGES_SHOWN]),
        "more_key_points": max(0, len(change.key_points) - CHANGES_SHOWN),
        "quotes": list(change.quotes[:CHANGES_SHOWN]),
        "more_quotes": max(0, len(change.quotes) - CHANGES_SHOWN),
    }


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
