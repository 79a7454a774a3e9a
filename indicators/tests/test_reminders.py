"""“Nhắc đơn vị” on the completeness table: one click, logged, at most once a day per unit, e-mailed once to the
unit's cán bộ and lãnh đạo; units outside the Sở's scope are 404, readers 403. And the progress page: it opens on
the latest period with figures, and every completeness cell links to its submission."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Role
from campaigns.tests.factories import UserFactory, grant, make_campaign
from indicators import services
from indicators.models import Submission, SubmissionReminder
from indicators.tests.factories import make_setup


@pytest.fixture
def setup(world):
    return make_setup(world)


def _remind(client, period, **data):
    return client.post(reverse("indicators:period_remind", args=[period.pk]), data)


def _button(body: str, period, unit) -> bool:
    """Is there a "Nhắc" button for this unit and period on the page?"""
    import re

    action = re.escape(reverse("indicators:period_remind", args=[period.pk]))
    return bool(
        re.search(
            rf'action="{action}"[^>]*>[^<]*<input[^>]*>\s*<input type="hidden" name="don_vi" value="{unit.pk}">', body
        )
    )


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_office_reminds_a_unit_once_a_day(setup, world, login, mailoutbox, django_capture_on_commit_callbacks):
    second_head = UserFactory(email="truongphong.bcvt@example.invalid")
    grant(second_head, world.phong_a2, Role.LANH_DAO)
    client = login(world.office)
    with django_capture_on_commit_callbacks(execute=True):
        response = _remind(client, setup.period, don_vi=world.phong_a2.pk)
    assert response.status_code == 302
    assert response["Location"].endswith(f"?ky={setup.period.pk}")
    [reminder] = SubmissionReminder.objects.all()
    assert (reminder.unit, reminder.period, reminder.sent_by) == (world.phong_a2, setup.period, world.office)
    assert reminder.day == timezone.localdate() and reminder.recipients == 1 and reminder.mailed_at
    [mail] = mailoutbox
    assert mail.to == ["truongphong.bcvt@example.invalid"]
    assert "Nhắc gửi báo cáo 6 tháng đầu năm 2023" in mail.subject
    assert "Kính gửi Phòng BCVT tỉnh A" in mail.body and "Hạn gửi: 15/06/2023" in mail.body

    with django_capture_on_commit_callbacks(execute=True):
        again = _remind(client, setup.period, don_vi=world.phong_a2.pk)
    assert SubmissionReminder.objects.count() == 1 and len(mailoutbox) == 1
    at = timezone.localtime(reminder.sent_at)
    assert any(f"hôm nay lúc {at:%H:%M}" in m and "một lần mỗi ngày" in m for m in _messages(again))


def test_a_reminder_from_yesterday_does_not_stop_todays(setup, world, login):
    SubmissionReminder.objects.create(
        period=setup.period, unit=world.phong_a2, sent_by=world.office, day=timezone.localdate() - dt.timedelta(1)
    )
    _remind(login(world.office), setup.period, don_vi=world.phong_a2.pk)
    assert SubmissionReminder.objects.filter(day=timezone.localdate()).count() == 1


def test_the_database_refuses_a_second_reminder_the_same_day(setup, world):
    from django.db import IntegrityError, transaction

    today = timezone.localdate()
    SubmissionReminder.objects.create(period=setup.period, unit=world.phong_a, sent_by=world.office, day=today)
    with pytest.raises(IntegrityError), transaction.atomic():
        SubmissionReminder.objects.create(period=setup.period, unit=world.phong_a, sent_by=world.office, day=today)


@pytest.mark.parametrize(
    ("who", "unit", "status"),
    [
        ("office", "phong_b", 404),  # another province's unit: not the Sở's to remind
        ("office_b", "phong_a", 404),  # another province's office: the campaign is not even visible
        ("board", "phong_a", 403),  # Ban TĐKT reads the table, reminds nobody
        ("council", "phong_a", 403),
        ("staff", "phong_a", 403),
    ],
)
def test_who_may_remind_whom(setup, world, login, who, unit, status):
    response = _remind(login(getattr(world, who)), setup.period, don_vi=getattr(world, unit).pk)
    assert response.status_code == status
    assert not SubmissionReminder.objects.exists()


@pytest.mark.parametrize("value", ["", "abc", "99999999999999999999999"])
def test_a_tampered_unit_is_404(setup, world, login, value):
    assert _remind(login(world.office), setup.period, don_vi=value).status_code == 404


def test_a_unit_that_has_sent_is_not_reminded(setup, world, login):
    Submission.objects.create(period=setup.period, unit=world.phong_a, status="da_gui", submitted_at=timezone.now())
    response = _remind(login(world.office), setup.period, don_vi=world.phong_a.pk)
    assert not SubmissionReminder.objects.exists()
    assert any("đã gửi" in m and "không cần nhắc" in m for m in _messages(response))


def test_remind_all_reminds_every_unit_still_missing_once(setup, world, login):
    Submission.objects.create(period=setup.period, unit=world.phong_a, status="da_duyet", submitted_at=timezone.now())
    client = login(world.office)
    _remind(client, setup.period, tat_ca="1")
    assert list(SubmissionReminder.objects.values_list("unit", flat=True)) == [world.phong_a2.pk]
    response = _remind(client, setup.period, tat_ca="1")
    assert SubmissionReminder.objects.count() == 1
    assert any("đã được nhắc" in m for m in _messages(response))


def test_a_redelivered_mail_job_sends_once(setup, world, mailoutbox):
    reminder = SubmissionReminder.objects.create(
        period=setup.period, unit=world.phong_a, sent_by=world.office, day=timezone.localdate()
    )
    assert services.submission_reminder_mail(reminder_id=reminder.pk) == 2  # the unit's cán bộ and lãnh đạo
    assert services.submission_reminder_mail(reminder_id=reminder.pk) == 0
    assert len(mailoutbox) == 1 and sorted(mailoutbox[0].to) == sorted([world.staff.email, world.head.email])


def test_a_mail_server_that_is_down_does_not_fail_the_click(
    setup, world, login, monkeypatch, django_capture_on_commit_callbacks
):
    def down(*args, **kwargs):
        raise OSError("SMTP server unreachable")

    monkeypatch.setattr("django.core.mail.send_mail", down)
    with django_capture_on_commit_callbacks(execute=True):
        response = _remind(login(world.office), setup.period, don_vi=world.phong_a.pk)
    assert response.status_code == 302
    reminder = SubmissionReminder.objects.get()
    assert reminder.mailed_at is None  # logged; the task retries the mail


# --- The completeness table --------------------------------------------------------------------------------------


def test_completeness_cells_link_to_their_submissions_and_offer_reminders(setup, world, login):
    sent = Submission.objects.create(
        period=setup.period, unit=world.phong_a, status="da_gui", submitted_at=timezone.now()
    )
    url = reverse("indicators:campaign_progress", args=[setup.campaign.pk])
    body = login(world.office).get(url, {"ky": setup.period.pk}).content.decode()
    assert reverse("indicators:submission_detail", args=[sent.pk]) in body
    assert _button(body, setup.period, world.phong_a2)
    assert not _button(body, setup.period, world.phong_a)  # it has sent
    assert _button(body, setup.annual, world.phong_a)
    assert "Nhắc tất cả" in body
    board = login(world.board).get(url, {"ky": setup.period.pk}).content.decode()
    assert reverse("indicators:submission_detail", args=[sent.pk]) in board and 'name="don_vi"' not in board


def test_a_reminded_cell_says_when(setup, world, login):
    SubmissionReminder.objects.create(
        period=setup.period, unit=world.phong_a2, sent_by=world.office, day=timezone.localdate()
    )
    url = reverse("indicators:campaign_progress", args=[setup.campaign.pk])
    body = login(world.office).get(url, {"ky": setup.period.pk}).content.decode()
    assert "Đã nhắc " in body
    assert not _button(body, setup.period, world.phong_a2)
    assert _button(body, setup.annual, world.phong_a2)


def test_the_progress_page_opens_on_the_latest_period_with_figures(world, login):
    campaign = make_campaign(world.so_a, start_date=dt.date(2024, 1, 1), end_date=dt.date(2025, 12, 31))
    with_figures = campaign.reporting_periods.get(kind="nam", year=2024)
    Submission.objects.create(period=with_figures, unit=world.phong_a, status="da_duyet", submitted_at=timezone.now())
    # a draft of a later period is not "figures": the office cannot read it
    later = campaign.reporting_periods.get(kind="sau_thang", year=2025)
    Submission.objects.create(period=later, unit=world.phong_a, status="nhap")
    response = login(world.office).get(reverse("indicators:campaign_progress", args=[campaign.pk]))
    assert response.context["period"] == with_figures


def test_the_cells_button_answers_in_the_cell(setup, world, login):
    """With htmx the cell itself says when the reminder went, or — clicked again — when the last one did."""
    client = login(world.office)
    url = reverse("indicators:period_remind", args=[setup.period.pk])
    first = client.post(url, {"don_vi": world.phong_a2.pk}, HTTP_HX_REQUEST="true")
    sent = timezone.localtime(SubmissionReminder.objects.get().sent_at)
    assert first.status_code == 200 and f"Đã nhắc {sent:%H:%M}" in first.content.decode()
    second = client.post(url, {"don_vi": world.phong_a2.pk}, HTTP_HX_REQUEST="true").content.decode()
    assert f"hôm nay lúc {sent:%H:%M}" in second and "text-danger" in second
    assert SubmissionReminder.objects.count() == 1
