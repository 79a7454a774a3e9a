"""File names a person can read: BC-6thang-2023-SoTTTT-BinhPhuoc-v2.pdf (ASCII; the report, the period, who
issues it or whom it is about, the version), for the stored files and the downloads alike."""

from __future__ import annotations

import re

from campaigns.models import Campaign, Cluster, PeriodKind, ReportingPeriod, Unit
from campaigns.paper import province_of
from emulation.lib.paper import ascii_word, file_stem


def _unit_words(unit: Unit) -> list[str]:
    """ "Sở TT&TT Bình Phước" → ["SoTTTT", "BinhPhuoc"]: the body, then its province when the name carries it."""
    name = unit.short_name or unit.name
    province = province_of(unit)
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
) -> str:
    """BC-6thang-2023-SoTTTT-BinhPhuoc-v2; a unit's: …-SoTTTT-BinhPhuoc-PhongCNTT-v1; a cluster's:
    BC-6thang-2023-CumThiDuaSo7-SoTTTT-BinhPhuoc-v1 (the cluster, then the Sở that reports on it)."""
    kind = "6thang" if period.kind == PeriodKind.SAU_THANG else "nam"
    owner = _unit_words(campaign.owner)
    if cluster is not None:
        scope = [ascii_word(cluster.name), *owner]
    elif unit is not None:
        scope = [*owner, ascii_word(unit.short_name or unit.name)]
    else:
        scope = owner
    return file_stem("BC", kind, period.year, *scope, f"v{version}" if version else "")
