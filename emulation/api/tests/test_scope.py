"""A token reads its own Sở's subtree and nothing else, on every endpoint; without a valid token, nothing at all.

ENDPOINTS names every data endpoint of the API: `test_every_endpoint_is_listed_here` fails when one is added to
the URL conf without a row, as the portal's permission matrix does for pages (tests/test_permissions.py, whose
rows for the API only say that a session gets 401 everywhere).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone

from emulation.api import v1
from emulation.api.auth import TokenAuth
from emulation.api.models import ApiToken, Resource


@dataclass
class Endpoint:
    resource: str
    query: callable = lambda p: {}  # what the endpoint needs for a province p (conftest.Province)
    kwargs: callable = lambda p: {}
    filters: tuple[str, ...] = ("don_vi", "phong_trao")  # filters that name a unit or a campaign
    listing: bool = True
    extra: dict = field(default_factory=dict)


ENDPOINTS = {
    "units": Endpoint(Resource.DON_VI, filters=()),
    "campaigns": Endpoint(Resource.PHONG_TRAO, filters=()),
    "targets": Endpoint(Resource.PHONG_TRAO, filters=("phong_trao",)),
    "figures": Endpoint(Resource.SO_LIEU),
    "completeness": Endpoint(Resource.TIEN_DO, query=lambda p: {"phong_trao": p.campaign.pk}),
    "reports": Endpoint(Resource.BAO_CAO),
    "report_file": Endpoint(
        Resource.BAO_CAO, kwargs=lambda p: {"pk": p.report.pk, "loai": "pdf"}, filters=(), listing=False
    ),
    "records": Endpoint(Resource.KHEN_THUONG),
}
UNDOCUMENTED = {"openapi-json", "openapi-view", "api-root"}


def _url(name: str, province, **query) -> str:
    endpoint = ENDPOINTS[name]
    url = reverse(f"api:{name}", kwargs=endpoint.kwargs(province))
    params = {**endpoint.query(province), **query}
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def test_every_endpoint_is_listed_here():
    resolver = get_resolver().namespace_dict["api"][1]
    names = {p.name for p in resolver.url_patterns if getattr(p, "name", None)}
    assert names - UNDOCUMENTED == set(ENDPOINTS)


def test_every_endpoint_asks_a_token_for_its_resource():
    operations = [
        op
        for _prefix, router in v1.api._routers
        for path_view in router.path_operations.values()
        for op in path_view.operations
    ]
    assert len(operations) == len(ENDPOINTS)
    for op in operations:
        (auth,) = op.auth_callbacks
        assert isinstance(auth, TokenAuth) and auth.resource in Resource.values, op.view_func.__name__


def _walk(data, found: dict) -> None:
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "don_vi" and isinstance(value, dict):
                found["units"].add(value["id"])
            if key == "phong_trao_id":
                found["campaigns"].add(value)
            _walk(value, found)
    elif isinstance(data, list):
        for item in data:
            _walk(item, found)


def _seen(name: str, body: dict) -> dict:
    found = {"units": set(), "campaigns": set(), "ids": {item["id"] for item in body["du_lieu"]}}
    _walk(body["du_lieu"], found)
    if name == "units":
        found["units"] |= found["ids"]
    if name == "campaigns":
        found["campaigns"] |= found["ids"]
    return found


@pytest.mark.parametrize("reader", ["a", "b"])
@pytest.mark.parametrize("name", ENDPOINTS)
def test_a_token_reads_its_own_province_and_never_the_other(name, reader, api_world, make_token, api_client):
    mine, theirs = (api_world.a, api_world.b) if reader == "a" else (api_world.b, api_world.a)
    _token, secret = make_token(mine.so)
    client = api_client(secret)
    response = client.get(_url(name, mine))
    assert response.status_code == 200, response.content
    if not ENDPOINTS[name].listing:
        content = b"".join(response.streaming_content)
        assert content.startswith(b"%PDF") and mine.campaign.title.encode() in content
        # Their report's file, asked for by id: as if it did not exist.
        other = client.get(_url(name, theirs))
        assert other.status_code == 404 and "detail" in other.json()
        return
    body = response.json()
    assert body["du_lieu"], f"{name}: the token's own province has data to read"
    seen = _seen(name, body)
    their_units = set(type(theirs.so).objects.filter(path__startswith=theirs.so.path).values_list("pk", flat=True))
    assert not seen["units"] & their_units
    assert theirs.campaign.pk not in seen["campaigns"]
    text = response.content.decode()
    assert theirs.so.name not in text and theirs.phong.name not in text and theirs.record.name not in text
    if name == "reports":
        assert seen["ids"] == {mine.report.pk}
    if name == "records":
        assert seen["ids"] == {mine.record.pk}


@pytest.mark.parametrize("name", [n for n, e in ENDPOINTS.items() if e.filters])
def test_naming_the_other_provinces_unit_or_campaign_is_403(name, api_world, make_token, api_client):
    _token, secret = make_token(api_world.b.so)
    client = api_client(secret)
    a = api_world.a
    for param, value in {"don_vi": a.phong.pk, "phong_trao": a.campaign.pk}.items():
        if param not in ENDPOINTS[name].filters:
            continue
        response = client.get(_url(name, api_world.b, **{param: value}))
        assert response.status_code == 403, (param, response.content)
        assert response.json() == {"detail": "Mã truy cập không được đọc dữ liệu của đơn vị hoặc phong trào này."}
    if "don_vi" in ENDPOINTS[name].filters:
        # By code too, and a code that does not exist answers the same (no probing for units).
        for code in (a.so.code, "khong-co-don-vi-nay"):
            assert client.get(_url(name, api_world.b, don_vi=code)).status_code == 403


def test_completeness_of_the_other_provinces_campaign_is_403(api_world, make_token, api_client):
    _token, secret = make_token(api_world.b.so)
    response = api_client(secret).get(_url("completeness", api_world.a))
    assert response.status_code == 403 and "du_lieu" not in response.json()


def _refused(response, status: int) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"detail"} and body["detail"], body
    return body


@pytest.mark.parametrize("name", ENDPOINTS)
def test_no_valid_token_no_data(name, api_world, make_token, api_client, world, client):
    a = api_world.a
    url = _url(name, a)
    body = _refused(api_client(None).get(url), 401)
    assert "Authorization: Bearer" in body["detail"]
    assert api_client(None).get(url)["WWW-Authenticate"].startswith("Bearer")
    # A signed-in session is not a token.
    client.force_login(world.office)
    _refused(client.get(url), 401)
    # Another scheme, an unknown secret.
    _refused(api_client(None).get(url, headers={"Authorization": "Basic dGhpOnRo"}), 401)
    assert _refused(api_client("tdkt_khong-dung").get(url), 401)["detail"] == "Mã truy cập không đúng."

    expired, expired_secret = make_token(a.so)
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert "hết hạn" in _refused(api_client(expired_secret).get(url), 401)["detail"]

    revoked, revoked_secret = make_token(a.so)
    from emulation.api import services

    services.token_revoke(token=revoked, user=world.admin, reason="Thử")
    assert "thu hồi" in _refused(api_client(revoked_secret).get(url), 401)["detail"]

    others = [r for r in Resource.values if r != ENDPOINTS[name].resource]
    _narrow, narrow_secret = make_token(a.so, resources=others)
    assert "không được đọc loại dữ liệu" in _refused(api_client(narrow_secret).get(url), 403)["detail"]


def test_figures_are_the_approved_ones_with_their_approval_date(api_world, make_token, api_client):
    _token, secret = make_token(api_world.a.so)
    body = api_client(secret).get(reverse("api:figures") + "?nam=2023").json()
    submissions = {(item["don_vi"]["id"], item["ky_bao_cao"]["id"]) for item in body["du_lieu"]}
    approved = api_world.a.approved
    assert submissions == {(approved.unit_id, approved.period_id)}  # not phòng A2's sent one, not the draft
    event = approved.events.get(to_status="da_duyet")
    approved_at = event.at.replace(microsecond=event.at.microsecond // 1000 * 1000)  # JSON keeps milliseconds
    for item in body["du_lieu"]:
        assert item["trang_thai"] == "da_duyet" and item["trang_thai_ten"] == "Đã duyệt"
        assert dt.datetime.fromisoformat(item["ngay_duyet"]) == approved_at
    rate = next(i for i in body["du_lieu"] if i["chi_tieu"]["ma"] == api_world.setup.rate.indicator.code)
    # The one evaluation's judgement and text: 45/50 = 90 % against ≥ 70 %.
    assert (rate["tu_so"], rate["mau_so"], rate["gia_tri"]) == (45, 50, 90)
    assert rate["hien_thi"] == "90 %" and rate["danh_gia"] == "vuot" and rate["danh_gia_ten"] == "Vượt"


def test_units_as_of_a_date(api_world, make_token, api_client, world):
    from campaigns.models import Unit

    Unit.objects.filter(pk=world.phong_a2.pk).update(valid_to=dt.date(2024, 12, 31))
    _token, secret = make_token(world.so_a)
    client = api_client(secret)
    before = {u["id"] for u in client.get(reverse("api:units") + "?ngay=2024-06-30").json()["du_lieu"]}
    after = client.get(reverse("api:units") + "?ngay=2025-01-01").json()
    assert before == {world.so_a.pk, world.phong_a.pk, world.phong_a2.pk}
    assert {u["id"] for u in after["du_lieu"]} == {world.so_a.pk, world.phong_a.pk}
    assert after["ngay"] == "2025-01-01"
    phong = next(u for u in after["du_lieu"] if u["id"] == world.phong_a.pk)
    assert phong["don_vi_cha_id"] == world.so_a.pk
    # The token's own Sở is the root of what it reads: its parent (the Bộ) is not given.
    assert next(u for u in after["du_lieu"] if u["id"] == world.so_a.pk)["don_vi_cha_id"] is None


def test_the_schema_names_every_endpoint_and_the_bearer_scheme(client):
    schema = json.loads(client.get(reverse("api:openapi-json")).content)
    paths = set(schema["paths"])
    assert {"/api/v1/so-lieu", "/api/v1/don-vi", "/api/v1/khen-thuong", "/api/v1/bao-cao/{pk}/tep/{loai}"} <= paths
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_completeness_says_what_the_portals_completeness_table_says(api_world, make_token, api_client, world):
    from indicators.selectors import completeness

    _token, secret = make_token(world.so_a)
    body = api_client(secret).get(_url("completeness", api_world.a)).json()
    api = {
        (item["id"], cell["ky_bao_cao"]["id"]): cell["tinh_trang"]
        for item in body["du_lieu"]
        for cell in item["cac_ky"]
    }
    _periods, table = completeness(campaign=api_world.a.campaign, user=world.office)
    page = {(unit.pk, cell.period.pk): cell.state for unit, cells in table for cell in cells}
    assert api == page
    assert {"dung_han", "chua_gui"} <= set(api.values()) or {"qua_han", "chua_gui"} <= set(api.values())
