"""Render the digest into Markdown pages for MkDocs Material, through Jinja2 templates."""

from __future__ import annotations

import hashlib
import pickle
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from ..models import Article, Conflict, Digest, KeyPoint, Span, Story
from ..runtime.cache import content_key
from .labels import outlet_label
from .serialize import SCHEMA
from .write import Page

if TYPE_CHECKING:
    from .state import StoryChange

TEMPLATES = resources.files("generator.publish") / "templates"
CHANGES_SHOWN = 5  # the "what changed" note lists this many new key points and quotes, then counts the rest
# Every character that HTML, Markdown or a Markdown extension (tables, footnotes, attr_list, admonitions,
# emoji, snippets, magic links, maths) could read as markup becomes a numeric character reference. A
# reference is inert in Markdown and in raw HTML alike, and the browser shows the character itself;
# backslash escapes would instead show their backslash inside raw HTML and for characters Markdown
# does not know as escapable.
MARKUP_CHARACTERS = "&<>\"'\\`*_{}[]()#+-.!|~^=:$@"
# str.translate looks every character up in a dict when a character becomes several: a regular expression
# finds the few markup characters in C and only those are looked up (the same text, three times faster).
_INERT_REFERENCES = {ch: f"&#{ord(ch)};" for ch in MARKUP_CHARACTERS}
_MARKUP_CHARACTER = re.compile("[" + re.escape(MARKUP_CHARACTERS) + "]")


def _reference(match: re.Match[str]) -> str:
    return _INERT_REFERENCES[match[0]]


def inert(text: str) -> str:
    """Text with whitespace collapsed and every markup character encoded (what both escapes print)."""
    return _MARKUP_CHARACTER.sub(_reference, " ".join(text.split()))


def escape_markdown(value: object) -> Markup:
    """Source text made inert wherever a template prints it: whitespace collapsed, every markup character encoded."""
    if isinstance(value, Markup):
        return value
    if type(value) is int and value >= 0:  # a count or a footnote number: digits, nothing to encode
        return str.__new__(Markup, int.__repr__(value))
    # str.__new__ skips Markup's own constructor, which only looks for an __html__ a str never has
    return str.__new__(Markup, inert(str(value)))


def escape_html(value: object) -> Markup:
    """Source text for raw HTML (content or attribute value): inert as HTML and as Markdown."""
    return str.__new__(Markup, inert(str(value)))


SURROGATE_PAIR = re.compile(r"\\ud([89ab][0-9a-f]{2})\\ud([c-f][0-9a-f]{2})")


def yaml_string(value: object) -> Markup:
    """A double-quoted scalar for front matter: JSON's escapes, with a character beyond the BMP as one \\U escape.

    YAML readers differ on a character written as two \\u surrogate escapes (JSON's way): some join
    them, others (Zensical's) reject the file. One \\U escape of eight digits is YAML to all of them.
    """
    def joined(match: re.Match[str]) -> str:
        high, low = int("d" + match.group(1), 16), int("d" + match.group(2), 16)
        return f"\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08x}"

    return Markup(SURROGATE_PAIR.sub(joined, str(htmlsafe_json_dumps(value))))


def environment() -> Environment:
    """The Jinja2 environment: strict about missing values, and escaping everything it prints."""
    folder = TEMPLATES
    env = Environment(
        loader=FileSystemLoader(str(folder)),
        undefined=StrictUndefined,
        # finalize encodes every printed value and returns Markup, so autoescaping's own pass only wraps it;
        # autoescaping stays on for whatever a template prints without finalize (expressions joined with ~)
        autoescape=True,
        finalize=escape_markdown,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["raw_html"] = escape_html
    env.filters["yaml_string"] = yaml_string
    return env


MAX_PAGE_NAME = 120


def page_name(article_id: str) -> str:
    """A file name for an article's archive page that is safe on every file system."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "-", article_id).strip(".-") or "article"
    if safe != article_id or len(safe) > MAX_PAGE_NAME:
        # A changed or shortened name could meet another id's: a digest of the id keeps them apart.
        safe = safe[:MAX_PAGE_NAME - 13] + "-" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:12]
    return safe


def render_site(digest: Digest, changes: Mapping[str, StoryChange] | None = None,
                moved: Mapping[str, str] | None = None) -> dict[str, str]:
    """Every page of the site, as {relative path: Markdown text}; `changes` adds what the last update added."""
    return {page.path: str(page.text()) for page in render_pages(digest, changes, moved)}


def render_pages(digest: Digest, changes: Mapping[str, StoryChange] | None = None,
                 moved: Mapping[str, str] | None = None, fingerprints: Mapping[str, str] | None = None,
                 story_fingerprints: Mapping[str, str] | None = None) -> Iterator[Page]:
    """Every page of the site, each made only when written; with the records' fingerprints, keyed pages.

    A page's key hashes everything its text is made from (with the code, templates included), so an
    unchanged key means an unchanged page.
    """
    env = environment()
    articles = {a.id: a for a in digest.articles}

    def change(story: Story) -> StoryChange | None:
        return changes.get(story.id) if changes else None

    def story_page(story: Story) -> str:
        view = {**story_view(story, articles), "change": change_view(change(story))}
        return env.get_template("story.md.j2").render(story=view)

    def source_page(article: Article) -> str:
        return env.get_template("source.md.j2").render(article=source_view(article))

    index = [index_view(s, change(s)) for s in digest.stories]
    yield Page("index.md", _later(env.get_template("index.md.j2").render, stories=index,
                                  n_articles=len(digest.articles), rejected=digest.rejected))
    del index
    for story in digest.stories:
        key = content_key("story.md", story_fingerprints[story.id], fingerprint(change(story)),
                          *(fingerprints[a] for a in story.articles)
                          ) if fingerprints is not None and story_fingerprints is not None else None
        yield Page(f"stories/{story.id}.md", _later(story_page, story), key)
    titles = {s.id: s.title for s in digest.stories}
    for old, new in sorted((moved or {}).items()):
        if new in titles and old not in titles:
            yield Page(f"stories/{old}.md", _later(env.get_template("moved.md.j2").render,
                                                   target={"title": titles[new], "href": Markup(f"{new}.md")}))
    for article in digest.articles:
        key = content_key("source.md", fingerprints[article.id]) if fingerprints is not None else None
        yield Page(f"sources/{page_name(article.id)}.md", _later(source_page, article), key)
    yield Page("about.md", _later(env.get_template("about.md.j2").render))
    yield Page("scale.md", _later(env.get_template("scale.md.j2").render))
    yield Page("reference.md", _later(env.get_template("reference.md.j2").render, schema=Markup(SCHEMA)))
    yield Page("stylesheets/digest.css", _later((TEMPLATES / "digest.css").read_text, encoding="utf-8"))


def _later(make: Callable[..., str], *args: Any, **kwargs: Any) -> Callable[[], str]:
    """A page's text, made only when the page is written (and not at all when its old file is kept)."""
    return lambda: make(*args, **kwargs)


def fingerprint(value: object) -> str:
    """A hash of a record's whole content (its pickle: fast, and equal records of this package pickle alike)."""
    return hashlib.sha256(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()


def index_view(story: Story, change: StoryChange | None) -> dict[str, Any]:
    """What the home page's row of a story shows (a small part of story_view, for every story at once)."""
    return {"id": Markup(story.id), "title": story.title, "published": story.published or "undated",
            "outlets": story.articles, "key_points": story.key_points, "n_quotes": len(story.quotes),
            "change": change_view(change)}


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
    key_points = [{"n": n, "text": k.text, "single": len(k.sources) == 1,
                   "outlets": outlet_cites(cite(k.own_evidence)),
                   "details": [{"text": d.text, "outlets": outlet_cites(cite(d.evidence))} for d in k.details],
                   "contradicted_by": ", ".join(outlet_label(articles[a]) for a in k.contradicted_by)}
                  for n, k in enumerate(ordered, 1)]
    speakers = quote_groups(story, cite)
    holders = reservation_groups(story, cite, articles)
    conflicts = [conflict_view(c, articles) for c in story.conflicts]
    return {
        "id": Markup(story.id),  # a slug of [a-z0-9-]: safe in a link as it is
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
        "timeline": [{"when": t.when, "text": t.text, "refs": footnote_refs(cite(t.evidence))} for t in story.timeline],
        "speakers": speakers,
        "n_quotes": len(story.quotes),
        "n_speakers": sum(1 for group in speakers if group["named"]),
        "holders": holders,
        "conflicts": conflicts,
        "notes": notes,
        # one line a footnote, made here rather than by the template: a long story has hundreds
        "footnotes": [Markup(f"[^{n}]: [{inert(note['outlet'])}]({note['href']}): “{inert(note['text'])}”")
                      for n, note in enumerate(notes, 1)],
    }


def quote_groups(story: Story, cite: Callable[[Sequence[Span]], list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """A story's quotes grouped by speaker, most quoted first, the unattributed ones last."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for quote in story.quotes:
        groups.setdefault(quote.speaker or "", []).append(
            {"text": quote.text, "verb": quote.verb or "", "cites": cite(quote.evidence)})
    order = sorted(groups, key=lambda name: (name == "", -len(groups[name])))
    return [{"name": name or "Unattributed", "named": bool(name), "quotes": groups[name],
             "outlets": len({c["article"] for q in groups[name] for c in q["cites"]})} for name in order]


KINDS = {"person": "person", "organisation": "organisation", "place": "place", "other": "name"}
MATRIX_WORDS = 8


def outlet_cites(cites: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Citations gathered by outlet, so that each outlet is named once with all its footnotes."""
    grouped: dict[str, dict[str, Any]] = {}
    for item in cites:
        grouped.setdefault(item["article"], {"outlet": item["outlet"], "ns": []})["ns"].append(item["n"])
    return [{**group, "refs": footnote_refs({"n": n} for n in group["ns"])} for group in grouped.values()]


def footnote_refs(cites: Iterable[Mapping[str, Any]]) -> Markup:
    """The footnote references of some citations, as a page prints them one after another."""
    return Markup("<sup>,</sup>".join(f"[^{c['n']}]" for c in cites))


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


RESERVATION_KINDS = {"condition": "Condition", "objection": "Objection", "caveat": "Caveat", "unknown": "Unresolved"}
UNNAMED_HOLDER = "Not attributed (the reporting)"


def reservation_groups(story: Story, cite: Callable[[Sequence[Span]], list[dict[str, Any]]],
                       articles: dict[str, Article]) -> list[dict[str, Any]]:
    """Reservations grouped by who holds them, named holders first, each with the outlets that report it."""
    holders: dict[str, list[dict[str, Any]]] = {}
    for reservation in story.reservations:
        holders.setdefault(reservation.holder or UNNAMED_HOLDER, []).append({
            "text": reservation.text, "kind": RESERVATION_KINDS.get(reservation.kind, reservation.kind),
            "outlets": ", ".join(outlet_label(articles[a]) for a in reservation.sources),
            "refs": footnote_refs(cite(reservation.evidence))})
    order = sorted(holders, key=lambda name: (name == UNNAMED_HOLDER, -len(holders[name]), name))
    return [{"name": name, "entries": holders[name]} for name in order]


def conflict_view(conflict: Conflict, articles: dict[str, Article]) -> dict[str, Any]:
    """One disputed detail: every outlet's value, linked to its sentence, and how it stands against the others."""
    widest = max(v.value.count(" + ") for v in conflict.values)
    readings = []
    for value in conflict.values:
        against = ", ".join(outlet_label(articles[a]) for a in value.against)
        if conflict.kind == "spelling":
            status = "spelled differently"
        elif conflict.kind == "scope":
            status = "wider reading" if value.value.count(" + ") == widest else "narrower reading"
            absent = ", ".join(outlet_label(articles[a]) for a in value.not_given_by)
            status += f", not given by {absent}" if absent else ""
        elif against:
            status = "contradicted by " + against
        elif value.bound in ("min", "max"):
            status = "a bound, consistent with the others"
        elif value.bound != "exact":
            status = "approximate, consistent with the others"
        else:
            status = "consistent with the others"
        readings.append({"value": value.value, "status": status, **citation(value.span, articles)})
    verdicts = {"spelling": "different spelling", "scope": "different scope"}
    verdict = verdicts.get(conflict.kind) or (
        "values within each other's bounds" if conflict.bound_only else "real contradiction")
    for i, reading in enumerate(readings):
        reading["detail"] = f"{conflict.topic} ({verdict})" if i == 0 else ""
    return {"topic": conflict.topic, "verdict": verdict, "readings": readings}


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
    paragraphs: list[list[str]] = []
    for sentence in article.sentences:
        while len(paragraphs) <= sentence.paragraph:
            paragraphs.append([])
        # each sentence's span is made here rather than by the template: an article has hundreds
        paragraphs[sentence.paragraph].append(
            f'<span class="sentence" id="s{sentence.index + 1}">{inert(sentence.text)}</span> ')
    return {
        "id": article.id,
        "title": article.title or article.id,
        "outlet": article.outlet or "unknown outlet",
        "published": article.published or "undated",
        "author": article.author or "",
        "url": article.url or "",
        "source_path": article.source_path,
        "paragraphs": [Markup("".join(p)) for p in paragraphs if p],
    }
