"""Clean a document into an article: drop boilerplate lines, infer title, outlet and date."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass

from dateutil import parser as dateparser

from ..models import Article, Document
from ..runtime.limits import DEFAULT_LIMITS, Limits
from ..text.segment import PARAGRAPH_BREAK, segment_text

DATE_LINE = re.compile(
    r"^\W*(?:posted|published|updated|last updated|first published|posted on|date)\b[\s:]*(?:on\s+)?(.+)$",
    re.IGNORECASE)
SOURCE_LINE = re.compile(
    r"^[\W_]*(?:news\s+)?(?:source|outlet|publisher|publication|published by|via)\s*[:|]\s*(.+?)\W*$",
    re.IGNORECASE)
# Only the lead word ignores case: the names after it must be capitalised, or "By noon, the ferry had
# left." would be taken for a byline and lost.
BYLINE = re.compile(r"^(?i:by|written by|words by)\s+([A-Z][\w.'’-]*(?:,?\s+(?:and\s+)?[A-Z][\w.'’-]*){0,7})\s*$")
CREDIT = re.compile(
    r"\((?=[^()]*(?:getty|images?\b|photo|pictures|reuters|afp|\bap\b|handout|press office|credit|courtesy|"
    r"/|shutterstock|file))[^()]{3,200}\)\s*$",
    re.IGNORECASE)
CAPTION_START = re.compile(r"^(?:photo|image|picture|caption|credit|pictured|file photo)\s*[:|]", re.IGNORECASE)
# The labels that end in a colon need no word boundary after it (there is none between ":" and a space).
NAVIGATION = re.compile(
    r"^(?:(?:share (?:this|on)|tweet this|email this|print this|click here|sign up|subscribe|read more|"
    r"advertisement|story continues below|follow us|see also|recommended)\b"
    r"|(?:related|(?:watch|listen)(?: below| above| live| now)?):)",
    re.IGNORECASE)
# Footers that address the reader about the outlet rather than report: its standards, letters to the editor.
READER_NOTE = re.compile(r"^(?:our standards:|we want to hear what you think\b|(?:send|submit|write) (?:us )?a "
                         r"letter to the editor\b|tell us what you think\b)", re.IGNORECASE)
WEB_ADDRESS = re.compile(r"https?://[^\s/]", re.IGNORECASE)
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?$")  # a line of the page's data
ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
DIGIT = re.compile(r"\d")
WORD_RUN = re.compile(r"\w+")
TERMINAL = ".!?:;\"”’'…)。！？．」』）"
MAX_DATE_LINE_WORDS = 12
MAX_LABEL_WORDS = 3
MAX_NAVIGATION_WORDS = 20
MAX_TITLE_WORDS = 25
MIN_REPEAT_WORDS = 12  # a paragraph this long printed twice is the page's, not the writer's


@dataclass(frozen=True)
class Header:
    """What the boilerplate lines of a plain-text article told us."""

    outlet: str | None = None
    published: str | None = None
    author: str | None = None


def clean_document(doc: Document) -> Article:
    """An article with boilerplate removed, metadata filled in, and sentences marked."""
    paragraphs, header = strip_boilerplate(list(doc.paragraphs))
    title = doc.title
    if title is None and doc.plain and paragraphs and looks_like_title(paragraphs[0]):
        title = paragraphs.pop(0)
    paragraphs = drop_repeats(paragraphs, title)  # the headline printed again, at the top or further down
    text = PARAGRAPH_BREAK.join(paragraphs)
    return Article(
        id=doc.id,
        source_path=doc.source_path,
        title=title,
        outlet=doc.outlet or header.outlet,
        published=plausible_date(normalise_date(doc.published)) or plausible_date(header.published),
        url=doc.url if doc.url and WEB_ADDRESS.match(doc.url) else None,
        author=doc.author or header.author,
        text=text,
        sentences=segment_text(doc.id, text),
    )


def article_problem(article: Article, limits: Limits = DEFAULT_LIMITS) -> str | None:
    """Why a cleaned article cannot go into the digest, or None when it can."""
    if not article.sentences:
        return ("no sentences: the text has no sentence in it" if article.text else
                "no sentences: nothing is left after removing boilerplate (bylines, labels, navigation)")
    if len(article.sentences) > limits.max_sentences:
        return limits.exceeded("max_sentences", len(article.sentences), "too many sentences for one article")
    return None


def plausible_date(iso: str | None) -> str | None:
    """An ISO date unless it lies after today (UTC, or SOURCE_DATE_EPOCH when set): no article is from the future."""
    if iso is None:
        return None
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    now = (dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch.isdigit() else dt.datetime.now(dt.UTC)).date()
    # One day of grace: an article dated in a time zone ahead of UTC may already be "tomorrow".
    return iso if dt.date.fromisoformat(iso) <= now + dt.timedelta(days=1) else None


def strip_boilerplate(paragraphs: list[str]) -> tuple[list[str], Header]:
    """The paragraphs that are article text, and what the dropped header lines said."""
    kept: list[str] = []
    outlet = published = author = None
    for paragraph in paragraphs:
        words = paragraph.split()
        date = DATE_LINE.match(paragraph)
        if date and len(words) <= MAX_DATE_LINE_WORDS and normalise_date(date.group(1)):
            published = published or normalise_date(date.group(1))
            continue
        source = SOURCE_LINE.match(paragraph)
        if source and len(words) <= 8:
            outlet = outlet or source.group(1).strip()
            continue
        byline = BYLINE.match(paragraph)
        if byline and len(words) <= 10:
            author = author or byline.group(1).strip()
            continue
        lead = NAVIGATION.match(paragraph)
        # "Read more: <headline>" is navigation at any length; "Read more about…" only when short.
        navigation = lead and (len(words) <= MAX_NAVIGATION_WORDS or paragraph[lead.end():].lstrip().startswith(":")
                               or lead.group(0).endswith(":"))
        footer = len(words) <= 2 * MAX_NAVIGATION_WORDS and bool(READER_NOTE.match(paragraph))
        stamp = len(words) == 1 and bool(TIMESTAMP.match(paragraph))
        if is_caption(paragraph) or navigation or footer or stamp or is_label(paragraph):
            continue
        kept.append(paragraph)
    return kept, Header(outlet, published, author)


def is_caption(paragraph: str) -> bool:
    """A photo caption or credit line rather than article text."""
    return bool(CREDIT.search(paragraph) or CAPTION_START.match(paragraph))


def is_label(paragraph: str) -> bool:
    """A short section label or kicker ("Top Stories"), too short and unpunctuated to be text."""
    words = paragraph.split()
    return len(words) <= MAX_LABEL_WORDS and paragraph[-1] not in TERMINAL and not any(
        ch.isdigit() for ch in paragraph)


def looks_like_title(paragraph: str) -> bool:
    """A first line that reads as a headline: a few words, no closing punctuation, not a quote."""
    words = paragraph.split()
    if not (3 <= len(words) <= MAX_TITLE_WORDS) or paragraph[-1] in ".!:;,\"”’'":
        return False
    if paragraph[0] in "\"“‘'(":
        return False
    capitalised = sum(1 for w in words if w[0].isupper() or not w[0].isalpha())
    return capitalised >= len(words) / 2 or len(words) <= 12


def normalise_date(value: str | None) -> str | None:
    """An ISO date (YYYY-MM-DD) from a date as written, or None when it cannot be read."""
    if not value:
        return None
    text = value.strip()
    iso = ISO_DATE.match(text)
    try:
        if iso:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))).isoformat()
        if not DIGIT.search(text):
            return None
        parsed = dateparser.parse(text, fuzzy=True, default=dt.datetime(1900, 1, 1))
    except (ValueError, OverflowError):
        return None
    if parsed is None or parsed.year == 1900:
        return None
    return parsed.date().isoformat()


def drop_repeats(paragraphs: list[str], title: str | None) -> list[str]:
    """The paragraphs without the page furniture that repeats: the headline again, and prose seen before.

    A saved page often prints its teaser block twice; an article that says the same paragraph of prose twice
    loses nothing when it is kept once. Short lines and list entries repeat for a reason (a plan's steps).
    """
    seen: set[tuple[str, ...]] = set()
    heading = tuple(WORD_RUN.findall(title.lower())) if title else ()
    kept = []
    for paragraph in paragraphs:
        words = tuple(WORD_RUN.findall(paragraph.lower()))
        prose = len(words) >= MIN_REPEAT_WORDS and paragraph.rstrip("\"”’')").endswith((".", "!", "?", "…"))
        if words and (words == heading or (words in seen and prose)):
            continue
        seen.add(words)
        kept.append(paragraph)
    return kept
