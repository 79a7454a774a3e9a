"""The targets form costs the same queries whatever its row count, and a tampered row count is refused at once."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.forms import MAX_TARGET_ROWS
from indicators.models import Indicator, Target
from indicators.tests.factories import make_setup

pytestmark = pytest.mark.django_db


def _add_targets(campaign, count: int) -> None:
    indicators = Indicator.objects.bulk_create(
        Indicator(code=f"ct-{campaign.pk}-{i}", name=f"Chỉ tiêu {i}", measure="count", entry="number")
        for i in range(count)
    )
    Target.objects.bulk_create(
        Target(campaign=campaign, indicator=indicator, comparator="gte", value=Decimal(i), order=10 + i)
        for i, indicator in enumerate(indicators)
    )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_page_runs_the_same_queries_for_3_or_43_targets(world, login):
    setup = make_setup(world)
    client = login(world.office)
    url = reverse("indicators:campaign_targets_edit", args=[setup.campaign.pk])
    client.get(url)  # the first request after signing in also writes the session's expiry
    few = _queries(client, url)
    _add_targets(setup.campaign, 40)
    assert _queries(client, url) == few


def test_saving_many_rows_validates_them_without_a_query_per_row(world, login):
    setup = make_setup(world)
    _add_targets(setup.campaign, 40)
    client = login(world.office)
    url = reverse("indicators:campaign_targets_edit", args=[setup.campaign.pk])
    page = client.get(url)
    form = page.context["formset"]
    data = {f"chi-tieu-{key}": value for key, value in form.management_form.initial.items()}
    for i, row in enumerate(form.forms):
        for name, field in row.fields.items():
            value = row[name].value()
            if value is not None and name != "DELETE":
                data[f"chi-tieu-{i}-{name}"] = value.isoformat() if hasattr(value, "isoformat") else value
    data["chi-tieu-0-note"] = "Đã rà soát"
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)
    assert response.status_code == 302, response.context["formset"].errors if response.context else response
    assert Target.objects.get(pk=setup.rate.pk).note == "Đã rà soát"
    # Django's model validation still checks each row's foreign keys exist (SELECT 1 …); the list itself, the
    # rows' indicators and the choices are fetched once, not once per row.
    lists = [q for q in queries if q["sql"].startswith('SELECT "indicators_indicator"."id"')]
    assert len(lists) == 1, "the indicator list is fetched once, not once per row"


def test_a_tampered_row_count_is_refused_quickly_and_saves_nothing(world, login):
    setup = make_setup(world)
    client = login(world.office)
    url = reverse("indicators:campaign_targets_edit", args=[setup.campaign.pk])
    data = {
        "chi-tieu-TOTAL_FORMS": "99999",
        "chi-tieu-INITIAL_FORMS": "0",
        "chi-tieu-MIN_NUM_FORMS": "0",
        "chi-tieu-MAX_NUM_FORMS": "99999",
    }
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, data)
    assert response.status_code == 200
    assert len(queries) < 50
    assert f"Chỉ gửi được tối đa {MAX_TARGET_ROWS} dòng mỗi lần." in response.content.decode()
    assert Target.objects.filter(campaign=setup.campaign).count() == 3
