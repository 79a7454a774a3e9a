"""How an integrating system pulls: page by page while rows are added, again only when something changed, within its
rate, with a Vietnamese 400 for a malformed filter; and every call in the log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Unit
from campaigns.tests.factories import make_unit
from emulation.api.models import ApiCall
from indicators.models import Submission


def _pages(client, url: str, on_page=lambda n: None) -> list[int]:
    """Follow `tiep_theo` to the end; `on_page(n)` runs after page n was read (to add rows meanwhile)."""
    ids, page = [], 0
    while url:
        body = client.get(url).json()
        ids += [item["id"] for item in body["du_lieu"]]
        page += 1
        on_page(page)
        url = body["tiep_theo"]
    return ids


def test_paging_while_units_are_added_neither_repeats_nor_skips(api_world, make_token, api_client, world):
    for n in range(5):
        make_unit(world.phong_a, name=f"Tổ {n} tỉnh A", province="Tỉnh A")
    before = list(Unit.objects.filter(path__startswith=world.so_a.path).order_by("pk").values_list("pk", flat=True))
    added = []

    def add_two(page: int) -> None:
        if page in (1, 3):  # rows appear while the client is between pages
            for n in range(2):
                added.append(make_unit(world.phong_a2, name=f"Mới {page}.{n} tỉnh A", province="Tỉnh A").pk)

    _token, secret = make_token(world.so_a)
    ids = _pages(api_client(secret), reverse("api:units") + "?gioi_han=2", add_two)
    assert len(ids) == len(set(ids)), "no row twice"
    assert ids == sorted(ids)
    assert set(before) <= set(ids), "no row that was there is skipped"
    assert set(ids) == set(before) | set(added)  # rows added after the client's position come at the end


def test_paging_figures_while_a_unit_is_approved_meanwhile(api_world, make_token, api_client, world):
    from campaigns.models import Role
    from campaigns.tests.factories import UserFactory, grant
    from emulation.api.tests.conftest import fill_and_approve

    head_a2 = UserFactory(username="head_a2_pulls")
    grant(head_a2, world.phong_a2, Role.LANH_DAO)
    _token, secret = make_token(world.so_a)
    first_read = []

    def approve_another(page: int) -> None:
        if page == 1:
            first_read.extend(
                fill_and_approve(
                    period=api_world.setup.period, unit=world.phong_a2, head=head_a2, office=world.office
                ).values.values_list("pk", flat=True)
            )

    ids = _pages(api_client(secret), reverse("api:figures") + "?gioi_han=2", approve_another)
    assert len(ids) == len(set(ids)) == 3 + 3  # phòng A's three figures, then phòng A2's three new ones
    assert set(first_read) <= set(ids)


def test_etag_round_trip(api_world, make_token, api_client, world):
    _token, secret = make_token(world.so_a)
    client = api_client(secret)
    url = reverse("api:figures") + "?nam=2023"
    first = client.get(url)
    etag = first["ETag"]
    assert first.status_code == 200 and etag.startswith('"')
    assert first["Cache-Control"] == "private, no-cache" and "Authorization" in first["Vary"]

    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag

    # Another question is another answer: the same ETag does not stand for another filter.
    assert client.get(url + "&ky=nam", headers={"If-None-Match": etag}).status_code == 200

    # A new approved figure changes the answer: 200 with a new ETag.
    from campaigns.models import Role
    from campaigns.tests.factories import UserFactory, grant
    from emulation.api.tests.conftest import fill_and_approve

    head_a2 = UserFactory(username="head_a2_etag")
    grant(head_a2, world.phong_a2, Role.LANH_DAO)
    fill_and_approve(period=api_world.setup.period, unit=world.phong_a2, head=head_a2, office=world.office)
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert len(changed.json()["du_lieu"]) == 6


def test_last_modified_and_if_modified_since(api_world, make_token, api_client, world):
    _token, secret = make_token(world.so_a)
    client = api_client(secret)
    url = reverse("api:figures")
    first = client.get(url)
    stamp = first["Last-Modified"]
    assert stamp.endswith("GMT")
    assert client.get(url, headers={"If-Modified-Since": stamp}).status_code == 304
    # The approved report is reopened and approved again an hour later: its rows changed after the client's copy.
    later = timezone.now() + dt.timedelta(hours=1)
    Submission.objects.filter(pk=api_world.a.approved.pk).update(updated_at=later)
    response = client.get(url, headers={"If-Modified-Since": stamp})
    assert response.status_code == 200
    assert response["Last-Modified"] != stamp


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("nam=hai-nghin", ["nam", "phải là số nguyên"]),
        ("nam=1800", ["nam", "lớn hơn hoặc bằng 1900"]),
        ("ky=quy", ["ky", "chỉ nhận một trong các giá trị", "hoặc"]),
        ("gioi_han=0", ["gioi_han", "lớn hơn hoặc bằng 1"]),
        ("gioi_han=100000", ["gioi_han", "nhỏ hơn hoặc bằng 500"]),
        ("sau=-1", ["sau"]),
        ("nam=2023&donvi=5", ["Tham số không được hỗ trợ: donvi"]),
    ],
)
def test_malformed_filters_are_a_vietnamese_400(query, words, api_world, make_token, api_client, world):
    _token, secret = make_token(world.so_a)
    response = api_client(secret).get(reverse("api:figures") + "?" + query)
    assert response.status_code == 400
    body = response.json()
    assert "du_lieu" not in body and body["loi"]
    for word in words:
        assert word in body["detail"]


def test_a_date_that_is_not_a_date_is_a_400(api_world, make_token, api_client, world):
    _token, secret = make_token(world.so_a)
    response = api_client(secret).get(reverse("api:units") + "?ngay=31/12/2024")
    assert response.status_code == 400
    assert "ngay phải là ngày dạng NNNN-TT-NN" in response.json()["detail"]


def test_the_rate_limit_answers_429_with_retry_after(api_world, make_token, api_client, world, settings):
    settings.API_RATE_PER_MINUTE = 3
    _token, secret = make_token(world.so_a)
    client = api_client(secret)
    url = reverse("api:units")
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(url)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "quá số lần cho phép" in refused.json()["detail"]
    # Another token has its own allowance.
    _other, other_secret = make_token(world.so_a)
    assert api_client(other_secret).get(url).status_code == 200


def test_every_call_is_logged_refused_ones_too(api_world, make_token, api_client, world):
    token, secret = make_token(world.so_a)
    api_client(secret).get(reverse("api:figures") + "?nam=2023", REMOTE_ADDR="10.1.2.3")
    api_client(secret).get(reverse("api:figures") + "?don_vi=" + world.phong_b.code)
    api_client("tdkt_sai").get(reverse("api:units"))
    calls = list(ApiCall.objects.order_by("pk").values_list("token_id", "path", "query", "status", "ip"))
    assert calls == [
        (token.pk, "/api/v1/so-lieu", "nam=2023", 200, "10.1.2.3"),
        (token.pk, "/api/v1/so-lieu", f"don_vi={world.phong_b.code}", 403, "127.0.0.1"),
        (None, "/api/v1/don-vi", "", 401, "127.0.0.1"),
    ]
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_ids_beyond_the_database_range_are_a_400_or_a_404(api_world, make_token, api_client, world):
    _token, secret = make_token(world.so_a)
    client = api_client(secret)
    huge = "99999999999999999999"
    assert client.get(reverse("api:figures") + f"?sau={huge}").status_code == 400
    assert client.get(reverse("api:figures") + f"?phong_trao={huge}").status_code == 400
    assert client.get(reverse("api:figures") + f"?don_vi={huge}").status_code == 403
    assert client.get(f"/api/v1/bao-cao/{huge}/tep/pdf").status_code == 404
