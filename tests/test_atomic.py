"""Atomic and reproducible output: a killed build leaves the previous pages; the same input, the same bytes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from badinput.make_corpus import make_mixed_sources
from conftest import ROOT, SEEDS

from generator.pipeline import build
from generator.publish.write import page_path, recover, write_site

# Runs a build in a child process that kills itself (SIGKILL: no cleanup, no finally) at a chosen moment.
CHILD = """
import os, signal, sys
from pathlib import Path
import generator.publish.write as write

mode, n, sources, docs = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])

def die():
    os.kill(os.getpid(), signal.SIGKILL)

if mode == "pages":
    real_write_text, count = Path.write_text, [0]
    def write_text(self, *args, **kwargs):
        count[0] += 1
        if count[0] > n:
            die()
        return real_write_text(self, *args, **kwargs)
    Path.write_text = write_text
elif mode == "swap":
    write.swap_in = lambda staging, docs: die()
elif mode == "renames":
    write._exchange = lambda first, second: False
    real_replace, count = os.replace, [0]
    def replace(src, dst):
        count[0] += 1
        if count[0] > n:
            die()
        return real_replace(src, dst)
    write.os.replace = replace

from generator.pipeline import build
build(sources, docs, label="seeds")
"""


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds plus the bad corpus: a build whose pages all differ from the seeds-only build."""
    sources, _ = make_mixed_sources(tmp_path_factory.mktemp("mixed"), SEEDS)
    return sources


def run_child(mode: str, n: int, sources: Path, docs: Path) -> subprocess.CompletedProcess[str]:
    """A build in a child process that is killed at the given moment."""
    return subprocess.run([sys.executable, "-c", CHILD, mode, str(n), str(sources), str(docs)],
                          cwd=ROOT, capture_output=True, text=True, check=False, timeout=300)


@pytest.mark.parametrize(("mode", "n"), [("pages", 0), ("pages", 1), ("pages", 12), ("swap", 0)])
def test_killed_build_leaves_previous_pages(tmp_path: Path, mixed: Path, mode: str, n: int) -> None:
    docs = tmp_path / "docs"
    build(SEEDS, docs, label="seeds")
    before = snapshot(docs)
    result = run_child(mode, n, mixed, docs)
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert snapshot(docs) == before, "the killed build changed the published pages"
    build(mixed, docs, label="seeds")  # the next build completes and tidies what the killed one left
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]
    assert snapshot(docs) != before


def test_killed_between_fallback_renames_is_recovered(tmp_path: Path, mixed: Path) -> None:
    docs = tmp_path / "docs"
    build(SEEDS, docs, label="seeds")
    before = snapshot(docs)
    result = run_child("renames", 1, mixed, docs)  # dies after moving the old pages aside, before the new move in
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert not docs.exists() and (tmp_path / ".docs.old").is_dir()
    assert snapshot(tmp_path / ".docs.old") == before
    recover(docs)
    assert snapshot(docs) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]


def test_same_input_gives_identical_bytes(tmp_path: Path, mixed: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        docs = tmp_path / f"docs-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-m", "generator", "build", "--sources", str(mixed),
                                 "--docs", str(docs)], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        outputs.append(snapshot(docs))
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 30


def test_rebuild_keeps_modification_times_of_unchanged_pages(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    build(SEEDS, docs, label="seeds")
    times = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
    for path in times:
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    build(SEEDS, docs, label="seeds")
    assert {p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()} == {1_000_000_000}


def test_write_keeps_hosting_files_and_drops_stale_pages(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write_site(docs, {"index.md": "old", "stories/gone.md": "old"})
    (docs / "CNAME").write_text("example.org", encoding="utf-8")
    write_site(docs, {"index.md": "new"})
    assert snapshot(docs) == {"CNAME": b"example.org", "index.md": b"new"}


@pytest.mark.parametrize("bad", ["../escape.md", "/etc/passwd", "a/../../b.md", "", "a//b.md", "a\\..\\b.md", "./a"])
def test_page_paths_cannot_leave_docs(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError, match="would leave the docs folder"):
        page_path(bad)
    docs = tmp_path / "docs"
    with pytest.raises(ValueError):
        write_site(docs, {"index.md": "x", bad: "y"})
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_linked_docs_folder_is_updated_through_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real-docs"
    write_site(real, {"index.md": "old"})
    (tmp_path / "docs").symlink_to(real)
    write_site(tmp_path / "docs", {"index.md": "new"})
    assert (tmp_path / "docs").is_symlink() and snapshot(real) == {"index.md": b"new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "real-docs"]


def test_unwritable_docs_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    (tmp_path / "docs").write_text("a file, not a folder", encoding="utf-8")
    assert main(["build", "--sources", str(SEEDS), "--docs", str(tmp_path / "docs")]) == 1
    assert "cannot write the pages" in capsys.readouterr().err


def test_sources_inside_docs_are_refused_not_deleted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    sources = tmp_path / "docs" / "raw"
    sources.mkdir(parents=True)
    (sources / "a.txt").write_text("The ferry left at noon on Monday, the captain said.\n", encoding="utf-8")
    assert main(["build", "--sources", str(sources), "--docs", str(tmp_path / "docs")]) == 2
    assert "must not be inside --docs" in capsys.readouterr().err
    assert (sources / "a.txt").is_file()
