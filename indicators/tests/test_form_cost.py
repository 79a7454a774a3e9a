"""The figures form costs the same whatever its history: the GET shows each figure's latest changes and their
number (the rest on the history page), the save POST reads no history. Query counts, never times."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators import selectors, services
from indicators.models import Submission
from indicators.tests.factories import make_setup


@pytest.fixture
def submission(world):
    setup = make_setup(world)
    return services.submission_open(period=setup.period, unit=world.phong_a, user=world.staff)


def _post_data(submission, k: int) -> dict:
    """Every figure changed (a new note and count each time), as the surge benchmark saves."""
    data = {"version": Submission.objects.get(pk=submission.pk).version, "action": "save", "note": ""}
    for value in submission.values.select_related("target__indicator"):
        entry = value.target.indicator.entry
        if entry == "rate":
            data.update({f"v{value.pk}-numerator": str(k % 40 + 1), f"v{value.pk}-denominator": "50"})
        elif entry == "task":
            data.update({f"v{value.pk}-done": "1", f"v{value.pk}-done_on": "15/03/2023"})
        else:
            data[f"v{value.pk}-value"] = str(100 + k)
        data[f"v{value.pk}-note"] = f"lần lưu {k}"
    return data


def _save(client, submission, k: int) -> int:
    url = reverse("indicators:submission_detail", args=[submission.pk])
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(url, _post_data(submission, k))
    assert response.status_code == 302, response.content.decode()[:500]
    return len(ctx)


def _get(client, submission) -> tuple[int, str]:
    url = reverse("indicators:submission_detail", args=[submission.pk])
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx), response.content.decode()


def test_form_get_and_save_post_make_as_many_queries_after_100_saves_as_on_a_fresh_submission(submission, world, login):
    client = login(world.staff)
    client.get(reverse("indicators:submission_detail", args=[submission.pk]))  # session, caches warm
    fresh_get, _ = _get(client, submission)
    first_post = _save(client, submission, 0)
    second_get, _ = _get(client, submission)
    for k in range(1, 100):
        _save(client, submission, k)
    later_post = _save(client, submission, 100)
    later_get, body = _get(client, submission)
    assert later_post == first_post
    assert later_get == second_get == fresh_get
    assert "Xem toàn bộ lịch sử (101 lần lưu)" in body


def test_the_form_counts_the_changes_and_opens_the_latest_ones_on_request(submission, world, login):
    client = login(world.staff)
    for k in range(5):
        _save(client, submission, k)
    _, body = _get(client, submission)
    assert body.count("<summary>Lịch sử (5 lần lưu)</summary>") == 3  # the three figures, each changed every save
    assert "lần lưu 0" not in body  # no change is rendered on the form itself
    count = submission.values.get(target__indicator__code="so-tram")
    url = reverse("indicators:submission_history", args=[submission.pk])
    recent = client.get(url, {"so_lieu": count.pk}, HTTP_HX_REQUEST="true").content.decode()
    assert recent.count("<li>") == selectors.HISTORY_SHOWN
    assert "104" in recent and "101" not in recent  # newest first: 104, 103, 102
    assert "Xem toàn bộ lịch sử (5 lần lưu)" in recent
    full = client.get(url, {"so_lieu": count.pk}).content.decode()
    assert "Lịch sử số liệu" in full and "Nhật ký chuyển trạng thái" in full
    for k in range(5):
        assert f"lần lưu {k}" in full


def test_the_history_page_is_paginated_and_stays_in_scope(submission, world, login):
    client = login(world.staff)
    for k in range(20):
        _save(client, submission, k)
    url = reverse("indicators:submission_history", args=[submission.pk])
    first = client.get(url).content.decode()
    assert "Trang 1/2" in first  # 3 figures × 20 saves = 60 changes, 50 a page
    assert "Trang 2/2" in client.get(url, {"trang": 2}).content.decode()
    other = services.submission_open(period=submission.period, unit=world.phong_a2, user=world.staff)
    assert client.get(url, {"so_lieu": other.values.first().pk}).status_code == 404
    assert login(world.outsider).get(url).status_code == 404


def test_a_save_writes_every_changed_figure_and_its_history_in_as_many_queries_as_one(submission, world, login):
    """The figures and their history rows are written in two statements whatever their number; each change is
    still in the history with who made it, and an unchanged figure gets no history row."""
    client = login(world.staff)
    client.get(reverse("indicators:submission_detail", args=[submission.pk]))
    _save(client, submission, 1)  # the first save after signing in also writes the session's expiry
    url = reverse("indicators:submission_detail", args=[submission.pk])

    def post(data: dict) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.post(url, data).status_code == 302
        return len(ctx)

    all_changed = post(_post_data(submission, 2))
    values = list(submission.values.order_by("pk"))
    before = {v.pk: v.history.count() for v in values}
    data = _post_data(submission, 2)
    data[f"v{values[0].pk}-note"] = "chỉ sửa ghi chú này"  # one figure changed, the others posted as they are
    assert post(data) == all_changed
    after = {v.pk: v.history.count() for v in values}
    assert after == {pk: n + (1 if pk == values[0].pk else 0) for pk, n in before.items()}
    latest = values[0].history.first()
    assert latest.note == "chỉ sửa ghi chú này" and latest.history_user == world.staff
    assert latest.history_type == "~"
    assert values[0].__class__.objects.get(pk=values[0].pk).note == "chỉ sửa ghi chú này"


def test_the_history_rows_of_a_save_are_those_simple_history_writes(submission, world):
    """The save writes its history rows in one statement of its own: column for column (but the row's id and
    time) what simple-history's bulk_history_create would have written, so the history page reads them alike."""
    from django.db import connections

    from indicators.models import Value

    values = list(submission.values.order_by("pk"))
    for i, value in enumerate(values):
        value.note = f"ghi chú {i}"
    services._write_history(values, user=world.staff, connection=connections["default"])
    ours = list(Value.history.order_by("id", "history_id"))
    Value.history.all().delete()
    Value.history.bulk_history_create(values, update=True, default_user=world.staff)
    theirs = list(Value.history.order_by("id", "history_id"))
    fields = [
        f.attname for f in Value.history.model._meta.concrete_fields if f.attname not in ("history_id", "history_date")
    ]
    assert [[getattr(row, f) for f in fields] for row in ours] == [[getattr(row, f) for f in fields] for row in theirs]
    assert len(ours) == len(values) and all(row.history_type == "~" and row.note.startswith("ghi chú") for row in ours)
    assert all(abs((a.history_date - b.history_date).total_seconds()) < 60 for a, b in zip(ours, theirs, strict=True))


def test_the_change_count_on_the_form_is_the_history_s_whoever_writes_or_prunes_it(submission, world, login):
    """The form's "Lịch sử (N lần lưu)" is kept by the database as history rows are written and deleted: a save
    through the form, a plain `save()` (simple-history's signal, as the admin and the Excel import write), a bulk
    history write, and the audit pruning of old rows all move it, and it is always the history's own count."""
    from indicators.models import Value, ValueChanges

    client = login(world.staff)
    for k in range(3):
        _save(client, submission, k)
    count = submission.values.get(target__indicator__code="so-tram")
    count.note = "sửa trong trang quản trị"
    count.save()
    Value.history.bulk_history_create([count], update=True, default_user=world.office)
    oldest = Value.history.filter(id=count.pk).order_by("history_date", "history_id").first()
    oldest.delete()  # as prune_audit deletes rows past the retention period

    def counted() -> dict[int, int]:
        return dict(ValueChanges.objects.filter(value__submission=submission).values_list("value_id", "changes"))

    expected = {v.pk: Value.history.filter(id=v.pk).count() for v in submission.values.all()}
    assert counted() == expected
    assert expected[count.pk] == 3 + 2 - 1
    _, body = _get(client, submission)
    assert "<summary>Lịch sử (4 lần lưu)</summary>" in body  # the count figure
    assert body.count("<summary>Lịch sử (3 lần lưu)</summary>") == 2  # the two other figures
