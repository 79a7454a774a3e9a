"""Reads of the signatures app. A check is read only beside the file it describes, on pages that already went
through their own scoping selector; the trust list is read by Quản trị only."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from campaigns.models import Role, User
from campaigns.scope import scope_for
from emulation.signatures.models import SignatureCheck, TrustAnchor


def may_manage_trust(*, user: User) -> bool:
    return user.is_authenticated and (user.is_superuser or scope_for(user).has_role(Role.QUAN_TRI))


def trust_anchors() -> QuerySet[TrustAnchor]:
    return TrustAnchor.objects.select_related("added_by").defer("certificate_der")


def check_for(*, owner: models.Model, field: str) -> SignatureCheck | None:
    if owner is None or owner.pk is None:
        return None
    ct = ContentType.objects.get_for_model(owner)
    return SignatureCheck.objects.filter(content_type=ct, object_id=owner.pk, field=field).first()


def checks_by_id(*, model_label: str, ids: Iterable[int], field: str) -> dict[int, SignatureCheck]:
    """One query for a page of rows (the register's decisions): {object id: check}."""
    app_label, model = model_label.split(".")
    ct = ContentType.objects.get_by_natural_key(app_label, model)
    ids = {i for i in ids if i}
    checks = SignatureCheck.objects.filter(content_type=ct, object_id__in=ids, field=field)
    return {c.object_id: c for c in checks}
