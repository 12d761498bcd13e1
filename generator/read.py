"""Read every file under the sources folder into documents, or a rejection with a reason."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from .decode import DecodeError, decode_bytes
from .formats import (
    FormatError,
    documents_from_feed,
    documents_from_html,
    documents_from_json_feed,
    markdown_paragraphs,
)
from .models import Document, Rejected

ARTICLE_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
FEED_SUFFIXES = {".rss": "feed", ".atom": "feed", ".xml": "feed", ".json": "jsonfeed"}
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FRONT_MATTER_CHARS = 20_000
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def discover_sources(root: Path) -> list[Path]:
    """All files under root, recursively, in a stable order (symlinked folders are not followed)."""
    found: list[Path] = []
    for path in sorted(root.rglob("*")):
        if path.name.startswith(".") or any(part.startswith(".") for part in path.relative_to(root).parts[:-1]):
            continue
        if path.is_file() or path.is_symlink():
            found.append(path)
    return found


@dataclass(frozen=True)
class SourceFile:
    """One file to read, with the path it is shown as and the sources folder it belongs to."""

    path: Path
    display: str
    root: Path


def read_sources(root: Path, label: str | None = None) -> tuple[list[Document], list[Rejected]]:
    """Read every source file under root; each becomes documents or a rejection, never an exception."""
    return gather_documents([read_source(source) for source in list_sources(root, label)])


def list_sources(root: Path, label: str | None = None) -> list[SourceFile]:
    """Every source file under root, in a stable order, with the path it is shown as."""
    shown = Path(label) if label is not None else root
    return [SourceFile(path, (shown / path.relative_to(root)).as_posix(), root) for path in discover_sources(root)]


def read_source(source: SourceFile) -> tuple[list[Document], list[Rejected]]:
    """The documents of one file, or its rejection with a reason."""
    try:
        return read_file(source.path, source.display, source.root), []
    except (FormatError, DecodeError, OSError, ValueError, RecursionError) as error:
        return [], [Rejected(source.display, _reason(error))]


def source_identity(source: SourceFile) -> bytes:
    """Everything reading a file depends on: the path it is shown as, where it points, and its bytes."""
    try:
        inside = not source.path.is_symlink() or source.path.resolve().is_relative_to(source.root.resolve())
        size = source.path.stat().st_size
        data = source.path.read_bytes() if size <= MAX_FILE_BYTES else f"{size}".encode()
    except OSError as error:
        data = f"unreadable: {error}".encode()
        inside = False
    return b"\0".join([source.display.encode("utf-8", "surrogatepass"), str(inside).encode(), data])


def gather_documents(results: Iterable[tuple[list[Document], list[Rejected]]]) -> tuple[list[Document], list[Rejected]]:
    """The documents of every file, with unique ids, and every rejection, in reading order."""
    documents: list[Document] = []
    rejected: list[Rejected] = []
    for found, refused in results:
        documents.extend(found)
        rejected.extend(refused)
    return assign_ids(documents), rejected


def read_file(path: Path, display: str, root: Path) -> list[Document]:
    """The documents one file holds (one for an article, several for a feed)."""
    suffix = path.suffix.lower()
    kind = ARTICLE_SUFFIXES.get(suffix) or FEED_SUFFIXES.get(suffix)
    if kind is None:
        raise FormatError(f"unsupported file type {suffix or '(no extension)'}: "
                          "use .txt, .md, .html/.htm, or a .rss/.atom/.xml/.json feed")
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(root.resolve()):
            raise FormatError("symbolic link pointing outside the sources folder")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise FormatError(f"file too large: {size} bytes (limit {MAX_FILE_BYTES})")
    data = path.read_bytes()
    stem = path.stem
    if kind == "html":
        return [documents_from_html(data, stem, display)]
    if kind == "feed":
        return documents_from_feed(data, stem, display)
    text = decode_bytes(data)
    if kind == "jsonfeed":
        return documents_from_json_feed(json.loads(text), stem, display)
    if kind == "markdown":
        return [document_from_markdown(text, stem, display)]
    return [Document(id=stem, source_path=display, paragraphs=tuple(text_paragraphs(text)))]


def text_paragraphs(text: str) -> Iterator[str]:
    """Plain-text paragraphs: every non-blank line is one (news text puts one paragraph a line)."""
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            yield line


def document_from_markdown(text: str, stem: str, display: str) -> Document:
    """A Markdown article; YAML front matter may set title, outlet, date/published, url, author."""
    meta: dict[str, object] = {}
    match = FRONT_MATTER.match(text)
    if match:
        block = match.group(1)
        if len(block) > MAX_FRONT_MATTER_CHARS:
            raise FormatError(f"front matter too long ({len(block)} characters)")
        if re.search(r"(^|[\s:\[{,-])[&*][\w-]+", block):
            raise FormatError("front matter uses YAML anchors or aliases, which are not accepted")
        try:
            loaded = yaml.safe_load(block)
        except yaml.YAMLError as error:
            raise FormatError(f"malformed YAML front matter: {str(error).splitlines()[0]}") from error
        if loaded is not None and not isinstance(loaded, dict):
            raise FormatError("front matter is not a mapping of keys to values")
        meta = loaded or {}
        text = text[match.end():]
    doc = Document(id=stem, source_path=display, paragraphs=tuple(markdown_paragraphs(text)))
    return replace(
        doc,
        title=_field(meta, "title"),
        outlet=_field(meta, "outlet", "source", "publisher"),
        published=_field(meta, "published", "date"),
        url=_field(meta, "url", "link"),
        author=_field(meta, "author", "byline"),
        plain=not any(_field(meta, key) for key in ("title", "outlet", "published", "date")),
    )


def assign_ids(documents: list[Document]) -> list[Document]:
    """Make ids unique in reading order: a repeated id gets -2, -3, … ."""
    taken: set[str] = set()
    result: list[Document] = []
    for doc in documents:
        new_id, n = doc.id, 1
        while new_id in taken:
            n += 1
            new_id = f"{doc.id}-{n}"
        taken.add(new_id)
        result.append(doc if new_id == doc.id else replace(doc, id=new_id))
    return result


def _field(meta: dict[str, object], *keys: str) -> str | None:
    for key in keys:
        value = meta.get(key)
        if value is not None and not isinstance(value, (dict, list)):
            text = " ".join(str(value).split())
            if text:
                return text[:500]
    return None


def _reason(error: BaseException) -> str:
    if isinstance(error, RecursionError):
        return "structure nested too deeply to read"
    if isinstance(error, json.JSONDecodeError):
        return f"malformed JSON: {error.msg} at line {error.lineno}"
    if isinstance(error, OSError):
        return f"cannot read file: {error.strerror or error}"
    return str(error)
