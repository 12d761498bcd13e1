"""Time quote extraction and cross-outlet merging on the shared corpora.

    python -m bench.bench_quotes [--corpora ggt-dev zyte-dev trafilatura-en-news] [--repeat 3]

Articles are read and cleaned once; extraction (spans, cast, speakers) is timed per article and merging
once over all quotes of a corpus as if it were one story, the worst case for the pairwise merge.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from generator.extract.quotes import extract_quotes, merge_quotes
from generator.read.clean import clean_document
from generator.read.sources import read_sources

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"


def main() -> int:
    """Read each corpus, then time extraction and merging, best of --repeat runs."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", nargs="+", default=["ggt-dev", "zyte-dev", "trafilatura-en-news"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for name in args.corpora:
        folder = SHARED / name / "input"
        if not folder.is_dir():
            print(f"{folder}: absent; the shared corpora live beside the project in ../shared", file=sys.stderr)
            continue
        documents, _ = read_sources(folder, name)
        articles = [a for a in (clean_document(d) for d in documents) if a.sentences]
        best_extract = best_merge = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            per_article = [extract_quotes(a) for a in articles]
            extracted = time.perf_counter()
            merged = merge_quotes(per_article)
            done = time.perf_counter()
            best_extract, best_merge = min(best_extract, extracted - start), min(best_merge, done - extracted)
        words = sum(len(a.text.split()) for a in articles)
        print(f"{name:>22}: {len(articles)} articles, {words} words, {sum(map(len, per_article))} quotes -> "
              f"{len(merged)} merged; extract {best_extract:.2f}s ({1e3 * best_extract / len(articles):.1f} "
              f"ms/article), merge {best_merge:.2f}s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
