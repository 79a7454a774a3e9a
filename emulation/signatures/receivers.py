"""Hooks on the rows that hold signed documents (services.WATCHED), so the upload services stay as they are:
a new file in a watched field is marked "đang kiểm tra" in the same transaction and checked once it commits."""

from __future__ import annotations

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from emulation.signatures import services


def _saved(sender, instance, raw: bool = False, update_fields=None, **kwargs) -> None:
    if raw:
        return
    for field in services.WATCHED[sender._meta.label_lower]:
        if update_fields is None or field in update_fields:
            services.signature_check_request(owner=instance, field=field)


def _deleted(sender, instance, **kwargs) -> None:
    services.signature_checks_forget(owner=instance)


for label in services.WATCHED:
    model = apps.get_model(label)
    post_save.connect(_saved, sender=model, dispatch_uid=f"signatures.saved.{label}")
    post_delete.connect(_deleted, sender=model, dispatch_uid=f"signatures.deleted.{label}")
