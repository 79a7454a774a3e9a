"""E-mail for notifications: a message at once, or one daily digest per person, each a Delivery row.

Sending never blocks a page on a mail server that is down: the notification is already stored; the Delivery goes to
"lỗi" with the time of its next attempt, the job retries with a growing delay (Celery), and the sweep
(`deliveries_retry`, on beat) sends what is still due, also for jobs that ran in-process (no Redis) or were lost.

Once per key: a worker sends a Delivery only after moving it, with one conditional UPDATE, from "chờ"/"lỗi" to
"đang gửi"; of two workers, one matches the row. A worker that dies between handing the message to the server
and recording it leaves it "đang gửi"; the sweep sends it again after NOTIFY_EMAIL_CLAIM_MINUTES — the one case
where a person may get a message twice, rather than never.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from campaigns.models import User
from emulation.notifications.models import Delivery, EmailChoice, Kind, Notification

logger = logging.getLogger(__name__)

SUBJECT_PREFIX = "[Thi đua – Khen thưởng]"
# A claim older than this is a worker that died while sending: the sweep sends the message again.
NOTIFY_EMAIL_CLAIM_MINUTES = 15
# A queued message whose job has not run after this long was lost with its job (a Redis flush): the sweep sends it.
NOTIFY_EMAIL_LOST_MINUTES = 5
SENDABLE = (Delivery.Status.CHO, Delivery.Status.LOI)


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def backoff(attempts: int) -> int:
    """Seconds before the next attempt after `attempts` failed ones: 2, 4, 8 … minutes, at most 6 hours."""
    return min(60 * 2 ** max(attempts, 1), 6 * 3600)


def delivery_for(notification: Notification) -> Delivery:
    """The e-mail of one notification, sent at once (key: the event × the person)."""
    user = notification.recipient
    context = {
        "user": user,
        "notification": notification,
        "kind": Kind(notification.kind).label,
        "url": absolute(reverse("notifications:open", args=[notification.pk])),
        "preferences_url": absolute(reverse("notifications:preferences")),
    }
    delivery, _ = Delivery.objects.get_or_create(
        key=f"{notification.event_key}:{user.pk}",
        defaults={
            "recipient": user,
            "to": user.email,
            "subject": f"{SUBJECT_PREFIX} {Kind(notification.kind).label}",
            "body": render_to_string("emails/notification.txt", context),
        },
    )
    return delivery


def enqueue(delivery_ids: list[int]) -> None:
    """Send once the transaction that wrote them commits. A broker that is down loses nothing: the sweep sends
    queued messages whose job never ran."""
    from emulation.notifications import tasks

    def send() -> None:
        try:
            tasks.send_emails.delay(list(delivery_ids))
        except Exception:  # noqa: BLE001 - Redis away: the message stays "chờ" and the sweep sends it
            logger.warning("could not queue e-mails %s; the retry sweep will send them", delivery_ids, exc_info=True)

    transaction.on_commit(send)


def _claim(pk: int, now: datetime.datetime) -> bool:
    return bool(
        Delivery.objects.filter(pk=pk, status__in=SENDABLE, attempts__lt=settings.NOTIFY_EMAIL_MAX_ATTEMPTS).update(
            status=Delivery.Status.DANG_GUI, claimed_at=now, attempts=F("attempts") + 1
        )
    )


def _failed(deliveries: list[Delivery], exc: Exception) -> None:
    now = timezone.now()
    for delivery in deliveries:
        attempts = delivery.attempts  # already counts this attempt (the claim incremented it)
        if attempts >= settings.NOTIFY_EMAIL_MAX_ATTEMPTS:
            status, next_at = Delivery.Status.NGUNG, None
            logger.error("gave up e-mail %s to %s after %d attempts: %r", delivery.pk, delivery.to, attempts, exc)
        else:
            status, next_at = Delivery.Status.LOI, now + datetime.timedelta(seconds=backoff(attempts))
            logger.warning(
                "e-mail %s to %s failed (attempt %d), retried later: %r", delivery.pk, delivery.to, attempts, exc
            )
        Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.DANG_GUI).update(
            status=status, next_attempt_at=next_at, error=repr(exc)[:1000]
        )


def deliveries_send(delivery_ids: list[int]) -> list[int]:
    """Send the messages this call claims, over one SMTP connection. Returns the ids that failed (to retry)."""
    now = timezone.now()
    claimed = [pk for pk in delivery_ids if _claim(pk, now)]
    if not claimed:
        return []
    rows = list(Delivery.objects.filter(pk__in=claimed).order_by("pk"))
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except (smtplib.SMTPException, OSError) as exc:
        _failed(rows, exc)
        return claimed
    failed = []
    try:
        for delivery in rows:
            message = EmailMessage(delivery.subject, delivery.body, to=[delivery.to], connection=connection)
            try:
                message.send()
            except (smtplib.SMTPException, OSError) as exc:
                _failed([delivery], exc)
                failed.append(delivery.pk)
                continue
            Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.DANG_GUI).update(
                status=Delivery.Status.DA_GUI, sent_at=timezone.now(), error="", next_attempt_at=None
            )
    finally:
        try:
            connection.close()
        except (smtplib.SMTPException, OSError):
            pass
    return failed


def deliveries_retry(*, now: datetime.datetime | None = None, limit: int = 500) -> list[int]:
    """The sweep: messages due for another attempt, left "đang gửi" by a dead worker, or queued by a job that
    never ran. Returns the ids it tried."""
    now = now or timezone.now()
    Delivery.objects.filter(
        status=Delivery.Status.DANG_GUI, claimed_at__lt=now - datetime.timedelta(minutes=NOTIFY_EMAIL_CLAIM_MINUTES)
    ).update(status=Delivery.Status.LOI, next_attempt_at=now)
    due = Q(status=Delivery.Status.LOI, next_attempt_at__lte=now) | Q(
        status=Delivery.Status.CHO, created_at__lt=now - datetime.timedelta(minutes=NOTIFY_EMAIL_LOST_MINUTES)
    )
    ids = list(Delivery.objects.filter(due).order_by("pk").values_list("pk", flat=True)[:limit])
    if ids:
        deliveries_send(ids)
    return ids


# --- The daily digest ---------------------------------------------------------------------------------------------


def digest_for(*, user: User, day: datetime.date) -> Delivery | None:
    """Group the person's notifications waiting for the digest into one e-mail (key: the person × the day).

    Those read in the portal meanwhile, or whose object the person may no longer read, are left out and not sent
    later either. A second run the same day finds today's digest and leaves any newer notification for tomorrow's."""
    from emulation.notifications.selectors import notifications_visible_to

    with transaction.atomic():
        pending = list(
            Notification.objects.select_for_update()
            .filter(recipient=user, email=EmailChoice.HANG_NGAY, email_done_at__isnull=True)
            .order_by("created_at", "pk")
        )
        if not pending:
            return None
        visible = set(
            notifications_visible_to(user=user).filter(pk__in=[n.pk for n in pending]).values_list("pk", flat=True)
        )
        items = [n for n in pending if n.pk in visible and n.read_at is None]
        delivery = None
        if items and user.email and user.is_active:
            delivery, created = Delivery.objects.get_or_create(
                key=f"tong-hop:{user.pk}:{day.isoformat()}",
                defaults={
                    "recipient": user,
                    "to": user.email,
                    "digest": True,
                    "subject": f"{SUBJECT_PREFIX} {len(items)} thông báo ngày {day:%d/%m/%Y}",
                    "body": _digest_body(user, items, day),
                },
            )
            if not created:
                return None
        now = timezone.now()
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(email_done_at=now, delivery=delivery)
        Notification.objects.filter(pk__in=[n.pk for n in pending if n not in items]).update(email_done_at=now)
    return delivery


def _digest_body(user: User, items: list[Notification], day: datetime.date) -> str:
    groups: dict[str, list[dict]] = defaultdict(list)
    for n in items:
        groups[Kind(n.kind).label].append(
            {"text": n.text, "at": n.created_at, "url": absolute(reverse("notifications:open", args=[n.pk]))}
        )
    context = {
        "user": user,
        "day": day,
        "count": len(items),
        "groups": sorted(groups.items(), key=lambda g: -len(g[1])),
        "list_url": absolute(reverse("notifications:list")),
        "preferences_url": absolute(reverse("notifications:preferences")),
    }
    return render_to_string("emails/notification_digest.txt", context)


def digests_send(*, day: datetime.date | None = None) -> list[int]:
    """Every person with notifications waiting for the digest gets one e-mail; returns the deliveries made."""
    day = day or timezone.localdate()
    waiting = Notification.objects.filter(email=EmailChoice.HANG_NGAY, email_done_at__isnull=True).values(
        "recipient_id"
    )
    made = []
    for user in User.objects.filter(pk__in=waiting).order_by("pk"):
        delivery = digest_for(user=user, day=day)
        if delivery is not None:
            made.append(delivery.pk)
    if made:
        deliveries_send(made)
    return made
