"""Turn a file's bytes into text: detect the encoding, refuse binary, mend mojibake."""

from __future__ import annotations

import codecs
import re
import unicodedata

import ftfy
import ftfy.badness
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
    controls = len(CONTROL_CHARS.findall(text, 0, 10_000))
    if controls > max(8, len(text[:10_000]) // 100):
        raise DecodeError("not text: binary content (control characters)")
    return fix_text(text)


# Lone surrogates cannot be written as UTF-8; controls and bidirectional overrides, embeddings and
# isolates are invisible yet can reorder or garble what a page shows around the source's words. A
# zero-width space or word joiner shows nothing, yet glues a name to the word after it ("Roe\u200b said").
UNSAFE_CHARS = re.compile(r"[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2060\u202a-\u202e\u2066-\u2069"
                          r"\ufeff]")


MAX_STRAY_SHARE = 0.05
# Control characters other than white space (tab, line feed, vertical tab, form feed, carriage return).
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f]")
# What some step of ftfy.fix_text changes besides entities: line breaks (CR, U+2028/9; NEL is a C1
# control), C0 controls but tab, LF, FF and CR, DEL and C1 controls, invisible format characters,
# BOM, interlinear annotations, lone surrogates; and a line opening with a sign of mojibake.
FTFY_ACTS_ON = re.compile("[\r\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u2028\u2029\u206a-\u206f\ufeff\ufff9-\ufffc"
                          "\ud800-\udfff]|\n[ÃÂ]")
FTFY_SEGMENT = ftfy.TextFixerConfig().max_decode_length
HTML_ENTITY = re.compile(r"&#?[0-9A-Za-z]{1,24};")  # what ftfy's unescape_html replaces
BADNESS = ftfy.badness.BADNESS_RE
MOJIBAKE_REACH = 6  # BADNESS matches 1 to 7 characters (tests/test_read.py checks it against ftfy)
NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def strip_unsafe_chars(text: str) -> str:
    """Text without lone surrogates, controls, byte-order marks, bidirectional overrides or zero-width spaces."""
    return UNSAFE_CHARS.sub("", text)


def fix_text(text: str) -> str:
    """Repair mojibake and stray control characters without changing the source's punctuation."""
    if _nothing_to_fix(text):
        return text  # ftfy mends line by line: on most text every step is a costly no-op
    return ftfy.fix_text(
        text,
        uncurl_quotes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        normalization="NFC",
    )


def _nothing_to_fix(text: str) -> bool:
    """Whether ftfy.fix_text, as fix_text calls it, would return the text unchanged: no entity, none
    of the characters its steps act on (line breaks, C0/C1 controls, surrogates, terminal
    escapes), no mojibake by ftfy's own test, and already in NFC."""
    # ftfy splits text longer than this mid-line and tests each piece alone: leave that to it.
    if len(text) > FTFY_SEGMENT or FTFY_ACTS_ON.search(text) or HTML_ENTITY.search(text):
        return False
    # ftfy tests each line alone, and one of its signs is a line opening with "Ã " or "Â ":
    # FTFY_ACTS_ON has ruled out every line but the first opening with Ã or Â.
    return unicodedata.is_normalized("NFC", text) and not _looks_bad(text)


def _looks_bad(text: str) -> bool:
    """ftfy.badness.is_bad(text), read only around non-ASCII characters: every sign of mojibake it
    looks for holds one, and spans at most MOJIBAKE_REACH + 1 characters."""
    return any(BADNESS.search(text, max(0, run.start() - MOJIBAKE_REACH), run.end() + MOJIBAKE_REACH)
               for run in NON_ASCII.finditer(text))


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
