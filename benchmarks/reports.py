"""Time and peak memory of the 15/6 – 15/12 report files (PDF and Excel), against WeasyPrint and openpyxl alone.

    .venv/bin/python benchmarks/reports.py [--units 30 --cluster 7 --provinces 63 --indicators 40 --periods 4
                                            --repeat 3 --quick --no-rss]
Three cases, built in one throwaway database (created here, destroyed at the end, even on error): a Sở with
`--units` units, a cluster of `--cluster` provinces, and the whole country (a Bộ campaign, `--provinces` Sở).
For each case it times the job as `report_run` does it (build_report_data once, then the renderers) and the library
alone on the same output: (a) PDF job ÷ WeasyPrint rendering the job's final HTML, (b) the workbook's rendering ÷
a write-only openpyxl workbook of the same cells and styles (cached style arrays), and the per-unit annex PDF made
on request. Not a test: nothing here asserts a time.
"""

# ruff: noqa: E402 - django.setup() must run before the project's modules are imported
import argparse
import datetime
import gc
import io
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from random import Random

# Run as a script, this folder would come first on sys.path and `indicators` would import a script, not the app.
sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ["DJANGO_SETTINGS_MODULE"] = "emulation.test_settings"

import django

django.setup()

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from weasyprint import HTML

from benchmarks.indicators import BATCH, KINDS, build_catalogue, figure  # the same catalogue and figures
from campaigns.models import Cluster, ClusterMembership, Role, RoleAssignment, Signer, Unit, UnitLevel, User
from campaigns.tests.factories import UserFactory, grant, make_campaign, make_unit
from emulation.lib.pdf import BASE_URL, StaticFilesFetcher, render_pdf
from emulation.reports.data import ReportData, build_report_data
from emulation.reports.models import Report
from emulation.reports.render import (
    render_annex_html,
    render_report_html,
    render_report_pdf,
    render_report_xlsx,
)
from emulation.reports.services import report_run
from indicators.models import Comparator, Submission, Target, Value

CHILD_ENV = "BENCH_REPORTS_CHILD"  # set in the subprocesses that measure maxrss
WARM_UP_HTML = (
    '<!doctype html><html><head><link rel="stylesheet" href="/static/css/document.css"></head><body><p>Thử</p>'
)
MIB = 1024 * 1024
NAN = float("nan")  # a figure not measured (--no-rss, no --trace-pdf)


@dataclass
class Case:
    name: str
    campaign_id: int
    period_id: int
    user_id: int
    cluster_id: int | None = None

    def build(self) -> ReportData:
        from campaigns.models import Campaign, ReportingPeriod

        campaign = Campaign.objects.select_related("owner").get(pk=self.campaign_id)
        cluster = Cluster.objects.get(pk=self.cluster_id) if self.cluster_id else None
        return build_report_data(
            campaign=campaign,
            period=ReportingPeriod.objects.get(pk=self.period_id),
            user=User.objects.get(pk=self.user_id),
            cluster=cluster,
        )


@dataclass
class Result:
    units: int = 0
    rows: int = 0  # per-unit rows (a unit × a target that applies to it), the bulk of both files
    queries: int = 0
    pages: int = 0
    annex_pages: int = 0
    cells: int = 0
    pdf_kb: int = 0
    xlsx_kb: int = 0
    times: dict[str, list[float]] = field(default_factory=dict)  # stage → CPU seconds, one per repetition
    walls: dict[str, list[float]] = field(default_factory=dict)  # stage → wall seconds
    peaks: dict[str, float] = field(default_factory=dict)  # stage → tracemalloc peak, MiB
    rss: dict[str, tuple[float, float]] = field(default_factory=dict)  # job → (maxrss after warm-up, after job)

    def t(self, stage: str) -> float:
        return statistics.median(self.times[stage])


# --- Building -----------------------------------------------------------------------------------------------------


def bulk_children(parent: Unit, specs: list[tuple[str, str, str, str, str]]) -> list[Unit]:
    """(name, short name, level, code, province) as the children of a unit that has none yet, in one insert."""
    specs = sorted(specs)  # treebeard keeps siblings in name order (node_order_by) and paths follow it
    rows = [
        Unit(name=name, short_name=short, level=level, code=code, province=province, depth=parent.depth + 1,
             path=Unit._get_path(parent.path, parent.depth + 1, step))
        for step, (name, short, level, code, province) in enumerate(specs, start=1)
    ]  # fmt: skip
    units = Unit.objects.bulk_create(rows, batch_size=BATCH)
    Unit.objects.filter(pk=parent.pk).update(numchild=len(units))
    return units


def heads_of(units: list[Unit]) -> list[User]:
    """Each unit's head (lãnh đạo), who sends its figures."""
    heads = [User(username=f"lanhdao-{u.code}", full_name=f"Lãnh đạo {u.short_name}", password="!") for u in units]
    heads = User.objects.bulk_create(heads, batch_size=BATCH)
    grants = [RoleAssignment(user=h, unit=u, role=Role.LANH_DAO) for h, u in zip(heads, units, strict=True)]
    RoleAssignment.objects.bulk_create(grants, batch_size=BATCH)
    return heads


def campaign_with_figures(owner: Unit, office: User, key: str, reporters: list[Unit], heads: list[User], catalogue,
                          periods: int):  # fmt: skip
    """A campaign of `periods` periods (all due), one target per indicator, every reporter's figures sent."""
    rng = Random(f"reports-{key}")  # noqa: S311 - the same data on every run, nothing secret
    first, last = timezone.localdate().year - (periods + 1) // 2, (periods - 1) // 2
    end = datetime.date(first + last, 6, 30) if periods % 2 else datetime.date(first + last, 12, 31)
    campaign = make_campaign(owner, title=f"Phong trào {key}", start_date=datetime.date(first, 1, 1), end_date=end)
    calendar = list(campaign.reporting_periods.order_by("due_date"))
    targets = [Target(campaign=campaign, indicator=indicator, order=indicator.order) for indicator in catalogue]
    for target in targets:
        *_, target.comparator, target.value = KINDS[target.indicator.entry, target.indicator.direction]
        target.due_on = end if target.comparator == Comparator.DONE_BY else None
    targets = Target.objects.bulk_create(targets)
    for period in calendar:
        subs = []
        for unit, head in zip(reporters, heads, strict=True):
            late = rng.random() < 0.1
            sent = datetime.datetime.combine(period.due_date, datetime.time(9), datetime.UTC)
            sent += datetime.timedelta(days=rng.randint(1, 10) if late else -rng.randint(0, 20))
            subs.append(Submission(period=period, unit=unit, status="da_gui", submitted_at=sent, submitted_by=head))
            subs[-1].is_late, subs[-1].version = late, 2
            if rng.random() < 0.6:
                subs[-1].status, subs[-1].version, subs[-1].reviewed_by = "da_duyet", 3, office
                subs[-1].reviewed_at = sent + datetime.timedelta(days=3)
        subs = Submission.objects.bulk_create(subs, batch_size=BATCH)
        Value.objects.bulk_create([figure(s, t, rng) for s in subs for t in targets], batch_size=BATCH)
    return campaign, calendar[-1]


def build(args: argparse.Namespace) -> list[Case]:
    """The Bộ with `provinces` Sở under it. Sở 01 has `units` units and runs two campaigns: its own (the Sở case)
    and the cluster's (Sở 01–`cluster` take part, as cụm trưởng, cụm phó and members, and report their own
    figures). The Bộ runs the national one, which every Sở reports to."""
    bo = make_unit(None, name="Bộ Thông tin và Truyền thông", level=UnitLevel.BO, code="bo")
    catalogue = build_catalogue(args.indicators, args.indicators // 5)
    provinces = [f"Tỉnh {i:02d}" for i in range(1, args.provinces + 1)]
    sos = bulk_children(
        bo, [(f"Sở TT&TT tỉnh {p[5:]}", f"STTTT {p[5:]}", UnitLevel.SO, f"so-{p[5:]}", p) for p in provinces]
    )
    so_heads = heads_of(sos)
    so = sos[0]
    levels = ((UnitLevel.PHONG, "Phòng", "P."), (UnitLevel.HUYEN, "UBND huyện", "H."), (UnitLevel.XA, "UBND xã", "X."))
    specs = [
        (f"{levels[i % 3][1]} {i:03d}", f"{levels[i % 3][2]} {i:03d}", levels[i % 3][0], f"u{i:03d}", so.province)
        for i in range(1, args.units + 1)
    ]
    units = bulk_children(so, specs)
    unit_heads = heads_of(units)
    office_so, office_bo = UserFactory(username="vanphong-so"), UserFactory(username="vanphong-bo")
    grant(office_so, so, Role.VAN_PHONG)
    grant(office_bo, bo, Role.VAN_PHONG)
    # A report without a named signer is refused (issue 14): without these, report_run timed a refusal.
    for unit in (so, bo):
        Signer.objects.create(
            unit=unit, position="Giám đốc", name="Nguyễn Văn Ký", valid_from=datetime.date(2000, 1, 1)
        )

    cases = []
    campaign, period = campaign_with_figures(so, office_so, "so", units, unit_heads, catalogue, args.periods)
    cases.append(Case(f"Sở ({args.units} units)", campaign.pk, period.pk, office_so.pk))

    cluster = Cluster.objects.create(kind="cum", number=1, year=period.year, name="Cụm thi đua số 1", organiser=bo)
    roles = (["truong", "pho"] + ["thanh_vien"] * args.cluster)[: args.cluster]
    members = [ClusterMembership(cluster=cluster, unit=u, role=r) for u, r in zip(sos, roles, strict=False)]
    ClusterMembership.objects.bulk_create(members)
    campaign, period = campaign_with_figures(
        so, office_so, "cum", sos[: args.cluster], so_heads[: args.cluster], catalogue, args.periods
    )
    campaign.participant_clusters.add(cluster)
    cases.append(Case(f"cluster ({args.cluster} provinces)", campaign.pk, period.pk, office_so.pk, cluster.pk))

    campaign, period = campaign_with_figures(bo, office_bo, "bo", sos, so_heads, catalogue, args.periods)
    cases.append(Case(f"national ({args.provinces} provinces)", campaign.pk, period.pk, office_bo.pk))
    return cases


# --- Measuring ----------------------------------------------------------------------------------------------------


def clock(function: Callable[[], object]) -> tuple[float, float, object]:
    """(CPU seconds of this process, wall seconds, result). CPU time is what the tables show: it barely moves when
    other jobs share the machine, wall time does. On PostgreSQL it leaves out the server's share of the queries."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = function()
    return time.process_time() - cpu, time.perf_counter() - wall, result


def peak_mib(function: Callable[[], object]) -> float:
    """tracemalloc's peak while `function` runs, over what was allocated before: Python allocations only."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        function()
        return (tracemalloc.get_traced_memory()[1] - before) / MIB
    finally:
        tracemalloc.stop()


def weasyprint_alone(html: str) -> tuple[bytes, int]:
    """WeasyPrint on the final HTML, with the project's fetcher (it only reads the two stylesheets from static/;
    without it the document would lose its layout): the PDF and its page count. Same work as write_pdf()."""
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher()).render()
    return document.write_pdf(), len(document.pages)


@dataclass
class Sheet:
    """A sheet of the job's workbook read back: its column widths, merged ranges and, per row, each cell's value
    and style (font, fill, border, alignment, number format)."""

    widths: list[float]
    merged: list[str]
    rows: list[list[tuple[object, tuple]]]


def cells_of(xlsx: bytes) -> dict[str, Sheet]:
    """Every sheet's cells with their styles, read back from the job's workbook."""
    from copy import copy

    from openpyxl.utils import get_column_letter

    workbook = load_workbook(io.BytesIO(xlsx))
    sheets = {}
    for ws in workbook.worksheets:
        widths = [ws.column_dimensions[get_column_letter(c)].width or 8.43 for c in range(1, ws.max_column + 1)]
        styles: dict[tuple, tuple] = {}  # the cell's style array (indices) → its style objects, read once
        rows = []
        for row in ws.iter_rows():
            cells = []
            for c in row:
                if getattr(c, "_style", None) is None:  # inside a merged range: nothing to write
                    cells.append((None, None))
                    continue
                key = tuple(c._style)
                if key not in styles:
                    styles[key] = (copy(c.font), copy(c.fill), copy(c.border), copy(c.alignment), c.number_format)
                cells.append((c.value, styles[key]))
            rows.append(cells)
        sheets[ws.title] = Sheet(widths, [str(r) for r in ws.merged_cells.ranges], rows)
    return sheets


def openpyxl_alone(sheets: dict[str, Sheet]) -> bytes:
    """The same cells in a write-only openpyxl workbook, styles included, each combination of styles made once and
    its style array copied to the other cells (openpyxl's fastest way), the same widths and merged titles; no safe
    writer, no print set-up. The floor for our workbook."""
    from copy import copy

    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    for title, sheet in sheets.items():
        ws = workbook.create_sheet(title)
        for column, width in enumerate(sheet.widths, start=1):
            ws.column_dimensions[get_column_letter(column)].width = width
        arrays: dict[tuple, object] = {}
        for row in sheet.rows:
            cells = []
            for value, style in row:
                if style is None:
                    cells.append(None)
                    continue
                cell = WriteOnlyCell(ws, value)
                array = arrays.get(id(style))
                if array is None:
                    cell.font, cell.fill, cell.border, cell.alignment, cell.number_format = style
                    arrays[id(style)] = copy(cell._style)
                else:
                    cell._style = copy(array)
                cells.append(cell)
            ws.append(cells)
        for merged in sheet.merged:
            ws.merged_cells.add(merged)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def measure(case: Case, repeat: int, with_run: bool, trace_pdf: bool) -> Result:
    print(f"  measuring {case.name} …", flush=True)
    result = Result()
    with CaptureQueriesContext(connection) as queries:
        data = case.build()
    result.queries = len(queries.captured_queries)
    result.units = len(data.units)
    result.rows = sum(len(block.results) for block in data.units)
    # Warm-up (templates, fonts, imports; a one-line PDF, as a full one can take a minute), and the cells the
    # openpyxl-alone runs write: the values of the job's workbook.
    render_report_html(data), render_pdf(WARM_UP_HTML)
    xlsx = render_report_xlsx(data)
    sheets = cells_of(xlsx)
    result.cells = sum(sum(1 for v, _ in row if v is not None) for sheet in sheets.values() for row in sheet.rows)
    result.xlsx_kb = len(xlsx) // 1024

    times: dict[str, list[float]] = {}

    def timed(stage: str, function: Callable[[], object]) -> object:
        gc.collect()  # each stage starts from a clean heap: no stage pays for the garbage of the one before
        seconds, wall, value = clock(function)
        times.setdefault(stage, []).append(seconds)
        result.walls.setdefault(stage, []).append(wall)
        return value

    for number in range(repeat):
        timed("PDF job", lambda: render_report_pdf(case.build()))
        data = timed("data", case.build)
        html = timed("HTML", lambda: render_report_html(data))  # noqa: B023 - called at once
        pdf, result.pages = timed("WeasyPrint", lambda: weasyprint_alone(html))  # noqa: B023
        result.pdf_kb = len(pdf) // 1024
        timed("Excel job", lambda: render_report_xlsx(case.build()))
        timed("xlsx render", lambda: render_report_xlsx(data))  # noqa: B023
        timed("openpyxl", lambda: openpyxl_alone(sheets))
        if number == 0:  # the annex, on request: one repetition is enough (it is a long WeasyPrint run)
            annex_html = render_annex_html(data)
            _, result.annex_pages = timed("annex PDF", lambda: weasyprint_alone(annex_html))  # noqa: B023
        if with_run:
            report = Report.objects.create(
                campaign_id=case.campaign_id,
                period_id=case.period_id,
                cluster_id=case.cluster_id,
                requested_by_id=case.user_id,
                version=number + 1,
            )
            timed("report_run", lambda: report_run(report.pk))  # noqa: B023
    result.times = times

    result.peaks = {
        "data": peak_mib(case.build),
        "HTML": peak_mib(lambda: render_report_html(data)),
        "WeasyPrint": peak_mib(lambda: weasyprint_alone(html)) if trace_pdf else float("nan"),
        "xlsx render": peak_mib(lambda: render_report_xlsx(data)),
        "openpyxl": peak_mib(lambda: openpyxl_alone(sheets)),
    }
    return result


def rss_in_child(case: Case, job: str) -> tuple[float, float]:
    """Peak RSS of a fresh process that imports everything, warms up on a one-line PDF and a one-cell workbook,
    then runs the job (build the data, render the file): (peak after warm-up, peak after the job), MiB."""
    env = {**os.environ, CHILD_ENV: json.dumps([connection.settings_dict["NAME"], job, case.__dict__])}
    command = [sys.executable, __file__]  # this script, told by CHILD_ENV what to do
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode:
        print(done.stderr[-2000:], file=sys.stderr)
        return float("nan"), float("nan")
    before, after = json.loads(done.stdout.strip().splitlines()[-1])
    return before, after


def child(spec: str) -> None:
    name, job, fields = json.loads(spec)
    connection.settings_dict["NAME"] = name  # the throwaway database the parent built
    case = Case(**fields)
    render_pdf(WARM_UP_HTML)
    openpyxl_alone({"a": Sheet([10.0], [], [[("a", None)]])})
    before = peak_rss_kib()
    data = case.build()
    from emulation.reports.render import render_annex_pdf

    {"pdf": render_report_pdf, "xlsx": render_report_xlsx, "annex": render_annex_pdf}[job](data)
    print(json.dumps([before / 1024, peak_rss_kib() / 1024]))


def peak_rss_kib() -> int:
    """VmHWM, the peak resident set of this process's memory. Not getrusage's ru_maxrss: Linux carries that over
    fork and exec, so a child started by the parent reports the parent's size (seen here: 320 MiB for all)."""
    status = Path("/proc/self/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmHWM:")).split()[1])


# --- Printing -----------------------------------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f}"


def report(cases: list[Case], results: list[Result], with_run: bool) -> None:
    width = max(len(c.name) for c in cases) + 2
    print(f"\nSize of each report. Times below: CPU time of this process (time.process_time), median of "
          f"{len(results[0].times['data'])} repetitions; the last two columns here are wall-clock.")  # fmt: skip
    print(f"{'case':<{width}} {'units':>6} {'unit rows':>10} {'queries':>8} {'PDF pages':>10} {'PDF KiB':>8} "
          f"{'annex pages':>12} {'xlsx cells':>11} {'xlsx KiB':>9} {'wall PDF job':>13} "
          f"{'wall Excel job':>15}")  # fmt: skip
    for c, r in zip(cases, results, strict=True):
        print(f"{c.name:<{width}} {r.units:>6} {r.rows:>10,} {r.queries:>8} {r.pages:>10} {r.pdf_kb:>8,} "
              f"{r.annex_pages:>12} {r.cells:>11,} {r.xlsx_kb:>9,} {ms(statistics.median(r.walls['PDF job'])):>13} "
              f"{ms(statistics.median(r.walls['Excel job'])):>15}")  # fmt: skip

    print("\nPDF, ms. PDF job = build_report_data + render_report_pdf; (a) = PDF job ÷ WeasyPrint alone on its HTML")
    print(f"{'case':<{width}} {'data':>8} {'HTML':>8} {'WeasyPrint':>11} {'PDF job':>9} {'(a)':>6} {'ours':>6}")
    for c, r in zip(cases, results, strict=True):
        a, ours = r.t("PDF job") / r.t("WeasyPrint"), 1 - r.t("WeasyPrint") / r.t("PDF job")
        print(f"{c.name:<{width}} {ms(r.t('data')):>8} {ms(r.t('HTML')):>8} {ms(r.t('WeasyPrint')):>11} "
              f"{ms(r.t('PDF job')):>9} {a:>6.2f} {ours:>6.0%}")  # fmt: skip

    print("\nExcel, ms. openpyxl = a write-only workbook of the same cells and styles (cached style arrays), widths")
    print("and merged titles. (b) = xlsx render ÷ openpyxl: the job builds the data once for the PDF and the workbook")
    print("(report_run), so the workbook's own cost is its rendering. Excel job = data + render, ÷ openpyxl beside it.")
    print(f"{'case':<{width}} {'data':>8} {'xlsx render':>12} {'openpyxl':>9} {'(b)':>6} {'Excel job':>10} "
          f"{'job ÷ openpyxl':>15}")  # fmt: skip
    for c, r in zip(cases, results, strict=True):
        b, job = r.t("xlsx render") / r.t("openpyxl"), r.t("Excel job") / r.t("openpyxl")
        print(f"{c.name:<{width}} {ms(r.t('data')):>8} {ms(r.t('xlsx render')):>12} {ms(r.t('openpyxl')):>9} "
              f"{b:>6.2f} {ms(r.t('Excel job')):>10} {job:>15.2f}")  # fmt: skip

    print("\nThe per-unit annex PDF (on request; WeasyPrint on its HTML, one run), ms and pages")
    for c, r in zip(cases, results, strict=True):
        print(f"{c.name:<{width}} {ms(r.t('annex PDF')):>8} ms {r.annex_pages:>5} pages")

    if with_run:
        print("\nThe whole job (report_run: data once, both files, progress updates, files stored and hashed), ms")
        print(f"{'case':<{width}} {'report_run':>11} {'PDF job + xlsx render':>22} {'rest':>7}")
        for c, r in zip(cases, results, strict=True):
            parts = r.t("PDF job") + r.t("xlsx render")
            print(f"{c.name:<{width}} {ms(r.t('report_run')):>11} {ms(parts):>22} {ms(r.t('report_run') - parts):>7}")

    print("\nPeak memory, MiB. tracemalloc: peak of Python allocations during the stage (not Pango/HarfBuzz's C")
    print("heap). maxrss: peak RSS (VmHWM) of a fresh process, after a warm-up → after the job (data + file).")
    print(f"{'case':<{width}} {'data':>6} {'HTML':>6} {'WeasyPrint':>11} {'xlsx render':>12} {'openpyxl':>9} "
          f"{'maxrss PDF job':>18} {'maxrss Excel job':>18} {'maxrss annex':>14}")  # fmt: skip
    for c, r in zip(cases, results, strict=True):
        p = r.peaks
        wp = "n/a" if p["WeasyPrint"] != p["WeasyPrint"] else f"{p['WeasyPrint']:.1f}"  # NaN: not traced
        rss = [
            f"{b:.0f} → {a:.0f}" if b == b else "n/a"
            for b, a in (r.rss.get(job, (NAN, NAN)) for job in ("pdf", "xlsx", "annex"))
        ]
        print(f"{c.name:<{width}} {p['data']:>6.1f} {p['HTML']:>6.1f} {wp:>11} "
              f"{p['xlsx render']:>12.1f} {p['openpyxl']:>9.1f} {rss[0]:>18} {rss[1]:>18} {rss[2]:>14}")  # fmt: skip

    print("\nms per 1,000 unit rows (flat across cases = linear):")
    stages = ["data", "HTML", "WeasyPrint", "PDF job", "xlsx render", "openpyxl", "Excel job"]
    print(f"{'case':<{width}} " + " ".join(f"{s:>11}" for s in stages))
    for c, r in zip(cases, results, strict=True):
        print(f"{c.name:<{width}} " + " ".join(f"{r.t(s) * 1e6 / max(r.rows, 1):>11,.0f}" for s in stages))
    so, national = results[0], results[-1]
    rows = national.rows / so.rows
    print(f"\nNational ÷ Sở: {rows:.2f}× the unit rows; time ratio, and time ratio ÷ rows ratio (1.0 = linear):")
    for s in stages:
        ratio = national.t(s) / so.t(s)
        print(f"  {s:<12} {ratio:>6.2f}×   {ratio / rows:>5.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sizes = (("units", 30), ("cluster", 7), ("provinces", 63), ("indicators", 40), ("periods", 4), ("repeat", 3))
    for name, default in sizes:
        parser.add_argument(f"--{name}", type=int, default=default)
    parser.add_argument("--quick", action="store_true", help="10 units, 3 provinces, 15 in the country, 1 repetition")
    parser.add_argument("--no-rss", action="store_true", help="skip the maxrss subprocesses")
    parser.add_argument("--no-run", action="store_true", help="skip timing report_run (one more PDF per repetition)")
    parser.add_argument("--trace-pdf", action="store_true", help="tracemalloc WeasyPrint too (one slow PDF more)")
    args = parser.parse_args()
    if args.quick:
        args.units, args.cluster, args.provinces, args.repeat = 10, 3, 15, 1
    args.provinces = max(args.provinces, args.cluster, 1)

    settings = connection.settings_dict
    old_name, tmp = settings["NAME"], Path(tempfile.mkdtemp(prefix="bench-reports-"))
    # A file for SQLite, so the maxrss subprocesses can open it; on PostgreSQL a name of our own, so neither the
    # database of DATABASE_URL nor anyone's test_* database is touched: DATABASE_URL's name + "_tmp", so that two
    # runs given two names (two people on one server) do not drop each other's database.
    settings["TEST"]["NAME"] = str(tmp / "bench.sqlite3") if connection.vendor == "sqlite" else f"{old_name}_tmp"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # `kill` too runs the clean-up below
    try:
        from django.test import override_settings

        with override_settings(MEDIA_ROOT=tmp / "media"):  # report_run stores its files here
            started = time.perf_counter()
            with transaction.atomic():
                cases = build(args)
            values = Value.objects.count()
            print(
                f"Built on {connection.vendor} in {time.perf_counter() - started:.1f} s: {args.provinces} Sở, "
                f"{args.units} units under Sở 01, {args.indicators} indicators ({args.indicators // 5} tasks), "
                f"{args.periods} periods per campaign, {values:,} values in all; reports on each campaign's last period"
            )
            results = [measure(case, args.repeat, not args.no_run, args.trace_pdf) for case in cases]
            if not args.no_rss:
                for case, result in zip(cases, results, strict=True):
                    print(f"  maxrss subprocesses for {case.name} …", flush=True)
                    result.rss = {job: rss_in_child(case, job) for job in ("pdf", "xlsx", "annex")}
            report(cases, results, not args.no_run)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=False)
        for path in sorted(tmp.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
        tmp.rmdir()


if __name__ == "__main__":
    if os.environ.get(CHILD_ENV):
        child(os.environ[CHILD_ENV])
    else:
        main()
