"""Write the pages: into a fresh folder beside the old one, swapped in only when complete."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

KEEP = {".gitignore", "CNAME", ".nojekyll"}


def write_site(docs: Path, pages: dict[str, str]) -> None:
    """Replace `docs` with exactly these pages; an interrupted write leaves the old folder intact."""
    docs = docs.absolute()
    docs.parent.mkdir(parents=True, exist_ok=True)
    staging = docs.with_name(f".{docs.name}.new")
    retired = docs.with_name(f".{docs.name}.old")
    for leftover in (staging, retired):
        if leftover.exists():
            shutil.rmtree(leftover)
    staging.mkdir()
    for relative, text in sorted(pages.items()):
        target = staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
    if docs.exists():
        for name in KEEP:
            if (docs / name).exists():
                shutil.copy2(docs / name, staging / name)
        _keep_unchanged_mtimes(docs, staging)
        os.replace(docs, retired)
        os.replace(staging, docs)
        shutil.rmtree(retired)
    else:
        os.replace(staging, docs)


def _keep_unchanged_mtimes(old: Path, new: Path) -> None:
    """Give a page whose bytes did not change its old modification time, so rebuilds stay quiet."""
    for path in new.rglob("*"):
        before = old / path.relative_to(new)
        if (path.is_file() and before.is_file() and before.stat().st_size == path.stat().st_size
                and before.read_bytes() == path.read_bytes()):
            stat = before.stat()
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
