"""Target evaluation for every comparator, table-driven."""

import datetime as dt
from decimal import Decimal as D

import pytest

from indicators.models import Direction, Indicator, Target

D82 = D("82")


def _target(comparator, value=None, value_max=None, direction=Direction.HIGHER, due_on=None):
    indicator = Indicator(code="x", name="X", measure="percent", entry="number", direction=direction, unit_label="%")
    return Target(indicator=indicator, comparator=comparator, value=value, value_max=value_max, due_on=due_on)


CASES = [
    # comparator, value, value_max, direction, figure, expected achievement, expected % of target
    ("gte", D82, None, "higher", D("90"), "vuot", D("109.756")),
    ("gte", D82, None, "higher", D82, "dat", D("100")),
    ("gte", D82, None, "higher", D("70"), "chua_dat", D("85.366")),
    ("gte", D82, None, "higher", None, "chua_co", None),
    ("gt", D("80"), None, "higher", D("80"), "chua_dat", D("100")),
    ("gt", D("80"), None, "higher", D("80.1"), "dat", D("100.125")),
    ("lte", D("5"), None, "lower", D("4"), "vuot", D("125")),
    ("lte", D("5"), None, "lower", D("5"), "dat", D("100")),
    ("lte", D("5"), None, "lower", D("6"), "chua_dat", D("83.333")),
    ("lt", D("5"), None, "lower", D("4.9"), "dat", D("102.041")),
    ("lt", D("5"), None, "lower", D("5"), "chua_dat", D("100")),
    ("eq", D("100"), None, "higher", D("100"), "dat", D("100")),
    ("eq", D("100"), None, "higher", D("99"), "chua_dat", D("99")),
    ("range", D("65"), D("70"), "higher", D("64.9"), "chua_dat", D("99.846")),
    ("range", D("65"), D("70"), "higher", D("65"), "dat", D("100")),
    ("range", D("65"), D("70"), "higher", D("70"), "dat", D("107.692")),
    ("range", D("65"), D("70"), "higher", D("71"), "vuot", D("109.231")),
]


@pytest.mark.parametrize(("comparator", "value", "value_max", "direction", "figure", "expected", "percent"), CASES)
def test_evaluate(comparator, value, value_max, direction, figure, expected, percent):
    result = _target(comparator, value, value_max, direction).evaluate(figure)
    assert result.achievement == expected
    if percent is None:
        assert result.percent is None
    else:
        assert result.percent.quantize(D("0.001")) == percent


@pytest.mark.parametrize(
    ("previous", "current", "expected"),
    [(D("20"), D("18"), "dat"), (D("20"), D("15"), "vuot"), (D("20"), D("19"), "chua_dat"), (None, D("18"), "chua_co")],
)
def test_rank_improvement(previous, current, expected):
    target = _target("improve", D("2"), direction=Direction.LOWER)
    assert target.evaluate(current, previous=previous).achievement == expected


@pytest.mark.parametrize(
    ("done", "done_on", "expected"),
    [
        (D(1), dt.date(2023, 3, 31), "dat"),
        (D(1), dt.date(2023, 2, 1), "vuot"),
        (D(1), dt.date(2023, 4, 2), "chua_dat"),
        (D(0), None, "chua_dat"),
        (None, None, "chua_co"),
    ],
)
def test_task_done_by_a_date(done, done_on, expected):
    target = _target("done_by", due_on=dt.date(2023, 3, 31))
    assert target.evaluate(done, done_on=done_on).achievement == expected


def test_describe_uses_vietnamese_numbers():
    assert _target("gte", D("82.5")).describe() == "≥ 82,5 %"
    assert _target("range", D("65"), D("70")).describe() == "65–70 %"
    assert _target("done_by", due_on=dt.date(2023, 3, 31)).describe() == "hoàn thành trước 31/03/2023"
