"""Permission-matrix rows for the API (tests/test_permissions.py reads them through `_app_rows`).

Two kinds of URL:
- /api/v1/… answers a Bearer token, never a session: every persona of the matrix, signed in or not, gets 401 on
  every data endpoint (the session gives no access to the API). What a token reads — its Sở's subtree only, for
  every endpoint — is tested in emulation/api/tests/test_scope.py, which fails when an endpoint is added without
  its row there. The OpenAPI schema and the docs page are public (they describe, they hold no data); the API's
  root is a 404.
- /ket-noi-api/… are portal pages for Quản trị: no persona of the matrix holds that role, so 403 for all of them
  (the sign-in page for the anonymous); "admin" (Quản trị at the Bộ, outside PERSONAS) is who the fuzz test posts
  as. Their own tests: emulation/api/tests/test_tokens.py.
"""

from __future__ import annotations

import datetime

from tests.matrix import PUBLIC, Row, expect

TOKEN_ONLY = expect(401, 401)
ADMIN_ONLY = expect(302, 403)


def _token(world):
    if not hasattr(world, "_api_token"):
        from emulation.api import services

        world._api_token = services.token_create(
            user=world.admin,
            name="Hệ thống thử",
            unit=world.so_a,
            resources=["so_lieu"],
            expires_on=datetime.date.today() + datetime.timedelta(days=30),
        )[0]
    return world._api_token


def _tokens() -> int:
    from emulation.api.models import ApiToken

    return ApiToken.objects.count()


def _revoked(world):
    from emulation.api.models import ApiToken

    return ApiToken.objects.get(pk=_token(world).pk).revoked_at


ROWS: dict[str, Row] = {
    "api:openapi-json": Row(get=PUBLIC),
    "api:openapi-view": Row(get=PUBLIC),
    "api:api-root": Row(get=expect(404, 404)),
    "api:units": Row(get=TOKEN_ONLY),
    "api:campaigns": Row(get=TOKEN_ONLY),
    "api:targets": Row(get=TOKEN_ONLY),
    "api:figures": Row(get=TOKEN_ONLY),
    "api:completeness": Row(get=TOKEN_ONLY),
    "api:reports": Row(get=TOKEN_ONLY),
    "api:report_file": Row(kwargs=lambda w: {"pk": 1, "loai": "pdf"}, get=TOKEN_ONLY),
    "api:records": Row(get=TOKEN_ONLY),
    "api_tokens:list": Row(get=ADMIN_ONLY),
    "api_tokens:create": Row(
        get=ADMIN_ONLY,
        post=expect(302, 403, admin=302),
        post_data=lambda w: {
            "name": "Hệ thống báo cáo tỉnh A",
            "unit": w.so_a.pk,
            "resources": ["so_lieu", "don_vi"],
            "expires_on": (datetime.date.today() + datetime.timedelta(days=90)).strftime("%d/%m/%Y"),
            "note": "",
        },
        unchanged=lambda w: _tokens(),
        may_change=(),
    ),
    "api_tokens:detail": Row(kwargs=lambda w: {"pk": _token(w).pk}, get=ADMIN_ONLY),
    "api_tokens:revoke": Row(
        kwargs=lambda w: {"pk": _token(w).pk},
        get=expect(302, 405),
        post=expect(302, 403, admin=302),
        post_data=lambda w: {"reason": "Hệ thống ngừng kết nối"},
        unchanged=_revoked,
        may_change=(),
    ),
}
