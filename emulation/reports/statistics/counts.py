"""The statistics' numbers, from ONE function: `bieu_cells` returns every cell of a biểu with its count and the
queryset of the awards (or campaigns) behind it. The workbook, the PDF, the page and the drill-down list all call
it, so a number and the list under it cannot disagree.

What is counted (the base, `StatisticsScope.base`):
- awards: the register (AwardRecord) with a decision dated in the range, of units in the report's scope (a Sở's
  subtree, or every Sở of a province), AND readable by the person the figures are read for (the requester in the
  job, the viewer in the drill-down) — another Sở's awards are never counted nor listed;
- campaigns: campaigns (not drafts) issued in the range (ngày ban hành, else ngày bắt đầu) and managed by a unit
  in the report's scope, AND visible to that person.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.db.models.functions import Coalesce

from awards.models import AwardRecord
from awards.selectors import records_visible_to
from campaigns.models import Campaign, CampaignStatus, Unit, UnitLevel, User
from campaigns.orgchart import name_on
from campaigns.paper import province_of
from campaigns.selectors import campaigns_visible_to
from emulation.reports.statistics.bieu import Bieu, Column, Row

BY_DECISION, BY_YEAR = "quyet_dinh", "nam"


def _unit_name(unit: Unit, day: datetime.date) -> str:
    """The unit's name in force on `day` (campaigns.orgchart): statistics of 2023 name the Sở as it was then."""
    return name_on(unit, day)


@dataclass(frozen=True)
class StatisticsScope:
    """Whose figures: one unit's subtree (a Sở), or every Sở of a province; for which dates; read by whom."""

    date_from: datetime.date
    date_to: datetime.date
    user: User
    unit: Unit | None = None
    province: str = ""
    # "quyet_dinh" (default): awards decided in the range; "nam": awards the register files under the range's
    # year(s) ("khen thưởng năm 2023", decided in 2024 as often as not).
    count_by: str = ""

    def roots(self) -> list[str]:
        if self.unit is not None:
            return [self.unit.path]
        units = Unit.objects.filter(level=UnitLevel.SO).order_by("path")
        return [u.path for u in units if province_of(u) == self.province]

    def _under(self, field: str) -> Q:
        q = Q(pk__in=[])
        for path in self.roots():
            q |= Q(**{f"{field}__startswith": path})
        return q

    def awards(self) -> QuerySet[AwardRecord]:
        records = records_visible_to(user=self.user).filter(self._under("unit__path"))
        if self.count_by == BY_YEAR:
            return records.filter(year__gte=self.date_from.year, year__lte=self.date_to.year)
        return records.filter(decision_date__gte=self.date_from, decision_date__lte=self.date_to)

    def campaigns(self) -> QuerySet[Campaign]:
        issued = Coalesce("issued_on", "start_date")
        return (
            campaigns_visible_to(user=self.user)
            .exclude(status=CampaignStatus.DU_THAO)
            .alias(issued=issued)
            .filter(self._under("owner__path"), issued__gte=self.date_from, issued__lte=self.date_to)
            .annotate(span=ExpressionWrapper(F("end_date") - F("start_date"), output_field=DurationField()))
        )

    def base(self, bieu: Bieu) -> QuerySet:
        return self.awards() if bieu.subject == "awards" else self.campaigns()

    @property
    def name(self) -> str:
        if self.unit is not None:
            return _unit_name(self.unit, self.date_to)
        return f"Toàn tỉnh {self.province}"


@dataclass(frozen=True)
class Cell:
    row: Row
    column: Column
    value: int | None  # None: the register cannot answer this row or column
    query: QuerySet | None  # the awards (campaigns) behind the number

    @property
    def answerable(self) -> bool:
        return self.value is not None


def column_rule(bieu: Bieu, column: Column) -> Q | None:
    """The column's selection: award forms by code prefix (the total column: every column's forms), or the
    campaigns' rule. None: the register holds nothing the column asks."""
    if bieu.subject == "awards":
        columns = [c for c in bieu.columns if not c.total] if column.total else [column]
        q = Q(pk__in=[])
        for c in columns:
            for prefix in c.forms:
                q |= Q(award_form__code__startswith=prefix)
        return q
    if column.total:
        return Q(pk__isnull=False)
    return column.rule


def bieu_cells(bieu: Bieu, scope: StatisticsScope) -> list[tuple[Row, list[Cell]]]:
    """Every row of the biểu with its cells: the count and the queryset behind each. One aggregate query."""
    base = scope.base(bieu)
    rules: dict[str, Q] = {}
    for i, row in enumerate(bieu.rows):
        if not row.answerable:
            continue
        for j, column in enumerate(bieu.columns):
            rule = column_rule(bieu, column)
            if rule is not None:
                rules[f"c{i}_{j}"] = row.rule & rule
    counts = base.aggregate(**{key: Count("pk", filter=q, distinct=True) for key, q in rules.items()}) if rules else {}
    table = []
    for i, row in enumerate(bieu.rows):
        cells = []
        for j, column in enumerate(bieu.columns):
            key = f"c{i}_{j}"
            if key in rules:
                cells.append(Cell(row, column, counts[key] or 0, base.filter(rules[key]).distinct()))
            else:
                cells.append(Cell(row, column, None, None))
        table.append((row, cells))
    return table


def cell_of(bieu: Bieu, scope: StatisticsScope, row_code: str, column_code: str) -> Cell | None:
    """One cell (for the drill-down): the same function, the same rules."""
    for row, cells in bieu_cells(bieu, scope):
        if row.code == row_code and not row.heading:
            return next((c for c in cells if c.column.code == column_code), None)
    return None
