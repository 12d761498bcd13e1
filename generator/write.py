"""Write the pages: into a fresh folder beside the old one, swapped in only when complete."""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
from pathlib import Path, PurePosixPath

KEEP = {".gitignore", "CNAME", ".nojekyll"}
AT_FDCWD = -100
RENAME_EXCHANGE = 2


def write_site(docs: Path, pages: dict[str, str]) -> None:
    """Replace `docs` with exactly these pages; an interrupted write leaves the old folder intact."""
    # A linked docs folder is replaced where it really lives, so the link keeps pointing at the pages.
    docs = docs.resolve() if docs.is_symlink() else docs.absolute()
    docs.parent.mkdir(parents=True, exist_ok=True)
    if docs.exists() and not docs.is_dir():
        raise NotADirectoryError(f"--docs {docs} is a file, not a folder: give a folder to write the pages into")
    targets = {relative: page_path(relative) for relative in pages}
    recover(docs)
    staging = docs.with_name(f".{docs.name}.new-{os.getpid()}")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    try:
        for relative, text in sorted(pages.items()):
            target = staging.joinpath(*targets[relative].parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
        if docs.exists():
            for name in KEEP:
                if (docs / name).is_file():
                    shutil.copy2(docs / name, staging / name)
            _keep_unchanged_mtimes(docs, staging)
        swap_in(staging, docs)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def page_path(relative: str) -> PurePosixPath:
    """A page's path inside the docs folder, refusing any that could land outside it."""
    path = PurePosixPath(relative)
    if (not relative or path.is_absolute() or "\\" in relative or "\x00" in relative
            or any(part in ("", ".", "..") for part in relative.split("/"))):
        raise ValueError(f"page path {relative!r} would leave the docs folder; this is a bug in the generator")
    return path


def swap_in(staging: Path, docs: Path) -> None:
    """Put the complete `staging` folder in place of `docs` (what was there ends up in `staging`)."""
    if not docs.exists():
        os.replace(staging, docs)
    elif not _exchange(staging, docs):
        # No atomic exchange here: two renames, and recover() finishes the job if we die between them.
        retired = _retired(docs)
        if retired.exists():
            shutil.rmtree(retired)
        os.replace(docs, retired)
        os.replace(staging, docs)
        os.replace(retired, staging)


def recover(docs: Path) -> None:
    """Put back the previous pages if a build died between the two renames of a non-atomic swap; tidy up."""
    retired = _retired(docs)
    if retired.exists():
        if docs.exists():
            shutil.rmtree(retired)
        else:
            os.replace(retired, docs)
    for leftover in docs.parent.glob(f".{docs.name}.new-*"):
        pid = leftover.name.rsplit("-", 1)[-1]
        if leftover.is_dir() and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)


def _retired(docs: Path) -> Path:
    return docs.with_name(f".{docs.name}.old")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2); False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError, TypeError):
        return False
    result: int = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _keep_unchanged_mtimes(old: Path, new: Path) -> None:
    """Give a page whose bytes did not change its old modification time, so rebuilds stay quiet."""
    for path in new.rglob("*"):
        before = old / path.relative_to(new)
        if (path.is_file() and before.is_file() and before.stat().st_size == path.stat().st_size
                and before.read_bytes() == path.read_bytes()):
            stat = before.stat()
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
