"""The council's vote (thresholds on total membership, table-driven; the rule in force on the meeting day), the
vote page, ranking over a quota, and the decision or Tờ trình that puts awards in the register."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards import services
from awards.catalogue import load_vote_rules
from awards.models import AwardRecord, Decision, Dossier, Meeting, Nominee, Vote, VoteRule
from campaigns.catalogue import load_catalogue
from campaigns.models import AwardForm, AwardQuota, Milestone
from campaigns.tests.factories import UserFactory, make_campaign
from emulation.lib.errors import DomainError

_codes = itertools.count(1)


def _form(name="Chiến sĩ thi đua cơ sở", *, target="ca_nhan", threshold=80, valid_from=dt.date(2024, 1, 1), **rule):
    form = AwardForm.objects.create(
        code=f"hinh-thuc-{next(_codes)}", name=name, kind="danh_hieu", target=target, authority="Giám đốc Sở"
    )
    if threshold is not None:
        VoteRule.objects.create(
            award_form=form, threshold_percent=Decimal(threshold), valid_from=valid_from, secret_ballot=True, **rule
        )
    return form


def _dossier(world, campaign, form, names, *, unit=None, milestone=None, year=2025) -> Dossier:
    """A dossier of phòng A accepted by Văn phòng Sở (Hợp lệ), with one nominee per name."""
    dossier = Dossier.objects.create(
        campaign=campaign,
        unit=unit or world.phong_a,
        round_kind="nam",
        year=year,
        milestone=milestone,
        status="hop_le",
    )
    for order, name in enumerate(names):
        Nominee.objects.create(
            dossier=dossier, kind=form.target, award_form=form, full_name=name, rating="xuat_sac", order=order
        )
    return dossier


def _meeting(world, campaign, *, total=15, present=15, held_on=dt.date(2025, 6, 1)) -> Meeting:
    return services.meeting_create(
        owner=world.so_a,
        campaign=campaign,
        user=world.office,
        data={"held_on": held_on, "members_total": total, "members_present": present},
    )


def _status(dossier) -> str:
    return Dossier.objects.get(pk=dossier.pk).status


@pytest.fixture
def campaign(world):
    return make_campaign(world.so_a, title="Phong trào thi đua năm 2025", start_date=dt.date(2023, 1, 1))


# --- Thresholds ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "threshold", "total", "present", "votes_for", "votes_against", "passed"),
    [
        ("80 % of 15 = 12 passes", 80, 15, 15, 12, 3, True),
        ("11 of 15 fails", 80, 15, 15, 11, 4, False),
        ("11 present all yes still fails: counted on 15", 80, 15, 11, 11, 0, False),
        ("12 with 3 absent voting in writing", 80, 15, 12, 12, 0, True),
        ("90 %: 9 of 10 passes", 90, 10, 10, 9, 1, True),
        ("90 %: 17 of 19 fails (89,5 %)", 90, 19, 19, 17, 2, False),
        ("majority: 8 of 15 passes", Decimal("50.01"), 15, 8, 8, 0, True),
        ("majority: exactly half fails", Decimal("50.01"), 14, 14, 7, 7, False),
    ],
)
def test_threshold_is_counted_on_total_membership(
    world, campaign, case, threshold, total, present, votes_for, votes_against, passed
):
    form = _form(threshold=threshold)
    nominee = _dossier(world, campaign, form, ["Nguyễn Văn An"]).nominees.get()
    meeting = _meeting(world, campaign, total=total, present=present)
    (vote,) = services.meeting_record_votes(
        meeting=meeting, user=world.office, votes={nominee.pk: (votes_for, votes_against)}
    )
    assert vote.passed is passed, case
    assert vote.threshold_percent == Decimal(threshold)


@pytest.mark.parametrize(
    ("held_on", "threshold", "passed"),
    [(dt.date(2023, 11, 20), Decimal(70), True), (dt.date(2024, 3, 1), Decimal(80), False)],
)
def test_the_rule_in_force_on_the_meeting_day_applies(world, campaign, login, held_on, threshold, passed):
    form = _form(threshold=None)
    VoteRule.objects.create(
        award_form=form, threshold_percent=70, valid_from=dt.date(2018, 1, 1), valid_to=dt.date(2023, 12, 31)
    )
    VoteRule.objects.create(award_form=form, threshold_percent=80, valid_from=dt.date(2024, 1, 1))
    nominee = _dossier(world, campaign, form, ["Lê Văn Cũ"], year=held_on.year).nominees.get()
    meeting = _meeting(world, campaign, held_on=held_on)
    # 11 of 15 = 73,3 %: enough under the 70 % rule of 2023, not under the 80 % rule of 2024.
    (vote,) = services.meeting_record_votes(meeting=meeting, user=world.office, votes={nominee.pk: (11, 4)})
    assert (vote.passed, vote.threshold_percent) == (passed, threshold)
    body = login(world.council).get(reverse("awards:meeting_detail", args=[meeting.pk])).content.decode()
    assert f"từ {threshold:.0f} % trở lên tổng số thành viên Hội đồng" in body
    assert ("12/15" if threshold == 80 else "11/15") in body  # votes needed under the rule shown


def test_a_form_without_a_rule_that_day_cannot_be_voted(world, campaign):
    form = _form(threshold=80, valid_from=dt.date(2026, 1, 1))
    nominee = _dossier(world, campaign, form, ["Phạm Văn Sớm"]).nominees.get()
    meeting = _meeting(world, campaign)
    with pytest.raises(DomainError, match="chưa có quy tắc biểu quyết"):
        services.meeting_record_votes(meeting=meeting, user=world.office, votes={nominee.pk: (15, 0)})


def test_more_votes_than_members_is_refused(world, campaign, login):
    form = _form()
    nominee = _dossier(world, campaign, form, ["Nguyễn Văn An"]).nominees.get()
    meeting = _meeting(world, campaign, total=15, present=15)
    with pytest.raises(DomainError, match="số phiếu không hợp lệ"):
        services.meeting_record_votes(meeting=meeting, user=world.office, votes={nominee.pk: (14, 2)})
    response = login(world.office).post(
        reverse("awards:meeting_detail", args=[meeting.pk]),
        {f"dong_y_{nominee.pk}": "16", f"khong_dong_y_{nominee.pk}": "0"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "vượt tổng số thành viên hội đồng (15)" in body
    assert 'value="16"' in body  # what was typed is kept
    assert not Vote.objects.exists()


def test_meeting_create_keeps_typed_values_and_checks_present_within_total(world, campaign, login):
    client = login(world.office)
    data = {
        "owner": world.so_a.pk,
        "campaign": campaign.pk,
        "held_on": "2025-06-01",
        "members_total": "15",
        "members_present": "16",
        # The chair is entered in the attendance list (without the list, the meeting is recorded without one).
        "tv-TOTAL_FORMS": "1",
        "tv-INITIAL_FORMS": "0",
        "tv-0-name": "Nguyễn Văn Chủ Tịch",
        "tv-0-position": "Giám đốc Sở, Chủ tịch Hội đồng",
        "tv-0-role": "chu_tri",
        "tv-0-is_member": "on",
        "tv-0-present": "on",
    }
    response = client.post(reverse("awards:meeting_create"), data)
    body = response.content.decode()
    assert response.status_code == 200 and not Meeting.objects.exists()
    assert "không được lớn hơn tổng số thành viên" in body and "Nguyễn Văn Chủ Tịch" in body
    response = client.post(reverse("awards:meeting_create"), {**data, "members_total": "0", "members_present": "0"})
    assert "ít nhất một thành viên" in response.content.decode() and not Meeting.objects.exists()
    without_list = {k: v for k, v in data.items() if not k.startswith("tv-")}
    response = client.post(reverse("awards:meeting_create"), {**without_list, "members_present": "13"})
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response.url == reverse("awards:meeting_detail", args=[meeting.pk])
    assert (meeting.owner, meeting.members_total, meeting.members_present) == (world.so_a, 15, 13)


# --- The vote page ---------------------------------------------------------------------------------------------


def test_dossier_is_da_xet_once_all_its_nominees_are_voted(world, campaign, login):
    form = _form()
    dossier = _dossier(world, campaign, form, ["Nguyễn Văn An", "Trần Thị Bình"])
    first, second = dossier.nominees.all()
    meeting = _meeting(world, campaign)
    client = login(world.office)
    url = reverse("awards:meeting_detail", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert "Nguyễn Văn An" in page and "Trần Thị Bình" in page and f'name="dong_y_{first.pk}"' in page
    # A row left blank is not recorded. The form's rule is a secret ballot: the ballots are recorded too.
    assert f'name="phat_ra_{first.pk}"' in page
    ballots = {f"phat_ra_{first.pk}": "15", f"thu_ve_{first.pk}": "15", f"hop_le_{first.pk}": "15"}
    assert client.post(url, {f"dong_y_{first.pk}": "12", f"khong_dong_y_{first.pk}": "3", **ballots}).status_code == 302
    assert _status(dossier) == "hop_le"
    ballots = {f"phat_ra_{second.pk}": "15", f"thu_ve_{second.pk}": "15", f"hop_le_{second.pk}": "15"}
    assert (
        client.post(url, {f"dong_y_{second.pk}": "10", f"khong_dong_y_{second.pk}": "5", **ballots}).status_code == 302
    )
    assert _status(dossier) == "da_xet"
    body = client.get(url).content.decode()
    assert "Đạt" in body and "Không đạt" in body and "80 %" in body and "66,7 %" in body
    assert {(v.nominee_id, v.passed) for v in Vote.objects.all()} == {(first.pk, True), (second.pk, False)}


def test_council_members_and_board_read_the_votes_but_cannot_record(world, campaign, login):
    form = _form()
    nominee = _dossier(world, campaign, form, ["Nguyễn Văn An"]).nominees.get()
    meeting = _meeting(world, campaign)
    services.meeting_record_votes(meeting=meeting, user=world.office, votes={nominee.pk: (13, 2)})
    url = reverse("awards:meeting_detail", args=[meeting.pk])
    for reader in (world.council, world.board):
        client = login(reader)
        body = client.get(url).content.decode()
        assert "Nguyễn Văn An" in body and "Đạt" in body and 'name="dong_y_' not in body
        assert client.post(url, {f"dong_y_{nominee.pk}": "1", f"khong_dong_y_{nominee.pk}": "0"}).status_code == 403
    assert Vote.objects.get().votes_for == 13


def test_more_passed_than_the_quota_are_ranked_by_votes(world, campaign, login):
    form = _form()
    milestone = Milestone.objects.create(
        campaign=campaign, kind="tong_ket", name="Tổng kết", due_date=dt.date(2025, 12, 15)
    )
    AwardQuota.objects.create(campaign=campaign, award_form=form, milestone=milestone, max_individual=2)
    dossier = _dossier(world, campaign, form, ["An", "Bình", "Cường", "Dũng"], milestone=milestone)
    a, b, c, d = dossier.nominees.all()
    meeting = _meeting(world, campaign)
    votes = {a.pk: (13, 2), b.pk: (15, 0), c.pk: (13, 2), d.pk: (11, 4)}  # Dũng fails: not ranked
    services.meeting_record_votes(meeting=meeting, user=world.office, votes=votes)
    response = login(world.council).get(reverse("awards:meeting_detail", args=[meeting.pk]))
    (group,) = response.context["groups"]
    (ranking,) = group.rankings
    assert (ranking.limit, ranking.passed) == (2, 3)
    ranked = [(r.nominee.full_name, r.rank, r.within_quota, r.tied_at_limit) for r in ranking.rows]
    assert ranked == [("Bình", 1, True, False), ("An", 2, True, True), ("Cường", 2, False, True)]
    assert "Xếp hạng theo số phiếu" in response.content.decode()


def test_no_ranking_when_the_quota_is_not_exceeded(world, campaign, login):
    form = _form()
    AwardQuota.objects.create(campaign=campaign, award_form=form, max_individual=5)
    dossier = _dossier(world, campaign, form, ["An", "Bình"])
    services.meeting_record_votes(
        meeting=(meeting := _meeting(world, campaign)),
        user=world.office,
        votes={n.pk: (15, 0) for n in dossier.nominees.all()},
    )
    response = login(world.office).get(reverse("awards:meeting_detail", args=[meeting.pk]))
    assert response.context["groups"][0].rankings == []


# --- Decisions -------------------------------------------------------------------------------------------------


def _voted(world, campaign, names_votes: dict[str, tuple[int, int]]):
    form = _form()
    dossier = _dossier(world, campaign, form, list(names_votes))
    nominees = {n.full_name: n for n in dossier.nominees.all()}
    meeting = _meeting(world, campaign)
    services.meeting_record_votes(
        meeting=meeting, user=world.office, votes={nominees[k].pk: v for k, v in names_votes.items()}
    )
    return Dossier.objects.get(pk=dossier.pk), nominees, meeting


def _decision_post(world, nominees, **extra):
    return {
        "kind": "quyet_dinh",
        "owner": world.so_a.pk,
        "number": "05/QĐ-STTTT",
        "signed_on": "2025-06-10",
        "signer": "Trần Văn Giám Đốc",
        "issuer": "Sở TT&TT tỉnh A",
        "nominees": [n.pk for n in nominees],
        **extra,
    }


def test_a_decision_puts_passed_nominees_in_the_register(world, campaign, login):
    dossier, nominees, meeting = _voted(world, campaign, {"Nguyễn Văn An": (14, 1), "Trần Thị Bình": (13, 2)})
    assert dossier.status == "da_xet"
    client = login(world.office)
    form_page = client.get(reverse("awards:decision_create") + f"?phien_hop={meeting.pk}").content.decode()
    assert "Nguyễn Văn An" in form_page and "Trần Thị Bình" in form_page
    response = client.post(reverse("awards:decision_create"), _decision_post(world, nominees.values()))
    decision = Decision.objects.get()
    assert response.status_code == 302 and response.url == reverse("awards:decision_detail", args=[decision.pk])
    assert _status(dossier) == "da_quyet_dinh"
    records = AwardRecord.objects.order_by("name")
    assert [(r.name, r.decision_number, r.decision_date, r.unit) for r in records] == [
        ("Nguyễn Văn An", "05/QĐ-STTTT", dt.date(2025, 6, 10), world.phong_a),
        ("Trần Thị Bình", "05/QĐ-STTTT", dt.date(2025, 6, 10), world.phong_a),
    ]
    body = client.get(response.url).content.decode()
    assert "Đã vào sổ" in body and "Ghi quyết định của cấp trên" not in body
    # Once decided, nobody is offered again.
    assert "Nguyễn Văn An" not in client.get(reverse("awards:decision_create")).content.decode()


def test_a_to_trinh_waits_for_the_higher_decision_before_the_register(world, campaign, login):
    dossier, nominees, _ = _voted(world, campaign, {"Nguyễn Văn An": (14, 1)})
    client = login(world.office)
    client.post(
        reverse("awards:decision_create"),
        _decision_post(world, nominees.values(), kind="to_trinh", number="12/TTr-STTTT"),
    )
    decision = Decision.objects.get()
    assert decision.kind == "to_trinh" and _status(dossier) == "da_trinh"
    assert not AwardRecord.objects.exists()
    url = reverse("awards:decision_detail", args=[decision.pk])
    assert "Đang chờ quyết định của cấp trên" in client.get(url).content.decode()
    # Readers cannot record it; an incomplete form keeps the register empty.
    assert login(world.board).post(url, {"higher_number": "1"}).status_code == 403
    client = login(world.office)
    assert client.post(url, {"higher_number": "345/QĐ-UBND"}).status_code == 200
    assert not AwardRecord.objects.exists()
    response = client.post(
        url, {"higher_number": "345/QĐ-UBND", "higher_signed_on": "2025-08-01", "higher_issuer": "UBND tỉnh A"}
    )
    assert response.status_code == 302
    record = AwardRecord.objects.get()
    assert (record.decision_number, record.decision_date, record.decision_issuer) == (
        "345/QĐ-UBND",
        dt.date(2025, 8, 1),
        "UBND tỉnh A",
    )
    # Recorded once: a second attempt is refused with the service's message.
    again = client.post(
        url, {"higher_number": "346/QĐ-UBND", "higher_signed_on": "2025-08-02", "higher_issuer": "UBND tỉnh A"}
    )
    assert again.status_code == 200 and AwardRecord.objects.count() == 1


def test_not_passed_nominees_are_refused_in_a_decision(world, campaign, login):
    _, nominees, _ = _voted(world, campaign, {"Nguyễn Văn An": (14, 1), "Trần Thị Bình": (11, 4)})
    failed = nominees["Trần Thị Bình"]
    with pytest.raises(DomainError, match="Chưa được hội đồng thông qua: Trần Thị Bình"):
        services.decision_create(
            owner=world.so_a,
            user=world.office,
            kind="quyet_dinh",
            data={"number": "1/QĐ", "signed_on": dt.date(2025, 6, 10), "signer": "X", "issuer": "Sở A"},
            nominees=[nominees["Nguyễn Văn An"], failed],
        )
    client = login(world.office)
    assert "Trần Thị Bình" not in client.get(reverse("awards:decision_create")).content.decode()
    response = client.post(reverse("awards:decision_create"), _decision_post(world, nominees.values()))
    assert response.status_code == 200 and "không thuộc danh sách đã được hội đồng thông qua" in (
        response.content.decode()
    )
    assert not Decision.objects.exists() and not AwardRecord.objects.exists()


def test_a_number_already_used_by_the_issuer_is_refused_with_the_form_kept(world, campaign, login):
    _, nominees, _ = _voted(world, campaign, {"Nguyễn Văn An": (14, 1), "Trần Thị Bình": (13, 2)})
    client = login(world.office)
    client.post(reverse("awards:decision_create"), _decision_post(world, [nominees["Nguyễn Văn An"]]))
    response = client.post(reverse("awards:decision_create"), _decision_post(world, [nominees["Trần Thị Bình"]]))
    body = response.content.decode()
    assert response.status_code == 200 and "Cơ quan này đã có văn bản cùng số, ký hiệu." in body
    assert f'value="{nominees["Trần Thị Bình"].pk}" id="chon-{nominees["Trần Thị Bình"].pk}" checked' in body
    assert Decision.objects.count() == 1 and AwardRecord.objects.count() == 1


def test_the_signed_file_is_checked_by_content(world, campaign, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _, nominees, _ = _voted(world, campaign, {"Nguyễn Văn An": (14, 1)})
    client = login(world.office)
    fake = SimpleUploadedFile("quyet-dinh.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    response = client.post(reverse("awards:decision_create"), _decision_post(world, nominees.values(), file=fake))
    assert response.status_code == 200 and "kiểm tra theo nội dung tệp" in response.content.decode()
    assert 'value="05/QĐ-STTTT"' in response.content.decode()  # typed values kept
    assert not Decision.objects.exists()
    real = SimpleUploadedFile("quyet-dinh.pdf", b"%PDF-1.4 da ky", content_type="application/pdf")
    client.post(reverse("awards:decision_create"), _decision_post(world, nominees.values(), file=real))
    decision = Decision.objects.get()
    assert decision.file and "quyet-dinh" not in decision.file.name  # the portal names stored files


def test_only_the_office_of_the_owner_records_decisions(world, campaign, login):
    _, nominees, _ = _voted(world, campaign, {"Nguyễn Văn An": (14, 1)})
    # Province B's office may open the form but Sở A's nominees are not theirs to choose.
    response = login(world.office_b).post(reverse("awards:decision_create"), _decision_post(world, nominees.values()))
    assert response.status_code == 200 and not Decision.objects.exists()
    for reader in (world.council, world.board, world.head):
        assert login(reader).get(reverse("awards:decision_create")).status_code == 403


def test_lists_show_only_the_scope(world, campaign, login):
    _, nominees, meeting = _voted(world, campaign, {"Nguyễn Văn An": (14, 1)})
    services.decision_create(
        owner=world.so_a,
        user=world.office,
        kind="quyet_dinh",
        data={"number": "07/QĐ-STTTT", "signed_on": dt.date(2025, 6, 10), "signer": "X", "issuer": "Sở A"},
        nominees=list(nominees.values()),
    )
    for user, sees in ((world.council, True), (world.board, True), (world.office_b, False), (world.staff, False)):
        client = login(user)
        assert ("07/QĐ-STTTT" in client.get(reverse("awards:decision_list")).content.decode()) is sees
        meetings = client.get(reverse("awards:meeting_list")).content.decode()
        assert (reverse("awards:meeting_detail", args=[meeting.pk]) in meetings) is sees


# --- Catalogue and admin ---------------------------------------------------------------------------------------


def test_load_vote_rules_is_idempotent_and_follows_the_law(db):
    load_catalogue()
    load_vote_rules()
    first = VoteRule.objects.count()
    load_vote_rules()
    assert VoteRule.objects.count() == first > 0

    def rule(code):
        # The rule of the law in force since 01/01/2024 (the older law's rules are versions that end 31/12/2023).
        return (
            VoteRule.objects.get(award_form__code=code, valid_to__gte=dt.date(2024, 1, 1))
            if code.startswith("giay-khen-chu-tich-ubnd-huyen")
            else VoteRule.objects.get(award_form__code=code, valid_from=dt.date(2024, 1, 1))
        )

    cap_tinh, co_so, co = (
        rule("chien-si-thi-dua-cap-tinh"),
        rule("chien-si-thi-dua-co-so"),
        rule("co-thi-dua-ubnd-tinh"),
    )
    assert (cap_tinh.threshold_percent, co_so.threshold_percent, co.threshold_percent) == (90, 80, 80)
    for r in (cap_tinh, co_so, co):
        assert r.secret_ballot and r.counted_on_total and r.valid_from == dt.date(2024, 1, 1)
        assert r.legal_basis == "Nghị định 98/2023/NĐ-CP, Điều 30.7"
    majority = rule("giay-khen-giam-doc-so-ca-nhan")
    assert majority.threshold_percent == Decimal("50.01") and majority.counted_on_total
    assert "quy định của tỉnh" in majority.legal_basis
    assert rule("bang-khen-chu-tich-ubnd-tinh-tap-the").threshold_percent == Decimal("50.01")
    # The district's Giấy khen ended with the district level: so does its rule.
    assert rule("giay-khen-chu-tich-ubnd-huyen-ca-nhan").valid_to == dt.date(2025, 6, 30)
    # An administrator's edit survives a reload.
    co_so.threshold_percent = Decimal(85)
    co_so.save()
    load_vote_rules()
    assert rule("chien-si-thi-dua-co-so").threshold_percent == 85


def test_vote_rules_and_the_awards_work_are_in_the_admin(world, campaign, client):
    load_catalogue()
    load_vote_rules()
    _, nominees, meeting = _voted(world, campaign, {"Nguyễn Văn An": (14, 1)})
    decision = services.decision_create(
        owner=world.so_a,
        user=world.office,
        kind="quyet_dinh",
        data={"number": "08/QĐ-STTTT", "signed_on": dt.date(2025, 6, 10), "signer": "X", "issuer": "Sở A"},
        nominees=list(nominees.values()),
    )
    client.force_login(UserFactory(username="quantri", is_staff=True, is_superuser=True))
    rule = VoteRule.objects.filter(award_form__code="chien-si-thi-dua-co-so", valid_from=dt.date(2024, 1, 1)).get()
    dossier = Dossier.objects.get()
    for name, args in [
        ("awards_voterule_changelist", []),
        ("awards_voterule_change", [rule.pk]),
        ("awards_voterule_history", [rule.pk]),
        ("awards_dossier_changelist", []),
        ("awards_dossier_change", [dossier.pk]),
        ("awards_meeting_changelist", []),
        ("awards_meeting_change", [meeting.pk]),
        ("awards_decision_changelist", []),
        ("awards_decision_change", [decision.pk]),
        ("awards_awardrecord_changelist", []),
        ("awards_awardrecord_change", [AwardRecord.objects.get().pk]),
        ("awards_awardpath_changelist", []),
        ("awards_leadersharerule_changelist", []),
        ("awards_basesalary_changelist", []),
        ("awards_awardamount_changelist", []),
    ]:
        assert client.get(reverse(f"admin:{name}", args=args)).status_code == 200, name
    assert client.get(reverse("admin:awards_voterule_changelist") + "?q=30.7").status_code == 200
