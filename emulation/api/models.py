"""Tokens of the systems that read the portal through its JSON API (/api/v1/), and the log of their calls.

A token belongs to one integrating system (the provincial reporting system, the LGSP, a Sở's dashboard) and reads
one Sở's subtree — never another Sở's data — and only the resources ticked when it was made. Its secret is shown
once, when it is made; the portal keeps only a SHA-256 digest (the secret is 256 random bits, so a slow password
hash would add nothing but time to every call). A token ends at its expiry or when Quản trị revokes it.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from campaigns.models import Unit, User


class Resource(models.TextChoices):
    """What a token may read: one box per group of endpoints."""

    PHONG_TRAO = "phong_trao", "Phong trào, chỉ tiêu và chỉ tiêu phấn đấu"
    SO_LIEU = "so_lieu", "Số liệu đã duyệt theo đơn vị và kỳ báo cáo"
    TIEN_DO = "tien_do", "Tình hình gửi báo cáo (đúng hạn, quá hạn, chưa gửi)"
    BAO_CAO = "bao_cao", "Báo cáo định kỳ và tệp PDF, Excel"
    KHEN_THUONG = "khen_thuong", "Sổ khen thưởng"
    DON_VI = "don_vi", "Đơn vị"


class ApiToken(models.Model):
    name = models.CharField(
        "Hệ thống kết nối", max_length=255, help_text="Ví dụ: Hệ thống báo cáo của tỉnh (LGSP), Bảng điều hành của Sở."
    )
    # The first characters of the secret, kept in clear so that a token can be recognised in lists and logs.
    prefix = models.CharField("Tiền tố", max_length=16, db_index=True)
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    unit = models.ForeignKey(
        Unit,
        verbose_name="Phạm vi (Sở)",
        on_delete=models.PROTECT,
        related_name="api_tokens",
        help_text="Mã truy cập chỉ đọc dữ liệu của Sở này và các đơn vị trực thuộc.",
    )
    resources = models.JSONField("Được đọc", default=list)
    note = models.CharField("Ghi chú", max_length=500, blank=True)
    expires_at = models.DateTimeField("Hết hạn lúc")
    revoked_at = models.DateTimeField("Thu hồi lúc", null=True, blank=True)
    revoked_by = models.ForeignKey(
        User, verbose_name="Người thu hồi", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revoke_reason = models.CharField("Lý do thu hồi", max_length=500, blank=True)
    created_by = models.ForeignKey(User, verbose_name="Người tạo", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("Tạo lúc", auto_now_add=True)
    last_used_at = models.DateTimeField("Dùng lần cuối", null=True, blank=True)
    # Who made, changed or revoked it and when; the digest stays out of the history.
    history = HistoricalRecords(excluded_fields=["secret_hash", "last_used_at"])

    class Meta:
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | Q(revoked_by__isnull=False),
                name="api_token_revoked_by_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_active_at(self, moment: datetime.datetime) -> bool:
        return self.revoked_at is None and moment < self.expires_at

    @property
    def is_active(self) -> bool:
        return self.is_active_at(timezone.now())

    @property
    def state_label(self) -> str:
        if self.revoked_at is not None:
            return "Đã thu hồi"
        if not self.is_active:
            return "Hết hạn"
        return "Đang dùng"

    @property
    def last_day(self) -> datetime.date:
        """The last day it works (expires_at is the start of the next day, local time)."""
        return timezone.localtime(self.expires_at - datetime.timedelta(seconds=1)).date()

    def reads(self, resource: str) -> bool:
        return resource in self.resources

    @property
    def resource_labels(self) -> list[str]:
        return [Resource(r).label for r in Resource.values if r in self.resources]


class ApiCall(models.Model):
    """One call to the API, answered or refused: which token (none when it was missing or unknown), what was
    asked, the answer's status, when and from where."""

    token = models.ForeignKey(
        ApiToken, verbose_name="Mã truy cập", null=True, blank=True, on_delete=models.CASCADE, related_name="calls"
    )
    method = models.CharField(max_length=8)
    path = models.CharField("Đường dẫn", max_length=500)
    query = models.CharField("Tham số", max_length=1000, blank=True)
    status = models.PositiveSmallIntegerField("Mã trả lời")
    at = models.DateTimeField("Lúc", auto_now_add=True, db_index=True)
    ip = models.GenericIPAddressField("Địa chỉ IP", null=True, blank=True)

    class Meta:
        verbose_name = "lượt gọi API"
        verbose_name_plural = "nhật ký gọi API"
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["token", "-at"], name="api_call_by_token")]

    def __str__(self) -> str:
        return f"{self.method} {self.path} → {self.status}"
