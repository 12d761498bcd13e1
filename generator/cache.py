"""A content-addressed cache of per-article and per-story results, kept in a folder on disk."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path

from . import __version__

DEFAULT_FOLDER = Path(".cache") / "digest"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the generator's version, modules and templates: any change to them starts a fresh cache."""
    digest = hashlib.sha256(__version__.encode())
    package = resources.files("generator")
    names = sorted(p.name for p in package.iterdir() if p.name.endswith(".py"))
    names += sorted("templates/" + p.name for p in (package / "templates").iterdir() if p.is_file())
    for name in names:
        digest.update(name.encode())
        digest.update((package / name).read_bytes())
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

    def __init__(self, folder: Path) -> None:
        self.folder = folder
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
        if tally:
            if value is None:
                self.misses += 1
            else:
                self.hits += 1
        return value

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
