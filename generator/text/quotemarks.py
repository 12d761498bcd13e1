"""Quotation marks: where each quotation opens and closes in a text, paragraph by paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_DOUBLE, CLOSE_DOUBLE = "“„«", "”»"
OPEN_SINGLE, CLOSE_SINGLE = "‘‹", "’›"
OPENING_CONTEXT = " \t([{—–-/:"
QUOTE_MARK = re.compile("[" + re.escape(OPEN_DOUBLE + CLOSE_DOUBLE + OPEN_SINGLE + CLOSE_SINGLE + "\"'") + "]")


@dataclass(frozen=True)
class QuoteSpan:
    """The inside of one pair of quotation marks within an article's text."""

    start: int
    end: int
    closed: bool


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Quotation spans of a text, paragraph by paragraph; an unclosed quote runs to its paragraph's end."""
    spans: list[QuoteSpan] = []
    offset = 0
    for paragraph in text.split("\n\n"):
        spans.extend(QuoteSpan(offset + s, offset + e, c) for s, e, c in _paragraph_spans(paragraph))
        offset += len(paragraph) + 2
    return spans


def _paragraph_spans(paragraph: str) -> list[tuple[int, int, bool]]:
    spans: list[tuple[int, int, bool]] = []
    double_open: int | None = None
    single_open: int | None = None
    last = len(paragraph) - 1
    # Only quotation marks and apostrophes can change the state: visit them, not every character.
    for mark in QUOTE_MARK.finditer(paragraph):
        i = mark.start()
        ch = mark.group()
        prev = paragraph[i - 1] if i else " "
        nxt = paragraph[i + 1] if i < last else " "
        role = _role(ch, prev, nxt)
        if ch in "’'" and nxt == ch and double_open is not None and not prev.isspace():
            role = "close2"  # ’’ typed for ”, as some outlets do
        if role == "open2":
            if double_open is None:
                double_open, single_open = i + 1, None
        elif role == "close2":
            if double_open is not None:
                spans.append((double_open, i, True))
                double_open = None
        elif double_open is None and role == "open1" and single_open is None:
            single_open = i + 1
        elif double_open is None and role == "close1" and single_open is not None:
            if i - single_open >= 2:  # "rock 'n' roll": a one-letter elision, not a quotation
                spans.append((single_open, i, True))
            single_open = None
    if double_open is not None and double_open < len(paragraph):
        spans.append((double_open, len(paragraph), False))
    return spans


def _role(ch: str, prev: str, nxt: str) -> str:
    if ch in OPEN_DOUBLE:
        return "open2"
    if ch in CLOSE_DOUBLE:
        return "close2"
    if ch == '"':
        if prev in OPENING_CONTEXT and not nxt.isspace():
            return "open2"
        if nxt.isspace() or nxt in ".,;:!?)]}—–-" or prev not in "‘'":
            return "close2"
        return "open2"  # '"Word: a single mark then a double one opens a quote within a quote
    if ch in OPEN_SINGLE + "'" + CLOSE_SINGLE:
        if prev.isalnum() and nxt.isalnum():
            return "apostrophe"
        if (prev in OPENING_CONTEXT or prev in "\"“") and (nxt.isalpha()) and ch != "’":
            return "open1"
        if ch in "‘" and nxt.isalpha():
            return "open1"
        if not prev.isspace() and not nxt.isalnum():
            return "close1"
    return "other"
