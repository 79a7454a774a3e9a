"""Read timings of the indicators pages (review queue, dashboard, Excel template) against a minimal view.

    .venv/bin/python benchmarks/indicators.py [--units 300 --indicators 40 --periods 8 --repeat 5 --scale --sql]
Builds one province in a throwaway test database (created here, destroyed at the end, even on error), then
times each page with Django's test Client signed in as Văn phòng Sở. Not a test: nothing here asserts a time.
"""

# ruff: noqa: E402 - django.setup() must run before the project's modules are imported
import argparse
import datetime
import logging
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from random import Random

# Run as a script, this folder would come first on sys.path and `indicators` would import this file, not the app.
sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ["DJANGO_SETTINGS_MODULE"] = "emulation.test_settings"

import django

django.setup()

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, include, path, reverse
from django.utils import timezone

from campaigns.models import Campaign, ReportingPeriod, Role, RoleAssignment, Unit, UnitLevel, User
from campaigns.tests.factories import UserFactory, grant, make_campaign, make_unit
from indicators.models import Comparator, Direction, Entry, Indicator, Measure, Submission, Target, Value

BATCH = 5000  # bulk_create batch size (SQLite lowers it to what it accepts)
MINIMAL = "minimal view (login_required)"
LEVELS = ((UnitLevel.PHONG, "Phòng", "P."), (UnitLevel.HUYEN, "UBND huyện", "H."), (UnitLevel.XA, "UBND xã", "X."))
KINDS = {  # (entry, direction): indicator name, measure, unit label; its target's comparator and value
    (Entry.RATE, Direction.HIGHER): ("Tỷ lệ hồ sơ trực tuyến đúng hạn", Measure.PERCENT, "%", Comparator.GTE, 80),
    (Entry.NUMBER, Direction.HIGHER): ("Số doanh nghiệp số hoá", Measure.COUNT, "doanh nghiệp", Comparator.GTE, 50),
    (Entry.NUMBER, Direction.LOWER): ("Số vụ vi phạm bị xử lý", Measure.COUNT, "vụ", Comparator.LTE, 5),
    (Entry.TASK, Direction.HIGHER): ("Ban hành kế hoạch chuyển đổi số", Measure.TASK, "", Comparator.DONE_BY, None),
}
DASHBOARD = "dashboard (campaign_progress)"
DASHBOARD_COLD = "dashboard, cold cache"
DASHBOARD_ONE = "dashboard, one unit changed"
DASHBOARD_ONE_FIGURES = "dashboard, one unit's figures changed"


@login_required
def ping(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


# This module is the URLconf while measuring: the project's URLs plus the baseline, behind the same middleware.
urlpatterns = [path("bench/ping/", ping), path("", include("emulation.urls"))]


Province = tuple[User, Campaign, list[ReportingPeriod]]  # its Văn phòng user, its campaign, the periods


@dataclass
class Timing:
    median_ms: float
    min_ms: float
    sql: list[str]
    error: str = ""


def build_catalogue(count: int, tasks: int) -> list[Indicator]:
    """`tasks` tasks spread through the list, the others alternately rates and numbers (some lower-is-better)."""
    rows = []
    task_at = {round(k * count / tasks) for k in range(1, tasks + 1)} if tasks else set()
    for i in range(1, count + 1):
        entry = Entry.TASK if i in task_at else (Entry.RATE, Entry.NUMBER)[i % 2]
        direction = Direction.LOWER if entry == Entry.NUMBER and i % 4 == 3 else Direction.HIGHER
        name, measure, unit_label, *_ = KINDS[entry, direction]
        row = Indicator(code=f"ct-{i:03d}", name=f"{name} ({i})", measure=measure, entry=entry, order=i)
        row.unit_label, row.direction = unit_label, direction
        if entry == Entry.RATE:
            row.numerator_label, row.denominator_label = "Số hồ sơ giải quyết đúng hạn", "Tổng số hồ sơ tiếp nhận"
        rows.append(row)
    return Indicator.objects.bulk_create(rows)


def figure(submission: Submission, target: Target, rng: Random) -> Value:
    """A filled figure: numerator ≤ denominator and the rate computed as the app does."""
    value, indicator = Value(submission=submission, target=target), target.indicator
    if indicator.is_rate:
        denominator = rng.randint(20, 2000)
        value.numerator, value.denominator = Decimal(rng.randint(denominator // 2, denominator)), Decimal(denominator)
        value.value = (value.numerator / value.denominator * 100).quantize(Decimal("0.0001"))
    elif indicator.entry == Entry.TASK:
        value.value = Decimal(done := rng.random() < 0.8)
        value.done_on = submission.period.due_date - datetime.timedelta(days=rng.randint(1, 150)) if done else None
    else:
        value.value = Decimal(rng.randint(0, 12) if indicator.lower_is_better else rng.randint(10, 120))
    return value


def build_province(bo: Unit, catalogue: list[Indicator], key: str, units: int, periods: int) -> Province:
    """A Sở, its Văn phòng, `units` units under it, a campaign with `periods` periods, every report sent."""
    rng = Random(f"{key}-{units}")  # noqa: S311 - the same data on every run, nothing secret
    so = make_unit(bo, name=f"Sở TT&TT tỉnh {key}", level=UnitLevel.SO, province=f"Tỉnh {key}", code=f"so-{key}")
    office = UserFactory(username=f"vanphong-{key}")
    grant(office, so, Role.VAN_PHONG)
    # Direct children of the Sở (the campaign's expected units), paths given in name order as treebeard keeps them.
    specs = sorted((f"{LEVELS[i % 3][1]} {i:03d}", i) for i in range(1, units + 1))
    rows = [
        Unit(name=name, short_name=f"{LEVELS[i % 3][2]} {i:03d}", level=LEVELS[i % 3][0], code=f"{key}-u{i:03d}",
             province=f"Tỉnh {key}", depth=so.depth + 1, path=Unit._get_path(so.path, so.depth + 1, step))
        for step, (name, i) in enumerate(specs, start=1)
    ]  # fmt: skip
    children = Unit.objects.bulk_create(rows, batch_size=BATCH)
    Unit.objects.filter(pk=so.pk).update(numchild=units)
    heads = [User(username=f"lanhdao-{u.code}", full_name=f"Lãnh đạo {u.short_name}", password="!") for u in children]
    heads = User.objects.bulk_create(heads, batch_size=BATCH)  # each unit's head, who sends its figures
    roles = [RoleAssignment(user=h, unit=u, role=Role.LANH_DAO) for h, u in zip(heads, children, strict=True)]
    RoleAssignment.objects.bulk_create(roles, batch_size=BATCH)
    # A 6-month and an annual report a year (campaign_generate_calendar, through make_campaign), all already due.
    first, last = timezone.localdate().year - (periods + 1) // 2, (periods - 1) // 2
    end = datetime.date(first + last, 6, 30) if periods % 2 else datetime.date(first + last, 12, 31)
    campaign = make_campaign(so, title=f"Phong trào {key}", start_date=datetime.date(first, 1, 1), end_date=end)
    calendar = list(campaign.reporting_periods.order_by("due_date"))
    targets = [Target(campaign=campaign, indicator=indicator, order=indicator.order) for indicator in catalogue]
    for target in targets:  # one for everyone, the whole campaign long
        *_, target.comparator, target.value = KINDS[target.indicator.entry, target.indicator.direction]
        target.due_on = end if target.comparator == Comparator.DONE_BY else None
    targets = Target.objects.bulk_create(targets)
    for number, period in enumerate(calendar, start=1):
        subs = []
        for unit, head in zip(children, heads, strict=True):
            late = rng.random() < 0.1
            sent = datetime.datetime.combine(period.due_date, datetime.time(9), datetime.UTC)
            sent += datetime.timedelta(days=rng.randint(1, 10) if late else -rng.randint(0, 20))
            subs.append(Submission(period=period, unit=unit, status="da_gui", submitted_at=sent, submitted_by=head))
            subs[-1].is_late, subs[-1].version = late, 2
            if rng.random() < 0.6:  # approved by Văn phòng a few days later
                subs[-1].status, subs[-1].version, subs[-1].reviewed_by = "da_duyet", 3, office
                subs[-1].reviewed_at = sent + datetime.timedelta(days=3)
        subs = Submission.objects.bulk_create(subs, batch_size=BATCH)
        values = Value.objects.bulk_create([figure(s, t, rng) for s in subs for t in targets], batch_size=BATCH)
        print(f"  province {key}: period {number}/{periods} ({len(values):,} values)", flush=True)
    return office, campaign, calendar


def measure(client: Client, name: str, url: str, repeat: int, before: Callable[[], None] | None = None) -> Timing:
    """One warm-up (its queries are the ones counted), then `repeat` timed requests. before: run (untimed) before
    each request — emptying the cache, or changing one unit's submission as a sending, a return or an approval
    does at a deadline."""
    print(f"  measuring {name}: {url} …", flush=True)
    if before:
        client.get(url)  # the cache as the previous request left it
        before()
    with CaptureQueriesContext(connection) as queries:
        try:
            status, error = client.get(url).status_code, ""
        except Exception as exc:  # noqa: BLE001 - a crashing page is a finding, reported in the table
            status, error = 500, repr(exc)
    sql = [q["sql"] for q in queries.captured_queries]  # read now: the next request resets the log
    if status != 200:
        return Timing(0, 0, sql, f"HTTP {status} {error}")
    times = []
    for _ in range(repeat):
        if before:
            before()
        start = time.perf_counter()
        client.get(url).content  # noqa: B018 - read the whole body, as a server would
        times.append((time.perf_counter() - start) * 1000)
    return Timing(statistics.median(times), min(times), sql)


def shape(sql: str) -> str:
    """A query with its literals blanked out, its select list and IN lists elided."""
    sql = re.sub(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b", "?", sql)
    return re.sub(r"\((?:\?, )+\?\)", "(?, …)", re.sub(r"^SELECT .*? FROM", "SELECT … FROM", sql))


def changes(submission: Submission, *, figures: bool) -> Callable[[], None]:
    def change() -> None:
        # A return and a sending again, or an approval, move `updated_at` (the figures may stay as they were).
        Submission.objects.filter(pk=submission.pk).update(updated_at=timezone.now(), version=F("version") + 1)
        if figures:  # every figure of the unit (not its tasks) changes: each chart's bars change
            Value.objects.filter(submission=submission, target__indicator__entry__in=(Entry.RATE, Entry.NUMBER)).update(
                value=F("value") + 1
            )

    return change


def run_pages(office: User, campaign: Campaign, periods: list[ReportingPeriod], repeat: int) -> dict[str, Timing]:
    latest = periods[-1]
    submission = Submission.objects.filter(period=latest).order_by("unit__path")[0]
    dashboard = reverse("indicators:campaign_progress", args=[campaign.pk]) + f"?ky={latest.pk}"
    urls = {
        "review queue (period_detail)": reverse("indicators:period_detail", args=[latest.pk]),
        DASHBOARD: dashboard,
        DASHBOARD_COLD: dashboard,
        DASHBOARD_ONE: dashboard,
        DASHBOARD_ONE_FIGURES: dashboard,
        "Excel template (submission_excel)": reverse("indicators:submission_excel", args=[submission.pk]),
        MINIMAL: "/bench/ping/",
    }
    try:  # the dashboard's parts loaded on demand (htmx), where they exist
        target = Target.objects.filter(campaign=campaign).order_by("order", "pk")[0]
        urls[" one target's units, page 1 (htmx)"] = (
            reverse("indicators:progress_units", args=[campaign.pk, target.pk]) + f"?ky={latest.pk}"
        )
        urls[" completeness, page 2 (htmx)"] = (
            reverse("indicators:progress_completeness", args=[campaign.pk]) + f"?ky={latest.pk}&trang=2"
        )
    except NoReverseMatch:
        pass
    client = Client(headers={"HX-Request": "true"})
    plain = Client()
    for c in (client, plain):
        c.force_login(office)
    changed = Submission.objects.filter(period=latest).order_by("unit__path").last()
    before = {
        DASHBOARD_COLD: cache.clear,
        DASHBOARD_ONE: changes(changed, figures=False),
        DASHBOARD_ONE_FIGURES: changes(changed, figures=True),
    }
    return {
        name: measure(client if "htmx" in name else plain, name, url, repeat, before.get(name))
        for name, url in urls.items()
    }


def report(results: dict[str, Timing], show_sql: bool) -> None:
    base = results[MINIMAL].median_ms
    print(f"{'page':<36} {'median ms':>10} {'min ms':>10} {'queries':>8} {'× minimal':>10}")
    for name, t in results.items():
        times = f"{t.median_ms:>10.1f} {t.min_ms:>10.1f}" if not t.error else f"{'FAILED':>21}"
        print(f"{name:<36} {times} {len(t.sql):>8} {f'{t.median_ms / base:.1f}' if not t.error else '':>10}")
    for name, t in results.items():
        if t.error:
            print(f"\n{name}: {t.error[:300]}")
        top = [(sql, n) for sql, n in Counter(map(shape, t.sql)).most_common(3) if n > 1 or show_sql]
        if top:
            print(f"\n{name}: most repeated query shapes")
        for sql, n in top:
            print(f"  {n:>4} × {sql[:220]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for name, default in (("units", 300), ("indicators", 40), ("periods", 8), ("repeat", 5)):
        parser.add_argument(f"--{name}", type=int, default=default)
    parser.add_argument("--tasks", type=int, help="how many of the indicators are tasks (default: a fifth)")
    parser.add_argument("--scale", action="store_true", help="also build a province of units/3 and compare")
    parser.add_argument("--small", type=int, help="the units of --scale's second province (default: units/3)")
    parser.add_argument("--sql", action="store_true", help="print the top query shapes of every page")
    args = parser.parse_args()
    tasks = args.indicators // 5 if args.tasks is None else min(args.tasks, args.indicators)
    small_units = args.small or max(1, args.units // 3)
    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # a failing page is reported in the table

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, keepdb=False, serialize=False)
    try:
        with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"]):
            started = time.perf_counter()
            with transaction.atomic():
                bo = make_unit(None, name="Bộ Thông tin và Truyền thông", level=UnitLevel.BO, code="bo")
                catalogue = build_catalogue(args.indicators, tasks)
                office, campaign, periods = build_province(bo, catalogue, "A", args.units, args.periods)
                small = build_province(bo, catalogue, "B", small_units, args.periods) if args.scale else None
            subs = Submission.objects.filter(period__campaign=campaign)
            values = Value.objects.filter(submission__in=subs).count()
            print(
                f"Built on {connection.vendor} in {time.perf_counter() - started:.1f} s. Province A: {args.units} "
                f"units, {len(catalogue)} indicators (tasks: {tasks}), {len(periods)} periods, {subs.count():,} "
                f"submissions, {values:,} values"
            )
            results = run_pages(office, campaign, periods, args.repeat)
            print(f"\nProvince A, {args.repeat} timed requests after one warm-up (queries counted on the warm-up):")
            report(results, args.sql)
            if small:  # same indicators and periods, same database: only the number of units differs
                small_results = run_pages(*small, args.repeat)
                print(f"\nProvince B ({small_units} units):")
                report(small_results, show_sql=False)
                for name in (DASHBOARD, DASHBOARD_COLD, DASHBOARD_ONE, DASHBOARD_ONE_FIGURES):
                    a, b = results[name].median_ms, small_results[name].median_ms
                    print(f"\n{name}, B → A: {args.units / small_units:.1f}× the units, {a / b:.2f}× the median time")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=False)


if __name__ == "__main__":
    main()
