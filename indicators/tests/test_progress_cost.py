"""The dashboard costs the same whatever the number of units: aggregates cached under a key that changes with the
figures, long per-unit lists and the completeness table a page at a time. Query counts, never times; and the
figures it shows are the one evaluation's (selectors.campaign_progress)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import Role
from campaigns.tests.factories import UserFactory, grant, make_unit
from indicators import progress, selectors, services
from indicators.models import Submission
from indicators.tests.factories import make_setup


@pytest.fixture
def setup(world):
    return make_setup(world)


def _figures(submission, count: str) -> dict:
    values = {v.target.indicator.code: v.pk for v in submission.values.select_related("target__indicator")}
    return {
        values["dai-truyen-thanh-ip"]: {"numerator": "45", "denominator": "50"},
        values["so-tram"]: {"value": count},
        values["ke-hoach-cds"]: {"done": "1", "done_on": "15/03/2023"},
    }


def _add_units(world, setup, n: int, start: int = 0) -> None:
    """n more units under Sở A, each having sent its figures for the period (a count of 90 + its number)."""
    for i in range(start, start + n):
        unit = make_unit(world.so_a, name=f"Đơn vị thêm {i:03d}")
        head = UserFactory()
        grant(head, unit, Role.LANH_DAO)
        sub = services.submission_open(period=setup.period, unit=unit, user=head)
        services.submission_save(submission=sub, user=head, version=sub.version, figures=_figures(sub, str(90 + i)))
        services.submission_submit(submission=Submission.objects.get(pk=sub.pk), user=head)


def _count(client, url: str, **headers) -> int:
    client.get(url, headers=headers)  # computes and caches the aggregates
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, headers=headers).status_code == 200
    return len(ctx)


def _urls(setup) -> dict[str, tuple[str, dict]]:
    campaign, period = setup.campaign, setup.period
    return {
        "dashboard": (reverse("indicators:campaign_progress", args=[campaign.pk]) + f"?ky={period.pk}", {}),
        "units of a target": (
            reverse("indicators:progress_units", args=[campaign.pk, setup.count.pk]) + f"?ky={period.pk}",
            {"HX-Request": "true"},
        ),
        "completeness page": (
            reverse("indicators:progress_completeness", args=[campaign.pk]) + f"?ky={period.pk}&trang=1",
            {"HX-Request": "true"},
        ),
    }


def test_dashboard_and_its_lazy_parts_make_as_many_queries_at_10_units_as_at_60(setup, world, login):
    client = login(world.office)
    _add_units(world, setup, 8)  # with phong_a, phong_a2: 10 units
    few = {name: _count(client, url, **h) for name, (url, h) in _urls(setup).items()}
    _add_units(world, setup, 50, start=8)
    many = {name: _count(client, url, **h) for name, (url, h) in _urls(setup).items()}
    assert many == few


def test_a_long_list_is_read_when_opened_with_the_same_figures_as_the_one_evaluation(setup, world, login):
    _add_units(world, setup, progress.INLINE_UNITS + 2)
    client = login(world.office)
    url = reverse("indicators:campaign_progress", args=[setup.campaign.pk])
    page = client.get(url, {"ky": setup.period.pk}).content.decode()
    assert f"{progress.INLINE_UNITS + 2} đơn vị có số liệu" in page and "Xem theo đơn vị" in page
    _, rows = selectors.campaign_progress(campaign=setup.campaign, period=setup.period, user=world.office)
    row = next(r for r in rows if r.target == setup.count)
    units_url = reverse("indicators:progress_units", args=[setup.campaign.pk, setup.count.pk])
    lazy = client.get(units_url, {"ky": setup.period.pk}, headers={"HX-Request": "true"}).content.decode()
    for unit, cell in row.listed:
        assert f'{unit.display_name}: <span class="figure">{cell.text}</span> <span class="badge' in lazy
    full = client.get(units_url, {"ky": setup.period.pk}).content.decode()  # without htmx: a page of its own
    assert "Quay lại trang tiến độ" in full and row.listed[0][0].display_name in full


def test_the_cached_figures_change_as_soon_as_a_unit_sends(setup, world, login):
    client = login(world.office)
    url = reverse("indicators:campaign_progress", args=[setup.campaign.pk])
    _add_units(world, setup, 1)
    before = client.get(url, {"ky": setup.period.pk}).context["counts"]
    _add_units(world, setup, 1, start=1)
    after = client.get(url, {"ky": setup.period.pk}).context["counts"]
    assert sum(after.values()) == sum(before.values()) + 3  # one more unit × three targets judged


def test_the_completeness_table_is_paginated_and_reminds_every_page(setup, world, login):
    _add_units(world, setup, progress.UNITS_PER_PAGE + 1)  # with phong_a, phong_a2 (not sent): 53 units
    client = login(world.office)
    url = reverse("indicators:campaign_progress", args=[setup.campaign.pk])
    first = client.get(url, {"ky": setup.period.pk}).content.decode()
    assert "trang 1/2" in first and "Nhắc tất cả" in first
    second = client.get(
        reverse("indicators:progress_completeness", args=[setup.campaign.pk]),
        {"ky": setup.period.pk, "trang": 2},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "trang 2/2" in second and "<html" not in second
