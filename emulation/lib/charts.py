"""Charts drawn on the server as SVG: an indicator's trend over reporting periods, and units side by side.

The same markup goes into the dashboard and into PDF reports rendered by WeasyPrint, so it is plain SVG: no script,
no external font or image, and no `style` attribute (the Content-Security-Policy is `style-src 'self'`) — only
presentation attributes (fill="", stroke="", font-size=""). A viewBox lets the page scale it (`svg.chart` in our CSS).

There is no text measuring on the server, so widths are estimated from Liberation Sans advance widths (metric-
compatible with Arial); layout leaves a margin for the estimate. Every piece of user text is NFC-normalised, stripped
of characters XML cannot carry, and escaped with `html.escape`. Numbers are written the Vietnamese way through
`emulation.lib.vn`. The same input always gives the same string, and the work is linear in the number of points.
"""

from __future__ import annotations

import hashlib
import html
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from emulation.lib.vn import format_number, format_percent

FONT_FAMILY = "Liberation Sans, Arial, sans-serif"
NO_DATA = "Chưa có số liệu"
MET_LABEL = "Đạt chỉ tiêu"
NOT_MET_LABEL = "Chưa đạt chỉ tiêu"
DIRECTIONS = {"higher": "càng cao càng tốt", "lower": "càng thấp càng tốt"}

# Contrast on white, WCAG: text ≥ 4.5:1, lines and bars ≥ 3:1.
INK = "#1F2328"  # 15.8:1
MUTED = "#57606A"  # 6.4:1
AXIS = "#6E7781"  # 4.6:1
GRID = "#D8DEE4"  # decoration only
TARGET_INK = "#24292F"
# Okabe–Ito hues, darkened where needed to reach 3:1; series are also told apart by marker shape.
SERIES_COLOURS = ("#0072B2", "#D55E00", "#007A5A", "#A0467C", "#8A6100", "#3E4C59")
MARKERS = ("circle", "square", "triangle", "diamond")
# Green against orange, and dark against light, so the two stay apart for colour-blind readers and in greyscale print.
MET_COLOUR = "#0E5E45"  # 7.8:1
NOT_MET_COLOUR = "#D9661F"  # 3.6:1
NEUTRAL_COLOUR = "#0072B2"

PAD = 12
TITLE_SIZE = 15
LABEL_SIZE = 12
SMALL_SIZE = 11
LINE_GAP = 4  # extra leading between wrapped lines


@dataclass(frozen=True)
class Series:
    """One line of a line chart: a name and one value (or None when missing) per category."""

    name: str
    values: list[Decimal | None]


# ---------------------------------------------------------------------------------------------------------- text

# Liberation Sans Regular advance widths, thousandths of an em, for " " (32) … "~" (126).
_ASCII_WIDTHS = (
    (278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278)
    + (556,) * 10
    + (278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778)
    + (667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556)
    + (278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334)
    + (260, 334, 584)
)
_EXTRA_WIDTHS = {"Đ": 722, "đ": 556, "…": 1000, "“": 333, "”": 333, "–": 556, "—": 1000, "«": 556, "»": 556}
# Letters with Vietnamese diacritics may come from a fallback font (Liberation Sans 1.x lacks ơ, ư, ạ …; DejaVu Sans
# draws them), which is wider: count them a little wider than their base letter.
_FALLBACK_FACTOR = 1.12
_BOLD_FACTOR = 1.08
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"\s+")


def _clean(text: object) -> str:
    """User text made safe to measure and to put in XML: NFC, no control characters, one line."""
    text = unicodedata.normalize("NFC", str(text))
    return _SPACES.sub(" ", _INVALID_XML.sub("", text)).strip()


def _escape(text: str) -> str:
    return html.escape(_clean(text), quote=True)


def _char_width(char: str) -> float:
    code = ord(char)
    if 32 <= code <= 126:
        return _ASCII_WIDTHS[code - 32]
    if char in _EXTRA_WIDTHS:
        return _EXTRA_WIDTHS[char]
    base = unicodedata.normalize("NFD", char)[0]
    if base != char and 32 <= ord(base) <= 126:
        return _ASCII_WIDTHS[ord(base) - 32] * _FALLBACK_FACTOR
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1000
    return 600


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """Estimated width in px of `text` set in Liberation Sans at `size` px."""
    width = sum(_char_width(char) for char in text) * size / 1000
    return width * _BOLD_FACTOR if bold else width


def _truncate(text: str, max_width: float, size: float, *, bold: bool = False) -> str:
    """`text`, or as much of it as fits in `max_width` followed by "…"."""
    if text_width(text, size, bold=bold) <= max_width:
        return text
    room = max_width - text_width("…", size, bold=bold)
    used = 0.0
    factor = size / 1000 * (_BOLD_FACTOR if bold else 1)
    for index, char in enumerate(text):
        used += _char_width(char) * factor
        if used > room:
            return text[:index].rstrip() + "…"
    return text  # pragma: no cover - unreachable, the whole text was too wide


def _wrap(text: str, max_width: float, size: float, max_lines: int, *, bold: bool = False) -> list[str]:
    """Greedy word wrap into at most `max_lines` lines; a line that still does not fit ends in "…"."""
    words = text.split(" ")
    space = text_width(" ", size, bold=bold)
    lines: list[str] = []
    current: list[str] = []
    current_width = 0.0
    for index, word in enumerate(words):
        width = text_width(word, size, bold=bold)
        if current and current_width + space + width > max_width:
            if len(lines) == max_lines - 1:
                rest = " ".join(current + words[index:])
                return [*lines, _truncate(rest, max_width, size, bold=bold)]
            lines.append(_truncate(" ".join(current), max_width, size, bold=bold))
            current, current_width = [], 0.0
        current.append(word)
        current_width += (space if len(current) > 1 else 0) + width
    if current:
        lines.append(_truncate(" ".join(current), max_width, size, bold=bold))
    return lines or [""]


# ------------------------------------------------------------------------------------------------------- numbers


def _number(value: object) -> Decimal | None:
    """A Decimal, or None for a missing or non-finite value."""
    if value is None:
        return None
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    return number if number.is_finite() else None


def _is_percent(unit: str) -> bool:
    return unit.strip() == "%"


def _short_value(value: Decimal, unit: str) -> str:
    """A value as written on the chart: "82,5 %", or "1.234" with the unit in the caption."""
    if _is_percent(unit):
        return format_percent(value)
    if value.as_tuple().exponent < -2:  # type: ignore[operator]
        value = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return format_number(value)


def _long_value(value: Decimal | None, unit: str) -> str:
    """A value as written in the description: "82,5 %", "12 xã", or "chưa có số liệu"."""
    if value is None:
        return NO_DATA.lower()
    text = _short_value(value, unit)
    return f"{text} {unit}" if unit and not _is_percent(unit) else text


def _tick_label(value: Decimal, unit: str) -> str:
    return format_percent(value, decimals=None) if _is_percent(unit) else format_number(value)


def _meets(value: Decimal, target: Decimal, direction: str) -> bool:
    return value >= target if direction == "higher" else value <= target


@dataclass(frozen=True)
class _Scale:
    """A linear axis over nice ticks; `at` maps a value to a coordinate between `start` and `end`."""

    ticks: tuple[Decimal, ...]

    @property
    def low(self) -> Decimal:
        return self.ticks[0]

    @property
    def high(self) -> Decimal:
        return self.ticks[-1]

    def at(self, value: Decimal, start: float, end: float) -> float:
        return start + float((value - self.low) / (self.high - self.low)) * (end - start)


_STEP_MANTISSAS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5))


def _nice_scale(values: Iterable[Decimal], *, from_zero: bool) -> _Scale:
    """4–6 round ticks (steps 1, 2, 2,5 or 5 × 10ⁿ) covering the values as tightly as possible.

    Bars always start at zero. A line keeps zero in view too, unless the values sit far from it (80–95 %), where a
    zero baseline would flatten the trend.
    """
    values = list(values)
    if not values:
        return _Scale(tuple(Decimal(step) for step in range(0, 101, 25)))
    low, high = min(values), max(values)
    if from_zero or low == high or (low > 0 and low * 2 <= high) or (high < 0 and high * 2 >= low):
        low, high = min(low, Decimal(0)), max(high, Decimal(0))
    if low == high:
        high = low + 1
    exponent = (high - low).adjusted()
    best: tuple[tuple, int, int, Decimal] | None = None
    for power in range(exponent - 2, exponent + 2):
        for mantissa in _STEP_MANTISSAS:
            step = mantissa.scaleb(power)
            first = int((low / step).to_integral_value(rounding=ROUND_FLOOR))
            last = int((high / step).to_integral_value(rounding=ROUND_CEILING))
            count = last - first + 1
            fits = 4 <= count <= 6
            key = (not fits, (last - first) * step if fits else abs(count - 5), abs(count - 5))
            if best is None or key < best[0]:
                best = (key, first, last, step)
    assert best is not None
    _, first, last, step = best
    return _Scale(tuple(index * step for index in range(first, last + 1)))


# ----------------------------------------------------------------------------------------------------------- SVG


def _coordinate(value: float) -> str:
    text = f"{value:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text


def _tag(name: str, content: str | None = None, **attributes: object) -> str:
    """An element; attribute names use "_" for "-" (a trailing "_" is dropped: class_), values are escaped.

    `content` must already be markup: pass text through `_escape`.
    """
    parts = [name]
    for key, value in attributes.items():
        if value is None:
            continue
        text = _coordinate(value) if isinstance(value, float) else str(value)
        parts.append(f'{key.rstrip("_").replace("_", "-")}="{html.escape(text, quote=True)}"')
    opening = " ".join(parts)
    return f"<{opening}/>" if content is None else f"<{opening}>{content}</{name}>"


def _text(
    x: float,
    y: float,
    text: str,
    *,
    size: float = LABEL_SIZE,
    anchor: str = "start",
    fill: str = INK,
    bold: bool = False,
    italic: bool = False,
    class_: str | None = None,
) -> str:
    return _tag(
        "text",
        _escape(text),
        x=float(x),
        y=float(y),
        font_size=size,
        font_weight="bold" if bold else None,
        font_style="italic" if italic else None,
        text_anchor=None if anchor == "start" else anchor,
        fill=fill,
        class_=class_,
    )


def _marker(shape: str, x: float, y: float, colour: str, tooltip: str | None, class_: str = "point") -> str:
    title = _tag("title", _escape(tooltip)) if tooltip else None
    common = {"fill": colour, "stroke": "#FFFFFF", "stroke_width": 1, "class_": class_}
    if shape == "circle":
        return _tag("circle", title, cx=x, cy=y, r=4.0, **common)
    if shape == "square":
        return _tag("rect", title, x=x - 3.6, y=y - 3.6, width=7.2, height=7.2, **common)
    if shape == "triangle":
        points = f"M{_coordinate(x)} {_coordinate(y - 4.8)}L{_coordinate(x + 4.6)} {_coordinate(y + 3.4)}"
        points += f"L{_coordinate(x - 4.6)} {_coordinate(y + 3.4)}Z"
        return _tag("path", title, d=points, **common)
    points = f"M{_coordinate(x)} {_coordinate(y - 5)}L{_coordinate(x + 5)} {_coordinate(y)}"
    points += f"L{_coordinate(x)} {_coordinate(y + 5)}L{_coordinate(x - 5)} {_coordinate(y)}Z"
    return _tag("path", title, d=points, **common)


def _chart_id(kind: str, *parts: object) -> str:
    """An id derived from the content: stable across renders, distinct for the different charts of one page."""
    digest = hashlib.sha256(repr((kind, *parts)).encode("utf-8")).hexdigest()
    return f"chart-{digest[:12]}"


def _document(chart_id: str, width: float, height: float, title: str, desc: str, body: list[str]) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {_coordinate(width)} {_coordinate(height)}" '
        f'width="{_coordinate(width)}" height="{_coordinate(height)}" font-family="{FONT_FAMILY}">'
    )
    return "".join(
        [
            head,
            _tag("title", _escape(title), id=f"{chart_id}-title"),
            _tag("desc", _escape(desc), id=f"{chart_id}-desc"),
            _tag("rect", x=0, y=0, width=_coordinate(width), height=_coordinate(height), fill="#FFFFFF"),
            *body,
            "</svg>",
        ]
    )


@dataclass(frozen=True)
class _LegendItem:
    kind: str  # "line", "box" or "dash"
    colour: str
    label: str
    marker: str = "circle"


def _header(body: list[str], width: float, title: str, legend: Sequence[_LegendItem], unit: str) -> float:
    """Title, legend and unit caption from the top; returns the y where the plot may begin."""
    y = float(PAD)
    for line in _wrap(title, width - 2 * PAD, TITLE_SIZE, 2, bold=True):
        y += TITLE_SIZE
        body.append(_text(PAD, y, line, size=TITLE_SIZE, bold=True))
        y += LINE_GAP
    if legend:
        y += 6
        x = float(PAD)
        row_height = LABEL_SIZE + 6
        label_room = width - 2 * PAD - 30
        for item in legend:
            label = _truncate(item.label, label_room, LABEL_SIZE)
            item_width = 24 + text_width(label, LABEL_SIZE)
            if x > PAD and x + item_width > width - PAD:
                x, y = float(PAD), y + row_height
            middle = y + row_height / 2
            if item.kind == "box":
                body.append(_tag("rect", x=x, y=middle - 6, width=12.0, height=12.0, fill=item.colour))
            else:
                dash = "5 3" if item.kind == "dash" else None
                body.append(
                    _tag(
                        "line",
                        x1=x,
                        y1=middle,
                        x2=x + 18,
                        y2=middle,
                        stroke=item.colour,
                        stroke_width=2,
                        stroke_dasharray=dash,
                    )
                )
                if item.kind == "line":
                    body.append(_marker(item.marker, x + 9, middle, item.colour, None, "legend-marker"))
            body.append(_text(x + 24 if item.kind != "box" else x + 18, middle + 4, label))
            x += item_width + 18
        y += row_height
    if unit and not _is_percent(unit):
        y += SMALL_SIZE + 6
        caption = _truncate(f"Đơn vị: {unit}", width - 2 * PAD, SMALL_SIZE)
        body.append(_text(PAD, y, caption, size=SMALL_SIZE, fill=MUTED))
    return y


def _no_data(body: list[str], x: float, y: float) -> None:
    body.append(_backing(_label_box(x, y, NO_DATA, LABEL_SIZE, "middle")))
    body.append(_text(x, y, NO_DATA, size=LABEL_SIZE, anchor="middle", fill=MUTED, italic=True))


_Box = tuple[float, float, float, float]  # x0, y0, x1, y1


def _label_box(x: float, baseline: float, text: str, size: float, anchor: str) -> _Box:
    width = text_width(text, size)
    left = x - width / 2 if anchor == "middle" else (x - width if anchor == "end" else x)
    return (left, baseline - size, left + width, baseline + 3)


def _overlaps(box: _Box, others: Iterable[_Box]) -> bool:
    return any(box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3] for o in others)


def _crosses(box: _Box, segment: _Box) -> bool:
    """Whether the segment (x0, y0, x1, y1) passes through the box (Liang–Barsky clipping)."""
    x0, y0, x1, y1 = segment
    dx, dy = x1 - x0, y1 - y0
    enter, leave = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            enter = max(enter, t)
        else:
            leave = min(leave, t)
        if enter > leave:
            return False
    return True


def _backing(box: _Box) -> str:
    """A white patch behind a label, so a grid or target line running under it does not cut through the text."""
    return _tag(
        "rect",
        x=box[0] - 3,
        y=box[1],
        width=box[2] - box[0] + 6,
        height=box[3] - box[1],
        fill="#FFFFFF",
        fill_opacity=0.9,
    )


def _target_line_h(
    body: list[str],
    y: float,
    left: float,
    right: float,
    label: str | None,
    boxes: Sequence[_Box] = (),
    segments: Sequence[_Box] = (),
) -> bool:
    """A dashed horizontal target line, with its label where it hides no point, line or bar.

    A fixed number of places is tried (both ends, then along the line; above, then below), so the cost stays linear
    in the number of data marks. Returns False when every place is taken: the caller then names the target in the
    legend instead (and passes label=None).
    """
    body.append(
        _tag(
            "line",
            x1=left,
            y1=y,
            x2=right,
            y2=y,
            stroke=TARGET_INK,
            stroke_width=1.5,
            stroke_dasharray="6 4",
            class_="target",
        )
    )
    if label is None:
        return True
    places = [(right - 4, "end"), (left + 4, "start")]
    places += [(left + (right - left) * step / 8, "middle") for step in (7, 1, 6, 2, 5, 3, 4)]
    for baseline in (y - 5, y + 5 + SMALL_SIZE):
        for x, anchor in places:
            x0, y0, x1, y1 = _label_box(x, baseline, label, SMALL_SIZE, anchor)
            box = (x0 - 3, y0 - 2, x1 + 3, y1 + 2)  # keep clear of the data, not merely off it
            if not _overlaps(box, boxes) and not any(_crosses(box, segment) for segment in segments):
                body.append(_backing((x0, y0, x1, y1)))
                body.append(_text(x, baseline, label, size=SMALL_SIZE, anchor=anchor, fill=TARGET_INK, bold=True))
                return True
    return False


def _value_axis(
    body: list[str], scale: _Scale, unit: str, left: float, right: float, top: float, bottom: float
) -> None:
    """Horizontal grid lines with their tick labels on the left (for vertical value axes)."""
    for tick in scale.ticks:
        y = scale.at(tick, bottom, top)
        body.append(_tag("line", x1=left, y1=y, x2=right, y2=y, stroke=GRID, stroke_width=1))
        body.append(_text(left - 6, y + 4, _tick_label(tick, unit), size=SMALL_SIZE, anchor="end", fill=MUTED))


@dataclass(frozen=True)
class _CategoryLabels:
    """Labels under a category axis: wrapped in their slot, or slanted when the slots are too narrow."""

    lines: list[list[str]]  # per category; empty when skipped to make room
    slanted: bool
    depth: float  # room they take below the axis

    SLANT = -40  # degrees
    SLANT_MAX_WIDTH = 150.0

    @classmethod
    def fit(cls, categories: Sequence[str], slot: float) -> _CategoryLabels:
        room = slot - 6
        wrapped = [_wrap(label, room, SMALL_SIZE, 2) for label in categories]
        if room >= 24 and all(" ".join(lines) == label for lines, label in zip(wrapped, categories, strict=True)):
            count = max((len(lines) for lines in wrapped), default=1)
            return cls(wrapped, False, count * (SMALL_SIZE + 2) + 4)
        # Slanted labels need about a line's height each along the axis; skip some when even that is too much.
        every = max(1, math.ceil((SMALL_SIZE + 4) / slot)) if slot > 0 else 1
        lines = [
            [_truncate(label, cls.SLANT_MAX_WIDTH, SMALL_SIZE)] if index % every == 0 else []
            for index, label in enumerate(categories)
        ]
        longest = max((text_width(item[0], SMALL_SIZE) for item in lines if item), default=0)
        return cls(lines, True, longest * math.sin(math.radians(-cls.SLANT)) + SMALL_SIZE + 6)

    def draw(self, body: list[str], left: float, slot: float, top: float) -> None:
        for index, label_lines in enumerate(self.lines):
            x = left + (index + 0.5) * slot
            if self.slanted and label_lines:
                y = top + SMALL_SIZE
                body.append(
                    _tag(
                        "text",
                        _escape(label_lines[0]),
                        x=x + 3,
                        y=y,
                        font_size=SMALL_SIZE,
                        text_anchor="end",
                        fill=INK,
                        class_="label",
                        transform=f"rotate({self.SLANT} {_coordinate(x + 3)} {_coordinate(y)})",
                    )
                )
                continue
            for number, line in enumerate(label_lines):
                y = top + SMALL_SIZE + number * (SMALL_SIZE + 2)
                body.append(_text(x, y, line, size=SMALL_SIZE, anchor="middle", class_="label"))


def _category_axis(categories: Sequence[str], left: float, right: float) -> tuple[float, float, _CategoryLabels]:
    """The left edge, the slot width and the labels of a category axis; slanted labels must not leave the chart."""
    slot = (right - left) / len(categories) if categories else right - left
    labels = _CategoryLabels.fit(categories, slot)
    reach = math.cos(math.radians(labels.SLANT))
    for _ in range(2):  # moving the edge narrows the slots, which moves the labels a little: settle twice
        if not labels.slanted:
            break
        # Label i starts at left + (i + 0.5) * slot + 3 − its width × cos(slant); none may start before PAD.
        overhang = max(
            text_width(item[0], SMALL_SIZE) * reach - (index + 0.5) * slot - 3
            for index, item in enumerate(labels.lines)
            if item
        )
        if left >= PAD + overhang:
            break
        left = PAD + overhang + 2
        slot = (right - left) / len(categories)
        labels = _CategoryLabels.fit(categories, slot)
    return left, slot, labels


def _target_label(target: Decimal, unit: str) -> str:
    return f"Chỉ tiêu: {_short_value(target, unit)}"


# ------------------------------------------------------------------------------------------------------- charts


def line_chart(
    series: list[Series],
    categories: list[str],
    *,
    title: str,
    unit: str = "",
    target: Decimal | None = None,
    width: int = 640,
    height: int = 320,
    show_values: bool | None = None,
) -> str:
    """One line per series over the categories (reporting periods), as an SVG string.

    Missing values (None) break the line; a lone value between gaps is still marked. `show_values` writes each
    value above its point; by default only for a single series, where labels cannot collide. `height` is a
    minimum: the chart grows when a long title or legend would squeeze the plot.
    """
    title, unit = _clean(title), _clean(unit)
    labels = [_clean(category) for category in categories]
    lines: list[tuple[str, list[Decimal | None]]] = []
    for item in series:
        if len(item.values) != len(labels):
            raise ValueError(f"Chuỗi “{_clean(item.name)}” có {len(item.values)} giá trị cho {len(labels)} kỳ.")
        lines.append((_clean(item.name), [_number(value) for value in item.values]))
    target = _number(target)
    known = [value for _, values in lines for value in values if value is not None]
    scale = _nice_scale(known + ([target] if target is not None else []), from_zero=False)
    if show_values is None:
        show_values = len(lines) == 1
    # The target is labelled on its line when a free spot exists there, otherwise in the legend.
    for target_in_legend in (False, True):
        body, total_height, placed = _line_body(
            lines,
            labels,
            scale,
            title=title,
            unit=unit,
            target=target,
            width=width,
            height=height,
            show_values=show_values,
            target_in_legend=target_in_legend,
        )
        if placed:
            break

    desc = [f"Biểu đồ đường “{title}” qua {len(labels)} kỳ."]
    for name, values in lines:
        points = "; ".join(f"{label}: {_long_value(value, unit)}" for label, value in zip(labels, values, strict=True))
        desc.append(f"{name} — {points}.")
    if target is not None:
        desc.append(f"Đường nét đứt: chỉ tiêu {_long_value(target, unit)}.")
    if not known:
        desc.append(f"{NO_DATA}.")
    chart_id = _chart_id("line", title, unit, target, labels, lines, width, height, show_values)
    return _document(chart_id, width, total_height, title, " ".join(desc), body)


def _line_body(
    lines: list[tuple[str, list[Decimal | None]]],
    labels: list[str],
    scale: _Scale,
    *,
    title: str,
    unit: str,
    target: Decimal | None,
    width: int,
    height: int,
    show_values: bool,
    target_in_legend: bool,
) -> tuple[list[str], float, bool]:
    """The drawing of a line chart: its elements, its height, and whether the target's label found a place."""
    known = any(value is not None for _, values in lines for value in values)
    body: list[str] = []
    legend = [
        _LegendItem("line", SERIES_COLOURS[i % len(SERIES_COLOURS)], name, MARKERS[i % len(MARKERS)])
        for i, (name, _) in enumerate(lines)
    ]
    if target is not None and target_in_legend:
        legend.append(_LegendItem("dash", TARGET_INK, _target_label(target, unit)))
    top = _header(body, width, title, legend, unit) + 16  # room for a value label above the highest point
    tick_width = max(text_width(_tick_label(tick, unit), SMALL_SIZE) for tick in scale.ticks)
    count = len(labels)
    left, slot, category_labels = _category_axis(labels, PAD + tick_width + 8, width - PAD)
    right = width - PAD
    footer = 6 + category_labels.depth + PAD
    total_height = max(float(height), top + 120 + footer)
    bottom = total_height - footer

    _value_axis(body, scale, unit, left, right, top, bottom)
    body.append(_tag("line", x1=left, y1=bottom, x2=right, y2=bottom, stroke=AXIS, stroke_width=1))
    for index in range(count):
        x = left + (index + 0.5) * slot
        body.append(_tag("line", x1=x, y1=bottom, x2=x, y2=bottom + 4, stroke=AXIS, stroke_width=1))
    category_labels.draw(body, left, slot, bottom + 6)

    obstacles: list[_Box] = []
    segments: list[_Box] = []
    marks: list[str] = []
    for number, (name, values) in enumerate(lines):
        colour = SERIES_COLOURS[number % len(SERIES_COLOURS)]
        shape = MARKERS[number % len(MARKERS)]
        path: list[str] = []
        previous: tuple[float, float] | None = None  # None after a gap: the next point starts a new stretch
        for index, value in enumerate(values):
            if value is None:
                previous = None
                continue
            x, y = left + (index + 0.5) * slot, scale.at(value, bottom, top)
            path.append(f"{'M' if previous is None else 'L'}{_coordinate(x)} {_coordinate(y)}")
            if previous is not None:
                segments.append((*previous, x, y))
            previous = (x, y)
            text = _short_value(value, unit)
            marks.append(_marker(shape, x, y, colour, f"{name} – {labels[index]}: {text}"))
            obstacles.append((x - 6, y - 6, x + 6, y + 6))
            if show_values:
                marks.append(_text(x, y - 8, text, size=SMALL_SIZE, anchor="middle", class_="value"))
                obstacles.append(_label_box(x, y - 8, text, SMALL_SIZE, "middle"))
        if path:
            body.append(
                _tag(
                    "path",
                    d="".join(path),
                    fill="none",
                    stroke=colour,
                    stroke_width=2.5,
                    stroke_linejoin="round",
                    stroke_linecap="round",
                    class_="series",
                )
            )
    body.extend(marks)
    placed = True
    if target is not None:
        y = scale.at(target, bottom, top)
        label = None if target_in_legend else _target_label(target, unit)
        placed = _target_line_h(body, y, left, right, label, obstacles, segments)
    if not known:
        _no_data(body, (left + right) / 2, (top + bottom) / 2)

    return body, total_height, placed


def bar_chart(
    bars: list[tuple[str, Decimal | None]],
    *,
    title: str,
    unit: str = "",
    target: Decimal | None = None,
    direction: str | None = None,
    width: int = 640,
    height: int | None = None,
    horizontal: bool = True,
    meets: Callable[[Decimal], bool] | None = None,
) -> str:
    """Units compared side by side, one bar each, as an SVG string.

    Horizontal by default: long unit names sit on the left, wrapped to two lines, and the chart grows one row per
    unit (`height` is a minimum). Bars are coloured by whether they meet the target: by `meets` (the portal passes
    its one evaluation, so a "> 80 %" or a range is judged as everywhere else), or else with a `target` and a
    `direction` ("higher" or "lower") by ≥ / ≤; a missing value is written "Chưa có số liệu" in place of its bar.
    """
    if direction is not None and direction not in DIRECTIONS:
        raise ValueError(f"Chiều đánh giá không hợp lệ: {direction!r} (chỉ nhận “higher” hoặc “lower”).")
    title, unit = _clean(title), _clean(unit)
    items = [(_clean(name), _number(value)) for name, value in bars]
    target = _number(target)
    if meets is None and target is not None and direction is not None:
        goal, way = target, direction

        def meets(value: Decimal) -> bool:
            return _meets(value, goal, way)

    judged = meets is not None
    known = [value for _, value in items if value is not None]
    scale = _nice_scale(known + ([target] if target is not None else []), from_zero=True)

    def colour(value: Decimal) -> str:
        if not judged:
            return NEUTRAL_COLOUR
        return MET_COLOUR if meets(value) else NOT_MET_COLOUR  # type: ignore[misc]

    legend = [_LegendItem("box", MET_COLOUR, MET_LABEL), _LegendItem("box", NOT_MET_COLOUR, NOT_MET_LABEL)]
    legend = legend if judged else []
    draw = _horizontal_bars if horizontal else _vertical_bars
    # Standing bars may leave no free spot on the target line for its label: it then goes in the legend.
    for target_in_legend in (False, True):
        body: list[str] = []
        if target is not None and target_in_legend:
            legend = [*legend, _LegendItem("dash", TARGET_INK, _target_label(target, unit))]
        top = _header(body, width, title, legend, unit)
        total_height, placed = draw(
            body,
            items,
            scale,
            colour,
            unit=unit,
            target=target,
            width=width,
            height=height,
            top=top,
            target_in_legend=target_in_legend,
        )
        if placed:
            break

    desc = [f"Biểu đồ cột “{title}” so sánh {len(items)} đơn vị."]
    parts = []
    for name, value in items:
        text = f"{name}: {_long_value(value, unit)}"
        if judged and value is not None:
            text += f" ({(MET_LABEL if meets(value) else NOT_MET_LABEL).lower()})"  # type: ignore[misc]
        parts.append(text)
    if parts:
        desc.append("; ".join(parts) + ".")
    if target is not None:
        rule = f" ({DIRECTIONS[direction]})" if direction else ""
        desc.append(f"Chỉ tiêu: {_long_value(target, unit)}{rule}.")
    if judged:
        met = sum(1 for value in known if meets(value))  # type: ignore[misc]
        desc.append(f"Đạt chỉ tiêu: {met}/{len(known)} đơn vị có số liệu.")
    chart_id = _chart_id("bar", title, unit, target, direction, items, width, height, horizontal)
    return _document(chart_id, width, total_height, title, " ".join(desc), body)


def _bar_title(name: str, value: Decimal | None, unit: str) -> str:
    return _tag("title", _escape(f"{name}: {_long_value(value, unit)}"))


def _horizontal_bars(
    body: list[str],
    items: list[tuple[str, Decimal | None]],
    scale: _Scale,
    colour: Callable[[Decimal], str],
    *,
    unit: str,
    target: Decimal | None,
    width: int,
    height: int | None,
    top: float,
    target_in_legend: bool,
) -> tuple[float, bool]:
    label_room = (width - 2 * PAD) * 0.4
    names = [_wrap(name, label_room, LABEL_SIZE, 2) for name, _ in items]
    label_width = max((text_width(line, LABEL_SIZE) for lines in names for line in lines), default=0)
    values = [_short_value(value, unit) if value is not None else "" for _, value in items]
    value_room = max((text_width(text, SMALL_SIZE) for text in values), default=0) + 6
    tick_labels = [_tick_label(tick, unit) for tick in scale.ticks]
    right = width - PAD - max(value_room, text_width(tick_labels[-1], SMALL_SIZE) / 2)
    left = PAD + label_width + 10
    if scale.low < 0:  # negative bars carry their label on the left
        left += value_room
    two_line = any(len(lines) > 1 for lines in names)
    row = 38.0 if two_line else 28.0
    if target is not None:
        top += 18  # the target's label sits above the bars
    top += 6
    footer = 6 + SMALL_SIZE + 4 + PAD
    needed = top + max(len(items), 1) * row + footer
    if height is not None and height > needed and items:
        row = (height - top - footer) / len(items)
    total_height = max(float(height or 0), needed)
    bottom = total_height - footer
    bar_height = min(18.0, row * 0.62)

    for tick, label in zip(scale.ticks, tick_labels, strict=True):
        x = scale.at(tick, left, right)
        body.append(_tag("line", x1=x, y1=top, x2=x, y2=bottom, stroke=GRID, stroke_width=1))
        body.append(_text(x, bottom + 6 + SMALL_SIZE, label, size=SMALL_SIZE, anchor="middle", fill=MUTED))
    zero = scale.at(Decimal(0), left, right)

    target_x = scale.at(target, left, right) if target is not None else None
    labels: list[str] = []  # drawn after the target line, on a white patch where the line would cross them
    for index, ((name, value), lines, text) in enumerate(zip(items, names, values, strict=True)):
        middle = top + (index + 0.5) * row
        first = middle + 4 - (len(lines) - 1) * (LABEL_SIZE + 2) / 2
        for number, line in enumerate(lines):
            body.append(_text(left - 10, first + number * (LABEL_SIZE + 2), line, anchor="end", class_="label"))
        if value is None:
            box = _label_box(zero + 6, middle + 4, NO_DATA, SMALL_SIZE, "start")
            if target_x is not None and box[0] - 3 <= target_x <= box[2] + 3:
                labels.append(_backing(box))
            labels.append(
                _text(zero + 6, middle + 4, NO_DATA, size=SMALL_SIZE, fill=MUTED, italic=True, class_="no-data")
            )
            continue
        end = scale.at(value, left, right)
        body.append(
            _tag(
                "rect",
                _bar_title(name, value, unit),
                x=min(zero, end),
                y=middle - bar_height / 2,
                width=abs(end - zero),
                height=bar_height,
                fill=colour(value),
                class_="bar",
            )
        )
        anchor, x = ("start", end + 4) if value >= 0 else ("end", end - 4)
        box = _label_box(x, middle + 4, text, SMALL_SIZE, anchor)
        if target_x is not None and box[0] - 3 <= target_x <= box[2] + 3:
            labels.append(_backing(box))
        labels.append(_text(x, middle + 4, text, size=SMALL_SIZE, anchor=anchor, class_="value"))

    body.append(_tag("line", x1=zero, y1=top, x2=zero, y2=bottom, stroke=AXIS, stroke_width=1))
    if target is not None and target_x is not None:
        x = target_x
        body.append(
            _tag(
                "line",
                x1=x,
                y1=top - 4,
                x2=x,
                y2=bottom,
                stroke=TARGET_INK,
                stroke_width=1.5,
                stroke_dasharray="6 4",
                class_="target",
            )
        )
        label = _target_label(target, unit)
        half = text_width(label, SMALL_SIZE) / 2
        centre = min(max(x, PAD + half), width - PAD - half)
        body.append(_text(centre, top - 8, label, size=SMALL_SIZE, anchor="middle", fill=TARGET_INK, bold=True))
    body.extend(labels)
    if not items:
        _no_data(body, (left + right) / 2, (top + bottom) / 2 + 4)
    return total_height, True


def _vertical_bars(
    body: list[str],
    items: list[tuple[str, Decimal | None]],
    scale: _Scale,
    colour: Callable[[Decimal], str],
    *,
    unit: str,
    target: Decimal | None,
    width: int,
    height: int | None,
    top: float,
    target_in_legend: bool,
) -> tuple[float, bool]:
    top += 16  # room for the value label of the tallest bar
    tick_width = max(text_width(_tick_label(tick, unit), SMALL_SIZE) for tick in scale.ticks)
    left, slot, category_labels = _category_axis([name for name, _ in items], PAD + tick_width + 8, width - PAD)
    right = width - PAD
    footer = 6 + category_labels.depth + PAD
    total_height = max(float(height or 320), top + 120 + footer)
    bottom = total_height - footer
    bar_width = min(48.0, slot * 0.6)
    no_data_lines = _wrap(NO_DATA, max(slot - 4, 20), SMALL_SIZE, 3)

    _value_axis(body, scale, unit, left, right, top, bottom)
    category_labels.draw(body, left, slot, bottom + 6)
    zero = scale.at(Decimal(0), bottom, top)
    obstacles: list[_Box] = []
    for index, (name, value) in enumerate(items):
        x = left + (index + 0.5) * slot
        if value is None:
            for number, line in enumerate(no_data_lines):
                y = zero - 6 - (len(no_data_lines) - 1 - number) * (SMALL_SIZE + 2)
                body.append(
                    _text(x, y, line, size=SMALL_SIZE, anchor="middle", fill=MUTED, italic=True, class_="no-data")
                )
                obstacles.append(_label_box(x, y, line, SMALL_SIZE, "middle"))
            continue
        end = scale.at(value, bottom, top)
        body.append(
            _tag(
                "rect",
                _bar_title(name, value, unit),
                x=x - bar_width / 2,
                y=min(zero, end),
                width=bar_width,
                height=abs(end - zero),
                fill=colour(value),
                class_="bar",
            )
        )
        obstacles.append((x - bar_width / 2, min(zero, end), x + bar_width / 2, max(zero, end)))
        text = _short_value(value, unit)
        baseline = end - 5 if value >= 0 else end + SMALL_SIZE + 3
        body.append(_text(x, baseline, text, size=SMALL_SIZE, anchor="middle", class_="value"))
        obstacles.append(_label_box(x, baseline, text, SMALL_SIZE, "middle"))
    body.append(_tag("line", x1=left, y1=zero, x2=right, y2=zero, stroke=AXIS, stroke_width=1))
    placed = True
    if target is not None:
        label = None if target_in_legend else _target_label(target, unit)
        placed = _target_line_h(body, scale.at(target, bottom, top), left, right, label, obstacles)
    if not items:
        _no_data(body, (left + right) / 2, (top + bottom) / 2)
    return total_height, placed
