"""A content-addressed cache of per-article and per-story results, kept in a folder on disk."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import tempfile
import time
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .. import __version__

DEFAULT_FOLDER = Path(".cache") / "digest"
KEEP_DAYS = 30  # an entry no build has used for this long is removed
PRUNE_EVERY = 86_400.0  # seconds between two sweeps of the folder (a sweep stats every entry)
TEMPORARY_AGE = 3_600.0  # a half-written entry this old belongs to a build that was stopped


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the generator's version, modules and templates: any change to them starts a fresh cache."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(str(resources.files("generator")))
    # Every module, template and data file of the package, subfolders included; compiled files are not code.
    files = sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in files:
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def content_key(*parts: str | bytes) -> str:
    """The hash that names a result: the code's fingerprint and everything the result depends on."""
    digest = hashlib.sha256(code_fingerprint().encode())
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Unpickling makes many objects and no cycles: the cyclic collector would only run over them again and again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class Cache:
    """Results stored one file per key; a missing, unreadable or corrupt entry is simply a miss."""

    def __init__(self, folder: Path, keep_days: float = KEEP_DAYS) -> None:
        self.folder = folder
        self.keep_days = keep_days  # 0: never prune
        self.hits = 0
        self.misses = 0

    def path(self, key: str) -> Path:
        """Where the entry of a key lives (two-level fan-out keeps folders small)."""
        return self.folder / key[:2] / f"{key[2:]}.pickle"

    def get(self, key: str, tally: bool = True) -> object | None:
        """The stored result, or None when there is none that can be trusted; `tally` counts it as a hit or miss."""
        path = self.path(key)
        value: object | None = None
        try:
            data = path.read_bytes()
        except OSError:
            data = None
        if data is not None:
            try:
                with collector_paused():
                    stored_key, value = pickle.loads(data)
            except Exception:  # any damage to an entry only costs recomputing it
                with contextlib.suppress(OSError):
                    path.unlink()
                stored_key, value = None, None
            if stored_key != key:
                value = None
        if value is not None:
            with contextlib.suppress(OSError):
                os.utime(path)  # used now: pruning keeps what builds still read
        if tally:
            if value is None:
                self.misses += 1
            else:
                self.hits += 1
        return value

    def last_used(self, key: str) -> float | None:
        """When a build last read or wrote the entry of a key (seconds since the epoch), or None without one."""
        try:
            return self.path(key).stat().st_mtime
        except OSError:
            return None

    def touch(self, keys: Iterable[str]) -> None:
        """Mark the entries of these keys as used, so that pruning keeps them; missing ones are skipped."""
        for key in keys:
            with contextlib.suppress(OSError):
                os.utime(self.path(key))

    def put(self, key: str, value: object) -> None:
        """Store a result; written beside its place and renamed, so readers never see half an entry."""
        path = self.path(key)
        data = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        except OSError:
            # a cache that cannot be written (read-only, full disk) only makes the next build slower
            return
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except OSError:
            Path(temporary).unlink(missing_ok=True)

    def prune(self, now: float | None = None) -> int:
        """Remove entries no build has used for `keep_days` days (at most one sweep a day); how many went."""
        if self.keep_days <= 0:
            return 0
        now = time.time() if now is None else now
        marker = self.folder / ".pruned"
        try:
            if now - marker.stat().st_mtime < PRUNE_EVERY:
                return 0
        except OSError:
            pass  # never swept, or the folder is missing: sweep (an absent folder has nothing to remove)
        removed = 0
        for entry in self._entries():
            limit = TEMPORARY_AGE if entry.name.startswith(".tmp-") else self.keep_days * 86_400
            with contextlib.suppress(OSError):
                if now - entry.stat().st_mtime > limit:
                    entry.unlink()
                    removed += 1
        with contextlib.suppress(OSError):
            marker.touch()
            os.utime(marker, (now, now))
        return removed

    def _entries(self) -> Iterator[Path]:
        try:
            shards = [p for p in self.folder.iterdir() if p.is_dir() and len(p.name) == 2]
        except OSError:
            return
        for shard in shards:
            with contextlib.suppress(OSError):
                yield from (p for p in shard.iterdir() if p.suffix == ".pickle" or p.name.startswith(".tmp-"))
