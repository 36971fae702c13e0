"""Plain text: UTF-8 (with or without BOM), UTF-16/32, GB18030/GBK, Big5 and the rest.

Byte-order marks and strict UTF-8 are decided first (they are certain);
otherwise charset-normalizer picks the encoding whose decoding reads most
like language.  A GB2312/GBK verdict decodes as GB18030, its superset.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import EncodingUndetected, InputError, UnsupportedFormat

# Longest first: a UTF-32-LE BOM begins with the UTF-16-LE one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Decode Chinese legacy encodings by their supersets, so a GBK guess reads GB18030 text too.
SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs", "cp950": "big5hkscs"}
# Control characters that never occur in a text file (NUL..BS, SO..US except ESC), as a share of the text.
CONTROL = frozenset(chr(c) for c in [*range(0, 9), *range(14, 27), *range(28, 32)])
CONTROL_RE = re.compile("[" + "".join(sorted(CONTROL)) + "]")  # counts them in C
MAX_CONTROL_SHARE = 0.01
# Bytes examined for NUL patterns and control characters.
SAMPLE_BYTES = 65536
UTF16_MIN_NULS = 4
UTF16_SKEW = 4


def read_txt(path: Path, raw: bytes):
    from . import Extracted

    text, encoding = decode(path, raw)
    if not text.strip():
        raise InputError(path, "file is empty")
    origin = tuple(_line_starts(text))
    return Extracted(text, "text", "line", origin, encoding)


def decode(path: Path, raw: bytes) -> tuple[str, str]:
    """The text of ``raw`` and the encoding it was read in."""
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return _strict(path, raw, encoding), encoding
    try:
        return _check_text(path, raw.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(raw)
    if utf16:
        return _strict(path, raw, utf16), utf16
    if b"\x00" in raw:
        raise UnsupportedFormat(path, "binary data, not a text file")
    import charset_normalizer

    best = charset_normalizer.from_bytes(raw).best()
    if best is None:
        raise EncodingUndetected(
            path, "cannot detect the text encoding (not UTF-8, UTF-16, GB18030 or Big5); re-save it as UTF-8"
        )
    encoding = SUPERSET.get(best.encoding.replace("_", ""), best.encoding)
    return _strict(path, raw, encoding), encoding


def _utf16_without_bom(raw: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NUL bytes sit on one parity only, as in BOM-less UTF-16."""
    sample = raw[:SAMPLE_BYTES]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    # ASCII and line ends put a NUL on one side in UTF-16; Han characters rarely
    # (U+4E00 is 00 4E), so demand only a few, on one side far more than the other.
    if odd >= UTF16_MIN_NULS and odd > UTF16_SKEW * even:
        encoding = "utf-16-le"
    elif even >= UTF16_MIN_NULS and even > UTF16_SKEW * odd:
        encoding = "utf-16-be"
    else:
        return None
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return None
    return encoding



def _strict(path: Path, raw: bytes, encoding: str) -> str:
    try:
        text = raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise EncodingUndetected(path, f"not valid {encoding} text despite looking like it") from None
    return _check_text(path, text)


def _check_text(path: Path, text: str) -> str:
    if text and len(CONTROL_RE.findall(text, 0, SAMPLE_BYTES)) > MAX_CONTROL_SHARE * min(len(text), SAMPLE_BYTES):
        raise UnsupportedFormat(path, "binary data, not a text file")
    return text


def _line_starts(text: str):
    yield 0, 1
    line, i = 1, text.find("\n")
    while 0 <= i < len(text) - 1:
        line += 1
        yield i + 1, line
        i = text.find("\n", i + 1)
