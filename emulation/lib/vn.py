"""Vietnamese presentation of numbers and dates: 82,5 %, 1.234, 15/06/2025."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal


def format_number(value: Decimal | float | int | None, decimals: int | None = None) -> str:
    """1234.5 → "1.234,5"; trailing zeros dropped unless `decimals` is given."""
    if value is None:
        return ""
    number = Decimal(str(value))
    if decimals is None:
        text = format(number.normalize(), "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    else:
        # Halves round up, as people round by hand (79,25 → 79,3), not to even.
        text = format(number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP), "f")
    sign = "-" if text.startswith("-") else ""
    text = text.lstrip("-")
    whole, _, fraction = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = sign + ".".join(groups)
    return f"{result},{fraction}" if fraction else result


def format_percent(value: Decimal | float | int | None, decimals: int | None = 1) -> str:
    """82.5 → "82,5 %" (the value is already a percentage)."""
    if value is None:
        return ""
    text = format_number(value, decimals)
    if decimals and "," in text:
        text = text.rstrip("0").rstrip(",")
    return f"{text} %"


def format_date(value: datetime.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""
