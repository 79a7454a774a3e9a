"""The "Danh mục và quy định" pages: rows are added and ended, never overwritten; versions of one rule never
overlap; a rule in use is never deleted; each change says who and why; a rule added from 2027 leaves a 2026
dossier judged by the rule of 2026; Văn phòng Sở keeps its province's rows, Quản trị the national ones."""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards import rules
from awards import services as award_services
from awards.models import AwardStandard, BaseSalary, CheckResult, Dossier, LeaderShareRule, Nominee
from awards.tests.factories import make_dossier, pdf
from campaigns.models import AwardForm
from campaigns.tests.factories import make_campaign
from emulation.lib.errors import DomainError
from emulation.rules import services
from emulation.rules.models import RuleAction, RuleChange
from emulation.rules.registry import KINDS
from emulation.rules.tests.matrix_rules import _cap, _form

LEADERS = KINDS["ty-le-lanh-dao"]


def _url(name: str, row=None, kind: str = "ty-le-lanh-dao") -> str:
    return reverse(f"rules:{name}", kwargs={"kind": kind, **({"pk": row.pk} if row is not None else {})})


def _cap_form(**changes) -> dict:
    data = {
        "award_form": _form().pk,
        "province": "A",
        "max_percent": "35,5",
        "legal_basis": "QĐ 99/2025/QĐ-UBND của tỉnh A",
        "valid_from": "01/01/2025",
        "valid_to": "",
        "reason": "Tỉnh ban hành quy định mới",
    }
    return {**data, **changes}


# --- Periods never overlap; rows are ended, not overwritten --------------------------------------------------------


def test_an_overlapping_version_is_refused_with_the_reason_and_what_was_typed_is_kept(world, login):
    cap = _cap(world)  # 01/01/2024 – open
    response = login(world.office).post(_url("add"), _cap_form())
    page = response.content.decode()
    assert response.status_code == 400
    assert "Trùng thời gian hiệu lực" in page and "01/01/2024 – nay" in page
    assert 'value="35,5"' in page and "QĐ 99/2025/QĐ-UBND của tỉnh A" in page
    assert list(LeaderShareRule.objects.values_list("pk", flat=True)) == [cap.pk]
    assert not RuleChange.objects.exists()


def test_a_version_after_the_old_one_ends_is_added_and_logged(world, login):
    cap = _cap(world)
    services.rule_end(kind=LEADERS, pk=cap.pk, user=world.office, valid_to=dt.date(2024, 12, 31), reason="Hết hạn")
    response = login(world.office).post(_url("add"), _cap_form())
    assert response.status_code == 302
    new = LeaderShareRule.objects.exclude(pk=cap.pk).get()
    assert (new.max_percent, new.valid_from, new.valid_to) == (Decimal("35.5"), dt.date(2025, 1, 1), None)
    change = RuleChange.objects.get(object_id=new.pk, action=RuleAction.THEM)
    assert (change.user, change.reason, change.legal_basis) == (
        world.office,
        "Tỉnh ban hành quy định mới",
        "QĐ 99/2025/QĐ-UBND của tỉnh A",
    )
    listing = login(world.office).get(_url("list")).content.decode()
    assert "Lý do: Tỉnh ban hành quy định mới" in listing and "Đã hết hiệu lực" in listing
    assert "Đang hiệu lực" in listing


def test_ending_before_the_start_is_refused_and_nothing_changes(world, login):
    cap = _cap(world)
    response = login(world.office).post(_url("end", cap), {"valid_to": "31/12/2023", "reason": "Thử"})
    assert response.status_code == 400
    assert "trước ngày bắt đầu hiệu lực 01/01/2024" in response.content.decode()
    assert 'value="31/12/2023"' in response.content.decode()
    assert LeaderShareRule.objects.get(pk=cap.pk).valid_to is None
    assert not RuleChange.objects.exists()


def test_ending_sets_the_end_date_only_and_says_who_and_why(world, login):
    cap = _cap(world)
    response = login(world.office).post(
        _url("end", cap), {"valid_to": "31/12/2026", "reason": "Quy định mới thay thế", "basis": ""}
    )
    assert response.status_code == 302
    cap.refresh_from_db()
    assert (cap.valid_to, cap.max_percent, cap.legal_basis) == (dt.date(2026, 12, 31), Decimal(40), "QĐ thử của tỉnh A")
    change = RuleChange.objects.get()
    assert (change.action, change.user, change.reason, change.valid_to) == (
        RuleAction.KET_THUC,
        world.office,
        "Quy định mới thay thế",
        dt.date(2026, 12, 31),
    )
    history = login(world.board).get(_url("history", cap)).content.decode()
    assert "Quy định mới thay thế" in history and "Kết thúc hiệu lực" in history


def test_a_reason_is_required(world, login):
    cap = _cap(world)
    response = login(world.office).post(_url("end", cap), {"valid_to": "31/12/2026", "reason": "   "})
    assert response.status_code == 400 and "Vui lòng ghi lý do thay đổi" in response.content.decode()
    assert LeaderShareRule.objects.get(pk=cap.pk).valid_to is None


def test_the_second_of_two_people_ending_the_same_row_is_told(world, login):
    cap = _cap(world)
    services.rule_end(kind=LEADERS, pk=cap.pk, user=world.office, valid_to=dt.date(2026, 6, 30), reason="Một")
    # The second had opened the page before the first saved: the row is locked and read again, then refused.
    response = login(world.admin).post(_url("end", cap), {"valid_to": "31/12/2026", "reason": "Hai"})
    assert response.status_code == 400
    assert "đã kết thúc hiệu lực ngày 30/06/2026" in response.content.decode()
    assert LeaderShareRule.objects.get(pk=cap.pk).valid_to == dt.date(2026, 6, 30)
    assert RuleChange.objects.count() == 1


def test_replacing_ends_the_old_version_and_adds_the_new_one_together(world, login):
    cap = _cap(world)
    client = login(world.office)
    form_page = client.get(_url("replace", cap)).content.decode()
    assert 'name="award_form"' in form_page and "disabled" in form_page
    response = client.post(_url("replace", cap), _cap_form(valid_from="01/01/2027", max_percent="20"))
    assert response.status_code == 302
    cap.refresh_from_db()
    new = LeaderShareRule.objects.exclude(pk=cap.pk).get()
    assert cap.valid_to == dt.date(2026, 12, 31) and cap.max_percent == Decimal(40)
    assert (new.valid_from, new.max_percent, new.province, new.award_form_id) == (
        dt.date(2027, 1, 1),
        Decimal(20),
        "A",
        cap.award_form_id,
    )
    assert sorted(RuleChange.objects.values_list("action", flat=True)) == [RuleAction.KET_THUC, RuleAction.THEM]


def test_a_replacement_starting_before_the_old_version_changes_nothing(world, login):
    cap = _cap(world)
    response = login(world.office).post(_url("replace", cap), _cap_form(valid_from="01/01/2023"))
    assert response.status_code == 400
    assert "phải bắt đầu sau ngày 01/01/2024" in response.content.decode()
    assert list(LeaderShareRule.objects.values_list("pk", "valid_to")) == [(cap.pk, None)]
    assert not RuleChange.objects.exists()


def test_an_overlap_without_a_dated_rule_model_is_refused_too(world):
    """AwardStandard keeps no overlap check of its own: the registry's key does it."""
    form = AwardForm.objects.create(
        code="gk-thu", name="Giấy khen thử", kind="hinh_thuc", target="ca_nhan", authority="Giám đốc Sở"
    )
    kind = KINDS["tieu-chuan-khen-thuong"]
    values = {"target": "ca_nhan", "award_form": form, "min_rating": "tot", "valid_from": dt.date(2024, 1, 1)}
    services.rule_add(kind=kind, user=world.admin, values=values, reason="Nạp")
    with pytest.raises(DomainError, match="Trùng thời gian hiệu lực"):
        services.rule_add(
            kind=kind, user=world.admin, values={**values, "valid_from": dt.date(2025, 1, 1)}, reason="Lần hai"
        )
    assert AwardStandard.objects.filter(award_form=form).count() == 1


# --- In use: never deleted, never ended before its last use -------------------------------------------------------


def _judged_with(world, cap) -> Dossier:
    """A 2025 dossier sent with a stored check naming the cap (what dossier_send keeps)."""
    dossier = make_dossier(world, status="da_gui", review_round=1)
    CheckResult.objects.create(
        dossier=dossier,
        sending=1,
        code=f"leaders-rule-{cap.award_form_id}",
        label="Lãnh đạo không quá 40 %",
        ok=True,
        rule_kind="LeaderShareRule",
        rule_id=cap.pk,
        judged_at=timezone.now(),
    )
    return dossier


def test_a_rule_a_judged_dossier_used_is_not_deleted_only_ended(world, login):
    cap = _cap(world)
    _judged_with(world, cap)
    client = login(world.office)
    page = client.get(_url("delete", cap)).content.decode()
    assert "đang được sử dụng nên không xóa được" in page and "31/12/2025" in page
    response = client.post(_url("delete", cap), {"reason": "Nhập nhầm"})
    assert response.status_code == 400 and "chỉ có thể kết thúc hiệu lực" in response.content.decode()
    assert LeaderShareRule.objects.filter(pk=cap.pk).exists()
    # Nor ended before the day it was applied (the 2025 round's day), so the dossier keeps its rule.
    early = client.post(_url("end", cap), {"valid_to": "30/06/2025", "reason": "Thử"})
    assert early.status_code == 400 and "đã được áp dụng cho hồ sơ, văn bản ngày 31/12/2025" in early.content.decode()
    assert client.post(_url("end", cap), {"valid_to": "31/12/2025", "reason": "Hết"}).status_code == 302
    assert "Xóa" not in client.get(_url("list")).content.decode().split("<tbody>")[1]


def test_an_award_form_proposed_in_a_dossier_is_in_use(world):
    dossier = make_dossier(world)
    form = dossier.nominees.first().award_form
    used, _ = KINDS["hinh-thuc-khen-thuong"].uses(form)
    assert used
    with pytest.raises(DomainError, match="đang được sử dụng"):
        services.rule_delete(kind=KINDS["hinh-thuc-khen-thuong"], pk=form.pk, user=world.admin, reason="Thử")


def test_an_unused_row_is_deleted_and_the_deletion_is_logged(world, login):
    cap = _cap(world)
    response = login(world.office).post(_url("delete", cap), {"reason": "Nhập nhầm tỉnh"})
    assert response.status_code == 302
    assert not LeaderShareRule.objects.filter(pk=cap.pk).exists()
    change = RuleChange.objects.get()
    assert (change.action, change.object_id, change.reason) == (RuleAction.XOA, cap.pk, "Nhập nhầm tỉnh")


# --- A rule added from 2027 leaves 2026's dossiers as they were ------------------------------------------------------


def _leaders_dossier(world, campaign, year: int) -> Dossier:
    """Two leaders among five individuals proposed for the form of the cap: 40 %."""
    dossier = Dossier.objects.create(campaign=campaign, unit=world.phong_a, round_kind="nam", year=year)
    dossier.submission_file.save("tt.pdf", pdf("tt.pdf"), save=False)
    dossier.minutes_file.save("bb.pdf", pdf("bb.pdf"), save=False)
    dossier.save()
    for i in range(5):
        n = Nominee(
            dossier=dossier,
            kind="ca_nhan",
            award_form=_form(),
            full_name=f"Người {year}-{i}",
            birth_date=dt.date(1980, 1, 1 + i),
            is_leader=i < 2,
            rating="xuat_sac",
        )
        n.signed_report.save("m.pdf", pdf("m.pdf"), save=False)
        n.save()
    return dossier


def _leaders_check(dossier):
    return next(c for c in award_services.live_checks(dossier) if c.code.startswith("leaders"))


def test_a_cap_added_from_2027_does_not_change_a_2026_dossier_while_a_2027_one_gets_it(world, login):
    """The award checks read the rules as of the round's day (awards.services.round_day: the milestone's due date,
    else 31/12 of the dossier's year)."""
    cap = _cap(world)  # 40 % from 01/01/2024
    campaign = make_campaign(world.so_a, start_date=dt.date(2026, 1, 1), end_date=dt.date(2027, 12, 31))
    d2026, d2027 = _leaders_dossier(world, campaign, 2026), _leaders_dossier(world, campaign, 2027)
    before = _leaders_check(d2026)
    assert before.ok and "40" in before.label and "2/5" in before.message
    response = login(world.office).post(_url("replace", cap), _cap_form(valid_from="01/01/2027", max_percent="20"))
    assert response.status_code == 302
    after_2026, after_2027 = _leaders_check(d2026), _leaders_check(d2027)
    assert after_2026.ok and after_2026.label == before.label and after_2026.rule.pk == cap.pk
    assert not after_2027.ok and "20" in after_2027.label and after_2027.rule.pk != cap.pk
    assert rules.leader_rule_for(_form(), dt.date(2026, 12, 31), "A").pk == cap.pk


def test_a_base_salary_from_2027_leaves_2026_amounts(world, login):
    from awards.catalogue import load_amounts
    from campaigns.catalogue import load_catalogue

    load_catalogue()
    load_amounts()
    form = AwardForm.objects.filter(code="chien-si-thi-dua-co-so").order_by("-valid_from").first()
    current = BaseSalary.objects.get(valid_to__isnull=True)
    amount_2026 = rules.amount_for(form, dt.date(2026, 12, 31)).amount
    data = {
        "amount": "2.800.000",
        "legal_basis": "Nghị định thử",
        "note": "",
        "valid_from": "01/01/2027",
        "valid_to": "",
        "reason": "Lương cơ sở mới",
    }
    assert login(world.office).post(_url("replace", current, "luong-co-so"), data).status_code == 403
    assert login(world.admin).post(_url("replace", current, "luong-co-so"), data).status_code == 302
    assert rules.amount_for(form, dt.date(2026, 12, 31)).amount == amount_2026
    assert rules.amount_for(form, dt.date(2027, 1, 1)).base_salary == Decimal(2_800_000)


# --- Who keeps what -------------------------------------------------------------------------------------------------


def test_the_office_keeps_its_province_s_rows_and_reads_the_national_ones(world, login):
    from awards.models import LeaderShareRule

    national = LeaderShareRule.objects.create(
        award_form=_form(), province="", max_percent=Decimal(50), legal_basis="Chung", valid_from=dt.date(2024, 1, 1)
    )
    own, other = (
        _cap(world),
        LeaderShareRule.objects.create(
            award_form=_form(),
            province="B",
            max_percent=Decimal(30),
            legal_basis="Của B",
            valid_from=dt.date(2024, 1, 1),
        ),
    )
    client = login(world.office)
    listing = client.get(_url("list")).content.decode()
    assert _url("end", own) in listing and _url("end", national) not in listing
    assert _url("history", national) in listing and _url("history", other) not in listing
    assert client.get(_url("end", national)).status_code == 403
    assert client.get(_url("end", other)).status_code == 404
    # The province a new row may be given: its own only (a tampered "" for a national row is refused).
    response = client.post(_url("add"), _cap_form(province="", valid_from="01/01/2020", valid_to="31/12/2020"))
    assert response.status_code == 400 and LeaderShareRule.objects.count() == 3
    # National rules (lương cơ sở) are Quản trị's: the office reads them, adds none.
    assert client.get(_url("list", kind="luong-co-so")).status_code == 200
    assert client.get(_url("add", kind="luong-co-so")).status_code == 403
    admin = login(world.admin)
    admin_listing = admin.get(_url("list")).content.decode()
    assert all(_url("end", row) in admin_listing for row in (own, national, other))


def test_readers_see_no_change_buttons_and_unit_staff_no_link(world, login):
    _cap(world)
    board = login(world.board).get(_url("list")).content.decode()
    assert "Kết thúc" not in board and "Thay bằng phiên bản mới" not in board and "Thêm tỷ lệ" not in board
    link = f'href="{reverse("rules:kinds")}" title="Danh mục và quy định"'
    assert link in login(world.office).get(reverse("home")).content.decode()
    assert link in login(world.council).get(reverse("home")).content.decode()
    assert link not in login(world.staff).get(reverse("home")).content.decode()


def test_an_office_keeps_its_own_unit_s_signers_only(world, login):
    client = login(world.office)
    page = html.unescape(client.get(_url("add", kind="nguoi-ky")).content.decode())
    assert world.so_a.name in page and world.so_b.name not in page and world.phong_a.name not in page
    data = {
        "unit": world.so_a.pk,
        "authority": "KT. GIÁM ĐỐC",
        "position": "PHÓ GIÁM ĐỐC",
        "name": "Lê Văn Ký",
        "valid_from": "01/01/2025",
        "valid_to": "",
        "reason": "Phân công ký",
        "basis": "QĐ 12/QĐ-STTTT",
    }
    assert client.post(_url("add", kind="nguoi-ky"), data).status_code == 302
    assert RuleChange.objects.get().legal_basis == "QĐ 12/QĐ-STTTT"
    assert client.post(_url("add", kind="nguoi-ky"), {**data, "unit": world.so_b.pk}).status_code == 400


# --- The list costs the same queries for 3 rows or 30 ---------------------------------------------------------------


def _rows(world, count: int) -> None:
    start = LeaderShareRule.objects.order_by("-valid_from").values_list("valid_from", flat=True).first()
    day = (start or dt.date(1990, 1, 1)) + dt.timedelta(days=400)
    for i in range(count):
        row = services.rule_add(
            kind=LEADERS,
            user=world.office,
            values={
                "award_form": _form(),
                "province": "A",
                "max_percent": Decimal(40),
                "legal_basis": "QĐ",
                "valid_from": day + dt.timedelta(days=10 * i),
                "valid_to": day + dt.timedelta(days=10 * i + 9),
            },
            reason=f"Dòng {i}",
        )
        assert row.pk


@pytest.mark.parametrize("kind", ["ty-le-lanh-dao"])
def test_the_list_page_costs_the_same_queries_at_two_sizes(world, login, django_assert_num_queries, kind):
    client = login(world.office)
    _rows(world, 3)
    client.get(_url("list", kind=kind))  # warm the session and caches
    with CaptureQueriesContext(connection) as small:
        assert client.get(_url("list", kind=kind)).status_code == 200
    _rows(world, 30)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(_url("list", kind=kind))
    assert response.content.decode().count("Lý do: Dòng") == 33


def test_a_percentage_over_100_is_refused_with_a_message_not_a_500(world, login):
    response = login(world.office).post(_url("add"), _cap_form(max_percent="140", valid_from="01/01/2020"))
    assert response.status_code == 400
    assert "Tỷ lệ phải từ 0 đến 100 %." in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_people_ending_the_same_row_at_once_one_wins_on_postgresql(world):
    if connection.vendor != "postgresql":
        pytest.skip("row locks across two connections: PostgreSQL (CI)")
    import threading

    cap = _cap(world)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def end(user, day):
        from django.db import connections

        try:
            barrier.wait(timeout=10)
            services.rule_end(kind=LEADERS, pk=cap.pk, user=user, valid_to=day, reason="Cùng lúc")
            outcomes.append("ok")
        except DomainError as error:
            outcomes.append(error.message)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=end, args=(world.office, dt.date(2026, 6, 30))),
        threading.Thread(target=end, args=(world.admin, dt.date(2026, 12, 31))),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(o == "ok" for o in outcomes) == [False, True]
    assert any("đã kết thúc hiệu lực ngày" in o for o in outcomes)
    assert RuleChange.objects.filter(object_id=cap.pk).count() == 1


def test_a_merged_so_s_office_keeps_the_rules_of_the_province_it_was_merged_from(world, login):
    """campaigns.orgchart puts an ended predecessor under its successor: the successor's office reads and ends the
    predecessor province's rules (they still apply to its earlier dossiers); its own province comes first."""
    from campaigns.models import UnitLevel
    from campaigns.tests.factories import make_unit

    make_unit(world.so_a, name="Sở TT&TT tỉnh Cũ (đã hợp nhất)", level=UnitLevel.SO, province="Tỉnh Cũ")
    old = LeaderShareRule.objects.create(
        award_form=_form(),
        province="Cũ",
        max_percent=Decimal(40),
        legal_basis="QĐ tỉnh Cũ",
        valid_from=dt.date(2020, 1, 1),
    )
    client = login(world.office)
    assert _url("end", old) in client.get(_url("list")).content.decode()
    response = client.post(_url("end", old), {"valid_to": "30/06/2025", "reason": "Hợp nhất tỉnh"})
    assert response.status_code == 302
    page = client.get(_url("add")).content.decode()
    assert page.index('<option value="A"') < page.index('<option value="Cũ"')
    assert login(world.office_b).get(_url("end", old)).status_code == 404


def test_the_services_refuse_a_rule_the_user_does_not_keep(world):
    national = LeaderShareRule.objects.create(
        award_form=_form(), province="", max_percent=Decimal(50), legal_basis="Chung", valid_from=dt.date(2024, 1, 1)
    )
    with pytest.raises(DomainError, match="không quản lý quy định này"):
        services.rule_end(kind=LEADERS, pk=national.pk, user=world.office, valid_to=dt.date(2026, 1, 1), reason="x")
    values = {
        "award_form": _form(),
        "province": "B",
        "max_percent": Decimal(10),
        "legal_basis": "x",
        "valid_from": dt.date(2020, 1, 1),
    }
    with pytest.raises(DomainError, match="không quản lý quy định này"):
        services.rule_add(kind=LEADERS, user=world.office, values=values, reason="x")
    assert LeaderShareRule.objects.get(pk=national.pk).valid_to is None and LeaderShareRule.objects.count() == 1
