"""Golden pages: the seeds' generated site, byte for byte. Regenerate with `make golden`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden" / "seeds"


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_seeds_pages_match_golden(seeds_docs: Path, request: pytest.FixtureRequest) -> None:
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(seeds_docs, GOLDEN)
    assert GOLDEN.is_dir(), "no golden pages yet: run `make golden` once and review the diff"
    built, golden = files(seeds_docs), files(GOLDEN)
    assert sorted(built) == sorted(golden), "the set of generated pages changed"
    changed = [name for name in built if built[name] != golden[name]]
    assert not changed, f"pages differ from the golden copy (review, then `make golden`): {changed}"
