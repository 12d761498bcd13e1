"""The cache of per-article and per-story results: reused when nothing changed, never trusted when damaged."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import SEEDS

from generator.cli import main
from generator.pipeline import build
from generator.runtime.cache import Cache, content_key
from generator.runtime.parallel import Runner


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_round_trip_and_missing_entry(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    key = content_key("stage", b"input")
    assert cache.get(key) is None
    cache.put(key, {"value": (1, "two")})
    assert cache.get(key) == {"value": (1, "two")}
    assert content_key("stage", b"input") == key
    assert content_key("stage", b"other input") != key
    assert content_key("stage", "a", "b") != content_key("stage", "ab")


def test_corrupt_entry_is_a_miss_and_is_removed(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    key = content_key("stage", b"input")
    cache.put(key, [1, 2, 3])
    cache.path(key).write_bytes(b"\x80\x05not a pickle at all")
    assert cache.get(key) is None
    assert not cache.path(key).exists()
    cache.put(key, [1, 2, 3])
    cache.path(key).write_bytes(cache.path(key).read_bytes()[:10])
    assert cache.get(key) is None


def test_entry_stored_under_another_key_is_not_trusted(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    first, second = content_key("a"), content_key("b")
    cache.put(first, "first")
    cache.path(second).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(cache.path(first), cache.path(second))
    assert cache.get(second) is None


def test_unwritable_cache_does_not_stop_the_build(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    cache = Cache(blocker)
    build(SEEDS, tmp_path / "docs", label="seeds", run=Runner(cache=cache))
    assert (tmp_path / "docs" / "digest.json").is_file()


def test_cached_rebuild_is_identical_and_recomputes_nothing(tmp_path: Path) -> None:
    build(SEEDS, tmp_path / "plain", label="seeds")
    first = Cache(tmp_path / "cache")
    build(SEEDS, tmp_path / "cold", label="seeds", run=Runner(cache=first))
    assert first.misses > 0
    assert first.hits == 0
    again = Cache(tmp_path / "cache")
    build(SEEDS, tmp_path / "warm", label="seeds", run=Runner(cache=again))
    # unchanged sources: the whole analysis is one cached result, nothing is looked up stage by stage
    assert (again.hits, again.misses) == (1, 0)
    assert tree(tmp_path / "cold") == tree(tmp_path / "plain")
    assert tree(tmp_path / "warm") == tree(tmp_path / "plain")


def test_damaged_cache_gives_the_same_digest(tmp_path: Path) -> None:
    build(SEEDS, tmp_path / "plain", label="seeds")
    cache = Cache(tmp_path / "cache")
    build(SEEDS, tmp_path / "cold", label="seeds", run=Runner(cache=cache))
    for entry in (tmp_path / "cache").rglob("*.pickle"):
        entry.write_bytes(entry.read_bytes()[: len(entry.read_bytes()) // 2])
    damaged = Cache(tmp_path / "cache")
    build(SEEDS, tmp_path / "after", label="seeds", run=Runner(cache=damaged))
    assert damaged.hits == 0
    assert tree(tmp_path / "after") == tree(tmp_path / "plain")


def test_changing_one_source_recomputes_only_what_depends_on_it(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(SEEDS, sources)
    extra = sources / "zz_unrelated.txt"
    extra.write_text("Harbour Board Approves New Ferry Timetable\n\nThe harbour board approved a new ferry "
                     "timetable on Monday after months of complaints from island commuters about missed "
                     "connections.\n", encoding="utf-8")
    build(sources, tmp_path / "docs", label="sources", run=Runner(cache=Cache(tmp_path / "cache")))
    extra.write_text(extra.read_text(encoding="utf-8").replace("Monday", "Tuesday"), encoding="utf-8")
    cache = Cache(tmp_path / "cache")
    build(sources, tmp_path / "docs", label="sources", run=Runner(cache=cache))
    # the changed file is read, cleaned, weighed for grouping and made into a story again, and the
    # whole analysis is stored anew; the seeds are not
    assert cache.misses == 5
    assert cache.hits >= 3 * 3 + 1
    build(sources, tmp_path / "fresh", label="sources")
    assert tree(tmp_path / "docs") == tree(tmp_path / "fresh")


def test_unchanged_pages_are_kept_not_remade(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(SEEDS, sources)
    docs = tmp_path / "docs"
    build(sources, docs, label="sources", run=Runner(cache=Cache(tmp_path / "cache")))
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in docs.rglob("*.md")}
    edited = docs / "about.md"
    edited.write_text("edited by hand", encoding="utf-8")  # an unkeyed page is always made again
    story = next((docs / "stories").glob("*.md"))
    story.write_text("edited by hand", encoding="utf-8")  # a kept page touched since is made again
    build(sources, docs, label="sources", run=Runner(cache=Cache(tmp_path / "cache")))
    build(sources, tmp_path / "fresh", label="sources")
    assert tree(docs) == tree(tmp_path / "fresh")
    kept = [p for p in docs.rglob("*.md") if p in before and p.stat().st_ino == before[p][0]]
    assert kept and all(p.parent.name in ("sources", "stories") for p in kept) and story not in kept
    assert all(p.stat().st_mtime_ns == before[p][1] for p in kept)


DAY = 86_400.0


def age(path: Path, days: float) -> None:
    """Make a file look last used `days` days ago."""
    when = path.stat().st_mtime - days * DAY
    os.utime(path, (when, when))


def test_a_hit_marks_its_entry_as_used(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    key = content_key("used")
    cache.put(key, "value")
    age(cache.path(key), 40)
    assert cache.get(key) == "value"
    assert time.time() - cache.path(key).stat().st_mtime < DAY


def test_prune_removes_what_no_build_used_for_the_kept_days_at_most_once_a_day(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache", keep_days=30)
    old, recent = content_key("old"), content_key("recent")
    cache.put(old, 1)
    cache.put(recent, 2)
    age(cache.path(old), 31)
    age(cache.path(recent), 29)
    stale = cache.path(old).parent / ".tmp-stale"
    fresh = cache.path(recent).parent / ".tmp-fresh"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")
    age(stale, 1)
    assert cache.prune() == 2
    assert not cache.path(old).exists() and not stale.exists()
    assert cache.get(recent) == 2 and fresh.exists()
    # the sweep stats every entry: the next one waits a day
    age(cache.path(recent), 40)
    assert cache.prune() == 0 and cache.path(recent).exists()
    assert cache.prune(now=time.time() + 1.1 * DAY) == 2  # and the temporary file is now a day old
    assert not cache.path(recent).exists() and not fresh.exists()


def test_keep_days_zero_never_prunes_and_a_missing_folder_is_no_error(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache", keep_days=0)
    key = content_key("kept")
    cache.put(key, 1)
    age(cache.path(key), 400)
    assert cache.prune() == 0 and cache.get(key) == 1
    assert Cache(tmp_path / "absent").prune() == 0


def test_the_build_command_prunes_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "cache"
    args = ["build", "--sources", str(SEEDS), "--docs", str(tmp_path / "docs"), "--cache", str(folder), "--jobs", "1"]
    assert main(args) == 0
    entries = [p for p in folder.rglob("*.pickle")]
    assert entries
    unused = Cache(folder).path(content_key("a result no build asks for"))
    Cache(folder).put(content_key("a result no build asks for"), 1)
    for entry in [*entries, unused]:
        age(entry, 60)
    (folder / ".pruned").unlink()
    capsys.readouterr()
    assert main(args) == 0
    # the unchanged seeds' results are all used again (see the next test); the other one is removed
    assert sorted(folder.rglob("*.pickle")) == sorted(entries)
    assert "1 unused for 30 days removed" in capsys.readouterr().err


def test_negative_cache_days_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["build", "--sources", str(SEEDS), "--docs", str(tmp_path / "docs"), "--cache-days", "-1"])
    assert exit_info.value.code == 2


def test_a_reused_analysis_keeps_its_stage_results_from_being_pruned(tmp_path: Path) -> None:
    build(SEEDS, tmp_path / "docs", label="seeds", run=Runner(cache=Cache(tmp_path / "cache")))
    cache = Cache(tmp_path / "cache", keep_days=30)
    entries = [p for p in (tmp_path / "cache").rglob("*.pickle")]
    for entry in entries:
        age(entry, 40)  # a collection nobody changed for forty days
    build(SEEDS, tmp_path / "docs", label="seeds", run=Runner(cache=cache))
    assert (cache.hits, cache.misses) == (1, 0)  # the whole analysis was reused ...
    assert cache.prune() == 0  # ... and the per-article and per-story results it was made from are kept
    assert all(entry.exists() for entry in entries)
