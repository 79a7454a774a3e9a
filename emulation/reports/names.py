"""File names a person can read: BC-6thang-2023-SoTTTT-BinhPhuoc-v2.pdf (ASCII; the report, the period, who
issues it or whom it is about, the version), for the stored files and the downloads alike."""

from __future__ import annotations

import datetime
import re

from campaigns.models import Campaign, Cluster, PeriodKind, ReportingPeriod, Unit
from campaigns.orgchart import unit_as_of
from campaigns.paper import issuer_on, province_of
from emulation.lib.paper import ascii_word, file_stem


def _unit_words(unit: Unit, day: datetime.date | None = None) -> list[str]:
    """ "Sở TT&TT Bình Phước" → ["SoTTTT", "BinhPhuoc"]: the body, then its province when the name carries it —
    as named on `day` (a 2023 report of a Sở merged since keeps "SoTTTT-BinhPhuoc")."""
    named = unit_as_of(issuer_on(unit, day), day)
    name = named.short_name or named.name
    province = province_of(issuer_on(unit, day), day)
    if province and province.lower() in name.lower():
        body = re.sub(rf"\s*(tỉnh|thành phố)?\s*{re.escape(province)}\s*", " ", name, flags=re.IGNORECASE)
        return [ascii_word(body), ascii_word(province)]
    return [ascii_word(name)]


def report_file_stem(
    *,
    campaign: Campaign,
    period: ReportingPeriod,
    unit: Unit | None = None,
    cluster: Cluster | None = None,
    version: int | None = None,
    day: datetime.date | None = None,
) -> str:
    """BC-6thang-2023-SoTTTT-BinhPhuoc-v2; a unit's: …-SoTTTT-BinhPhuoc-PhongCNTT-v1; a cluster's:
    BC-6thang-2023-CumThiDuaSo7-SoTTTT-BinhPhuoc-v1 (the cluster, then the Sở that reports on it). Units are
    named as of `day`, by default the period's end."""
    kind = "6thang" if period.kind == PeriodKind.SAU_THANG else "nam"
    day = day or (
        datetime.date(period.year, 6, 30) if period.kind == PeriodKind.SAU_THANG else datetime.date(period.year, 12, 31)
    )
    owner = _unit_words(campaign.owner, day)
    if cluster is not None:
        scope = [ascii_word(cluster.name), *owner]
    elif unit is not None:
        scope = [*owner, ascii_word(unit_as_of(unit, day).display_name)]
    else:
        scope = owner
    return file_stem("BC", kind, period.year, *scope, f"v{version}" if version else "")


def statistics_file_stem(
    *, unit: Unit | None, province: str, date_from, date_to, version: int | None = None, by_year: bool = False
) -> str:
    """TK-TDKT-2023-SoTTTT-BinhPhuoc-v1 (a calendar year), TK-TDKT-20230101-20230630-… (another range); the whole
    province: TK-TDKT-2023-BinhPhuoc-v1; counted by the register's year: TK-TDKT-2023-TheoNam-…"""
    whole_year = date_from.month == 1 and date_from.day == 1 and date_to.month == 12 and date_to.day == 31
    span = (
        [date_from.year]
        if whole_year and date_from.year == date_to.year
        else [f"{date_from:%Y%m%d}", f"{date_to:%Y%m%d}"]
    )
    scope = _unit_words(unit, date_to) if unit is not None else [ascii_word(province)]
    return file_stem("TK", "TDKT", *span, "TheoNam" if by_year else "", *scope, f"v{version}" if version else "")
