"""Reservations: conditions, objections, caveats and open questions, with who holds them."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..models import Article, Quote, Reservation, Sentence
from ..text.tokens import Caseless, caseless, content_tokens, evidence_span, fits_evidence
from . import mentions
from .speakers import BODY_WORDS, VERB, canonical_name

NOT = (r"(?:would|will|could|can|does|do|did|shall|should)(?:\s+(?:absolutely|simply|still|also))*\s+(?:not|never)|"
       r"won['’]t|wouldn['’]t|can['’]t|cannot|don['’]t|doesn['’]t|didn['’]t|refuses?\s+to|refused\s+to")
CONSENT = r"(?:agree|accept|allow|support|sign|back|tolerate|approve|endorse|recogni[sz]e|permit|consent|negotiate|" \
          r"cooperate|comply|give\s+up|budge|rule\s+out)"
TELL = (r"(?:say|specify|elaborate|disclose|reveal|confirm|detail|name|identify|explain|"
        r"comment\s+on\s+(?:whether|when|how|why)|provide\s+(?:details|a\s+timeline))")
# A capitalised name, with the lowercase particles of names ("de", "van") only as whole words.
NAME = re.compile(rf"(?:\b[Tt]he\s+)?{mentions.NAME.pattern}")
# Words that stand between an organisation and the person who speaks for it: "Treasury economic adviser X".
TITLE_HEADS = (r"adviser|advisor|minister|secretary|chief|spokes(?:man|woman|person)|president|director|leader|"
               r"official|candidate|member|head|commissioner|ambassador|envoy|negotiator|lawyer|counsel|professor|"
               r"analyst|ceo|chair|chairman|chairwoman|founder|owner|mayor|premier|governor|senator|critic")
TITLES = (TITLE_HEADS + r"|economic|foreign|national|police|press|security|trade|defen[cs]e|finance|health|senior|"
          r"deputy|executive|general|mayoral")
# Passive forms ("was denied the service") report what happened to someone, not their objection.
ACTIVE = r"(?<!\bas\s)(?<!\bbeen\s)(?<!\bwas\s)(?<!\bwere\s)(?<!\bbe\s)(?<!\bis\s)(?<!\bare\s)(?<!\bbeing\s)"
# Fragments every match of NOT, CONSENT or TELL contains: a sentence without one is not scanned for the cue.
NOT_FRAGMENTS = ("not", "never", "n't", "n’t", "refuse")
CONSENT_FRAGMENTS = ("agree", "accept", "allow", "support", "sign", "back", "tolerate", "approve", "endorse", "recogni",
                     "permit", "consent", "negotiate", "cooperate", "comply", "give", "budge", "rule")
AGENT_NOUNS = (r"officials?|critics|opponents|experts|analysts|residents|lawyers|senators|lawmakers|legislators|"
               r"prosecutors|investigators|police|authorities|diplomats|negotiators|protesters|unions?|"
               r"government|company|administration|side|leaders?|ministry|council|party|opposition|activists|"
               r"economists|observers|scientists|doctors|officers|workers|families|groups?")


@dataclass(frozen=True)
class Cue:
    """One entry of the reservation lexicon: its kind, its pattern, and whether a named holder is required."""

    kind: str
    pattern: Caseless
    needs_holder: bool = False
    context: Caseless | None = None  # what else the sentence must say for the cue to count


def _cue(kind: str, pattern: str, *needs: tuple[str, ...], needs_holder: bool = False,
         context: str | None = None) -> Cue:
    return Cue(kind, caseless(pattern, *needs), needs_holder, caseless(context) if context else None)


# A trade is a condition while it is proposed or expected, not once reported as done ("paid bribes in exchange for").
PROSPECT = r"\b(?:would|will|could|might|may|should|expected|offer(?:s|ed)?|propos(?:e|es|ed|al)|demand(?:s|ed)?|" \
           r"agree(?:s|d)?\s+to|if)\b"


# The lexicon is general news language for stating what is not (yet) settled, documented on the method page.
# Words that only sometimes mark a reservation ("unless", "denied") count only with a named holder.
CUES: tuple[Cue, ...] = (
    # "areas that do not support our goals" describes a thing, not someone's refusal.
    _cue("objection", rf"(?<!\bthat\s)(?<!\bwhich\s)\b(?:{NOT})\s+(?:\w+\s+)?{CONSENT}\b",
         NOT_FRAGMENTS, CONSENT_FRAGMENTS, needs_holder=True),
    _cue("objection", rf"\b(?:refus(?:e|es|ed|ing)\s+to|declin(?:e|es|ed|ing)\s+to)\s+(?!{TELL}\b)"
                      r"(?:accept|agree|sign|support|back|recogni[sz]e|negotiate|cooperate|comply|attend|join)\b",
         ("refus", "declin")),
    _cue("objection", r"\b(?:(?:significant|serious|strong|grave|deep|major|lingering)\s+reservations|"
                      r"reservations\s+(?:about|over|regarding|on|with)|objections?\s+to|object(?:s|ed)?\s+to|"
                      r"balked\s+at|pushed\s+back\s+(?:against|on)|non-starter|red\s+lines?|"
                      r"challeng(?:e|ed|ing)\s+\w+(?:\s+\w+)?\s+in\s+court)",
         ("reservations", "object", "balked", "pushed", "non-starter", "line", "court")),
    _cue("objection", rf"{ACTIVE}\b(?:reject(?:s|ed|ing)?|oppos(?:e|es|ed|ing)|opposition\s+to|den(?:y|ies|ied)|"
                      r"vetoed|vetoes|(?:would|will|threaten(?:s|ed)?\s+to)\s+veto|"
                      r"disput(?:e|es|ed)\s+(?:the|that|this|a|an|his|her|their|its|claims?|reports?)|"
                      r"condemn(?:s|ed)?|criticiz(?:e|es|ed)|criticis(?:e|es|ed)|slammed|dismiss(?:es|ed)\s+"
                      r"(?:the\s+)?(?:claims?|idea|suggestions?|reports?|allegations?|proposals?|calls?))\b",
         ("reject", "oppos", "deny", "denie", "veto", "disput", "condemn", "critici", "slammed", "dismiss"),
         needs_holder=True),
    _cue("condition", r"\b(?:provid(?:ed|ing)\s+that|on\s+(?:the\s+)?condition\s+that|conditional\s+(?:up)?on|"
                      r"contingent\s+(?:up)?on|only\s+if|pre-?conditions?\b|"
                      r"as\s+a\s+condition|insist(?:s|ed|ing)?\s+(?:on|that)|demand(?:s|ed|ing)?\s+that|"
                      r"subject\s+to\s+(?:approval|ratification|review|conditions|a\s+vote|confirmation)|"
                      r"depend(?:s|ed|ing)?\s+on\s+whether)",
         ("provid", "condition", "contingent", "only", "insist", "demand", "subject", "depend")),
    _cue("condition", r"(?:\b(?:his|her|their|its|proposed|set|attached|strict|tough|several|key)|\w['’]s)"
                      r"\s+conditions?\b(?!\s+(?:of|at|in)\b)", ("condition",)),
    _cue("condition", rf"\b(?:{NOT})\s+(?:\w+\s+){{1,6}}(?:until|unless)\b", NOT_FRAGMENTS, ("until", "unless")),
    _cue("condition", r"\b(?:in\s+exchange\s+for|in\s+return\b)", ("exchange", "return"), context=PROSPECT),
    _cue("condition", r"\b(?:unless|(?<!about\s)(?<!just\s)(?<!nearly\s)(?<!almost\s)(?<!twice\s)(?<!roughly\s)"
                      r"as\s+long\s+as(?!\s+(?:a|an|the|\d))|demand(?:s|ed)?\s+(?:the|an?|more|greater|full))\b",
         ("unless", "long", "demand"), needs_holder=True),
    _cue("unknown", r"\b(?:remain(?:s|ed)?\s+(?:\w+\s+)?(?:unclear|unknown|uncertain|to\s+be\s+seen|undecided|"
                    r"unresolved|in\s+doubt|open|under\s+(?:investigation|review))|"
                    r"(?:unclear|not\s+(?:immediately\s+)?clear|not\s+(?:yet\s+)?known|unknown|uncertain)\s+"
                    r"(?:whether|when|how|what|if|who|why|where|which)|"
                    r"(?:has|have|had)\s+(?:\w+\s+)?yet\s+to|not\s+yet\s+(?:been\s+)?(?:decided|determined|known|"
                    r"confirmed|finali[sz]ed|announced|released|settled|agreed|approved|signed|clear)|"
                    rf"(?:would\s+not|wouldn['’]t|did\s+not|didn['’]t|declined\s+to|refused\s+to)\s+(?:\w+\s+)?{TELL}\b|"
                    r"no\s+(?:details|decision|timeline|timetable|date)\s+(?:has|have|had|was|were)\s+(?:yet\s+)?"
                    r"(?:been\s+)?(?:given|set|made|announced|released|provided|reached)|"
                    r"details\s+(?:were|have|had|are)\s+not\s+(?:yet\s+)?(?:been\s+)?(?:released|disclosed|provided)|"
                    r"(?:is|are|was|were)\s+(?:still\s+)?under\s+(?:investigation|review)|"
                    r"(?:still|yet|remains?|are|is)\s+to\s+be\s+(?:decided|negotiated|determined|worked\s+out|agreed|"
                    r"settled|finali[sz]ed)|"
                    r"(?:further|future|technical|follow-up)\s+(?:negotiations|talks)|"
                    r"(?:negotiations|talks)\s+on\s+(?:the\s+)?(?:implementation|details)|"
                    r"(?:do|does|did)\s+not\s+(?:yet\s+)?know\s+(?:who|what|why|how|when|where|whether|if)|"
                    r"unresolved|undecided|open\s+questions?)",
         ("remain", "clear", "know", "uncertain", "yet", "not", "n't", "n’t", "declined", "refused", "details",
          "decision", "timeline", "timetable", "date", "investigation", "review", "decided", "negotiated",
          "determined", "worked", "agreed", "settled", "finali", "negotiations", "talks", "unresolved", "undecided",
          "question")),
    _cue("caveat", r"\b(?:f(?:a|e)ll(?:s|en|ing)?\s+short|cautious(?:ly)?|skeptic(?:al|ism)|sceptic(?:al|ism)|"
                   r"(?<!no\s)doubts?\s+(?:about|over|whether|that|on)|doubtful|questioned\s+whether|"
                   r"(?:raised|expressed|voiced|flagged|raises|expresses)\s+(?:\w+\s+)?(?:concerns?|doubts?|"
                   r"questions|worries)|(?:warned|warns|cautioned|cautions)\s+that|"
                   r"reportedly|unconfirmed|unverified|allegedly|alleg(?:e|es|ed)\s+that|"
                   r"could\s+not\s+(?:be\s+)?(?:independently\s+)?(?:verified|confirmed|verify|confirm)|"
                   r"(?:has|have)\s+not\s+been\s+(?:independently\s+)?(?:verified|confirmed)|"
                   r"without\s+(?:providing\s+|offering\s+|giving\s+)?(?:any\s+)?evidence|"
                   r"not\s+guaranteed|too\s+early\s+to|premature|fragile|tentative)\b",
         ("short", "cautio", "skeptic", "sceptic", "doubt", "question", "concern", "worries", "warn", "reportedly",
          "confirm", "verif", "alleg", "evidence", "guaranteed", "early", "premature", "fragile", "tentative")),
    _cue("caveat", r"\b(?:claim(?:s|ed)?\s+(?:that|to\s+have)|concerned\s+(?:that|about))\b", ("claim", "concerned"),
         needs_holder=True),
)
PRIORITY = {"objection": 0, "condition": 1, "unknown": 2, "caveat": 3}
LABEL = re.compile(r"^(?:WATCH|READ(?:\s+MORE)?|VIDEO|LISTEN|PHOTOS?|RELATED|MORE|CLICK|SUBSCRIBE)\b")
NOT_HOLDERS = {"the", "a", "in", "on", "at", "as", "after", "before", "though", "although", "while", "but", "and",
               "however", "meanwhile", "still", "yet", "if", "when", "under", "following", "during", "since",
               "this", "that", "these", "those", "it", "there", "for", "with", "by", "from", "to", "until", "so",
               "every", "our", "my", "his", "her", "their", "its", "some", "many", "most", "few", "all", "both",
               "each", "any", "no", "others", "another", "one", "i", "you", "we", "here", "what", "why", "how",
               "who", "such", "even", "also", "only", "just", "earlier", "later", "last", "next", "now", "today",
               "yesterday", "tonight", "out", "up", "over", "about", "into", "through", "among", "against",
               "speaking", "asked", "given", "despite", "because", "instead", "according",
               "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
               "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
CLAUSE_START = re.compile(r"(?:[,;:—][\"”’']?\s+|\b(?:that|but|while|and|though|although|because|as|when|if)\s+)",
                          re.IGNORECASE)
LEAD_IN = re.compile(r"^(?:(?:however|but|and|still|meanwhile|also|then|yet|now|so|instead|indeed|moreover)"
                     r"(?:,\s*|\s+))+", re.IGNORECASE)
FUNCTION_WORDS = (r"(?:to|in|on|at|of|for|with|by|from|has|have|had|is|are|was|were|will|would|be|been|not|yet|did|"
                  r"does|do|can|could|may|might|must|should|said|says|who|which|that|this|it|its|after|before)")
ACCORDING_TO = re.compile(r"\b(?i:according)\s+to\s+(" + NAME.pattern + ")")
WHO = re.compile(r"who\b")
NAMED_WHO = re.compile(rf"({NAME.pattern}),\s+who\b")
THEY = re.compile(r"they\b")
PLURAL_END = re.compile(r"s\b")
OPENS_WITH_WORD = re.compile(r"[\w’']")
PRONOUN = re.compile(r"(he|she)\b", re.IGNORECASE)
HE_OR_SHE = re.compile(r"(?i:he|she)")
BODY = re.compile(rf"(?:the\s+)?(?:(?!{FUNCTION_WORDS}\b)[A-Za-z'’-]+\s+){{0,2}}(?:{AGENT_NOUNS}|{TITLE_HEADS})\b",
                  re.IGNORECASE)
SUBJECT_NAME = re.compile(rf"(?:the\s+|an?\s+)?(?:(?!{FUNCTION_WORDS}\b)[a-z][\w-]*\s+){{0,4}}"
                          rf"((?:{NAME.pattern})(?:(?:\s+(?:{TITLES}))+\s+(?:{NAME.pattern}))?)")
LEADING_THE = re.compile(r"^[Tt]he\s+")
POSSESSIVE_END = re.compile(r"['’]\w+$")
NAME_END = re.compile(r"[.;:]\s")
CAPITALISED_RUN = re.compile(r"(?:\b[A-Z][\w'’.-]*\s*)+")
AT_SENTENCE_START = re.compile(r"(?:^|[.!?][\"”’']?\s+|\n\s*)[\"“‘']?$")


def extract_reservations(articles: Sequence[Article],
                         quotes: Mapping[str, Sequence[Quote]] | None = None) -> list[Reservation]:
    """Every sentence of the story that carries a reservation, merged across outlets.

    With the articles' quotes, a reservation told inside a quotation is held by the quote's speaker.
    """
    found: list[Reservation] = []
    plain: set[str] = set()  # texts no cue matches: a sentence several outlets print is tested once
    for article in articles:
        said = quotes.get(article.id, ()) if quotes is not None else ()
        for sentence in article.sentences:
            text = sentence.text
            if text in plain or not fits_evidence(sentence) or LABEL.match(text) or _asks(text):
                continue
            reading, cued = _read(article, sentence)
            if not cued:
                plain.add(sentence.text)
            if reading is not None:
                kind, holder = reading
                holder = _speaker_of(said, sentence) or holder
                found.append(Reservation(sentence.text, holder, kind, (evidence_span(article, [sentence]),)))
    return _merge(found)


def _speaker_of(quotes: Sequence[Quote], sentence: Sentence) -> str | None:
    """Who says the full quotation a sentence belongs to (words quoted in a reporter's clause are the clause's)."""
    for quote in quotes:
        inside = any(span.start <= sentence.start and sentence.end <= span.end for span in quote.evidence)
        if inside and quote.speaker and not quote.partial:
            return quote.speaker
    return None


def _asks(text: str) -> bool:
    """A question raises a point but states no reservation of its own."""
    return text.rstrip("”\"’' ").endswith("?")


def read_reservation(article: Article, sentence: Sentence) -> tuple[str, str | None] | None:
    """The kind of reservation a sentence carries and who holds it, or None when it carries none."""
    return _read(article, sentence)[0]


def _read(article: Article, sentence: Sentence) -> tuple[tuple[str, str | None] | None, bool]:
    """read_reservation's answer, and whether any cue matched the text at all (with or without a holder)."""
    # The cue of the highest priority wins, then the earliest; a holder is only looked for where it decides.
    cued = False
    best: tuple[int, int, Cue] | None = None
    best_holder: str | None = None
    for cue in CUES:
        priority = PRIORITY[cue.kind]
        if best is not None and priority > best[0]:
            continue
        if cue.context is not None and not cue.context.search(sentence.text):
            continue
        for match in cue.pattern.finditer(sentence.text):
            cued = True
            if best is not None and (priority, match.start()) >= best[:2]:
                break
            holder = holder_of(article, sentence, match.start()) if cue.needs_holder else None
            if cue.needs_holder and holder is None:
                continue
            best, best_holder = (priority, match.start(), cue), holder
            break
    if best is None:
        return None, cued
    _, start, cue = best
    return (cue.kind, best_holder if cue.needs_holder else holder_of(article, sentence, start)), True


def classify(text: str) -> str | None:
    """The kind of reservation a sentence's wording signals, holder aside, or None."""
    kinds = [cue.kind for cue in CUES if not cue.needs_holder and cue.pattern.search(text)
             and (cue.context is None or cue.context.search(text))]
    return min(kinds, key=PRIORITY.__getitem__) if kinds else None


def holder_of(article: Article, sentence: Sentence, cue_at: int) -> str | None:
    """Who holds a reservation: whoever the sentence attributes it to, else the subject of the cue's clause."""
    text = sentence.text
    according = ACCORDING_TO.search(text)
    if according and according.start() < cue_at and not text[:according.start()].strip(" “\"‘'"):
        return _name(according.group(1), article, sentence)
    verbs = list(VERB.finditer(text))
    for verb in reversed([v for v in verbs if v.start() < cue_at]):
        # "X said that …", "X noted that …"; "X did this but stressed that …" takes the sentence's subject.
        subject = _clause_subject(text, verb.start())
        if subject:
            return _name(subject, article, sentence)
    for verb in (v for v in verbs if v.start() > cue_at):
        # A tag after the reservation: "…, the minister said." or "…, said the minister."
        comma = max(text.rfind(",", 0, verb.start()), text.rfind("”", 0, verb.start()))
        head, tail = text[comma + 1:verb.start()], text[verb.end():].strip(" ,.”\"").split(",")[0]
        if comma < cue_at or len(head.split()) > 6 or len(tail.split()) > 8:
            continue
        subject = _leading_subject(head) or _leading_subject(tail)
        if subject:
            return _name(subject, article, sentence)
    subject = _clause_subject(text, cue_at)
    if subject:
        return _name(subject, article, sentence)
    return _name(according.group(1), article, sentence) if according else None


def _clause_subject(text: str, end: int) -> str | None:
    """The subject of the clause that runs up to `end`, looking back past clauses that open with no subject."""
    starts = [0] + [m.end() for m in CLAUSE_START.finditer(text[:end]) if m.end() > 0]
    for start in sorted(set(starts), reverse=True):
        segment = LEAD_IN.sub("", text[start:end].lstrip(" “\"‘'—-"))
        if WHO.match(segment):
            # "…, Jody Wilson-Raybould, who … has rejected calls": the person the relative clause describes.
            named = list(NAMED_WHO.finditer(text[:end]))
            return named[-1].group(1) if named else None
        subject = _leading_subject(segment)
        if subject:
            return subject
        if THEY.match(segment) and start > 0:
            # "Republican senators are eager …, and they say …": they are the group the sentence opened with.
            opening = _leading_subject(text[:start])
            return opening if opening and PLURAL_END.search(opening.split()[-1]) else None
        if OPENS_WITH_WORD.match(segment):
            # The clause has a subject of its own that holds nothing ("it is unclear", "a decision has yet to").
            return None
    return None


def _leading_subject(segment: str) -> str | None:
    """The name, pronoun or acting body a stretch of text opens with ("the provincial government …")."""
    segment = LEAD_IN.sub("", segment.lstrip(" “\"‘'—-"))
    pronoun = PRONOUN.match(segment)
    if pronoun:
        return pronoun.group(1)
    body = BODY.match(segment)
    name = SUBJECT_NAME.match(segment)
    first = LEADING_THE.sub("", name.group(1)).split()[0].lower().strip(".,") if name else ""
    first = POSSESSIVE_END.sub("", first)
    if name and first not in NOT_HOLDERS and not (
            name.start(1) == 0 and len(name.group(1).split()) == 1 and name.group(1).endswith("ing")):
        phrase = NAME_END.split(name.group(1))[0]
        if body is None or body.end() <= name.end(1):
            return phrase
    return body.group(0) if body else None


def _name(phrase: str, article: Article, sentence: Sentence) -> str | None:
    phrase = phrase.strip(" ,.")
    if HE_OR_SHE.fullmatch(phrase):
        return _referent(article, sentence)
    words = [w for w in phrase.split() if w.lower() != "the"]
    if words and words[-1][:1].islower():
        # An acting body named by a common noun: "the Russian side", "opposition senators".
        return (words[0][:1].upper() + " ".join(words)[1:]) if len(words) <= 3 else None
    name = canonical_name(phrase)
    if name and any(w[:1].islower() for w in name.split()):
        # "Treasury economic adviser Ann Lee": the person named after the title holds it.
        runs = CAPITALISED_RUN.findall(name)
        name = runs[-1].strip() if runs else name
    return name


def _referent(article: Article, sentence: Sentence) -> str | None:
    """The person a 'he' or 'she' refers to: the subject of the sentences before, else the last person named."""
    for prior in reversed(article.sentences[max(0, sentence.index - 4):sentence.index]):
        subject = _leading_subject(prior.text)
        if subject and subject[:1].isupper() and not HE_OR_SHE.fullmatch(subject):
            name = canonical_name(subject)
            first = POSSESSIVE_END.sub("", name.split()[0].lower()) if name else ""
            if name and first not in NOT_HOLDERS and not any(w.lower() in BODY_WORDS for w in name.split()):
                return name
        if subject and HE_OR_SHE.fullmatch(subject):
            continue  # the same person again: look further back
        named = _last_person(prior.text)
        if named:
            return named
    return None


def _last_person(text: str) -> str | None:
    """The last person named in a stretch of text (not a place, day or body)."""
    for match in reversed(list(NAME.finditer(text))):
        name = canonical_name(match.group(0).rstrip(".,;:"))
        first = POSSESSIVE_END.sub("", name.split()[0].lower()) if name else ""
        if not name or first in NOT_HOLDERS or any(w.lower() in BODY_WORDS for w in name.split()):
            continue
        # A lone capitalised word that opens a sentence may be any word; elsewhere it is a surname.
        opens_sentence = AT_SENTENCE_START.search(text[:match.start()]) is not None
        if len(name.split()) >= 2 or (match.group(0).rstrip(".,;:") == name and not opens_sentence):
            return name
    return None


def _merge(found: list[Reservation]) -> list[Reservation]:
    merged: list[Reservation] = []
    merged_terms: list[set[str]] = []  # the terms of each merged reservation's text, which merging keeps
    for item in found:
        terms = set(content_tokens(item.text))
        for i, other in enumerate(merged):
            if item.sources[0] in other.sources:
                continue
            other_terms = merged_terms[i]
            if terms and other_terms and len(terms & other_terms) / min(len(terms), len(other_terms)) >= 0.6:
                merged[i] = Reservation(other.text, other.holder or item.holder, other.kind,
                                        other.evidence + item.evidence)
                break
        else:
            merged.append(item)
            merged_terms.append(terms)
    return merged
