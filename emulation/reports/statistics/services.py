"""Requesting the TĐKT statistics: who may, for which scope, and the Report row (kind THONG_KE) the report job
produces. Văn phòng Sở asks for its Sở; Ban TĐKT for a Sở it reads or for its whole province."""

from __future__ import annotations

import datetime
from functools import partial

from django.db import transaction
from django.db.models import Max, Q, QuerySet

from campaigns.models import Role, Unit, UnitLevel, User
from campaigns.paper import province_of
from campaigns.scope import scope_for
from emulation.lib.errors import DomainError
from emulation.reports import services as report_services
from emulation.reports.models import Report, ReportKind

REQUESTERS = (Role.VAN_PHONG, Role.BAN_TDKT, Role.QUAN_TRI)
PROVINCE_REQUESTERS = (Role.BAN_TDKT, Role.QUAN_TRI)
NOT_ALLOWED = "Chỉ Văn phòng Sở và Ban TĐKT được yêu cầu tạo thống kê thi đua, khen thưởng."


def units_for_request(user: User) -> QuerySet[Unit]:
    """The Sở whose statistics the user may ask for: Văn phòng Sở its own; Ban TĐKT and Quản trị those they read."""
    scope = scope_for(user)
    if not scope.has_role(*REQUESTERS):
        return Unit.objects.none()
    roles = [g for g in scope.grants if g.role in REQUESTERS]
    q = Q(pk__in=[])
    for grant in roles:
        q |= Q(path__startswith=grant.unit_path)
    if scope.everything:
        q = Q()
    return Unit.objects.filter(q, level=UnitLevel.SO).order_by("name")


def provinces_for_request(user: User) -> list[str]:
    """Provinces whose statistics Ban TĐKT may ask for: those of the Sở its grants are on."""
    scope = scope_for(user)
    if not scope.has_role(*PROVINCE_REQUESTERS):
        return []
    units = Unit.objects.filter(pk__in=[g.unit_id for g in scope.grants if g.role in PROVINCE_REQUESTERS])
    if scope.everything:
        units = Unit.objects.filter(level=UnitLevel.SO)
    return sorted({p for p in (province_of(u) for u in units) if p})


def statistics_readers(user: User) -> Q:
    """Which statistics reports a user reads: a Sở's, whoever reads the Sở (its office, its leaders, Ban TĐKT); a
    province's, Ban TĐKT and Quản trị of that province, and who asked for it."""
    scope = scope_for(user)
    if scope.everything:
        return Q(kind=ReportKind.THONG_KE)
    provinces = provinces_for_request(user)
    return Q(kind=ReportKind.THONG_KE) & (
        Q(unit__isnull=False) & scope.readable("unit__path")
        | Q(unit__isnull=True) & (Q(province__in=provinces) | Q(requested_by=user))
    )


@transaction.atomic
def statistics_request(
    *,
    user: User,
    date_from: datetime.date,
    date_to: datetime.date,
    unit: Unit | None = None,
    province: str = "",
    signer_title: str = "",
    signer_name: str = "",
    number: str = "",
    recipients: str = "",
    count_by: str = "quyet_dinh",
) -> Report:
    """Create the statistics report row (a new version each time) and queue the report job on commit."""
    if (unit is None) == (not province):
        raise DomainError("Chọn một Sở hoặc toàn tỉnh.")
    if unit is not None and not units_for_request(user).filter(pk=unit.pk).exists():
        raise DomainError(NOT_ALLOWED)
    if province and province not in provinces_for_request(user):
        raise DomainError("Chỉ Ban TĐKT của tỉnh được yêu cầu thống kê toàn tỉnh.")
    if date_to < date_from:
        raise DomainError("Ngày kết thúc phải sau ngày bắt đầu.")
    if (date_to - date_from).days > 366:
        raise DomainError("Kỳ thống kê dài nhất một năm.")
    if count_by not in ("quyet_dinh", "nam"):
        raise DomainError("Chọn cách đếm khen thưởng.")
    if count_by == "nam" and (date_from.timetuple()[1:3], date_to.timetuple()[1:3]) != ((1, 1), (12, 31)):
        raise DomainError("Đếm theo năm khen thưởng chỉ dùng cho cả năm (01/01 – 31/12).")
    report_services._check_rate(user)
    same = Report.objects.select_for_update().filter(
        kind=ReportKind.THONG_KE, unit=unit, province=province, date_from=date_from, date_to=date_to, count_by=count_by
    )
    version = (same.aggregate(v=Max("version"))["v"] or 0) + 1
    report = Report(
        kind=ReportKind.THONG_KE,
        unit=unit,
        province=province,
        date_from=date_from,
        date_to=date_to,
        count_by=count_by,
        requested_by=user,
        version=version,
        signer_title=signer_title.strip(),
        signer_name=signer_name.strip(),
        number=number.strip(),
        recipients=recipients.strip(),
    )
    report.full_clean()
    report.save()
    transaction.on_commit(partial(report_services.enqueue, report.pk))
    return report
