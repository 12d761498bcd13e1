"""A story's timeline: the sentences that say when something happened, in the order it happened."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from ..models import Article, Sentence, TimelineEvent
from ..text.segment import is_sentence
from ..text.terms import fact_terms
from ..text.tokens import caseless

MAX_EVENTS = 15
SAME_EVENT = 0.5  # share of fact terms two dated sentences must share to be one event
MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
MONTHS.update({m[:3]: n for m, n in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|" \
        r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
ZONE = r"(?:\s+(ET|EST|EDT|CT|PT|GMT|UTC|BST|CET|local time))?"
CLOCK = re.compile(rf"\b(\d{{1,2}})(?::(\d{{2}}))?\s*(a\.?m\.?|p\.?m\.?){ZONE}"
                   rf"|\b(\d{{1,2}}):(\d{{2}}){ZONE}\b"
                   r"|\b(noon|midnight)\b", re.IGNORECASE)
DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH})(?:\s+(\d{{4}}))?")
MONTH_DAY = re.compile(rf"\b({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")
DIGIT = re.compile(r"\d")
NOON = caseless(r"noon|midnight", ("noon", "midnight"))  # what CLOCK finds without a digit
WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def build_timeline(articles: Sequence[Article]) -> list[TimelineEvent]:
    """Dated and timed sentences of the story, earliest first, one entry per event."""
    events: list[tuple[str, str, Sentence, frozenset[str]]] = []
    # An undated report is read against the story's latest dated one: they tell the same event.
    dated = [d for d in (_date(a.published) for a in articles) if d]
    fallback = max(dated) if dated else None
    for article in articles:
        anchor = _date(article.published) or fallback
        for sentence in article.sentences:
            if not is_sentence(sentence.text):
                continue  # a dated list entry ("June 9 -- Arena, City") is a schedule, not an event
            found = when(sentence.text, anchor)
            if found:
                label, key = found
                events.append((key, label, sentence, fact_terms(sentence.text)))
    events.sort(key=lambda e: (e[0], e[2].article, e[2].index))
    result: list[TimelineEvent] = []
    kept: list[tuple[str, frozenset[str], list[Sentence]]] = []
    for key, label, sentence, terms in events:
        twin = next((k for k in kept if k[0] == key and _same(terms, k[1])), None)
        if twin:
            twin[2].append(sentence)
            continue
        kept.append((key, terms, [sentence]))
        result.append(TimelineEvent(label, key, sentence.text, ()))
    final = [TimelineEvent(e.when, e.sort_key, e.text, tuple(s.span for s in k[2]))
             for e, k in zip(result, kept, strict=True)]
    return final[:MAX_EVENTS]


def when(text: str, anchor: date | None) -> tuple[str, str] | None:
    """The time words of a sentence as written, and a sort key: ISO date (or '~' when unknown), then minutes."""
    # Most sentences hold no digit: then only a weekday, "noon" or "midnight" can date them.
    digits = bool(DIGIT.search(text))
    day, day_words = _day(text, anchor, digits)
    clock = CLOCK.search(text) if digits or NOON.search(text) else None
    if not day_words and not clock:
        return None
    minutes = _minutes(clock) if clock else -1
    words = [w for w in (day_words, clock.group(0) if clock else "") if w]
    prefix = day.isoformat() if day else (anchor.isoformat() if anchor and clock else "~")
    return ", ".join(words), f"{prefix} {minutes + 1:04d}"


def _day(text: str, anchor: date | None, digits: bool = True) -> tuple[date | None, str]:
    for pattern, day_group, month_group in ((DAY_MONTH, 1, 2), (MONTH_DAY, 2, 1)) if digits else ():
        match = pattern.search(text)
        if match:
            month = MONTHS[match.group(month_group).lower().rstrip(".")]
            year = int(match.group(3)) if match.group(3) else (anchor.year if anchor else None)
            try:
                return (date(year, month, int(match.group(day_group))) if year else None), match.group(0)
            except ValueError:
                continue
    match = WEEKDAY.search(text) if "day" in text else None  # every weekday's name ends so
    if match:
        if not anchor:
            return None, match.group(0)
        # News speaks of the past week: the latest such weekday on or before the publication date.
        back = (anchor.weekday() - WEEKDAYS[match.group(1).lower()]) % 7
        return anchor - timedelta(days=back), match.group(0)
    return None, ""


def _minutes(clock: re.Match[str]) -> int:
    if clock.group(8):
        return 12 * 60 if clock.group(8).lower() == "noon" else 0
    if clock.group(1):
        hour, minute = int(clock.group(1)) % 12, int(clock.group(2) or 0)
        if clock.group(3).lower().startswith("p"):
            hour += 12
        return hour * 60 + minute
    return int(clock.group(5)) * 60 + int(clock.group(6))


def _same(a: frozenset[str], b: frozenset[str]) -> bool:
    smaller = min(len(a), len(b))
    return bool(smaller) and len(a & b) / smaller >= SAME_EVENT


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
