"""Vietnamese numbers and dates, in and out, through one pair of functions: 82,5 %, 1.234.567, 15/06/2025.

The law of this module: whatever `format_number` (or `input_text`) prints, `parse_number` reads back as the same
value. Every form field, Excel text cell and page goes through it; nothing else parses a figure.

How typed text is read (the rule shown on the figures form):
- a dot groups thousands and a comma marks decimals: "1.234.567" is over a million, "82,5" is a decimal;
- a number with dots only is read as thousands when every group after the first has three digits ("1.234",
  "41.250", "168.900"); any other dot ("82.5", "0.5", "1.23") is refused with a message that suggests the comma,
  since a figure read a thousand times off is worse than a figure asked again;
- spaces (also no-break spaces) may group thousands: "1 234 567";
- "%" at the end is accepted only where the field holds a percentage (a rate typed directly); a count or a
  numerator refuses it with the reason;
- at most `decimals` digits after the comma (0 for counts: "2,5 đợt" is refused) and less than 10^12.
"""

from __future__ import annotations

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone

# What the figure columns hold (16 digits, 4 after the point).
LIMIT = Decimal(10) ** 12
MAX_DECIMALS = 4

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_GROUPED_DOTS = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+$")
_GROUPED_SPACES = re.compile(r"^\d{1,3}( \d{3})+$")
_PLAIN = re.compile(r"^\d+$")


class NumberError(ValueError):
    """Typed text that is not a number this field accepts; `message` is Vietnamese and says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _digits_of(whole: str, raw: str) -> str:
    """The integer part without its grouping: "1.234.567" → "1234567"; refuses dots that are not groups."""
    if _PLAIN.match(whole):
        return whole
    if _GROUPED_DOTS.match(whole):
        return whole.replace(".", "")
    if "." in whole:
        raise NumberError(
            f"“{raw}” không đọc được: dấu chấm chỉ dùng để phân nhóm hàng nghìn (1.234.567), phần thập phân "
            "dùng dấu phẩy (82,5)."
        )
    raise NumberError(f"“{raw}” không phải là số.")


def parse_number(
    raw: object,
    *,
    decimals: int | None = MAX_DECIMALS,
    percent: bool = False,
    percent_refused: str = "",
) -> Decimal | None:
    """Read a figure as typed or taken from a cell: None when blank, a Decimal, or NumberError with the reason.

    decimals: the most digits after the comma this field takes (0 = whole numbers only; None = no limit).
    percent: the field holds a percentage, so a trailing "%" is allowed (and ignored: "85%" is 85).
    percent_refused: what to say when a "%" comes where it is not allowed (why the field wants a count).
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise NumberError(f"“{raw}” không phải là số.")
    if isinstance(raw, (int, Decimal)):
        number = Decimal(raw)
    elif isinstance(raw, float):
        number = Decimal(repr(raw))
    else:
        number = _parse_text(str(raw), percent=percent, percent_refused=percent_refused)
        if number is None:
            return None
    shown = raw.strip() if isinstance(raw, str) else format_number(number) if number.is_finite() else str(raw)
    return _checked(number, shown, decimals)


def _parse_text(raw: str, *, percent: bool, percent_refused: str) -> Decimal | None:
    text = _SPACES.sub(" ", raw).strip()
    if not text:
        return None
    if text.endswith("%"):
        if not percent:
            reason = percent_refused or "ô này cần một con số, không phải tỷ lệ phần trăm"
            raise NumberError(f"“{raw.strip()}”: {reason}.")
        text = text[:-1].strip()
    sign = ""
    if text and text[0] in "-−+":  # not `text[:1] in …`: "" is in every string (a lone "%" left nothing)
        sign = "-" if text[0] != "+" else ""
        text = text[1:].strip()
    if _GROUPED_SPACES.match(text.split(",")[0]):
        text = text.replace(" ", "", text.count(" "))
    if " " in text or not text:
        raise NumberError(f"“{raw.strip()}” không phải là số.")
    if text.count(",") > 1:
        raise NumberError(f"“{raw.strip()}” không đọc được: chỉ có một dấu phẩy, đặt trước phần thập phân (82,5).")
    whole, comma, fraction = text.partition(",")
    if comma and not _PLAIN.match(fraction):
        raise NumberError(
            f"“{raw.strip()}” không đọc được: dấu phẩy đặt trước phần thập phân, dấu chấm phân nhóm hàng nghìn "
            "đứng trước dấu phẩy (1.234,5)."
        )
    if not whole:
        raise NumberError(f"“{raw.strip()}” không phải là số.")
    digits = _digits_of(whole, raw.strip())
    try:
        return Decimal(f"{sign}{digits}.{fraction}" if comma else f"{sign}{digits}")
    except InvalidOperation:  # pragma: no cover - the patterns above admit digits only
        raise NumberError(f"“{raw.strip()}” không phải là số.") from None


def _checked(number: Decimal, raw: str, decimals: int | None) -> Decimal:
    if not number.is_finite():
        raise NumberError(f"“{raw}” không phải là số.")
    if abs(number) >= LIMIT:
        raise NumberError(f"“{raw}” quá lớn (tối đa {format_number(LIMIT - 1)}).")
    exponent = number.normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if decimals is not None and places > decimals:
        if decimals == 0:
            raise NumberError(f"“{format_number(number)}”: chỉ tiêu này chỉ nhận số nguyên.")
        raise NumberError(f"“{format_number(number)}”: chỉ nhận tối đa {decimals} chữ số thập phân.")
    if number == 0:
        return Decimal(0)
    return number


def format_number(value: Decimal | float | int | None, decimals: int | None = None) -> str:
    """1234.5 → "1.234,5"; trailing zeros dropped unless `decimals` is given (then rounded half up to it)."""
    if value is None:
        return ""
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if decimals is None:
        text = format(number.normalize(), "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    else:
        # Halves round up, as people round by hand (79,25 → 79,3), not to even.
        text = format(round_half_up(number, decimals), "f")
    sign = "-" if text.startswith("-") else ""
    text = text.lstrip("-")
    whole, _, fraction = text.partition(".")
    if sign and not whole.strip("0") and not fraction.strip("0"):
        sign = ""  # "-0" and "-0,0" are zero
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = sign + ".".join(groups)
    return f"{result},{fraction}" if fraction else result


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    return Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def input_text(value: Decimal | int | None) -> str:
    """What a form field is pre-filled with: the stored value exactly, in the form `parse_number` reads back."""
    return format_number(value)


def plain_text(value: Decimal | None) -> str:
    """ "1 234 567,5": the reading shown beside a field ("đã hiểu là …"), grouped by spaces so it cannot be
    mistaken for a decimal whatever the reader's habit."""
    return format_number(value).replace(".", "\u00a0")


def format_percent(value: Decimal | float | int | None, decimals: int | None = 1) -> str:
    """82.5 → "82,5 %" (the value is already a percentage); trailing zeros after the comma are dropped."""
    if value is None:
        return ""
    text = format_number(value, decimals)
    if decimals and "," in text:
        text = text.rstrip("0").rstrip(",")
    return f"{text} %"


def format_date(value: datetime.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def format_datetime(value: datetime.datetime | None) -> str:
    """15/06/2025 08:30, in the portal's time zone: what `|date:"d/m/Y H:i"` shows, without Django's general date
    formatter (a tenth of the figures form's template time, for its ten log lines)."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%d/%m/%Y %H:%M")
