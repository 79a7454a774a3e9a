"""The trust list (tổ chức chứng thực the administrator trusts) and the result of checking a stored file's
digital signatures, kept beside the file it describes."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from simple_history.models import HistoricalRecords

from emulation.signatures import verify


class TrustAnchor(models.Model):
    """A root (or intermediate) CA certificate loaded by Quản trị: the national root of the Ban Cơ yếu Chính phủ,
    a licensed public CA's root. Nothing is shipped: only what an administrator loaded and can vouch for."""

    name = models.CharField("Tên gọi", max_length=200)
    certificate_der = models.BinaryField("Chứng thư (DER)")
    file_name = models.CharField("Tệp đã tải lên", max_length=255, blank=True)
    subject = models.CharField("Chủ thể", max_length=500)
    issuer = models.CharField("Đơn vị cấp", max_length=500)
    serial = models.CharField("Số hiệu", max_length=100)
    fingerprint = models.CharField("Dấu vân tay SHA-256", max_length=64, unique=True)
    valid_from = models.DateTimeField("Hiệu lực từ")
    valid_to = models.DateTimeField("Hiệu lực đến")
    active = models.BooleanField("Đang dùng", default=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="Người nạp", on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField("Nạp lúc", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "chứng thư gốc tin cậy"
        verbose_name_plural = "danh sách tin cậy"
        ordering = ["-active", "name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def fingerprint_display(self) -> str:
        return ":".join(self.fingerprint[i : i + 2] for i in range(0, len(self.fingerprint), 2)).upper()


class CheckStatus(models.TextChoices):
    DANG_KIEM_TRA = "dang_kiem_tra", "Đang kiểm tra"
    HOP_LE = verify.HOP_LE, "Hợp lệ"
    BI_SUA = verify.BI_SUA, "Bị sửa sau khi ký"
    KHONG_HOP_LE = verify.KHONG_HOP_LE, "Chữ ký không hợp lệ"
    BI_THU_HOI = verify.BI_THU_HOI, "Chứng thư bị thu hồi"
    HET_HAN = verify.HET_HAN, "Chứng thư hết hạn"
    KHONG_TIN_CAY = verify.KHONG_TIN_CAY, "Không tin cậy"
    CHUA_KY = verify.CHUA_KY, "Chưa ký số"
    LOI = verify.LOI, "Lỗi đọc tệp"
    KHONG_AP_DUNG = "khong_ap_dung", "Không kiểm tra (không phải PDF)"


# How a status is shown: only HOP_LE is ever green.
STATUS_COLOURS = {
    CheckStatus.HOP_LE: "success",
    CheckStatus.DANG_KIEM_TRA: "secondary",
    CheckStatus.CHUA_KY: "secondary",
    CheckStatus.KHONG_AP_DUNG: "light",
    CheckStatus.KHONG_TIN_CAY: "warning",
    CheckStatus.HET_HAN: "warning",
}
# Results that depend on the trust list: checked again when it changes.
TRUST_DEPENDENT = (
    CheckStatus.HOP_LE,
    CheckStatus.KHONG_TIN_CAY,
    CheckStatus.HET_HAN,
    CheckStatus.BI_THU_HOI,
)


class SignatureCheck(models.Model):
    """The signatures of one file field of one row (a dossier's Tờ trình, a nominee's Mẫu 07, a decision…),
    as last verified. `file_name` and `sha256` say which file: a new upload is checked again."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    owner = GenericForeignKey("content_type", "object_id")
    field = models.CharField("Trường tệp", max_length=64)
    file_name = models.CharField("Tệp", max_length=255)
    sha256 = models.CharField("SHA-256 của tệp", max_length=64, blank=True)
    size = models.PositiveBigIntegerField("Dung lượng", null=True, blank=True)
    status = models.CharField("Kết quả", max_length=16, choices=CheckStatus.choices, default=CheckStatus.DANG_KIEM_TRA)
    message = models.CharField("Diễn giải", max_length=500, blank=True)
    signatures = models.JSONField("Các chữ ký", default=list, blank=True)
    checked_at = models.DateTimeField("Kiểm tra lúc", null=True, blank=True)
    requested_at = models.DateTimeField("Yêu cầu lúc", auto_now=True)

    class Meta:
        verbose_name = "kết quả kiểm tra chữ ký số"
        verbose_name_plural = "kết quả kiểm tra chữ ký số"
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "field"], name="signature_check_one_per_file")
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.file_name}: {self.get_status_display()}"

    @property
    def is_valid(self) -> bool:
        return self.status == CheckStatus.HOP_LE

    @property
    def colour(self) -> str:
        return STATUS_COLOURS.get(self.status, "danger")
