"""The digest as the `news-digest/1` JSON document described in CONTRACT.md."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..models import Article, Digest, Span, Story

SCHEMA = "news-digest/1"


def digest_to_dict(digest: Digest) -> dict[str, Any]:
    """The contract's object: articles, stories and rejected inputs."""
    return {
        "schema": SCHEMA,
        "articles": [article_to_dict(a) for a in digest.articles],
        "stories": [story_to_dict(s) for s in digest.stories],
        "rejected": [{"source_path": r.source_path, "reason": r.reason} for r in digest.rejected],
    }


def story_to_dict(story: Story) -> dict[str, Any]:
    """One story's entry."""
    return {
        "id": story.id,
        "title": story.title,
        "published": story.published,
        "articles": list(story.articles),
        "key_points": [{"text": k.text, "sources": list(k.sources), "evidence": _evidence(k.evidence),
                        "contradicted_by": list(k.contradicted_by),
                        "details": [{"text": d.text, "sources": list(d.sources), "evidence": _evidence(d.evidence)}
                                    for d in k.details]} for k in story.key_points],
        "quotes": [{"text": q.text, "speaker": q.speaker, "verb": q.verb, "sources": list(q.sources),
                    "evidence": _evidence(q.evidence)} for q in story.quotes],
        "reservations": [{"text": r.text, "holder": r.holder, "type": r.kind, "sources": list(r.sources),
                          "evidence": _evidence(r.evidence)} for r in story.reservations],
        "conflicts": [{"topic": c.topic, "kind": c.kind, "bound_only": c.bound_only,
                       "values": [{"value": v.value, "article": v.article, "text": v.span.text,
                                   "start": v.span.start, "end": v.span.end, "bound": v.bound,
                                   "contradicted_by": list(v.against), "not_given_by": list(v.not_given_by)}
                                  for v in c.values]}
                      for c in story.conflicts],
    }


def article_to_dict(article: Article) -> dict[str, Any]:
    """One article's entry."""
    return {"id": article.id, "source_path": article.source_path, "title": article.title,
            "outlet": article.outlet, "published": article.published, "url": article.url,
            "author": article.author, "text": article.text}


def digest_to_json(digest: Digest) -> str:
    """Deterministic JSON text: fixed key order, UTF-8, a newline at the end."""
    return "".join(digest_json_pieces(digest))


def digest_json_pieces(digest: Digest, article_json: Callable[[Article], str] | None = None,
                       story_json: Callable[[Story], str] | None = None) -> Iterator[str]:
    """digest_to_json's text in pieces of one entry each, so a large digest is never whole in memory.

    `article_json` and `story_json` may give an entry's text from elsewhere (a cache): it must be
    `entry_json` of that entry's dict.
    """
    entries: tuple[Iterable[str], ...] = (
        map(article_json or (lambda a: entry_json(article_to_dict(a))), digest.articles),
        map(story_json or (lambda s: entry_json(story_to_dict(s))), digest.stories),
        (entry_json({"source_path": r.source_path, "reason": r.reason}) for r in digest.rejected),
    )
    yield f'{{\n {json.dumps("schema")}: {json.dumps(SCHEMA, ensure_ascii=False)}'
    for name, texts in zip(("articles", "stories", "rejected"), entries, strict=True):
        yield f',\n {json.dumps(name)}: '
        yield from _list_pieces(iter(texts))
    yield "\n}\n"


def entry_json(value: Any) -> str:
    """One entry of a top-level list, indented as json.dumps(..., indent=1) places it inside the document."""
    return "  " + indented(value, "\n  ")


def indented(value: Any, newline: str) -> str:
    """Exactly json.dumps(value, ensure_ascii=False, indent=1) with every newline as `newline`.

    json.dumps with an indent cannot use its C encoder and yields every bracket and comma through
    nested Python generators; this walks the few types a digest holds and leaves strings to the C escaper.
    """
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = newline + " "
        return ("{" + inner + ("," + inner).join([
            (_string(k) if type(k) is str else _key(k)) + ": " + (_string(v) if type(v) is str else indented(v, inner))
            for k, v in value.items()]) + newline + "}")
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = newline + " "
        return ("[" + inner + ("," + inner).join([_string(v) if type(v) is str else indented(v, inner) for v in value])
                + newline + "]")
    if value is None or value is True or value is False:
        return _SCALARS[value]
    if type(value) is int:
        return int.__repr__(value)
    # anything rarer (floats, subclasses) is left to json.dumps, which has no newline to place
    return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", newline)


_SCALARS: dict[object, str] = {None: "null", True: "true", False: "false"}
_string: Callable[[str], str] = json.encoder.encode_basestring


def _key(key: object) -> str:
    # json.dumps writes a number, true, false or null key as a string of its JSON form
    return _string(key) if isinstance(key, str) else json.dumps({key: 0})[1:-4]


def _list_pieces(entries: Iterator[str]) -> Iterator[str]:
    first = next(entries, None)
    if first is None:
        yield "[]"
        return
    yield "[\n" + first
    for entry in entries:
        yield ",\n" + entry
    yield "\n ]"



def _evidence(spans: tuple[Span, ...]) -> list[dict[str, Any]]:
    return [{"article": s.article, "text": s.text, "start": s.start, "end": s.end} for s in spans]
