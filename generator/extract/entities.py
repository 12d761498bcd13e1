"""People, organisations and places a story names, each with every sentence that mentions it."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from ..models import Article, Entity, Span
from ..text.tokens import folds_to_ascii
from .mentions import SEATS_OF_GOVERNMENT

MAX_ENTITIES = 20
# Capitalised words in a row; a possessive ends a name ("Houston's The Pavilion" is two).
NAME = re.compile(r"\b(?:[A-Z][\w'’.-]*[a-z]\w*|[A-Z]{2,}|[A-Z]\.(?:[A-Z]\.)+)"
                  r"(?:(?<!'s)(?<!’s)(?:\s+(?:of|for|de|la|von|van|bin|al))?\s+(?:[A-Z][\w'’.-]*[a-z]\w*|[A-Z]{2,}))*")
TITLES = frozenset("""
president prime minister secretary spokesman spokeswoman spokesperson senator governor mayor chancellor
premier leader chief ceo chairman chairwoman judge justice king queen prince princess pope general
ambassador director commissioner mr mrs ms dr sir dame officer detective sergeant inspector professor
""".split())
ORGANISATION = frozenset("""
house ministry department party bank company inc corp corporation agency council committee
association university news press times post court parliament congress senate office service group
union commission police army forces navy fund organization organisation institute board authority
network television radio foundation federation league club network government administration
""".split()) | SEATS_OF_GOVERNMENT
TITLE_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(TITLES)) + r")\.?\s+$", re.IGNORECASE)
PLACE_BEFORE = re.compile(r"\b(?:in|at|from|to|near|across|into|outside|inside)\s+(?:the\s+)?$")
TITLE_REACH = max(map(len, TITLES)) + 1  # a title and its full stop
PLACE_REACH = len("outside")
DEMONYM = re.compile(r"(?:ian|ese|ish|ean)$")
WORD_CHAR = re.compile(r"\w")
POSSESSIVE = re.compile(r"['’]s$")
LAST_WORD = re.compile(r"\b(\w+)\.?\s+$")  # where TITLE_BEFORE can match: the word before the white space
REPORTING_AFTER = re.compile(r"\W{0,3}\s*(?:said|says|told|wrote|added|noted|stated|announced|explained)\b")
# Words that open sentences or name days and months: capitalised, but not names.
NOT_NAMES = frozenset("""
the a an in on at but and he she it they we i this that these those his her their its our as after before
when while if so yet for then meanwhile however still also some many most one both there here what who
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december today yesterday tomorrow according during under following
though although since until with without over about by from to of not no once now even just only instead
later earlier last next every each other another all more such like unlike because whether where why how
despite amid among through while yes thanks please
""".split())


def extract_entities(articles: Sequence[Article]) -> list[Entity]:
    """The names a story's articles use, short forms joined to the full name, most mentioned first."""
    mentions: dict[str, list[Span]] = defaultdict(list)
    sites: dict[str, list[tuple[str, int]]] = defaultdict(list)  # each mention's sentence and where it starts
    inside: set[str] = set()  # names seen somewhere other than a sentence's first word
    for article in articles:
        for sentence in article.sentences:
            found = _names_in(sentence.text)
            if not found:
                continue
            span = sentence.span
            for name, start, within in found:
                if within:
                    inside.add(name)
                mentions[name].append(span)
                sites[name].append((sentence.text, start))
    canonical = _canonical(list(mentions))
    merged: dict[str, list[Span]] = defaultdict(list)
    merged_sites: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for name, spans in mentions.items():
        if name not in inside and canonical[name] == name:
            continue  # a capital that only ever opens a sentence, and is no short form, is an opening word
        merged[canonical[name]].extend(spans)
        merged_sites[canonical[name]].extend(sites[name])
    ranked = sorted(((name, tuple(dict.fromkeys(spans))) for name, spans in merged.items()),
                    key=lambda entry: (-len({span.article for span in entry[1]}), -len(entry[1]), entry[0]))
    # A kind reads the words around every mention: tell it only for the names that may be kept.
    entities: list[Entity] = []
    for name, unique in ranked:
        kind = _kind(name, merged_sites[name])
        if len(unique) > 1 or kind != "other":
            entities.append(Entity(name, kind, unique))
            if len(entities) == MAX_ENTITIES:
                break
    return entities


@lru_cache(maxsize=100_000)
def _names_in(text: str) -> tuple[tuple[str, int, bool], ...]:
    """Each name a sentence uses, once: its clean form, where it starts, whether it is more than an opening word."""
    found = []
    seen: set[str] = set()
    for match in NAME.finditer(text):
        name = _clean(match.group(0))
        if not name or name in seen:
            continue
        seen.add(name)
        found.append((name, match.start(), " " in name or bool(WORD_CHAR.search(text, 0, match.start()))))
    return tuple(found)


@lru_cache(maxsize=100_000)
def _clean(name: str) -> str:
    """Drop leading sentence-openers and titles so "Meanwhile, President Joe Bloggs" is "Joe Bloggs"."""
    tokens = POSSESSIVE.sub("", name).split()
    titled = [i for i, t in enumerate(tokens[:-1]) if t.lower().strip(".") in TITLES]
    if titled:
        tokens = tokens[titled[-1] + 1:]
    while tokens and (tokens[0].lower() in NOT_NAMES or tokens[0].lower().strip(".") in TITLES):
        tokens = tokens[1:]
    while tokens and tokens[-1].lower() in {"of", "for", "de", "la", "von", "van", "bin", "al"}:
        tokens = tokens[:-1]
    cleaned = POSSESSIVE.sub("", " ".join(tokens))
    if len(tokens) == 1 and (DEMONYM.search(cleaned) or len(cleaned) < 3 or cleaned[-1] in "'’"):
        return ""  # adjectives of nationality, two-letter codes and clipped words name no one
    return cleaned


def _hint(text: str, match: re.Match[str]) -> str:
    """What the words around a name say about it: a title before it, a place preposition, a verb of saying."""
    before = text[max(0, match.start() - 40):match.start()]  # the few words just before the name
    name = match.group(0)
    # Both patterns end in white space: read from a word's length before it, not across 40 characters.
    lead = _space_before(before, len(before))
    if any(t.lower().strip(".") in TITLES for t in name.split()[:-1]) or _titled(before, max(0, lead - TITLE_REACH)):
        return "person"
    if REPORTING_AFTER.match(text, match.end()):  # matched where the name ends, so anchored there
        return "speaker"
    article = _space_before(before, lead - 3) if before.endswith("the", 0, lead) else lead  # "in the "
    if PLACE_BEFORE.search(before, max(0, min(lead, article) - PLACE_REACH)):
        return "place"
    return ""


def _titled(before: str, start: int) -> bool:
    """Whether TITLE_BEFORE matches from start: a title, perhaps a full stop, then white space to the end."""
    last = LAST_WORD.search(before, start)
    if not last:
        return False
    word = last.group(1)
    # A title is one word: look it up, unless a case-insensitive match could read a letter differently.
    return bool(TITLE_BEFORE.search(before, start)) if folds_to_ascii(word) else word.lower() in TITLES


def _space_before(text: str, end: int) -> int:
    """Where the run of white space that ends at end begins."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _canonical(names: list[str]) -> dict[str, str]:
    """Each name's fullest form: "Martin" and "Anne Martin" become "Anne Martin"."""
    by_last: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_last[name.split()[-1]].append(name)
    result = {}
    for name in names:
        longer = [n for n in by_last[name.split()[-1]] if n.endswith(" " + name)]
        result[name] = max(longer, key=lambda n: (len(n.split()), n)) if longer else name
    return result


def _kind(name: str, sites: Sequence[tuple[str, int]]) -> str:
    words = {w.lower().strip(".") for w in name.split()}
    if words & ORGANISATION:
        return "organisation"
    # The pattern matches again where it matched in the first place: a mention is kept as its sentence and start.
    hints = {_hint(text, match) for text, start in sites if (match := NAME.match(text, start))}
    if "person" in hints or ("speaker" in hints and len(name.split()) > 1):
        return "person"
    if "place" in hints:
        return "place"
    if "speaker" in hints:
        return "organisation" if name.isupper() else "person"
    return "other"
