"""The dossier's checks (table-driven), the state machine and who may make each step, quotas under
concurrency, two reviewers at once."""

import datetime as dt
import threading
from decimal import Decimal

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.db import connection

from awards import services
from awards.catalogue import load_standards
from awards.models import Dossier, DossierEvent, Nominee
from campaigns.models import AwardForm, AwardQuota, Milestone
from campaigns.tests.factories import make_campaign
from emulation.lib.errors import DomainError, StaleEditError

PDF = b"%PDF-1.4 da ky"


def _pdf(name):
    return ContentFile(PDF, name=name)


def _setup(world, *, max_individual=15, leader_share=Decimal(40), deadline=dt.date(2030, 1, 15)):
    load_standards()
    campaign = make_campaign(
        world.so_a, start_date=dt.date(2023, 1, 1), end_date=dt.date(2030, 12, 31), dossier_deadline=deadline
    )
    so_ket = Milestone.objects.create(campaign=campaign, kind="so_ket", name="Sơ kết", due_date=dt.date(2023, 12, 31))
    form = AwardForm.objects.create(
        code="bk-ubnd",
        name="Bằng khen của Chủ tịch UBND tỉnh",
        kind="hinh_thuc",
        target="ca_nhan",
        authority="Chủ tịch UBND tỉnh",
    )
    AwardQuota.objects.create(
        campaign=campaign,
        award_form=form,
        milestone=so_ket,
        max_collective=7,
        max_individual=max_individual,
        leader_share_max=leader_share,
        rule_source="QĐ 26/2020/QĐ-UBND",
    )
    return campaign, so_ket, form


def _dossier(world, campaign, milestone, form, *, unit=None, people=2, leaders=0, rating="xuat_sac", files=True):
    unit = unit or world.phong_a
    dossier = Dossier.objects.create(campaign=campaign, unit=unit, round_kind="so_ket", milestone=milestone, year=2023)
    if files:
        dossier.submission_file.save("tt.pdf", _pdf("tt.pdf"), save=False)
        dossier.minutes_file.save("bb.pdf", _pdf("bb.pdf"), save=False)
        dossier.save()
    for i in range(people):
        n = Nominee(
            dossier=dossier,
            kind="ca_nhan",
            award_form=form,
            full_name=f"Nguyễn Văn {unit.pk}-{i}",
            birth_date=dt.date(1980, 1, 1 + i),
            is_leader=i < leaders,
            rating=rating,
        )
        if files:
            n.signed_report.save("m07.pdf", _pdf("m07.pdf"), save=False)
        n.save()
    return dossier


def _codes(checks):
    return {c.code.split("-")[0]: c for c in checks}


@pytest.mark.parametrize(
    ("case", "kwargs", "failing"),
    [
        ("all good", {}, set()),
        ("no files", {"files": False}, {"documents"}),
        ("no nominee", {"people": 0}, {"nominees"}),
        ("leaders over 40 %", {"people": 5, "leaders": 3}, {"leaders"}),
        ("leaders at 40 %", {"people": 5, "leaders": 2}, set()),
        ("rating below xuất sắc", {"rating": "tot"}, {"standard"}),
    ],
)
def test_checks(world, case, kwargs, failing):
    campaign, so_ket, form = _setup(world)
    dossier = _dossier(world, campaign, so_ket, form, **kwargs)
    failed = {c.code.split("-")[0] for c in services.dossier_checks(dossier) if not c.ok}
    assert failed == failing, case


def test_quota_counts_other_units_sent_dossiers(world):
    campaign, so_ket, form = _setup(world, max_individual=3)
    other = _dossier(world, campaign, so_ket, form, unit=world.phong_a2, people=2)
    other.status = "da_gui"
    other.save()
    mine = _dossier(world, campaign, so_ket, form, people=2)
    quota = next(c for c in services.dossier_checks(mine) if c.code.startswith("quota"))
    assert not quota.ok and "Đã có 2 cá nhân" in quota.message and not quota.overridable


def test_deadline_passed_can_be_overridden_by_the_office_only(world):
    campaign, so_ket, form = _setup(world, deadline=dt.date(2023, 1, 15))
    dossier = _dossier(world, campaign, so_ket, form)
    deadline = next(c for c in services.dossier_checks(dossier) if c.code == "deadline")
    assert deadline.blocks and deadline.overridable
    with pytest.raises(DomainError, match="Chỉ Văn phòng Sở"):
        services.check_override(dossier=dossier, user=world.head, code="deadline", reason="x")
    with pytest.raises(DomainError, match="ghi lý do"):
        services.check_override(dossier=dossier, user=world.office, code="deadline", reason=" ")
    services.check_override(dossier=dossier, user=world.office, code="deadline", reason="Đơn vị báo trước do bão lũ")
    assert not next(c for c in services.dossier_checks(dossier) if c.code == "deadline").blocks


def test_duplicates_across_units_in_the_same_round(world):
    campaign, so_ket, form = _setup(world)
    first = _dossier(world, campaign, so_ket, form, people=1)
    first.status = "da_gui"
    first.save()
    second = _dossier(world, campaign, so_ket, form, unit=world.phong_a2, people=0)
    Nominee.objects.create(
        dossier=second,
        kind="ca_nhan",
        award_form=form,
        full_name=f"  nguyễn văn {world.phong_a.pk}-0 ",
        birth_date=dt.date(1980, 1, 1),
        rating="xuat_sac",
    )
    assert not next(c for c in services.dossier_checks(second) if c.code == "duplicates").ok


def test_the_flow_and_who_may_take_each_step(world):
    campaign, so_ket, form = _setup(world)
    dossier = _dossier(world, campaign, so_ket, form)
    with pytest.raises(DomainError, match="Chỉ lãnh đạo đơn vị"):
        services.dossier_send(dossier=dossier, user=world.staff)
    dossier = services.dossier_send(dossier=dossier, user=world.head)
    with pytest.raises(DomainError, match="Chỉ Văn phòng Sở"):
        services.dossier_receive(dossier=dossier, user=world.board)
    with pytest.raises(DomainError, match="Chỉ Văn phòng Sở"):
        services.dossier_receive(dossier=dossier, user=world.office_b)
    dossier = services.dossier_receive(dossier=dossier, user=world.office)
    nominee = dossier.nominees.first()
    dossier = services.dossier_request_changes(
        dossier=dossier,
        user=world.office,
        comments=[{"target": "nominee", "nominee": nominee, "text": "Bổ sung sáng kiến"}],
    )
    assert dossier.status == "yeu_cau_bo_sung" and dossier.comments.get().review_round == 1
    services.nominee_save(dossier=dossier, user=world.staff, nominee=nominee, data={"initiative": "Sáng kiến số hóa"})
    dossier = services.dossier_send(dossier=Dossier.objects.get(pk=dossier.pk), user=world.head)
    dossier = services.dossier_receive(dossier=dossier, user=world.office)
    assert dossier.review_round == 2
    dossier = services.dossier_accept(dossier=dossier, user=world.office)
    assert dossier.status == "hop_le"
    steps = list(
        DossierEvent.objects.filter(dossier=dossier).order_by("at", "pk").values_list("to_status", "user__username")
    )
    assert steps == [
        ("da_gui", "head"),
        ("dang_tham_dinh", "office"),
        ("yeu_cau_bo_sung", "office"),
        ("da_gui", "head"),
        ("dang_tham_dinh", "office"),
        ("hop_le", "office"),
    ]


def test_a_failing_check_the_office_may_accept_travels_with_the_sent_dossier(world):
    campaign, so_ket, form = _setup(world)
    dossier = _dossier(world, campaign, so_ket, form, people=5, leaders=3)
    sent = services.dossier_send(dossier=dossier, user=world.head)
    assert sent.status == "da_gui"
    leaders = next(c for c in services.dossier_checks(sent) if c.code.startswith("leaders"))
    assert leaders.blocks and leaders.overridable and "3/5 cá nhân là lãnh đạo" in leaders.message
    stored = sent.check_results.get(code=leaders.code)
    assert not stored.ok and stored.values["leaders"] == 3 and stored.values["total"] == 5


def test_a_failing_check_nobody_may_accept_stops_sending_and_says_so(world):
    campaign, so_ket, form = _setup(world)
    dossier = _dossier(world, campaign, so_ket, form, files=False)
    with pytest.raises(DomainError, match="không thể được chấp nhận ngoại lệ") as refused:
        services.dossier_send(dossier=dossier, user=world.head)
    assert "Còn thiếu: Tờ trình đã ký" in refused.value.message
    assert Dossier.objects.get(pk=dossier.pk).status == "nhap"


def test_sent_dossier_cannot_be_edited(world):
    campaign, so_ket, form = _setup(world)
    dossier = services.dossier_send(dossier=_dossier(world, campaign, so_ket, form), user=world.head)
    with pytest.raises(DomainError, match="không sửa được"):
        services.nominee_save(dossier=dossier, user=world.staff, data={"full_name": "Khác"})


def test_two_reviewers_at_once_one_wins(world):
    campaign, so_ket, form = _setup(world)
    dossier = services.dossier_send(dossier=_dossier(world, campaign, so_ket, form), user=world.head)
    stale = Dossier.objects.get(pk=dossier.pk)
    services.dossier_receive(dossier=dossier, user=world.office)
    with pytest.raises(StaleEditError, match="vừa được người khác xử lý"):
        services.dossier_receive(dossier=stale, user=world.office)


@pytest.mark.django_db(transaction=True)
def test_two_units_sending_the_last_place_at_once_on_postgresql(world):
    if connection.vendor != "postgresql":
        pytest.skip("row locks across two connections: PostgreSQL (CI)")
    campaign, so_ket, form = _setup(world, max_individual=3)
    from campaigns.models import Role
    from campaigns.tests.factories import UserFactory, grant

    head_a2 = UserFactory()
    grant(head_a2, world.phong_a2, Role.LANH_DAO)
    first = _dossier(world, campaign, so_ket, form, people=2)
    second = _dossier(world, campaign, so_ket, form, unit=world.phong_a2, people=2)
    barrier = threading.Barrier(2)
    outcomes = []

    def send(dossier, user):
        from django.db import connections

        try:
            fresh = Dossier.objects.get(pk=dossier.pk)
            barrier.wait(timeout=10)
            services.dossier_send(dossier=fresh, user=user)
            outcomes.append("sent")
        except DomainError as exc:
            outcomes.append("refused" if "vượt 3" in exc.message else exc.message)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=send, args=(first, world.head)),
        threading.Thread(target=send, args=(second, head_a2)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == ["refused", "sent"]
    assert Dossier.objects.filter(status="da_gui").count() == 1


def test_collective_needs_all_targets_met_from_approved_figures(world):
    from indicators import services as indicator_services
    from indicators.tests.factories import make_setup

    setup = make_setup(world)
    load_standards()
    form = AwardForm.objects.create(
        code="tt-ldxs",
        name="Tập thể lao động xuất sắc",
        kind="danh_hieu",
        target="tap_the",
        authority="Chủ tịch UBND tỉnh",
    )
    dossier = Dossier.objects.create(campaign=setup.campaign, unit=world.phong_a, round_kind="nam", year=2023)
    Nominee.objects.create(
        dossier=dossier,
        kind="tap_the",
        award_form=form,
        full_name="Phòng CNTT",
        collective_unit=world.phong_a,
        members_total=10,
        members_excellent=2,
        members_good=8,
        members_disciplined=0,
    )
    standard = next(c for c in services.dossier_checks(dossier) if c.code.startswith("standard"))
    assert "chưa có số liệu chỉ tiêu đã duyệt" in standard.message
    sub = indicator_services.submission_open(period=setup.period, unit=world.phong_a, user=world.staff)
    values = {v.target.indicator.code: v.pk for v in sub.values.select_related("target__indicator")}
    figures = {
        values["dai-truyen-thanh-ip"]: {"numerator": "30", "denominator": "50"},  # 60 % < 70 %
        values["so-tram"]: {"value": "120"},
        values["ke-hoach-cds"]: {"done": "1", "done_on": "15/03/2023"},
    }
    indicator_services.submission_save(submission=sub, user=world.staff, version=sub.version, figures=figures)
    with time_machine.travel(dt.datetime(2023, 6, 1, tzinfo=dt.UTC)):
        sent = indicator_services.submission_submit(submission=sub.__class__.objects.get(pk=sub.pk), user=world.head)
    indicator_services.submission_approve(submission=sent, user=world.office)
    standard = next(c for c in services.dossier_checks(dossier) if c.code.startswith("standard"))
    assert "chưa đạt 100 % chỉ tiêu" in standard.message


def test_prior_awards_are_saved_with_the_nominee_and_another_nominee_s_rows_are_never_touched(world):
    from awards.models import PriorAward
    from awards.tests.factories import make_dossier

    dossier = make_dossier(world)
    first, second = dossier.nominees.order_by("pk")
    theirs = PriorAward.objects.create(nominee=second, year=2022, name="Giấy khen")
    kept = PriorAward.objects.create(nominee=first, year=2021, name="Lao động tiên tiến", is_title=True)
    gone = PriorAward.objects.create(nominee=first, year=2020, name="Giấy khen cũ")
    rows = [
        {"pk": None, "year": 2024, "is_title": True, "name": "Chiến sĩ thi đua cơ sở", "decision": "12/QĐ-STTTT"},
        {"pk": kept.pk, "year": 2021, "is_title": True, "name": "Lao động tiên tiến", "decision": "Số 5/QĐ"},
        {"pk": gone.pk, "delete": True},
    ]
    services.nominee_save(dossier=dossier, user=world.staff, data={}, nominee=first, prior_awards=rows)
    assert sorted(first.prior_awards.values_list("name", "decision")) == [
        ("Chiến sĩ thi đua cơ sở", "12/QĐ-STTTT"),
        ("Lao động tiên tiến", "Số 5/QĐ"),
    ]

    with pytest.raises(PriorAward.DoesNotExist):
        services.nominee_save(
            dossier=Dossier.objects.get(pk=dossier.pk),
            user=world.staff,
            data={},
            nominee=first,
            prior_awards=[
                {"pk": theirs.pk, "delete": False, "year": 2022, "is_title": False, "name": "Đổi", "decision": ""}
            ],
        )
    services.nominee_save(
        dossier=Dossier.objects.get(pk=dossier.pk),
        user=world.staff,
        data={},
        nominee=first,
        prior_awards=[{"pk": theirs.pk, "delete": True}],
    )
    theirs.refresh_from_db()
    assert theirs.name == "Giấy khen", "another nominee's row is neither changed nor deleted"
