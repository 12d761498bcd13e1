"""Write the pages: into a fresh folder beside the old one, swapped in only when complete."""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import stat
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath
from typing import TypeAlias

from ..runtime.parallel import stream_in_processes

KEEP = {".gitignore", "CNAME", ".nojekyll"}
AT_FDCWD = -100
RENAME_EXCHANGE = 2


# A page's whole text, or its pieces in order (a large file is then never whole in memory).
PageText: TypeAlias = str | Iterable[str]


@dataclass(frozen=True)
class Page:
    """One file of the site: where it goes, how to make its text, and a hash of everything that text depends on."""

    path: str
    text: Callable[[], PageText]
    key: str | None = None  # with a key, a page whose key and file are as the last build left them is not remade
    local: bool = False  # made by the writing process itself: its text uses what a forked process must not share


@dataclass(frozen=True)
class Written:
    """What the last build wrote at one path: the page's key, and the file's size and modification time."""

    key: str
    size: int
    mtime_ns: int


Ledger: TypeAlias = dict[str, Written]


def write_site(docs: Path, pages: Mapping[str, str] | Iterable[Page], ledger: Mapping[str, Written] | None = None,
               jobs: int = 1) -> Ledger:
    """Replace `docs` with exactly these pages; an interrupted write leaves the old folder intact.

    Pages are made and written a few at a time, in up to `jobs` processes, so they need never be in
    memory all at once. A keyed page whose key is in `ledger` and whose file is untouched since is
    linked from the old folder instead of being made again. Returns the ledger of this build's keyed pages.
    """
    # A linked docs folder is replaced where it really lives, so the link keeps pointing at the pages.
    docs = docs.resolve() if docs.is_symlink() else docs.absolute()
    docs.parent.mkdir(parents=True, exist_ok=True)
    if docs.exists() and not docs.is_dir():
        raise NotADirectoryError(f"--docs {docs} is a file, not a folder: give a folder to write the pages into")
    if isinstance(pages, Mapping):
        pages = [Page(relative, _constant(text)) for relative, text in sorted(pages.items())]
    pages = list(pages)
    places = [page_path(page.path).parts for page in pages]  # refuse a bad path before anything is touched
    recover(docs)
    staging = docs.with_name(f".{docs.name}.new-{os.getpid()}")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    old = docs if docs.is_dir() else None
    try:
        folders: set[Path] = set()
        here: list[Callable[[], None]] = []
        elsewhere: list[Callable[[], None]] = []
        for page, parts in zip(pages, places, strict=True):
            target = staging.joinpath(*parts)
            if target.parent not in folders:  # thousands of pages share a few folders, made before any process starts
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            before = old.joinpath(*parts) if old else None
            if not (page.key and before and _link_unchanged(before, target, (ledger or {}).get(page.path), page.key)):
                (here if page.local else elsewhere).append(partial(_make, page, target, before))
        # Forked processes make and write the pages (opening a file is a costly system call too), while
        # this one makes the local pages.
        done = stream_in_processes(elsewhere, jobs)
        next(done, None)  # the processes start
        for make in here:
            make()
        for _ in done:
            pass
        written: Ledger = {}
        for page, parts in zip(pages, places, strict=True):
            if page.key:
                info = staging.joinpath(*parts).stat()
                written[page.path] = Written(page.key, info.st_size, info.st_mtime_ns)
        if old:
            for name in KEEP:
                if (old / name).is_file():
                    shutil.copy2(old / name, staging / name)
        swap_in(staging, docs)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return written


def _make(page: Page, target: Path, before: Path | None) -> None:
    """Make a page's text and write it; a page that did not change keeps its old file's modification time."""
    text = _write(target, page.text())
    if before:
        _keep_mtime_if_unchanged(before, target, text)


def _constant(text: str) -> Callable[[], str]:
    return lambda: text


def _write(target: Path, text: PageText) -> str | None:
    """Write a page's text; a whole text is returned, to compare with the old file without reading this one."""
    if isinstance(text, str):
        target.write_text(text, encoding="utf-8", newline="\n")
        return text
    with target.open("w", encoding="utf-8", newline="\n") as out:
        for piece in text:
            out.write(piece)
    return None


def _link_unchanged(before: Path, target: Path, last: Written | None, key: str) -> bool:
    """Reuse the old file when the page's inputs are those it was made from and nobody has touched it since."""
    if last is None or last.key != key:
        return False
    try:
        info = before.stat()
        if not stat.S_ISREG(info.st_mode) or (info.st_size, info.st_mtime_ns) != (last.size, last.mtime_ns):
            return False
        try:
            # a hard link shares the file (and so its modification time); the old folder is deleted after the swap
            os.link(before, target)
        except OSError:
            shutil.copy2(before, target)
    except OSError:
        return False
    return True


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


def _keep_mtime_if_unchanged(before: Path, after: Path, text: str | None = None) -> None:
    """Give a page whose bytes (those of `text`, when the caller has it) did not change its old modification time."""
    try:
        old = before.stat()
        if not stat.S_ISREG(old.st_mode):
            return
        if text is not None:
            data = text.encode("utf-8")
            if old.st_size != len(data) or before.read_bytes() != data:
                return
        elif old.st_size != after.stat().st_size or not _same_bytes(before, after):
            return
    except OSError:
        return
    os.utime(after, ns=(old.st_atime_ns, old.st_mtime_ns))


def _same_bytes(first: Path, second: Path, block: int = 1 << 20) -> bool:
    """Whether two files hold the same bytes, read a block at a time (digest.json can be hundreds of MB)."""
    with first.open("rb") as a, second.open("rb") as b:
        while True:
            chunk = a.read(block)
            if chunk != b.read(block):
                return False
            if not chunk:
                return True
