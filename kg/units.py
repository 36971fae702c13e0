"""Units of measure: scale prefixes folded into a base unit.

Reports write 36.9万亩, 998.1亿元, 600万吨级; comparisons and the gold files
treat 36.9 万亩 and 369000 亩 as the same amount.
"""

from __future__ import annotations

from decimal import Decimal

# Longest prefix first: 万亿 before 万 and 亿.
SCALE_PREFIXES = (
    ("万亿", Decimal(10) ** 12),
    ("千亿", Decimal(10) ** 11),
    ("百亿", Decimal(10) ** 10),
    ("十亿", Decimal(10) ** 9),
    ("亿", Decimal(10) ** 8),
    ("千万", Decimal(10) ** 7),
    ("百万", Decimal(10) ** 6),
    ("十万", Decimal(10) ** 5),
    ("万", Decimal(10) ** 4),
    ("千", Decimal(10) ** 3),
)
# Units that begin with a prefix character but are not scaled (千克 is a kilogram,
# 千瓦 a kilowatt, 千升 a kilolitre: their own units).
UNSCALED = ("千克", "千米", "千升", "千瓦", "千瓦时", "千伏", "千帕", "万家灯火")


def base_quantity(value: Decimal | int | float | str, unit: str) -> tuple[Decimal, str]:
    """Fold a scale prefix of ``unit`` into ``value``.

    >>> base_quantity("36.9", "万亩")
    (Decimal('369000.0'), '亩')
    >>> base_quantity(25, "家")
    (Decimal('25'), '家')
    """
    amount = Decimal(str(value))
    unit = unit.strip()
    if unit in UNSCALED:
        return amount, unit
    for prefix, factor in SCALE_PREFIXES:
        rest = unit[len(prefix) :]
        if unit.startswith(prefix) and rest:  # 100万千瓦 is 1000000 千瓦
            return amount * factor, rest
        if unit == prefix:  # a bare 万 or 亿: a pure number
            return amount * factor, ""
    return amount, unit


def same_amount(a: tuple[object, str], b: tuple[object, str]) -> bool:
    """True when two (value, unit) pairs are the same amount of the same base unit."""
    va, ua = base_quantity(a[0], a[1])  # type: ignore[arg-type]
    vb, ub = base_quantity(b[0], b[1])  # type: ignore[arg-type]
    return ua == ub and va == vb
