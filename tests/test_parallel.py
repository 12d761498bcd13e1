"""Serial and parallel builds must write byte-identical pages and digest.json."""

from __future__ import annotations

import os
import subprocess
import sys
from functools import partial
from pathlib import Path

from conftest import ROOT, SEEDS, shared_path

from generator.pipeline import build
from generator.publish.write import Page, write_site
from generator.runtime.parallel import MIN_ITEMS_PER_JOB, Runner, map_in_processes, stream_in_processes


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def square(n: int) -> int:
    return n * n


def test_map_in_processes_keeps_order() -> None:
    items = list(range(MIN_ITEMS_PER_JOB * 4 + 3))
    assert list(map_in_processes(square, items, jobs=2)) == [n * n for n in items]


def test_parallel_build_of_seeds_is_byte_identical(tmp_path: Path) -> None:
    build(SEEDS, tmp_path / "serial", label="seeds", run=Runner(jobs=1))
    build(SEEDS, tmp_path / "parallel", label="seeds", run=Runner(jobs=2))
    serial = tree(tmp_path / "serial")
    assert "digest.json" in serial
    assert tree(tmp_path / "parallel") == serial


def test_parallel_build_of_ggt_is_byte_identical(tmp_path: Path) -> None:
    # 49 articles: enough for the per-article stages to really run in two processes
    sources = shared_path("corpora", "ggt-dev", "input")
    assert len(list(sources.glob("*.txt"))) >= 2 * MIN_ITEMS_PER_JOB
    build(sources, tmp_path / "serial", label="ggt-dev", run=Runner(jobs=1))
    build(sources, tmp_path / "parallel", label="ggt-dev", run=Runner(jobs=2))
    serial = tree(tmp_path / "serial")
    assert len(serial) > 49
    assert tree(tmp_path / "parallel") == serial


def test_builds_in_separate_processes_with_other_hash_seeds_are_byte_identical(tmp_path: Path) -> None:
    # each command-line build hashes strings differently; set order must never reach the output
    sources = shared_path("corpora", "ggt-dev", "input")
    outputs = []
    for seed, jobs in (("1", "1"), ("2", "2"), ("3", "2")):
        docs = tmp_path / f"docs-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "generator", "build", "--sources", str(sources), "--docs", str(docs),
                        "--jobs", jobs, "--no-cache"], cwd=ROOT, env=env, check=True, capture_output=True)
        outputs.append(tree(docs))
    assert "digest.json" in outputs[0]
    assert outputs[1] == outputs[0]
    assert outputs[2] == outputs[0]


def test_jobs_below_one_is_a_usage_error(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--sources", str(SEEDS),
                             "--docs", str(tmp_path / "docs"), "--jobs", "0"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "--jobs" in result.stderr
    assert not (tmp_path / "docs").exists()


def test_progress_is_quiet_when_not_on_a_terminal(tmp_path: Path) -> None:
    sources = shared_path("corpora", "ggt-dev", "input")
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--sources", str(sources),
                             "--docs", str(tmp_path / "docs"), "--jobs", "2", "--cache", str(tmp_path / "cache")],
                            cwd=ROOT, capture_output=True, text=True, check=True)
    assert "\r" not in result.stderr
    assert "item/s" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("built ")
    assert "cache: 0 reused" in result.stderr


def test_stream_in_processes_keeps_order_across_chunks() -> None:
    tasks = [partial(square, n) for n in range(MIN_ITEMS_PER_JOB * 9 + 5)]
    expected = [n * n for n in range(len(tasks))]
    assert list(stream_in_processes(tasks, jobs=2, chunk=3, ahead=2)) == expected
    assert list(stream_in_processes(tasks, jobs=1)) == expected


def test_pages_written_by_processes_are_those_written_here(tmp_path: Path) -> None:
    pages = [Page(f"stories/{n}.md", partial(str, f"page {n}\n"), key=f"k{n}", local=n == 5)
             for n in range(MIN_ITEMS_PER_JOB * 4)]
    ledgers = [write_site(tmp_path / f"docs{jobs}", pages, jobs=jobs) for jobs in (1, 2)]
    assert tree(tmp_path / "docs1") == tree(tmp_path / "docs2") == {f"stories/{n}.md": f"page {n}\n".encode()
                                                                     for n in range(len(pages))}
    assert [{path: w.key for path, w in ledger.items()} for ledger in ledgers] == [{p.path: p.key for p in pages}] * 2
    # a second build keeps every unchanged page's file (and so its modification time)
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "docs2").rglob("*.md")}
    write_site(tmp_path / "docs2", pages, ledgers[1], jobs=2)
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "docs2").rglob("*.md")} == before
