"""Every award form has its path under the law of its date: who confers, how the council decides, the threshold,
the leaders' cap; decisions are refused outside their issuer's authority, before their meeting or over the quota;
amounts follow the lương cơ sở of the decision's day; a dossier keeps the rules it was judged by."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from awards import rules, services
from awards.catalogue import load_standards, load_vote_rules
from awards.models import AwardPath, AwardRecord, BaseSalary, CheckOverride, Dossier, LeaderShareRule, Nominee, VoteRule
from awards.tests.factories import pdf
from campaigns.catalogue import load_catalogue
from campaigns.models import AwardForm, AwardQuota, Role
from campaigns.tests.factories import UserFactory, grant, make_campaign
from emulation.lib.errors import DomainError, StaleEditError

D2023, D2024, D2026 = dt.date(2023, 6, 30), dt.date(2024, 6, 30), dt.date(2026, 6, 30)


@pytest.fixture
def catalogue(db):
    load_catalogue()
    load_vote_rules()
    load_standards()


def _form(code: str) -> AwardForm:
    return AwardForm.objects.get(code=code)


# (form, day) → (council step, threshold or None, conferrer, forwarded, leaders' cap in Bình Phước or None)
PATHS = [
    ("lao-dong-tien-tien", D2023, "xem_xet", None, "giam_doc_so", False, None),
    ("lao-dong-tien-tien", D2024, "xem_xet", None, "giam_doc_so", False, None),
    ("lao-dong-tien-tien", D2026, "xem_xet", None, "giam_doc_so", False, None),
    ("chien-si-thi-dua-co-so", D2023, "bieu_quyet", Decimal(80), "giam_doc_so", False, None),
    ("chien-si-thi-dua-co-so", D2024, "bieu_quyet", Decimal(80), "giam_doc_so", False, None),
    ("chien-si-thi-dua-co-so", D2026, "bieu_quyet", Decimal(80), "giam_doc_so", False, None),
    ("chien-si-thi-dua-cap-tinh", D2023, "bieu_quyet", Decimal(90), "chu_tich_ubnd_tinh", True, None),
    ("chien-si-thi-dua-cap-tinh", D2026, "bieu_quyet", Decimal(90), "chu_tich_ubnd_tinh", True, None),
    ("co-thi-dua-ubnd-tinh", D2024, "bieu_quyet", Decimal(80), "chu_tich_ubnd_tinh", True, None),
    ("giay-khen-giam-doc-so-ca-nhan", D2023, "bieu_quyet", Decimal("50.01"), "giam_doc_so", False, None),
    ("giay-khen-giam-doc-so-ca-nhan", D2026, "bieu_quyet", Decimal("50.01"), "giam_doc_so", False, None),
    ("bang-khen-chu-tich-ubnd-tinh-ca-nhan", D2023, "bieu_quyet", Decimal("50.01"), "chu_tich_ubnd_tinh", True, 40),
    ("bang-khen-chu-tich-ubnd-tinh-ca-nhan", D2024, "bieu_quyet", Decimal("50.01"), "chu_tich_ubnd_tinh", True, 40),
    ("bang-khen-chu-tich-ubnd-tinh-ca-nhan", D2026, "bieu_quyet", Decimal("50.01"), "chu_tich_ubnd_tinh", True, 40),
    ("giay-khen-chu-tich-ubnd-huyen-ca-nhan", D2024, "bieu_quyet", Decimal("50.01"), "chu_tich_ubnd_huyen", True, None),
]


@pytest.mark.parametrize(("code", "day", "step", "threshold", "conferrer", "forwarded", "cap"), PATHS)
def test_each_form_s_path_threshold_authority_and_cap_on_its_date(
    catalogue, code, day, step, threshold, conferrer, forwarded, cap
):
    form = _form(code)
    path = rules.path_for(form, day, "Bình Phước")
    assert (path.council, path.conferrer, path.forwarded) == (step, conferrer, forwarded)
    decree = {D2023: "91/2017", D2024: "98/2023", D2026: "152/2025"}[day]
    assert decree in path.legal_basis
    rule = services.vote_rule_for(form, day)
    assert (rule.threshold_percent if rule else None) == threshold
    if rule is not None:
        assert rule.counted_on_total
        if threshold in (80, 90):
            assert ("91/2017" if day == D2023 else "98/2023") in rule.legal_basis
    leader = rules.leader_rule_for(form, day, "Bình Phước")
    assert (leader.max_percent if leader else None) == cap
    if leader:
        assert "26/2020/QĐ-UBND" in leader.legal_basis


def test_the_district_s_giay_khen_has_no_path_after_the_district_level_ended(catalogue):
    assert rules.path_for(_form("giay-khen-chu-tich-ubnd-huyen-ca-nhan"), D2026) is None


def test_the_province_s_own_row_wins_and_other_provinces_get_the_general_one(catalogue):
    form = _form("bang-khen-chu-tich-ubnd-tinh-ca-nhan")
    assert "26/2020/QĐ-UBND" in rules.path_for(form, D2024, "Bình Phước").legal_basis
    assert "26/2020" not in rules.path_for(form, D2024, "Bắc Kạn").legal_basis
    assert rules.leader_rule_for(form, D2024, "Bắc Kạn") is None


def test_the_unverified_law_says_so_in_its_note(catalogue):
    old = VoteRule.objects.get(award_form__code="chien-si-thi-dua-co-so", valid_to=dt.date(2023, 12, 31))
    assert "CHƯA ĐỐI CHIẾU" in old.note
    assert all("CHƯA ĐỐI CHIẾU" in s.note or "nguồn công khai" in s.note for s in BaseSalary.objects.all())


def test_loading_the_rules_twice_adds_nothing(catalogue):
    counts = [m.objects.count() for m in (VoteRule, AwardPath, LeaderShareRule, BaseSalary)]
    load_vote_rules()
    assert [m.objects.count() for m in (VoteRule, AwardPath, LeaderShareRule, BaseSalary)] == counts


def test_overlapping_versions_of_a_rule_are_refused(catalogue):
    form = _form("chien-si-thi-dua-co-so")
    clash = VoteRule(award_form=form, threshold_percent=Decimal(85), valid_from=dt.date(2025, 1, 1))
    with pytest.raises(ValidationError, match="Trùng thời gian hiệu lực"):
        clash.full_clean()
    salary = BaseSalary(amount=Decimal(2_000_000), valid_from=dt.date(2024, 1, 1), legal_basis="x")
    with pytest.raises(ValidationError, match="Trùng thời gian hiệu lực"):
        salary.full_clean()
    # After the open-ended version is closed, a new version from the next day is accepted.
    current = VoteRule.objects.get(award_form=form, valid_from=dt.date(2024, 1, 1))
    current.valid_to = dt.date(2025, 12, 31)
    current.full_clean()
    current.save()
    VoteRule(award_form=form, threshold_percent=Decimal(85), valid_from=dt.date(2026, 1, 1)).full_clean()


@pytest.mark.django_db(transaction=True)
def test_overlapping_versions_are_refused_by_the_database_on_postgresql(catalogue):
    if connection.vendor != "postgresql":
        pytest.skip("exclusion constraint: PostgreSQL (CI)")
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        VoteRule.objects.create(
            award_form=_form("chien-si-thi-dua-co-so"), threshold_percent=Decimal(85), valid_from=dt.date(2025, 1, 1)
        )


# --- Amounts ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "day", "amount"),
    [
        ("lao-dong-tien-tien", dt.date(2023, 6, 30), Decimal(450_000)),  # 0,3 × 1.490.000 = 447.000 → 450.000
        ("lao-dong-tien-tien", dt.date(2023, 7, 1), Decimal(540_000)),  # 0,3 × 1.800.000
        ("lao-dong-tien-tien", dt.date(2024, 6, 30), Decimal(540_000)),
        ("lao-dong-tien-tien", dt.date(2024, 7, 1), Decimal(710_000)),  # 0,3 × 2.340.000 = 702.000 → 710.000
        ("chien-si-thi-dua-co-so", dt.date(2024, 7, 1), Decimal(2_340_000)),
        ("giay-khen-giam-doc-so-ca-nhan", dt.date(2023, 6, 30), Decimal(230_000)),  # 0,15 × 1.490.000 = 223.500
        ("giay-khen-giam-doc-so-ca-nhan", dt.date(2024, 7, 1), Decimal(710_000)),
    ],
)
def test_amounts_at_the_boundaries_of_the_luong_co_so(catalogue, code, day, amount):
    money = rules.amount_for(_form(code), day)
    assert money.amount == amount and isinstance(money.amount, Decimal)


def test_no_amount_before_the_first_luong_co_so(catalogue):
    assert rules.amount_for(_form("lao-dong-tien-tien"), dt.date(2019, 6, 30)) is None


# --- Decisions: authority, order, quota, scope ------------------------------------------------------------------


def _passed(world, campaign, code: str, names: list[str], *, held_on=dt.date(2025, 6, 1), votes=(14, 1)):
    """A valid dossier of phòng A with nominees of the form, passed at a council meeting of Sở A."""
    form = _form(code)
    dossier = Dossier.objects.create(
        campaign=campaign, unit=world.phong_a, round_kind="nam", year=2025, status="hop_le"
    )
    nominees = [
        Nominee.objects.create(dossier=dossier, kind=form.target, award_form=form, full_name=name, rating="xuat_sac")
        for name in names
    ]
    meeting = services.meeting_create(
        owner=world.so_a,
        campaign=campaign,
        user=world.office,
        data={"held_on": held_on, "members_total": 15, "members_present": 15},
    )
    if rules.council_step(form, held_on) == "xem_xet":
        services.meeting_record_votes(
            meeting=meeting, user=world.office, votes={}, agreed={n.pk: True for n in nominees}
        )
    else:
        services.meeting_record_votes(meeting=meeting, user=world.office, votes={n.pk: votes for n in nominees})
    return nominees, meeting


def _decide(world, nominees, *, kind="quyet_dinh", day=dt.date(2025, 6, 10), number="05/QĐ-STTTT"):
    return services.decision_create(
        owner=world.so_a,
        user=world.office,
        kind=kind,
        data={"number": number, "signed_on": day, "signer": "Trần Văn Giám Đốc", "issuer": "Sở TT&TT tỉnh A"},
        nominees=nominees,
    )


def test_a_lao_dong_tien_tien_list_is_reviewed_and_decided_by_the_giam_doc_so(catalogue, world):
    campaign = make_campaign(world.so_a)
    nominees, meeting = _passed(world, campaign, "lao-dong-tien-tien", ["Nguyễn Văn An", "Trần Thị Bình"])
    assert all(v.method == "xem_xet" and v.passed for v in meeting.votes.all())
    decision = _decide(world, nominees)
    records = AwardRecord.objects.filter(decision=decision)
    assert records.count() == 2 and {r.amount for r in records} == {Decimal(710_000)}


def test_a_list_reviewed_form_cannot_be_given_vote_counts(catalogue, world):
    campaign = make_campaign(world.so_a)
    nominees, meeting = _passed(world, campaign, "chien-si-thi-dua-co-so", ["Nguyễn Văn An"])
    ldtt = Nominee.objects.create(
        dossier=nominees[0].dossier, kind="ca_nhan", award_form=_form("lao-dong-tien-tien"), full_name="Lê Văn C"
    )
    with pytest.raises(DomainError, match="Nhất trí hoặc Không nhất trí"):
        services.meeting_record_votes(meeting=meeting, user=world.office, votes={ldtt.pk: (10, 0)})


def test_a_so_decision_conferring_the_province_s_bang_khen_is_refused(catalogue, world):
    campaign = make_campaign(world.so_a)
    nominees, _ = _passed(world, campaign, "bang-khen-chu-tich-ubnd-tinh-ca-nhan", ["Nguyễn Văn An"])
    with pytest.raises(DomainError, match="do Chủ tịch UBND tỉnh quyết định.*Lập Tờ trình"):
        _decide(world, nominees)
    assert not AwardRecord.objects.exists()
    # The same nominees go up by Tờ trình and are recorded from the province's decision, with its amount.
    proposal = _decide(world, nominees, kind="to_trinh", number="09/TTr-STTTT")
    with pytest.raises(DomainError, match="không thể trước Tờ trình"):
        services.decision_record_higher(
            decision=proposal, user=world.office, number="1/QĐ-UBND", signed_on=dt.date(2025, 6, 1), issuer="UBND"
        )
    services.decision_record_higher(
        decision=proposal, user=world.office, number="318/QĐ-UBND", signed_on=dt.date(2025, 7, 2), issuer="UBND tỉnh A"
    )
    record = AwardRecord.objects.get()
    assert (record.decision_number, record.amount) == ("318/QĐ-UBND", Decimal(2_340_000))


def test_a_decision_dated_before_its_council_meeting_is_refused(catalogue, world):
    campaign = make_campaign(world.so_a)
    nominees, _ = _passed(world, campaign, "chien-si-thi-dua-co-so", ["Nguyễn Văn An"], held_on=dt.date(2025, 6, 1))
    with pytest.raises(DomainError, match="trước ngày Hội đồng họp xét"):
        _decide(world, nominees, day=dt.date(2025, 5, 31))
    _decide(world, nominees, day=dt.date(2025, 6, 1))


def test_a_decision_never_exceeds_the_quota(catalogue, world):
    campaign = make_campaign(world.so_a)
    form = _form("chien-si-thi-dua-co-so")
    AwardQuota.objects.create(campaign=campaign, award_form=form, max_individual=2, rule_source="Kế hoạch")
    nominees, _ = _passed(world, campaign, form.code, ["Một", "Hai", "Ba"])
    with pytest.raises(DomainError, match="vượt số lượng 2"):
        _decide(world, nominees)
    _decide(world, nominees[:2])
    with pytest.raises(DomainError, match="đã quyết định hoặc đề nghị 2, thêm 1"):
        _decide(world, nominees[2:], number="06/QĐ-STTTT")


def test_a_decision_for_another_so_s_nominee_is_a_404(catalogue, world, login):
    campaign = make_campaign(world.so_a)
    nominees, meeting = _passed(world, campaign, "chien-si-thi-dua-co-so", ["Nguyễn Văn An"])
    url = reverse("awards:decision_create") + f"?nguoi={nominees[0].pk}"
    assert login(world.office_b).get(url).status_code == 404
    page = login(world.office).get(url)
    assert page.status_code == 200 and f'value="{nominees[0].pk}"' in page.content.decode()
    with pytest.raises(DomainError, match="Không thuộc đơn vị ban hành"):
        services.decision_create(
            owner=world.so_b,
            user=world.office_b,
            kind="quyet_dinh",
            data={"number": "1/QĐ-B", "signed_on": dt.date(2025, 6, 10), "signer": "X", "issuer": "Sở B"},
            nominees=nominees,
        )


def test_the_decision_page_and_the_register_show_amounts_and_totals(catalogue, world, login):
    campaign = make_campaign(world.so_a)
    nominees, _ = _passed(world, campaign, "chien-si-thi-dua-co-so", ["Nguyễn Văn An", "Trần Thị Bình"])
    decision = _decide(world, nominees)
    client = login(world.office)
    page = client.get(reverse("awards:decision_detail", args=[decision.pk])).content.decode()
    assert "2.340.000" in page and "4.680.000" in page and "Tổng tiền thưởng" in page
    register = client.get(reverse("awards:register")).content.decode()
    assert "Tiền thưởng (đồng)" in register and "4.680.000" in register
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(client.get(reverse("awards:register_excel")).content))
    sheet = book["Sổ khen thưởng"]
    headers = [c.value for c in sheet[1]]
    assert headers[-1] == "Tiền thưởng (đồng)"
    amounts = [row[-1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert amounts == [2340000, 2340000]
    assert [c.value for c in book["Tổng cộng"][2]] == [2, 4680000]


# --- A dossier keeps the rules it was judged by -------------------------------------------------------------------


def _bang_khen_dossier(world, campaign, unit, *, leaders: int, people: int, year: int = 2023) -> Dossier:
    form = _form("bang-khen-chu-tich-ubnd-tinh-ca-nhan")
    dossier = Dossier.objects.create(campaign=campaign, unit=unit, round_kind="nam", year=year)
    dossier.submission_file.save("tt.pdf", pdf("tt.pdf"), save=False)
    dossier.minutes_file.save("bb.pdf", pdf("bb.pdf"), save=False)
    dossier.save()
    for i in range(people):
        n = Nominee(
            dossier=dossier,
            kind="ca_nhan",
            award_form=form,
            full_name=f"Người {unit.pk}-{i}",
            birth_date=dt.date(1980, 1, 1 + i),
            is_leader=i < leaders,
            rating="xuat_sac",
        )
        n.signed_report.save("m.pdf", pdf("m.pdf"), save=False)
        n.save()
    return dossier


def _province_cap(world, percent=Decimal(40), start=None):
    return LeaderShareRule.objects.create(
        award_form=_form("bang-khen-chu-tich-ubnd-tinh-ca-nhan"),
        province=rules.province_for(world.so_a),
        max_percent=percent,
        legal_basis="Quy định của tỉnh A",
        valid_from=start,
    )


def test_a_2023_dossier_keeps_2023_s_rules_after_a_2026_rule_is_added_and_the_old_one_edited(catalogue, world):
    campaign = make_campaign(world.so_a, start_date=dt.date(2023, 1, 1), end_date=dt.date(2026, 12, 31))
    cap = _province_cap(world, start=dt.date(2020, 1, 1))
    dossier = _bang_khen_dossier(world, campaign, world.phong_a, leaders=2, people=5)
    sent = services.dossier_send(dossier=dossier, user=world.head)
    leaders = next(c for c in services.dossier_checks(sent) if c.code.startswith("leaders"))
    assert leaders.ok and "2/5" in leaders.message
    stored = sent.check_results.get(code=leaders.code)
    assert (stored.rule_kind, stored.rule_id) == ("LeaderShareRule", cap.pk) and stored.rule_version
    # 2026: the province tightens its cap; and someone edits the 2023 row today.
    cap.valid_to = dt.date(2025, 12, 31)
    cap.save()
    _province_cap(world, percent=Decimal(20), start=dt.date(2026, 1, 1))
    LeaderShareRule.objects.filter(pk=cap.pk).update(max_percent=Decimal(10))
    again = next(c for c in services.dossier_checks(Dossier.objects.get(pk=sent.pk)) if c.code.startswith("leaders"))
    assert again.ok and again.label == leaders.label and "40" in again.label
    # A 2023 draft judged today uses the row valid on 31/12/2023 (as edited), not 2026's.
    draft = _bang_khen_dossier(world, campaign, world.phong_a2, leaders=0, people=1)
    live = next(c for c in services.live_checks(draft) if c.code.startswith("leaders"))
    assert "10" in live.label


def test_the_leaders_cap_counts_every_unit_of_the_so_in_the_round(catalogue, world):
    campaign = make_campaign(world.so_a, start_date=dt.date(2023, 1, 1))
    _province_cap(world)
    first = _bang_khen_dossier(world, campaign, world.phong_a, leaders=2, people=5)
    services.dossier_send(dossier=first, user=world.head)
    head_a2 = UserFactory()
    grant(head_a2, world.phong_a2, Role.LANH_DAO)
    second = _bang_khen_dossier(world, campaign, world.phong_a2, leaders=1, people=1)
    check = next(c for c in services.live_checks(second) if c.code.startswith("leaders"))
    assert not check.ok and check.message.startswith("3/6 cá nhân là lãnh đạo (50 %)")
    assert "mọi hồ sơ đã gửi của Sở" in check.message


@pytest.mark.django_db(transaction=True)
def test_the_cap_over_two_units_sending_at_once_on_postgresql(catalogue, world):
    if connection.vendor != "postgresql":
        pytest.skip("row locks across two connections: PostgreSQL (CI)")
    campaign = make_campaign(world.so_a, start_date=dt.date(2023, 1, 1))
    _province_cap(world)
    head_a2 = UserFactory()
    grant(head_a2, world.phong_a2, Role.LANH_DAO)
    first = _bang_khen_dossier(world, campaign, world.phong_a, leaders=1, people=3)
    second = _bang_khen_dossier(world, campaign, world.phong_a2, leaders=1, people=3)
    barrier = threading.Barrier(2)
    errors = []

    def send(dossier, user):
        from django.db import connections

        try:
            fresh = Dossier.objects.get(pk=dossier.pk)
            barrier.wait(timeout=10)
            services.dossier_send(dossier=fresh, user=user)
        except Exception as exc:  # noqa: BLE001 — reported below
            errors.append(exc)
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
    assert not errors
    # Serialised on the campaign's row: whichever sent second counted the first one's nominees in the Sở's total
    # (without the lock both would have counted only their own).
    from awards.models import CheckResult

    results = sorted(
        (r.values["others"], r.values["leaders"], r.values["total"])
        for r in CheckResult.objects.filter(dossier__in=[first, second], code__startswith="leaders")
    )
    assert results == [(0, 1, 3), (3, 2, 6)]


def test_two_reviewers_deciding_the_same_exception_one_wins(catalogue, world):
    campaign = make_campaign(world.so_a, start_date=dt.date(2023, 1, 1))
    _province_cap(world)
    dossier = services.dossier_send(
        dossier=_bang_khen_dossier(world, campaign, world.phong_a, leaders=3, people=5), user=world.head
    )
    code = next(c.code for c in services.dossier_checks(dossier) if c.code.startswith("leaders"))
    other = UserFactory()
    grant(other, world.so_a, Role.VAN_PHONG)
    services.check_override(dossier=dossier, user=world.office, code=code, reason="Có văn bản của tỉnh cho phép.")
    with pytest.raises(StaleEditError, match="đã được .* chấp nhận lúc"):
        services.check_override(dossier=dossier, user=other, code=code, reason="Đồng ý.")
    assert CheckOverride.objects.get().user == world.office
