"""Read every file under the sources folder into documents, or a rejection with a reason."""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from ..models import Document, Rejected
from ..runtime.limits import DEFAULT_LIMITS, Limits
from .decode import DecodeError, decode_bytes, strip_unsafe_chars
from .formats import (
    FormatError,
    documents_from_feed,
    documents_from_html,
    documents_from_json_feed,
    markdown_paragraphs,
)

ARTICLE_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
FEED_SUFFIXES = {".rss": "feed", ".atom": "feed", ".xml": "feed", ".json": "jsonfeed"}
MAX_FILE_BYTES = DEFAULT_LIMITS.max_file_bytes
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
YAML_ALIAS = re.compile(r"(^|[\s:\[{,-])[&*][\w-]+")


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML that leaves dates as written, so a date like 2025-02-30 is just an unreadable date."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
NOT_REGULAR = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
               (stat.S_ISBLK, "a device"), (stat.S_ISDIR, "a folder"))


def discover_sources(root: Path) -> list[Path]:
    """Every entry under root in a stable order; links to folders and hidden folders are listed, not entered."""
    found: list[Path] = []
    # An explicit stack rather than recursion: a hostile tree may be nested deeper than Python recurses.
    stack: list[Iterator[os.DirEntry[str]]] = []

    def enter(folder: Path) -> None:
        try:
            with os.scandir(folder) as listing:
                stack.append(iter(sorted(listing, key=lambda entry: entry.name)))
        except OSError:
            found.append(folder)  # read_file reports why it cannot be listed

    enter(root)
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        path = Path(entry.path)
        if not entry.name.startswith(".") and _is_folder(entry):
            enter(path)
        else:
            found.append(path)
    return found


@dataclass(frozen=True)
class SourceFile:
    """One file to read, with the path it is shown as, its sources folder, and the limits to read it by."""

    path: Path
    display: str
    root: Path
    limits: Limits = DEFAULT_LIMITS


def read_sources(root: Path, label: str | None = None,
                 limits: Limits = DEFAULT_LIMITS) -> tuple[list[Document], list[Rejected]]:
    """Read every source file under root; each becomes documents or a rejection, never an exception."""
    return gather_documents([read_source(source) for source in list_sources(root, label, limits)])


def list_sources(root: Path, label: str | None = None, limits: Limits = DEFAULT_LIMITS) -> list[SourceFile]:
    """Every source file under root, in a stable order, with the path it is shown as."""
    shown = Path(label) if label is not None else root
    return [SourceFile(path, printable_name((shown / path.relative_to(root)).as_posix()), root, limits)
            for path in discover_sources(root)]


def read_source(source: SourceFile) -> tuple[list[Document], list[Rejected]]:
    """The documents of one file, or its rejection with a reason."""
    try:
        return read_file(source.path, source.display, source.root, source.limits), []
    except (FormatError, DecodeError, OSError, ValueError, RecursionError, RuntimeError) as error:
        return [], [Rejected(source.display, _reason(error))]
    except Exception as error:  # a parser's own failure on one file must not stop the others
        return [], [Rejected(source.display, f"could not be read: {type(error).__name__}: {error}")]


def gather_documents(results: Iterable[tuple[list[Document], list[Rejected]]]) -> tuple[list[Document], list[Rejected]]:
    """The documents of every file, without duplicates and with unique ids, and every rejection."""
    documents: list[Document] = []
    rejected: list[Rejected] = []
    for found, refused in results:
        documents.extend(found)
        rejected.extend(refused)
    kept, duplicates = drop_duplicates(documents)
    return assign_ids(kept), rejected + duplicates


def source_identity(source: SourceFile) -> bytes:
    """Everything reading a file depends on (shown path, limits, where a link points, the bytes): a cache key."""
    parts = [source.display, repr(source.limits), os.path.realpath(source.root)]
    data = b""
    try:
        parts += [str(os.lstat(source.path).st_mode), os.path.realpath(source.path)]
        info = os.stat(source.path)
        parts += [str(info.st_mode), str(info.st_size)]
        if stat.S_ISREG(info.st_mode) and info.st_size <= source.limits.max_file_bytes:
            data = _read_bytes(source.path, source.limits)
    except (OSError, FormatError) as error:
        parts.append(f"unreadable: {error}")
    return "\0".join(parts).encode("utf-8", "surrogatepass") + b"\0" + data


def read_file(path: Path, display: str, root: Path, limits: Limits = DEFAULT_LIMITS) -> list[Document]:
    """The documents one file holds (one for an article, several for a feed)."""
    _check_entry(path, root)
    suffix = path.suffix.lower()
    kind = ARTICLE_SUFFIXES.get(suffix) or FEED_SUFFIXES.get(suffix)
    if kind is None:
        raise FormatError(f"unsupported file type {suffix or '(no extension)'}: "
                          "use .txt, .md, .html/.htm, or a .rss/.atom/.xml/.json feed")
    data = _read_bytes(path, limits)
    stem = printable_name(path.stem)
    if kind == "html":
        docs = [documents_from_html(data, stem, display, limits)]
        longest = max((len(p) for p in docs[0].paragraphs), default=0)
        if longest > limits.max_paragraph_chars:
            raise FormatError(limits.exceeded("max_paragraph_chars", longest,
                                              "a paragraph of the page is too long (characters)"))
    elif kind == "feed":
        docs = documents_from_feed(data, stem, display, limits)
    else:
        text = decode_bytes(data)
        if kind == "jsonfeed":
            docs = documents_from_json_feed(json.loads(text), stem, display, limits)
        elif kind == "markdown":
            docs = [document_from_markdown(text, stem, display, limits)]
        else:
            docs = [Document(id=stem, source_path=display, paragraphs=tuple(text_paragraphs(text, limits)))]
    return [_sanitize(doc) for doc in docs]


def printable_name(name: str) -> str:
    """A file name as text that can be written out: bytes that are not UTF-8 become U+FFFD."""
    return os.fsencode(name).decode("utf-8", errors="replace")


def text_paragraphs(text: str, limits: Limits = DEFAULT_LIMITS) -> list[str]:
    """Plain-text paragraphs: every non-blank line is one (news text puts one paragraph a line)."""
    paragraphs = []
    for line in text.splitlines():
        if len(line) > limits.max_paragraph_chars:
            raise FormatError(limits.exceeded("max_paragraph_chars", len(line),
                                              "a line without a break is too long (characters)"))
        line = " ".join(line.split())
        if line:
            paragraphs.append(line)
    return paragraphs


def document_from_markdown(text: str, stem: str, display: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """A Markdown article; YAML front matter may set title, outlet, date/published, url, author."""
    meta: dict[str, object] = {}
    match = FRONT_MATTER.match(text)
    if match:
        block = match.group(1)
        if len(block) > limits.max_front_matter_chars:
            raise FormatError(limits.exceeded("max_front_matter_chars", len(block), "front matter too long"))
        if YAML_ALIAS.search(block):
            raise FormatError("front matter uses YAML anchors or aliases (&name, *name), which are not "
                              "accepted: they can expand without bound; write the values out")
        try:
            loaded = yaml.load(block, Loader=_FrontMatterLoader)
        except yaml.YAMLError as error:
            raise FormatError(f"malformed YAML front matter: {str(error).splitlines()[0]}; "
                              "fix the block between the --- lines") from error
        if loaded is not None and not isinstance(loaded, dict):
            raise FormatError("front matter is not a mapping of keys to values (write key: value lines)")
        meta = loaded or {}
        text = text[match.end():]
    for line in text.splitlines():
        if len(line) > limits.max_paragraph_chars:
            raise FormatError(limits.exceeded("max_paragraph_chars", len(line),
                                              "a line without a break is too long (characters)"))
    doc = Document(id=stem, source_path=display, paragraphs=tuple(markdown_paragraphs(text, limits)))
    return replace(
        doc,
        title=_field(meta, "title"),
        outlet=_field(meta, "outlet", "source", "publisher"),
        published=_field(meta, "published", "date"),
        url=_field(meta, "url", "link"),
        author=_field(meta, "author", "byline"),
        plain=not any(_field(meta, key) for key in ("title", "outlet", "published", "date")),
    )


def drop_duplicates(documents: list[Document]) -> tuple[list[Document], list[Rejected]]:
    """Keep the first of documents with the same text (in path order); reject the others, naming the first."""
    first: dict[tuple[str, ...], Document] = {}
    kept: list[Document] = []
    rejected: list[Rejected] = []
    for doc in documents:
        original = first.get(doc.paragraphs) if doc.paragraphs else None
        if original is None:
            if doc.paragraphs:
                first[doc.paragraphs] = doc
            kept.append(doc)
            continue
        item = f"item {doc.id}: " if doc.id != Path(doc.source_path).stem else ""
        of = f"item {original.id} of " if original.id != Path(original.source_path).stem else ""
        rejected.append(Rejected(doc.source_path, f"{item}duplicate of {of}{original.source_path}: "
                                 "the same text; only the first copy (in path order) is read"))
    return kept, rejected


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


def _check_entry(path: Path, root: Path) -> None:
    """Refuse what is not a regular file inside root: hidden entries, links out or in loops, pipes."""
    if path.name.startswith(".") and path != root:
        kind = "folder" if path.is_dir() and not path.is_symlink() else "file"
        raise FormatError(f"hidden {kind} (its name starts with a dot); not read")
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except RuntimeError as error:
            raise FormatError("symbolic link loop; remove or fix the link") from error
        except FileNotFoundError as error:
            raise FormatError("symbolic link to a missing file; remove or fix the link") from error
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise FormatError("symbolic link loop; remove or fix the link") from error
            raise
        if not target.is_relative_to(root.resolve()):
            raise FormatError("symbolic link pointing outside the sources folder; copy the file in instead")
        if target.is_dir():
            raise FormatError("symbolic link to a folder; folders reached through links are not read")
    mode = os.stat(path).st_mode
    if stat.S_ISDIR(mode):
        os.listdir(path)  # raises the reason a folder could not be listed
        raise FormatError("folder could not be listed")
    for test, kind in NOT_REGULAR:
        if test(mode):
            raise FormatError(f"not a regular file ({kind}); only files are read")


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _read_bytes(path: Path, limits: Limits) -> bytes:
    """The file's bytes, never more than the size limit, and never blocking on a pipe swapped in."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise FormatError("not a regular file; only files are read")
        if info.st_size > limits.max_file_bytes:
            raise FormatError(limits.exceeded("max_file_bytes", info.st_size, "file too large (bytes)"))
        data = handle.read(limits.max_file_bytes + 1)
    if len(data) > limits.max_file_bytes:
        raise FormatError(limits.exceeded("max_file_bytes", len(data), "file too large (bytes)"))
    return data


def _sanitize(doc: Document) -> Document:
    """The document with characters that could garble or reorder the page removed from every field."""
    def clean(value: str | None) -> str | None:
        return " ".join(strip_unsafe_chars(value).split()) or None if value is not None else None

    return replace(
        doc,
        paragraphs=tuple(p for p in (" ".join(strip_unsafe_chars(p).split()) for p in doc.paragraphs) if p),
        title=clean(doc.title), outlet=clean(doc.outlet), published=clean(doc.published),
        url=clean(doc.url), author=clean(doc.author),
    )


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
    if isinstance(error, RuntimeError):
        return f"cannot read file: {error}"
    return str(error)
