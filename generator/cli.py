"""The command line: `python -m generator build --sources DIR --docs DIR [--strict]` and `fetch`."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from . import __version__
from .pipeline import build
from .publish.state import StateError
from .runtime.cache import DEFAULT_FOLDER, KEEP_DAYS, Cache
from .runtime.limits import DEFAULT_LIMITS, Limits, parse_limits
from .runtime.parallel import Runner, default_jobs


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = argparse.ArgumentParser(prog="generator", description="Merge news articles into a digest site.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="read sources and write the digest pages and digest.json")
    build_cmd.add_argument("--sources", default="seeds", help="folder of articles and feeds (default: seeds)")
    build_cmd.add_argument("--docs", default="docs", help="folder to write the pages into (default: docs)")
    build_cmd.add_argument("--strict", action="store_true", help="exit 1 when any input was rejected")
    build_cmd.add_argument("--limit", action="append", default=[], metavar="NAME=N",
                           help="raise or lower a limit on one source, e.g. max_file_bytes=50000000 "
                                "(names: max_file_bytes, max_html_bytes, max_nesting, max_markdown_nesting, "
                                "max_paragraph_chars, max_sentences, max_front_matter_chars, max_feed_entries)")
    build_cmd.add_argument("--state", default=None,
                           help="state file that pins published story URLs and records what each build added "
                                "(read, then updated; e.g. digest-state.json)")
    build_cmd.add_argument("--site-url", default=None, help="the site's public address, for the Atom feed's links")
    build_cmd.add_argument("--jobs", type=int, default=default_jobs(), metavar="N",
                           help="processes for per-article and per-story work (default: the CPU count)")
    build_cmd.add_argument("--cache", default=str(DEFAULT_FOLDER), metavar="DIR",
                           help=f"folder of cached per-article and per-story results (default: {DEFAULT_FOLDER})")
    build_cmd.add_argument("--no-cache", action="store_true", help="recompute everything and store nothing")
    build_cmd.add_argument("--cache-days", type=float, default=KEEP_DAYS, metavar="DAYS",
                           help=f"remove cached results no build has used for this many days, checked at most "
                                f"once a day; 0 keeps them all (default: {KEEP_DAYS})")
    fetch_cmd = commands.add_parser("fetch", help="download new items of the feeds and pages listed in digest.yml")
    fetch_cmd.add_argument("--config", default="digest.yml", help="file listing feeds and pages (default: digest.yml)")
    fetch_cmd.add_argument("--sources", default=None, help="folder to write into (default: the config's 'sources')")
    args = parser.parse_args(argv)
    if args.command == "fetch":
        return run_fetch(Path(args.config), Path(args.sources) if args.sources else None)
    try:
        limits = parse_limits(args.limit)
    except ValueError as error:
        print(f"error: --limit: {error}", file=sys.stderr)
        return 2
    if args.jobs < 1:
        parser.error(f"--jobs must be 1 or more, not {args.jobs}")
    if args.cache_days < 0:
        parser.error(f"--cache-days must be 0 or more, not {args.cache_days:g}")
    cache = None if args.no_cache else Cache(Path(args.cache), args.cache_days)
    return run_build(Path(args.sources), Path(args.docs), args.strict, limits,
                     Path(args.state) if args.state else None, args.site_url, Runner(args.jobs, cache, progress=True))


def run_fetch(config: Path, sources: Path | None) -> int:
    """The fetch command: 0 when every feed and page was read, 1 when some failed (the rest are still fetched)."""
    from .read.fetch import ConfigError, fetch_all, load_settings  # the network side: a build does not load it

    try:
        settings = load_settings(config)
        if sources is not None:
            settings = replace(settings, sources=sources)
        report = fetch_all(settings)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    for failure in report.failed:
        print(f"failed: {failure}", file=sys.stderr)
    return 1 if report.failed else 0


def run_build(sources: Path, docs: Path, strict: bool, limits: Limits = DEFAULT_LIMITS,
              state: Path | None = None, site_url: str | None = None, run: Runner | None = None) -> int:
    """The build command: report what happened, and choose the exit status."""
    if not sources.is_dir():
        print(f"error: sources folder {sources} does not exist or is not a folder; "
              "give --sources DIR with your articles", file=sys.stderr)
        return 2
    if docs.resolve() == sources.resolve() or sources.resolve() in docs.resolve().parents:
        print(f"error: --docs {docs} must not be inside --sources {sources}", file=sys.stderr)
        return 2
    if docs.resolve() in sources.resolve().parents:
        print(f"error: --sources {sources} must not be inside --docs {docs}: every build replaces --docs "
              "entirely, so the sources would be deleted; keep them in a folder of their own", file=sys.stderr)
        return 2
    began = time.perf_counter()
    try:
        digest = build(sources, docs, label=str(sources), limits=limits, state=state, site_url=site_url, run=run)
    except StateError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OSError as error:  # sources are read file by file; what is left is writing the pages
        print(f"error: cannot write the pages into {docs}: {error.strerror or error}; "
              "check that the folder (and the one it is in) is writable", file=sys.stderr)
        return 1
    for item in digest.rejected:
        print(f"rejected: {item.source_path}: {item.reason}", file=sys.stderr)
    reused = ""
    if run and run.cache:
        pruned = run.cache.prune()
        reused = f"; cache: {run.cache.hits} reused, {run.cache.misses} computed"
        reused += f", {pruned} unused for {run.cache.keep_days:g} days removed" if pruned else ""
    print(f"built {len(digest.stories)} stories from {len(digest.articles)} articles "
          f"({len(digest.rejected)} rejected) into {docs} in {time.perf_counter() - began:.2f}s{reused}",
          file=sys.stderr)
    return 1 if strict and digest.rejected else 0
