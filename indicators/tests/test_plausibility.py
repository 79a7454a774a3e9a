"""The plausibility rule (a figure far off the same unit's previous figure), on the form, at sending, in the review
queue, and the check_figures command that finds what the old parser stored wrong."""

import html
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from emulation.lib.errors import DomainError
from indicators import plausibility, services
from indicators.models import Indicator, Submission, Target, Value
from indicators.tests.factories import make_setup

TEN = Decimal(10)


@pytest.fixture
def setup(world):
    return make_setup(world)


def _rate(setup, numerator, denominator):
    return Value(
        target=setup.rate,
        numerator=Decimal(numerator),
        denominator=Decimal(denominator),
        value=Decimal(numerator) / Decimal(denominator) * 100,
    )


def _count(setup, value):
    return Value(target=setup.count, value=Decimal(value))


# --- The rule -----------------------------------------------------------------------------------------------


def test_a_numerator_typed_a_thousand_times_too_small_is_flagged_on_the_numerator(setup):
    flags = plausibility.check(_rate(setup, 480, 1_000_000), _rate(setup, 480_000, 1_000_000), factor=TEN)
    assert flags == ["Tử số chỉ bằng 1/1.000 kỳ trước (480.000 → 480)"]


def test_a_numerator_typed_a_thousand_times_too_large_is_flagged(setup):
    flags = plausibility.check(_rate(setup, 480_000, 1_000_000), _rate(setup, 480, 1_000_000), factor=TEN)
    assert flags == ["Tử số gấp 1.000 lần kỳ trước (480 → 480.000)"]


def test_a_denominator_slip_is_flagged_on_the_denominator(setup):
    flags = plausibility.check(_rate(setup, 450, 1_000), _rate(setup, 450_000, 1_000_000), factor=TEN)
    assert flags == [
        "Tử số chỉ bằng 1/1.000 kỳ trước (450.000 → 450)",
        "Mẫu số chỉ bằng 1/1.000 kỳ trước (1.000.000 → 1.000)",
    ]


def test_a_rate_that_moves_f_fold_while_its_parts_do_not_is_flagged_on_the_rate(setup):
    # 5/100 → 30/50: the numerator ×6, the denominator ÷2, the rate ×12.
    flags = plausibility.check(_rate(setup, 30, 50), _rate(setup, 5, 100), factor=TEN)
    assert flags == ["Tỷ lệ gấp 12 lần kỳ trước (5 % → 60 %)"]


def test_zero_after_a_non_zero_is_flagged(setup):
    assert plausibility.check(_count(setup, 0), _count(setup, 170_000), factor=TEN) == ["Bằng 0, kỳ trước là 170.000"]
    assert plausibility.check(_rate(setup, 0, 50), _rate(setup, 45, 50), factor=TEN) == ["Tử số bằng 0, kỳ trước là 45"]


@pytest.mark.parametrize(
    ("new", "old", "flagged"),
    [
        ("1000", "100", True),  # exactly f-fold: flagged
        ("999", "100", False),
        ("10", "100", True),  # exactly one f-th
        ("10.1", "100", False),
        ("5", "0", False),  # a rise from 0 is not a separator slip
        ("0", "0", False),
    ],
)
def test_the_factor_is_reached_both_ways(setup, new, old, flagged):
    assert bool(plausibility.check(_count(setup, new), _count(setup, old), factor=TEN)) is flagged


def test_no_previous_figure_no_comparison(setup):
    assert plausibility.check(_count(setup, 1_000_000), None, factor=TEN) == []


def test_the_indicators_factor_overrides_the_campaigns(setup):
    campaign = setup.campaign
    campaign.plausibility_factor = Decimal(100)
    campaign.save()
    new, old = _count(setup, 500), _count(setup, 10)  # ×50
    assert plausibility.value_flags(new, old, campaign=campaign) == []
    indicator = setup.count.indicator
    indicator.plausibility_factor = Decimal("2.5")
    indicator.save()
    assert plausibility.value_flags(_count(setup, 25), old, campaign=campaign) == ["Gấp 2,5 lần kỳ trước (10 → 25)"]
    assert plausibility.factor_for(indicator, campaign) == Decimal("2.5")


def test_a_percentage_over_100_is_flagged(setup):
    direct = Indicator.objects.create(
        code="ty-le-truc-tiep", name="Tỷ lệ hồ sơ trực tuyến", measure="percent", entry="number", unit_label="%"
    )
    target = Target.objects.create(campaign=setup.campaign, indicator=direct, value=Decimal(50))
    flags = plausibility.check(Value(target=target, value=Decimal("120.5")), None, factor=TEN)
    assert flags == ["Tỷ lệ trên 100 % (120,5 %)"]


def test_tasks_and_ranks_are_not_compared(setup):
    done, not_done = Value(target=setup.task, value=Decimal(1)), Value(target=setup.task, value=Decimal(0))
    assert plausibility.check(not_done, done, factor=TEN) == []


# --- Through the flow ---------------------------------------------------------------------------------------


def _report(world, period, *, rate=("450.000", "1.000.000"), count="170.000", notes=None, send=True):
    """The unit phong_a's figures for a period, saved by its staff and (send) sent by its head."""
    submission = services.submission_open(period=period, unit=world.phong_a, user=world.staff)
    by_code = {v.target.indicator.code: v.pk for v in submission.values.select_related("target__indicator")}
    notes = notes or {}
    figures = {
        by_code["dai-truyen-thanh-ip"]: {
            "numerator": rate[0],
            "denominator": rate[1],
            "note": notes.get("dai-truyen-thanh-ip", ""),
        },
        by_code["so-tram"]: {"value": count, "note": notes.get("so-tram", "")},
        by_code["ke-hoach-cds"]: {"done": "1", "done_on": "15/03/2023"},
    }
    services.submission_save(submission=submission, user=world.staff, version=submission.version, figures=figures)
    submission = Submission.objects.get(pk=submission.pk)
    if send:
        submission = services.submission_submit(submission=submission, user=world.head)
    return submission


def test_the_form_shows_the_flag(setup, world, login):
    _report(world, setup.period)
    current = _report(world, setup.annual, count="170", send=False)
    body = login(world.staff).get(reverse("indicators:submission_detail", args=[current.pk])).content.decode()
    assert "Chỉ bằng 1/1.000 kỳ trước (170.000 → 170)" in body


def test_sending_a_flagged_figure_without_a_note_is_refused(setup, world):
    _report(world, setup.period)
    current = _report(world, setup.annual, rate=("480", "1.000.000"), send=False)
    with pytest.raises(DomainError) as refused:
        services.submission_submit(submission=current, user=world.head)
    message = refused.value.message
    assert "Tỷ lệ đài truyền thanh cơ sở ứng dụng CNTT-VT (Tử số chỉ bằng 1/938 kỳ trước (450.000 → 480))" in message
    assert "“Ghi chú”" in message and "Số trạm" not in message
    assert Submission.objects.get(pk=current.pk).status == "nhap"
    assert Value.objects.get(submission=current, target=setup.rate).numerator == 480  # kept as draft


def test_sending_a_flagged_figure_with_a_note_passes(setup, world):
    _report(world, setup.period)
    note = {"dai-truyen-thanh-ip": "Năm nay chỉ tính xã đã nghiệm thu, số liệu đúng."}
    current = _report(world, setup.annual, rate=("480", "1.000.000"), notes=note, send=False)
    assert services.submission_submit(submission=current, user=world.head).status == "da_gui"


def test_sending_from_the_page_keeps_the_figures_and_says_why(setup, world, login):
    _report(world, setup.period)
    current = _report(world, setup.annual, send=False)
    value = Value.objects.get(submission=current, target=setup.count)
    client = login(world.head)
    url = reverse("indicators:submission_detail", args=[current.pk])
    data = {"version": current.version, "action": "send", f"v{value.pk}-value": "170", f"v{value.pk}-note": ""}
    response = client.post(url, data, follow=True)
    body = response.content.decode()
    assert "Chưa gửi được" in body and "Số trạm truyền thanh hoạt động" in body
    assert Submission.objects.get(pk=current.pk).status == "nhap"
    assert Value.objects.get(pk=value.pk).value == 170


def test_review_queue_counts_flagged_figures_in_a_fixed_number_of_queries(
    setup, world, login, django_assert_num_queries
):
    from campaigns.models import Role
    from campaigns.tests.factories import UserFactory, grant, make_unit

    _report(world, setup.period)
    flagged = _report(
        world,
        setup.annual,
        rate=("480", "1.000.000"),
        count="17",
        notes={"dai-truyen-thanh-ip": "đúng", "so-tram": "x"},
    )
    client = login(world.office)
    url = reverse("indicators:period_detail", args=[setup.annual.pk])
    body = client.get(url).content.decode()
    assert "2 số liệu bất thường" in body
    assert reverse("indicators:submission_detail", args=[flagged.pk]) in body

    def add_units(n):
        for i in range(n):
            unit = make_unit(world.so_a, name=f"Đơn vị thêm {i:03d}")
            person = UserFactory()
            grant(person, unit, Role.LANH_DAO)
            for period, count in ((setup.period, "100"), (setup.annual, "1")):
                sub = services.submission_open(period=period, unit=unit, user=person)
                figures = {
                    v.pk: {"value": count, "note": "đã kiểm tra"}
                    if v.target_id == setup.count.pk
                    else {"numerator": "1", "denominator": "2"}
                    if v.target_id == setup.rate.pk
                    else {"done": "1", "done_on": "15/03/2023"}
                    for v in sub.values.all()
                }
                services.submission_save(submission=sub, user=person, version=sub.version, figures=figures)
                services.submission_submit(submission=Submission.objects.get(pk=sub.pk), user=person)

    add_units(2)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add_units(8)
    with django_assert_num_queries(len(few)):
        body = client.get(url).content.decode()
    assert body.count("1 số liệu bất thường") == 10
    ids = list(Submission.objects.filter(period=setup.annual).values_list("pk", flat=True))
    with django_assert_num_queries(3):
        counts = plausibility.flagged_counts(submission_ids=ids)
    assert counts[flagged.pk] == 2 and len(counts) == 11
    # The queue's count on plain numbers agrees, submission by submission, with the texts the form shows.
    by_texts: dict[int, int] = {}
    for item in plausibility.check_values(queryset=Value.objects.filter(submission_id__in=ids)):
        if item.flags:
            by_texts[item.value.submission_id] = by_texts.get(item.value.submission_id, 0) + 1
    assert counts == by_texts


# --- check_figures ------------------------------------------------------------------------------------------


def _check(*args):
    out = StringIO()
    call_command("check_figures", *args, stdout=out)
    return out.getvalue()


def test_check_figures_finds_what_the_old_parser_stored(setup, world, django_assert_num_queries):
    _report(world, setup.period, count="170")
    current = _report(world, setup.annual, count="168", notes={"dai-truyen-thanh-ip": "x"})
    # What the old parser made of "168.900" and of "480.000" / "1.000.000" (stored directly, as it did).
    Value.objects.filter(submission=current, target=setup.count).update(value=Decimal("168.9"))
    Value.objects.filter(submission=current, target=setup.rate).update(
        numerator=Decimal(480), denominator=Decimal(1_000_000), value=Decimal("0.048")
    )
    with django_assert_num_queries(3):
        out = _check()
    lines = out.splitlines()
    assert len(lines) == 3 and lines[-1] == "Tổng cộng 2 số liệu nghi sai."
    rate_line = next(line for line in lines if "Tỷ lệ đài truyền thanh" in line)
    assert rate_line.startswith("Phòng CNTT tỉnh A | Báo cáo năm 2023")
    assert "lưu: 480/1.000.000 (0,048 %) | kỳ trước: 450.000/1.000.000 (45 %)" in rate_line
    assert "Tử số chỉ bằng 1/938 kỳ trước (450.000 → 480)" in rate_line
    count_line = next(line for line in lines if "Số trạm" in line)
    assert "lưu: 168,9 | kỳ trước: 170" in count_line
    assert "không phải số nguyên (168,9), có thể là “168.900”" in count_line
    with django_assert_num_queries(5):
        assert _check("--campaign", str(setup.campaign.pk), "--period", str(setup.annual.pk)) == out
    assert _check("--period", str(setup.period.pk)) == "Không thấy số liệu nghi sai.\n"


def test_check_figures_finds_a_part_below_one_after_thousands(setup, world):
    _report(world, setup.period)
    current = _report(world, setup.annual, notes={"dai-truyen-thanh-ip": "x"})
    Value.objects.filter(submission=current, target=setup.rate).update(
        numerator=Decimal("0.45"), value=Decimal("0.000045")
    )
    assert "Tử số nhỏ hơn 1 (0,45), kỳ trước là 450.000" in _check()


def test_check_figures_on_clean_data_finds_nothing(setup, world):
    _report(world, setup.period)
    _report(world, setup.annual, rate=("460.000", "1.000.000"), count="171.000")
    assert _check() == "Không thấy số liệu nghi sai.\n"
    assert _check("--campaign", str(setup.campaign.pk)) == "Không thấy số liệu nghi sai.\n"


def test_the_send_refuses_exactly_what_the_form_and_the_review_queue_flag(setup, world, login):
    """One rule, one previous period: the flags the form shows, those check_values (the queue, check_figures)
    finds, and those the send refuses are the same."""
    _report(world, setup.period)
    current = _report(world, setup.annual, rate=("480", "1.000.000"), count="170", send=False)
    expected = {
        item.value.target.indicator.name: item.flags
        for item in plausibility.check_values(queryset=Value.objects.filter(submission=current))
        if item.flags
    }
    assert len(expected) == 2
    with pytest.raises(DomainError) as refused:
        services.submission_submit(submission=current, user=world.head)
    body = login(world.staff).get(reverse("indicators:submission_detail", args=[current.pk])).content.decode()
    for name, flags in expected.items():
        assert f"{name} ({'; '.join(flags)})" in refused.value.message
        for flag in flags:
            assert html.escape(flag, quote=False) in body
