"""Four eyes: whoever sent figures or a dossier does not approve them (accept it as valid) too, even holding both
roles — unless their Sở turned the rule off, with a reason that is kept and logged."""

from __future__ import annotations

import logging

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards import services as award_services
from awards.models import DossierEvent
from awards.tests.factories import make_dossier
from campaigns import services
from campaigns.models import FourEyesRule, Role
from campaigns.tests.factories import UserFactory, grant
from emulation.lib.errors import DomainError
from indicators import services as indicator_services
from indicators.models import SubmissionEvent

NOT_YOURS = "không thể tự duyệt"


@pytest.fixture
def both(world):
    """The head of phòng A who is also in Sở A's Văn phòng: may send and may review."""
    person = UserFactory(username="hai_vai")
    grant(person, world.phong_a, Role.LANH_DAO)
    grant(person, world.so_a, Role.VAN_PHONG)
    return person


@pytest.fixture
def director(world):
    person = UserFactory(username="giam_doc")
    grant(person, world.so_a, Role.LANH_DAO)
    return person


def _sent_figures(world, sender):
    from indicators.tests.factories import make_setup

    setup = make_setup(world)
    submission = indicator_services.submission_open(period=setup.period, unit=world.phong_a, user=sender)
    ids = {v.target.indicator.code: v.pk for v in submission.values.select_related("target__indicator")}
    figures = {
        ids["dai-truyen-thanh-ip"]: {"numerator": "45", "denominator": "50"},
        ids["so-tram"]: {"value": "120"},
        ids["ke-hoach-cds"]: {"done": "1", "done_on": "15/03/2023"},
    }
    submission = indicator_services.submission_save(
        submission=submission, user=sender, version=submission.version, figures=figures
    )
    return indicator_services.submission_submit(submission=submission, user=sender)


def _dossier_in_review(world, sender, office):
    dossier = award_services.dossier_send(dossier=make_dossier(world), user=sender)
    return award_services.dossier_receive(dossier=dossier, user=office)


# --- The rule on (the default) ----------------------------------------------------------------------------------


def test_the_sender_cannot_approve_their_own_figures(world, both):
    sent = _sent_figures(world, both)
    with pytest.raises(DomainError, match=NOT_YOURS) as refused:
        indicator_services.submission_approve(submission=sent, user=both)
    assert "Văn phòng Sở" in refused.value.message
    sent.refresh_from_db()
    assert sent.status == "da_gui"
    approved = indicator_services.submission_approve(submission=sent, user=world.office)  # another person may
    assert approved.status == "da_duyet" and approved.reviewed_by == world.office


def test_the_sender_cannot_accept_their_own_dossier(world, both):
    dossier = _dossier_in_review(world, both, both)  # receiving for review is not accepting
    with pytest.raises(DomainError, match="không thể tự công nhận hợp lệ"):
        award_services.dossier_accept(dossier=dossier, user=both)
    dossier.refresh_from_db()
    assert dossier.status == "dang_tham_dinh"
    assert award_services.dossier_accept(dossier=dossier, user=world.office).status == "hop_le"


def test_the_page_says_why(world, both, login):
    sent = _sent_figures(world, both)
    response = login(both).post(
        reverse("indicators:submission_review", kwargs={"pk": sent.pk, "action": "duyet"}), follow=True
    )
    assert NOT_YOURS in response.content.decode()
    sent.refresh_from_db()
    assert sent.status == "da_gui"


def test_someone_else_who_sent_does_not_block_the_office(world):
    sent = _sent_figures(world, world.head)
    assert indicator_services.submission_approve(submission=sent, user=world.office).status == "da_duyet"


# --- A Sở turns it off, with a reason -----------------------------------------------------------------------


def test_a_so_turns_the_rule_off_with_a_reason_and_the_approval_says_so(world, both, director, caplog):
    with pytest.raises(ValidationError, match="lý do"):
        services.four_eyes_set(unit=world.so_a, user=director, required=False, reason="   ")
    assert not FourEyesRule.objects.exists()

    with caplog.at_level(logging.WARNING, logger="campaigns.services"):
        rule = services.four_eyes_set(
            unit=world.so_a, user=director, required=False, reason="Văn phòng chỉ có một cán bộ  phụ trách."
        )
    assert "turned OFF" in caplog.text and "giam_doc" in caplog.text
    assert rule.reason == "Văn phòng chỉ có một cán bộ phụ trách." and rule.changed_by == director
    change = rule.history.latest()
    assert change.history_user == director and change.history_change_reason == rule.reason

    sent = _sent_figures(world, both)
    approved = indicator_services.submission_approve(submission=sent, user=both)
    assert approved.status == "da_duyet"
    event = SubmissionEvent.objects.filter(submission=approved).latest("pk")
    assert "Người gửi tự duyệt" in event.reason and rule.reason in event.reason

    dossier = _dossier_in_review(world, both, both)
    assert award_services.dossier_accept(dossier=dossier, user=both).status == "hop_le"
    assert "Người gửi tự duyệt" in DossierEvent.objects.filter(dossier=dossier).latest("pk").reason

    # On again: the sender is refused again, and both changes are in the history.
    services.four_eyes_set(unit=world.so_a, user=director, required=True, reason="")
    again = _sent_figures_next_period(sent.period.campaign, world, both)
    with pytest.raises(DomainError, match=NOT_YOURS):
        indicator_services.submission_approve(submission=again, user=both)
    assert [h.required for h in FourEyesRule.objects.get().history.order_by("history_date")] == [False, True]


def _sent_figures_next_period(campaign, world, sender):
    period = campaign.reporting_periods.get(kind="nam")
    submission = indicator_services.submission_open(period=period, unit=world.phong_a, user=sender)
    figures = {v.pk: _figure(v) for v in submission.values.select_related("target__indicator")}
    submission = indicator_services.submission_save(
        submission=submission, user=sender, version=submission.version, figures=figures
    )
    return indicator_services.submission_submit(submission=submission, user=sender)


def _figure(value) -> dict:
    return {
        "dai-truyen-thanh-ip": {"numerator": "46", "denominator": "50"},
        "so-tram": {"value": "121"},
        "ke-hoach-cds": {"done": "1", "done_on": "15/03/2023"},
    }[value.target.indicator.code]


def test_another_sos_exemption_does_not_apply(world, director):
    """Sở B's lifting the rule changes nothing for province A."""
    director_b = UserFactory(username="giam_doc_b")
    grant(director_b, world.so_b, Role.LANH_DAO)
    services.four_eyes_set(unit=world.so_b, user=director_b, required=False, reason="Ít cán bộ.")
    person = UserFactory(username="hai_vai_a")
    grant(person, world.phong_a, Role.LANH_DAO)
    grant(person, world.so_a, Role.VAN_PHONG)
    sent = _sent_figures(world, person)
    with pytest.raises(DomainError, match=NOT_YOURS):
        indicator_services.submission_approve(submission=sent, user=person)


@pytest.mark.parametrize("who", ["office", "staff", "head", "council", "board", "office_b"])
def test_only_the_sos_head_or_an_administrator_changes_the_rule(world, who):
    """Văn phòng Sở, which approves, does not lift the check on its own approvals."""
    with pytest.raises(DomainError, match="Chỉ lãnh đạo Sở hoặc quản trị"):
        services.four_eyes_set(unit=world.so_a, user=getattr(world, who), required=False, reason="Thử.")
    assert not FourEyesRule.objects.exists()
    services.four_eyes_set(unit=world.so_a, user=world.admin, required=False, reason="Quản trị tắt theo văn bản.")
    assert not FourEyesRule.objects.get().required


def test_the_rule_belongs_to_a_so_not_to_a_phong(world):
    with pytest.raises(DomainError):
        services.four_eyes_set(unit=world.phong_a, user=world.admin, required=False, reason="Thử.")


def test_the_so_page_shows_the_rule_and_its_head_changes_it(world, director, login):
    url = reverse("campaigns:unit_detail", kwargs={"pk": world.so_a.pk})
    office_page = login(world.office).get(url).content.decode()
    assert "Nguyên tắc người duyệt khác người gửi" in office_page and "Đang áp dụng" in office_page
    assert reverse("campaigns:unit_four_eyes", kwargs={"pk": world.so_a.pk}) not in office_page  # no form

    client = login(director)
    assert reverse("campaigns:unit_four_eyes", kwargs={"pk": world.so_a.pk}) in client.get(url).content.decode()
    post = reverse("campaigns:unit_four_eyes", kwargs={"pk": world.so_a.pk})
    refused = client.post(post, {"required": "0", "reason": ""})
    assert refused.status_code == 400 and "Vui lòng ghi lý do" in refused.content.decode()
    assert not FourEyesRule.objects.exists()
    response = client.post(post, {"required": "0", "reason": "Văn phòng một người."}, follow=True)
    page = response.content.decode()
    assert "Không áp dụng" in page and "Văn phòng một người." in page
    assert login(world.office).post(post, {"required": "1", "reason": ""}).status_code == 403
    assert not FourEyesRule.objects.get().required
