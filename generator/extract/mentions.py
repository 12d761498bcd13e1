"""Who an article names: people and organisations, their short forms and pronoun genders, and the
reporting verbs, titles and name patterns that the speaker stage reads text with."""

from __future__ import annotations

import re
import string
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from ..models import Article

IRREGULAR = {"say": ("said",), "tell": ("told",), "write": ("wrote", "written"), "go": ("went", "gone"),
             "begin": ("began", "begun")}
STRESSED_LAST = {"admit", "regret", "commit", "submit", "omit", "refer", "prefer"}
_REGULAR = (
    "add", "ask", "reply", "continue", "tweet", "post", "note", "state", "explain", "insist", "warn", "argue",
    "declare", "announce", "claim", "respond", "joke", "recall", "concede", "acknowledge", "admit", "suggest",
    "emphasize", "emphasise", "stress", "urge", "predict", "caution", "counter", "remark", "observe",
    "conclude", "testify", "wonder", "complain", "maintain", "contend", "quip", "shout", "confirm", "allege",
    "assert", "reflect", "muse", "laugh", "recount", "boast", "vow", "promise", "pledge", "charge", "scoff",
    "sigh", "reiterate", "repeat", "elaborate", "advise", "demand", "deny", "lament", "mention", "plead",
    "proclaim", "retort", "whisper", "yell", "point out", "chime in", "share", "report", "reason", "cry",
    "exclaim", "offer", "comment", "tell", "say", "write", "go on", "begin",
)


# Verbs whose bare and -s forms are more often nouns ("the post", "reports"): only -ed and -ing count.
NOUN_LIKE = {"post", "tweet", "report", "charge", "offer", "share", "promise", "vow", "plead", "claim", "note",
             "comment", "cry", "laugh", "sigh", "shout", "reply", "reason", "counter", "caution", "stress",
             "demand", "state", "repeat", "pledge", "remark", "boast", "whisper", "yell", "joke", "quip", "muse",
             "reflect", "recall", "begin", "continue", "confirm", "mention"}


def _inflect(base: str, every: bool = False) -> list[str]:
    """Base, third person, past (and participle) and -ing forms of a reporting verb; a particle stays last."""
    verb, _, particle = base.partition(" ")
    tail = f" {particle}" if particle else ""
    doubled = bool(re.fullmatch(r"(?:qu|[^aeiou])*[aeiou][^aeiouwy]", verb)) or verb in STRESSED_LAST
    stem = verb + verb[-1] if doubled else verb
    if verb in IRREGULAR:
        past: tuple[str, ...] = IRREGULAR[verb]
    elif verb.endswith("e"):
        past = (verb + "d",)
    elif verb.endswith("y") and verb[-2] not in "aeiou":
        past = (verb[:-1] + "ied",)
    else:
        past = (stem + "ed",)
    third = verb[:-1] + "ies" if verb.endswith("y") and verb[-2] not in "aeiou" else (
        verb + "es" if re.search(r"(?:s|sh|ch|x|z|o)$", verb) else verb + "s")
    ing = (verb[:-1] if verb.endswith("e") and not verb.endswith("ee") else stem) + "ing"
    forms = (*past, ing) if verb in NOUN_LIKE and not every else (verb, third, *past, ing)
    return [f"{form}{tail}" for form in forms]


def _factored(words: Iterable[str]) -> str:
    """A pattern for exactly these words, factored by their shared beginnings ("sa(?:id|y(?:s)?)"): the
    engine tries it far faster than a flat alternation. Which word it prefers may differ, so it is
    only for patterns where just whether they match counts."""
    trie: dict[str, dict[str, Any]] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        either = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{either})?" if "" in node else either

    return pattern(trie)


_FORMS = sorted({f for b in _REGULAR for f in _inflect(b)}, key=len, reverse=True)
VERBS = "|".join(re.escape(f) for f in _FORMS)
ANY_VERB = _factored(_FORMS)  # VERBS for patterns that are only tested, never read back
# Right after a quotation "notes", "posts" or "reports" can only be the verb of its tag.
TAG_VERBS = "|".join(re.escape(f) for f in sorted({f for b in _REGULAR for f in _inflect(b, every=True)},
                                                 key=len, reverse=True))
VERB = re.compile(rf"\b({VERBS})\b", re.IGNORECASE)
GOVERNING = re.compile(rf"\b({VERBS}|described|describing|describes|called|calling|calls|dubbed|termed|"
                       r"labelled|labeled|considered|considers|expressed|expressing|voiced)\b", re.IGNORECASE)
TAG_VERB = re.compile(rf"^(?:{VERBS})$", re.IGNORECASE)

PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "his": "m", "hers": "f", "i": "", "we": "", "they": "",
            "it": ""}
NAME_WORD = r"(?:[A-Z]\.(?:[A-Z]\.)*|[A-Z][\w'’-]*)"
NAME_TOKEN = rf"(?:{NAME_WORD}|(?:de|da|del|van|von|der|den|al|bin|la|le|du|dos|di)(?=[^\S\n]+[A-Z]))"
# A name never runs over a line break: a heading ending in a name and a paragraph opening with it are two.
NAME = re.compile(rf"{NAME_WORD}(?:[^\S\n]+{NAME_TOKEN})*")
ACCORDING = re.compile(rf"(?i:according to)\s+((?:the\s+)?{NAME.pattern})")
TITLE_WORDS = {
    "president", "prime", "minister", "premier", "mayor", "governor", "gov", "senator", "sen", "rep",
    "representative", "secretary", "chancellor", "mr", "mrs", "ms", "miss", "dr", "prof", "professor",
    "judge", "justice", "chief", "general", "gen", "spokesman", "spokeswoman", "spokesperson",
    "leader", "ceo", "chair", "chairman", "chairwoman", "director", "commissioner", "coach",
    "councillor", "councilor", "coun", "mp", "mla", "mpp", "sir", "dame", "lord", "lady", "king",
    "queen", "prince", "princess", "pope", "rev", "father", "captain", "capt", "sgt", "officer",
    "inspector", "superintendent", "constable", "deputy", "vice", "former", "then", "assistant",
    "attorney", "ambassador", "envoy", "speaker", "head", "founder", "executive", "manager", "editor",
    "foreign", "affairs", "finance", "defence", "defense", "health", "interior", "state", "crown",
    "prosecutor", "sheriff", "lt", "col", "maj", "adm", "supt", "insp", "det", "staff", "sergeant",
    "corporal", "cpl", "detective", "hon", "mrs.", "economist", "analyst", "author",
}
NOT_NAMES = {
    "the", "a", "an", "but", "and", "so", "then", "also", "meanwhile", "however", "later", "today", "in",
    "on", "at", "as", "when", "while", "after", "before", "during", "if", "this", "that", "these", "those",
    "there", "it", "its", "his", "her", "their", "our", "we", "they", "he", "she", "i", "you", "my",
    "what", "where", "who", "why", "how", "for", "with", "from", "by", "to", "of", "yes", "no", "not",
    "asked", "still", "now", "since", "although", "though", "despite", "under", "until", "instead",
    "watch", "read", "more", "related", "many", "some", "most", "all", "both", "one", "two", "three",
    "several", "other", "others", "each", "every", "such", "last", "next", "first", "new", "even",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "christmas", "easter", "russian", "ukrainian", "american", "british", "canadian", "french",
    "german", "chinese", "indian", "israeli", "palestinian", "iranian", "european", "u.s.", "us", "uk",
    "u.k.", "federal", "provincial", "national", "city", "liberal", "conservative", "democrat",
    "democratic", "republican", "ndp", "opposition", "according", "yet", "like", "said",
}
# Seats of government that news uses for the government itself ("the Pentagon said").
SEATS_OF_GOVERNMENT = frozenset({
    "kremlin", "pentagon", "elysee", "élysée", "whitehall", "vatican", "quirinale", "bundestag", "knesset",
    "duma", "rada", "storting", "riksdag", "zhongnanhai",
})
BODY_WORDS = SEATS_OF_GOVERNMENT | {
    "house", "ministry", "office", "department", "government", "council", "agency", "police",
    "service", "services", "committee", "party", "court", "commission", "union", "association", "board",
    "company", "university", "institute", "foundation", "bank", "army", "military", "embassy",
    "parliament", "congress", "senate", "team", "inc", "inc.", "corp", "corp.", "ltd", "ltd.", "group",
    "network", "press", "administration", "authority", "centre", "center", "federation",
    "coalition", "society", "alliance", "organization", "organisation", "firm", "times",
    "post", "news", "journal", "tribune", "herald", "reuters", "nations", "fund", "program", "programme",
    "club", "league", "hospital", "school", "college", "church", "forces", "force", "county", "state",
    "states", "statement", "release",
}
BODY_NOUNS = SEATS_OF_GOVERNMENT | {
    "statement", "release", "report", "agency", "firm", "company", "ministry", "office", "department",
    "commission", "government", "post", "memo", "letter", "group", "organization", "organisation",
    "website", "board", "council", "union", "committee", "court", "police", "party", "service",
    "network", "association", "administration", "campaign", "document", "notice", "filing", "tweet",
    "readout", "communique", "communiqué", "spokesman", "spokeswoman", "spokesperson", "embassy",
    "team", "club", "bank", "league", "city", "province", "county", "authority",
}
ADVERBS = (r"(?:also|then|later|further|again|once|previously|recently|repeatedly|simply|quickly|"
           r"flatly|bluntly|quietly|firmly|angrily|earlier|still|had|has|have|was|is|would|will|"
           r"has since|went on to|in a statement|in an interview|in an email|on \w+)")
NARRATIVE_PREFIX = re.compile(r"^(?:[\w'’-]+\s+){0,6}?[\w'’-]+,\s+(?=[A-Za-z])")


PERSON_TITLES = TITLE_WORDS - {"the", "former", "then", "state", "foreign", "affairs", "finance", "defence",
                                "defense", "health", "interior", "head", "executive", "staff", "vice", "deputy",
                                "assistant", "crown", "chief", "general", "us", "u.s."}
CONNECTORS = {"but", "and", "so", "then", "now", "still", "also", "later", "earlier", "meanwhile", "today",
              "yesterday", "instead", "however", "yet", "—", "–", "-"}
REPRESENTATIVES = {"office", "spokesperson", "spokesman", "spokeswoman", "lawyer", "lawyers", "attorney",
                   "campaign", "team", "aide", "aides", "press secretary", "representative", "staff"}
PEOPLE = frozenset({"person"})
GROUPS = frozenset({"body", "other"})


@dataclass(frozen=True)
class Mention:
    """A person or body named in an article's narrative (outside quotation marks)."""

    start: int
    end: int
    name: str
    kind: str  # "person", "body" (an organisation) or "other" (a lone name: a country, a city, a mononym)
    salient: bool  # the subject of its sentence or of a reporting verb: what a later "he" points to


class _Named(NamedTuple):
    """A Mention while the cast is gathered: a plain tuple, many times cheaper to make."""

    start: int
    end: int
    name: str
    kind: str
    salient: bool


@dataclass(frozen=True)
class Cast:
    """Everyone an article names: mentions in order, short forms of names, and pronoun genders."""

    mentions: tuple[Mention, ...]
    aliases: dict[str, str]
    gender: dict[str, str]
    text: str = ""
    titles: dict[str, frozenset[str]] = field(default_factory=dict)  # "Jane Doe": {"mayor"}


LEAD_WORDS = frozenset(CONNECTORS | TITLE_WORDS)  # words that may come before a sentence's subject
NOT_NAMES_OR_BODIES = frozenset(NOT_NAMES | BODY_WORDS)
SPEAKS_NEXT = re.compile(rf"\s+(?:{ADVERBS}\s+)*(?:{ANY_VERB})\b", re.IGNORECASE)
LOCATIVE = frozenset({"in", "across", "throughout"})  # words before a place, seldom before a person
PLACE_BEFORE = re.compile(r"\b(?:of|for|the|in|at|from)\s+$")
# The verb of a subject that follows an opening clause, perhaps after its own apposition ("When asked,
# Jane Roe didn't hesitate", "Given his views, Jane Roe, head of a charity, is hopeful").
INTRO_VERB = re.compile(r"(?:(?:,[^;\n,]{1,80}){0,2},)?\s+(?:also\s+|has\s+|had\s+)?"
                        r"(?:[a-z]+(?:ed|s)|(?:did|does|could|would|should|can)(?:n['’]t)?|won['’]t)\b")
SPEAKS = re.compile(rf"^(?:['’]s?)?(?:,[^;\n]{{0,160}}?,)?\s+(?:{ADVERBS}\s+)*(?:{ANY_VERB})\b",
                    re.IGNORECASE)
# "…, insists 16-year-old Jane Roe, in …": any reporting verb before the name makes it the speaker.
SAID_BEFORE = re.compile(rf"\b(?:{ANY_VERB})\s+(?:[\w.'’-]+\s+){{0,4}}$")
# A name right before a verb in the past is the subject of its clause wherever the clause stands ("a comment
# that Roe found troubling", "when Roe scored"): a later "he" or "she" can mean that person.
CLAUSE_VERB = re.compile(r"[^\S\n]+(?:[a-z]{2,}ed|found|felt|thought|saw|knew|took|got|made|gave|won|lost|"
                         r"became|began|kept|left|met|ran|sent|spent|wrote|told|said)\b")
SUBJECT_VERB = re.compile(r"[^\S\n]+(?:also\s+|then\s+)?(?:[a-z]{2,}ed|(?:did|does|is|was|has|had|could|would|"
                          r"should|can)(?:n['’]t)?|won['’]t)\b")
# A name before a common noun that heads an organisation names that organisation ("Orbit research unit").
UNIT_AFTER = re.compile(rf"[^\S\n]+(?:(?!(?:{ANY_VERB}|the|a|an|of|and|to|in|at|for|with|is|was|has|had|its|his|"
                        r"her|their)\b)[a-z][\w-]*[^\S\n]+){0,2}(?:unit|division|firm|company|department|agency|"
                        r"subsidiary|lab|laboratory|institute|group)\b")
STOP_AFTER = re.compile(r"\s*[.,]")
WHO_AFTER = re.compile(r"\s*[,—–]\s*(?:who|whose)\b")
APPOSITION = re.compile(r",\s*(?:\d{1,3}[,.]|(?:a|an|the)\s+(?:[\w-]+\s+){0,3}(?:professor|doctor|"
                        r"researcher|resident|mother|father|son|daughter|wife|husband|student|spokesperson|"
                        r"spokesman|spokeswoman|director|president|minister|founder|owner|chair|chief|"
                        r"officer|lawyer|analyst|expert|economist|manager|member|leader|coach|player|"
                        r"executive|editor|author|senator|mayor|councillor|MP|MLA|MPP)\b)")
OWNER = re.compile(r"[^\s'’]+(?:\s+[^\s'’]+)*['’]s\s+(?=(?:[A-Z][\w'’.-]*\s+)*[A-Z])")
POSSESSIVE_TAIL = re.compile(r"['’]s\b.*$|['’]$")
CONTRACTION = re.compile(r"['’](?:d|ll|ve|re|m|t)$")
PRONOUN = re.compile(r"\b(he|him|his|she|her|hers)\b", re.IGNORECASE)
CLAUSE_COMMA = re.compile(r"[^.,;]*,\s*")
INITIALS = re.compile(r"[A-Z]{2,}|(?:[A-Z]\.){2,}")
CAPITALS = re.compile(r"[A-Z]{3,}")
# "the Oilers 7-4", "the slumping Edmonton Oilers," "the Sharks, who": a capitalised plural after "the" and
# before a pause or a clause word names a team or a party, which no surname ending in -s does that way.
PLURAL_GROUP = re.compile(r"\bthe\s+(?:[a-z][\w-]*\s+)?(?:[A-Z][\w'’.-]*\s+){0,2}([A-Z][a-z][\w-]*[^\Wsiu]s)\b"
                          r"(?=\s*[,.;:!?()\d—–]|\s+(?:and|who|have|are|were|had|will|would|in|on|at|to|for|"
                          r"with|from|as|but)\b)")


def find_cast(article: Article, quoted: Sequence[tuple[int, int]]) -> Cast:
    """The people and bodies an article names outside its quotations, with their short forms."""
    text = article.text
    starts = [s.start for s in article.sentences]
    raw: list[_Named] = []
    persons: set[str] = set()
    openers: set[str] = set()
    inside: set[str] = set()
    titles: dict[str, set[str]] = {}
    places: set[str] = set()
    subjects: set[str] = set()  # lone names right before their verb: "Roe didn't hesitate"
    outside = _outside(quoted)
    plurals = _plural_groups(text, outside)
    for match in NAME.finditer(text):
        if not outside(match.start()):
            continue
        name = canonical_name(match.group(0))
        if not name:
            continue
        start = match.start() + max(0, match.group(0).find(name.split()[0]))
        index = bisect_right(starts, start) - 1
        sentence_start = starts[index] if index >= 0 else 0
        opening, speaks = _roles(text, sentence_start, start, match.end())
        body = _names_body(name) or name.split()[-1] in plurals or name in plurals
        prefix = {t.lower().strip(".,") for t in match.group(0)[:start - match.start()].split()}
        word_before = _word_before(text, start)
        before_words = prefix | ({word_before.lower()} if word_before else set())
        held = before_words & PERSON_TITLES
        if before_words & LOCATIVE and not text.startswith(("'", "’"), match.end()):
            places.add(name)  # "in Northfield County": a place, which no later "he" or "she" means
        titled = bool(held)
        titles.setdefault(name, set()).update(held)
        if start == sentence_start and len(name.split()) == 1:
            openers.add(name)
        else:
            inside.add(name)
        owned = match.group(0).endswith(("'s", "’s", "'", "’"))  # "Roe's lab said": Roe is no lab
        unit = None if body or owned else UNIT_AFTER.match(text, match.end())
        if unit:  # "Acme's Orbit research unit said": the name is the unit's, and speaks if the unit does
            body, speaks = True, speaks or bool(SPEAKS.match(text[unit.end():unit.end() + 160]))
        described = _described(text, match.end())
        if " " not in name and SUBJECT_VERB.match(text, match.end()):
            subjects.add(name)
        raw.append(_Named(start, match.end(), name, "body" if body else "other", opening or speaks or described))
        single_speaker = speaks and bool(SPEAKS_NEXT.match(text, match.end()))
        if not body and ((len(name.split()) > 1 and (speaks or titled or described))
                         or (single_speaker and not _after_preposition(text, start))):
            persons.add(name)
    multi = {m.name for m in raw if m.kind != "body" and len(m.name.split()) > 1}
    short = {part.lower(): full for full in sorted(multi) for part in (full.split()[-1], full.split()[0])}
    shared = Counter(full.split()[-1].lower() for full in multi)
    # "Jones" of two Joneses gives neither its pronoun: the one named later may be a brother.
    short = {part: full for part, full in short.items() if shared[part] < 2}
    stray = {n for n in openers - inside if n.lower() not in short}  # "Having", "Mostly": capitalised by place
    raw = [m for m in raw if m.name not in stray]
    persons -= stray
    genders = _genders(text, [_Named(m.start, m.end, short.get(m.name.lower(), m.name), m.kind, m.salient)
                              for m in raw])
    # A lone name that a "he" or "she" follows is a person's ("Roe didn't hesitate. … he said").
    persons |= {name for name in genders if len(name.split()) >= 2 or (name in subjects and name.lower() not in short)}
    persons -= {name for name in places if not titles.get(name)}  # "Mayor Jane Roe" stays one in any case
    first: dict[str, int] = {}
    for m in raw:
        first[m.name] = min(first.get(m.name, m.start), m.start)
    aliases: dict[str, str] = {}
    for full in sorted(persons, key=first.__getitem__):
        if len(full.split()) >= 2:
            for part in (full.split()[-1], full.split()[0]):
                aliases.setdefault(part.lower(), full)
    mentions: list[Mention] = []
    for m in raw:
        name = aliases.get(m.name.lower(), m.name) if len(m.name.split()) == 1 else m.name
        if shared[m.name.lower()] >= 2:
            name = latest_named(mentions, m.name, m.start) or name
        kind = m.kind if m.kind == "body" else ("person" if name in persons or name != m.name else "other")
        if kind != "other" or m.salient:
            mentions.append(Mention(m.start, m.end, name, kind, m.salient))
    held_by: dict[str, set[str]] = {}
    for name, held in titles.items():
        held_by.setdefault(aliases.get(name.lower(), name), set()).update(held)
    return Cast(tuple(mentions), aliases, {aliases.get(k.lower(), k): v for k, v in genders.items()}, text,
                {name: frozenset(held) for name, held in held_by.items() if held})


def latest_named(mentions: Sequence[Mention], surname: str, start: int) -> str | None:
    """The person last named in full before start with this surname: which of two Kemps a lone
    "Kemp" means."""
    return next((m.name for m in reversed(mentions) if m.start < start and m.kind == "person"
                 and " " in m.name and m.name.split()[-1] == surname), None)


def _plural_groups(text: str, outside: Callable[[int], bool]) -> set[str]:
    """Teams and parties named by a plural ("the Oilers"), and the places that lead their full names
    ("Edmonton" of "Edmonton Oilers"), which name the team too."""
    words = {m.group(1) for m in PLURAL_GROUP.finditer(text) if outside(m.start(1))}
    if not words:
        return set()
    led = re.finditer(rf"((?:[A-Z][\w'’.-]*[^\S\n]+){{1,2}})(?:{'|'.join(map(re.escape, words))})\b", text)
    return words | {" ".join(m.group(1).split()[:i]) for m in led for i in (1, 2) if i <= len(m.group(1).split())}


def _outside(spans: Sequence[tuple[int, int]]) -> Callable[[int], bool]:
    """A test of whether a position lies outside every span (start inclusive, end exclusive)."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if start >= end:
            continue  # an empty span holds no position
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    starts = [start for start, _ in merged]

    def test(position: int) -> bool:
        index = bisect_right(starts, position) - 1
        return index < 0 or position >= merged[index][1]

    return test


@lru_cache(maxsize=100_000)
def _names_body(name: str) -> bool:
    """Whether a name is an organisation's: a body word in it, or initials."""
    return is_body(name) or _acronym(name)


def _word_before(text: str, start: int) -> str | None:
    r"""The letters right before a full stop and white space that end at start, within the 20
    characters before it: "Mayor" in "Mayor Jane Doe" (what r"([A-Za-z]+)\.?\s+$" finds there)."""
    limit = max(0, start - 20)
    end = start
    while end > limit and text[end - 1].isspace():
        end -= 1
    if end == start:
        return None  # no white space before the name
    if end > limit and text[end - 1] == ".":
        end -= 1
    first = end
    while first > limit and text[first - 1] in string.ascii_letters:
        first -= 1
    return text[first:end] if first < end else None


def _after_preposition(text: str, start: int) -> bool:
    """Whether 'of', 'for', 'the', 'in', 'at' or 'from' and white space come right before start."""
    lead = start
    while lead > 0 and text[lead - 1].isspace():
        lead -= 1
    # The word ends where the white space begins: read from there, not from the text's start.
    return bool(PLACE_BEFORE.search(text, max(0, lead - 4), start))


def _roles(text: str, sentence_start: int, start: int, end: int) -> tuple[bool, bool]:
    """Whether a mention opens its sentence as the subject, and whether it is the subject of a
    reporting verb ('Smith said', 'Smith, the mayor, told', 'said Smith.')."""
    before = text[sentence_start:start]
    after_intro = before.rstrip().endswith(",") and bool(INTRO_VERB.match(text[end:end + 200]))
    opening = after_intro or bool(CLAUSE_VERB.match(text, end, end + 40)) or \
        all(w[:1].isupper() or w.lower().strip(",.") in LEAD_WORDS for w in before.split())
    speaks = bool(SPEAKS.match(text[end:end + 160]))
    inverted = bool(STOP_AFTER.match(text[end:end + 2])) and bool(SAID_BEFORE.search(text[max(0, start - 60):start]))
    return opening, speaks or inverted


def _described(text: str, end: int) -> bool:
    """'Smith, 45,' or 'Smith, a professor at …': an apposition that only a person takes."""
    if WHO_AFTER.match(text[end:end + 12]):
        return True  # "Alfonso Espinos, who …": only a person takes "who"
    return bool(APPOSITION.match(text[end:end + 80]))


@lru_cache(maxsize=100_000)
def canonical_name(phrase: str) -> str | None:
    """'French President Anne Martin' → 'Anne Martin'; 'the Home Office' → 'Home Office'."""
    phrase = phrase.strip(" ,.")
    owned = OWNER.match(phrase) if "s" in phrase else None  # the pattern needs a possessive s
    if owned and phrase[owned.end():].split()[-1].lower() not in BODY_WORDS:
        phrase = phrase[owned.end():]  # "Labour’s Angela Rayner", "Canada’s Foreign Minister Mélanie Joly"
    phrase = POSSESSIVE_TAIL.sub("", phrase)
    tokens = [CONTRACTION.sub("", t) for t in phrase.split()]  # "I’d" is "I"
    while tokens and tokens[0].lower().strip(",.") in NOT_NAMES:
        tokens.pop(0)
    if not tokens:
        return None
    cut = max((i + 1 for i, t in enumerate(tokens) if t.lower().strip(".,") in TITLE_WORDS), default=0)
    rest = [t.strip(",") for t in tokens[cut:] if t[:1].isupper()]
    if rest and not any(t.lower().strip(".") in NOT_NAMES_OR_BODIES for t in rest):
        return " ".join(rest)  # "City Hall Press Secretary Jane Roe" → the person
    if any(t.lower().strip(".,") in BODY_WORDS for t in tokens):
        return " ".join(tokens)
    if len(tokens) == 1 and phrase.split()[0] == tokens[0] and len(tokens[0]) >= 4 and tokens[0][1:].islower():
        return tokens[0]  # "King said": a surname that is also a title
    return None


SUBORDINATE = re.compile(r"(?:^|[.!?]\s+|\n)(?:After|When|Before|As|While|Because|If|Although|Since|Until|Once)\s+$")


def _genders(text: str, mentions: Sequence[_Named]) -> dict[str, str]:
    """Each name's pronoun gender, from the first pronoun after a mention that opens its sentence or
    speaks, when no one else is named in between."""
    votes: dict[str, Counter[str]] = {}
    people = [m for m in mentions if m.kind != "body"]
    for i, mention in enumerate(people):
        if not mention.salient:
            continue
        limit = next((p.start for p in people[i + 1:] if len(p.name.split()) > 1 and (
            p.salient or " " not in text[p.start:p.end].strip())), len(text))  # a surname marks a person
        window = text[mention.end:min(limit, mention.end + 250)]
        found = PRONOUN.search(window)
        lead = text[max(0, mention.start - 40):mention.start]
        if found and SUBORDINATE.search(lead) and CLAUSE_COMMA.fullmatch(window, 0, found.start()):
            continue  # "After Kody died, she urged …": the pronoun is the main clause's subject, someone else
        if found:
            votes.setdefault(mention.name, Counter())[PRONOUNS[found.group(1).lower()]] += 1
    return {name: count.most_common(1)[0][0] for name, count in votes.items()}


def is_body(name: str) -> bool:
    return any(t.lower().strip(".,") in BODY_WORDS for t in name.split())


def _acronym(name: str) -> bool:
    """'RCMP', 'U.N.', 'Burnaby RCMP': an organisation known by its initials."""
    return bool(INITIALS.fullmatch(name)) or any(CAPITALS.fullmatch(t) for t in name.split())
