"""The Django admin (/quan-tri/) for units, clusters and people, in Vietnamese."""

import pytest
from django.urls import reverse

from campaigns.models import Unit
from campaigns.tests.factories import UserFactory


@pytest.fixture
def superuser(db):
    return UserFactory(username="quantri", is_staff=True, is_superuser=True)


def test_admin_is_in_vietnamese_and_lists_units_clusters_people(client, superuser, world):
    client.force_login(superuser)
    body = client.get(reverse("admin:index")).content.decode()
    assert "Quản trị Cổng thi đua – khen thưởng" in body
    for label in ("Đơn vị", "Cụm, khối thi đua", "Người dùng", "Vai trò"):
        assert label.lower() in body.lower(), label
    for name in ("campaigns_unit", "campaigns_cluster", "campaigns_user", "campaigns_roleassignment"):
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200


def test_admin_unit_change_page_shows_history(client, superuser, world):
    client.force_login(superuser)
    assert client.get(reverse("admin:campaigns_unit_change", args=[world.phong_a.pk])).status_code == 200
    assert client.get(reverse("admin:campaigns_unit_history", args=[world.phong_a.pk])).status_code == 200


def test_admin_adds_a_unit_under_a_parent(client, superuser, world):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:campaigns_unit_add"),
        {
            "name": "Phòng VH&TT huyện Mới",
            "code": "vhtt-moi",
            "level": "huyen",
            "province": "Tỉnh A",
            "treebeard_position": "sorted-child",
            "treebeard_ref_node": world.so_a.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    unit = Unit.objects.get(code="vhtt-moi")
    parent = Unit.objects.get(pk=world.so_a.pk)
    assert unit.path.startswith(parent.path) and unit.depth == parent.depth + 1
    assert unit.history.first().history_user == superuser


def test_unit_staff_cannot_enter_the_admin(client, world):
    client.force_login(world.staff)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "/quan-tri/login/" in response.url
