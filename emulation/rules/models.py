"""Who changed a dated rule, when and why (issue #16: "Danh mục và quy định").

The rules themselves live in their own apps (awards, campaigns, indicators, emulation.clusters) and keep their own
field history (simple_history). What those do not keep is the reason and the legal basis of a change made in the
portal, nor a trace of a row that was deleted: a RuleChange row, written in the same transaction as the change by
emulation.rules.services, does both. The summary and the period are copied so that a deleted row is still named.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class RuleAction(models.TextChoices):
    THEM = "them", "Thêm"
    KET_THUC = "ket_thuc", "Kết thúc hiệu lực"
    XOA = "xoa", "Xóa"


class RuleChange(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField("Mã dòng")
    kind = models.SlugField("Loại danh mục", max_length=64)
    action = models.CharField("Thao tác", max_length=16, choices=RuleAction.choices)
    summary = models.CharField("Nội dung", max_length=500)
    valid_from = models.DateField("Hiệu lực từ ngày", null=True, blank=True)
    valid_to = models.DateField("Hiệu lực đến ngày", null=True, blank=True)
    reason = models.TextField("Lý do")
    legal_basis = models.CharField("Căn cứ", max_length=255, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="Người thay đổi", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField("Lúc", auto_now_add=True)

    class Meta:
        verbose_name = "thay đổi danh mục, quy định"
        verbose_name_plural = "nhật ký thay đổi danh mục, quy định"
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"], name="rule_change_row")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="rule_change_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.summary}"
