"""Show that a change leaves the output alone: build every shared corpus and compare with a reference.

    python -m bench.identical --save /tmp/reference     # before the change: keep each corpus's pages
    python -m bench.identical --against /tmp/reference  # after it: list every file that differs

Each corpus of `../shared/corpora` is built with `--no-cache` into its own folder. With `--against`,
every file under the new `docs/` is compared byte for byte with the saved one; the command prints
one line per corpus and exits 1 when any file differs, is missing or is new. A refactoring that
claims to change nothing runs this before and after.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
NAMES = ("seeds", "ggt-dev", "zyte-dev", "trafilatura-en-news", "allsides-dev", "feeds")


def build(corpus: str, docs: Path) -> None:
    """Build one shared corpus into `docs` in a fresh process without the cache."""
    # Relative to the project, as a user types it: source paths are part of the output.
    sources = os.path.relpath(CORPORA / corpus / "input", ROOT)
    command = [sys.executable, "-m", "generator", "build", "--sources", sources,
               "--docs", str(docs), "--no-cache"]
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def differences(new: Path, old: Path) -> list[str]:
    """The files that differ between two built folders, missing from either, by relative path."""
    found = {p.relative_to(new) for p in new.rglob("*") if p.is_file()}
    kept = {p.relative_to(old) for p in old.rglob("*") if p.is_file()}
    changed = [f"changed {p}" for p in sorted(found & kept) if not filecmp.cmp(new / p, old / p, shallow=False)]
    return changed + [f"new {p}" for p in sorted(found - kept)] + [f"missing {p}" for p in sorted(kept - found)]


def main(argv: list[str] | None = None) -> int:
    """Save the corpora's pages, or compare them with a saved set."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path, help="build every corpus into this folder (replacing it)")
    group.add_argument("--against", type=Path, help="build every corpus and compare with this saved folder")
    parser.add_argument("--corpus", action="append", choices=NAMES, help="only this corpus (repeatable)")
    args = parser.parse_args(argv)
    if not CORPORA.is_dir():
        print(f"error: {CORPORA} is absent: the shared corpora live beside the project", file=sys.stderr)
        return 2
    names = args.corpus or list(NAMES)
    if args.save:
        for name in names:
            shutil.rmtree(args.save / name, ignore_errors=True)
            build(name, args.save / name)
            print(f"{name}: saved")
        return 0
    failed = False
    with tempfile.TemporaryDirectory() as scratch:
        for name in names:
            build(name, Path(scratch) / name)
            found = differences(Path(scratch) / name, args.against / name)
            failed |= bool(found)
            print(f"{name}: {'identical' if not found else f'{len(found)} files differ'}")
            for line in found[:20]:
                print(f"    {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
