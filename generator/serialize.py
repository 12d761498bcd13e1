"""The digest as the `news-digest/1` JSON document described in CONTRACT.md."""

from __future__ import annotations

import json
from typing import Any

from .models import Digest, Span, Story

SCHEMA = "news-digest/1"


def digest_to_dict(digest: Digest) -> dict[str, Any]:
    """The contract's object: articles, stories and rejected inputs."""
    return {
        "schema": SCHEMA,
        "articles": [
            {"id": a.id, "source_path": a.source_path, "title": a.title, "outlet": a.outlet,
             "published": a.published, "url": a.url, "author": a.author, "text": a.text}
            for a in digest.articles
        ],
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
                        "contradicted_by": list(k.contradicted_by)} for k in story.key_points],
        "quotes": [{"text": q.text, "speaker": q.speaker, "verb": q.verb, "sources": list(q.sources),
                    "evidence": _evidence(q.evidence)} for q in story.quotes],
        "reservations": [{"text": r.text, "holder": r.holder, "type": r.kind, "sources": list(r.sources),
                          "evidence": _evidence(r.evidence)} for r in story.reservations],
        "conflicts": [{"topic": c.topic, "kind": c.kind, "bound_only": c.bound_only,
                       "values": [{"value": v.value, "article": v.article, "text": v.span.text,
                                   "start": v.span.start, "end": v.span.end, "bound": v.bound,
                                   "contradicted_by": list(v.against)} for v in c.values]}
                      for c in story.conflicts],
    }


def digest_to_json(digest: Digest) -> str:
    """Deterministic JSON text: fixed key order, UTF-8, a newline at the end."""
    return indented_json(digest_to_dict(digest))


def indented_json(whole: dict[str, Any]) -> str:
    """Exactly `json.dumps(whole, ensure_ascii=False, indent=1)` and a newline, made one entry at a time.

    json.dumps gathers a large document as millions of small pieces before joining them (five times
    the text's size for 10,000 articles); here only one entry of each top-level list is in pieces at once.
    """
    def member(value: Any) -> str:
        if isinstance(value, list) and value:
            entries = ("  " + json.dumps(v, ensure_ascii=False, indent=1).replace("\n", "\n  ") for v in value)
            return "[\n" + ",\n".join(entries) + "\n ]"
        return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n ")

    if not whole:
        return "{}\n"
    members = (f" {json.dumps(key, ensure_ascii=False)}: {member(value)}" for key, value in whole.items())
    return "{\n" + ",\n".join(members) + "\n}\n"


def _evidence(spans: tuple[Span, ...]) -> list[dict[str, Any]]:
    return [{"article": s.article, "text": s.text, "start": s.start, "end": s.end} for s in spans]
