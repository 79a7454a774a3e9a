"""Server-drawn SVG charts: well-formed, accessible, Vietnamese numbers, escaped text, no script or style."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from emulation.lib import charts
from emulation.lib.charts import Series, bar_chart, line_chart

SVG = "{http://www.w3.org/2000/svg}"
PERIODS = ["6 tháng 2023", "Năm 2023", "6 tháng 2024", "Năm 2024"]
EVIL = "<script>alert(1)</script>"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # raises on markup that is not well-formed XML


def with_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [element for element in root.iter() if name in (element.get("class") or "").split()]


def texts(root: ET.Element) -> list[str]:
    return [element.text or "" for element in root.iter(f"{SVG}text")]


def sample_line(**overrides) -> str:
    arguments = {
        "series": [
            Series("Sở Tài chính", [Decimal("78.2"), Decimal("80"), None, Decimal("84.5")]),
            Series("UBND huyện Đông Anh", [Decimal("81"), None, Decimal("83.25"), Decimal("86")]),
        ],
        "categories": PERIODS,
        "title": "Tỷ lệ hồ sơ giải quyết đúng hạn",
        "unit": "%",
        "target": Decimal("82.5"),
    }
    arguments.update(overrides)
    return line_chart(arguments.pop("series"), arguments.pop("categories"), **arguments)


UNITS = [
    ("Sở Nông nghiệp và Phát triển nông thôn", Decimal("91.5")),
    ("Sở Tài nguyên và Môi trường", Decimal("82.5")),
    ("Ủy ban nhân dân huyện Đông Anh", Decimal("79.4")),
    ("Sở Lao động – Thương binh và Xã hội", None),
]


def sample_bars(**overrides) -> str:
    arguments = {"title": "Tỷ lệ theo đơn vị", "unit": "%", "target": Decimal("82.5"), "direction": "higher"}
    arguments.update(overrides)
    return bar_chart(arguments.pop("bars", UNITS), **arguments)


def assert_safe_svg(svg: str) -> ET.Element:
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert "<script" not in svg.lower()
    assert not re.search(r"\sstyle\s*=", svg)  # presentation attributes (font-style="") are fine
    assert all("style" not in element.attrib for element in root.iter())
    assert not [element for element in root.iter() if element.tag in (f"{SVG}image", f"{SVG}foreignObject")]
    assert "href" not in svg  # no external image or font
    return root


# ----------------------------------------------------------------------------------------------- structure


@pytest.mark.parametrize("render", [sample_line, sample_bars, lambda: sample_bars(horizontal=False)])
def test_chart_is_well_formed_accessible_svg(render):
    root = assert_safe_svg(render())

    assert root.get("role") == "img"
    assert re.fullmatch(r"0 0 \d+(\.\d+)? \d+(\.\d+)?", root.get("viewBox"))
    assert root.get("font-family") == "Liberation Sans, Arial, sans-serif"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root[0].tag == f"{SVG}title" and root[0].get("id") == title_id
    assert root[1].tag == f"{SVG}desc" and root[1].get("id") == desc_id
    assert root[0].text


def test_output_is_deterministic_and_ids_differ_between_charts():
    assert sample_line() == sample_line()
    assert sample_bars() == sample_bars()
    first = parse(sample_line()).get("aria-labelledby")
    second = parse(sample_line(title="Khác")).get("aria-labelledby")
    assert first != second


# -------------------------------------------------------------------------------------------------- line chart


def test_line_chart_marks_every_known_point_and_missing_values_break_the_line():
    root = assert_safe_svg(sample_line())

    assert len(with_class(root, "point")) == 6  # 3 known values in each series
    paths = with_class(root, "series")
    assert len(paths) == 2
    # Sở Tài chính: 78,2 – 80, gap, 84,5 → two stretches; Đông Anh: 81, gap, 83,25 – 86 → two stretches.
    assert [path.get("d").count("M") for path in paths] == [2, 2]
    assert [path.get("d").count("L") for path in paths] == [1, 1]


def test_lone_value_between_gaps_is_still_marked():
    root = parse(line_chart([Series("A", [None, Decimal(5), None])], ["Kỳ 1", "Kỳ 2", "Kỳ 3"], title="T"))

    assert len(with_class(root, "point")) == 1
    assert with_class(root, "series")[0].get("d").count("L") == 0


def test_line_chart_writes_numbers_the_vietnamese_way():
    root = parse(
        line_chart(
            [Series("Số hồ sơ", [Decimal("1234"), Decimal("1500.5")])],
            ["Năm 2023", "Năm 2024"],
            title="Hồ sơ",
            unit="hồ sơ",
            target=Decimal(1000),
        )
    )
    labels = texts(root)

    assert "1.234" in labels and "1.500,5" in labels
    assert "Chỉ tiêu: 1.000" in labels
    assert "Đơn vị: hồ sơ" in labels
    assert not any(re.search(r"\d\.\d{1,2}\b(?!\d)", label) for label in labels)  # no "1500.5" or "82.5"


def test_target_is_a_dashed_line_labelled_once():
    svg = sample_line()
    root = parse(svg)

    targets = with_class(root, "target")
    assert len(targets) == 1
    assert targets[0].get("stroke-dasharray")
    assert texts(root).count("Chỉ tiêu: 82,5 %") == 1


def test_percent_ticks_are_four_to_six_round_values():
    root = parse(sample_line())
    ticks = [label for label in texts(root) if re.fullmatch(r"\d+(,\d+)? %", label)]

    # Value labels are off with two series, so every "n %" text is a tick.
    assert 4 <= len(ticks) <= 6
    assert ticks == sorted(ticks, key=lambda label: Decimal(label[:-2].replace(",", ".")))


def test_value_labels_are_optional():
    single = [Series("A", [Decimal("82.5"), Decimal(90)])]
    shown = parse(line_chart(single, ["Năm 2023", "Năm 2024"], title="T", unit="%"))
    hidden = parse(line_chart(single, ["Năm 2023", "Năm 2024"], title="T", unit="%", show_values=False))

    assert [element.text for element in with_class(shown, "value")] == ["82,5 %", "90 %"]
    assert with_class(hidden, "value") == []


def test_line_chart_without_data_says_so():
    root = assert_safe_svg(line_chart([Series("A", [None, None])], ["Năm 2023", "Năm 2024"], title="T"))

    assert "Chưa có số liệu" in texts(root)
    assert with_class(root, "point") == []
    assert "chưa có số liệu" in root[1].text


def test_series_length_must_match_categories():
    with pytest.raises(ValueError, match="2 giá trị cho 4 kỳ"):
        line_chart([Series("A", [Decimal(1), Decimal(2)])], PERIODS, title="T")


def test_line_chart_description_summarises_the_data_in_vietnamese():
    desc = parse(sample_line())[1].text

    assert "Tỷ lệ hồ sơ giải quyết đúng hạn" in desc
    assert "Sở Tài chính — 6 tháng 2023: 78,2 %; Năm 2023: 80 %; 6 tháng 2024: chưa có số liệu" in desc
    assert "chỉ tiêu 82,5 %" in desc


# --------------------------------------------------------------------------------------------------- bar chart


def test_bar_chart_draws_one_bar_per_known_value_and_says_when_data_is_missing():
    root = assert_safe_svg(sample_bars())

    assert len(with_class(root, "bar")) == 3
    assert [element.text for element in with_class(root, "no-data")] == ["Chưa có số liệu"]
    assert [element.text for element in with_class(root, "value")] == ["91,5 %", "82,5 %", "79,4 %"]
    assert texts(root).count("Chỉ tiêu: 82,5 %") == 1
    assert len(with_class(root, "target")) == 1


def test_bars_are_coloured_by_whether_they_meet_the_target():
    higher = [bar.get("fill") for bar in with_class(parse(sample_bars()), "bar")]
    lower = [bar.get("fill") for bar in with_class(parse(sample_bars(direction="lower")), "bar")]
    plain = {bar.get("fill") for bar in with_class(parse(sample_bars(direction=None)), "bar")}

    assert higher == [charts.MET_COLOUR, charts.MET_COLOUR, charts.NOT_MET_COLOUR]  # 82,5 meets 82,5
    assert lower == [charts.NOT_MET_COLOUR, charts.MET_COLOUR, charts.MET_COLOUR]
    assert plain == {charts.NEUTRAL_COLOUR}
    assert "Đạt chỉ tiêu" in texts(parse(sample_bars()))
    assert "Đạt chỉ tiêu" not in texts(parse(sample_bars(direction=None)))


def test_bar_chart_description_counts_units_meeting_the_target():
    desc = parse(sample_bars())[1].text

    assert "Sở Tài nguyên và Môi trường: 82,5 % (đạt chỉ tiêu)" in desc
    assert "Ủy ban nhân dân huyện Đông Anh: 79,4 % (chưa đạt chỉ tiêu)" in desc
    assert "Sở Lao động – Thương binh và Xã hội: chưa có số liệu" in desc
    assert "Đạt chỉ tiêu: 2/3 đơn vị có số liệu." in desc


def test_horizontal_chart_grows_with_the_number_of_bars():
    def height(count: int) -> float:
        bars = [(f"Đơn vị {index}", Decimal(index)) for index in range(count)]
        return float(parse(bar_chart(bars, title="T")).get("viewBox").split()[3])

    assert height(5) < height(10) < height(30)


def test_long_unit_names_are_wrapped_not_lost():
    name = "Ban Quản lý các khu công nghiệp và khu chế xuất thành phố Hà Nội"
    root = parse(bar_chart([(name, Decimal(90))], title="T", width=480))

    label_lines = [element.text for element in with_class(root, "label")]
    assert len(label_lines) == 2
    assert " ".join(label_lines) == name or label_lines[-1].endswith("…")
    assert with_class(root, "bar")[0].find(f"{SVG}title").text == f"{name}: 90"


def test_vertical_bars_label_the_target_once_even_when_the_line_is_crowded():
    bars = [(f"Đơn vị {index}", Decimal(index * 13 % 50)) for index in range(1, 13)]
    root = assert_safe_svg(bar_chart(bars, title="T", unit="%", target=Decimal(25), horizontal=False))

    assert len(with_class(root, "bar")) == 12
    assert texts(root).count("Chỉ tiêu: 25 %") == 1


def test_vertical_bars_say_when_data_is_missing():
    root = assert_safe_svg(sample_bars(horizontal=False))

    assert len(with_class(root, "bar")) == 3
    assert " ".join(element.text for element in with_class(root, "no-data")) == "Chưa có số liệu"


def test_bar_chart_without_bars_says_so():
    root = assert_safe_svg(bar_chart([], title="T"))

    assert "Chưa có số liệu" in texts(root)


def test_unknown_direction_is_refused():
    with pytest.raises(ValueError, match="Chiều đánh giá"):
        sample_bars(direction="up")


# ---------------------------------------------------------------------------------------------------- safety


def test_names_and_titles_cannot_inject_markup():
    svg_line = line_chart([Series(EVIL, [Decimal(1), Decimal(2)])], ["Năm 2023", EVIL], title=EVIL, unit=EVIL)
    svg_bars = bar_chart([(EVIL, Decimal(1)), ('"><g onload="x', None)], title=EVIL, target=Decimal(1))

    for svg in (svg_line, svg_bars):
        root = assert_safe_svg(svg)
        assert "&lt;script&gt;" in svg
        assert root[0].text == EVIL  # the text survives, as text
        assert not [element for element in root.iter() if any(name.startswith("on") for name in element.attrib)]
    assert EVIL in texts(parse(svg_bars))


def test_characters_xml_cannot_carry_are_dropped():
    root = assert_safe_svg(bar_chart([("Đơn\x00 vị\x1b", Decimal(1))], title="Tiêu\x0b đề\ufffe"))

    assert root[0].text == "Tiêu đề"
    assert "Đơn vị" in texts(root)


def test_text_is_normalised_to_nfc():
    decomposed = "Vie\u0302\u0323t Nam"  # "Việt Nam" typed with combining marks
    root = parse(bar_chart([(decomposed, Decimal(1))], title=decomposed))

    assert root[0].text == "Việt Nam"


# ---------------------------------------------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    ("values", "from_zero", "expected"),
    [
        ([Decimal(0), Decimal(100)], True, ["0", "25", "50", "75", "100"]),
        ([Decimal("78.2"), Decimal("91")], False, ["75", "80", "85", "90", "95"]),
        ([Decimal("0.12"), Decimal("0.9")], True, ["0", "0.25", "0.50", "0.75", "1.00"]),
        ([Decimal(1234), Decimal(1510)], True, ["0", "500", "1000", "1500", "2000"]),
        ([Decimal(-12), Decimal(30)], True, ["-20", "-10", "0", "10", "20", "30"]),
        ([Decimal(5)], False, ["0", "1", "2", "3", "4", "5"]),
        ([Decimal(0)], True, ["0", "0.25", "0.50", "0.75", "1.00"]),
    ],
)
def test_nice_scale_gives_four_to_six_round_ticks(values, from_zero, expected):
    ticks = charts._nice_scale(values, from_zero=from_zero).ticks

    assert [Decimal(tick) for tick in expected] == list(ticks)
    assert 4 <= len(ticks) <= 6
    assert ticks[0] <= min(values) and ticks[-1] >= max(values)


def test_colours_have_enough_contrast_on_white():
    def luminance(colour: str) -> float:
        channels = [int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    def contrast(colour: str) -> float:
        return 1.05 / (luminance(colour) + 0.05)

    graphics = [*charts.SERIES_COLOURS, charts.MET_COLOUR, charts.NOT_MET_COLOUR, charts.NEUTRAL_COLOUR]
    assert all(contrast(colour) >= 3 for colour in graphics)  # WCAG 1.4.11, graphical objects
    assert all(contrast(colour) >= 4.5 for colour in (charts.INK, charts.MUTED, charts.TARGET_INK))
    # Met and not met must differ in lightness too, for greyscale print and colour-blind readers.
    assert contrast(charts.MET_COLOUR) / contrast(charts.NOT_MET_COLOUR) >= 1.8
