"""Indicators (chỉ tiêu): the catalogue, a campaign's targets, the figures units submit for each period.

Rates are stored as their raw numerator and denominator (as DHIS2 does): totals over units are the sum of
numerators over the sum of denominators, never an average of rates.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from campaigns.models import Campaign, ReportingPeriod, Sector, Unit, UnitLevel, User, Validity, ValidityQuerySet
from emulation.lib.vn import MAX_DECIMALS


class Measure(models.TextChoices):
    PERCENT = "percent", "Tỷ lệ (%)"
    COUNT = "count", "Số lượng"
    RANK = "rank", "Thứ hạng"
    RATIO = "ratio", "Chỉ số, tỷ số"
    TASK = "task", "Nhiệm vụ (hoàn thành / chưa)"


class Entry(models.TextChoices):
    RATE = "rate", "Tử số / mẫu số (tỷ lệ được tính)"
    NUMBER = "number", "Một con số"
    RANK = "rank", "Thứ hạng"
    TASK = "task", "Hoàn thành (có / không, ngày hoàn thành)"


class Direction(models.TextChoices):
    HIGHER = "higher", "Càng cao càng tốt"
    LOWER = "lower", "Càng thấp càng tốt"


class Indicator(Validity):
    """A catalogue entry kept by Văn phòng Sở; its definition fixes how it is entered and judged."""

    code = models.SlugField("Mã chỉ tiêu", max_length=64, unique=True)
    name = models.CharField("Tên chỉ tiêu", max_length=500)
    sector = models.ForeignKey(Sector, verbose_name="Lĩnh vực", null=True, blank=True, on_delete=models.PROTECT)
    measure = models.CharField("Loại số đo", max_length=16, choices=Measure.choices)
    entry = models.CharField("Cách nhập", max_length=16, choices=Entry.choices)
    unit_label = models.CharField(
        "Đơn vị tính", max_length=64, blank=True, help_text="%, xã, hạng, doanh nghiệp/1.000 dân…"
    )
    numerator_label = models.CharField("Tử số", max_length=255, blank=True)
    denominator_label = models.CharField("Mẫu số", max_length=255, blank=True)
    direction = models.CharField("Chiều đánh giá", max_length=8, choices=Direction.choices, default=Direction.HIGHER)
    definition = models.TextField("Định nghĩa, cách tính", blank=True)
    source = models.CharField("Nguồn số liệu", max_length=255, blank=True)
    decimals = models.PositiveSmallIntegerField(
        "Số chữ số thập phân khi hiển thị", default=1, validators=[MaxValueValidator(MAX_DECIMALS)]
    )
    input_decimals = models.PositiveSmallIntegerField(
        "Số chữ số thập phân khi nhập",
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_DECIMALS)],
        help_text="Để trống: số lượng, tử số, mẫu số và thứ hạng là số nguyên; tỷ lệ, chỉ số nhập trực tiếp được tối "
        "đa 4 chữ số thập phân.",
    )
    plausibility_factor = models.DecimalField(
        "Hệ số cảnh báo bất thường",
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("1.5"))],
        help_text="Số liệu gấp hoặc bằng một phần chừng này lần số liệu kỳ trước thì bị đánh dấu và phải giải "
        "trình. Để trống: theo phong trào.",
    )
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)
    history = HistoricalRecords()

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "danh mục chỉ tiêu"
        ordering = ["order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(entry="rate") | (~Q(numerator_label="") & ~Q(denominator_label="")),
                name="indicator_rate_has_labels",
                violation_error_message="Chỉ tiêu nhập theo tử số / mẫu số phải ghi rõ tử số và mẫu số.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_rate(self) -> bool:
        return self.entry == Entry.RATE

    @property
    def lower_is_better(self) -> bool:
        return self.direction == Direction.LOWER

    @property
    def is_percent(self) -> bool:
        """The figure is a percentage: computed from a rate, or typed directly with "%" as its unit."""
        return self.entry == Entry.RATE or self.unit_label.strip() == "%"

    @property
    def entry_decimals(self) -> int:
        """Digits after the comma a typed figure may have: counts, numerators, denominators and ranks are whole
        unless the catalogue says otherwise; a percentage or ratio typed directly up to what is stored."""
        if self.input_decimals is not None:
            return self.input_decimals
        if self.entry in (Entry.RATE, Entry.RANK) or self.measure in (Measure.COUNT, Measure.RANK):
            return 0
        return MAX_DECIMALS


class Comparator(models.TextChoices):
    GTE = "gte", "≥"
    GT = "gt", ">"
    LTE = "lte", "≤"
    LT = "lt", "<"
    EQ = "eq", "="
    RANGE = "range", "Trong khoảng"
    IMPROVE = "improve", "Tăng ít nhất N bậc (thứ hạng)"
    DONE_BY = "done_by", "Hoàn thành trước ngày"


class Achievement(models.TextChoices):
    VUOT = "vuot", "Vượt"
    DAT = "dat", "Đạt"
    CHUA_DAT = "chua_dat", "Chưa đạt"
    CHUA_CO = "chua_co", "Chưa có số liệu"


class AppliesTo(models.TextChoices):
    ALL = "all", "Tất cả đơn vị tham gia"
    LEVEL = "level", "Một cấp"
    UNIT = "unit", "Một đơn vị"


@dataclass(frozen=True)
class Evaluation:
    achievement: str
    percent: Decimal | None  # the figure as a percentage of the target (for the report's "% so với kế hoạch")

    @property
    def label(self) -> str:
        return Achievement(self.achievement).label


class Target(models.Model):
    """A campaign's target for an indicator: comparator and value, for everyone, a level or one unit, a year."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey(Indicator, verbose_name="Chỉ tiêu", on_delete=models.PROTECT, related_name="targets")
    comparator = models.CharField("So sánh", max_length=16, choices=Comparator.choices, default=Comparator.GTE)
    value = models.DecimalField("Giá trị", max_digits=14, decimal_places=4, null=True, blank=True)
    value_max = models.DecimalField("Giá trị tối đa (khoảng)", max_digits=14, decimal_places=4, null=True, blank=True)
    due_on = models.DateField("Hạn hoàn thành (nhiệm vụ)", null=True, blank=True)
    baseline = models.DecimalField(
        "Thứ hạng mốc",
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="Chỉ tiêu tăng bậc: thứ hạng của năm gốc (ví dụ DTI năm 2021). Để trống: lấy thứ hạng đã duyệt "
        "của đơn vị ở năm trước.",
    )
    applies_to = models.CharField("Áp dụng cho", max_length=8, choices=AppliesTo.choices, default=AppliesTo.ALL)
    level = models.CharField("Cấp", max_length=16, choices=UnitLevel.choices, blank=True)
    unit = models.ForeignKey(Unit, verbose_name="Đơn vị", null=True, blank=True, on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField("Năm", null=True, blank=True, help_text="Để trống: cả phong trào.")
    note = models.CharField("Ghi chú", max_length=255, blank=True)
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "chỉ tiêu phấn đấu"
        verbose_name_plural = "chỉ tiêu phấn đấu"
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(comparator="range")
                | Q(value__isnull=False, value_max__isnull=False, value_max__gte=models.F("value")),
                name="target_range_ordered",
                violation_error_message="Khoảng giá trị: giá trị tối đa phải lớn hơn hoặc bằng giá trị tối thiểu.",
            ),
            models.CheckConstraint(
                condition=Q(comparator="done_by") | Q(value__isnull=False),
                name="target_has_value",
                violation_error_message="Vui lòng nhập giá trị của chỉ tiêu.",
            ),
            models.CheckConstraint(
                condition=~Q(applies_to="level") | ~Q(level=""),
                name="target_level_given",
                violation_error_message="Chọn cấp áp dụng.",
            ),
            models.CheckConstraint(
                condition=~Q(applies_to="unit") | Q(unit__isnull=False),
                name="target_unit_given",
                violation_error_message="Chọn đơn vị áp dụng.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.describe()}"

    def describe(self) -> str:
        from emulation.lib.vn import format_number

        unit = self.indicator.unit_label
        suffix = f" {unit}" if unit else ""
        if self.comparator == Comparator.RANGE:
            return f"{format_number(self.value)}–{format_number(self.value_max)}{suffix}"
        if self.comparator == Comparator.IMPROVE:
            base = f" so với hạng {format_number(self.baseline)}" if self.baseline is not None else ""
            return f"tăng ít nhất {format_number(self.value)} bậc{base}"
        if self.comparator == Comparator.DONE_BY:
            return f"hoàn thành trước {self.due_on:%d/%m/%Y}" if self.due_on else "hoàn thành"
        return f"{self.get_comparator_display()} {format_number(self.value)}{suffix}"

    def applies_to_unit(self, unit: Unit) -> bool:
        if self.applies_to == AppliesTo.LEVEL:
            return unit.level == self.level
        if self.applies_to == AppliesTo.UNIT:
            return unit.pk == self.unit_id
        return True

    def evaluate(
        self, value: Decimal | None, *, previous: Decimal | None = None, done_on: datetime.date | None = None
    ) -> Evaluation:
        """Judge a figure against this target: Vượt, Đạt, Chưa đạt or Chưa có số liệu, and % of target."""
        c = self.comparator
        if c == Comparator.DONE_BY:
            if value is None:
                return Evaluation(Achievement.CHUA_CO, None)
            if not value:
                return Evaluation(Achievement.CHUA_DAT, Decimal(0))
            if self.due_on and done_on and done_on > self.due_on:
                return Evaluation(Achievement.CHUA_DAT, Decimal(100))
            if self.due_on and done_on and done_on < self.due_on:
                return Evaluation(Achievement.VUOT, Decimal(100))
            return Evaluation(Achievement.DAT, Decimal(100))
        if value is None:
            return Evaluation(Achievement.CHUA_CO, None)
        target = self.value
        if c == Comparator.IMPROVE:
            # value is this period's rank, previous the reference rank; lower rank is better.
            if previous is None:
                return Evaluation(Achievement.CHUA_CO, None)
            gained = previous - value
            percent = (gained / target * 100) if target else None
            if gained > target:
                return Evaluation(Achievement.VUOT, percent)
            return Evaluation(Achievement.DAT if gained >= target else Achievement.CHUA_DAT, percent)
        lower_better = self.indicator.lower_is_better or c in (Comparator.LTE, Comparator.LT)
        percent = _percent_of(value, target, lower_better=lower_better)
        if c == Comparator.RANGE:
            if value < target:
                return Evaluation(Achievement.CHUA_DAT, percent)
            return Evaluation(Achievement.VUOT if value > self.value_max else Achievement.DAT, percent)
        met = {
            Comparator.GTE: value >= target,
            Comparator.GT: value > target,
            Comparator.LTE: value <= target,
            Comparator.LT: value < target,
            Comparator.EQ: value == target,
        }[c]
        if not met:
            return Evaluation(Achievement.CHUA_DAT, percent)
        better = value < target if lower_better else value > target
        exceeded = better and c not in (Comparator.EQ, Comparator.GT, Comparator.LT)
        return Evaluation(Achievement.VUOT if exceeded else Achievement.DAT, percent)


def _percent_of(value: Decimal, target: Decimal, *, lower_better: bool) -> Decimal | None:
    if lower_better:
        return (target / value * 100) if value else None
    return (value / target * 100) if target else None


class SubmissionStatus(models.TextChoices):
    NHAP = "nhap", "Nháp"
    DA_GUI = "da_gui", "Đã gửi"
    TRA_LAI = "tra_lai", "Trả lại"
    DA_DUYET = "da_duyet", "Đã duyệt"


# How each state is shown (Bootstrap badge class, label); "" for a unit that has not started its report.
SUBMISSION_BADGES = {
    SubmissionStatus.DA_DUYET: ("text-bg-success", "Đã duyệt"),
    SubmissionStatus.DA_GUI: ("text-bg-primary", "Đã gửi"),
    SubmissionStatus.TRA_LAI: ("text-bg-danger", "Trả lại"),
    SubmissionStatus.NHAP: ("text-bg-secondary", "Nháp"),
    "": ("text-bg-light border", "Chưa bắt đầu"),
}


class Submission(models.Model):
    """One unit's figures for one reporting period of a campaign."""

    period = models.ForeignKey(
        ReportingPeriod, verbose_name="Kỳ báo cáo", on_delete=models.CASCADE, related_name="submissions"
    )
    unit = models.ForeignKey(Unit, verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="submissions")
    status = models.CharField(
        "Trạng thái", max_length=16, choices=SubmissionStatus.choices, default=SubmissionStatus.NHAP
    )
    note = models.TextField("Ghi chú chung", blank=True)
    submitted_at = models.DateTimeField("Gửi lúc", null=True, blank=True)
    submitted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    first_submitted_at = models.DateTimeField(
        "Gửi lần đầu lúc",
        null=True,
        blank=True,
        help_text="Đúng hạn hay quá hạn tính theo lần gửi đầu tiên: mở lại hoặc trả lại rồi gửi lại không đổi.",
    )
    is_late = models.BooleanField("Quá hạn", default=False)
    reviewed_at = models.DateTimeField("Duyệt / trả lại lúc", null=True, blank=True)
    reviewed_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    return_reason = models.TextField("Lý do trả lại", blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "báo cáo số liệu"
        verbose_name_plural = "báo cáo số liệu"
        constraints = [
            models.UniqueConstraint(
                fields=["period", "unit"],
                name="submission_once_per_period",
                violation_error_message="Đơn vị đã có báo cáo cho kỳ này.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.period}"

    @property
    def is_editable(self) -> bool:
        return self.status in (SubmissionStatus.NHAP, SubmissionStatus.TRA_LAI)


class Value(models.Model):
    """One figure of a submission, for one target. Every change is kept (simple-history): who, when, old → new."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="values")
    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="values")
    numerator = models.DecimalField("Tử số", max_digits=16, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField("Mẫu số", max_digits=16, decimal_places=4, null=True, blank=True)
    value = models.DecimalField("Giá trị", max_digits=16, decimal_places=4, null=True, blank=True)
    done_on = models.DateField("Ngày hoàn thành", null=True, blank=True)
    note = models.TextField("Ghi chú", blank=True)
    returned = models.BooleanField("Bị trả lại", default=False)
    return_comment = models.TextField("Lý do trả lại", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "số liệu"
        verbose_name_plural = "số liệu"
        constraints = [
            models.UniqueConstraint(fields=["submission", "target"], name="value_once_per_target"),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gt=0),
                name="value_denominator_positive",
                violation_error_message="Mẫu số phải lớn hơn 0.",
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True) | Q(numerator__gte=0),
                name="value_numerator_not_negative",
                violation_error_message="Tử số không được âm.",
            ),
            models.CheckConstraint(
                condition=Q(numerator__isnull=True)
                | Q(denominator__isnull=True)
                | Q(numerator__lte=models.F("denominator")),
                name="value_numerator_within_denominator",
                violation_error_message="Tử số không được lớn hơn mẫu số.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target.indicator} = {self.value}"


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    return f"evidence/{instance.value.submission_id}/{filename}"


class ValueChanges(models.Model):
    """How many history rows a figure has ("Lịch sử (12 lần lưu)" on the form), kept by the database itself:
    triggers on the history table add one for each row written and take one off for each row pruned (migration
    0008), whoever writes them — a save, the Excel import, the admin, simple-history. Counting the history instead
    read every change of every figure on every form: 4 ms at 1,800 saves. The portal never writes this table."""

    value = models.OneToOneField(
        Value, primary_key=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    changes = models.IntegerField("Số lần lưu")

    class Meta:
        verbose_name = "số lần lưu của số liệu"
        verbose_name_plural = "số lần lưu của số liệu"

    def __str__(self) -> str:
        return f"{self.changes} lần lưu"


class Evidence(models.Model):
    """A file that backs a figure (minh chứng)."""

    value = models.ForeignKey(Value, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField("Tệp minh chứng", upload_to=evidence_upload_to)
    name = models.CharField("Tên tệp", max_length=255)
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "minh chứng"
        verbose_name_plural = "minh chứng"

    def __str__(self) -> str:
        return self.name


class SubmissionEvent(models.Model):
    """A state change of a submission: who, when, from → to, why. Never edited."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    from_status = models.CharField(max_length=16, choices=SubmissionStatus.choices)
    to_status = models.CharField(max_length=16, choices=SubmissionStatus.choices)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class SubmissionReminder(models.Model):
    """“Nhắc đơn vị”: Văn phòng Sở reminded a unit that has not sent a period's figures. Who, when, which unit and
    period, and how many people the e-mail reached. At most once a day per unit and period (`day`, the local date
    of sending, makes the database refuse a second one): a unit is not to be flooded by repeated clicks."""

    period = models.ForeignKey(
        ReportingPeriod, verbose_name="Kỳ báo cáo", on_delete=models.CASCADE, related_name="reminders"
    )
    unit = models.ForeignKey(Unit, verbose_name="Đơn vị", on_delete=models.CASCADE, related_name="submission_reminders")
    sent_by = models.ForeignKey(User, verbose_name="Người nhắc", on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField("Nhắc lúc", auto_now_add=True)
    day = models.DateField("Ngày nhắc")
    recipients = models.PositiveSmallIntegerField("Số người nhận thư", default=0)
    mailed_at = models.DateTimeField("Đã gửi thư lúc", null=True, blank=True)

    class Meta:
        verbose_name = "lần nhắc gửi số liệu"
        verbose_name_plural = "lần nhắc gửi số liệu"
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "unit", "day"],
                name="reminder_once_a_day",
                violation_error_message="Đơn vị đã được nhắc gửi báo cáo kỳ này hôm nay.",
            ),
        ]

    def __str__(self) -> str:
        return f"Nhắc {self.unit} – {self.period} ({self.day:%d/%m/%Y})"
