"""The statistics report's files, made by the report job (emulation.reports.services.report_run) from a Report of
kind THONG_KE: the paper (header, signer, Nơi nhận: the document layer), the counts, the PDF and the workbook."""

from __future__ import annotations

from django.utils import timezone

from campaigns.models import Unit
from campaigns.paper import header_for, province_of, signer_for
from emulation.lib.paper import Header, Paper, Signature
from emulation.reports.statistics.bieu import range_label
from emulation.reports.statistics.counts import StatisticsScope, _unit_name
from emulation.reports.statistics.render import (
    StatisticsData,
    build_statistics_data,
    render_statistics_pdf,
    render_statistics_xlsx,
)

REPORT = "Báo cáo"
ARCHIVE = "VT, VP"
BOARD = "Ban Thi đua – Khen thưởng"


def statistics_scope(report, user) -> StatisticsScope:
    return StatisticsScope(
        date_from=report.date_from, date_to=report.date_to, user=user, unit=report.unit, province=report.province,
        count_by=report.count_by,
    )  # fmt: skip


def default_recipients(unit: Unit | None, province: str) -> list[str]:
    """A Sở's statistics go to the province's Ban TĐKT (which compiles the province's biểu); the province's to the
    Bộ Nội vụ (Ban Thi đua – Khen thưởng Trung ương)."""
    if unit is not None:
        where = province_of(unit)
        return [f"{BOARD} tỉnh {where}" if where else BOARD, "Ban Giám đốc Sở"]
    return [f"{BOARD} Trung ương (Bộ Nội vụ)", f"UBND tỉnh {province} (b/c)"]


def _signature(report, issuer: Unit | None, day) -> Signature | None:
    lines = [line.strip() for line in report.signer_title.splitlines() if line.strip()]
    if not lines and not report.signer_name.strip():
        return signer_for(issuer, day) if issuer is not None else None
    authority, position = (lines[0], " ".join(lines[1:])) if len(lines) > 1 else ("", lines[0] if lines else "")
    return Signature(position=position, name=report.signer_name.strip(), authority=authority)


def statistics_paper(report, day) -> tuple[Paper, str, str]:
    """(paper, đơn vị báo cáo, đơn vị nhận báo cáo)."""
    summary = f"Số liệu thống kê thi đua, khen thưởng {range_label(report.date_from, report.date_to)}"
    recipients = report.recipient_lines or default_recipients(report.unit, report.province)
    if report.unit_id:
        header = header_for(report.unit, doc_type=REPORT, day=day, number=report.number)
        reporter = _unit_name(report.unit, day)
        where = province_of(report.unit)
        receiver = f"{BOARD} tỉnh {where}" if where else BOARD
        issuer = report.unit
    else:
        # The province's statistics are the Ban TĐKT's (under Sở Nội vụ), a body the unit tree does not hold.
        header = Header(
            issuer=f"{BOARD}",
            parent_body=f"Sở Nội vụ tỉnh {report.province}",
            doc_type=REPORT,
            number=report.number,
            issuer_symbol="BTĐKT",
            place=report.province,
            day=day,
        )
        reporter = f"{BOARD} tỉnh {report.province}"
        receiver = f"{BOARD} Trung ương (Bộ Nội vụ)"
        issuer = None
    signature = _signature(report, issuer, day)
    paper = Paper(
        header=header,
        summary=summary,
        signatures=[signature] if signature else [],
        recipients=recipients,
        archive=ARCHIVE,
    )
    return paper, reporter, receiver


def build_statistics_files(report, user, progress) -> tuple[bytes, bytes]:
    """(pdf, xlsx) for a statistics Report, read with `user`'s scope. Refuses (DocumentIncomplete) a report
    without a signer or Nơi nhận before counting anything."""
    day = timezone.localdate()
    paper, reporter, receiver = statistics_paper(report, day)
    paper.check(f"báo cáo thống kê thi đua, khen thưởng {range_label(report.date_from, report.date_to)}")
    data: StatisticsData = build_statistics_data(
        scope=statistics_scope(report, user), paper=paper, reporter=reporter, receiver=receiver, day=day,
        progress=progress, report_id=report.pk,
    )  # fmt: skip
    progress(0.6, "Đang dựng tệp PDF")
    pdf = render_statistics_pdf(data)
    progress(0.85, "Đang ghi tệp Excel")
    return pdf, render_statistics_xlsx(data)
