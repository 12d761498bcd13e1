"""Make a synthetic corpus of plain-text news articles from the shared corpora (minimal version).

Each made-up event takes the paragraphs of one real article and swaps, consistently within the
event, its names, numbers and less common words for others drawn from the whole corpus (the few
hundred most common words, which carry the grammar and the reporting cues, are kept), so events
built from the same article are different stories. Each event is told by two to four "outlets",
each keeping a different selection of the paragraphs plus one paragraph borrowed from another
article.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
PLAIN = ("seeds", "ggt-dev")
NAME = re.compile(r"\b[A-Z][a-z]{2,}\b")
WORD = re.compile(r"\b[a-z]{3,}\b")
NUMBER = re.compile(r"\d+")
COMMON = 400
SYLLABLES = ("ka", "lo", "mi", "ren", "tas", "vo", "bel", "dor", "fin", "gar", "hol", "ju", "nes", "pra", "sol", "tur")


def load_articles(root: Path = SHARED) -> list[list[str]]:
    """The paragraphs of every plain-text article in the shared corpora."""
    articles = []
    for name in PLAIN:
        for path in sorted((root / name / "input").glob("*.txt")):
            paragraphs = [" ".join(line.split()) for line in path.read_text(encoding="utf-8").splitlines()]
            kept = [p for p in paragraphs if p]
            if len(kept) >= 4:
                articles.append(kept)
    if not articles:
        raise SystemExit(f"no plain-text articles under {root}: the shared corpora must sit beside the project")
    return articles


def invent_name(rng: random.Random) -> str:
    """A pronounceable capitalised name that no source uses."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def split_vocabulary(articles: list[list[str]]) -> tuple[set[str], list[str]]:
    """The most common lowercase words (kept as they are) and the rest (swapped per event)."""
    counts = Counter(w for a in articles for w in set(WORD.findall(" ".join(a))))
    common = {w for w, _ in counts.most_common(COMMON)}
    return common, sorted(set(counts) - common)


def rename(paragraph: str, names: dict[str, str], words: dict[str, str]) -> str:
    """The paragraph with its names and less common words replaced by the event's stand-ins."""
    paragraph = NAME.sub(lambda m: names.get(m.group(0), m.group(0)), paragraph)
    paragraph = WORD.sub(lambda m: words.get(m.group(0), m.group(0)), paragraph)
    return NUMBER.sub(lambda m: words.get(m.group(0), m.group(0)), paragraph)


def make_corpus(count: int, out: Path, seed: int = 0) -> None:
    """Write `count` plain-text articles under `out`, grouped into events of two to four articles."""
    rng = random.Random(seed)
    sources = load_articles()
    common, rare = split_vocabulary(sources)
    out.mkdir(parents=True, exist_ok=True)
    written = event = 0
    while written < count:
        base = sources[rng.randrange(len(sources))]
        tellings = []
        for _ in range(min(rng.randint(2, 4), count - written)):
            keep = sorted(rng.sample(range(1, len(base)), max(3, (len(base) - 1) * 3 // 4)))
            body = [base[i] for i in keep]
            borrowed = sources[rng.randrange(len(sources))]
            body.insert(rng.randrange(1, len(body) + 1), borrowed[rng.randrange(1, len(borrowed))])
            tellings.append([base[0], *body])
        told = " ".join(p for lines in tellings for p in lines)
        names = {n: invent_name(rng) for n in sorted(set(NAME.findall(told))) if n.lower() not in common}
        words = {w: rng.choice(rare) for w in sorted(set(WORD.findall(told)) - common)}
        numbers = sorted(set(NUMBER.findall(told)))
        words.update((n, str(rng.randrange(10 ** (len(n) - 1), 10 ** len(n)))) for n in numbers)
        for lines in tellings:
            text = "\n\n".join(rename(p, names, words) for p in lines) + "\n"
            (out / f"e{event:05d}_{written:05d}.txt").write_text(text, encoding="utf-8")
            written += 1
        event += 1
