"""A Cụm of four Sở (A Cụm trưởng, B Cụm phó, C and D members) under the Bộ, with a Văn phòng account each, a Sở E
outside it, the Bộ's Văn phòng (the organiser's office), a small scoring table and a campaign whose approved
figures feed its automatic criterion."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from campaigns.models import (
    AwardForm,
    Cluster,
    ClusterKind,
    ClusterMembership,
    ClusterRole,
    Role,
    Unit,
    UnitLevel,
    User,
)
from campaigns.tests.factories import UserFactory, grant, make_campaign, make_unit
from emulation.clusters.models import AwardQuota, Criterion, CriterionGroup, ScoringKind, ScoringTable
from indicators.models import Indicator, Submission, SubmissionStatus, Target, Value


@dataclass
class Cum:
    bo: Unit
    sos: dict[str, Unit]  # "a".."e"
    offices: dict[str, User]  # Văn phòng of each Sở
    bo_office: User
    cluster: Cluster
    table: ScoringTable
    campaign: object
    target: Target
    period: object
    criteria: dict[str, Criterion]  # "auto", "scale", "yesno", "bonus", "penalty"


def make_cum(year: int = 2023) -> Cum:
    bo = make_unit(None, name="Bộ Thông tin và Truyền thông", level=UnitLevel.BO)
    sos = {
        key: make_unit(
            bo,
            name=f"Sở Thông tin và Truyền thông tỉnh {key.upper()}",
            level=UnitLevel.SO,
            province=f"Tỉnh {key.upper()}",
        )
        for key in "abcde"
    }
    offices = {}
    for key, so in sos.items():
        offices[key] = UserFactory(username=f"vanphong.{key}", full_name=f"Văn phòng {key.upper()}")
        grant(offices[key], so, Role.VAN_PHONG)
    bo_office = UserFactory(username="vanphong.bo", full_name="Văn phòng Bộ")
    grant(bo_office, bo, Role.VAN_PHONG)
    cluster = Cluster.objects.create(kind=ClusterKind.CUM, number=2, year=year, name="Cụm thi đua số 2", organiser=bo)
    roles = {"a": ClusterRole.TRUONG, "b": ClusterRole.PHO, "c": ClusterRole.THANH_VIEN, "d": ClusterRole.THANH_VIEN}
    for key, role in roles.items():
        ClusterMembership.objects.create(cluster=cluster, unit=sos[key], role=role)
    indicator = Indicator.objects.create(
        code="ho-so-truc-tuyen",
        name="Tỷ lệ hồ sơ TTHC xử lý hoàn toàn trực tuyến",
        measure="percent",
        entry="rate",
        unit_label="%",
        numerator_label="Số hồ sơ trực tuyến",
        denominator_label="Tổng số hồ sơ",
    )
    campaign = make_campaign(
        sos["a"],
        title="Chương trình thi đua của Cụm",
        start_date=dt.date(year, 1, 1),
        end_date=dt.date(year, 12, 31),
        issuer_cluster=cluster,
    )
    target = Target.objects.create(
        campaign=campaign, indicator=indicator, comparator="gte", value=Decimal(30), year=year
    )
    period = campaign.reporting_periods.get(kind="nam", year=year)
    table = ScoringTable.objects.create(name="Bảng điểm thử", organiser=bo, valid_from=dt.date(2020, 1, 1))
    first = CriterionGroup.objects.create(table=table, code="I", name="Nhiệm vụ", order=1)
    second = CriterionGroup.objects.create(table=table, code="II", name="Công tác thi đua", order=2)
    third = CriterionGroup.objects.create(table=table, code="III", name="Cộng, trừ", order=3)
    criteria = {
        "auto": Criterion.objects.create(
            group=first,
            code="1",
            text="Hồ sơ trực tuyến đạt chỉ tiêu",
            kind=ScoringKind.AUTO,
            max_points=Decimal(10),
            indicator=indicator,
            order=1,
        ),
        "scale": Criterion.objects.create(
            group=first, code="2", text="Báo chí", kind=ScoringKind.SCALE, max_points=Decimal(10), order=2
        ),
        "yesno": Criterion.objects.create(
            group=second, code="3", text="Ký giao ước", kind=ScoringKind.YES_NO, max_points=Decimal(5), order=3
        ),
        "bonus": Criterion.objects.create(
            group=third, code="4", text="Sáng kiến", kind=ScoringKind.BONUS, max_points=Decimal(5), order=4
        ),
        "penalty": Criterion.objects.create(
            group=third,
            code="5",
            text="Vi phạm",
            kind=ScoringKind.PENALTY,
            min_points=Decimal(-5),
            max_points=Decimal(0),
            order=5,
        ),
    }
    co, _ = AwardForm.objects.get_or_create(
        code="co-thi-dua-bo",
        valid_from=None,
        defaults={
            "name": "Cờ thi đua của Bộ Thông tin và Truyền thông",
            "kind": "danh_hieu",
            "target": "tap_the",
            "authority": "Bộ trưởng",
        },
    )
    bk, _ = AwardForm.objects.get_or_create(
        code="bang-khen-bo-truong-tap-the",
        valid_from=None,
        defaults={
            "name": "Bằng khen của Bộ trưởng Bộ Thông tin và Truyền thông",
            "kind": "hinh_thuc",
            "target": "tap_the",
            "authority": "Bộ trưởng",
        },
    )
    AwardQuota.objects.create(table=table, award_form=co, max_count=1, order=1)
    AwardQuota.objects.create(table=table, award_form=bk, max_count=1, order=2)
    return Cum(bo, sos, offices, bo_office, cluster, table, campaign, target, period, criteria)


def approve_figure(
    cum: Cum, key: str, numerator: int, denominator: int, status: str = SubmissionStatus.DA_DUYET
) -> Value:
    submission, _ = Submission.objects.get_or_create(period=cum.period, unit=cum.sos[key], defaults={"status": status})
    if submission.status != status:
        Submission.objects.filter(pk=submission.pk).update(status=status)
    value, _ = Value.objects.update_or_create(
        submission=submission,
        target=cum.target,
        defaults={
            "numerator": Decimal(numerator),
            "denominator": Decimal(denominator),
            "value": Decimal(numerator) / Decimal(denominator) * 100,
        },
    )
    return value
