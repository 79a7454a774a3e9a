"""Permission-matrix rows for the trust list (merged into tests/test_permissions.py through `_app_rows`).

The trust list is Quản trị's alone: every persona of the matrix gets 403; "admin" (Quản trị at the Bộ, outside
PERSONAS) is who test_fuzz_forms posts as. The signature badges have no URL of their own: they are read on the
pages of the file they describe, through those pages' selectors."""

from __future__ import annotations

from tests.matrix import Row, expect

ONLY_ADMIN_GET = expect(302, 403, admin=200)


def _anchor(world):
    if not hasattr(world, "_trust_anchor"):
        from emulation.signatures.models import TrustAnchor
        from emulation.signatures.tests import pki

        root = pki.make_root()
        world._trust_anchor = TrustAnchor.objects.create(
            name="CA thử nghiệm",
            certificate_der=root.der,
            subject="CN=CA thử nghiệm",
            issuer="CN=CA thử nghiệm",
            serial="01",
            fingerprint=root.cert.fingerprint(pki.hashes.SHA256()).hex(),
            valid_from=root.cert.not_valid_before_utc,
            valid_to=root.cert.not_valid_after_utc,
            added_by=world.admin,
        )
    return world._trust_anchor


def _anchors(world):
    from emulation.signatures.models import TrustAnchor

    return sorted(TrustAnchor.objects.values_list("pk", "active", "fingerprint"))


ROWS = {
    "signatures:anchor_list": Row(
        get=ONLY_ADMIN_GET,
        post=expect(302, 403, admin=400),
        post_data=lambda w: {"name": "CA lạ"},
        unchanged=_anchors,
        may_change=(),
    ),
    "signatures:anchor_active": Row(
        kwargs=lambda w: {"pk": _anchor(w).pk},
        get=expect(302, 405),
        post=expect(302, 403, admin=302),
        post_data=lambda w: {"active": "0"},
        unchanged=_anchors,
        may_change=(),
    ),
}
