"""Run the report job in-process and write the PDF and the XLSX into a folder (administrators, our checks).

The report is built as the scheduled job builds it: with the scope of the campaign's Văn phòng Sở (a cluster's
report: across its members, approved figures only), signed by the campaign's report signer or the Sở's signer on
the report's date, with the default Nơi nhận. A report that would lack a signer or Nơi nhận is not written: the
command says what is missing. `--annex` also writes the per-unit annex PDF.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from campaigns.models import Campaign, Cluster, Unit


class Command(BaseCommand):
    help = "Tạo báo cáo 6 tháng / báo cáo năm của một phong trào và ghi tệp PDF, XLSX vào thư mục."

    def add_arguments(self, parser):
        parser.add_argument("--campaign", type=int, required=True, help="Mã (id) phong trào")
        parser.add_argument("--period", required=True, help="2023-H1 (6 tháng đầu năm 2023) hoặc 2023 (cả năm)")
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument("--unit", type=int, help="Chỉ một đơn vị (id)")
        scope.add_argument("--cluster", type=int, help="Một cụm, khối (id): các tỉnh đặt cạnh nhau")
        parser.add_argument("--date", help="Ngày của báo cáo, dạng 2023-06-15 (mặc định: hôm nay)")
        parser.add_argument("--out", required=True, help="Thư mục ghi tệp")
        parser.add_argument("--annex", action="store_true", help="Ghi thêm phụ lục chi tiết theo đơn vị (PDF)")

    def handle(
        self,
        *args,
        campaign: int,
        period: str,
        unit: int | None,
        cluster: int | None,
        date: str | None,
        out: str,
        annex: bool = False,
        **options,
    ):
        from emulation.lib.errors import DomainError
        from emulation.lib.paper import DocumentIncomplete
        from emulation.reports.data import build_report_data
        from emulation.reports.names import report_file_stem
        from emulation.reports.render import render_annex_pdf, render_report_pdf, render_report_xlsx
        from emulation.reports.services import ANNEX_SUFFIX, _owner_office

        match = re.fullmatch(r"(\d{4})(-H1)?", period.strip(), flags=re.IGNORECASE)
        if not match:
            raise CommandError("Kỳ báo cáo phải có dạng 2023-H1 (6 tháng) hoặc 2023 (năm).")
        year, kind = int(match.group(1)), "sau_thang" if match.group(2) else "nam"
        try:
            day = datetime.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError("Ngày của báo cáo phải có dạng 2023-06-15.") from None
        try:
            the_campaign = Campaign.objects.select_related("owner").get(pk=campaign)
        except Campaign.DoesNotExist:
            raise CommandError(f"Không có phong trào {campaign}.") from None
        the_period = the_campaign.reporting_periods.filter(kind=kind, year=year).first()
        if the_period is None:
            raise CommandError(f"Phong trào không có kỳ báo cáo {period}.")
        the_unit = Unit.objects.filter(pk=unit).first() if unit else None
        the_cluster = Cluster.objects.filter(pk=cluster).first() if cluster else None
        if (unit and the_unit is None) or (cluster and the_cluster is None):
            raise CommandError("Không tìm thấy đơn vị hoặc cụm, khối.")
        try:
            data = build_report_data(
                campaign=the_campaign,
                period=the_period,
                # A cluster's report reads across its members, whoever asks (build_report_data).
                user=None if the_cluster is not None else _owner_office(the_campaign),
                unit=the_unit,
                cluster=the_cluster,
                report_date=day,
                complete=True,
                with_annex=annex,
            )
        except DomainError as exc:
            raise CommandError(exc.message) from None
        except DocumentIncomplete as exc:
            raise CommandError(str(exc)) from None
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        stem = report_file_stem(campaign=the_campaign, period=the_period, unit=the_unit, cluster=the_cluster)
        (folder / f"{stem}.pdf").write_bytes(render_report_pdf(data))
        (folder / f"{stem}.xlsx").write_bytes(render_report_xlsx(data))
        if annex:
            (folder / f"{stem}-{ANNEX_SUFFIX}.pdf").write_bytes(render_annex_pdf(data))
        self.stdout.write(self.style.SUCCESS(f"Đã ghi {folder / stem}.pdf và {folder / stem}.xlsx"))
