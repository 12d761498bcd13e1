"""The records that flow through the pipeline: small, frozen, and carrying provenance."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A verbatim stretch of one article's cleaned text: ``text == article.text[start:end]``."""

    article: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article, with its paragraph number and its place in the text."""

    article: str
    index: int
    paragraph: int
    start: int
    end: int
    text: str

    @property
    def span(self) -> Span:
        """The sentence as a provenance span."""
        return Span(self.article, self.start, self.end, self.text)


@dataclass(frozen=True)
class Article:
    """One source article after reading and cleaning."""

    id: str
    source_path: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    author: str | None
    text: str
    sentences: tuple[Sentence, ...] = ()


@dataclass(frozen=True)
class Document:
    """A source as read from disk, before cleaning: metadata it declares and its raw paragraphs."""

    id: str
    source_path: str
    paragraphs: tuple[str, ...]
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    author: str | None = None
    plain: bool = True


@dataclass(frozen=True)
class Rejected:
    """An input that could not become an article, and why."""

    source_path: str
    reason: str


@dataclass(frozen=True)
class Quote:
    """A direct quotation: the words inside the marks, who said them, and where."""

    text: str
    speaker: str | None
    verb: str | None
    evidence: tuple[Span, ...]
    partial: bool = False  # words quoted inside the reporter's own clause, not a full quotation

    @property
    def sources(self) -> tuple[str, ...]:
        """The articles that print this quote, in evidence order."""
        return _unique(span.article for span in self.evidence)


@dataclass(frozen=True)
class KeyPoint:
    """One fact, worded by its clearest sentence, with every article that reports it."""

    text: str
    evidence: tuple[Span, ...]
    score: float = 0.0
    contradicted_by: tuple[str, ...] = ()  # articles that give a value this point's sentence contradicts
    # Lesser facts that a sentence of this one also tells, each a point of its own; their evidence is
    # part of this point's evidence too.
    details: tuple[KeyPoint, ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        """The articles that report this fact, in evidence order."""
        return _unique(span.article for span in self.evidence)

    @property
    def own_evidence(self) -> tuple[Span, ...]:
        """The evidence of the point's own sentence, without that of its details."""
        told = {span for detail in self.details for span in detail.evidence}
        return tuple(span for span in self.evidence if span not in told)


@dataclass(frozen=True)
class Reservation:
    """A condition, objection, caveat or open question, with who holds it."""

    text: str
    holder: str | None
    kind: str
    evidence: tuple[Span, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        """The articles that report this reservation, in evidence order."""
        return _unique(span.article for span in self.evidence)


@dataclass(frozen=True)
class ConflictValue:
    """One outlet's value for a disputed detail, with the words it was read from."""

    value: str
    article: str
    span: Span
    bound: str = "exact"  # "exact", "min", "max", "about" or "range": how the outlet qualified the figure
    against: tuple[str, ...] = ()  # other articles none of whose values for the detail can be true with this one
    not_given_by: tuple[str, ...] = ()  # other articles that tell the detail without this reading (a narrower scope)


@dataclass(frozen=True)
class Conflict:
    """A detail that outlets report with values that differ."""

    topic: str
    kind: str
    values: tuple[ConflictValue, ...]
    bound_only: bool = False


@dataclass(frozen=True)
class Entity:
    """A person, organisation or place named in a story, with the sentences that mention it."""

    name: str
    kind: str
    mentions: tuple[Span, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        """The articles that mention it, in mention order."""
        return _unique(span.article for span in self.mentions)


@dataclass(frozen=True)
class TimelineEvent:
    """A dated or timed sentence: when it happened as the source words it, and the sentence itself."""

    when: str
    sort_key: str
    text: str
    evidence: tuple[Span, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        """The articles that report it."""
        return _unique(span.article for span in self.evidence)


@dataclass(frozen=True)
class Story:
    """One event, told by one or more articles, with everything extracted about it."""

    id: str
    title: str
    articles: tuple[str, ...]
    key_points: tuple[KeyPoint, ...] = ()
    quotes: tuple[Quote, ...] = ()
    reservations: tuple[Reservation, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    published: str | None = None
    entities: tuple[Entity, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()


@dataclass(frozen=True)
class Digest:
    """The whole result of one build."""

    articles: tuple[Article, ...]
    stories: tuple[Story, ...]
    rejected: tuple[Rejected, ...] = field(default_factory=tuple)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
