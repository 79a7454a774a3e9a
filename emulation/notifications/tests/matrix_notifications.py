"""Permission-matrix rows for the notification pages (merged into tests/test_permissions.py).

Every page is the signed-in person's own: the list and the preferences page answer everyone signed in with their
own; a notification of phòng A's cán bộ is opened or marked read by that person only (404 for everyone else).
"""

from tests.matrix import PERSONAS, Row, expect

SIGNED_IN_PERSONAS = tuple(p for p in PERSONAS if p != "anonymous")


def _notification(world):
    """A notification of phòng A's cán bộ about a launched campaign of Sở A."""
    if not hasattr(world, "_notification"):
        from campaigns.tests.factories import make_campaign
        from emulation.notifications.models import Notification

        world._notification = Notification.objects.create(
            recipient=world.staff,
            kind="han_ho_so",
            text="Nhắc nộp hồ sơ đề nghị khen thưởng",
            link="/",
            campaign=make_campaign(world.so_a, title="Phong trào có thông báo"),
            event_key="ma-tran",
            email="tat",
        )
    return world._notification


def _pk(world) -> dict:
    return {"pk": _notification(world).pk}


def _read_at(world):
    from emulation.notifications.models import Notification

    return Notification.objects.get(pk=_notification(world).pk).read_at


def _preferences(world) -> int:
    from emulation.notifications.models import Preference

    return Preference.objects.count()


ROWS = {
    "notifications:list": Row(),
    "notifications:open": Row(kwargs=_pk, get=expect(302, 404, staff=302)),
    "notifications:read": Row(
        kwargs=_pk, get=expect(302, 405), post=expect(302, 404, staff=302), unchanged=_read_at, may_change=("staff",)
    ),
    "notifications:read_all": Row(
        kwargs=lambda w: (_notification(w), {})[1],
        get=expect(302, 405),
        post=expect(302, 302),
        unchanged=_read_at,
        may_change=("staff",),
    ),
    "notifications:preferences": Row(
        post=expect(302, 302),
        post_data=lambda w: {"han_ho_so": "tat"},
        unchanged=_preferences,
        may_change=SIGNED_IN_PERSONAS,
    ),
}
