"""Synthetic news corpora of any size, made from the texts in ../shared/corpora.

How: the article texts of ../shared/corpora are split into paragraphs: the plain-text articles of
seeds and ggt-dev, the gold article bodies of zyte-dev (ground-truth.json) and the items of the
Guardian feed (feeds/guardian.expected.json); those with at least three paragraphs of eight words
are the *bases*. Each synthetic *event* takes one base and renames it: every capitalised word
(people, places, organisations, acronyms) and every uncommon lowercase word (Zipf frequency in
English below RARE_ZIPF: the topic's own vocabulary) is replaced, consistently within the event, by
a made-up word built from syllables and used by no other event, and every number is shifted by an
event-wide offset. Two events made from one base thus share only common English words, as two
unrelated reports on one kind of news do. Each event is then told by one to six distinct *reports*: each
report keeps a random 60-100% of the renamed paragraphs in their order, swaps a pair of
neighbouring paragraphs now and then, and may borrow one paragraph of an unrelated article (as a
sidebar, renamed as an event of its own). The first line of a report is its renamed first
sentence, as a headline. Files are named `<event>-<report>.txt`, so the expected grouping is
readable from the names.
"""

from __future__ import annotations

import html
import json
import random
import re
from pathlib import Path

from wordfreq import zipf_frequency

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
SOURCES = ("seeds", "ggt-dev")  # folders of plain-text articles
BODIES = ("zyte-dev/ground-truth.json",)  # {key: {"articleBody": text}}: gold plain text of real pages
FEED_ITEMS = ("feeds/guardian.expected.json",)  # {"feed": {"items": [{"content": html}]}}
DRAWS = 20  # tries at a report unlike the event's earlier ones
RARE_ZIPF = 3.5  # lowercase words rarer than this in English are the topic's own words, renamed per event
SYLLABLES = ("ka", "lo", "mi", "ra", "ven", "dor", "sel", "tu", "bri", "an", "zo", "per", "gal", "vi",
             "mon", "ter", "is", "cha", "rel", "os", "num", "fa", "ley", "qui", "bel", "cor", "dru", "en",
             "fel", "gor", "hal", "ith", "jo", "kem", "lun", "mar", "nor", "op", "pra", "ros", "sta", "tiv",
             "ul", "var", "wen", "xa", "yor", "zel")  # 48 syllables: made-up names seldom collide
# Names: any word of two or more letters and digits with a capital in it: people and places, acronyms
# (RCMP), inner capitals (McCallum, iPhone) and product names with digits (PS4), none of which may survive.
CAPITALISED = re.compile(r"\b(?=[a-z0-9]*[A-Z])[A-Za-z0-9]{2,}\b")
LOWERCASE = re.compile(r"\b[a-z]{4,}\b(?!['’])")  # not the stem of a contraction (couldn’t)
NUMBER = re.compile(r"\b\d+\b")
KEEP = frozenset("The A An In On At But And He She It They We This That These Those His Her Their "
                 "Its Our As After Before When While If For With From By To Of".split())


def load_paragraphs(root: Path = SHARED) -> list[list[str]]:
    """The paragraphs of every usable source article, one list per article."""
    if not root.is_dir():
        raise SystemExit(f"{root} is absent: the synthetic corpus is made from ../shared/corpora; "
                         "check out the shared folder beside the project")
    texts = [path.read_text(encoding="utf-8", errors="replace")
             for name in SOURCES for path in sorted((root / name / "input").glob("*.txt"))]
    for name in BODIES:
        if (root / name).is_file():
            gold = json.loads((root / name).read_text(encoding="utf-8"))
            texts += [gold[key]["articleBody"] for key in sorted(gold)]
    for name in FEED_ITEMS:
        if (root / name).is_file():
            items = json.loads((root / name).read_text(encoding="utf-8"))["feed"]["items"]
            texts += ["\n\n".join(_html_paragraphs(item.get("content") or "")) for item in items]
    articles = []
    for text in texts:
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n(?=[A-Z\"“‘])", text) if len(p.split()) >= 8]
        if len(paragraphs) >= 3:
            articles.append(paragraphs)
    if not articles:
        raise SystemExit(f"no usable articles under {root}/{{{','.join(SOURCES)}}}/input")
    return articles


def _html_paragraphs(markup: str) -> list[str]:
    pieces = re.split(r"</p>|<br\s*/?>", markup)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", p)).split()) for p in pieces]


def make_corpus(count: int, out: Path, seed: int = 0) -> None:
    """Write `count` synthetic plain-text articles under `out` (see the module docstring for how)."""
    rng = random.Random(seed)
    bases = load_paragraphs()
    taken: set[str] = set()
    out.mkdir(parents=True, exist_ok=True)
    written, event = 0, 0
    while written < count:
        base = bases[rng.randrange(len(bases))]
        renamed = _rename(base, rng, taken)
        told: set[str] = set()
        for report in range(min(rng.randint(1, 6), count - written)):
            # a short base allows few selections: a report that would copy another is drawn again
            for _ in range(DRAWS):
                paragraphs = _report(renamed, bases, rng, taken)
                body = "\n\n".join(paragraphs)
                if body not in told:
                    break
            else:
                break  # this event has been told every way it can be
            told.add(body)
            title = re.split(r"(?<=[.!?])\s", paragraphs[0], maxsplit=1)[0][:120]
            (out / f"e{event:06d}-{report}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
            written += 1
        event += 1


def _rename(paragraphs: list[str], rng: random.Random, taken: set[str]) -> list[str]:
    names: dict[str, str] = {}
    offset = rng.randint(1, 97)

    def made_up(word: str) -> str:
        # a name no other event uses: two events of one base must not share their people and places
        if word not in names:
            while True:
                new = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
                if new not in taken:
                    break
            taken.add(new)
            names[word] = new
        return names[word]

    def name(match: re.Match[str]) -> str:
        word = match.group(0)
        return word if word in KEEP else made_up(word).capitalize()

    def rare(match: re.Match[str]) -> str:
        word = match.group(0)
        return made_up(word) if _uncommon(word) else word

    def number(match: re.Match[str]) -> str:
        return str(int(match.group(0)) + offset)

    return [NUMBER.sub(number, LOWERCASE.sub(rare, CAPITALISED.sub(name, p))) for p in paragraphs]


_RARE: dict[str, bool] = {}


def _uncommon(word: str) -> bool:
    if word not in _RARE:
        _RARE[word] = zipf_frequency(word, "en") < RARE_ZIPF
    return _RARE[word]


def _report(paragraphs: list[str], bases: list[list[str]], rng: random.Random, taken: set[str]) -> list[str]:
    keep = max(2, round(len(paragraphs) * rng.uniform(0.6, 1.0)))
    chosen = [paragraphs[0], *sorted(rng.sample(paragraphs[1:], min(keep, len(paragraphs)) - 1),
                                     key=paragraphs.index)]
    if len(chosen) > 3 and rng.random() < 0.5:
        i = rng.randrange(1, len(chosen) - 1)
        chosen[i], chosen[i + 1] = chosen[i + 1], chosen[i]
    if rng.random() < 0.3:
        other = bases[rng.randrange(len(bases))]
        chosen.insert(rng.randrange(1, len(chosen) + 1), _rename([rng.choice(other)], rng, taken)[0])
    return chosen
