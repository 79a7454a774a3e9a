"""Exactly once with real workers: two Celery workers on one Redis queue each receive the same notification jobs at
the same moment, and every person gets one notification and one e-mail per event. Needs PostgreSQL (the workers
are other processes) and Redis: CI runs it, never skips it."""

from __future__ import annotations

import email
import email.policy
import threading
from pathlib import Path

import pytest
from django.core import mail as django_mail

from emulation.notifications import events
from emulation.notifications.models import Delivery, Notification
from indicators.models import SubmissionEvent
from tests.workers import log_text, new_queue, require_postgresql, start_worker, stop_worker, wait_for, worker_env

EVENTS = 12
pytestmark = [
    pytest.mark.django_db(transaction=True),
    # test_settings makes tasks eager; send_task goes to the broker regardless, which is what this test wants.
    pytest.mark.filterwarnings("ignore::celery.exceptions.AlwaysEagerIgnored"),
]


def _mails(folder: Path) -> list[email.message.EmailMessage]:
    """Every message the workers' file backend wrote (one file per connection, messages separated by a rule)."""
    messages = []
    for path in sorted(folder.glob("*.log")):
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk.strip(), policy=email.policy.default))
    return messages


def test_two_workers_given_the_same_jobs_notify_and_mail_once(sent, world, redis_url, tmp_path, collected_static):
    require_postgresql()
    from emulation.celery import app

    # Returns written without their jobs (bulk_create sends no signal): the jobs go to the workers below.
    events = SubmissionEvent.objects.bulk_create(
        SubmissionEvent(
            submission=sent, user=world.office, from_status="da_gui", to_status="tra_lai", reason=f"Lần {i}"
        )
        for i in range(EVENTS)
    )
    queue = new_queue("test-notify")
    app.conf.broker_url = redis_url
    outbox = tmp_path / "mail"
    env = worker_env(
        media=tmp_path,
        static_root=collected_static,
        redis_url=redis_url,
        CELERY_QUEUE=queue,  # the e-mail jobs the notification jobs queue go to the same workers
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(outbox),
    )
    logs = {name: tmp_path / f"{name}.log" for name in ("w1", "w2")}
    workers = [start_worker(queue, env, log, name=name) for name, log in logs.items()]
    expected = EVENTS * 2  # phòng A's cán bộ and lãnh đạo
    try:
        ready = wait_for(lambda: all(" ready." in log_text(log) for log in logs.values()), 60, step=0.2)
        assert ready, "\n".join(log_text(log)[-2000:] for log in logs.values())
        for event in events:
            for _ in range(2):  # delivered twice, back to back: each worker takes one copy
                app.send_task("emulation.notifications.tasks.notify_submission_event", args=[event.pk], queue=queue)
        done = wait_for(lambda: Delivery.objects.filter(status="da_gui").count() >= expected, 90, step=0.2)
        assert done, "\n".join(log_text(log)[-3000:] for log in logs.values())
        # Let any straggler (a second copy still running) finish before counting.
        settled = wait_for(
            lambda: sum(log_text(log).count("succeeded in") for log in logs.values()) >= EVENTS * 2, 60, step=0.2
        )
        assert settled, "\n".join(log_text(log)[-3000:] for log in logs.values())
    finally:
        for worker in workers:
            stop_worker(worker)

    assert Notification.objects.count() == expected
    for person in (world.staff, world.head):
        keys = list(Notification.objects.filter(recipient=person).values_list("event_key", flat=True))
        assert sorted(keys) == sorted(f"so-lieu:{e.pk}" for e in events)
    assert Delivery.objects.count() == expected
    assert set(Delivery.objects.values_list("status", "attempts")) == {("da_gui", 1)}
    mails = _mails(outbox)
    assert len(mails) == expected, [m["Subject"] for m in mails]
    assert sorted(m["To"] for m in mails) == sorted([world.staff.email, world.head.email] * EVENTS)
    # Both workers ran notification jobs, and each second copy found what the first had written (or was writing).
    texts = [log_text(log) for log in logs.values()]
    assert all("notify_submission_event" in text for text in texts)
    assert sum(text.count("already written") for text in texts) == expected


def test_two_connections_running_the_same_event_at_once_write_one_each(sent, world):
    """The race itself, without Celery: two threads (two PostgreSQL connections) pass a barrier and run the same
    event; the unique index makes one insert wait for the other and fail, and that run writes and mails nothing."""
    require_postgresql()
    [event] = SubmissionEvent.objects.bulk_create(
        [SubmissionEvent(submission=sent, user=world.office, from_status="da_gui", to_status="tra_lai", reason="Sai")]
    )
    barrier = threading.Barrier(2)
    written: list[int] = []
    errors: list[BaseException] = []

    def run() -> None:
        from django.db import connections

        try:
            barrier.wait(timeout=10)
            written.extend(n.pk for n in events.submission_event(event.pk))
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    django_mail.outbox = []
    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    assert sorted(written) == sorted(Notification.objects.values_list("pk", flat=True))
    assert len(written) == 2 and Delivery.objects.count() == 2
    assert sorted(m.to[0] for m in django_mail.outbox) == sorted([world.staff.email, world.head.email])
