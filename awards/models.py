"""Awards (khen thưởng): dossiers with their Tờ trình, Biên bản and nominees' Mẫu 07 reports, the review,
the council's vote, the decision and the award register.

Vote thresholds, secret ballots and the like are rules with validity dates (VoteRule), never constants.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from campaigns.models import (
    AwardForm,
    AwardTarget,
    Campaign,
    Milestone,
    Signer,
    Unit,
    User,
    Validity,
    ValidityQuerySet,
)


def overlapping(instance: Validity, **same) -> Validity | None:
    """Another row with the same key whose dates overlap this one's (open ends count as forever)."""
    others = type(instance)._default_manager.filter(**same).exclude(pk=instance.pk)
    if instance.valid_to is not None:
        others = others.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=instance.valid_to))
    if instance.valid_from is not None:
        others = others.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=instance.valid_from))
    return others.first()


def _period(row: Validity) -> str:
    start = f"{row.valid_from:%d/%m/%Y}" if row.valid_from else "…"
    end = f"{row.valid_to:%d/%m/%Y}" if row.valid_to else "nay"
    return f"{start} – {end}"


class DatedRule(Validity):
    """A rule with validity dates: versions of the same rule (same `overlap_key`) may not overlap. clean() says so
    on every database; on PostgreSQL an exclusion constraint (migration 0005) refuses it in the database too."""

    overlap_key: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."})
        key = {name: getattr(self, name) for name in self.overlap_key}
        if any(v is None for k, v in key.items() if k.endswith("_id")):
            return
        other = overlapping(self, **key)
        if other is not None:
            raise ValidationError(
                f"Trùng thời gian hiệu lực với phiên bản khác của quy định này ({_period(other)}): kết thúc phiên "
                "bản cũ trước ngày phiên bản mới bắt đầu."
            )


class VoteRule(DatedRule):
    """How the council passes a nominee for an award form, for a period of law (NĐ 98/2023 Điều 30.7:
    counted on the council's total membership)."""

    overlap_key = ("award_form_id",)

    award_form = models.ForeignKey(
        AwardForm, verbose_name="Hình thức", on_delete=models.CASCADE, related_name="vote_rules"
    )
    threshold_percent = models.DecimalField("Tỷ lệ phiếu đồng ý tối thiểu (%)", max_digits=5, decimal_places=2)
    counted_on_total = models.BooleanField("Tính trên tổng số thành viên hội đồng", default=True)
    secret_ballot = models.BooleanField("Bỏ phiếu kín", default=False)
    legal_basis = models.CharField("Căn cứ", max_length=255, blank=True)
    note = models.TextField("Ghi chú (điều chưa đối chiếu được)", blank=True)
    history = HistoricalRecords()

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = "quy tắc biểu quyết"
        verbose_name_plural = "quy tắc biểu quyết"
        constraints = [
            models.CheckConstraint(
                condition=Q(threshold_percent__gte=0, threshold_percent__lte=100),
                name="vote_rule_percent",
                violation_error_message="Tỷ lệ phải từ 0 đến 100 %%.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_form}: ≥ {self.threshold_percent} %"


class Rating(models.TextChoices):
    XUAT_SAC = "xuat_sac", "Hoàn thành xuất sắc nhiệm vụ"
    TOT = "tot", "Hoàn thành tốt nhiệm vụ"
    HOAN_THANH = "hoan_thanh", "Hoàn thành nhiệm vụ"
    KHONG = "khong", "Không hoàn thành nhiệm vụ"


class AwardStandard(Validity):
    """Tiêu chuẩn khen thưởng: what a nominee must meet to be proposed for an award form.

    Standards change with the law and differ between plans (seed 004 §III.2 sets its own for the Giấy khen of the
    Giám đốc Sở), so they are data with validity dates. For a nominee the most specific standard valid on the
    round's date applies: the campaign's own before the general one, the award form's own before one for every
    form of that kind (tập thể / cá nhân).
    """

    target = models.CharField("Đối tượng", max_length=16, choices=AwardTarget.choices)
    award_form = models.ForeignKey(
        AwardForm,
        verbose_name="Hình thức (để trống: mọi hình thức của đối tượng)",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="standards",
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name="Phong trào (để trống: mọi phong trào)",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="award_standards",
    )
    min_rating = models.CharField("Cá nhân: xếp loại tối thiểu", max_length=16, choices=Rating.choices, blank=True)
    initiative_alternative = models.BooleanField(
        "Cá nhân: sáng kiến, đề tài được công nhận có thể thay cho xếp loại", default=False
    )
    no_discipline = models.BooleanField("Không bị kỷ luật (tập thể: không thành viên nào)", default=True)
    targets_achieved_percent = models.DecimalField(
        "Tập thể: tỷ lệ chỉ tiêu đạt tối thiểu (%)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    members_all_good = models.BooleanField("Tập thể: mọi thành viên hoàn thành tốt nhiệm vụ trở lên", default=False)
    members_excellent_min = models.PositiveSmallIntegerField(
        "Tập thể: số thành viên hoàn thành xuất sắc tối thiểu", null=True, blank=True
    )
    legal_basis = models.CharField("Căn cứ", max_length=255, blank=True)
    history = HistoricalRecords()

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = "tiêu chuẩn khen thưởng"
        verbose_name_plural = "tiêu chuẩn khen thưởng"
        constraints = [
            models.CheckConstraint(
                condition=Q(targets_achieved_percent__isnull=True)
                | Q(targets_achieved_percent__gte=0, targets_achieved_percent__lte=100),
                name="award_standard_percent",
                violation_error_message="Tỷ lệ phải từ 0 đến 100 %%.",
            ),
        ]

    def __str__(self) -> str:
        scope = self.award_form.name if self.award_form_id else f"mọi hình thức ({self.get_target_display().lower()})"
        return f"Tiêu chuẩn {scope}" + (f" – {self.campaign}" if self.campaign_id else "")

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.award_form_id and self.award_form.target != self.target:
            raise ValidationError({"award_form": "Hình thức này không dành cho đối tượng đã chọn."})
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."})


class Authority(models.TextChoices):
    """Who confers (cấp quyết định): the issuer of the Quyết định."""

    GIAM_DOC_SO = "giam_doc_so", "Giám đốc Sở"
    CHU_TICH_UBND_HUYEN = "chu_tich_ubnd_huyen", "Chủ tịch UBND huyện"
    CHU_TICH_UBND_TINH = "chu_tich_ubnd_tinh", "Chủ tịch UBND tỉnh"
    BO_TRUONG = "bo_truong", "Bộ trưởng"
    THU_TUONG = "thu_tuong", "Thủ tướng Chính phủ"


class CouncilStep(models.TextChoices):
    BIEU_QUYET = "bieu_quyet", "Hội đồng bỏ phiếu, đạt ngưỡng theo quy tắc biểu quyết"
    XEM_XET = "xem_xet", "Hội đồng xem xét danh sách (không có ngưỡng bỏ phiếu kín)"
    KHONG = "khong", "Không qua Hội đồng của Sở"


class AwardPath(DatedRule):
    """The path of an award form under the law of its dates: who proposes, who appraises, how the council
    decides, who confers, and whether the Sở forwards it to a higher level by Tờ trình. A province's own row
    (province set) is preferred over the general one."""

    overlap_key = ("award_form_id", "province")

    award_form = models.ForeignKey(AwardForm, verbose_name="Hình thức", on_delete=models.CASCADE, related_name="paths")
    province = models.CharField("Tỉnh (để trống: mọi tỉnh)", max_length=64, blank=True)
    proposer = models.CharField("Cấp đề nghị", max_length=255)
    appraiser = models.CharField("Cơ quan thẩm định", max_length=255)
    council = models.CharField("Hội đồng TĐKT", max_length=16, choices=CouncilStep.choices)
    unit_review = models.BooleanField("Đơn vị bình xét, có Biên bản họp", default=True)
    conferrer = models.CharField("Cấp quyết định", max_length=32, choices=Authority.choices)
    forwarded = models.BooleanField("Sở trình cấp trên bằng Tờ trình", default=False)
    legal_basis = models.CharField("Căn cứ", max_length=255)
    note = models.TextField("Ghi chú (điều chưa đối chiếu được)", blank=True)
    history = HistoricalRecords()

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = "quy trình khen thưởng"
        verbose_name_plural = "quy trình khen thưởng"
        ordering = ["award_form__order", "award_form_id", "province", "valid_from"]

    def __str__(self) -> str:
        return f"{self.award_form}: {self.get_conferrer_display()} ({_period(self)})"

    @property
    def votes(self) -> bool:
        return self.council == CouncilStep.BIEU_QUYET


class LeaderShareRule(DatedRule):
    """The leaders' share cap (cá nhân là lãnh đạo từ Phó trưởng phòng trở lên) of a province for an award form,
    counted over all the Sở's proposals for that form in a round."""

    overlap_key = ("award_form_id", "province")

    award_form = models.ForeignKey(
        AwardForm, verbose_name="Hình thức", on_delete=models.CASCADE, related_name="leader_rules"
    )
    province = models.CharField("Tỉnh (để trống: mọi tỉnh)", max_length=64, blank=True)
    max_percent = models.DecimalField("Tỷ lệ lãnh đạo tối đa (%)", max_digits=5, decimal_places=2)
    legal_basis = models.CharField("Căn cứ", max_length=255)
    note = models.TextField("Ghi chú (điều chưa đối chiếu được)", blank=True)
    history = HistoricalRecords()

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = "tỷ lệ lãnh đạo tối đa"
        verbose_name_plural = "tỷ lệ lãnh đạo tối đa"
        constraints = [
            models.CheckConstraint(
                condition=Q(max_percent__gte=0, max_percent__lte=100),
                name="leader_rule_percent",
                violation_error_message="Tỷ lệ phải từ 0 đến 100 %%.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_form}: lãnh đạo ≤ {self.max_percent.normalize():f} % ({self.province or 'mọi tỉnh'})"


class BaseSalary(DatedRule):
    """Mức lương cơ sở, the base the award amounts are multiplied from."""

    overlap_key = ()

    amount = models.DecimalField("Mức lương cơ sở (đồng/tháng)", max_digits=12, decimal_places=0)
    legal_basis = models.CharField("Căn cứ", max_length=255)
    note = models.TextField("Ghi chú (điều chưa đối chiếu được)", blank=True)
    history = HistoricalRecords()

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = "mức lương cơ sở"
        verbose_name_plural = "mức lương cơ sở"
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="base_salary_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.amount:,.0f} đ ({_period(self)})".replace(",", ".")


class AwardAmount(DatedRule):
    """The coefficient (hệ số) of the lương cơ sở an award form carries, under the decree of its dates, and how the
    product is rounded."""

    overlap_key = ("award_form_id",)

    award_form = models.ForeignKey(
        AwardForm, verbose_name="Hình thức", on_delete=models.CASCADE, related_name="amounts"
    )
    coefficient = models.DecimalField("Hệ số mức lương cơ sở", max_digits=5, decimal_places=2)
    round_to = models.PositiveIntegerField(
        "Làm tròn lên đến (đồng)",
        default=0,
        help_text="Ví dụ 10000: làm tròn lên hàng chục nghìn đồng; 0: không làm tròn.",
    )
    legal_basis = models.CharField("Căn cứ", max_length=255)
    note = models.TextField("Ghi chú (điều chưa đối chiếu được)", blank=True)
    history = HistoricalRecords()

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = "mức tiền thưởng"
        verbose_name_plural = "mức tiền thưởng"
        constraints = [
            models.CheckConstraint(condition=Q(coefficient__gte=0), name="award_amount_coefficient"),
        ]

    def __str__(self) -> str:
        return f"{self.award_form}: {self.coefficient} × lương cơ sở ({_period(self)})"


class RoundKind(models.TextChoices):
    SO_KET = "so_ket", "Sơ kết"
    TONG_KET = "tong_ket", "Tổng kết"
    NAM = "nam", "Bình xét cuối năm"
    DOT_XUAT = "dot_xuat", "Đột xuất"


class DossierStatus(models.TextChoices):
    NHAP = "nhap", "Nháp"
    DA_GUI = "da_gui", "Đã gửi"
    DANG_THAM_DINH = "dang_tham_dinh", "Đang thẩm định"
    YEU_CAU_BO_SUNG = "yeu_cau_bo_sung", "Yêu cầu bổ sung"
    HOP_LE = "hop_le", "Hợp lệ"
    DA_XET = "da_xet", "Đã xét"
    DA_QUYET_DINH = "da_quyet_dinh", "Đã quyết định"
    DA_TRINH = "da_trinh", "Đã trình cấp trên"


def dossier_upload_to(instance, filename: str) -> str:
    """Names the portal chooses: the user's file name never reaches the file system."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    dossier_id = getattr(instance, "dossier_id", None) or getattr(instance, "pk", None) or "moi"
    return f"dossiers/{dossier_id}/{uuid.uuid4().hex}.{extension[:5]}"


class Dossier(models.Model):
    """Hồ sơ đề nghị khen thưởng: one set ("01 bộ") from a unit for a campaign's round."""

    campaign = models.ForeignKey(Campaign, verbose_name="Phong trào", on_delete=models.PROTECT, related_name="dossiers")
    unit = models.ForeignKey(Unit, verbose_name="Đơn vị đề nghị", on_delete=models.PROTECT, related_name="dossiers")
    round_kind = models.CharField("Đợt", max_length=16, choices=RoundKind.choices)
    milestone = models.ForeignKey(
        Milestone,
        verbose_name="Mốc (sơ kết, tổng kết)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField("Năm")
    status = models.CharField("Trạng thái", max_length=16, choices=DossierStatus.choices, default=DossierStatus.NHAP)
    # Tờ trình of the unit
    submission_number = models.CharField("Số Tờ trình", max_length=64, blank=True)
    submission_date = models.DateField("Ngày Tờ trình", null=True, blank=True)
    submission_signer = models.CharField("Người ký Tờ trình", max_length=128, blank=True)
    submission_file = models.FileField("Tờ trình đã ký", upload_to=dossier_upload_to, blank=True)
    submission_file_name = models.CharField(max_length=255, blank=True)
    # Biên bản of the unit's Hội đồng TĐKT
    minutes_date = models.DateField("Ngày họp hội đồng đơn vị", null=True, blank=True)
    minutes_members_total = models.PositiveSmallIntegerField("Tổng số thành viên hội đồng", null=True, blank=True)
    minutes_members_present = models.PositiveSmallIntegerField("Số thành viên có mặt", null=True, blank=True)
    minutes_file = models.FileField("Biên bản đã ký", upload_to=dossier_upload_to, blank=True)
    minutes_file_name = models.CharField(max_length=255, blank=True)
    note = models.TextField("Ghi chú", blank=True)
    submitted_at = models.DateTimeField("Gửi lúc", null=True, blank=True)
    submitted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status_changed_at = models.DateTimeField("Chuyển trạng thái lúc", auto_now_add=True)
    review_round = models.PositiveSmallIntegerField("Lần thẩm định", default=0)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "hồ sơ đề nghị khen thưởng"
        verbose_name_plural = "hồ sơ đề nghị khen thưởng"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes_members_present__isnull=True)
                | Q(minutes_members_total__isnull=True)
                | Q(minutes_members_present__lte=models.F("minutes_members_total")),
                name="dossier_present_within_total",
                violation_error_message="Số thành viên có mặt không được lớn hơn tổng số thành viên.",
            ),
        ]

    def __str__(self) -> str:
        return f"Hồ sơ {self.unit} – {self.get_round_kind_display()} {self.year}"

    @property
    def is_editable(self) -> bool:
        return self.status in (DossierStatus.NHAP, DossierStatus.YEU_CAU_BO_SUNG)


class Gender(models.TextChoices):
    NAM = "nam", "Nam"
    NU = "nu", "Nữ"


class Nominee(models.Model):
    """A person or a collective proposed for an award form, with the facts of its Báo cáo thành tích (Mẫu 07)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="nominees")
    kind = models.CharField("Đối tượng", max_length=16, choices=AwardTarget.choices)
    award_form = models.ForeignKey(
        AwardForm, verbose_name="Hình thức đề nghị", on_delete=models.PROTECT, related_name="+"
    )
    # A person
    person = models.ForeignKey(
        User,
        verbose_name="Tài khoản (nếu có)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="nominations",
    )
    full_name = models.CharField("Họ và tên / tên tập thể", max_length=255)
    birth_date = models.DateField("Ngày sinh", null=True, blank=True)
    gender = models.CharField("Giới tính", max_length=8, choices=Gender.choices, blank=True)
    hometown = models.CharField("Quê quán", max_length=255, blank=True)
    residence = models.CharField("Trú quán", max_length=255, blank=True)
    position = models.CharField("Chức vụ", max_length=255, blank=True)
    work_unit = models.CharField("Đơn vị công tác", max_length=255, blank=True)
    education = models.CharField("Trình độ chuyên môn", max_length=255, blank=True)
    academic_title = models.CharField("Học hàm, học vị", max_length=128, blank=True)
    is_leader = models.BooleanField("Là lãnh đạo (từ Phó trưởng phòng trở lên)", default=False)
    rating = models.CharField("Xếp loại năm", max_length=16, choices=Rating.choices, blank=True)
    disciplined = models.BooleanField("Đang bị kỷ luật, điều tra hoặc khiếu nại", default=False)
    initiative = models.TextField("Sáng kiến, đề tài được công nhận", blank=True)
    initiatives = models.ManyToManyField(
        "campaigns.Initiative", verbose_name="Sáng kiến trong sổ sáng kiến", blank=True, related_name="nominees"
    )
    # A collective
    collective_unit = models.ForeignKey(
        Unit, verbose_name="Tập thể (đơn vị)", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    members_total = models.PositiveIntegerField("Tổng số thành viên", null=True, blank=True)
    members_excellent = models.PositiveIntegerField("Số hoàn thành xuất sắc nhiệm vụ", null=True, blank=True)
    members_good = models.PositiveIntegerField("Số hoàn thành tốt nhiệm vụ", null=True, blank=True)
    members_disciplined = models.PositiveIntegerField("Số bị kỷ luật (cảnh cáo trở lên)", null=True, blank=True)
    # Báo cáo thành tích (Mẫu 07)
    characteristics = models.TextField("Đặc điểm, tình hình (tập thể)", blank=True)
    duties = models.TextField("Quyền hạn, nhiệm vụ được giao", blank=True)
    achievements = models.TextField("Thành tích đạt được", blank=True)
    measures = models.TextField("Biện pháp, giải pháp, sáng kiến", blank=True)
    summary = models.TextField("Tóm tắt thành tích", blank=True)
    signed_report = models.FileField("Báo cáo thành tích đã ký (bản quét)", upload_to=dossier_upload_to, blank=True)
    signed_report_name = models.CharField(max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "người, tập thể được đề nghị"
        verbose_name_plural = "người, tập thể được đề nghị"
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(members_total__isnull=True)
                | (Q(members_excellent__isnull=True) | Q(members_excellent__lte=models.F("members_total"))),
                name="nominee_members_within_total",
                violation_error_message="Số thành viên theo xếp loại không được vượt tổng số thành viên.",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name


class PriorAward(models.Model):
    """Part III of Mẫu 07: danh hiệu thi đua and hình thức khen thưởng already received."""

    nominee = models.ForeignKey(Nominee, on_delete=models.CASCADE, related_name="prior_awards")
    year = models.PositiveSmallIntegerField("Năm")
    is_title = models.BooleanField("Là danh hiệu thi đua", default=False)
    name = models.CharField("Danh hiệu / hình thức", max_length=255)
    decision = models.CharField("Số, ngày quyết định, cơ quan ban hành", max_length=255, blank=True)

    class Meta:
        ordering = ["year", "pk"]

    def __str__(self) -> str:
        return f"{self.year}: {self.name}"


class Comment(models.Model):
    """Văn phòng Sở's request for a correction, on the dossier, one of its documents or a nominee."""

    TARGETS = [("ho_so", "Hồ sơ"), ("to_trinh", "Tờ trình"), ("bien_ban", "Biên bản"), ("nominee", "Người, tập thể")]

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="comments")
    review_round = models.PositiveSmallIntegerField("Lần thẩm định")
    target = models.CharField("Về", max_length=16, choices=TARGETS, default="ho_so")
    nominee = models.ForeignKey(Nominee, null=True, blank=True, on_delete=models.CASCADE, related_name="comments")
    text = models.TextField("Nội dung")
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["review_round", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class DossierEvent(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    from_status = models.CharField(max_length=16, choices=DossierStatus.choices)
    to_status = models.CharField(max_length=16, choices=DossierStatus.choices)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class CheckOverride(models.Model):
    """Văn phòng Sở accepts a failed check with a written reason (only the checks that allow it)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="overrides")
    code = models.CharField(max_length=64)
    reason = models.TextField("Lý do")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["dossier", "code"], name="override_once_per_check")]

    def __str__(self) -> str:
        return f"{self.code}: {self.reason[:60]}"


class CheckResult(models.Model):
    """A check as it was judged when the dossier was sent: the rule it used (kind, id, version) and the values it
    read, so that a rule edited later never changes a dossier already judged."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="check_results")
    sending = models.PositiveSmallIntegerField("Lần gửi")
    code = models.CharField(max_length=64)
    label = models.CharField(max_length=255)
    ok = models.BooleanField()
    message = models.TextField(blank=True)
    overridable = models.BooleanField(default=False)
    basis = models.CharField(max_length=255, blank=True)
    rule_kind = models.CharField("Loại quy định", max_length=64, blank=True)
    rule_id = models.PositiveIntegerField("Mã quy định", null=True, blank=True)
    rule_version = models.PositiveIntegerField("Phiên bản quy định (lịch sử)", null=True, blank=True)
    values = models.JSONField("Giá trị đã dùng", default=dict, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    judged_at = models.DateTimeField("Kiểm tra lúc")

    class Meta:
        ordering = ["sending", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "sending", "code"], name="check_result_once_per_sending"),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {'đạt' if self.ok else 'chưa đạt'}"


class Meeting(models.Model):
    """A meeting of the Sở's Hội đồng TĐKT that votes on the valid dossiers' nominees."""

    owner = models.ForeignKey(Unit, verbose_name="Đơn vị (Sở)", on_delete=models.PROTECT, related_name="award_meetings")
    campaign = models.ForeignKey(Campaign, verbose_name="Phong trào", on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField("Ngày họp")
    members_total = models.PositiveSmallIntegerField("Tổng số thành viên hội đồng")
    members_present = models.PositiveSmallIntegerField("Số thành viên có mặt")
    # The names of who chaired and who kept the minutes; with the attendance list (MeetingMember) they are the
    # chủ trì's and thư ký's rows, copied here by the service so lists and notifications need no join.
    chair = models.CharField("Chủ trì", max_length=128, blank=True)
    secretary = models.CharField("Thư ký", max_length=128, blank=True)
    location = models.CharField("Địa điểm", max_length=255, blank=True)
    started_at = models.TimeField("Bắt đầu lúc", null=True, blank=True)
    ended_at = models.TimeField("Kết thúc lúc", null=True, blank=True)
    minutes_number = models.CharField(
        "Số biên bản", max_length=64, blank=True, help_text="Ví dụ: 01 (in thành 01/BB-HĐTĐKT). Để trống: điền tay."
    )
    note = models.TextField("Ghi chú", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "phiên họp hội đồng"
        verbose_name_plural = "phiên họp hội đồng"
        ordering = ["-held_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(members_present__lte=models.F("members_total")),
                name="meeting_present_within_total",
                violation_error_message="Số thành viên có mặt không được lớn hơn tổng số thành viên.",
            ),
            models.CheckConstraint(
                condition=Q(started_at__isnull=True)
                | Q(ended_at__isnull=True)
                | Q(ended_at__gt=models.F("started_at")),
                name="meeting_ends_after_start",
                violation_error_message="Giờ kết thúc phải sau giờ bắt đầu.",
            ),
        ]

    def __str__(self) -> str:
        return f"Họp Hội đồng TĐKT ngày {self.held_on:%d/%m/%Y}"


class MemberRole(models.TextChoices):
    CHU_TRI = "chu_tri", "Chủ trì"
    THU_KY = "thu_ky", "Thư ký"
    THANH_VIEN = "thanh_vien", "Thành viên"


class MeetingMember(models.Model):
    """Who attended (or not) a council meeting, as the Biên bản lists them: name, chức vụ, role at the meeting,
    present or absent, and whether an absent member voted in writing (NĐ 98/2023 Điều 30.7). The thư ký may be
    a Văn phòng officer who is not a council member (`is_member`): then not counted in the membership."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="members")
    name = models.CharField("Họ và tên", max_length=128)
    position = models.CharField(
        "Chức vụ", max_length=255, blank=True, help_text="Ví dụ: Phó Giám đốc Sở, Phó Chủ tịch Hội đồng"
    )
    role = models.CharField("Vai trò", max_length=16, choices=MemberRole.choices, default=MemberRole.THANH_VIEN)
    is_member = models.BooleanField("Là thành viên hội đồng", default=True)
    present = models.BooleanField("Có mặt", default=True)
    written_vote = models.BooleanField("Vắng mặt, có phiếu biểu quyết bằng văn bản", default=False)
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "thành phần dự họp"
        verbose_name_plural = "thành phần dự họp"
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(present=False) | Q(written_vote=False),
                name="meeting_member_written_vote_only_if_absent",
                violation_error_message="Chỉ thành viên vắng mặt mới biểu quyết bằng văn bản.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display().lower()})"


class Vote(models.Model):
    """The council's vote on one nominee: counts of đồng ý / không đồng ý (written votes of absent members
    included), and whether it passed under the rule in force on the meeting day."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="votes")
    nominee = models.ForeignKey(Nominee, on_delete=models.PROTECT, related_name="votes")
    votes_for = models.PositiveSmallIntegerField("Đồng ý")
    votes_against = models.PositiveSmallIntegerField("Không đồng ý")
    # A secret ballot (bỏ phiếu kín) is recorded as the Biên bản reports it: ballots issued, returned, valid.
    ballots_issued = models.PositiveSmallIntegerField("Số phiếu phát ra", null=True, blank=True)
    ballots_returned = models.PositiveSmallIntegerField("Số phiếu thu về", null=True, blank=True)
    ballots_valid = models.PositiveSmallIntegerField("Số phiếu hợp lệ", null=True, blank=True)
    threshold_percent = models.DecimalField("Ngưỡng áp dụng (%)", max_digits=5, decimal_places=2)
    secret_ballot = models.BooleanField("Bỏ phiếu kín", default=False)
    # A list the council reviews without a ballot threshold (Lao động tiên tiến…): agreed or not, no counts.
    method = models.CharField(
        "Cách xét", max_length=16, choices=CouncilStep.choices[:2], default=CouncilStep.BIEU_QUYET
    )
    rule = models.ForeignKey(
        VoteRule, verbose_name="Quy tắc đã áp dụng", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    passed = models.BooleanField("Đạt")
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "nominee"], name="vote_once_per_meeting"),
            models.CheckConstraint(
                condition=Q(ballots_issued__isnull=True)
                | Q(ballots_returned__isnull=True)
                | Q(ballots_returned__lte=models.F("ballots_issued")),
                name="vote_returned_within_issued",
                violation_error_message="Số phiếu thu về không được lớn hơn số phiếu phát ra.",
            ),
            models.CheckConstraint(
                condition=Q(ballots_returned__isnull=True)
                | Q(ballots_valid__isnull=True)
                | Q(ballots_valid__lte=models.F("ballots_returned")),
                name="vote_valid_within_returned",
                violation_error_message="Số phiếu hợp lệ không được lớn hơn số phiếu thu về.",
            ),
            models.CheckConstraint(
                condition=Q(ballots_valid__isnull=True)
                | Q(ballots_valid__gte=models.F("votes_for") + models.F("votes_against")),
                name="vote_counts_within_valid",
                violation_error_message="Số phiếu đồng ý và không đồng ý không được vượt số phiếu hợp lệ.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nominee}: {self.votes_for}/{self.votes_against}"


class DecisionKind(models.TextChoices):
    QUYET_DINH = "quyet_dinh", "Quyết định khen thưởng"
    TO_TRINH = "to_trinh", "Tờ trình đề nghị cấp trên"


class Decision(models.Model):
    """A Quyết định conferring the Sở's own forms, or a Tờ trình forwarding higher forms (then the higher
    decision, recorded when it comes)."""

    owner = models.ForeignKey(
        Unit, verbose_name="Đơn vị (Sở)", on_delete=models.PROTECT, related_name="award_decisions"
    )
    kind = models.CharField("Loại", max_length=16, choices=DecisionKind.choices)
    number = models.CharField("Số, ký hiệu", max_length=64)
    signed_on = models.DateField("Ngày ký")
    # Who signed, as printed in the signature block: a snapshot of the chosen Signer (or typed), so that a later
    # change of the Sở's signers does not rewrite a signed document.
    signer_ref = models.ForeignKey(
        Signer,
        verbose_name="Người ký (danh sách của đơn vị)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signer_authority = models.CharField(
        "Quyền hạn ký", max_length=128, blank=True, help_text="Ví dụ: KT. GIÁM ĐỐC; để trống khi Giám đốc ký."
    )
    signer_position = models.CharField("Chức vụ người ký", max_length=128, blank=True, help_text="Ví dụ: PHÓ GIÁM ĐỐC")
    signer = models.CharField("Người ký", max_length=128)
    issuer = models.CharField("Cơ quan ban hành", max_length=255)
    file = models.FileField("Văn bản đã ký", upload_to=dossier_upload_to, blank=True)
    nominees = models.ManyToManyField(Nominee, verbose_name="Danh sách", related_name="decisions")
    higher_number = models.CharField("Số quyết định của cấp trên", max_length=64, blank=True)
    higher_signed_on = models.DateField("Ngày quyết định của cấp trên", null=True, blank=True)
    higher_issuer = models.CharField("Cơ quan quyết định", max_length=255, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "quyết định, tờ trình khen thưởng"
        verbose_name_plural = "quyết định, tờ trình khen thưởng"
        ordering = ["-signed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "number"],
                name="decision_number_per_issuer",
                violation_error_message="Cơ quan này đã có văn bản cùng số, ký hiệu.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} số {self.number}"


class AwardRecord(models.Model):
    """Sổ khen thưởng: one award actually conferred, kept for a person's or a unit's history."""

    nominee = models.OneToOneField(Nominee, on_delete=models.PROTECT, related_name="award")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="records")
    person = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="awards")
    unit = models.ForeignKey(Unit, verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="awards")
    award_form = models.ForeignKey(AwardForm, verbose_name="Hình thức", on_delete=models.PROTECT, related_name="+")
    campaign = models.ForeignKey(Campaign, verbose_name="Phong trào", on_delete=models.PROTECT, related_name="awards")
    name = models.CharField("Họ tên / tập thể", max_length=255)
    kind = models.CharField("Đối tượng", max_length=16, choices=AwardTarget.choices)
    year = models.PositiveSmallIntegerField("Năm")
    decision_number = models.CharField("Số quyết định", max_length=64)
    decision_date = models.DateField("Ngày quyết định")
    decision_issuer = models.CharField("Cơ quan quyết định", max_length=255)
    # Tiền thưởng: hệ số × mức lương cơ sở on the decision's date, rounded as the rule says; kept as decided.
    coefficient = models.DecimalField("Hệ số", max_digits=5, decimal_places=2, null=True, blank=True)
    base_salary = models.DecimalField("Mức lương cơ sở", max_digits=12, decimal_places=0, null=True, blank=True)
    amount = models.DecimalField("Tiền thưởng (đồng)", max_digits=14, decimal_places=0, null=True, blank=True)

    class Meta:
        verbose_name = "sổ khen thưởng"
        verbose_name_plural = "sổ khen thưởng"
        ordering = ["-decision_date", "name"]

    def __str__(self) -> str:
        return f"{self.name} – {self.award_form.name} ({self.year})"
