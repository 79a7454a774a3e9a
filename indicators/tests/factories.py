"""A small indicator setup: a rate, a count and a task, with targets in a campaign of province A."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from campaigns.models import Campaign, ReportingPeriod
from campaigns.tests.factories import make_campaign
from indicators.models import Indicator, Target


@dataclass
class Setup:
    campaign: Campaign
    period: ReportingPeriod
    annual: ReportingPeriod
    rate: Target
    count: Target
    task: Target


def make_setup(world) -> Setup:
    rate = Indicator.objects.create(
        code="dai-truyen-thanh-ip",
        name="Tỷ lệ đài truyền thanh cơ sở ứng dụng CNTT-VT",
        measure="percent",
        entry="rate",
        unit_label="%",
        numerator_label="Số xã có đài truyền thanh ứng dụng CNTT-VT",
        denominator_label="Tổng số xã",
    )
    count = Indicator.objects.create(
        code="so-tram", name="Số trạm truyền thanh hoạt động", measure="count", entry="number", unit_label="trạm"
    )
    task = Indicator.objects.create(
        code="ke-hoach-cds", name="Ban hành kế hoạch chuyển đổi số năm 2023", measure="task", entry="task"
    )
    campaign = make_campaign(world.so_a, start_date=dt.date(2023, 1, 1), end_date=dt.date(2023, 12, 31))
    targets = [
        Target.objects.create(campaign=campaign, indicator=rate, comparator="gte", value=Decimal("70"), order=1),
        Target.objects.create(campaign=campaign, indicator=count, comparator="gte", value=Decimal("100"), order=2),
        Target.objects.create(
            campaign=campaign, indicator=task, comparator="done_by", due_on=dt.date(2023, 3, 31), order=3
        ),
    ]
    return Setup(
        campaign, campaign.reporting_periods.get(kind="sau_thang"), campaign.reporting_periods.get(kind="nam"), *targets
    )
