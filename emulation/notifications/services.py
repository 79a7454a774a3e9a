"""Writing notifications, reading them, and each person's choice of e-mail.

`notify` is idempotent: one notification per (person, event key) whatever how many times, or how many workers at
once, run the job; only the run that wrote the notification creates its e-mail.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from campaigns.models import User
from emulation.lib.errors import DomainError
from emulation.notifications import mail, selectors
from emulation.notifications.models import DEFAULT_EMAIL, EmailChoice, Kind, Notification, Preference

logger = logging.getLogger(__name__)


def notify(
    *, recipients: Iterable[User], event_key: str, kind: str, text: str, link: str, target: Model
) -> list[Notification]:
    """Write the event's notification for each person (once), and queue the e-mail of those who want it now.
    The caller has checked that each person may read `target`. Returns the notifications written by this call."""
    people = list({user.pk: user for user in recipients}.values())
    if not people:
        return []
    field = selectors.target_field(target)
    choices = selectors.email_choices(users=people, kind=kind)
    written, deliveries = [], []
    for user in people:
        choice = choices[user.pk]
        with transaction.atomic():
            # Of two runs of the same job, the second finds the row (or waits on the unique index until the first
            # commits, then finds it): it writes nothing and sends nothing.
            notification, created = Notification.objects.get_or_create(
                recipient=user,
                event_key=event_key,
                defaults={"kind": kind, "text": text, "link": link, field: target, "email": choice},
            )
            if not created:
                logger.info("notification %s for %s already written", event_key, user.username)
                continue
            if choice == EmailChoice.NGAY and user.email:
                notification.delivery = mail.delivery_for(notification)
                deliveries.append(notification.delivery.pk)
            if choice == EmailChoice.TAT or not user.email or notification.delivery_id:
                notification.email_done_at = timezone.now()
                notification.save(update_fields=["delivery", "email_done_at"])
        written.append(notification)
    if deliveries:
        mail.enqueue(deliveries)
    return written


def notifications_resolve(*, target: Model, kinds: Iterable[str]) -> int:
    """The work a notification asked for is done (the figures were sent again): it is marked read for everyone."""
    field = selectors.target_field(target)
    return Notification.objects.filter(**{field: target}, kind__in=list(kinds), read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notification_mark_read(*, notification: Notification, user: User) -> None:
    if notification.recipient_id != user.pk:
        raise DomainError("Thông báo này không phải của bạn.")
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())


def notifications_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def preferences_save(*, user: User, choices: dict[str, str]) -> None:
    """A person's own choices, kind by kind; a kind not given keeps what it had."""
    for kind, email in choices.items():
        if kind not in Kind.values or email not in EmailChoice.values:
            raise DomainError("Lựa chọn không hợp lệ.")
        current = Preference.objects.filter(user=user, kind=kind).first()
        if current is None and email == DEFAULT_EMAIL[kind]:
            continue
        if current is None:
            current = Preference(user=user, kind=kind)
        elif current.email == email:
            continue
        current.email = email
        current.full_clean()
        current.save()
