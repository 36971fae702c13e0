from decimal import Decimal

import pytest

from kg.units import base_quantity, same_amount


@pytest.mark.parametrize(
    ("value", "unit", "base", "base_unit"),
    [
        ("36.9", "万亩", Decimal("369000"), "亩"),
        ("998.1", "亿元", Decimal("99810000000"), "元"),
        ("600", "万吨", Decimal("6000000"), "吨"),
        ("25", "家", Decimal("25"), "家"),
        ("3.9", "%", Decimal("3.9"), "%"),
        ("120", "千瓦", Decimal("120"), "千瓦"),  # a kilowatt is its own unit
        ("100", "万千瓦", Decimal("1000000"), "千瓦"),  # ... scaled like any other
        ("42", "万千升", Decimal("420000"), "千升"),
        ("5", "万亿元", Decimal("5000000000000"), "元"),
    ],
)
def test_base_quantity_folds_scale_prefixes(value, unit, base, base_unit):
    got, got_unit = base_quantity(value, unit)
    assert (got, got_unit) == (base, base_unit)


def test_same_amount_across_scales():
    assert same_amount(("36.9", "万亩"), (369000, "亩"))
    assert not same_amount(("36.9", "万亩"), (36.9, "亩"))
    assert not same_amount(("25", "家"), ("25", "户"))
