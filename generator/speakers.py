"""Who said a quote: speech tags, the people and bodies an article names, and one name per person."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .models import Article, Quote

_IRREGULAR = {"say": "said", "tell": "told", "write": "wrote", "go on": "went on", "begin": "began"}
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
    """Base, third person, past and -ing forms of a reporting verb (a particle stays at the end)."""
    verb, _, particle = base.partition(" ")
    tail = f" {particle}" if particle else ""
    if base in _IRREGULAR:
        past = _IRREGULAR[base]
    elif verb.endswith("e"):
        past = verb + "d"
    elif verb.endswith("y") and verb[-2] not in "aeiou":
        past = verb[:-1] + "ied"
    elif re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwy]", verb):
        past = verb + verb[-1] + "ed"
    else:
        past = verb + "ed"
    third = verb[:-1] + "ies" if verb.endswith("y") and verb[-2] not in "aeiou" else (
        verb + "es" if re.search(r"(?:s|sh|ch|x|z)$", verb) else verb + "s")
    ing = (verb[:-1] if verb.endswith("e") and not verb.endswith("ee") else verb) + "ing"
    forms = (past, ing) if verb in NOUN_LIKE and not every else (verb, third, past, ing)
    return [f"{form}{tail}" for form in forms]


_FORMS = sorted({f for b in _REGULAR for f in _inflect(b)}, key=len, reverse=True)
VERBS = "|".join(re.escape(f) for f in _FORMS)
# Right after a quotation "notes", "posts" or "reports" can only be the verb of its tag.
TAG_VERBS = "|".join(re.escape(f) for f in sorted({f for b in _REGULAR for f in _inflect(b, every=True)},
                                                 key=len, reverse=True))
VERB = re.compile(rf"\b({VERBS})\b", re.IGNORECASE)
GOVERNING = re.compile(rf"\b({VERBS}|described|describing|describes|called|calling|calls|dubbed|termed|"
                       r"labelled|labeled|considered|considers|expressed|expressing|voiced)\b", re.IGNORECASE)
TAG_VERB = re.compile(rf"^(?:{VERBS})$", re.IGNORECASE)

PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "his": "m", "i": "", "we": "", "they": "", "it": ""}
NAME_WORD = r"(?:[A-Z]\.(?:[A-Z]\.)*|[A-Z][\w'’-]*)"
NAME_TOKEN = rf"(?:{NAME_WORD}|(?:de|da|del|van|von|der|den|al|bin|la|le|du|dos|di)(?=\s+[A-Z]))"
NAME = re.compile(rf"{NAME_WORD}(?:\s+{NAME_TOKEN})*")
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
BODY_WORDS = {
    "house", "kremlin", "ministry", "office", "department", "government", "council", "agency", "police",
    "service", "services", "committee", "party", "court", "commission", "union", "association", "board",
    "company", "university", "institute", "foundation", "bank", "army", "military", "embassy",
    "parliament", "congress", "senate", "team", "inc", "inc.", "corp", "corp.", "ltd", "ltd.", "group",
    "network", "press", "administration", "authority", "centre", "center", "federation",
    "coalition", "society", "alliance", "organization", "organisation", "firm", "times",
    "post", "news", "journal", "tribune", "herald", "reuters", "nations", "fund", "program", "programme",
    "club", "league", "hospital", "school", "college", "church", "forces", "force", "county", "state",
    "states", "statement", "release",
}
BODY_NOUNS = {
    "statement", "release", "report", "agency", "firm", "company", "ministry", "office", "department",
    "commission", "government", "post", "memo", "letter", "group", "organization", "organisation",
    "website", "board", "council", "union", "committee", "court", "police", "party", "service",
    "network", "association", "administration", "campaign", "document", "notice", "filing", "tweet",
    "readout", "communique", "communiqué", "spokesman", "spokeswoman", "spokesperson", "embassy",
    "team", "club", "bank", "league", "city", "province", "county", "authority", "kremlin",
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


@dataclass(frozen=True)
class Cast:
    """Everyone an article names: mentions in order, short forms of names, and pronoun genders."""

    mentions: tuple[Mention, ...]
    aliases: dict[str, str]
    gender: dict[str, str]
    text: str = ""


def find_cast(article: Article, quoted: Sequence[tuple[int, int]]) -> Cast:
    """The people and bodies an article names outside its quotations, with their short forms."""
    text = article.text
    starts = [s.start for s in article.sentences]
    raw: list[Mention] = []
    persons: set[str] = set()
    openers: set[str] = set()
    inside: set[str] = set()
    for match in NAME.finditer(text):
        if any(s <= match.start() < e for s, e in quoted):
            continue
        name = canonical_name(match.group(0))
        if not name:
            continue
        start = match.start() + max(0, match.group(0).find(name.split()[0]))
        index = bisect_right(starts, start) - 1
        opening, speaks = _roles(text, starts[index] if index >= 0 else 0, start, match.end())
        body = _is_body(name) or _acronym(name)
        prefix = {t.lower().strip(".,") for t in match.group(0)[:start - match.start()].split()}
        title_before = re.search(r"([A-Za-z]+)\.?\s+$", text[max(0, start - 20):start])
        titled = bool(prefix & PERSON_TITLES) or bool(title_before and title_before.group(1).lower() in PERSON_TITLES)
        if start == (starts[index] if index >= 0 else 0) and len(name.split()) == 1:
            openers.add(name)
        else:
            inside.add(name)
        described = _described(text, match.end())
        raw.append(Mention(start, match.end(), name, "body" if body else "other", opening or speaks or described))
        single_speaker = speaks and bool(re.match(rf"\s+(?:{ADVERBS}\s+)*(?:{VERBS})\b", text[match.end():], re.I))
        if not body and ((len(name.split()) > 1 and (speaks or titled or described))
                         or (single_speaker and not re.search(r"\b(?:of|for|the|in|at|from)\s+$", text[:start]))):
            persons.add(name)
    multi = {m.name for m in raw if m.kind != "body" and len(m.name.split()) > 1}
    short = {part.lower(): full for full in sorted(multi) for part in (full.split()[-1], full.split()[0])}
    stray = {n for n in openers - inside if n.lower() not in short}  # "Having", "Mostly": capitalised by place
    raw = [m for m in raw if m.name not in stray]
    persons -= stray
    genders = _genders(text, [replace(m, name=short.get(m.name.lower(), m.name),
                                      salient=m.salient or m.name.lower() in short) for m in raw])
    persons |= {name for name in genders if len(name.split()) >= 2}
    aliases: dict[str, str] = {}
    for full in sorted(persons, key=lambda n: min(m.start for m in raw if m.name == n)):
        if len(full.split()) >= 2:
            for part in (full.split()[-1], full.split()[0]):
                aliases.setdefault(part.lower(), full)
    mentions = []
    for m in raw:
        name = aliases.get(m.name.lower(), m.name) if len(m.name.split()) == 1 else m.name
        kind = m.kind if m.kind == "body" else ("person" if name in persons or name != m.name else "other")
        if kind != "other" or m.salient:
            mentions.append(Mention(m.start, m.end, name, kind, m.salient))
    return Cast(tuple(mentions), aliases, {aliases.get(k.lower(), k): v for k, v in genders.items()}, text)


def _roles(text: str, sentence_start: int, start: int, end: int) -> tuple[bool, bool]:
    """Whether a mention opens its sentence as the subject, and whether it is the subject of a
    reporting verb ('Smith said', 'Smith, the mayor, told', 'said Smith.')."""
    before = text[sentence_start:start]
    after_intro = bool(re.search(r",\s*$", before)) and bool(
        re.match(r"\s+(?:also\s+|has\s+|had\s+)?[a-z]+(?:ed|s)\b", text[end:end + 30]))
    opening = after_intro or all(w[:1].isupper() or w.lower().strip(",.") in CONNECTORS | TITLE_WORDS
                                 for w in before.split())
    after = text[end:end + 160]
    speaks = bool(re.match(rf"^(?:['’]s?)?(?:,[^;\n]{{0,160}}?,)?\s+(?:{ADVERBS}\s+)*(?:{VERBS})\b",
                           after, re.IGNORECASE))
    inverted = bool(re.search(r"\b(?:said|says|added|adds|explained|explains|noted|notes|recalled|recalls)\s+"
                              r"(?:[\w.'’-]+\s+){0,4}$", text[max(0, start - 60):start])) and \
        bool(re.match(r"\s*[.,]", text[end:end + 2]))
    return opening, speaks or inverted


def _described(text: str, end: int) -> bool:
    """'Smith, 45,' or 'Smith, a professor at …': an apposition that only a person takes."""
    return bool(re.match(r",\s*(?:\d{1,3}[,.]|(?:a|an|the)\s+(?:[\w-]+\s+){0,3}(?:professor|doctor|"
                         r"researcher|resident|mother|father|son|daughter|wife|husband|student|spokesperson|"
                         r"spokesman|spokeswoman|director|president|minister|founder|owner|chair|chief|"
                         r"officer|lawyer|analyst|expert|economist|manager|member|leader|coach|player|"
                         r"executive|editor|author|senator|mayor|councillor|MP|MLA|MPP)\b)", text[end:end + 80]))


def attribute(article: Article, cast: Cast, start: int, end: int, span_start: int, span_end: int,
              previous: Quote | None, previous_end: int) -> tuple[str | None, str | None]:
    """The speaker and reporting verb of the quote at text[start:end] within the stretch span_start..span_end."""
    text = article.text
    found = _after_quote(text[end:span_end]) or _before_quote(text[span_start:start])
    if found is None and previous is not None and _continues(text, start, previous_end):
        return previous.speaker, previous.verb
    if found is None:
        return _from_context(article, cast, start), None
    phrase, verb = found
    return resolve(phrase, cast, start, previous, previous_end), verb


def resolve(phrase: str, cast: Cast, start: int, previous: Quote | None, previous_end: int) -> str | None:
    """A speaker phrase as a canonical name; pronouns and descriptions resolved from earlier text."""
    phrase = re.sub(r"\s+", " ", phrase.strip(" ,"))
    phrase = re.sub(r",\s*(?:who|which|whose|where)\b.*$", "", phrase)
    lower = phrase.lower()
    if not phrase or lower in NOT_NAMES - set(PRONOUNS):
        return None
    if lower in PRONOUNS:
        if lower in ("i", "we"):
            return None  # the writer's own voice, or a group the text leaves unnamed
        if lower in ("it", "they"):
            return _recent(cast, start, GROUPS, previous=previous, previous_end=previous_end)
        return _recent(cast, start, PEOPLE, gender=PRONOUNS[lower], previous=previous,
                       previous_end=previous_end)
    apposed = re.search(r",\s*([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)$", phrase)
    if apposed:
        return _alias(cast, canonical_name(apposed.group(1)))  # "Campbell's partner, Jason Louth"
    possessive = re.match(r"(?:his|her|their|its)\s+(.*)$", lower)
    if possessive:
        gender = PRONOUNS.get(lower.split()[0], "")
        owner = _recent(cast, start, PEOPLE, gender=gender, previous=previous, previous_end=previous_end)
        noun = possessive.group(1)
        if owner and noun.split()[-1] in REPRESENTATIVES:
            return f"{owner}'s {noun}"  # "her office": the office speaks for her, it is not her
        return owner
    description = re.match(r"(?:the|this|that)\s+(.+)$", phrase, re.IGNORECASE)
    head = re.split(r"\s+(?:of|for|at|from|in|on|with)\s+", description.group(1))[0].split()[-1] \
        if description else ""
    if description and not head[:1].isupper():
        group = head.lower() in BODY_NOUNS or head.lower() in BODY_WORDS or head.endswith("s")
        earlier = [] if group else list(re.finditer(rf"\b(?:a|an)\s+((?:[\w-]+\s+){{0,3}}{re.escape(head)})\b",
                                   cast.text[:start], re.IGNORECASE))
        if earlier:
            before = cast.text[:earlier[-1].start()].rstrip()
            apposed_to = re.search(rf"({NAME.pattern}),$", before)
            if apposed_to and canonical_name(apposed_to.group(1)):
                return _alias(cast, canonical_name(apposed_to.group(1)))  # "Schuh, an engineering professor"
            return earlier[-1].group(1)  # "a justice official … the official said"
        return _recent(cast, start, GROUPS if group else PEOPLE, previous=previous, previous_end=previous_end)
    if re.fullmatch(r"[A-Z][\w'’-]*(?:\s+[a-z][\w'’-]*){1,2}", phrase) and lower.split()[-1] not in BODY_NOUNS:
        return phrase  # "Surrey staff", "Liberal sources": a group named by its place or side
    named = _name_in(phrase)
    if named:
        return _alias(cast, named)
    indefinite = re.match(r"(?:a|an|one|some|many|several|two|three)\s+(.+)$", phrase, re.IGNORECASE)
    if indefinite and len(indefinite.group(1).split()) <= 6:
        return indefinite.group(1)  # "a spokesperson for the camp": as specific as the text allows
    if re.fullmatch(r"[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,3}", phrase):
        return phrase  # a group the text names by a common noun: "observers", "residents"
    return None


def canonical_name(phrase: str) -> str | None:
    """'Russian President Vladimir Putin' → 'Vladimir Putin'; 'the White House' → 'White House'."""
    phrase = re.sub(r"['’]s\b.*$|['’]$", "", phrase.strip(" ,."))
    tokens = phrase.split()
    while tokens and tokens[0].lower().strip(",.") in NOT_NAMES:
        tokens.pop(0)
    if not tokens:
        return None
    cut = max((i + 1 for i, t in enumerate(tokens) if t.lower().strip(".,") in TITLE_WORDS), default=0)
    rest = [t.strip(",") for t in tokens[cut:] if t[:1].isupper()]
    if rest and not any(t.lower().strip(".") in NOT_NAMES | BODY_WORDS for t in rest):
        return " ".join(rest)  # "White House Press Secretary Stephanie Grisham" → the person
    if any(t.lower().strip(".,") in BODY_WORDS for t in tokens):
        return " ".join(tokens)
    return None


def canonical_speakers(quotes: list[Quote]) -> list[Quote]:
    """One name per person across a story: 'Trump' → 'Donald Trump', 'Zelenskyy' → 'Volodymyr Zelensky',
    'Owen John Dempsey' and 'Owen Dempsey' as one; the most quoted full form wins."""
    names = Counter(q.speaker for q in quotes if q.speaker)
    full = sorted((n for n in names if len(n.split()) >= 2), key=lambda n: (-names[n], -len(n), n))
    mapping: dict[str, str] = {}
    for name in sorted(names, key=lambda n: (-names[n], -len(n), n)):
        if name in mapping:
            continue
        tokens = name.lower().split()
        for other in full:
            if other == name:
                break  # a full name folds only into one quoted more often
            other_tokens = other.lower().split()
            if _same_surname(other_tokens[-1], tokens[-1]) and (
                    len(tokens) == 1 or tokens[0] == other_tokens[0]):
                mapping[name] = mapping.get(other, other)
                break
        else:
            mapping[name] = name
    return [replace(q, speaker=mapping.get(q.speaker, q.speaker)) if q.speaker else q for q in quotes]


def _same_surname(a: str, b: str) -> bool:
    if a == b:
        return True
    return min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a)) and abs(len(a) - len(b)) <= 1


SPEAKER_PHRASE = r"((?:[\w'’.-]+,?\s+){0,9}?[\w'’.-]+)"


def _after_quote(after: str) -> tuple[str, str | None] | None:
    """', the White House said' / ', said Trump' / ', Putin told reporters' right after the quote."""
    head = re.split(r"[“\"‘]", after.lstrip(" ,.:;!?\"”’'"), maxsplit=1)[0][:200]
    match = re.match(rf"^{SPEAKER_PHRASE}\s+(?:{ADVERBS}\s+)*({TAG_VERBS})\b", head, re.IGNORECASE)
    if match and not VERB.search(match.group(1)):
        return re.sub(r"\s+(?:was|is|were)\s+quoted\s+as$", "", match.group(1)), match.group(2).lower()
    apposed = re.match(rf"^({NAME.pattern}),[^“\"]{{1,160}}?,\s+(?:{ADVERBS}\s+)*({TAG_VERBS})\b", head)
    if apposed:
        return apposed.group(1), apposed.group(2).lower()  # "Alexei Malashenko, a … expert, said"
    quoted_as = re.match(rf"^{SPEAKER_PHRASE}\s+(?:was|is|were)\s+quoted\b", head)
    if quoted_as:
        return quoted_as.group(1), "quoted"
    read = re.match(r"^((?:the|his|her|their|its|a)\s+(?:[\w'’-]+\s+){0,3}(?:statement|release|letter|post|"
                    r"note|message|notice|tweet))\s+(read|reads|continued|added)\b", head, re.IGNORECASE)
    if read:
        return read.group(1), read.group(2).lower()
    inverted = re.match(rf"^({TAG_VERBS}|according to)\s+(?:{ADVERBS}\s+)?(.+)$", head, re.IGNORECASE)
    if inverted:
        return _inverted_subject(inverted.group(2)), inverted.group(1).lower()
    return None


def _inverted_subject(rest: str) -> str:
    """'said Oilers head coach Ken Hitchcock.' / 'says the bow-tied maverick, noting …' → the subject."""
    rest = re.split(r"\s+(?:on|in|at|during|after|before|from|to|while|when|as|about)\s+(?![A-Z][a-z]+\s+[A-Z])"
                    r"|(?<!\b[A-Z])(?<!\b(?:Dr|Mr|Ms|St|Jr|Sr))(?<!\b(?:Mrs|Rep|Sen|Gov|Gen|Col|Sgt))"
                    r"(?<!\bProf)[.;:!?](?:\s|$)|,\s*(?:who|which|whose|noting|adding|saying|referring|as|when|"
                    r"while|and|but|in|at|on)\b", rest, maxsplit=1)[0]
    rest = rest.strip(" ,")
    parts = [p.strip() for p in rest.split(",")]
    if len(parts) > 1:
        first = parts[0]
        if re.search(r"['’]s?\s+\w+$", first) and NAME.fullmatch(parts[1]):
            return parts[1]  # "Campbell's partner, Jason Louth"
        if _name_in(first) or first.lower().startswith(("the ", "a ", "an ")):
            return first  # "Dr. Matthew Bowes, Nova Scotia's chief medical examiner"
    return rest


def _before_quote(before: str) -> tuple[str, str | None] | None:
    """'Trump wrote on social media: "…' / 'he said, "…' / 'according to X, "…' before the quote."""
    clause = before.rstrip(" \t\"“‘'")
    if not clause:
        return None
    according = ACCORDING.search(clause)
    introduced = clause.endswith((":", ",")) or re.search(r"\b(?:that)$", clause)
    if introduced:
        body = clause.rstrip(":, ")
        body = re.sub(r"\s+that$", "", body)
        inverted = re.search(rf"\b({VERBS})\s+((?:the\s+|a\s+)?[A-Z]?[\w'’.-]+(?:\s+[\w'’.-]+){{0,5}})$", body)
        if inverted and _name_in(inverted.group(2)):
            return inverted.group(2), inverted.group(1).lower()
        for match in reversed(list(VERB.finditer(body))):
            subject = _clause_subject(body[:match.start()])
            if subject:
                return subject, match.group(1).lower()
        if clause.endswith(":"):
            for name in reversed(list(NAME.finditer(body))):
                if canonical_name(name.group(0)) and re.match(
                        r"\s+(?:again\s+|also\s+|then\s+|later\s+)?(?:is|was|took|had|has|gave|put|[a-z]+ed)\b",
                        body[name.end():]):
                    return name.group(0), "said"  # "Musk again took to Twitter with this: “…"
            opener = re.match(rf"^\s*((?:the\s+)?{NAME.pattern})\b", body)
            if opener and canonical_name(opener.group(1)) and not VERB.search(body):
                return opener.group(1), "said"  # "Martell, the addictions doctor, is more blunt: “…"
    if according:
        return according.group(1), "according to"
    owner = re.search(rf"({NAME.pattern})['’]s?$", clause)
    if owner and canonical_name(owner.group(1)):
        return owner.group(1), None  # "Musk’s “production hell”": the words belong to their owner
    for match in reversed(list(GOVERNING.finditer(clause))):
        subject = _clause_subject(clause[:match.start()])
        if subject:
            return subject, match.group(1).lower()  # "Trump described the call as “…”"
    predicate = re.fullmatch(rf"\s*((?:[Tt]he|[Bb]oth)\s+[\w'’-]+(?:\s+[\w'’-]+){{0,3}}|{NAME.pattern})\s*", clause)
    if predicate:
        return predicate.group(1), "said"  # "The parties ‘agreed that …’": the quote is the predicate
    return None


def _clause_subject(text: str) -> str | None:
    """The subject that ends a stretch of text before its verb: a name, a description or a pronoun."""
    text = re.sub(rf"(?:\s+{ADVERBS})+\s*$", "", " " + text.rstrip()).strip()
    chained = re.search(rf"^(.*?)\s+(?:{VERBS}),?$", text)
    if chained:
        return _clause_subject(chained.group(1))  # "the White House said, noting": the same subject
    text = re.sub(r",\s*(?:who|which|the|a|an)\b[^,]*,$", "", text)  # "Smith, the mayor, said"
    text = re.sub(r",\s*\d+,$", "", text).strip(" ,")  # "Smith, 45, said"
    text = NARRATIVE_PREFIX.sub("", text) if text.count(",") else text
    pronoun = re.search(r"(?:^|\s)(he|she|they|it|we|I)$", text, re.IGNORECASE)
    if pronoun:
        return pronoun.group(1)
    unnamed = re.search(r"(?:^|\s)((?:a|an|one)\s+(?:[a-z][\w'’-]*\s+){0,7}[a-z][\w'’-]*)$", text)
    if unnamed:
        return unnamed.group(1)  # "As one veteran of the projects commented:"
    described = re.search(r"(?:^|\s)((?:the|his|her|their|its)\s+(?:[\w'’-]+\s+){0,3}[\w'’-]+)$", text,
                          re.IGNORECASE)
    if described and not _name_in(described.group(1)):
        return described.group(1)
    if re.fullmatch(r"(?:[A-Z][\w'’-]*\s+)?[a-z][\w'’-]*", text) and text.split()[-1].lower() not in NOT_NAMES:
        return text  # "Surrey staff explained", "Observers say"
    names = list(NAME.finditer(text))
    if names and names[-1].end() >= len(text) - 1:
        return text[max(0, text.rfind(" ", 0, max(0, names[-1].start() - 1)) + 1):].strip() \
            if text[names[-1].start() - 2:names[-1].start()].endswith("’s") else names[-1].group(0)
    return None


def _name_in(phrase: str) -> str | None:
    """The name within a speaker phrase: the last run of capitalised words before any 'of …'."""
    head = re.split(r"\s+(?:of|from|for|at|with)\s+", phrase, maxsplit=1)[0]
    runs = [canonical_name(m.group(0)) for m in NAME.finditer(head)]
    runs = [r for r in runs if r]
    return runs[-1] if runs else None


def _alias(cast: Cast, name: str | None) -> str | None:
    if name and len(name.split()) == 1:
        return cast.aliases.get(name.lower(), name)
    return name


def _recent(cast: Cast, start: int, kinds: frozenset[str], previous: Quote | None, previous_end: int,
            gender: str = "") -> str | None:
    """The person (or body) a pronoun or description points back to: the latest salient one of the
    right kind and gender, the previous quote's speaker counting as named where its tag was."""
    candidates = [(m.start, m.name) for m in cast.mentions
                  if m.start < start and m.kind in kinds and (m.salient or m.kind == "body")]
    known = {m.name: m.kind for m in cast.mentions}
    if previous is not None and previous.speaker and known.get(previous.speaker, "person") in kinds and \
            previous.speaker[0].isupper() and _is_body(previous.speaker) == (kinds != PEOPLE):
        candidates.append((previous_end, previous.speaker))
    ordered = [name for _, name in sorted(candidates, reverse=True)]
    if kinds == PEOPLE:
        ordered = [n for n in ordered if cast.gender.get(n, gender) == gender or not gender]
    return ordered[0] if ordered else None


def _from_context(article: Article, cast: Cast, start: int) -> str | None:
    """A quote with no tag: the 'according to X' or the person the paragraph before is about."""
    para_start = article.text.rfind("\n\n", 0, start)
    window_start = article.text.rfind("\n\n", 0, max(0, para_start)) if para_start > 0 else 0
    before = article.text[max(0, window_start):start]
    according = list(ACCORDING.finditer(before))
    if according:
        return _alias(cast, canonical_name(according[-1].group(1)))
    for mention in reversed(cast.mentions):
        if max(0, window_start) <= mention.start < start and mention.kind == "person":
            return mention.name
    return None


def _continues(text: str, start: int, previous_end: int) -> bool:
    """A quote with no tag that follows another quote closely continues that speaker."""
    between = text[previous_end:start]
    return between.count("\n\n") <= 1 and len(between) <= 400


def _genders(text: str, mentions: Sequence[Mention]) -> dict[str, str]:
    """Each name's pronoun gender, from the first pronoun after a mention that opens its sentence or
    speaks, when no one else is named in between."""
    votes: dict[str, Counter[str]] = {}
    people = [m for m in mentions if m.kind != "body"]
    for i, mention in enumerate(people):
        if not mention.salient:
            continue
        limit = next((p.start for p in people[i + 1:] if len(p.name.split()) > 1 and p.salient), len(text))
        window = text[mention.end:min(limit, mention.end + 250)]
        found = re.search(r"\b(he|him|his|she|her|hers)\b", window, re.IGNORECASE)
        if found:
            kind = "m" if found.group(1).lower() in ("he", "him", "his") else "f"
            votes.setdefault(mention.name, Counter())[kind] += 1
    return {name: count.most_common(1)[0][0] for name, count in votes.items()}


def _is_body(name: str) -> bool:
    return any(t.lower().strip(".,") in BODY_WORDS for t in name.split())


def _acronym(name: str) -> bool:
    """'RCMP', 'U.N.', 'Burnaby RCMP': an organisation known by its initials."""
    return bool(re.fullmatch(r"[A-Z]{2,}|(?:[A-Z]\.){2,}", name)) or any(re.fullmatch(r"[A-Z]{3,}", t)
                                                                       for t in name.split())
