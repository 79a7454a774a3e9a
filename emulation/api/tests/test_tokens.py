"""Quản trị's token pages: make one (its secret shown once, only its digest kept), see its calls, revoke it; nobody
else gets in, and a Sở's Quản trị sees only its own Sở's tokens. The docs page works without the network."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse

from campaigns.models import Role
from campaigns.tests.factories import UserFactory, grant
from emulation.api.models import ApiToken
from emulation.api.services import secret_digest


def _form(world, **changes) -> dict:
    return {
        "name": "Hệ thống báo cáo tỉnh A (LGSP)",
        "unit": world.so_a.pk,
        "resources": ["so_lieu", "don_vi"],
        "expires_on": (dt.date.today() + dt.timedelta(days=180)).strftime("%d/%m/%Y"),
        "note": "",
        **changes,
    }


def test_the_secret_is_shown_once_and_only_its_digest_is_kept(world, login, api_client):
    client = login(world.admin)
    response = client.post(reverse("api_tokens:create"), _form(world))
    token = ApiToken.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("api_tokens:detail", args=[token.pk])
    assert token.created_by == world.admin and token.resources == ["so_lieu", "don_vi"]
    last_day = dt.date.today() + dt.timedelta(days=180)
    assert token.last_day == last_day
    page = client.get(response["Location"]).content.decode()
    assert f"sau ngày {last_day:%d/%m/%Y}" in page
    secret = re.search(r'id="ma-truy-cap">([^<]+)<', page).group(1)
    assert secret.startswith("tdkt_") and token.secret_hash == secret_digest(secret)
    assert secret not in str(ApiToken.objects.values_list().get())
    # Shown once: the page does not show it again.
    assert secret not in client.get(response["Location"]).content.decode()
    # And it works.
    assert api_client(secret).get(reverse("api:units")).status_code == 200


def test_a_bad_form_keeps_what_was_typed_and_says_why(world, login):
    client = login(world.admin)
    response = client.post(
        reverse("api_tokens:create"), _form(world, resources=[], expires_on="01/01/2020", name="LGSP Bắc Kạn")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Chọn ít nhất một loại dữ liệu" in page and "LGSP Bắc Kạn" in page
    response = client.post(reverse("api_tokens:create"), _form(world, expires_on="01/01/2020"))
    assert "Ngày hết hạn phải sau hôm nay." in response.content.decode()
    response = client.post(reverse("api_tokens:create"), _form(world, expires_on="31/12/2099"))
    assert "tối đa 3 năm" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_stops_the_next_call(world, login, make_token, api_client):
    token, secret = make_token(world.so_a)
    assert api_client(secret).get(reverse("api:units")).status_code == 200
    client = login(world.admin)
    response = client.post(reverse("api_tokens:revoke", args=[token.pk]), {"reason": "Hệ thống ngừng kết nối"})
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_by == world.admin and token.revoke_reason == "Hệ thống ngừng kết nối"
    assert api_client(secret).get(reverse("api:units")).status_code == 401
    page = client.get(reverse("api_tokens:detail", args=[token.pk])).content.decode()
    assert "Đã thu hồi" in page and "/api/v1/don-vi" in page and "401" in page  # the call log
    # A revoke without a reason is refused with the reason why.
    other, _ = make_token(world.so_a)
    response = client.post(reverse("api_tokens:revoke", args=[other.pk]), {"reason": "  "})
    assert response.status_code == 400 and "Vui lòng ghi lý do thu hồi." in response.content.decode()
    other.refresh_from_db()
    assert other.revoked_at is None


def test_only_quan_tri_manages_tokens_and_only_of_their_own_so(world, login, make_token):
    token_a, _ = make_token(world.so_a)
    for persona in (world.office, world.board, world.head):
        assert login(persona).get(reverse("api_tokens:list")).status_code == 403
    admin_b = UserFactory(username="quantri_b")
    grant(admin_b, world.so_b, Role.QUAN_TRI)
    client = login(admin_b)
    assert token_a.name not in client.get(reverse("api_tokens:list")).content.decode()
    assert client.get(reverse("api_tokens:detail", args=[token_a.pk])).status_code == 404
    assert client.post(reverse("api_tokens:revoke", args=[token_a.pk]), {"reason": "x"}).status_code == 404
    # The form offers its own Sở only, and a post for another Sở is refused.
    form = client.get(reverse("api_tokens:create")).content.decode()
    assert "tỉnh B" in form and "tỉnh A" not in form
    assert client.post(reverse("api_tokens:create"), _form(world)).status_code == 400
    assert ApiToken.objects.count() == 1


def test_the_navigation_links_the_token_page_for_quan_tri_only(world, login):
    assert "Kết nối API" in login(world.admin).get(reverse("home")).content.decode()
    assert "Kết nối API" not in login(world.office).get(reverse("home")).content.decode()


def test_the_docs_page_uses_local_assets_only(client):
    response = client.get(reverse("api:openapi-view"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page and "/static/ninja/swagger-ui.css" in page
    assert not re.search(r'(src|href)="(https?:)?//', page), "no asset from another host"
    assert reverse("api:openapi-json") in page
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_prune_audit_removes_api_calls_older_than_a_year_and_keeps_recent_ones(world):
    import datetime
    import io

    from django.core.management import call_command
    from django.utils import timezone

    from emulation.api.models import ApiCall

    old = ApiCall.objects.create(method="GET", path="/api/v1/don-vi", status=200)
    recent = ApiCall.objects.create(method="GET", path="/api/v1/so-lieu", status=200)
    ApiCall.objects.filter(pk=old.pk).update(at=timezone.now() - datetime.timedelta(days=400))
    out = io.StringIO()
    call_command("prune_audit", stdout=out)
    assert list(ApiCall.objects.values_list("pk", flat=True)) == [recent.pk]
    assert "nhật ký gọi API (ApiCall): 1" in out.getvalue()
