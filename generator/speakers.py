"""Who said a quote: reporting-verb patterns, pronoun resolution, and one name per person."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from .models import Article, Quote, Sentence

VERBS = (
    "said|says|say|told|tells|wrote|writes|added|adds|asked|asks|replied|continued|continues|tweeted|"
    "posted|noted|notes|stated|states|explained|explains|insisted|insists|warned|warns|argued|argues|"
    "declared|announced|claimed|claims|responded|joked|recalled|recalls|conceded|acknowledged|admitted|"
    "suggested|emphasized|emphasised|stressed|shared|described|called|urged|agreed|predicted|"
    "cautioned|countered|remarked|observed|concluded|explained|testified|wondered|complained|"
    "maintained|contended|quipped|shouted|pointed out|went on|according to|highlighted|indicated"
)
VERB = re.compile(rf"\b({VERBS})\b", re.IGNORECASE)
PRONOUNS = {"he": "person", "she": "person", "they": "group", "it": "body", "we": "group", "i": "person"}
BODY_NOUNS = r"statement|release|report|spokesman|spokeswoman|spokesperson|office|ministry|agency|service"
NAME_TOKEN = r"(?:[A-Z][\w'’.-]*|de|da|van|von|der|al|bin|la|le|du)"
NAME = re.compile(rf"(?:\b[Tt]he\s+)?[A-Z][\w'’.-]*(?:\s+{NAME_TOKEN})*")
TITLE_WORDS = {
    "president", "prime", "minister", "premier", "mayor", "governor", "gov", "senator", "sen", "rep",
    "representative", "secretary", "chancellor", "mr", "mrs", "ms", "dr", "prof", "professor",
    "judge", "justice", "chief", "general", "gen", "spokesman", "spokeswoman", "spokesperson",
    "minister's", "leader", "ceo", "chair", "chairman", "chairwoman", "director", "commissioner",
    "councillor", "councilor", "coun", "mp", "mla", "mpp", "sir", "dame", "lord", "lady", "king",
    "queen", "prince", "princess", "pope", "rev", "father", "captain", "capt", "sgt", "officer",
    "inspector", "superintendent", "constable", "deputy", "vice", "former", "then", "us", "u.s.",
    "russian", "ukrainian", "american", "british", "canadian", "french", "german", "chinese", "the",
}
LEADING_NOISE = {"but", "and", "so", "then", "also", "meanwhile", "however", "later", "today", "in",
                 "on", "at", "as", "when", "while", "after", "before", "during", "rival", "candidate"}
BODY_WORDS = {"house", "kremlin", "ministry", "office", "department", "government", "council",
              "agency", "police", "service", "committee", "party", "court", "commission", "union",
              "association", "board", "company", "university", "institute", "foundation", "bank",
              "army", "military", "embassy", "parliament", "congress", "senate", "city", "team"}


def attribute(article: Article, sentences: Sequence[Sentence], start: int, end: int,
              previous: Quote | None) -> tuple[str | None, str | None]:
    """The speaker and reporting verb of the quote at text[start:end], or (None, None)."""
    text = article.text
    first, last = sentences[0], sentences[-1]
    after = text[end:last.end]
    before = text[first.start:start]
    found = _after_quote(after) or _before_quote(before)
    if found is None and previous is not None and _continues(text, start, previous):
        return previous.speaker, previous.verb
    if found is None:
        found = _from_previous_sentence(article, first)
    if found is None:
        return None, None
    name, verb = found
    return resolve(name, article, start, previous), verb


def resolve(name: str, article: Article, start: int, previous: Quote | None) -> str | None:
    """A speaker phrase as a canonical name; pronouns and 'the statement' resolved from earlier text."""
    phrase = name.strip(" ,")
    lower = phrase.lower()
    kind = PRONOUNS.get(lower)
    if kind is None and re.fullmatch(rf"(?:the|its|their|a)\s+(?:{BODY_NOUNS})", lower):
        kind = "body"
    if kind == "body":
        if previous is not None and previous.speaker and _is_body(previous.speaker):
            return previous.speaker
        return _last_mention(article.text[:start], want_body=True)
    if kind is not None:
        return _last_mention(article.text[:start], want_body=kind != "person")
    return canonical_name(phrase)


def canonical_name(phrase: str) -> str | None:
    """'Russian President Vladimir Putin' → 'Vladimir Putin'; 'the White House' → 'White House'."""
    phrase = re.sub(r"['’]s\b.*$", "", phrase)
    tokens = phrase.split()
    while tokens and tokens[0].lower().strip(",") in LEADING_NOISE:
        tokens.pop(0)
    if not tokens:
        return None
    if any(t.lower() in BODY_WORDS for t in tokens):
        return " ".join(t for t in tokens if t.lower() != "the") or None
    cut = max((i + 1 for i, t in enumerate(tokens) if t.lower().strip(".,") in TITLE_WORDS), default=0)
    rest = [t for t in tokens[cut:] if t[:1].isupper()]
    return " ".join(rest) if rest else None


def canonical_speakers(quotes: list[Quote]) -> list[Quote]:
    """One name per person across a story: 'Trump' → 'Donald Trump'; spelling variants folded."""
    names = Counter(q.speaker for q in quotes if q.speaker)
    full = [n for n in names if len(n.split()) >= 2]
    mapping: dict[str, str] = {}
    for name in names:
        last = name.split()[-1].lower()
        matches = [f for f in full if f != name and _same_surname(f.split()[-1].lower(), last)]
        if matches:
            mapping[name] = max(matches, key=lambda f: (names[f], len(f), f))
    return [replace(q, speaker=mapping.get(q.speaker, q.speaker)) if q.speaker else q for q in quotes]


def _same_surname(a: str, b: str) -> bool:
    if a == b:
        return True
    return min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a)) and abs(len(a) - len(b)) <= 1


def _after_quote(after: str) -> tuple[str, str] | None:
    """', the White House said' / ', said Trump' / ', Putin told reporters' right after the quote."""
    head = after[:120]
    match = re.match(rf"^[\s,.:;!?\"”’']*(?:(.+?)\s+)?({VERBS})\b(.*)$", head, re.IGNORECASE | re.DOTALL)
    if not match:
        return None
    subject, verb, rest = match.group(1), match.group(2), match.group(3)
    if subject and len(subject.split()) <= 8:
        name = _tail_name(subject)
        if name:
            return name, verb.lower()
    if subject is None or len(subject.split()) <= 1:
        inverted = NAME.match(rest.strip(" ,"))
        if inverted:
            return inverted.group(0), verb.lower()
    return None


def _before_quote(before: str) -> tuple[str, str] | None:
    """'Trump wrote on social media: "…' / 'according to X, … "…' before the quote."""
    matches = list(VERB.finditer(before))
    for match in reversed(matches):
        verb = match.group(1).lower()
        if verb == "according to":
            named = NAME.match(before[match.end():].strip(" ,"))
            if named:
                return named.group(0), verb
            continue
        subject = _tail_name(before[:match.start()])
        if subject:
            return subject, verb
        inverted = NAME.match(before[match.end():].strip(" ,"))
        if inverted and match.end() + 2 >= len(before.rstrip()) - len(inverted.group(0)):
            return inverted.group(0), verb
    return None


def _tail_name(text: str) -> str | None:
    """The subject that ends a stretch of text: a name, 'the statement', or a pronoun."""
    text = re.sub(r"\b(?:also|then|later|further|had|has|have|was|is|would|will|previously|once|again|"
                  r"repeatedly|has since|recently|in a statement|on \w+)\s*$", "", text.strip(" ,")).strip(" ,")
    text = re.sub(r",\s*(?:who|the|a|an)\b[^,]*,?\s*$", "", text).strip(" ,")  # "X, the mayor, said"
    pronoun = re.search(r"\b(he|she|they|it|we|I)\s*$", text, re.IGNORECASE)
    if pronoun:
        return pronoun.group(1)
    body = re.search(rf"\b(?:the|its|their)\s+(?:{BODY_NOUNS})\s*$", text, re.IGNORECASE)
    if body:
        return body.group(0)
    names = list(NAME.finditer(text))
    if names and names[-1].end() >= len(text) - 1:
        return names[-1].group(0)
    return None


def _from_previous_sentence(article: Article, sentence: Sentence) -> tuple[str, str] | None:
    """A quote with no tag of its own carries the 'according to X' of the sentence before it."""
    if sentence.index == 0:
        return None
    prior = article.sentences[sentence.index - 1]
    if prior.paragraph < sentence.paragraph - 1:
        return None
    found = re.search(r"\baccording to\s+(" + NAME.pattern + ")", prior.text)
    return (found.group(1), "according to") if found else None


def _continues(text: str, start: int, previous: Quote) -> bool:
    """A quote that opens its paragraph and follows another quote continues that speaker."""
    para_start = text.rfind("\n\n", 0, start) + 2 if text.rfind("\n\n", 0, start) >= 0 else 0
    last = previous.evidence[-1]
    return text[para_start:start].strip(" \"“‘'") == "" and last.end >= para_start - 2 - 400


def _last_mention(text: str, want_body: bool) -> str | None:
    for match in reversed(list(NAME.finditer(text))):
        name = canonical_name(match.group(0))
        if not name:
            continue
        if _is_body(name) == want_body and (want_body or len(name.split()) >= 2 or match.group(0) == name):
            return name
    return None


def _is_body(name: str) -> bool:
    return any(t.lower() in BODY_WORDS for t in name.split())
