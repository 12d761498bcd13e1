"""Serial and parallel builds must write byte-identical pages and digest.json."""

from __future__ import annotations

from pathlib import Path

from conftest import SEEDS, shared_path

from generator.parallel import MIN_ITEMS_PER_JOB, Runner, map_in_processes
from generator.pipeline import build


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
