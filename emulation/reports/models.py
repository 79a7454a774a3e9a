"""A generated progress report: the request, the job's state and progress, and the files it produced.

An issued report is kept as it was: generating again makes a new version, never overwrites.
"""

from __future__ import annotations

import uuid

from django.db import models

from campaigns.models import Campaign, Cluster, ReportingPeriod, Unit, User


class ReportStatus(models.TextChoices):
    CHO = "cho", "Đang chờ"
    DANG_CHAY = "dang_chay", "Đang tạo"
    XONG = "xong", "Đã xong"
    LOI = "loi", "Lỗi"


class ReportKind(models.TextChoices):
    TIEN_DO = "tien_do", "Báo cáo 6 tháng, báo cáo năm của phong trào"
    # The statistics of Thông tư 02/2023/TT-BNV (emulation.reports.statistics): no campaign nor period, a date range.
    THONG_KE = "thong_ke", "Thống kê thi đua, khen thưởng (Thông tư 02/2023/TT-BNV)"


def report_upload_to(instance: Report, filename: str) -> str:
    return f"reports/{instance.campaign_id or instance.kind}/{uuid.uuid4().hex}-{filename}"


class Report(models.Model):
    kind = models.CharField(
        "Loại báo cáo", max_length=16, choices=ReportKind.choices, default=ReportKind.TIEN_DO, db_default="tien_do"
    )
    # A campaign's report has both; a statistics report neither (its range is date_from – date_to).
    campaign = models.ForeignKey(
        Campaign, verbose_name="Phong trào", null=True, blank=True, on_delete=models.PROTECT, related_name="reports"
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name="Kỳ báo cáo",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    date_from = models.DateField("Từ ngày", null=True, blank=True)
    date_to = models.DateField("Đến ngày", null=True, blank=True)
    # A statistics report for a whole province (Ban TĐKT): the province's name, and no unit.
    province = models.CharField("Toàn tỉnh", max_length=64, blank=True, default="", db_default="")
    # Which awards a statistics report counts: decided in its date range (the statistical period), or those the
    # register files under its year(s) ("khen thưởng năm 2023", often decided early in the next year).
    count_by = models.CharField(
        "Đếm khen thưởng theo",
        max_length=16,
        choices=[("quyet_dinh", "Ngày quyết định trong kỳ"), ("nam", "Năm khen thưởng ghi trong sổ")],
        blank=True,
        default="",
        db_default="",
    )
    unit = models.ForeignKey(
        Unit, verbose_name="Đơn vị", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cluster = models.ForeignKey(
        Cluster, verbose_name="Cụm, khối", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    requested_by = models.ForeignKey(
        User, verbose_name="Người yêu cầu", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    scheduled = models.BooleanField("Tạo tự động theo lịch", default=False)
    version = models.PositiveSmallIntegerField("Lần tạo", default=1)
    assessment = models.TextField("IV. Đánh giá chung", blank=True)
    direction = models.TextField("V. Phương hướng", blank=True)
    # The signer typed in the request; both empty: the campaign's report signer or the Sở's signer on the date.
    signer_title = models.CharField("Chức danh người ký", max_length=128, blank=True)
    signer_name = models.CharField("Người ký", max_length=128, blank=True)
    # The report's number when it is known at the request; empty: "Số:      /BC-…", filled in by hand.
    number = models.CharField("Số báo cáo", max_length=32, blank=True, default="", db_default="")
    # Nơi nhận typed in the request, one per line; empty: the default for the report's scope.
    recipients = models.TextField("Nơi nhận", blank=True, default="", db_default="")
    status = models.CharField("Trạng thái", max_length=16, choices=ReportStatus.choices, default=ReportStatus.CHO)
    progress = models.PositiveSmallIntegerField("Tiến độ (%)", default=0)
    message = models.CharField("Bước đang làm", max_length=255, blank=True)
    error = models.TextField("Lỗi", blank=True)
    attempts = models.PositiveSmallIntegerField("Số lần chạy", default=0)
    # How many times the job was sent to the queue: by the request, then at most REPORT_MAX_ATTEMPTS − 1 times
    # again (the sweep or the job's own database-error path). A database default, so that code from before this
    # column can still insert rows during an upgrade.
    sends = models.PositiveSmallIntegerField("Số lần xếp hàng", default=1, db_default=1)
    # The last sign of life: the job touches it every REPORT_HEARTBEAT_SECONDS while it runs, and it is set when
    # the job is queued again. A running report whose heartbeat is older than REPORT_STALE_SECONDS lost its worker
    # (services.reports_sweep).
    heartbeat_at = models.DateTimeField("Tín hiệu gần nhất", null=True, blank=True)
    # The running attempt's token: an attempt writes progress and files only while the row still carries its
    # token, so a job the sweep gave up on cannot overwrite the one that replaced it.
    claim = models.CharField(max_length=32, blank=True, default="", db_default="")
    # The Celery worker (its hostname, e.g. "w1@host") that produced the files: which machine to look at.
    worker = models.CharField("Máy xử lý", max_length=255, blank=True)
    # Asked on the form: the per-unit annex ("Phụ lục chi tiết theo đơn vị"), a second PDF made by the same job from
    # the same data, so that its figures are the report's. The report itself prints the exceptions only.
    with_annex = models.BooleanField("Kèm phụ lục chi tiết theo đơn vị (PDF)", default=False, db_default=False)
    pdf_file = models.FileField(upload_to=report_upload_to, blank=True)
    xlsx_file = models.FileField(upload_to=report_upload_to, blank=True)
    annex_file = models.FileField(upload_to=report_upload_to, blank=True, default="", db_default="")
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    xlsx_sha256 = models.CharField(max_length=64, blank=True)
    annex_sha256 = models.CharField(max_length=64, blank=True, default="", db_default="")
    created_at = models.DateTimeField("Yêu cầu lúc", auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField("Xong lúc", null=True, blank=True)

    class Meta:
        verbose_name = "báo cáo"
        verbose_name_plural = "báo cáo"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "kind",
                    "campaign",
                    "period",
                    "unit",
                    "cluster",
                    "province",
                    "date_from",
                    "date_to",
                    "count_by",
                    "version",
                ],
                name="report_kind_version_once",
                nulls_distinct=False,
            ),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="report_progress_percent"),
            models.CheckConstraint(
                condition=models.Q(kind="tien_do", campaign__isnull=False, period__isnull=False)
                | models.Q(
                    kind="thong_ke",
                    campaign__isnull=True,
                    period__isnull=True,
                    date_from__isnull=False,
                    date_to__gte=models.F("date_from"),
                ),
                name="report_kind_fields",
            ),
        ]
        indexes = [
            # The sweep's query: only unfinished reports, a handful among thousands.
            models.Index(
                fields=["status", "heartbeat_at"],
                name="report_unfinished",
                condition=models.Q(status__in=["cho", "dang_chay"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} – {self.scope_label} (lần {self.version})"

    @property
    def is_statistics(self) -> bool:
        return self.kind == ReportKind.THONG_KE

    @property
    def title(self) -> str:
        """ "Báo cáo 6 tháng đầu năm 2023" (the period's name), "Thống kê TĐKT năm 2023"."""
        if self.is_statistics:
            from emulation.reports.statistics.bieu import range_label

            basis = " (theo năm khen thưởng)" if self.count_by == "nam" else ""
            return f"Thống kê thi đua, khen thưởng {range_label(self.date_from, self.date_to)}{basis}"
        return str(self.period)

    @property
    def scope_label(self) -> str:
        if self.is_statistics:
            return self.unit.name if self.unit_id else f"Toàn tỉnh {self.province}"
        if self.cluster_id:
            return str(self.cluster)
        if self.unit_id:
            return self.unit.name
        return self.campaign.owner.name

    @property
    def recipient_lines(self) -> list[str]:
        return [line.strip().lstrip("-").strip() for line in self.recipients.splitlines() if line.strip()]

    @property
    def file_stem(self) -> str:
        """BC-6thang-2023-SoTTTT-BinhPhuoc-v2: the name of its files, stored and downloaded."""
        from emulation.reports.names import report_file_stem, statistics_file_stem

        if self.is_statistics:
            return statistics_file_stem(
                unit=self.unit, province=self.province, date_from=self.date_from, date_to=self.date_to,
                version=self.version, by_year=self.count_by == "nam",
            )  # fmt: skip
        return report_file_stem(
            campaign=self.campaign, period=self.period, unit=self.unit, cluster=self.cluster, version=self.version
        )

    @property
    def is_finished(self) -> bool:
        return self.status in (ReportStatus.XONG, ReportStatus.LOI)


class ReportDownload(models.Model):
    """Who downloaded which file of a report, when."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="downloads")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=8)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user} {self.kind} {self.at:%d/%m/%Y %H:%M}"


class ReminderSent(models.Model):
    """One reminder e-mail per unit, period and lead time: the daily job may run twice and send once."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["period", "unit", "days_before"], name="reminder_once")]

    def __str__(self) -> str:
        return f"{self.unit} {self.period} −{self.days_before}"
