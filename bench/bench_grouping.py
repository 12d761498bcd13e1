"""Time story grouping on synthetic corpora of 1,000 and 10,000 articles (see bench/corpus.py).

    python -m bench.bench_grouping [--sizes 1000 10000] [--seed 0]

Reading and cleaning are timed apart from grouping; the grouping should grow near-linearly.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.corpus import make_corpus
from generator.extract.grouping import article_vector, candidate_pairs, group_articles
from generator.models import Article
from generator.read.clean import clean_document
from generator.read.sources import read_sources


def main() -> None:
    """Make each corpus, read it, group it, and print the timings and how well events were recovered."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="bench-grouping-") as tmp:
            folder = Path(tmp)
            start = time.perf_counter()
            make_corpus(size, folder, seed=args.seed)
            made = time.perf_counter()
            documents, _ = read_sources(folder, "bench")
            articles = [a for a in (clean_document(d) for d in documents) if a.sentences]
            group_articles(articles[:2])  # loads the word-frequency table once, outside the timing
            read = time.perf_counter()
            groups = group_articles(articles)
            grouped = time.perf_counter()
        pure, events, split = _purity(groups)
        compared = len(candidate_pairs([article_vector(a) for a in articles]))
        print(f"{size:>6} articles: make {made - start:6.2f}s  read+clean {read - made:6.2f}s  "
              f"group {grouped - read:6.2f}s ({1e3 * (grouped - read) / size:.2f} ms/article, "
              f"{compared} pairs compared of {size * (size - 1) // 2})  "
              f"{len(groups)} stories for {events} events: {pure:.1%} of stories hold one event, "
              f"{split} events split", flush=True)


def _purity(groups: Sequence[Sequence[Article]]) -> tuple[float, int, int]:
    """Share of stories whose articles all come from one synthetic event, the events, and those split up."""
    event_of = [[re.sub(r"-\d+$", "", a.id) for a in g] for g in groups]
    pure = sum(len(set(e)) == 1 for e in event_of)
    stories_of: dict[str, set[int]] = {}
    for n, events in enumerate(event_of):
        for event in events:
            stories_of.setdefault(event, set()).add(n)
    split = sum(len(s) > 1 for s in stories_of.values())
    return pure / max(1, len(groups)), len(stories_of), split


if __name__ == "__main__":
    main()
