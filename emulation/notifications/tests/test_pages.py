"""The bell, the list and the preferences page: a person's own notifications only, those whose object they may
still read only, the unread count in one query."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaigns.models import RoleAssignment
from campaigns.scope import scope_for
from emulation.notifications import selectors, services
from emulation.notifications.models import Kind, Notification, Preference

pytestmark = pytest.mark.django_db


def _bell(body: str) -> str:
    return re.search(r"<a [^>]*data-notification-bell.*?</a>", body, re.S).group(0)


def _add(user, target, n: int, kind=Kind.SO_LIEU_DUYET) -> None:
    for i in range(n):
        services.notify(
            recipients=[user],
            event_key=f"thu:{target.pk}:{i}",
            kind=kind,
            text=f"Thông báo thử {i}",
            link="/",
            target=target,
        )


def test_the_bell_shows_the_unread_count(returned, world, login):
    body = login(world.staff).get(reverse("home")).content.decode()
    bell = _bell(body)
    assert 'data-unread="1"' in bell and ">1</span>" in bell and "Thông báo: 1 chưa đọc" in bell
    assert "không có thông báo chưa đọc" in _bell(login(world.office).get(reverse("home")).content.decode())
    assert _bell(login(world.head).get(reverse("notifications:list")).content.decode()).count("aria-current") == 1


def test_the_count_is_one_query_whatever_the_number(returned, world, login):
    client = login(world.staff)
    url = reverse("campaigns:unit_list")
    client.get(url)  # the first request after signing in also writes the session's expiry

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    _add(world.staff, returned, 30)
    assert queries() == few
    assert 'data-unread="31"' in client.get(url).content.decode()
    scope_for(world.staff)  # the page has the person's scope already
    with CaptureQueriesContext(connection) as captured:
        assert selectors.unread_count(user=world.staff) == 31
    assert len(captured) == 1


def test_a_notification_for_an_object_no_longer_readable_is_hidden_and_leads_nowhere(returned, world, login):
    [notification] = Notification.objects.filter(recipient=world.staff)
    client = login(world.staff)
    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 302
    # The officer's role in the unit ended yesterday (moved to another unit).
    RoleAssignment.objects.filter(user=world.staff).update(valid_to=timezone.localdate() - dt.timedelta(days=1))
    client = login(world.staff)
    body = client.get(reverse("notifications:list")).content.decode()
    assert "Chưa có thông báo nào." in body and notification.text not in body
    assert 'data-unread="0"' in body
    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 404
    assert client.post(reverse("notifications:read", args=[notification.pk])).status_code == 404
    # The head still reads the unit's figures: his copy is there.
    assert selectors.unread_count(user=world.head) == 1


def test_the_list_puts_unread_first_and_keeps_read_ones(returned, world, login):
    _add(world.staff, returned, 25)
    client = login(world.staff)
    first = Notification.objects.filter(recipient=world.staff).order_by("created_at", "pk").first()
    assert client.post(reverse("notifications:read", args=[first.pk]), {"trang": "2"}).url.endswith("?page=2")
    body = client.get(reverse("notifications:list")).content.decode()
    assert body.count("data-unread>") == 20 and "Trang 1/2" in body
    last_page = client.get(reverse("notifications:list") + "?page=2").content.decode()
    assert last_page.index("Thông báo thử") < last_page.index(first.text)  # read ones come after unread ones
    response = client.post(reverse("notifications:read_all"))
    assert response.status_code == 302
    assert selectors.unread_count(user=world.staff) == 0
    assert Notification.objects.filter(recipient=world.staff).count() == 26  # kept


def test_opening_marks_read_and_goes_to_the_object(returned, world, login):
    [notification] = Notification.objects.filter(recipient=world.staff)
    response = login(world.staff).get(reverse("notifications:open", args=[notification.pk]))
    assert response.url == reverse("indicators:submission_detail", args=[returned.pk])
    assert Notification.objects.get(pk=notification.pk).read_at is not None


def test_another_person_s_notification_is_404(returned, world, login):
    [notification] = Notification.objects.filter(recipient=world.staff)
    client = login(world.head)  # same unit, own copy; this one is the staff's
    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 404
    assert client.post(reverse("notifications:read", args=[notification.pk])).status_code == 404
    assert Notification.objects.get(pk=notification.pk).read_at is None


def test_preferences_page_is_one_s_own_and_shows_one_s_kinds(world, login):
    client = login(world.staff)
    body = client.get(reverse("notifications:preferences")).content.decode()
    assert "Số liệu bị trả lại" in body and "Hồ sơ khen thưởng mới gửi đến" not in body  # an office kind
    assert (
        "Hồ sơ khen thưởng mới gửi đến"
        in login(world.office).get(reverse("notifications:preferences")).content.decode()
    )
    # A field naming another person is ignored: there is no way to address someone else's choices.
    response = login(world.staff).post(
        reverse("notifications:preferences"), {"so_lieu_tra_lai": "tat", "user": world.head.pk, "ho_so_moi": "tat"}
    )
    assert response.status_code == 302
    assert list(Preference.objects.values_list("user__username", "kind", "email")) == [
        ("staff", "so_lieu_tra_lai", "tat")
    ]
    assert login(world.staff).post(reverse("notifications:preferences"), {"so_lieu_tra_lai": "sai"}).status_code == 200
    assert Preference.objects.get().email == "tat"


def test_notification_pages_need_signing_in(client):
    for name in ("notifications:list", "notifications:preferences"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/dang-nhap/" in response.url
