"""Traditional Chinese folded to simplified for matching, keeping every offset.

OpenCC's phrase-aware ``t2s`` conversion is used when it keeps the length
(true of running text in practice); otherwise a character-by-character
table built from OpenCC (every entry one character to one) is applied.
Texts that are not traditional are returned unchanged, so simplified
reports never see a character they did not contain.
"""

from __future__ import annotations

import functools
import re

# Han blocks whose characters may have a simplified form: Ext. A and the URO.
HAN_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000))
# A text is traditional when at least this share of its Han characters are traditional-only forms.
TRADITIONAL_SHARE = 0.02
MIN_TRADITIONAL = 3
# A Han character of those blocks (they are contiguous: U+3400..U+9FFF).
HAN = re.compile("[\u3400-\u9fff]")


@functools.cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s.json")


@functools.cache
def _table() -> dict[int, int]:
    """Single traditional characters -> their single simplified form."""
    chars = [chr(c) for lo, hi in HAN_RANGES for c in range(lo, hi)]
    converted = _converter().convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # pragma: no cover - OpenCC converts newlines as themselves
        raise RuntimeError("OpenCC changed the line structure of the character table")
    return {ord(a): ord(b) for a, b in zip(chars, converted) if a != b and len(b) == 1}


def is_traditional(text: str) -> bool:
    """True when ``text`` is written in traditional characters.

    >>> is_traditional("加快運城國際機場改擴建"), is_traditional("加快运城国际机场改扩建")
    (True, False)
    """
    traditional = len(_traditional_only().findall(text))  # counted in C, not char by char
    if traditional < MIN_TRADITIONAL:
        return False
    return traditional >= TRADITIONAL_SHARE * len(HAN.findall(text))


@functools.cache
def _traditional_only() -> re.Pattern[str]:
    """One character of :func:`_table` (all lie in :data:`HAN_RANGES`)."""
    return re.compile("[" + "".join(map(chr, sorted(_table()))) + "]")


def to_simplified(text: str) -> str:
    """``text`` in simplified characters, of exactly the same length.

    >>> to_simplified("運城國際機場")
    '运城国际机场'
    """
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return text.translate(_table())


def simplified_norm(text: str) -> str:
    """``text`` folded to simplified when it is traditional, else ``text`` itself."""
    return to_simplified(text) if is_traditional(text) else text
