"""“Hồ sơ khen thưởng”: the dossiers of every campaign in one queue, for Văn phòng Sở filterable by state, round and
unit; never another province's."""

from __future__ import annotations

import pytest
from django.urls import reverse

from awards.models import Dossier
from campaigns.tests.factories import make_campaign


@pytest.fixture
def dossiers(world):
    first = make_campaign(world.so_a, title="Phong trào thứ nhất")
    second = make_campaign(world.so_a, title="Phong trào thứ hai")
    other = make_campaign(world.so_b, title="Phong trào tỉnh B")

    def make(campaign, unit, status, round_kind="nam"):
        return Dossier.objects.create(campaign=campaign, unit=unit, status=status, round_kind=round_kind, year=2025)

    return {
        "sent": make(first, world.phong_a, "da_gui"),
        "appraised": make(second, world.phong_a2, "dang_tham_dinh", "so_ket"),
        "valid": make(second, world.phong_a, "hop_le"),
        "province_b": make(other, world.phong_b, "da_gui"),
    }


def _listed(response) -> set[int]:
    return {d.pk for d in response.context["page"]}


def test_the_office_opens_on_what_waits_for_it_across_campaigns(dossiers, world, login):
    response = login(world.office).get(reverse("awards:dossier_list"))
    assert response.status_code == 200
    assert _listed(response) == {dossiers["sent"].pk, dossiers["appraised"].pk}
    assert "Phong trào thứ nhất" in response.content.decode() and "tỉnh B" not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"trang_thai": ""}, {"sent", "appraised", "valid"}),
        ({"trang_thai": "hop_le"}, {"valid"}),
        ({"trang_thai": "", "dot": "so_ket"}, {"appraised"}),
        ({"trang_thai": "", "don_vi": "phong_a"}, {"sent", "valid"}),
        ({"trang_thai": "cho_xu_ly", "don_vi": "phong_a2"}, {"appraised"}),
        ({"trang_thai": "", "don_vi": "phong_b"}, {"sent", "appraised", "valid"}),  # not a choice: ignored
    ],
)
def test_filters_by_state_round_and_unit(dossiers, world, login, params, expected):
    query = {k: (getattr(world, v).pk if k == "don_vi" else v) for k, v in params.items()}
    response = login(world.office).get(reverse("awards:dossier_list"), query)
    assert _listed(response) == {dossiers[name].pk for name in expected}


def test_another_province_sees_only_its_own(dossiers, world, login):
    response = login(world.office_b).get(reverse("awards:dossier_list"), {"trang_thai": ""})
    assert _listed(response) == {dossiers["province_b"].pk}


def test_the_navigation_leads_there_and_a_unit_sees_its_own(dossiers, world, login):
    assert reverse("awards:dossier_list") in login(world.office).get(reverse("home")).content.decode()
    response = login(world.staff).get(reverse("awards:dossier_list"))
    assert _listed(response) == {dossiers["sent"].pk, dossiers["valid"].pk}  # phòng A's own, every state
