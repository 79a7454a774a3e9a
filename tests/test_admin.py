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


# --- Query counts: a change page costs the same whatever the number of rows it lists (issue 18) ----------------


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # session and caches warm
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return len(ctx)


def test_admin_submission_pages_make_as_many_queries_for_3_figures_as_for_12(client, superuser, world):
    from decimal import Decimal

    from indicators import services
    from indicators.models import Indicator, Submission, Target
    from indicators.tests.factories import make_setup

    setup = make_setup(world)
    small = services.submission_open(period=setup.period, unit=world.phong_a, user=world.staff)
    for i in range(9):
        indicator = Indicator.objects.create(
            code=f"chi-tieu-them-{i}", name=f"Chỉ tiêu thêm {i}", measure="count", entry="number"
        )
        Target.objects.create(campaign=setup.campaign, indicator=indicator, value=Decimal(i + 1), order=10 + i)
    large = services.submission_open(period=setup.period, unit=world.phong_a2, user=world.staff)
    assert (small.values.count(), large.values.count()) == (3, 12)
    client.force_login(superuser)
    change = lambda s: reverse("admin:indicators_submission_change", args=[s.pk])  # noqa: E731
    assert _queries(client, change(small)) == _queries(client, change(large))
    changelist = reverse("admin:indicators_submission_changelist")
    few = _queries(client, changelist)
    for period in (setup.annual,):
        for unit in (world.phong_a, world.phong_a2, world.so_a):
            services.submission_open(period=period, unit=unit, user=world.staff)
    assert Submission.objects.count() == 5
    assert _queries(client, changelist) == few


def test_admin_dossier_pages_make_as_many_queries_for_2_nominees_as_for_8(client, superuser, world):
    from awards.tests.factories import make_dossier

    small = make_dossier(world, nominees=2)
    large = make_dossier(world, nominees=8, unit=world.phong_a2)
    client.force_login(superuser)
    change = lambda d: reverse("admin:awards_dossier_change", args=[d.pk])  # noqa: E731
    assert _queries(client, change(small)) == _queries(client, change(large))
    changelist = reverse("admin:awards_dossier_changelist")
    few = _queries(client, changelist)
    make_dossier(world, nominees=1, unit=world.phong_a2)
    make_dossier(world, nominees=1)
    assert _queries(client, changelist) == few
