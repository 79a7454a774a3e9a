"""A Cụm or Khối thi đua at work through its year: the Bộ's assignment of the heads, the giao ước the members sign,
the scoring table (bảng chấm điểm) as data, each member's self-score with evidence, the heads' cross-check (every
adjustment kept), the meeting's ranking and the proposal of the Cờ thi đua and Bằng khen.

The cluster of a year and its members are campaigns.Cluster / ClusterMembership (role truong / pho / thanh_vien);
this app adds what happens inside it. A score keeps the criterion's version and bounds it was given under, so a
criterion edited after scoring started never changes a saved score.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from campaigns.models import AwardForm, Campaign, Cluster, Unit, User, Validity, ValidityQuerySet
from indicators.models import Indicator


def cluster_upload_to(instance, filename: str) -> str:
    """Names the portal chooses: the user's file name never reaches the file system."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"clusters/{uuid.uuid4().hex}.{extension[:5]}"


class Assignment(models.Model):
    """The organiser's decision naming the cluster's Cụm trưởng and Cụm phó for the year (số, ngày, cơ quan)."""

    cluster = models.OneToOneField(Cluster, on_delete=models.CASCADE, related_name="assignment")
    number = models.CharField("Số, ký hiệu quyết định", max_length=64, blank=True, help_text="Ví dụ: 125/QĐ-BTTTT")
    issued_on = models.DateField("Ngày ban hành", null=True, blank=True)
    issuer = models.CharField("Cơ quan ban hành", max_length=255, blank=True)
    recorded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "quyết định phân công cụm trưởng, cụm phó"
        verbose_name_plural = "quyết định phân công cụm trưởng, cụm phó"

    def __str__(self) -> str:
        return f"{self.number or 'Quyết định'} – {self.cluster}"

    @property
    def text(self) -> str:
        """ "Quyết định số 125/QĐ-BTTTT ngày 20/01/2023 của Bộ Thông tin và Truyền thông"."""
        parts = ["Quyết định"]
        if self.number:
            parts.append(f"số {self.number}")
        if self.issued_on:
            parts.append(f"ngày {self.issued_on:%d/%m/%Y}")
        if self.issuer:
            parts.append(f"của {self.issuer}")
        if not self.number and not self.issued_on:
            parts.append("(chưa ghi số, ngày)")
        return " ".join(parts)


# --- Giao ước thi đua ----------------------------------------------------------------------------------------------


class PledgeStatus(models.TextChoices):
    DU_THAO = "du_thao", "Dự thảo"
    DA_PHAT_DONG = "da_phat_dong", "Đã phát động ký kết"


class Pledge(models.Model):
    """Giao ước thi đua: the cluster's pledge for the year, launched by the Cụm trưởng, signed by every member."""

    cluster = models.OneToOneField(Cluster, on_delete=models.CASCADE, related_name="pledge")
    title = models.CharField("Tên giao ước", max_length=500)
    contents = models.TextField("Nội dung giao ước")
    status = models.CharField("Trạng thái", max_length=16, choices=PledgeStatus.choices, default=PledgeStatus.DU_THAO)
    launched_at = models.DateTimeField("Phát động lúc", null=True, blank=True)
    launched_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "giao ước thi đua"
        verbose_name_plural = "giao ước thi đua"

    def __str__(self) -> str:
        return self.title

    @property
    def is_launched(self) -> bool:
        return self.status == PledgeStatus.DA_PHAT_DONG


class PledgeTarget(models.Model):
    """A target the pledge sets for every member (with the indicator it is measured by, when there is one)."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="targets")
    text = models.CharField("Chỉ tiêu", max_length=500)
    indicator = models.ForeignKey(
        Indicator, verbose_name="Đo bằng chỉ tiêu", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "chỉ tiêu giao ước"
        verbose_name_plural = "chỉ tiêu giao ước"

    def __str__(self) -> str:
        return self.text


class PledgeSignature(models.Model):
    """A member signed the pledge: who, when, and the signed copy (PDF, checked by content)."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="signatures")
    unit = models.ForeignKey(Unit, verbose_name="Thành viên", on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(User, verbose_name="Người ký", on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField("Ký lúc", auto_now_add=True)
    file = models.FileField("Bản giao ước đã ký", upload_to=cluster_upload_to)
    file_name = models.CharField(max_length=255)

    class Meta:
        verbose_name = "chữ ký giao ước"
        verbose_name_plural = "chữ ký giao ước"
        constraints = [
            models.UniqueConstraint(
                fields=["pledge", "unit"], name="pledge_signed_once", violation_error_message="Đơn vị đã ký giao ước."
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.pledge}"


# --- The scoring table (bảng chấm điểm) ------------------------------------------------------------------------------


class ScoringTable(Validity):
    """The points table the organiser sets for its Khối or Cụm, for a period (the Bộ's rules change)."""

    name = models.CharField("Tên bảng điểm", max_length=500)
    organiser = models.ForeignKey(Unit, verbose_name="Cơ quan ban hành", on_delete=models.PROTECT, related_name="+")
    source = models.CharField("Căn cứ", max_length=500, blank=True, help_text="Văn bản ban hành bảng điểm.")
    note = models.TextField("Ghi chú", blank=True)
    history = HistoricalRecords()

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = "bảng chấm điểm thi đua"
        verbose_name_plural = "bảng chấm điểm thi đua"
        ordering = ["-valid_from", "pk"]

    def __str__(self) -> str:
        return self.name


class CriterionGroup(models.Model):
    table = models.ForeignKey(ScoringTable, on_delete=models.CASCADE, related_name="groups")
    code = models.CharField("Mục", max_length=16, help_text="I, II, III…")
    name = models.CharField("Nhóm tiêu chí", max_length=500)
    max_points = models.DecimalField("Điểm tối đa của nhóm", max_digits=7, decimal_places=2, null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "nhóm tiêu chí"
        verbose_name_plural = "nhóm tiêu chí"

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class ScoringKind(models.TextChoices):
    AUTO = "tu_dong", "Tự động theo chỉ tiêu (số liệu đã duyệt)"
    YES_NO = "co_khong", "Có / không"
    SCALE = "thang_diem", "Thang điểm"
    BONUS = "cong", "Điểm cộng"
    PENALTY = "tru", "Điểm trừ"


class Criterion(models.Model):
    """One row of the table. Editing it raises `version`; scores keep the version and bounds they were given under."""

    group = models.ForeignKey(CriterionGroup, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField("Số thứ tự", max_length=16)
    text = models.TextField("Tiêu chí")
    kind = models.CharField("Cách chấm", max_length=16, choices=ScoringKind.choices)
    min_points = models.DecimalField("Điểm tối thiểu", max_digits=7, decimal_places=2, default=Decimal(0))
    max_points = models.DecimalField("Điểm tối đa", max_digits=7, decimal_places=2)
    indicator = models.ForeignKey(
        Indicator,
        verbose_name="Chỉ tiêu (chấm tự động)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField("Ghi chú", blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField("Phiên bản", default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "tiêu chí chấm điểm"
        verbose_name_plural = "tiêu chí chấm điểm"
        constraints = [
            models.CheckConstraint(
                condition=Q(max_points__gte=models.F("min_points")),
                name="criterion_bounds_ordered",
                violation_error_message="Điểm tối đa phải lớn hơn hoặc bằng điểm tối thiểu.",
            ),
            models.CheckConstraint(
                condition=~Q(kind="tu_dong") | Q(indicator__isnull=False),
                name="criterion_auto_has_indicator",
                violation_error_message="Tiêu chí chấm tự động phải gắn với một chỉ tiêu.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.text[:80]}"


class AwardQuota(Validity):
    """How many members of one cluster the table lets the meeting propose for an award form (Cờ thi đua, Bằng
    khen), for a period. Data, not a constant: the Bộ's rules set it and change it."""

    table = models.ForeignKey(ScoringTable, on_delete=models.CASCADE, related_name="quotas")
    award_form = models.ForeignKey(AwardForm, verbose_name="Hình thức", on_delete=models.PROTECT, related_name="+")
    max_count = models.PositiveSmallIntegerField("Số đơn vị tối đa mỗi cụm")
    min_points = models.DecimalField("Tổng điểm tối thiểu", max_digits=7, decimal_places=2, null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    note = models.TextField("Ghi chú", blank=True)

    objects = ValidityQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "số lượng đề nghị khen thưởng của cụm"
        verbose_name_plural = "số lượng đề nghị khen thưởng của cụm"

    def __str__(self) -> str:
        return f"{self.award_form}: {self.max_count}"


# --- A year's scoring -----------------------------------------------------------------------------------------------


class RoundStatus(models.TextChoices):
    TU_CHAM = "tu_cham", "Thành viên tự chấm"
    CHAM_CHEO = "cham_cheo", "Cụm trưởng, Cụm phó chấm chéo"
    THONG_NHAT = "thong_nhat", "Hội nghị Cụm đã thống nhất"
    CONG_BO = "cong_bo", "Đã công bố"


ROUND_ORDER = [RoundStatus.TU_CHAM, RoundStatus.CHAM_CHEO, RoundStatus.THONG_NHAT, RoundStatus.CONG_BO]


class ScoringRound(models.Model):
    """The cluster's scoring of its year, with the meeting that agreed it."""

    cluster = models.OneToOneField(Cluster, on_delete=models.CASCADE, related_name="scoring")
    table = models.ForeignKey(ScoringTable, verbose_name="Bảng điểm", on_delete=models.PROTECT, related_name="rounds")
    campaign = models.ForeignKey(
        Campaign,
        verbose_name="Phong trào của cụm",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Chỉ tiêu và số liệu đã duyệt của phong trào này dùng cho tiêu chí chấm tự động.",
    )
    status = models.CharField("Trạng thái", max_length=16, choices=RoundStatus.choices, default=RoundStatus.TU_CHAM)
    meeting_date = models.DateField("Ngày họp Cụm", null=True, blank=True)
    meeting_place = models.CharField("Địa điểm họp", max_length=255, blank=True)
    meeting_present = models.TextField("Thành phần dự họp", blank=True)
    meeting_secretary = models.CharField("Thư ký hội nghị", max_length=128, blank=True)
    meeting_number = models.CharField("Số biên bản", max_length=32, blank=True)
    agreed_at = models.DateTimeField("Thống nhất lúc", null=True, blank=True)
    published_at = models.DateTimeField("Công bố lúc", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "đợt chấm điểm của cụm"
        verbose_name_plural = "đợt chấm điểm của cụm"

    def __str__(self) -> str:
        return f"Chấm điểm {self.cluster}"

    @property
    def is_published(self) -> bool:
        return self.status == RoundStatus.CONG_BO


class Score(models.Model):
    """A member's points for one criterion: what it gave itself, what stands after the cross-check, and the
    criterion's version and bounds at the time it was first scored."""

    round = models.ForeignKey(ScoringRound, on_delete=models.CASCADE, related_name="scores")
    unit = models.ForeignKey(Unit, verbose_name="Thành viên", on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    criterion_version = models.PositiveIntegerField("Phiên bản tiêu chí đã dùng")
    kind = models.CharField("Cách chấm", max_length=16, choices=ScoringKind.choices)
    min_points = models.DecimalField("Điểm tối thiểu đã dùng", max_digits=7, decimal_places=2)
    max_points = models.DecimalField("Điểm tối đa đã dùng", max_digits=7, decimal_places=2)
    self_points = models.DecimalField("Điểm tự chấm", max_digits=7, decimal_places=2, null=True, blank=True)
    points = models.DecimalField("Điểm", max_digits=7, decimal_places=2, null=True, blank=True)
    explanation = models.TextField("Giải trình, minh chứng", blank=True)
    auto_basis = models.CharField("Căn cứ chấm tự động", max_length=255, blank=True)
    updated_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "điểm thi đua"
        verbose_name_plural = "điểm thi đua"
        constraints = [
            models.UniqueConstraint(fields=["round", "unit", "criterion"], name="score_once_per_criterion"),
            models.CheckConstraint(
                condition=Q(points__isnull=True)
                | Q(points__gte=models.F("min_points"), points__lte=models.F("max_points")),
                name="score_within_bounds",
                violation_error_message="Điểm nằm ngoài khung điểm của tiêu chí.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.criterion.code}: {self.points}"

    @property
    def adjusted(self) -> bool:
        return self.self_points is not None and self.points != self.self_points


class ScoreEvidence(models.Model):
    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField("Tệp minh chứng", upload_to=cluster_upload_to)
    name = models.CharField("Tên tệp", max_length=255)
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "minh chứng chấm điểm"
        verbose_name_plural = "minh chứng chấm điểm"

    def __str__(self) -> str:
        return self.name


class ScoreAdjustment(models.Model):
    """A head changed a member's points in the cross-check: from → to, why, who, for which member of the heads.
    Never edited."""

    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="adjustments")
    from_points = models.DecimalField("Điểm trước", max_digits=7, decimal_places=2, null=True)
    to_points = models.DecimalField("Điểm sau", max_digits=7, decimal_places=2)
    comment = models.TextField("Nhận xét")
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    by_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "điều chỉnh điểm"
        verbose_name_plural = "điều chỉnh điểm"

    def __str__(self) -> str:
        return f"{self.from_points} → {self.to_points}"


class TieDecision(models.Model):
    """The meeting's decision on members the documented rule leaves tied: their order (1 first)."""

    round = models.ForeignKey(ScoringRound, on_delete=models.CASCADE, related_name="tie_decisions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField("Thứ tự do hội nghị quyết định")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="tie_decision_once")]

    def __str__(self) -> str:
        return f"{self.unit} – thứ tự {self.position}"


class Standing(models.Model):
    """The ranking the meeting agreed, frozen when it agreed: what is published."""

    round = models.ForeignKey(ScoringRound, on_delete=models.CASCADE, related_name="standings")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveSmallIntegerField("Xếp hạng")
    total = models.DecimalField("Tổng điểm", max_digits=8, decimal_places=2)
    first_group = models.DecimalField("Điểm nhóm I", max_digits=8, decimal_places=2)
    penalty = models.DecimalField("Điểm trừ", max_digits=8, decimal_places=2)
    decided_by_meeting = models.BooleanField("Hội nghị quyết định thứ tự", default=False)

    class Meta:
        ordering = ["rank", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="standing_once")]

    def __str__(self) -> str:
        return f"{self.rank}. {self.unit}"


class Proposal(models.Model):
    """The cluster proposes a member for an award form of the organiser; it is carried by an awards Dossier."""

    round = models.ForeignKey(ScoringRound, on_delete=models.CASCADE, related_name="proposals")
    award_form = models.ForeignKey(AwardForm, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveSmallIntegerField("Xếp hạng")
    dossier = models.ForeignKey("awards.Dossier", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["award_form__order", "rank"]
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="proposal_once_per_member")]

    def __str__(self) -> str:
        return f"{self.award_form} – {self.unit}"
