"""What a campaign progress report (15/6, 15/12) says, gathered once for both renderers (PDF and Excel).

`build_report_data` reads through the apps' selectors with the requesting person's scope and returns a tree of plain
dataclasses: the document's paper (emulation.lib.paper: header, số, trích yếu, the campaign's plan cited, signature
and Nơi nhận, built by campaigns.paper as of the report's date), section I (who takes part, registered and reported),
section II (each target against its plan, in total, per unit and — for a cluster — per province, with charts),
section III (dossiers, nominees and decisions of the period) and the free texts IV and V. Numbers are kept as
Decimals for Excel and also as Vietnamese text for the PDF, so both files say exactly the same thing.

The signer is the one typed in the request, else the campaign's report signer or the Sở's signer on the report's
date (campaigns.paper.report_signer). `ReportData.paper.check()` refuses a report without a signer or Nơi nhận: the
job calls it (`complete=True`) before anything is rendered.

The number of queries does not depend on the number of units, targets or dossiers: every list comes from one query
and is grouped in memory.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import partial
from typing import NamedTuple

from django.db.models import Count, Min, Q
from django.utils import timezone

from awards.models import Decision, DecisionKind, Dossier, DossierEvent, DossierStatus, Nominee
from awards.selectors import decisions_visible_to, dossiers_visible_to
from campaigns.models import (
    AwardTarget,
    Campaign,
    Cluster,
    PeriodKind,
    ReportingPeriod,
    Unit,
    UnitLevel,
    User,
)
from campaigns.orgchart import UnitAsOf, ancestors_on, dated_copy, unit_as_of, units_as_of
from campaigns.paper import campaign_citation, header_for, issuer_on, province_of, report_signer
from campaigns.selectors import campaign_expected_registrants, cluster_members, registration_board
from emulation.lib.charts import Series, bar_chart, line_chart
from emulation.lib.paper import Citation, Paper, Signature, ngay_van_ban
from emulation.lib.vn import format_date, format_percent
from indicators import evaluation
from indicators.evaluation import NOT_TOTALLED, Figure, FigureRow
from indicators.models import Achievement, AppliesTo, Comparator, SubmissionStatus, Target, Value
from indicators.selectors import (
    COUNTED,
    QueueRow,
    _reads,
    campaign_progress,
    campaign_targets,
    period_queue,
    periods_of,
    targets_of_period,
)

Baselines = dict[tuple[int, int], Decimal]  # (rank-improvement target, unit) → reference rank

ProgressCallback = Callable[[float, str], None]

MAX_CHARTS = 6  # targets drawn; each gets the units side by side and, from two periods on, its trend
MAX_BARS = 15  # beyond this many units, a bar chart leaves out those without a figure
MAX_CHART_BARS = 25  # and beyond this many with a figure, it shows those furthest behind (one page at most)
TREND_HEIGHT = 240
REPORT = "Báo cáo"
ARCHIVE = "VT, VP"  # Lưu: the Văn thư's copy and the Văn phòng's, which prepares the report


# --- The tree ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetRow:
    """Section II, the total table: one target of the period, judged on the figures of every unit in scope."""

    number: int  # STT
    target_id: int
    indicator: str
    sector: str  # lĩnh vực, "" when none
    applies_to: str  # "Cấp huyện", "Phòng Công nghệ thông tin", "" for everyone
    unit_label: str  # đơn vị tính
    plan: str  # "≥ 70 %"
    plan_long_term: str  # the campaign-wide target this year's milestone stands for ("≥ 100 %"), or ""
    total: Figure
    units_applicable: int
    units_reported: int
    units_met: int
    applies_line: str = ""  # "Áp dụng: Cấp huyện" under the name; always there when the indicator has two rows


@dataclass(frozen=True)
class UnitResult:
    target_number: int  # the STT of the target in the total table
    target_id: int
    indicator: str
    unit_label: str
    plan: str
    figure: Figure
    applies_to: str = ""  # "Áp dụng: …", set when the unit has two targets of the same indicator


JUDGED_HERE = (Achievement.VUOT, Achievement.DAT, Achievement.CHUA_DAT)


@dataclass(frozen=True)
class UnitBlock:
    """One unit: its registration, how it reported this period, and its figures for the targets that apply to it."""

    unit_id: int
    name: str
    level: str  # "Phòng, đơn vị thuộc Sở"
    registered: bool
    registered_on: datetime.date | None
    status: str  # "chua_lap" or SubmissionStatus value
    status_label: str  # "Chưa lập báo cáo", "Nháp", "Đã gửi", "Trả lại", "Đã duyệt"
    sending: str  # "dung_han" | "qua_han" | "chua_gui"
    sending_label: str  # "Đúng hạn", "Quá hạn", "Chưa gửi"
    submitted_on: datetime.date | None
    reviewed_on: datetime.date | None
    results: list[UnitResult] = field(default_factory=list)

    @property
    def has_reported(self) -> bool:
        return self.sending != "chua_gui"

    @property
    def judged(self) -> int:
        """Targets with a figure judged Vượt, Đạt or Chưa đạt."""
        return sum(1 for r in self.results if r.figure.achievement in JUDGED_HERE)

    @property
    def met(self) -> int:
        return sum(1 for r in self.results if r.figure.is_met)

    @property
    def not_met(self) -> list[int]:
        """The STT (in the total table) of the targets this unit is behind on."""
        return [r.target_number for r in self.results if r.figure.achievement == Achievement.CHUA_DAT]


@dataclass(frozen=True)
class Deployment:
    """Section I: units taking part, registered, and reporting on time, late or not at all."""

    units: int
    registered: int
    on_time: int
    late: int
    not_reported: int
    approved: int  # of those reported, already approved by Văn phòng Sở

    @property
    def reported(self) -> int:
        return self.on_time + self.late

    @staticmethod
    def share(part: int, whole: int) -> Decimal | None:
        return Decimal(part) / Decimal(whole) * 100 if whole else None

    @property
    def shares(self) -> dict[str, str]:
        """Each count as a share of the units taking part, as printed: "20 %" ("" when nobody takes part)."""
        counts = {
            "units": self.units,
            "registered": self.registered,
            "on_time": self.on_time,
            "late": self.late,
            "not_reported": self.not_reported,
            "reported": self.reported,
        }
        return {key: format_percent(self.share(count, self.units)) for key, count in counts.items()}


@dataclass(frozen=True)
class Province:
    """A column of the cluster comparison: a member of the cluster (one Sở per province)."""

    unit_id: int
    name: str  # "Lào Cai"
    role: str  # "Cụm trưởng", "Cụm phó", "Thành viên" (a Khối: "Khối trưởng", "Khối phó")
    unit_name: str = ""  # "Sở Thông tin và Truyền thông tỉnh Lào Cai"
    has_office: bool = True  # the Sở has a Văn phòng account today: without one it cannot send nor approve figures


@dataclass(frozen=True)
class ComparisonRow:
    number: int
    target_id: int
    indicator: str
    applies_to: str  # as in TargetRow: "" for everyone
    unit_label: str
    plan: str
    figures: list[Figure]  # one per Province, in the same order
    total: Figure
    applies_line: str = ""


@dataclass(frozen=True)
class Chart:
    number: int  # Biểu đồ 1, 2, …
    title: str
    svg: str  # markup from emulation.lib.charts: every text in it is escaped there


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class NomineeCount:
    award_form: str
    authority: str
    collective: int
    individual: int
    decided: int  # nominees conferred the award by a decision signed within the period (the award register's date)


@dataclass(frozen=True)
class DecisionRow:
    kind: str
    kind_label: str  # "Quyết định khen thưởng", "Tờ trình đề nghị cấp trên"
    number: str
    signed_on: datetime.date
    issuer: str
    signer: str
    collective: int
    individual: int
    note: str  # for a Tờ trình: the higher decision, or that it is awaited


@dataclass(frozen=True)
class Awards:
    """Section III, for dossiers sent and decisions signed between `start` and `end`. Every count is of the period:
    a dossier's status is the one it had on `status_on` (the period's end, or the report's date if earlier), a
    nominee counts as decided when the decision conferring the award was signed within the period."""

    start: datetime.date
    end: datetime.date
    status_on: datetime.date
    dossiers: list[StatusCount]
    nominees: list[NomineeCount]
    decisions: list[DecisionRow]

    @property
    def window(self) -> str:
        """ "từ ngày 01/01/2023 đến ngày 31/12/2023": what the section counts, said in every file."""
        return f"từ ngày {format_date(self.start)} đến ngày {format_date(self.end)}"

    @property
    def statement(self) -> str:
        """The section's opening sentence, the same in the PDF and in the workbook."""
        window = self.window[:1].upper() + self.window[1:]
        if not self.dossiers and not self.decisions:
            return (
                f"{window}, chưa có hồ sơ đề nghị khen thưởng nào được gửi và chưa có quyết định khen thưởng nào "
                "của phong trào được ký."
            )
        if self.dossiers:
            sent = (
                f"có {self.dossier_total} hồ sơ đề nghị khen thưởng được gửi, đề nghị khen thưởng cho "
                f"{self.collective_total} tập thể và {self.individual_total} cá nhân; trong đó "
                f"{self.decided_total} trường hợp đã có quyết định khen thưởng ký trong thời gian này"
            )
        else:
            sent = "không có hồ sơ đề nghị khen thưởng mới được gửi"
        if self.decisions:
            signed = f"Trong kỳ đã ký {self.decision_summary}."
        else:
            signed = "Trong kỳ chưa có quyết định, tờ trình khen thưởng nào của phong trào được ký."
        return f"{window}, {sent}. {signed}"

    @property
    def decision_summary(self) -> str:
        """ "1 quyết định khen thưởng và 1 tờ trình đề nghị cấp trên khen thưởng"."""
        decisions = sum(1 for d in self.decisions if d.kind == DecisionKind.QUYET_DINH)
        proposals = len(self.decisions) - decisions
        parts = []
        if decisions:
            parts.append(f"{decisions} quyết định khen thưởng")
        if proposals:
            parts.append(f"{proposals} tờ trình đề nghị cấp trên khen thưởng")
        return " và ".join(parts)

    @property
    def dossier_total(self) -> int:
        return sum(row.count for row in self.dossiers)

    @property
    def collective_total(self) -> int:
        return sum(row.collective for row in self.nominees)

    @property
    def individual_total(self) -> int:
        return sum(row.individual for row in self.nominees)

    @property
    def decided_total(self) -> int:
        return sum(row.decided for row in self.nominees)


@dataclass(frozen=True)
class ReportData:
    campaign_id: int
    campaign_title: str
    campaign_name: str  # what follows "phong trào thi đua" (Campaign.movement_name)
    campaign_end_year: int  # "Đến năm 2025: ≥ 100 %", for a year's milestone of a campaign-wide target
    period_id: int
    period_kind: str  # PeriodKind
    period_year: int
    period_label: str  # "6 tháng đầu năm 2023" | "năm 2023"
    period_due: datetime.date
    scope: str  # "all" | "unit" | "cluster"
    scope_name: str  # the owner's, the unit's or the cluster's name
    total_label: str  # column heading of the totals: "Toàn tỉnh", "Toàn đơn vị", "Toàn cụm", "Tổng hợp"
    paper: Paper  # header, số, trích yếu, citation, signature, Nơi nhận (NĐ 30/2020)
    day: datetime.date  # the report's date
    name: str  # "Báo cáo 6 tháng đầu năm 2023 – Sở TT&TT Bình Phước": the workbook's footer and title
    reference: str  # "Kèm theo Báo cáo số      /BC-STTTT ngày … của …", under the title of the Phụ lục
    appendix_title: str  # "So sánh kết quả … các tỉnh trong Cụm thi đua số 7 – 6 tháng đầu năm 2023"
    intro: str
    deployment: Deployment
    targets: list[TargetRow]
    targets_not_applicable: int  # targets of the period that apply to no unit in scope (left out)
    units: list[UnitBlock]
    provinces: list[Province]  # empty unless the report is for a cluster
    comparison: list[ComparisonRow]  # idem
    charts: list[Chart]
    awards: Awards
    assessment: str  # IV, free text written by Văn phòng Sở ("" → a dotted line to fill in)
    direction_heading: str  # "Phương hướng, nhiệm vụ 6 tháng cuối năm 2023"
    direction: str  # V, free text
    closing: str
    generated_at: datetime.datetime
    with_annex: bool = False  # the job makes the per-unit annex PDF too: the report says where to find it

    @property
    def summary(self) -> str:
        """The trích yếu: "Kết quả thực hiện phong trào thi đua “…” 6 tháng đầu năm 2023"."""
        return self.paper.summary

    @property
    def citation(self) -> Citation:
        return self.paper.citations[0]

    @property
    def assessment_paragraphs(self) -> list[str]:
        """Section IV as typed: each line a paragraph of the document (indented, justified)."""
        return _paragraphs(self.assessment)

    @property
    def direction_paragraphs(self) -> list[str]:
        return _paragraphs(self.direction)

    @property
    def is_cluster(self) -> bool:
        return self.scope == "cluster"

    @property
    def achievement_counts(self) -> dict[str, int]:
        counts = {a: 0 for a in [*Achievement.values, NOT_TOTALLED]}
        for row in self.targets:
            counts[row.total.achievement] += 1
        return counts

    @property
    def members_without_office(self) -> list[Province]:
        """Members of the cluster that have no Văn phòng account: their figures are missing, said in the report."""
        return [p for p in self.provinces if not p.has_office]

    @property
    def behind_units(self) -> list[UnitBlock]:
        """Units behind on at least one target, the most targets behind first: the report's exceptions."""
        return sorted((u for u in self.units if u.not_met), key=lambda u: (-len(u.not_met), u.name))

    @property
    def unit_rows(self) -> int:
        """Rows of the per-unit detail (a unit × a target that applies to it): the workbook's and the annex's."""
        return sum(len(u.results) for u in self.units)

    @property
    def pending_members(self) -> list[UnitBlock]:
        """A cluster's members that sent figures not approved yet: not compared (only approved figures are)."""
        return [u for u in self.units if u.status == SubmissionStatus.DA_GUI] if self.is_cluster else []

    @property
    def late_units(self) -> list[UnitBlock]:
        return [u for u in self.units if u.sending == "qua_han"]

    @property
    def missing_units(self) -> list[UnitBlock]:
        return [u for u in self.units if u.sending == "chua_gui"]


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


# --- Building ---------------------------------------------------------------------------------------------------


def build_report_data(
    *,
    campaign: Campaign,
    period: ReportingPeriod,
    user: User | None,
    unit: Unit | None = None,
    cluster: Cluster | None = None,
    progress: ProgressCallback | None = None,
    assessment: str = "",
    direction: str = "",
    signer_title: str = "",
    signer_name: str = "",
    report_date: datetime.date | None = None,
    recipients: list[str] | None = None,
    number: str = "",
    complete: bool = False,
    with_annex: bool = False,
) -> ReportData:
    """Everything the report says, read with `user`'s scope (the job runs with the requester's scope).

    `unit` restricts the report to that unit's subtree; `cluster` to its members' subtrees, and adds the
    comparison of the members (one column per province). A cluster's report is read across its members, whoever
    asks (the members' approved figures; `user` is not used and may be None): who may ask for it and read it is
    decided by services.may_request_cluster and views.reports_visible_to. `progress(fraction, message)` is told of
    each step.
    `signer_title` / `signer_name`: the signer typed in the request ("KT. Giám đốc\nPhó Giám đốc"); when none is
    typed, the campaign's or the Sở's signer on the report's date. `recipients`: Nơi nhận typed in the request, else
    the default for the scope. `number`: the report's number if it is known, else blank to be filled by hand.
    `complete=True` (the job): raise DocumentIncomplete before reading anything when the paper lacks a signer or
    Nơi nhận.
    """
    step = progress or (lambda fraction, message: None)
    if unit is not None and cluster is not None:
        raise ValueError("Báo cáo cho một đơn vị hoặc cho một cụm, khối, không cho cả hai.")
    day = report_date or timezone.localdate()
    # Names as of a date (campaigns.orgchart): the issuer as it is on the report's day (after a merger, the
    # successor); the units reported on as they were at the end of the period.
    names_on = period_window(period)[1]
    owner = _dated(issuer_on(campaign.owner, day), day)
    if unit is not None:
        unit = _dated(unit, names_on)
    texts = _texts(campaign=campaign, period=period, owner=owner, unit=unit, cluster=cluster, day=day)
    paper = Paper(
        header=header_for(owner, doc_type=REPORT, day=day, number=number),
        summary=texts.summary,
        citations=[campaign_citation(campaign)],
        signatures=[s] if (s := _signature(campaign, owner, day, signer_title, signer_name)) else [],
        recipients=recipients if recipients else default_recipients(campaign, owner, unit, cluster, day),
        archive=ARCHIVE,
    )
    if complete:
        paper.check(f"báo cáo {period_label(period)}")
    step(0.05, "Đang đọc chỉ tiêu và số liệu")

    members = list(cluster_members(cluster=cluster)) if cluster is not None else []
    roots = [unit.path] if unit is not None else [m.unit.path for m in members] if cluster is not None else []

    def in_scope(path: str) -> bool:
        if cluster is None and unit is None:
            return True
        return any(path.startswith(root) for root in roots)

    periods = [p for p in periods_of(campaign=campaign) if p.due_date <= period.due_date]
    if cluster is not None:
        # The cluster comparison is read across the members, not with the requester's scope (a Cụm trưởng's
        # office reads its own Sở only): the members' APPROVED figures, as the cluster's automatic criteria read
        # them (emulation.clusters.services.automatic_points). Who may read the result is reports_visible_to's.
        targets, superseded = targets_of_period(
            list(campaign_targets(campaign=campaign).filter(Q(year__isnull=True) | Q(year=period.year)))
        )
        cells: dict[int, dict] = {}
        values = _values(campaign=campaign, period=period, reads=Q(), roots=roots, statuses=CLUSTER_COUNTED)
        queue = _member_queue(campaign=campaign, period=period, roots=roots)
    else:
        _, progress_rows = campaign_progress(campaign=campaign, period=period, user=user)
        # The period's targets: a year's milestone replaces the long-term one.
        targets = [row.target for row in progress_rows]
        superseded = {row.target.pk: row.long_term for row in progress_rows if row.long_term is not None}
        cells = {row.target.pk: row.units for row in progress_rows}
        values = _values(
            campaign=campaign, period=period, reads=_reads(user, "submission__"), roots=roots, statuses=COUNTED
        )
        queue = [row for row in period_queue(period=period, user=user) if in_scope(row.unit.path)]
    registrations = {u.pk: r for u, r in registration_board(campaign=campaign) if r is not None}
    step(0.2, "Đang tổng hợp kết quả theo đơn vị")

    units = [row.unit for row in queue]
    named = units_as_of(
        [*units, *(m.unit for m in members), *(t.unit for t in targets if t.unit_id is not None)], names_on
    )
    by_target: dict[int, list[FigureRow]] = defaultdict(list)  # this period's figures
    for read in values:
        if read.period_id == period.pk:
            by_target[read.target_id].append(read.row)
    baselines = evaluation.baselines_for(
        targets=targets, unit_ids={v.unit_id for found in by_target.values() for v in found}, year=period.year
    )
    # Each unit's figure for each target, judged once: the total table counts those met, the unit blocks show them.
    figures: dict[tuple[int, int], Figure] = {}
    for target in targets:
        mine = cells.get(target.pk, {})
        for value in by_target.get(target.pk, []):
            figures[target.pk, value.unit_id] = _unit_figure(target, value, mine, baselines)

    target_rows: list[TargetRow] = []
    left_out = 0
    for target in targets:
        applicable = [u for u in units if target.applies_to_unit(u)]
        found = by_target.get(target.pk, [])
        if not applicable and not found:
            left_out += 1
            continue
        unit_figures = [figures[target.pk, v.unit_id] for v in found]
        target_rows.append(
            TargetRow(
                number=0,
                target_id=target.pk,
                indicator=target.indicator.name,
                sector=target.indicator.sector.name if target.indicator.sector else "",
                applies_to=_applies_label(target, named),
                unit_label=_unit_label(target),
                plan=target.describe(),
                plan_long_term=superseded[target.pk].describe() if target.pk in superseded else "",
                total=_total_figure(target, found, baselines),
                units_applicable=len(applicable),
                units_reported=len(found),
                units_met=sum(1 for f in unit_figures if f.is_met),
            )
        )
    target_rows = _with_applies_lines(_numbered(target_rows, targets))
    numbers = {row.target_id: row.number for row in target_rows}
    by_id = {t.pk: t for t in targets}

    blocks = _unit_blocks(
        queue=queue,
        registrations=registrations,
        targets=[by_id[row.target_id] for row in target_rows],
        numbers=numbers,
        figures=figures,
        named=named,
    )
    deployment = Deployment(
        units=len(blocks),
        registered=sum(1 for b in blocks if b.registered),
        on_time=sum(1 for b in blocks if b.sending == "dung_han"),
        late=sum(1 for b in blocks if b.sending == "qua_han"),
        not_reported=sum(1 for b in blocks if b.sending == "chua_gui"),
        approved=sum(1 for b in blocks if b.status == SubmissionStatus.DA_DUYET),
    )

    provinces, comparison = [], []
    if cluster is not None:
        provinces, comparison = _comparison(
            members,
            [by_id[row.target_id] for row in target_rows],
            numbers,
            by_target,
            {read.row.unit_id: read.path for read in values},
            baselines,
            _offices(members),
            cluster.kind,
            named,
        )

    step(0.35, "Đang tổng hợp công tác khen thưởng")
    awards = _awards(
        campaign=campaign,
        period=period,
        user=None if cluster is not None else user,
        roots=roots,
        restricted=cluster is not None or unit is not None,
        day=day,
    )

    step(0.45, "Đang vẽ biểu đồ")
    total_label = _total_label(owner, unit, cluster)
    charts = _charts(
        baselines=baselines,
        rows=target_rows,
        targets=by_id,
        period=period,
        periods=periods,
        values=values,
        blocks=blocks,
        provinces=provinces,
        comparison=comparison,
        total_label=total_label,
    )

    step(0.55, "Đã tổng hợp số liệu")
    return ReportData(
        campaign_id=campaign.pk,
        campaign_title=campaign.title,
        campaign_name=_movement(campaign),
        campaign_end_year=campaign.end_date.year,
        period_id=period.pk,
        period_kind=period.kind,
        period_year=period.year,
        period_label=period_label(period),
        period_due=period.due_date,
        scope="cluster" if cluster is not None else "unit" if unit is not None else "all",
        scope_name=texts.scope_name,
        total_label=total_label,
        paper=paper,
        day=day,
        name=texts.name,
        reference=_reference(paper, owner),
        appendix_title=texts.appendix_title,
        intro=texts.intro,
        deployment=deployment,
        targets=target_rows,
        targets_not_applicable=left_out,
        units=blocks,
        provinces=provinces,
        comparison=comparison,
        charts=charts,
        awards=awards,
        assessment=assessment.strip(),
        direction_heading=_direction_heading(period),
        direction=direction.strip(),
        closing=texts.closing,
        generated_at=timezone.now(),
        with_annex=with_annex,
    )


# --- Reading ----------------------------------------------------------------------------------------------------


def _under(roots: Iterable[str], field_name: str) -> Q:
    q = Q(pk__in=[])
    for root in roots:
        q |= Q(**{f"{field_name}__startswith": root})
    return q


class ReadFigure(NamedTuple):
    """A figure as `_values` reads it: which target and period it is for, where its unit sits in the tree, and what
    indicators.evaluation reads of it (a FigureRow, as the dashboard's campaign_progress reads them)."""

    target_id: int
    period_id: int
    path: str  # the unit's: a province's total is over the figures of its subtree
    row: FigureRow


def _values(
    *, campaign: Campaign, period: ReportingPeriod, reads: Q, roots: list[str], statuses: Iterable[str]
) -> list[ReadFigure]:
    """Every figure of the campaign up to this period in one of `statuses` that `reads` lets through, raw
    (numerator, denominator, done_on): totals over any set of units (a subtree, a province) and the trend over
    periods come from this one query. `campaign_trends` totals the user's whole scope and cannot be narrowed to a
    unit or a province. `roots`: only the units under these paths (a unit's or a cluster's report).
    Tuples, not three model instances per figure (Value, Submission, Unit): 10,000 figures in a national report of
    four periods, where making the instances took as long as writing the workbook."""
    qs = Value.objects.filter(
        submission__period__campaign=campaign,
        submission__period__due_date__lte=period.due_date,
        submission__status__in=list(statuses),
    ).filter(reads)
    if roots:
        qs = qs.filter(_under(roots, "submission__unit__path"))
    rows = qs.values_list(
        "target_id",
        "submission__period_id",
        "submission__unit__path",
        "submission__unit_id",
        "value",
        "numerator",
        "denominator",
        "done_on",
    )
    return [ReadFigure(target_id, period_id, path, FigureRow(*row)) for target_id, period_id, path, *row in rows]


# A cluster report compares approved figures only: a sent one is not yet the member's figure (it may be returned).
CLUSTER_COUNTED = (SubmissionStatus.DA_DUYET,)


def _member_queue(*, campaign: Campaign, period: ReportingPeriod, roots: list[str]) -> list[QueueRow]:
    """The expected units under the cluster's members, each with its sent or approved submission of the period (a
    draft or a returned one is the member's own business: it counts as not sent). Two queries."""
    units = campaign_expected_registrants(campaign=campaign).filter(_under(roots, "path")).order_by("path")
    submissions = {
        s.unit_id: s
        for s in period.submissions.filter(_under(roots, "unit__path"), status__in=COUNTED).select_related(
            "unit", "submitted_by"
        )
    }
    rows = [QueueRow(unit, submissions.pop(unit.pk, None)) for unit in units]
    rows += [QueueRow(s.unit, s) for s in submissions.values()]
    return rows


def _offices(members) -> set[int]:
    """The members that have a Văn phòng Sở account today (who sends and approves the Sở's figures). One query."""
    from campaigns.models import Role, RoleAssignment

    return set(
        RoleAssignment.objects.valid_on(timezone.localdate())
        .filter(unit_id__in=[m.unit_id for m in members], role__in=[Role.VAN_PHONG, Role.QUAN_TRI])
        .values_list("unit_id", flat=True)
    )


def _numbered(rows: list[TargetRow], targets: list[Target]) -> list[TargetRow]:
    """Grouped by lĩnh vực (in the catalogue's order, none last), in the plan's order inside; STT from 1."""
    sector_order = {
        t.pk: (t.indicator.sector is None, t.indicator.sector.order if t.indicator.sector else 0, t.indicator.sector_id)
        for t in targets
    }
    position = {t.pk: index for index, t in enumerate(targets)}
    rows = sorted(rows, key=lambda r: (sector_order[r.target_id], position[r.target_id]))
    return [replace(row, number=index) for index, row in enumerate(rows, start=1)]


# --- Figures ----------------------------------------------------------------------------------------------------


ALL_UNITS = "tất cả đơn vị"


def _with_applies_lines(rows: list) -> list:
    """TargetRow or ComparisonRow: each row whose indicator appears more than once, or whose target applies to
    some units only, says to whom it applies — never two rows of the same name that a reader cannot tell apart."""
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row.indicator] += 1
    return [replace(row, applies_line=applies_line(row.applies_to, counts[row.indicator] > 1)) for row in rows]


def applies_line(applies_to: str, repeated: bool) -> str:
    """ "Áp dụng: Cấp huyện" under an indicator's name; for a target that applies to everyone, said only when the
    same indicator has other rows (which then say theirs)."""
    if applies_to:
        return f"Áp dụng: {applies_to}"
    return f"Áp dụng: {ALL_UNITS}" if repeated else ""


def _applies_label(target: Target, named: dict[int, UnitAsOf] | None = None) -> str:
    if target.applies_to == AppliesTo.LEVEL:
        return target.get_level_display()
    if target.applies_to == AppliesTo.UNIT and target.unit is not None:
        return named[target.unit_id].name if named and target.unit_id in named else target.unit.name
    return ""


# Figures, totals and judgements are indicators.evaluation's, the same as the dashboard's, Mẫu 07's and the awards'.
_kind = evaluation.kind_of
_unit_label = evaluation.unit_label_of
value_text = evaluation.value_text


def _unit_figure(target: Target, value: FigureRow, cells: dict, baselines: Baselines) -> Figure:
    """A unit's figure: the dashboard's own (campaign_progress) when it has it, else judged the same way."""
    cell = cells.get(value.unit_id)
    if cell is not None:
        return cell
    return evaluation.unit_figure(target, value, baseline=baselines.get((target.pk, value.unit_id)))


def _total_figure(target: Target, values: list[FigureRow], baselines: Baselines) -> Figure:
    mine = {v.unit_id: b for v in values if (b := baselines.get((target.pk, v.unit_id))) is not None}
    return evaluation.total_figure(target, values, baselines=mine)


# --- Units ------------------------------------------------------------------------------------------------------

STATUS_LABELS = {"chua_lap": "Chưa lập báo cáo", **dict(SubmissionStatus.choices)}
SENDING_LABELS = {"dung_han": "Đúng hạn", "qua_han": "Quá hạn", "chua_gui": "Chưa gửi"}


def _local_date(moment: datetime.datetime | None) -> datetime.date | None:
    if moment is None:
        return None
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def _unit_blocks(
    *,
    queue,
    registrations,
    targets: list[Target],
    numbers,
    figures: dict[tuple[int, int], Figure],
    named: dict[int, UnitAsOf] | None = None,
) -> list[UnitBlock]:
    """One block per unit of the queue, named as in `named` (the units as of the period's end) when given.
    `figures`: each (target, unit)'s figure, judged once by build_report_data; a unit without one for a target that
    applies to it shows "Chưa có số liệu". A target's words (name, plan, unit, to whom it applies) are written once,
    not once per unit."""
    named = named or {}
    words = [
        (
            numbers[target.pk],
            target.pk,
            target.indicator.name,
            _unit_label(target),
            target.describe(),
            _applies_label(target, named) or ALL_UNITS,
        )
        for target in targets
    ]
    no_data: dict[int, Figure] = {}
    blocks = []
    for row in queue:
        unit, submission = row.unit, row.submission
        status = submission.status if submission is not None else "chua_lap"
        counted = status in COUNTED
        sending = ("qua_han" if submission.is_late else "dung_han") if counted else "chua_gui"
        registration = registrations.get(unit.pk)
        found = []  # (number, target's position, figure)
        for index, target in enumerate(targets):
            figure = figures.get((target.pk, unit.pk))
            if figure is None:
                if not target.applies_to_unit(unit):
                    continue
                figure = no_data.get(target.pk)
                if figure is None:
                    figure = no_data[target.pk] = evaluation.unit_figure(target, None)
            found.append((words[index][0], index, figure))
        found.sort(key=lambda item: item[0])
        # A unit's rows name the targets' "Áp dụng" only where one indicator has several targets: otherwise the
        # indicator's name says which target it is.
        counts: dict[str, int] = defaultdict(int)
        for _, index, _ in found:
            counts[words[index][2]] += 1
        results = []
        for _, index, figure in found:
            number, target_id, indicator, unit_label, plan, applies_to = words[index]
            results.append(
                UnitResult(
                    target_number=number,
                    target_id=target_id,
                    indicator=indicator,
                    unit_label=unit_label,
                    plan=plan,
                    figure=figure,
                    applies_to=applies_to if counts[indicator] > 1 else "",
                )
            )
        blocks.append(
            UnitBlock(
                unit_id=unit.pk,
                name=named[unit.pk].name if unit.pk in named else unit.name,
                level=UnitLevel(named[unit.pk].level).label if unit.pk in named else unit.get_level_display(),
                registered=registration is not None,
                registered_on=_local_date(registration.registered_at) if registration is not None else None,
                status=status,
                status_label=STATUS_LABELS.get(status, status),
                sending=sending,
                sending_label=SENDING_LABELS[sending],
                submitted_on=_local_date(submission.submitted_at) if counted else None,
                reviewed_on=_local_date(submission.reviewed_at) if status == SubmissionStatus.DA_DUYET else None,
                results=results,
            )
        )
    return blocks


# --- Cluster ----------------------------------------------------------------------------------------------------


def _province_name(unit: Unit | UnitAsOf) -> str:
    return _bare_province(unit.province) or unit.display_name


def _comparison(
    members,
    targets: list[Target],
    numbers,
    by_target: dict[int, list[FigureRow]],
    paths: dict[int, str],
    baselines: Baselines,
    offices: set[int],
    kind: str,
    named: dict[int, UnitAsOf] | None = None,
) -> tuple[list[Province], list[ComparisonRow]]:
    """Per target, each member's total over its own subtree, and the cluster's over all of them; the members named
    as in `named` (as of the period's end) when given. `paths`: each reporting unit's place in the tree."""
    from emulation.clusters.selectors import ROLE_LABELS

    roles = ROLE_LABELS.get(kind, ROLE_LABELS["cum"])
    named = named or {}

    def member_as_of(member):
        return named.get(member.unit_id) or member.unit

    provinces = [
        Province(
            m.unit.pk,
            _province_name(member_as_of(m)),
            roles.get(m.role, ""),
            member_as_of(m).name,
            m.unit_id in offices,
        )
        for m in members
    ]
    rows = []
    for target in targets:
        found = by_target.get(target.pk, [])
        figures = []
        for member in members:
            mine = [v for v in found if paths[v.unit_id].startswith(member.unit.path)]
            figures.append(_total_figure(target, mine, baselines))
        rows.append(
            ComparisonRow(
                number=numbers[target.pk],
                target_id=target.pk,
                indicator=target.indicator.name,
                applies_to=_applies_label(target, named),
                unit_label=_unit_label(target),
                plan=target.describe(),
                figures=figures,
                total=_total_figure(target, found, baselines),
            )
        )
    rows.sort(key=lambda r: r.number)
    return provinces, _with_applies_lines(rows)


# --- Awards -----------------------------------------------------------------------------------------------------


def period_window(period: ReportingPeriod) -> tuple[datetime.date, datetime.date]:
    """6 tháng đầu năm: 01/01 – 30/06; năm: 01/01 – 31/12."""
    end = (
        datetime.date(period.year, 6, 30) if period.kind == PeriodKind.SAU_THANG else datetime.date(period.year, 12, 31)
    )
    return datetime.date(period.year, 1, 1), end


def _awards(
    *,
    campaign: Campaign,
    period: ReportingPeriod,
    user: User | None,
    roots: list[str],
    restricted: bool,
    day: datetime.date,
) -> Awards:
    """Dossiers sent in the period by their status at its end, their nominees by award form with those conferred
    within the period, the decisions signed in the period. A fixed number of queries."""
    start, end = period_window(period)
    status_on = min(end, day)
    # user None: a cluster's report, read across the members (sent dossiers only, counted, never named).
    dossiers = (
        (dossiers_visible_to(user=user) if user is not None else Dossier.objects.all())
        .filter(campaign=campaign, submitted_at__date__gte=start, submitted_at__date__lte=end)
        .exclude(status=DossierStatus.NHAP)
    )
    if roots or restricted:
        dossiers = dossiers.filter(_under(roots, "unit__path"))
    status_counts = _statuses_on(dict(dossiers.order_by().values_list("pk", "status")), status_on)
    statuses = [
        StatusCount(status, label, status_counts[status])
        for status, label in DossierStatus.choices
        if status_counts.get(status)
    ]

    # The catalogue keeps "Giấy khen của Giám đốc Sở" twice (tập thể, cá nhân): one row per name and authority.
    in_period = Q(award__decision_date__gte=start, award__decision_date__lte=end)
    nominee_rows = (
        Nominee.objects.filter(dossier__in=dossiers.values("pk"))
        .order_by()
        .values("award_form__name", "award_form__authority")
        .annotate(
            collective=Count("pk", filter=Q(kind=AwardTarget.TAP_THE)),
            individual=Count("pk", filter=Q(kind=AwardTarget.CA_NHAN)),
            decided=Count("pk", filter=in_period),
            position=Min("award_form__order"),
        )
        .order_by("position", "award_form__name", "award_form__authority")
    )
    nominees = [
        NomineeCount(
            row["award_form__name"],
            row["award_form__authority"],
            row["collective"],
            row["individual"],
            row["decided"],
        )
        for row in nominee_rows
    ]

    mine = Q(nominees__dossier__campaign=campaign)
    if roots or restricted:
        mine &= _under(roots, "nominees__dossier__unit__path")
    decisions_read = decisions_visible_to(user=user) if user is not None else Decision.objects.all()
    ids = decisions_read.filter(mine, signed_on__gte=start, signed_on__lte=end).values("pk")
    decisions = [
        DecisionRow(
            kind=d.kind,
            kind_label=d.get_kind_display(),
            number=d.number,
            signed_on=d.signed_on,
            issuer=d.issuer,
            signer=d.signer,
            collective=d.collective,
            individual=d.individual,
            note=_decision_note(d),
        )
        for d in Decision.objects.filter(pk__in=ids)
        .annotate(
            collective=Count("nominees", filter=mine & Q(nominees__kind=AwardTarget.TAP_THE), distinct=True),
            individual=Count("nominees", filter=mine & Q(nominees__kind=AwardTarget.CA_NHAN), distinct=True),
        )
        .order_by("signed_on", "number")
    ]
    return Awards(start=start, end=end, status_on=status_on, dossiers=statuses, nominees=nominees, decisions=decisions)


def _statuses_on(current: dict[int, str], day: datetime.date) -> dict[str, int]:
    """How many dossiers had each status at the end of `day`, from their recorded events (one query): a 2023 report
    made in 2025 does not call "Đã quyết định" a dossier decided in 2024. A dossier sent in the period whose
    events all come later was "Đã gửi"; one without any recorded event keeps its status."""
    if not current:
        return {}
    cutoff = timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))
    on_day: dict[int, str] = {}
    recorded: set[int] = set()
    events = (
        DossierEvent.objects.filter(dossier_id__in=list(current))
        .order_by("dossier_id", "at", "pk")
        .values_list("dossier_id", "at", "to_status")
    )
    for dossier_id, at, status in events:
        recorded.add(dossier_id)
        if at < cutoff:
            on_day[dossier_id] = status
    counts: dict[str, int] = defaultdict(int)
    for pk, status in current.items():
        counts[on_day.get(pk, DossierStatus.DA_GUI if pk in recorded else status)] += 1
    return dict(counts)


def _decision_note(decision: Decision) -> str:
    if decision.kind != DecisionKind.TO_TRINH:
        return ""
    if decision.higher_number:
        when = f" ngày {format_date(decision.higher_signed_on)}" if decision.higher_signed_on else ""
        by = f" của {decision.higher_issuer}" if decision.higher_issuer else ""
        return f"Đã có Quyết định số {decision.higher_number}{when}{by}"
    return "Chờ quyết định của cấp trên"


# --- Charts -----------------------------------------------------------------------------------------------------


def short_period_label(period: ReportingPeriod) -> str:
    return f"6 tháng {period.year}" if period.kind == PeriodKind.SAU_THANG else f"Năm {period.year}"


def _charts(
    *, baselines: Baselines, rows, targets, period, periods, values, blocks, provinces, comparison, total_label
) -> list[Chart]:
    """Up to MAX_CHARTS targets, those with the most figures first (then the plan's order): units (or provinces)
    side by side this period, and the total over the periods so far when there are at least two of them. Units
    without a figure keep their row ("Chưa có số liệu") unless there are too many to read."""
    candidates = [r for r in rows if r.units_reported and _kind(targets[r.target_id]) in ("percent", "number")]
    chosen = sorted(sorted(candidates, key=lambda r: -r.units_reported)[:MAX_CHARTS], key=lambda r: r.number)
    grouped: dict[tuple[int, int], list[FigureRow]] = defaultdict(list)
    for read in values:
        grouped[(read.target_id, read.period_id)].append(read.row)
    by_number = {r.number: r for r in comparison}
    charts: list[Chart] = []
    for row in chosen:
        target = targets[row.target_id]
        indicator = target.indicator
        unit = _unit_label(target)
        goal = target.value if target.comparator not in (Comparator.IMPROVE, Comparator.DONE_BY) else None
        if provinces:
            figures = by_number[row.number].figures
            bars = [(p.name, f.value) for p, f in zip(provinces, figures, strict=True)]
        else:
            bars = []
            for block in blocks:
                result = next((r for r in block.results if r.target_id == target.pk), None)
                if result is not None:
                    bars.append((block.name, result.figure.value))
            if len(bars) > MAX_BARS:
                bars = [(name, value) for name, value in bars if value is not None]
        title = f"{indicator.name} – {short_period_label(period)}"
        if len(bars) > MAX_CHART_BARS:
            # A chart of 60 bars runs over a page: the units furthest behind, said in the title; every unit's
            # figure is in the workbook and the annex.
            behind_first = sorted(bars, key=lambda bar: bar[1], reverse=indicator.direction == "lower")
            title = f"{title} ({MAX_CHART_BARS} đơn vị có kết quả thấp nhất trong {len(bars)} đơn vị)"
            bars = behind_first[:MAX_CHART_BARS]
        if sum(1 for _, v in bars if v is not None) >= 2:
            svg = bar_chart(
                bars,
                title=title,
                unit=unit,
                target=goal,
                direction=indicator.direction,
                meets=partial(evaluation.meets, target),
            )
            charts.append(Chart(len(charts) + 1, title, svg))
        trend = []
        for p in periods:
            found = [v for v in grouped.get((target.pk, p.pk), []) if v.value is not None]
            trend.append(_total_figure(target, found, baselines).value)
        if len(periods) >= 2 and sum(1 for v in trend if v is not None) >= 2:
            trend_title = f"{indicator.name} qua các kỳ báo cáo"
            svg = line_chart(
                [Series(total_label, trend)],
                [short_period_label(p) for p in periods],
                title=trend_title,
                unit=unit,
                target=goal,
                height=TREND_HEIGHT,
            )
            charts.append(Chart(len(charts) + 1, trend_title, svg))
    return charts


# --- Words ------------------------------------------------------------------------------------------------------


def period_label(period: ReportingPeriod) -> str:
    return f"6 tháng đầu năm {period.year}" if period.kind == PeriodKind.SAU_THANG else f"năm {period.year}"


def _direction_heading(period: ReportingPeriod) -> str:
    if period.kind == PeriodKind.SAU_THANG:
        return f"Phương hướng, nhiệm vụ 6 tháng cuối năm {period.year}"
    return f"Phương hướng, nhiệm vụ năm {period.year + 1}"


_PROVINCE_PREFIX = re.compile(r"^(tỉnh|thành phố|tp\.?)\s+", re.IGNORECASE)


def _bare_province(province: str) -> str:
    """ "Tỉnh A" → "A", "Bình Phước" → "Bình Phước"."""
    return _PROVINCE_PREFIX.sub("", " ".join(province.split()))


def _province_kind(unit: Unit, province: str) -> str:
    """ "tỉnh", or "thành phố" for a Sở of a centrally-run city."""
    return "thành phố" if re.search(rf"thành phố\s+{re.escape(province)}", unit.name, re.IGNORECASE) else "tỉnh"


def joined(*parts: str) -> str:
    """Parts of a title joined by spaces — except that a number ending one part and a number starting the next are
    parted by " – " ("Cụm thi đua số 7 – 6 tháng đầu năm 2023", never "số 7 6 tháng"), and a word ending one part
    and starting the next is written once ("bình xét cuối năm" + "năm 2023", never "năm năm")."""
    text = ""
    for part in parts:
        part = " ".join(str(part).split())
        if not part:
            continue
        if text:
            last, first = text.split()[-1], part.split()[0]
            if last.lower() == first.lower() and not first[0].isdigit():
                part = part[len(first) :].lstrip()
                if not part:
                    continue
            text += (" – " if text[-1].isdigit() and part[0].isdigit() else " ") + part
        else:
            text = part
    return text


_MOVEMENT_WORDS = re.compile(r"^(phong trào\s+)?thi đua\s+", re.IGNORECASE)


def _movement(campaign: Campaign) -> str:
    """The campaign's name after "phong trào thi đua" (Campaign.movement_name), or its whole title lowered — never
    "phong trào thi đua “Phát động phong trào thi đua …”" nor "phong trào thi đua thi đua …"."""
    if campaign.movement_name:
        return campaign.movement_name
    return _MOVEMENT_WORDS.sub("", _lower_first(" ".join(campaign.title.split()).rstrip(".")))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _summary(campaign: Campaign, period: ReportingPeriod, scope_suffix: str) -> str:
    name = _movement(campaign)
    year = f"năm {period.year}"
    if name.endswith(year):
        name = name[: -len(year)].rstrip(" ,–-")
        when = period_label(period)
    else:
        # An annual campaign named after its year needs no "năm 2023" a second time.
        when = "" if period.kind == PeriodKind.NAM and year in name else period_label(period)
    return joined("Kết quả thực hiện phong trào thi đua", name, when, scope_suffix)


@dataclass(frozen=True)
class Texts:
    summary: str
    intro: str
    closing: str
    scope_name: str
    name: str
    appendix_title: str


def _texts(*, campaign, period, owner: Unit, unit: Unit | None, cluster: Cluster | None, day) -> Texts:
    if cluster is not None:
        scope_name, scope_suffix, shown = cluster.name, f"của {cluster.name}", cluster.name
        whom = f" của các đơn vị thuộc {cluster.name}"
    elif unit is not None:
        scope_name, scope_suffix, shown = unit.name, f"của {unit.name}", unit.display_name
        whom = f" của {unit.name}"
    else:
        scope_name, scope_suffix, shown, whom = owner.name, "", owner.display_name, ""
    if scope_name.lower() in campaign.title.lower():  # "… của Cụm thi đua số 2 năm 2023" names it already
        scope_suffix = ""
    summary = _summary(campaign, period, scope_suffix)
    intro = (
        f"Thực hiện {campaign_citation(campaign).text}, {owner.name} báo cáo kết quả thực hiện phong trào thi đua "
        f"{period_label(period)}{whom} như sau:"
    )
    closing = f"Trên đây là báo cáo {_lower_first(summary)}{'' if scope_suffix else f' của {owner.name}'}./."
    return Texts(
        summary=summary,
        intro=intro,
        closing=closing,
        scope_name=scope_name,
        name=f"Báo cáo {period_label(period)} – {shown}",
        appendix_title=joined(f"So sánh kết quả thực hiện chỉ tiêu các tỉnh trong {scope_name}", period_label(period)),
    )


def _dated(unit: Unit, day: datetime.date) -> Unit:
    """The unit with its names of `day` (an unsaved copy: campaigns.orgchart.dated_copy)."""
    return dated_copy(unit, unit_as_of(unit, day))


def _reference(paper: Paper, owner: Unit) -> str:
    """Under the Phụ lục's title: "Kèm theo Báo cáo số      /BC-STTTT ngày 15 tháng 6 năm 2023 của …"."""
    number = paper.header.number_line.removeprefix("Số:")
    return f"Kèm theo Báo cáo số{number} {ngay_van_ban(paper.header.day)} của {owner.name}"


def _signature(campaign: Campaign, owner: Unit, day: datetime.date, title: str, name: str) -> Signature | None:
    """The signer typed in the request ("KT. Giám đốc" over "Phó Giám đốc", and a name), or, when nothing is typed,
    the campaign's report signer or the Sở's signer on the report's date. Half a signer typed stays half: the
    paper then says what is missing rather than signing with someone else."""
    lines = [line.strip() for line in title.splitlines() if line.strip()]
    if not lines and not name.strip():
        return report_signer(campaign, owner, day)
    authority, position = (lines[0], " ".join(lines[1:])) if len(lines) > 1 else ("", lines[0] if lines else "")
    return Signature(position=position, name=name.strip(), authority=authority)


def _total_label(owner: Unit, unit: Unit | None, cluster: Cluster | None) -> str:
    if cluster is not None:
        return "Toàn cụm" if cluster.kind == "cum" else "Toàn khối"
    if unit is not None:
        return "Toàn đơn vị"
    if owner.level == UnitLevel.SO and owner.province:
        return "Toàn tỉnh"
    if owner.level == UnitLevel.BO:
        return "Toàn ngành"
    return "Tổng hợp"


_PROVINCIAL_COMMITTEE = re.compile(
    r"\b(ủy|uỷ) ban nhân dân (tỉnh|thành phố)\b|\bUBND (tỉnh|thành phố)\b", re.IGNORECASE
)


def default_recipients(
    campaign: Campaign, owner: Unit, unit: Unit | None, cluster: Cluster | None, day: datetime.date
) -> list[str]:
    """Nơi nhận of a Sở's report, as the Sở's papers list them (seed 000): the UBND when the campaign is its plan,
    Ban Thi đua – Khen thưởng of the province, Vụ Thi đua – Khen thưởng of the ministry above the Sở (while that
    ministry exists: a unit of the tree, valid on the date), Ban Giám đốc Sở, then those the report is about.
    "Lưu: VT, VP." is the paper's."""
    lines = []
    province = province_of(owner)
    if owner.level == UnitLevel.SO and province:
        kind = _province_kind(owner, province)
        if _PROVINCIAL_COMMITTEE.search(campaign.issuer or ""):
            lines.append(f"UBND {kind} (b/c)")
        lines.append(f"Ban Thi đua – Khen thưởng {kind}")
        # The ministry above the Sở on the report's day, by its name of that day.
        ministry = next((a for a in reversed(ancestors_on(owner, day)) if a.level == UnitLevel.BO), None)
        if ministry is not None and Unit.objects.get(pk=ministry.id).is_valid_on(day):
            lines.append(f"Vụ Thi đua – Khen thưởng, {ministry.short_name or ministry.name}")
        lines.append("Ban Giám đốc Sở")
    if cluster is not None:
        lines.append(f"Các đơn vị thành viên {cluster.name}")
    elif unit is not None:
        lines.append(unit.name)
    else:
        lines.append("Các đơn vị tham gia phong trào")
    return lines
