"""Turn a file's bytes into text: detect the encoding, refuse binary, mend mojibake."""

from __future__ import annotations

import codecs
import re

import ftfy
from charset_normalizer import from_bytes


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can recognise."""


BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
        (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"))


def decode_bytes(data: bytes) -> str:
    """Text from bytes: BOM, then strict UTF-8, then detection; mojibake repaired, quotes kept curly."""
    if not data.strip():
        raise DecodeError("empty file")
    text = _decode(data)
    if "\x00" in text:
        raise DecodeError("not text: binary content (NUL bytes)")
    controls = sum(1 for ch in text[:10_000] if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if controls > max(8, len(text[:10_000]) // 100):
        raise DecodeError("not text: binary content (control characters)")
    return fix_text(text)


# Lone surrogates cannot be written as UTF-8; controls and bidirectional overrides, embeddings and
# isolates are invisible yet can reorder or garble what a page shows around the source's words.
UNSAFE_CHARS = re.compile(r"[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")


MAX_STRAY_SHARE = 0.05


def strip_unsafe_chars(text: str) -> str:
    """Text without lone surrogates, control characters, byte-order marks or bidirectional overrides."""
    return UNSAFE_CHARS.sub("", text)


def fix_text(text: str) -> str:
    """Repair mojibake and stray control characters without changing the source's punctuation."""
    return ftfy.fix_text(
        text,
        uncurl_quotes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        normalization="NFC",
    )


def _decode(data: bytes) -> str:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise DecodeError(f"invalid {encoding} after its byte-order mark") from error
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    if b"\x00" in data[:4096] and not _looks_utf16(data):
        raise DecodeError("not text: binary content (NUL bytes)")
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("not text: no character encoding fits its bytes")
    return str(best)


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray bytes (each shown as U+FFFD), rather than the whole text guessed anew."""
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = len(data) - len(data.translate(None, bytes(range(0x80, 0x100))))
    # In text of another encoding nearly every non-ASCII byte is invalid UTF-8; here almost none are.
    return text if 0 < invalid <= MAX_STRAY_SHARE * non_ascii else None


def _looks_utf16(data: bytes) -> bool:
    head = data[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return max(even, odd) > len(head) // 4 and min(even, odd) < len(head) // 50
