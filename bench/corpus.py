"""Synthetic news corpora of any size, made from the texts in ../shared/corpora.

How: the plain-text articles of ../shared/corpora (seeds, ggt-dev) are split into paragraphs. Each
synthetic *event* takes one source article as its base and renames it: every capitalised word
(people, places, organisations, acronyms) is replaced, consistently within the event, by a made-up word
built from syllables, and every number is shifted by an event-wide offset, so that two events
made from one base share only ordinary vocabulary. Each event is then told by one to six
*reports*: each report keeps a random 60-100% of the renamed paragraphs in their order, swaps a
pair of neighbouring paragraphs now and then, and may borrow one paragraph of an unrelated
article (as a sidebar). The first line of a report is its renamed first sentence, as a headline.
Files are named `<event>-<report>.txt`, so the expected grouping is readable from the names.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
SOURCES = ("seeds", "ggt-dev")
SYLLABLES = ("ka", "lo", "mi", "ra", "ven", "dor", "sel", "tu", "bri", "an", "zo", "per", "gal", "vi",
             "mon", "ter", "is", "cha", "rel", "os", "num", "fa", "ley", "qui", "bel", "cor", "dru", "en",
             "fel", "gor", "hal", "ith", "jo", "kem", "lun", "mar", "nor", "op", "pra", "ros", "sta", "tiv",
             "ul", "var", "wen", "xa", "yor", "zel")  # 48 syllables: made-up names seldom collide
CAPITALISED = re.compile(r"\b[A-Z][A-Za-z]+\b")  # names, acronyms (RCMP) and inner capitals (McCallum)
NUMBER = re.compile(r"\b\d+\b")
KEEP = frozenset("The A An In On At But And He She It They We This That These Those His Her Their "
                 "Its Our As After Before When While If For With From By To Of".split())


def load_paragraphs(root: Path = SHARED) -> list[list[str]]:
    """The paragraphs of every plain-text source article, one list per article."""
    if not root.is_dir():
        raise SystemExit(f"{root} is absent: the synthetic corpus is made from ../shared/corpora; "
                         "check out the shared folder beside the project")
    articles = []
    for name in SOURCES:
        for path in sorted((root / name / "input").glob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="replace")
            paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n(?=[A-Z\"“‘])", text) if len(p.split()) >= 8]
            if len(paragraphs) >= 3:
                articles.append(paragraphs)
    if not articles:
        raise SystemExit(f"no plain-text articles under {root}/{{{','.join(SOURCES)}}}/input")
    return articles


def make_corpus(count: int, out: Path, seed: int = 0) -> None:
    """Write `count` synthetic plain-text articles under `out` (see the module docstring for how)."""
    rng = random.Random(seed)
    bases = load_paragraphs()
    out.mkdir(parents=True, exist_ok=True)
    written, event = 0, 0
    while written < count:
        base = bases[rng.randrange(len(bases))]
        renamed = _rename(base, rng)
        for report in range(min(rng.randint(1, 6), count - written)):
            paragraphs = _report(renamed, bases, rng)
            title = re.split(r"(?<=[.!?])\s", paragraphs[0], maxsplit=1)[0][:120]
            body = "\n\n".join(paragraphs)
            (out / f"e{event:06d}-{report}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
            written += 1
        event += 1


def _rename(paragraphs: list[str], rng: random.Random) -> list[str]:
    names: dict[str, str] = {}
    offset = rng.randint(1, 97)

    def name(match: re.Match[str]) -> str:
        word = match.group(0)
        if word in KEEP:
            return word
        if word not in names:
            names[word] = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        return names[word]

    def number(match: re.Match[str]) -> str:
        return str(int(match.group(0)) + offset)

    return [NUMBER.sub(number, CAPITALISED.sub(name, p)) for p in paragraphs]


def _report(paragraphs: list[str], bases: list[list[str]], rng: random.Random) -> list[str]:
    keep = max(2, round(len(paragraphs) * rng.uniform(0.6, 1.0)))
    chosen = [paragraphs[0], *sorted(rng.sample(paragraphs[1:], min(keep, len(paragraphs)) - 1),
                                     key=paragraphs.index)]
    if len(chosen) > 3 and rng.random() < 0.5:
        i = rng.randrange(1, len(chosen) - 1)
        chosen[i], chosen[i + 1] = chosen[i + 1], chosen[i]
    if rng.random() < 0.3:
        other = bases[rng.randrange(len(bases))]
        chosen.insert(rng.randrange(1, len(chosen) + 1), _rename([rng.choice(other)], rng)[0])
    return chosen
