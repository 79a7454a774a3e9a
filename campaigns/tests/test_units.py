"""Unit pages: scoped lists, edits that record who changed what and refuse stale forms, fixed query counts."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from campaigns.models import Cluster, ClusterKind, ClusterMembership, Role, Unit
from campaigns.tests.factories import UserFactory, grant, make_unit


def _form(unit, **changes):
    data = {
        "name": unit.name,
        "short_name": unit.short_name,
        "address": unit.address,
        "phone": unit.phone,
        "email": unit.email,
        "head_name": unit.head_name,
        "version": unit.version,
        "reason": "",
    }
    data.update(changes)
    return data


def test_staff_see_only_their_unit(world, login):
    body = login(world.staff).get(reverse("campaigns:unit_list")).content.decode()
    assert escape(world.phong_a.name) in body
    assert (
        escape(world.phong_a2.name) not in body
        and escape(world.so_b.name) not in body
        and escape(world.phong_b.name) not in body
    )


def test_office_sees_its_province_and_not_the_other(world, login):
    body = login(world.office).get(reverse("campaigns:unit_list")).content.decode()
    assert (
        escape(world.so_a.name) in body and escape(world.phong_a.name) in body and escape(world.phong_a2.name) in body
    )
    assert escape(world.so_b.name) not in body and escape(world.phong_b.name) not in body


def test_unit_list_search_finds_by_name(world, login):
    body = login(world.office).get(reverse("campaigns:unit_list"), {"q": "BCVT"}).content.decode()
    assert escape(world.phong_a2.name) in body and escape(world.phong_a.name) not in body


def test_edit_records_who_changed_what_and_why(world, login):
    client = login(world.office)
    response = client.post(
        reverse("campaigns:unit_edit", args=[world.phong_a.pk]),
        _form(world.phong_a, phone="0271 3888 999", reason="Đổi số điện thoại"),
    )
    assert response.status_code == 302
    unit = Unit.objects.get(pk=world.phong_a.pk)
    assert unit.phone == "0271 3888 999"
    assert unit.version == world.phong_a.version + 1
    latest = unit.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == world.office
    assert latest.history_change_reason == "Đổi số điện thoại"
    assert latest.phone == "0271 3888 999"
    assert unit.history.filter(history_type="+").exists(), "creation is recorded too"


def test_history_is_shown_to_the_office(world, login):
    client = login(world.office)
    client.post(reverse("campaigns:unit_edit", args=[world.phong_a.pk]), _form(world.phong_a, reason="Sửa địa chỉ"))
    body = client.get(reverse("campaigns:unit_detail", args=[world.phong_a.pk])).content.decode()
    assert "Lịch sử thay đổi" in body and "Sửa địa chỉ" in body


def test_a_stale_form_is_refused_and_keeps_what_was_typed(world, login):
    client = login(world.office)
    stale = _form(world.phong_a, address="Số 1 đường Trần Hưng Đạo")
    # Someone else saves first, from the same version.
    first = client.post(reverse("campaigns:unit_edit", args=[world.phong_a.pk]), _form(world.phong_a, phone="111"))
    assert first.status_code == 302
    response = client.post(reverse("campaigns:unit_edit", args=[world.phong_a.pk]), stale)
    body = response.content.decode()
    assert response.status_code == 200
    assert "đã được người khác cập nhật" in body
    assert "Số 1 đường Trần Hưng Đạo" in body
    unit = Unit.objects.get(pk=world.phong_a.pk)
    assert unit.phone == "111" and unit.address == ""


def test_empty_name_gets_a_vietnamese_message(world, login):
    response = login(world.office).post(
        reverse("campaigns:unit_edit", args=[world.phong_a.pk]), _form(world.phong_a, name="   ", phone="0909")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Vui lòng nhập tên đơn vị" in body or "Trường này là bắt buộc" in body
    assert 'value="0909"' in body


def test_tampered_version_is_not_a_500(world, login):
    response = login(world.office).post(
        reverse("campaigns:unit_edit", args=[world.phong_a.pk]), _form(world.phong_a, version="abc")
    )
    assert response.status_code == 200


def _queries(client, url, params=None) -> int:
    client.get(url, params)  # warm the session
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx)


def test_unit_list_runs_a_fixed_number_of_queries(world, login):
    client = login(world.office)
    url = reverse("campaigns:unit_list")
    few = _queries(client, url)
    for i in range(60):
        make_unit(world.so_a, name=f"Xã {i:03d}", level="xa")
    many = _queries(client, url)
    assert few == many <= 8


def test_unit_detail_runs_a_fixed_number_of_queries(world, login):
    client = login(world.office)
    url = reverse("campaigns:unit_detail", args=[world.so_a.pk])
    few = _queries(client, url)
    for i in range(30):
        make_unit(world.so_a, name=f"Xã {i:03d}", level="xa")
        grant(UserFactory(), world.so_a, Role.CAN_BO)
    for year in (2023, 2024, 2025):
        _cluster(world, year, [world.so_a])
    many = _queries(client, url)
    # 12 before issue 16; +1 for "Lịch sử tổ chức" (whether any change touched the unit, campaigns.orgchart.has_history)
    assert few == many <= 13, many


def _cluster(world, year, members, number=1):
    cluster = Cluster.objects.create(
        kind=ClusterKind.CUM, number=number, year=year, name=f"Cụm số {number} ({year})", organiser=world.bo
    )
    for i, unit in enumerate(members):
        ClusterMembership.objects.create(cluster=cluster, unit=unit, role="truong" if i == 0 else "thanh_vien")
    return cluster


def test_cluster_list_runs_a_fixed_number_of_queries(world, login):
    provinces = [make_unit(world.bo, name=f"Sở tỉnh {i:02d}", level="so") for i in range(4)]
    client = login(world.office)
    url = reverse("campaigns:cluster_list")
    _cluster(world, 2025, [world.so_a, *provinces], number=1)
    few = _queries(client, url, {"nam": 2025})
    for number in range(2, 30):
        _cluster(world, 2025, [world.so_a, *provinces], number=number)
    many = _queries(client, url, {"nam": 2025})
    assert few == many <= 10
    assert client.get(url, {"nam": 2025}).content.decode().count("Cụm số ") == 29


def test_cluster_history_is_kept_per_year(world, login):
    old = _cluster(world, 2023, [world.so_a], number=2)
    new = _cluster(world, 2024, [world.so_b], number=2)
    client = login(world.office)
    body_2023 = client.get(reverse("campaigns:cluster_list"), {"nam": 2023}).content.decode()
    assert escape(old.name) in body_2023 and escape(new.name) not in body_2023
    # Sở A is no longer in 2024's cluster: its people do not see it.
    assert client.get(reverse("campaigns:cluster_detail", args=[new.pk])).status_code == 404


def test_one_person_may_hold_roles_in_two_units(world, login):
    person = UserFactory()
    grant(person, world.phong_a, Role.CAN_BO)
    grant(person, world.phong_b, Role.CAN_BO)
    client = login(person)
    assert client.get(reverse("campaigns:unit_detail", args=[world.phong_a.pk])).status_code == 200
    assert client.get(reverse("campaigns:unit_detail", args=[world.phong_b.pk])).status_code == 200
    assert client.get(reverse("campaigns:unit_detail", args=[world.phong_a2.pk])).status_code == 404
