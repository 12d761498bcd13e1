"""Conflicts: the same detail given with different values by different outlets."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .models import Article, Conflict, ConflictValue, Span
from .text import words
from .values import Value, describe, find_durations

# What a quantity measures, read from the nearest event word around it.
TOPICS: dict[str, tuple[str, ...]] = {
    "length of the talks": ("call", "calls", "phone", "talk", "talks", "spoke", "speak", "speaking",
                            "conversation", "discussion", "meeting", "interview", "conference", "session",
                            "hearing", "debate", "negotiation", "negotiations", "summit"),
    "length of the pause": ("ceasefire", "truce", "pause", "pausing", "halt", "halting", "stop",
                            "stopping", "moratorium", "suspension", "strikes", "attacks"),
    "length of the sentence": ("prison", "jail", "sentence", "sentenced", "custody"),
    "length of the delay": ("delay", "delayed", "wait", "waited", "outage", "closure", "closed"),
}
WINDOW = 8


def find_conflicts(articles: Sequence[Article]) -> list[Conflict]:
    """Details that two or more outlets give with values that cannot both be true."""
    readings: dict[tuple[str, str], list[tuple[Value, Span]]] = {}
    for article in articles:
        for sentence in article.sentences:
            for value in find_durations(sentence.text):
                topic = topic_of(sentence.text, value)
                if topic is None:
                    continue
                start, end = _phrase(sentence.text, value)
                span = Span(article.id, sentence.start + start, sentence.start + end,
                            sentence.text[start:end])
                readings.setdefault((value.kind, topic), []).append((value, span))
    conflicts = []
    for (kind, topic), found in sorted(readings.items()):
        per_article: dict[str, tuple[Value, Span]] = {}
        for value, span in found:
            per_article.setdefault(span.article, (value, span))
        if len(per_article) < 2:
            continue
        values = list(per_article.values())
        clash = any(not a.compatible(b) for i, (a, _) in enumerate(values) for b, _ in values[i + 1:])
        if not clash:
            continue
        conflicts.append(Conflict(
            topic=topic, kind=kind,
            values=tuple(ConflictValue(describe(v), s.article, s) for v, s in values),
            bound_only=False))
    return conflicts


def topic_of(sentence: str, value: Value) -> str | None:
    """The event a quantity measures, from the event words nearest to it in its sentence."""
    before = words(sentence[:value.start])[-WINDOW:]
    after = words(sentence[value.end:])[:WINDOW]
    best: tuple[int, str] | None = None
    for topic, cues in TOPICS.items():
        for distance, word in [(len(before) - i, w) for i, w in enumerate(before)] + [
                (i + 1, w) for i, w in enumerate(after)]:
            if word in cues and (best is None or distance < best[0]):
                best = (distance, topic)
    return best[1] if best else None


def _phrase(sentence: str, value: Value) -> tuple[int, int]:
    """The words that state the value, with the noun it qualifies when written as 'two-hour call'."""
    start, end = value.start, value.end
    if re.match(r"\s*-", sentence[value.start:]) is None and "-" in value.text:
        following = re.match(r"(?:\s+[a-z]+){1,2}", sentence[end:])
        if following:
            end += following.end()
    return start, end
