"""Who said a quote: speech tags around it, pronouns and descriptions resolved, one name per person."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..models import Article, Quote
from .mentions import (
    ACCORDING,
    ADVERBS,
    BODY_NOUNS,
    BODY_WORDS,
    GOVERNING,
    GROUPS,
    NAME,
    NARRATIVE_PREFIX,
    NOT_NAMES,
    PEOPLE,
    PRONOUN,
    PRONOUNS,
    REPRESENTATIVES,
    TAG_VERBS,
    TITLE_WORDS,
    VERBS,
    Cast,
    canonical_name,
    is_body,
    latest_named,
)
from .mentions import VERB as SPEECH_VERB

__all__ = ["BODY_WORDS", "NAME", "VERB", "attribute", "canonical_name", "canonical_speakers", "resolve"]

# For other stages (reservations read holders with it): speech verbs, their -s forms and a few narrative
# verbs of attribution.
VERB = re.compile(rf"\b({TAG_VERBS}|described|called|agreed|according to|highlighted|indicated)\b", re.IGNORECASE)


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
        return _alias(cast, canonical_name(apposed.group(1)), start)  # "Campbell's partner, Jason Louth"
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
    if description and (not head[:1].isupper() or head.lower() in TITLE_WORDS):
        group = head.lower() in BODY_NOUNS or head.lower() in BODY_WORDS or head.endswith("s")
        earlier = [] if group else list(re.finditer(rf"\b(?:a|an)\s+((?:[\w-]+\s+){{0,3}}{re.escape(head)})\b",
                                   cast.text[:start], re.IGNORECASE))
        if earlier:
            before = cast.text[:earlier[-1].start()].rstrip()
            apposed_to = re.search(rf"({NAME.pattern}),$", before)
            if apposed_to and canonical_name(apposed_to.group(1)):
                return _alias(cast, canonical_name(apposed_to.group(1)), start)  # "Roe, an engineering professor"
            named_later = _named_since(cast, earlier[-1].start(), start, previous, previous_end) \
                if head.lower() in TITLE_WORDS else None  # a role, not "a man … the man"
            # "Set up by an engineering professor … Roe …, the professor said": named after being described
            return named_later or earlier[-1].group(1)  # "a justice official … the official said"
        holders = [m.name for m in cast.mentions if m.start < start and head.lower() in cast.titles.get(m.name, ())]
        if holders and not group:
            return holders[-1]  # "the president": the person last named with that title
        found = _recent(cast, start, GROUPS if group else PEOPLE, previous=previous, previous_end=previous_end)
        return found or description.group(1)  # "the ministry" named nowhere else: still the speaker
    if re.fullmatch(r"[A-Z][\w'’-]*(?:\s+[a-z][\w'’-]*){1,2}", phrase) and lower.split()[-1] not in BODY_NOUNS:
        return phrase  # "Surrey staff", "Liberal sources": a group named by its place or side
    named = _name_in(phrase)
    if named:
        return _alias(cast, named, start)
    indefinite = re.match(r"(?:a|an|one|some|many|several|two|three)\s+(.+)$", phrase, re.IGNORECASE)
    if indefinite and len(indefinite.group(1).split()) <= 6:
        return indefinite.group(1)  # "a spokesperson for the camp": as specific as the text allows
    if re.fullmatch(r"[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,3}", phrase):
        return phrase  # a group the text names by a common noun: "observers", "residents"
    return None


def canonical_speakers(quotes: list[Quote]) -> list[Quote]:
    """One name per person across a story: 'Martin' → 'Anne Martin', 'Khodorkovskyy' → 'Mikhail Khodorkovsky',
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
OPENING_QUOTE = re.compile(r"[“\"‘]")
TAG_AFTER = re.compile(rf"^{SPEAKER_PHRASE}\s+(?:{ADVERBS}\s+)*({TAG_VERBS})\b", re.IGNORECASE)
QUOTED_AS_TAIL = re.compile(r"\s+(?:(?:was|is|were)\s+quoted\s+as|(?:could|can|was|were|is)\s+(?:be\s+)?heard)$")
APPOSED_TAG_AFTER = re.compile(rf"^({NAME.pattern}),[^“\"]{{1,160}}?,\s+(?:{ADVERBS}\s+)*({TAG_VERBS})\b")
QUOTED_AS = re.compile(rf"^{SPEAKER_PHRASE}\s+(?:was|is|were)\s+quoted\b")
READS = re.compile(r"^((?:the|his|her|their|its|a)\s+(?:[\w'’-]+\s+){0,3}(?:statement|release|letter|post|"
                   r"note|message|notice|tweet))\s+(read|reads|continued|added)\b", re.IGNORECASE)
INVERTED_AFTER = re.compile(rf"^({TAG_VERBS}|according to)\s+(?:{ADVERBS}\s+)?(.+)$", re.IGNORECASE)
THAT_END = re.compile(r"\b(?:that)$")
THAT_TAIL = re.compile(r"\s+that$")
INVERTED_BEFORE = re.compile(rf"\b({VERBS})\s+((?:the\s+|a\s+)?[A-Z]?[\w'’.-]+(?:\s+[\w'’.-]+){{0,5}})$")
ACTION_AFTER = re.compile(r"\s+(?:again\s+|also\s+|then\s+|later\s+)?(?:is|was|took|had|has|gave|put|[a-z]+ed)\b")
OPENER = re.compile(rf"^\s*((?:the\s+)?{NAME.pattern})\b")
OWNER_END = re.compile(rf"({NAME.pattern})['’]s?$")
PREDICATE_CLAUSE = re.compile(rf"\s*((?:[Tt]he|[Bb]oth)\s+[\w'’-]+(?:\s+[\w'’-]+){{0,3}}|{NAME.pattern})\s*")
TRAILING_ADVERBS = re.compile(rf"(?:\s+{ADVERBS})+\s*$")
DESCRIBED_NAME = re.compile(rf"\b([a-z][\w'’-]*)\s+({NAME.pattern})$")
CHAINED = re.compile(rf"^(.*?)\s+(?:{VERBS}),?$")


def _after_quote(after: str) -> tuple[str, str | None] | None:
    """', the ministry said' / ', said Martin' / ', Lee told reporters' right after the quote."""
    head = OPENING_QUOTE.split(after.lstrip(" ,.:;!?\"”’'"), maxsplit=1)[0][:200]
    match = TAG_AFTER.match(head)
    if match and not SPEECH_VERB.search(match.group(1)):
        return QUOTED_AS_TAIL.sub("", match.group(1)), match.group(2).lower()
    apposed = APPOSED_TAG_AFTER.match(head)
    if apposed:
        return apposed.group(1), apposed.group(2).lower()  # "Alexei Malashenko, a … expert, said"
    quoted_as = QUOTED_AS.match(head)
    if quoted_as:
        return quoted_as.group(1), "quoted"
    read = READS.match(head)
    if read:
        return read.group(1), read.group(2).lower()
    inverted = INVERTED_AFTER.match(head)
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
            return first  # "Dr. Jane Roe, Northfield's chief medical examiner"
    return rest


def _before_quote(before: str) -> tuple[str, str | None] | None:
    """'Martin wrote on social media: "…' / 'he said, "…' / 'according to X, "…' before the quote."""
    clause = before.rstrip(" \t\"“‘'")
    if not clause:
        return None
    according = ACCORDING.search(clause)
    introduced = clause.endswith((":", ",")) or THAT_END.search(clause)
    if introduced:
        body = clause.rstrip(":, ")
        body = THAT_TAIL.sub("", body)
        inverted = INVERTED_BEFORE.search(body)
        if inverted and _name_in(inverted.group(2)):
            return inverted.group(2), inverted.group(1).lower()
        for match in reversed(list(SPEECH_VERB.finditer(body))):
            subject = _clause_subject(body[:match.start()])
            if subject:
                return subject, match.group(1).lower()
        if clause.endswith(":"):
            for name in reversed(list(NAME.finditer(body))):
                if canonical_name(name.group(0)) and ACTION_AFTER.match(body, name.end()):
                    return name.group(0), "said"  # "Musk again took to Twitter with this: “…"
            opener = OPENER.match(body)
            if opener and canonical_name(opener.group(1)) and not SPEECH_VERB.search(body):
                return opener.group(1), "said"  # "Roe, the addictions doctor, is more blunt: “…"
    if according:
        return according.group(1), "according to"
    owner = OWNER_END.search(clause)
    if owner and canonical_name(owner.group(1)):
        return owner.group(1), None  # "Musk’s “production hell”": the words belong to their owner
    for match in reversed(list(GOVERNING.finditer(clause))):
        subject = _clause_subject(clause[:match.start()])
        if subject:
            return subject, match.group(1).lower()  # "Martin described the talks as “…”"
    predicate = PREDICATE_CLAUSE.fullmatch(clause)
    if predicate:
        return predicate.group(1), "said"  # "The parties ‘agreed that …’": the quote is the predicate
    return None


def _clause_subject(text: str) -> str | None:
    """The subject that ends a stretch of text before its verb: a name, a description or a pronoun."""
    text = TRAILING_ADVERBS.sub("", " " + text.rstrip()).strip()
    chained = CHAINED.search(text)
    if chained:
        return _clause_subject(chained.group(1))  # "the ministry said, noting": the same subject
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
    described = DESCRIBED_NAME.search(phrase)
    if described and described.group(1).lower() not in NOT_NAMES:
        person = canonical_name(described.group(2))
        if person and not is_body(person):
            return person  # "University of the Valley political scientist Jane Roe": the name ends it
    head = re.split(r"\s+(?:of|from|for|at|with)\s+", phrase, maxsplit=1)[0]
    runs = [canonical_name(m.group(0)) for m in NAME.finditer(head)]
    runs = [r for r in runs if r]
    return runs[-1] if runs else None


def _alias(cast: Cast, name: str | None, start: int) -> str | None:
    if name and len(name.split()) == 1:
        # Of two people with one surname, the one named last before the quote.
        return latest_named(cast.mentions, name, start) or cast.aliases.get(name.lower(), name)
    return name


def _recent(cast: Cast, start: int, kinds: frozenset[str], previous: Quote | None, previous_end: int,
            gender: str = "") -> str | None:
    """The person (or body) a pronoun or description points back to: the latest salient one of the
    right kind and gender, the previous quote's speaker counting as named where its tag was."""
    candidates = [(m.start, m.name) for m in cast.mentions
                  if m.start < start and m.kind in kinds and (m.salient or m.kind == "body")]
    known = {m.name: m.kind for m in cast.mentions}
    if previous is not None and previous.speaker and known.get(previous.speaker, "person") in kinds and \
            previous.speaker[0].isupper() and is_body(previous.speaker) == (kinds != PEOPLE):
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
        return _alias(cast, canonical_name(according[-1].group(1)), start)
    people = [m for m in cast.mentions if max(0, window_start) <= m.start < start and m.kind == "person"]
    own = [m for m in people if m.start > para_start]
    # A paragraph before that names no one in the quote's own: its subject ("Roe said she thinks …,
    # despite Mayor Doe …"), not whoever it names last.
    subjects = [m for m in people if m.salient] if not own else []
    if people:
        return (subjects or people)[-1].name
    pronouns = list(PRONOUN.finditer(before))
    if pronouns:  # "He says … Too often, he says, they get it." then the quote: whom "he" means
        gender = PRONOUNS[pronouns[-1].group(1).lower()]
        return _recent(cast, start, PEOPLE, gender=gender, previous=None, previous_end=0)
    return None


def _named_since(cast: Cast, described: int, start: int, previous: Quote | None, previous_end: int) -> str | None:
    """The person a description points back to when that person was first named after an earlier
    'a/an …' with the same noun: the article described them before it named them."""
    person = _recent(cast, start, PEOPLE, previous=previous, previous_end=previous_end)
    first = next((m.start for m in cast.mentions if m.name == person), -1)
    return person if first > described else None


def _continues(text: str, start: int, previous_end: int) -> bool:
    """A quote with no tag that follows another quote closely continues that speaker."""
    between = text[previous_end:start]
    return between.count("\n\n") <= 1 and len(between) <= 400
