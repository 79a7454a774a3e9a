"""Events the apps record become notifications for exactly the people concerned who may read the object: once per
event and person however often the job runs, with an e-mail for those who want it at once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from awards import services as award_services
from awards.tests.factories import make_dossier
from campaigns.tests.factories import UserFactory, grant
from emulation.notifications import tasks
from emulation.notifications.models import Delivery, Kind, Notification
from emulation.reports.models import Report, ReportStatus
from indicators import services as indicator_services
from indicators.models import SubmissionEvent

from .conftest import figures

pytestmark = pytest.mark.django_db


def _of(user, **filters):
    return list(Notification.objects.filter(recipient=user, **filters))


def test_a_return_notifies_the_unit_s_staff_and_head_once_with_a_link(returned, world, mailoutbox, settings):
    for person in (world.staff, world.head):
        [notification] = _of(person, kind=Kind.SO_LIEU_TRA_LAI)
        assert notification.submission_id == returned.pk and notification.read_at is None
        assert notification.link == reverse("indicators:submission_detail", args=[returned.pk])
        assert "Văn phòng Sở trả lại số liệu báo cáo 6 tháng đầu năm 2023 của Phòng CNTT tỉnh A" in notification.text
        assert notification.text.endswith("Lý do: Một số liệu chưa khớp")
    # The office that returned it is not told of its own act; nobody else is told at all.
    assert Notification.objects.filter(kind=Kind.SO_LIEU_TRA_LAI).count() == 2
    assert sorted(m.to[0] for m in mailoutbox) == sorted([world.staff.email, world.head.email])
    mail = next(m for m in mailoutbox if m.to == [world.staff.email])
    assert mail.subject == "[Thi đua – Khen thưởng] Số liệu bị trả lại"
    notification = _of(world.staff, kind=Kind.SO_LIEU_TRA_LAI)[0]
    assert f"{settings.SITE_URL}/thong-bao/{notification.pk}/" in mail.body
    assert mail.body.startswith(f"Kính gửi {world.staff.display_name},")


def test_the_job_delivered_twice_writes_and_mails_once(returned, world, mailoutbox):
    event = SubmissionEvent.objects.get(submission=returned, to_status="tra_lai")
    for _ in range(2):
        assert tasks.notify_submission_event.apply(args=[event.pk]).get() == 0
    assert Notification.objects.filter(kind=Kind.SO_LIEU_TRA_LAI).count() == 2
    assert Delivery.objects.count() == 2 and len(mailoutbox) == 2


def test_sending_again_marks_the_return_read(returned, world, committed):
    fixed = indicator_services.submission_save(
        submission=returned, user=world.staff, version=returned.version, figures=figures(returned, count="121")
    )
    with committed():
        indicator_services.submission_submit(submission=fixed, user=world.head)
    assert all(n.read_at for n in Notification.objects.filter(kind=Kind.SO_LIEU_TRA_LAI))


def test_approval_and_reopening(sent, world, committed, mailoutbox):
    with committed():
        approved = indicator_services.submission_approve(submission=sent, user=world.office)
    assert len(_of(world.staff, kind=Kind.SO_LIEU_DUYET)) == 1
    assert mailoutbox == []  # "được duyệt" informs: by default it waits for the daily digest
    with committed():
        indicator_services.submission_reopen(submission=approved, user=world.office, reason="Sai số liệu quý II")
    [reopened] = _of(world.head, kind=Kind.SO_LIEU_MO_LAI)
    assert "mở lại" in reopened.text and "Sai số liệu quý II" in reopened.text
    assert [m.to for m in mailoutbox] in (
        [[world.staff.email], [world.head.email]],
        [[world.head.email], [world.staff.email]],
    )


def test_a_person_who_left_the_unit_is_not_notified(sent, world, committed):
    moved = UserFactory(username="chuyen.di")
    grant(moved, world.phong_a, "can_bo", valid_to=timezone.localdate() - dt.timedelta(days=1))
    with committed():
        indicator_services.submission_return(submission=sent, user=world.office, reason="Sai")
    assert not Notification.objects.filter(recipient=moved).exists()


# --- Dossiers -----------------------------------------------------------------------------------------------------


def test_a_dossier_s_way_notifies_the_office_then_the_unit(world, committed, mailoutbox):
    dossier = make_dossier(world)
    with committed():
        dossier = award_services.dossier_send(dossier=dossier, user=world.head)
    [new] = _of(world.office, kind=Kind.HO_SO_MOI)
    assert new.dossier_id == dossier.pk and "Phòng CNTT tỉnh A đã gửi hồ sơ đề nghị khen thưởng" in new.text
    assert not _of(world.staff) and not _of(world.council)  # the council reads it only once it is valid
    with committed():
        dossier = award_services.dossier_receive(dossier=dossier, user=world.office)
    assert Notification.objects.get(pk=new.pk).read_at is not None  # received: the office's item is done
    assert len(_of(world.staff, kind=Kind.HO_SO_TIEP_NHAN)) == 1
    with committed():
        dossier = award_services.dossier_request_changes(
            dossier=dossier, user=world.office, comments=[{"text": "Bổ sung biên bản có chữ ký"}]
        )
    [changes] = _of(world.head, kind=Kind.HO_SO_BO_SUNG)
    assert "Bổ sung biên bản có chữ ký" in changes.text
    assert changes.link == reverse("awards:dossier_detail", args=[dossier.pk])
    assert any(m.to == [world.head.email] and "yêu cầu bổ sung" in m.subject for m in mailoutbox)
    with committed():
        dossier = award_services.dossier_send(dossier=dossier, user=world.head)
    assert Notification.objects.get(pk=changes.pk).read_at is not None
    with committed():
        dossier = award_services.dossier_receive(dossier=dossier, user=world.office)
        award_services.dossier_accept(dossier=dossier, user=world.office)
    assert len(_of(world.staff, kind=Kind.HO_SO_HOP_LE)) == 1


def test_a_meeting_to_come_notifies_the_council_not_one_in_the_past(world, committed):
    dossier = make_dossier(world)
    data = {"members_total": 7, "members_present": 7}
    with committed():
        meeting = award_services.meeting_create(
            owner=world.so_a,
            campaign=dossier.campaign,
            user=world.office,
            data={**data, "held_on": timezone.localdate() + dt.timedelta(days=5)},
        )
        award_services.meeting_create(
            owner=world.so_a,
            campaign=dossier.campaign,
            user=world.office,
            data={**data, "held_on": dt.date(2020, 1, 1)},
        )
    [notification] = Notification.objects.filter(kind=Kind.HOP_HOI_DONG)
    assert notification.recipient == world.council and notification.meeting_id == meeting.pk
    assert "Hội đồng Thi đua – Khen thưởng Sở TT&TT tỉnh A họp ngày" in notification.text
    with committed():
        meeting.note = "Phòng họp số 2"
        meeting.save()  # the same date: nobody is told twice
    assert Notification.objects.filter(kind=Kind.HOP_HOI_DONG).count() == 1


# --- Reports ------------------------------------------------------------------------------------------------------


def test_a_finished_report_notifies_who_asked_a_failed_scheduled_one_the_office(setup, world, committed):
    asked = Report.objects.create(campaign=setup.campaign, period=setup.period, requested_by=world.board)
    scheduled = Report.objects.create(campaign=setup.campaign, period=setup.period, scheduled=True, version=2)
    with committed():
        asked.status = ReportStatus.XONG
        asked.save()
        scheduled.status, scheduled.error = ReportStatus.LOI, "Không tạo được báo cáo do lỗi hệ thống."
        scheduled.save(update_fields=["status", "error"])
        Report.objects.filter(pk=asked.pk).update(progress=100)  # progress: no signal, no notification
    assert [n.recipient for n in Notification.objects.filter(kind=Kind.BAO_CAO_XONG)] == [world.board]
    [failed] = Notification.objects.filter(kind=Kind.BAO_CAO_LOI)
    assert failed.recipient == world.office and "Không tạo được báo cáo" in failed.text


@pytest.mark.django_db
def test_a_campaign_is_named_without_repeating_phong_trào_thi_đua(world):
    from campaigns.tests.factories import make_campaign
    from emulation.notifications.events import campaign_label

    launched = make_campaign(
        world.so_a, title="Phát động phong trào thi đua “Chuyển đổi số giai đoạn 2022 - 2025” trên địa bàn tỉnh A"
    )
    assert campaign_label(launched) == "phong trào thi đua “Chuyển đổi số giai đoạn 2022 - 2025” trên địa bàn tỉnh A"
    plain = make_campaign(world.so_a, title="Thi đua thực hiện nhiệm vụ năm 2023")
    assert campaign_label(plain) == "phong trào “Thi đua thực hiện nhiệm vụ năm 2023”"
