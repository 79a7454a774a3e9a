"""“Nhập số liệu”: from the navigation, choose unit × period, then the form — created on first opening, reopened
after — and the periods still to send, one click each; only a unit's cán bộ and lãnh đạo, only their units."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from campaigns.tests.factories import make_campaign
from indicators.models import Submission
from indicators.tests.factories import make_setup

URL = "indicators:data_entry"


@pytest.fixture
def setup(world):
    return make_setup(world)


def test_the_navigation_leads_those_who_enter_figures(world, login):
    assert reverse(URL) in login(world.staff).get(reverse("home")).content.decode()
    assert reverse(URL) in login(world.head).get(reverse("home")).content.decode()
    assert reverse(URL) not in login(world.office).get(reverse("home")).content.decode()


def test_choosing_unit_and_period_opens_the_form_once(setup, world, login):
    client = login(world.staff)
    page = client.get(reverse(URL)).content.decode()
    assert "— Chọn kỳ báo cáo —" in page and setup.campaign.title in page
    response = client.post(reverse(URL), {"don_vi": world.phong_a.pk, "ky": setup.annual.pk})
    submission = Submission.objects.get(period=setup.annual, unit=world.phong_a)
    assert response.status_code == 302
    assert response["Location"] == reverse("indicators:submission_detail", args=[submission.pk])
    assert submission.status == "nhap" and submission.values.count() == 3
    again = client.post(reverse(URL), {"don_vi": world.phong_a.pk, "ky": setup.annual.pk})
    assert again["Location"] == response["Location"] and Submission.objects.count() == 1


def test_the_inbox_link_preselects_the_unit_and_period(setup, world, login):
    page = login(world.staff).get(reverse(URL), {"don_vi": world.phong_a.pk, "ky": setup.period.pk})
    form = page.context["form"]
    assert form["don_vi"].value() == world.phong_a.pk and form["ky"].value() == setup.period.pk


@pytest.mark.parametrize(
    ("case", "unit", "period"),
    [
        ("another unit of the Sở", "phong_a2", "period"),
        ("another province's unit", "phong_b", "period"),
        ("another province's campaign", "phong_a", "other"),
        ("nothing chosen", None, None),
    ],
)
def test_a_unit_or_period_not_ones_own_is_refused_on_the_form(setup, world, login, case, unit, period):
    other = make_campaign(world.so_b, start_date=dt.date(2023, 1, 1), end_date=dt.date(2023, 12, 31))
    periods = {"period": setup.period, "other": other.reporting_periods.first()}
    data = {"don_vi": getattr(world, unit).pk if unit else "", "ky": periods[period].pk if period else ""}
    response = login(world.staff).post(reverse(URL), data)
    assert response.status_code == 400
    assert "data-form-errors" in response.content.decode()
    assert not Submission.objects.exists()


def test_only_a_units_people_enter_figures(world, login):
    assert login(world.office).get(reverse(URL)).status_code == 403
    assert login(world.board).get(reverse(URL)).status_code == 403


def test_periods_still_to_send_are_listed_with_their_state(setup, world, login):
    Submission.objects.create(period=setup.period, unit=world.phong_a, status="tra_lai", return_reason="Sửa lại")
    Submission.objects.create(period=setup.annual, unit=world.phong_a2, status="nhap")  # not the staff's unit
    import time_machine

    with time_machine.travel(dt.datetime(2023, 12, 1, 9, tzinfo=dt.UTC), tick=False):
        body = login(world.staff).get(reverse(URL)).content.decode()
    assert "Sửa và gửi lại" in body and "Bắt đầu nhập" in body
    assert reverse("indicators:submission_start", args=[setup.annual.pk, world.phong_a.pk]) in body
    assert reverse("indicators:submission_start", args=[setup.annual.pk, world.phong_a2.pk]) not in body
