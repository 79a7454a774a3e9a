"""Units (đơn vị), clusters and blocs per year (Cụm, Khối thi đua), people and their roles.

The unit tree, the clusters and the role assignments change with decrees and mergers, so each carries the
dates it applies from and to; nothing about them is a constant in code.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from django.contrib.auth.models import AbstractUser
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet


class UnitLevel(models.TextChoices):
    BO = "bo", "Bộ"
    SO = "so", "Sở / ban / ngành"
    PHONG = "phong", "Phòng, đơn vị thuộc Sở"
    HUYEN = "huyen", "Cấp huyện"
    XA = "xa", "Cấp xã"
    DOANH_NGHIEP = "doanh_nghiep", "Doanh nghiệp"
    KHAC = "khac", "Khác"


def valid_on_q(day: datetime.date, prefix: str = "") -> Q:
    """Rows that apply on a date: valid_from ≤ day and (no valid_to or day ≤ valid_to)."""
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


class ValidityQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date) -> ValidityQuerySet:
        return self.filter(valid_on_q(day))


class Validity(models.Model):
    valid_from = models.DateField("Hiệu lực từ ngày", null=True, blank=True)
    valid_to = models.DateField("Hiệu lực đến ngày", null=True, blank=True)

    class Meta:
        abstract = True

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class UnitQuerySet(MP_NodeQuerySet):
    def valid_on(self, day: datetime.date) -> UnitQuerySet:
        return self.filter(valid_on_q(day))


class UnitManager(MP_NodeManager):
    # treebeard's tree operations rely on its queryset (tree-aware delete) ordered by path.
    def get_queryset(self) -> UnitQuerySet:
        return UnitQuerySet(self.model, using=self._db).order_by("path")


class Unit(MP_Node, Validity):
    """An organisation unit: Bộ → Sở → phòng/đơn vị thuộc Sở, huyện, xã, doanh nghiệp.

    The tree is a materialised path (django-treebeard), so "this unit and everything under it" is one indexed
    prefix filter whatever the depth — the basis of every scope check.
    """

    name = models.CharField("Tên đơn vị", max_length=255)
    short_name = models.CharField("Tên viết tắt", max_length=64, blank=True)
    code = models.SlugField("Mã đơn vị", max_length=64, unique=True)
    level = models.CharField("Cấp", max_length=16, choices=UnitLevel.choices)
    province = models.CharField("Tỉnh, thành phố", max_length=64, blank=True)
    address = models.CharField("Địa chỉ", max_length=255, blank=True)
    phone = models.CharField("Điện thoại", max_length=32, blank=True)
    email = models.EmailField("Thư điện tử", blank=True)
    head_name = models.CharField("Thủ trưởng đơn vị", max_length=128, blank=True)
    symbol = models.CharField(
        "Chữ viết tắt trong ký hiệu văn bản",
        max_length=32,
        blank=True,
        help_text="Theo Nghị định 30/2020/NĐ-CP, Phụ lục III: STTTT trong 05/BC-STTTT, UBND trong 18/KH-UBND.",
    )
    # Incremented on every change made through the portal, so a stale form is detected, not saved over.
    version = models.PositiveIntegerField("Phiên bản", default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["path", "depth", "numchild"])

    node_order_by = ["name"]
    objects = UnitManager()

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_validity_ordered",
                violation_error_message="Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class ClusterKind(models.TextChoices):
    CUM = "cum", "Cụm thi đua"
    KHOI = "khoi", "Khối thi đua"


class Cluster(models.Model):
    """A Cụm or Khối thi đua for one year. 2023's Cụm số 2 is a different row from 2024's."""

    kind = models.CharField("Loại", max_length=8, choices=ClusterKind.choices)
    number = models.PositiveSmallIntegerField("Số")
    name = models.CharField("Tên", max_length=255)
    year = models.PositiveSmallIntegerField("Năm")
    organiser = models.ForeignKey(
        Unit,
        verbose_name="Cơ quan tổ chức",
        on_delete=models.PROTECT,
        related_name="organised_clusters",
        help_text="Bộ (cụm, khối của ngành) hoặc Sở/UBND tỉnh (khối của tỉnh).",
    )
    decision = models.CharField("Quyết định thành lập / phân công", max_length=255, blank=True)
    note = models.TextField("Ghi chú", blank=True)
    members = models.ManyToManyField(Unit, through="ClusterMembership", related_name="clusters")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "cụm, khối thi đua"
        verbose_name_plural = "cụm, khối thi đua"
        ordering = ["-year", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organiser", "kind", "number", "year"],
                name="cluster_unique_per_year",
                violation_error_message="Cơ quan này đã có cụm, khối cùng số trong năm đó.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class ClusterRole(models.TextChoices):
    TRUONG = "truong", "Cụm trưởng / Khối trưởng"
    PHO = "pho", "Cụm phó / Khối phó"
    THANH_VIEN = "thanh_vien", "Thành viên"


class ClusterMembership(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="cluster_memberships")
    role = models.CharField("Vai trò", max_length=16, choices=ClusterRole.choices, default=ClusterRole.THANH_VIEN)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "thành viên cụm, khối"
        verbose_name_plural = "thành viên cụm, khối"
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "unit"],
                name="cluster_member_once",
                violation_error_message="Đơn vị đã là thành viên của cụm, khối này.",
            ),
            models.UniqueConstraint(
                fields=["cluster"],
                condition=Q(role="truong"),
                name="cluster_one_leader",
                violation_error_message="Mỗi cụm, khối chỉ có một cụm trưởng trong năm.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.get_role_display()}"


class User(AbstractUser):
    """A person. Their units and roles are RoleAssignment rows: one person may serve several units."""

    full_name = models.CharField("Họ và tên", max_length=128, blank=True)
    position = models.CharField("Chức vụ", max_length=128, blank=True)
    phone = models.CharField("Điện thoại", max_length=32, blank=True)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"

    def __str__(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    @property
    def display_name(self) -> str:
        return str(self)


class InactivityWarning(models.Model):
    """The e-mail that told a person their unused account will soon be locked (ACCOUNT_INACTIVE_WARN_DAYS before
    ACCOUNT_INACTIVE_DAYS). One row per person, rewritten at each warning: a warning sent after the person's last
    sign-in covers that stretch of inactivity, so the nightly job sends it once per stretch however often it runs."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="inactivity_warning")
    sent_at = models.DateTimeField("Gửi lúc")
    locks_on = models.DateField("Ngày khóa đã báo")

    class Meta:
        verbose_name = "thư báo sắp khóa tài khoản"
        verbose_name_plural = "thư báo sắp khóa tài khoản"

    def __str__(self) -> str:
        return f"{self.user} {self.sent_at:%d/%m/%Y}"


class Role(models.TextChoices):
    CAN_BO = "can_bo", "Cán bộ đơn vị"
    LANH_DAO = "lanh_dao", "Lãnh đạo đơn vị"
    VAN_PHONG = "van_phong", "Văn phòng Sở (thường trực TĐKT)"
    HOI_DONG = "hoi_dong", "Thành viên Hội đồng TĐKT"
    BAN_TDKT = "ban_tdkt", "Ban TĐKT"
    QUAN_TRI = "quan_tri", "Quản trị"


class RoleAssignment(Validity):
    """A person holds a role in a unit, for a period (appointments end; staff move between units)."""

    user = models.ForeignKey(User, verbose_name="Người dùng", on_delete=models.CASCADE, related_name="role_assignments")
    unit = models.ForeignKey(Unit, verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="role_assignments")
    role = models.CharField("Vai trò", max_length=16, choices=Role.choices)
    history = HistoricalRecords()

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = "vai trò"
        verbose_name_plural = "vai trò"
        ordering = ["unit__path", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"],
                name="role_assignment_once",
                violation_error_message="Người dùng đã có vai trò này tại đơn vị này.",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="role_validity_ordered",
                violation_error_message="Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit}"


# --- Catalogues an administrator keeps (the law is data) ------------------------------------------------------


class Sector(models.Model):
    """A lĩnh vực (bưu chính, viễn thông, CNTT – chuyển đổi số, …) used to group content and commitments."""

    code = models.SlugField("Mã", max_length=64, unique=True)
    name = models.CharField("Tên lĩnh vực", max_length=128)
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)

    class Meta:
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class AwardTarget(models.TextChoices):
    TAP_THE = "tap_the", "Tập thể"
    CA_NHAN = "ca_nhan", "Cá nhân"


class AwardFormKind(models.TextChoices):
    DANH_HIEU = "danh_hieu", "Danh hiệu thi đua"
    HINH_THUC = "hinh_thuc", "Hình thức khen thưởng"


class AwardForm(Validity):
    """A danh hiệu or hình thức khen thưởng, with who confers it; valid between dates (decrees replace them)."""

    code = models.SlugField("Mã", max_length=64)
    name = models.CharField("Tên", max_length=255)
    kind = models.CharField("Loại", max_length=16, choices=AwardFormKind.choices)
    target = models.CharField("Đối tượng", max_length=16, choices=AwardTarget.choices)
    authority = models.CharField("Cấp quyết định", max_length=255, help_text="Ví dụ: Giám đốc Sở, Chủ tịch UBND tỉnh.")
    legal_basis = models.CharField("Căn cứ pháp lý", max_length=255, blank=True)
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)
    history = HistoricalRecords()

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = "hình thức khen thưởng"
        verbose_name_plural = "danh mục hình thức khen thưởng"
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "valid_from"],
                name="award_form_code_per_validity",
                violation_error_message="Mã này đã có một phiên bản hiệu lực từ cùng ngày.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_target_display().lower()})"


# --- Campaigns ----------------------------------------------------------------------------------------------


class CampaignKind(models.TextChoices):
    THUONG_XUYEN = "thuong_xuyen", "Thường xuyên (hằng năm)"
    CHUYEN_DE = "chuyen_de", "Theo đợt, chuyên đề"
    DOT_XUAT = "dot_xuat", "Đột xuất"


class CampaignStatus(models.TextChoices):
    DU_THAO = "du_thao", "Dự thảo"
    DA_PHAT_DONG = "da_phat_dong", "Đã phát động"
    SO_KET = "so_ket", "Sơ kết"
    TONG_KET = "tong_ket", "Tổng kết"
    KET_THUC = "ket_thuc", "Đã kết thúc"


def campaign_upload_to(instance: Campaign, filename: str) -> str:
    return f"campaigns/{instance.pk or 'new'}/{filename}"


class Campaign(models.Model):
    """A phong trào thi đua: the whole plan (Kế hoạch / Chương trình phát động) as data."""

    # Who runs it in the portal: Văn phòng of this unit (usually a Sở) manages it.
    owner = models.ForeignKey(Unit, verbose_name="Đơn vị quản lý", on_delete=models.PROTECT, related_name="campaigns")
    document_type = models.CharField("Loại văn bản", max_length=64, default="Kế hoạch")
    number = models.CharField(
        "Số, ký hiệu", max_length=64, blank=True, help_text="Ví dụ: 18/KH-UBND. Có thể để trống khi dự thảo."
    )
    issued_on = models.DateField("Ngày ban hành", null=True, blank=True)
    place = models.CharField("Địa danh", max_length=64, blank=True, help_text="Ví dụ: Bình Phước")
    parent_body = models.CharField(
        "Cơ quan chủ quản", max_length=255, blank=True, help_text="Ví dụ: UBND TỈNH BÌNH PHƯỚC"
    )
    issuer = models.CharField("Cơ quan ban hành", max_length=255, help_text="Ví dụ: Sở Thông tin và Truyền thông")
    issuer_cluster = models.ForeignKey(
        Cluster,
        verbose_name="Cụm, khối phát động",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    kind = models.CharField("Loại phong trào", max_length=16, choices=CampaignKind.choices)
    title = models.CharField("Tên phong trào", max_length=500)
    theme = models.TextField("Chủ đề, khẩu hiệu", blank=True)
    introduction = models.TextField("Mở đầu", blank=True)
    purpose = models.TextField("Mục đích", blank=True)
    requirements = models.TextField("Yêu cầu", blank=True)
    scope = models.TextField("Phạm vi", blank=True)
    subjects_collective = models.TextField("Đối tượng: tập thể", blank=True)
    subjects_individual = models.TextField("Đối tượng: cá nhân", blank=True)
    participants = models.ManyToManyField(
        Unit, verbose_name="Đơn vị tham gia", blank=True, related_name="participating_campaigns"
    )
    participant_clusters = models.ManyToManyField(
        Cluster, verbose_name="Cụm, khối tham gia", blank=True, related_name="participating_campaigns"
    )
    start_date = models.DateField("Bắt đầu")
    end_date = models.DateField("Kết thúc")
    award_text = models.TextField("Hình thức khen thưởng (văn bản)", blank=True)
    dossier_requirements = models.TextField("Hồ sơ đề nghị khen thưởng", blank=True)
    dossier_deadline = models.DateField("Hạn nộp hồ sơ khen thưởng", null=True, blank=True)
    organisation = models.TextField("Tổ chức thực hiện (chung)", blank=True)
    closing = models.TextField("Đoạn kết", blank=True)
    recipients = models.TextField("Nơi nhận", blank=True, help_text="Mỗi dòng một nơi nhận.")
    signer_title = models.CharField(
        "Chức danh người ký", max_length=128, blank=True, help_text="Ví dụ: KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
    )
    signer_name = models.CharField("Người ký", max_length=128, blank=True)
    report_signer = models.ForeignKey(
        "Signer",
        verbose_name="Người ký báo cáo định kỳ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Báo cáo 15/6 và 15/12 do hệ thống lập ký theo người này; để trống: người ký của đơn vị quản lý.",
    )
    signed_file = models.FileField("Văn bản đã ký (PDF/DOCX)", upload_to=campaign_upload_to, blank=True)
    semiannual_due_day = models.PositiveSmallIntegerField("Báo cáo 6 tháng: ngày", default=15)
    semiannual_due_month = models.PositiveSmallIntegerField("Báo cáo 6 tháng: tháng", default=6)
    annual_due_day = models.PositiveSmallIntegerField("Báo cáo năm: ngày", default=15)
    annual_due_month = models.PositiveSmallIntegerField("Báo cáo năm: tháng", default=12)
    status = models.CharField(
        "Trạng thái", max_length=16, choices=CampaignStatus.choices, default=CampaignStatus.DU_THAO
    )
    copied_from = models.ForeignKey(
        "self", verbose_name="Sao chép từ", null=True, blank=True, on_delete=models.SET_NULL
    )
    plausibility_factor = models.DecimalField(
        "Hệ số cảnh báo số liệu bất thường",
        max_digits=6,
        decimal_places=2,
        default=10,
        validators=[MinValueValidator(Decimal("1.5"))],
        help_text="Số liệu gấp hoặc bằng một phần chừng này lần số liệu kỳ trước của cùng đơn vị thì bị đánh dấu "
        "và phải giải trình khi gửi (chỉ tiêu có hệ số riêng thì theo chỉ tiêu).",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "phong trào thi đua"
        verbose_name_plural = "phong trào thi đua"
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="campaign_dates_ordered",
                violation_error_message="Ngày kết thúc phải sau ngày bắt đầu.",
            ),
            models.UniqueConstraint(
                fields=["issuer", "number"],
                condition=~Q(number=""),
                name="campaign_number_unique_per_issuer",
                violation_error_message="Cơ quan ban hành này đã có văn bản cùng số, ký hiệu.",
            ),
            models.CheckConstraint(
                condition=Q(
                    semiannual_due_month__gte=1,
                    semiannual_due_month__lte=12,
                    annual_due_month__gte=1,
                    annual_due_month__lte=12,
                    semiannual_due_day__gte=1,
                    semiannual_due_day__lte=31,
                    annual_due_day__gte=1,
                    annual_due_day__lte=31,
                ),
                name="campaign_report_days_valid",
                violation_error_message="Ngày, tháng hạn báo cáo không hợp lệ.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def year(self) -> int:
        return self.start_date.year

    @property
    def years(self) -> range:
        return range(self.start_date.year, self.end_date.year + 1)

    @property
    def is_draft(self) -> bool:
        return self.status == CampaignStatus.DU_THAO

    @property
    def movement_name(self) -> str | None:
        """The campaign's name after "phong trào thi đua" in its title ("“Chuyển đổi số giai đoạn 2022 - 2025” trên
        địa bàn tỉnh Bình Phước"), or None when the title does not say it: what reports and messages quote, so that
        "phong trào thi đua" is never written twice ("phong trào “Phát động phong trào thi đua “…”")."""
        text = " ".join(self.title.split()).rstrip(".")
        match = re.search(r"phong trào thi đua\s*", text, re.IGNORECASE)
        return text[match.end() :] if match and text[match.end() :] else None

    @property
    def recipient_lines(self) -> list[str]:
        return [line.strip().lstrip("-").strip() for line in self.recipients.splitlines() if line.strip()]


class CampaignPart(models.Model):
    """A row that belongs to one campaign's plan, kept in the plan's order."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]


class LegalBasis(CampaignPart):
    """A text the plan rests on, cited as NĐ 30/2020 cites: "<verb> <Loại văn bản> số <số, ký hiệu> ngày … của
    <cơ quan> về <trích yếu>" — "Thực hiện Kế hoạch số 18/KH-UBND ngày 10/01/2023 của UBND tỉnh Bình Phước về …"."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="legal_bases")
    verb = models.CharField("Dẫn", max_length=32, default="Căn cứ", help_text="Căn cứ, Thực hiện, …")
    doc_type = models.CharField(
        "Loại văn bản", max_length=64, blank=True, help_text="Kế hoạch, Quyết định, Chỉ thị, Nghị quyết, …"
    )
    doc_number = models.CharField("Số, ký hiệu", max_length=64, blank=True)
    doc_date = models.DateField("Ngày", null=True, blank=True)
    issuer = models.CharField("Cơ quan ban hành", max_length=255, blank=True)
    title = models.TextField("Trích yếu")
    history = HistoricalRecords()

    class Meta(CampaignPart.Meta):
        verbose_name = "căn cứ"
        verbose_name_plural = "căn cứ"

    def __str__(self) -> str:
        return " ".join(part for part in (self.verb, self.doc_type, self.doc_number, self.title) if part)


class Phase(CampaignPart):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField("Giai đoạn", max_length=255)
    start_date = models.DateField("Từ ngày")
    end_date = models.DateField("Đến ngày")
    description = models.TextField("Nội dung", blank=True)
    history = HistoricalRecords()

    class Meta(CampaignPart.Meta):
        verbose_name = "giai đoạn"
        verbose_name_plural = "giai đoạn"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="phase_dates_ordered",
                violation_error_message="Giai đoạn phải kết thúc sau khi bắt đầu.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MilestoneKind(models.TextChoices):
    BAN_HANH = "ban_hanh", "Ban hành kế hoạch"
    SO_KET = "so_ket", "Sơ kết"
    TONG_KET = "tong_ket", "Tổng kết"
    KHAC = "khac", "Khác"


class Milestone(CampaignPart):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField("Loại mốc", max_length=16, choices=MilestoneKind.choices)
    name = models.CharField("Tên mốc", max_length=255)
    due_date = models.DateField("Thời hạn")
    period_label = models.CharField(
        "Thời gian (như trong văn bản)", max_length=64, blank=True, help_text="Ví dụ: Quý IV/2023"
    )
    description = models.TextField("Nội dung", blank=True)
    history = HistoricalRecords()

    class Meta(CampaignPart.Meta):
        verbose_name = "mốc thời gian"
        verbose_name_plural = "mốc thời gian"
        ordering = ["due_date", "order"]

    def __str__(self) -> str:
        return f"{self.name} ({self.period_label or format(self.due_date, '%d/%m/%Y')})"


class PeriodKind(models.TextChoices):
    SAU_THANG = "sau_thang", "Báo cáo 6 tháng"
    NAM = "nam", "Báo cáo năm"


class ReportingPeriod(models.Model):
    """One reporting period of a campaign: 6-month report due 15/6, annual report due 15/12, per year."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reporting_periods")
    kind = models.CharField("Kỳ báo cáo", max_length=16, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField("Năm")
    due_date = models.DateField("Hạn gửi báo cáo")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "kỳ báo cáo"
        verbose_name_plural = "kỳ báo cáo"
        ordering = ["due_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "kind", "year"],
                name="period_once_per_year",
                violation_error_message="Phong trào đã có kỳ báo cáo này trong năm.",
            ),
        ]

    def __str__(self) -> str:
        label = "6 tháng đầu năm" if self.kind == PeriodKind.SAU_THANG else "năm"
        return f"Báo cáo {label} {self.year}"


class ContentItem(CampaignPart):
    """Nội dung thi đua, grouped by lĩnh vực."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="content_items")
    sector = models.ForeignKey(Sector, verbose_name="Lĩnh vực", null=True, blank=True, on_delete=models.PROTECT)
    heading = models.CharField("Tiêu đề", max_length=500, blank=True)
    body = models.TextField("Nội dung")
    history = HistoricalRecords()

    class Meta(CampaignPart.Meta):
        verbose_name = "nội dung thi đua"
        verbose_name_plural = "nội dung thi đua"

    def __str__(self) -> str:
        return self.heading or self.body[:80]


class CriterionLevel(models.TextChoices):
    CHUNG = "chung", "Chung cho tập thể"
    SO = "so", "Sở, ban, ngành"
    HUYEN = "huyen", "Cấp huyện"
    XA = "xa", "Cấp xã"
    DOANH_NGHIEP = "doanh_nghiep", "Doanh nghiệp"
    CA_NHAN = "ca_nhan", "Cá nhân"


class Criterion(CampaignPart):
    """A tiêu chí / tiêu chuẩn thi đua for a level (sở/ban/ngành, huyện, xã, doanh nghiệp) or for individuals."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="criteria")
    level = models.CharField("Áp dụng cho", max_length=16, choices=CriterionLevel.choices)
    text = models.TextField("Tiêu chí")
    history = HistoricalRecords()

    class Meta(CampaignPart.Meta):
        verbose_name = "tiêu chí thi đua"
        verbose_name_plural = "tiêu chí thi đua"

    def __str__(self) -> str:
        return self.text[:80]


class AwardQuota(CampaignPart):
    """How many of an award form the campaign may propose at a milestone, and the leaders' share cap."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="award_quotas")
    award_form = models.ForeignKey(AwardForm, verbose_name="Hình thức khen thưởng", on_delete=models.PROTECT)
    milestone = models.ForeignKey(
        Milestone,
        verbose_name="Đợt (mốc)",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="quotas",
        help_text="Để trống: áp dụng cho cả phong trào.",
    )
    max_collective = models.PositiveIntegerField("Tối đa tập thể", null=True, blank=True)
    max_individual = models.PositiveIntegerField("Tối đa cá nhân", null=True, blank=True)
    leader_share_max = models.DecimalField(
        "Tỷ lệ lãnh đạo tối đa (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Cá nhân là lãnh đạo (từ Phó trưởng phòng trở lên) tối đa bao nhiêu phần trăm số cá nhân đề nghị.",
    )
    rule_source = models.CharField("Căn cứ quy định", max_length=255, blank=True, help_text="Ví dụ: QĐ 26/2020/QĐ-UBND")
    note = models.TextField("Ghi chú", blank=True)
    history = HistoricalRecords()

    class Meta(CampaignPart.Meta):
        verbose_name = "số lượng khen thưởng"
        verbose_name_plural = "số lượng khen thưởng"
        constraints = [
            models.CheckConstraint(
                condition=Q(leader_share_max__isnull=True) | Q(leader_share_max__gte=0, leader_share_max__lte=100),
                name="quota_leader_share_percent",
                violation_error_message="Tỷ lệ lãnh đạo phải từ 0 đến 100 %.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_form} – {self.milestone or 'cả phong trào'}"


class Responsibility(CampaignPart):
    """Tổ chức thực hiện: who is responsible for what."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="responsibilities")
    party = models.CharField("Đơn vị", max_length=255)
    unit = models.ForeignKey(
        Unit, verbose_name="Đơn vị trong hệ thống", null=True, blank=True, on_delete=models.SET_NULL
    )
    duties = models.TextField("Nhiệm vụ")
    history = HistoricalRecords()

    class Meta(CampaignPart.Meta):
        verbose_name = "phân công thực hiện"
        verbose_name_plural = "phân công thực hiện"

    def __str__(self) -> str:
        return self.party


class CampaignEvent(models.Model):
    """A step of the lifecycle or a change after launch: who, when, why. Never edited."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField("Thời điểm", auto_now_add=True)
    user = models.ForeignKey(User, verbose_name="Người thực hiện", null=True, on_delete=models.SET_NULL)
    from_status = models.CharField(max_length=16, choices=CampaignStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=CampaignStatus.choices, blank=True)
    action = models.CharField("Thao tác", max_length=255)
    reason = models.TextField("Lý do", blank=True)

    class Meta:
        verbose_name = "nhật ký phong trào"
        verbose_name_plural = "nhật ký phong trào"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return self.action


class Registration(models.Model):
    """Đăng ký thi đua: a unit takes part with its own commitments."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="registrations")
    unit = models.ForeignKey(Unit, verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="registrations")
    registered_by = models.ForeignKey(User, verbose_name="Người đăng ký", on_delete=models.PROTECT)
    registered_at = models.DateTimeField("Ngày đăng ký", auto_now_add=True)
    note = models.TextField("Ghi chú", blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "đăng ký thi đua"
        verbose_name_plural = "đăng ký thi đua"
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "unit"],
                name="registration_once",
                violation_error_message="Đơn vị đã đăng ký phong trào này.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.campaign}"


class Commitment(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="commitments")
    sector = models.ForeignKey(Sector, verbose_name="Lĩnh vực", null=True, blank=True, on_delete=models.PROTECT)
    text = models.TextField("Nội dung đăng ký")
    target_value = models.CharField("Chỉ tiêu phấn đấu", max_length=128, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "nội dung đăng ký"
        verbose_name_plural = "nội dung đăng ký"
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class FourEyesRule(models.Model):
    """Nguyên tắc bốn mắt: whether, in a Sở, the person who sent figures or a dossier may also approve them.

    No row means the rule applies: the approver (Văn phòng Sở) must be someone other than the sender (the unit's
    lãnh đạo), even when one person holds both roles. A Sở may turn it off — a small office where the head of
    Văn phòng also signs for a phòng — only with a reason. It is a row of its own rather than a field on Unit so
    that it keeps its own history (who turned it off, when, why) apart from the unit's record, is changed through
    its own service by the Sở's lãnh đạo or Quản trị (not by whoever edits the unit's address), and needs no new
    column on every unit of the tree.
    """

    unit = models.OneToOneField(Unit, verbose_name="Sở", on_delete=models.PROTECT, related_name="four_eyes_rule")
    required = models.BooleanField("Người duyệt phải khác người gửi", default=True)
    reason = models.TextField("Lý do", blank=True)
    changed_by = models.ForeignKey(
        User, verbose_name="Người thay đổi", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField("Thay đổi lúc", auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "nguyên tắc người duyệt khác người gửi"
        verbose_name_plural = "nguyên tắc người duyệt khác người gửi"
        constraints = [
            models.CheckConstraint(
                condition=Q(required=True) | ~Q(reason=""),
                name="four_eyes_off_needs_reason",
                violation_error_message="Vui lòng ghi lý do tắt nguyên tắc người duyệt khác người gửi.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {'áp dụng' if self.required else 'không áp dụng'}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.unit_id and self.unit.level != UnitLevel.SO:
            raise ValidationError({"unit": "Chỉ Sở (cấp sở, ban, ngành) đặt nguyên tắc này cho các đơn vị của mình."})
        if not self.required and not self.reason.strip():
            raise ValidationError({"reason": "Vui lòng ghi lý do tắt nguyên tắc người duyệt khác người gửi."})


# --- What documents cite and who signs them (the document layer reads these) --------------------------------


class LegalTopic(models.TextChoices):
    LUAT_TDKT = "luat_tdkt", "Luật Thi đua, khen thưởng"
    NGHI_DINH_TDKT = "nghi_dinh_tdkt", "Nghị định quy định chi tiết Luật Thi đua, khen thưởng"
    QUY_CHE_TINH = "quy_che_tinh", "Quy chế thi đua, khen thưởng của tỉnh"
    TO_CHUC = "to_chuc", "Chức năng, nhiệm vụ, quyền hạn của cơ quan"
    KHAC = "khac", "Khác"


class LegalDocument(Validity):
    """A legal text a generated document cites, with the dates it is in force (valid_from … valid_to).

    A document dated D cites, for each topic, only the texts in force on D: a 2023 decision cites Nghị định
    91/2017, a 2024 one 98/2023, a 2026 one 152/2025 — never "(từ 01/07/2025: …)". A text of a province applies
    only to that province's documents.
    """

    topic = models.CharField("Chủ đề", max_length=32, choices=LegalTopic.choices, default=LegalTopic.KHAC)
    doc_type = models.CharField("Loại văn bản", max_length=64, help_text="Luật, Nghị định, Thông tư, Quyết định, …")
    number = models.CharField("Số, ký hiệu", max_length=64, blank=True, help_text="Ví dụ: 98/2023/NĐ-CP")
    issued_on = models.DateField("Ngày ban hành", null=True, blank=True)
    issuer = models.CharField("Cơ quan ban hành", max_length=255, blank=True, help_text="Ví dụ: Chính phủ")
    title = models.TextField("Trích yếu", help_text="Ví dụ: quy định chi tiết thi hành một số điều của Luật …")
    province = models.CharField("Tỉnh (để trống: văn bản trung ương)", max_length=64, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name="Cơ quan được quy định (văn bản về chức năng, nhiệm vụ)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="legal_documents",
        help_text="Ví dụ: quyết định của UBND tỉnh quy định chức năng, nhiệm vụ, quyền hạn của Sở — căn cứ thẩm quyền "
        "của người ký.",
    )
    order = models.PositiveSmallIntegerField("Thứ tự trích dẫn", default=0)
    note = models.TextField("Ghi chú (nguồn đối chiếu, điều chưa kiểm chứng được)", blank=True)
    history = HistoricalRecords()

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = "văn bản pháp luật"
        verbose_name_plural = "văn bản pháp luật"
        ordering = ["order", "issued_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["doc_type", "number", "issuer"],
                condition=~Q(number=""),
                name="legal_document_unique_number",
                violation_error_message="Văn bản này đã có trong danh mục.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.doc_type} {self.number}".strip() if self.number else f"{self.doc_type} {self.title[:60]}"


class Signer(Validity):
    """Who signs a unit's documents over a period: quyền hạn (KT./TM./Q.), chức vụ and name (NĐ 30/2020 Phụ lục I
    mục 8). Scheduled reports take the campaign's signer or, failing that, the unit's signer valid on the date."""

    unit = models.ForeignKey(Unit, verbose_name="Đơn vị", on_delete=models.CASCADE, related_name="signers")
    authority = models.CharField(
        "Quyền hạn ký",
        max_length=128,
        blank=True,
        help_text="Để trống khi thủ trưởng ký; ví dụ: KT. GIÁM ĐỐC, TM. ỦY BAN NHÂN DÂN, Q. GIÁM ĐỐC.",
    )
    position = models.CharField("Chức vụ", max_length=128, help_text="Ví dụ: GIÁM ĐỐC, PHÓ GIÁM ĐỐC.")
    name = models.CharField("Họ và tên", max_length=128)
    history = HistoricalRecords()

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = "người ký văn bản"
        verbose_name_plural = "người ký văn bản"
        ordering = ["unit", "-valid_from", "pk"]

    def __str__(self) -> str:
        return f"{self.authority + ' ' if self.authority else ''}{self.position} {self.name}".strip()


# Models in their own modules: the unit tree through time (versions, organisation changes) and the registers of
# people (initiatives, yearly ratings, title prerequisites).
from campaigns.orgchart import *  # noqa: E402, F403
from campaigns.people import *  # noqa: E402, F403
