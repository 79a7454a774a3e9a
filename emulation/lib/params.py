"""Numbers read from the query string. A tampered or absurd value reads as "not given", never as a 500."""

from __future__ import annotations

MAX_ID = 2**63 - 1  # PostgreSQL bigint
YEARS = range(1900, 2201)


def int_param(value: str | None) -> int | None:
    """A positive id, or None."""
    try:
        number = int(value) if value else None
    except ValueError:
        return None
    return number if number is not None and 0 < number <= MAX_ID else None


def year_param(value: str | None) -> int | None:
    """A plausible year, or None."""
    number = int_param(value)
    return number if number in YEARS else None


def count_param(value: str | None) -> int | None:
    """A whole number from 0 (a vote count, a quantity), or None."""
    try:
        number = int(str(value).strip()) if value not in (None, "") else None
    except ValueError:
        return None
    return number if number is not None and 0 <= number <= MAX_ID else None
