"""The figures form (indicators:submission_detail) as its history grows: GET and save POST after 0, 100 and 300
saves, as ratios to a fresh submission's form and to a minimal signed-in view, in one run.

    .venv/bin/python benchmarks/form_history.py [--indicators 40 --saves 100,300 --repeat 10 --window 10]
Builds one unit's submission of `--indicators` figures in a throwaway test database (destroyed at the end, even on
error), signs its cán bộ in with Django's test Client and saves the form again and again, every figure changed
(a new number and note), as the surge does. Not a test: nothing here asserts a time.

- GET: median of `--repeat` requests at each checkpoint; a fresh submission (another phòng's, of the same period,
  every figure filled in by one save, with last period's figures filled in as the measured one has) and the
  minimal view are measured at the same moment, so the ratios are of the same machine load and the same page.
- POST: at each checkpoint, `--window` more saves, each followed by a save of a new submission (its first ones),
  so that both see the same load.
"""

# ruff: noqa: E402 - django.setup() must run before the project's modules are imported
import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ["DJANGO_SETTINGS_MODULE"] = "emulation.test_settings"

import django

django.setup()

from django.contrib.auth.decorators import login_required
from django.db import connection, reset_queries, transaction
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import include, path, reverse
from django.utils import timezone

from campaigns.models import Role, UnitLevel
from campaigns.tests.factories import UserFactory, grant, make_campaign, make_unit
from indicators import services
from indicators.models import Comparator, Entry, Indicator, Measure, Submission, Target


@login_required
def ping(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [path("bench/ping/", ping), path("", include("emulation.urls"))]


def build(indicators: int):
    """A Sở, one phòng with its cán bộ, a campaign of `indicators` targets (a fifth tasks, the rest rates and
    counts in turn), and the phòng's submissions of this year's two periods (the later one is saved again and again,
    the earlier one holds last period's figures)."""
    bo = make_unit(None, name="Bộ Thông tin và Truyền thông", level=UnitLevel.BO, code="bo")
    so = make_unit(bo, name="Sở TT&TT tỉnh A", level=UnitLevel.SO, province="Tỉnh A", code="so-a")
    unit = make_unit(so, name="Phòng Công nghệ thông tin", province="Tỉnh A", code="p-cntt")
    staff = UserFactory(username="canbo-cntt")
    grant(staff, unit, Role.CAN_BO)
    year = timezone.localdate().year
    campaign = make_campaign(
        so, title="Phong trào đo thử", start_date=datetime.date(year, 1, 1), end_date=datetime.date(year, 12, 31)
    )
    rows = []
    for i in range(1, indicators + 1):
        entry = Entry.TASK if i % 5 == 0 else (Entry.RATE, Entry.NUMBER)[i % 2]
        row = Indicator(code=f"ct-{i:03d}", name=f"Chỉ tiêu đo thử {i}", entry=entry, order=i)
        row.measure = {Entry.TASK: Measure.TASK, Entry.RATE: Measure.PERCENT, Entry.NUMBER: Measure.COUNT}[entry]
        row.unit_label = {Entry.RATE: "%", Entry.NUMBER: "xã"}.get(entry, "")
        if entry == Entry.RATE:
            row.numerator_label, row.denominator_label = "Số hồ sơ đúng hạn", "Tổng số hồ sơ"
        rows.append(row)
    catalogue = Indicator.objects.bulk_create(rows)
    Target.objects.bulk_create(
        Target(
            campaign=campaign,
            indicator=ind,
            order=ind.order,
            comparator=Comparator.DONE_BY if ind.entry == Entry.TASK else Comparator.GTE,
            value=None if ind.entry == Entry.TASK else 50,
            due_on=datetime.date(year, 12, 31) if ind.entry == Entry.TASK else None,
        )
        for ind in catalogue
    )
    periods = list(campaign.reporting_periods.order_by("due_date"))
    saved = services.submission_open(period=periods[-1], unit=unit, user=staff)
    earlier = services.submission_open(period=periods[0], unit=unit, user=staff)
    return staff, saved, earlier


def new_submission(staff, saved: Submission, number: int) -> Submission:
    """A new phòng of the same Sở with the same cán bộ, and its submission of the same period: a fresh one."""
    so = saved.unit.get_parent()
    unit = make_unit(so, name=f"Phòng đối chứng {number}", province="Tỉnh A", code=f"p-doi-chung-{number}")
    grant(staff, unit, Role.CAN_BO)
    for attr in [a for a in vars(staff) if a.startswith("_scope_")]:
        delattr(staff, attr)  # the grants are cached on the user object
    return services.submission_open(period=saved.period, unit=unit, user=staff)


def post_data(submission: Submission, k: int) -> dict:
    data = {"version": Submission.objects.get(pk=submission.pk).version, "action": "save", "note": ""}
    for value in submission.values.select_related("target__indicator"):
        prefix, entry = f"v{value.pk}-", value.target.indicator.entry
        if entry == Entry.RATE:
            data |= {prefix + "numerator": str(k % 400 + 1), prefix + "denominator": "500"}
        elif entry == Entry.TASK:
            data |= {prefix + "done": "1", prefix + "done_on": f"{k % 28 + 1:02d}/03/2026"}
        else:
            data[prefix + "value"] = str(100 + k)
        data[prefix + "note"] = f"lần lưu {k}"
    return data


def timed_get(client: Client, url: str, repeat: int) -> tuple[float, int]:
    reset_queries()  # else the capture's start index may lie past the log, which each request empties
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    count = len(queries)  # read now: the next request empties the connection's log
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(url).content  # noqa: B018 - the whole body, as a server sends it
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), count


def timed_post(client: Client, submission: Submission, k: int) -> tuple[float, int]:
    url, data = reverse("indicators:submission_detail", args=[submission.pk]), post_data(submission, k)
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.post(url, data)
        elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 302, response.content.decode()[:300]
    return elapsed, len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--indicators", type=int, default=40)
    parser.add_argument("--saves", default="1,100,300", help="checkpoints after 0 saves (comma-separated)")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--window", type=int, default=10)
    args = parser.parse_args()
    checkpoints = [0, *sorted(int(n) for n in args.saves.split(","))]

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, keepdb=False, serialize=False)
    try:
        with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"]):
            with transaction.atomic():
                staff, saved, earlier = build(args.indicators)
                # The reference: another phòng's submission of the same period, every figure filled in once, with
                # last period's figures filled in too — so that both forms show "Kỳ trước" and its checks, and the
                # ratio is of the history alone (before, the reference was the earlier period's, with nothing
                # before it to show: 1.2–1.3× at a single save).
                fresh = new_submission(staff, saved, "mau")
                fresh_earlier = services.submission_open(period=earlier.period, unit=fresh.unit, user=staff)
            client = Client()
            client.force_login(staff)
            form = reverse("indicators:submission_detail", args=[saved.pk])
            fresh_form = reverse("indicators:submission_detail", args=[fresh.pk])
            for filled in (earlier, fresh_earlier, fresh):  # last period's figures of both phòng, the reference's
                timed_post(client, filled, 1)
            print(f"{connection.vendor}: one submission of {args.indicators} figures, every save changes all of them")
            rows = []
            done = 0
            for number, checkpoint in enumerate(checkpoints):
                while done < checkpoint:
                    done += 1
                    timed_post(client, saved, done)
                    if done % 50 == 0:
                        print(f"  {done} saves …", flush=True)
                get_ms, get_q = timed_get(client, form, args.repeat)
                fresh_ms, _ = timed_get(client, fresh_form, args.repeat)
                ping_ms, _ = timed_get(client, "/bench/ping/", args.repeat)
                # The saves: `window` of the submission at n saves, each followed by one of a new submission (its
                # first saves), so that both see the same machine load.
                other = new_submission(staff, saved, number)
                pairs = []
                for k in range(1, args.window + 1):
                    pairs.append((timed_post(client, saved, done + k), timed_post(client, other, k)))
                done += args.window
                rows.append((checkpoint, get_ms, get_q, fresh_ms, ping_ms, pairs))
            print(
                f"\n{'saves':>5} {'GET ms':>8} {'queries':>7} {'÷ fresh GET':>11} {'÷ minimal':>9}"
                f" {'POST ms':>8} {'queries':>7} {'÷ fresh POST':>12} {'÷ minimal':>9} {'minimal ms':>10}"
            )
            for checkpoint, get_ms, get_q, fresh_ms, ping_ms, pairs in rows:
                post_ms = statistics.median(p[0][0] for p in pairs)
                fresh_post = statistics.median(p[1][0] for p in pairs)
                post_q = max(p[0][1] for p in pairs)
                print(
                    f"{checkpoint:>5} {get_ms:>8.1f} {get_q:>7} {get_ms / fresh_ms:>11.2f} {get_ms / ping_ms:>9.1f}"
                    f" {post_ms:>8.1f} {post_q:>7} {post_ms / fresh_post:>12.2f} {post_ms / ping_ms:>9.1f}"
                    f" {ping_ms:>10.2f}"
                )
            print(
                "\nGET ÷ fresh: the form after n saves ÷ the form of another phòng's submission of the same period"
                " saved once (every figure filled in, one change each, last period's figures too), measured at the same"
                " moment; at 0 saves the form is empty, with nothing to judge."
                f" POST ÷ fresh: the median of saves n+1…n+{args.window} ÷ that of the first"
                f" {args.window} saves of a new submission, interleaved with them."
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=False)


if __name__ == "__main__":
    main()
