"""What the registers know about people: recognised initiatives (sáng kiến), each year's rating (xếp loại) and the
prerequisites a title asks of a person's history.

The models live here and are imported into campaigns.models, so they belong to the campaigns app. The three
reads at the bottom (`rating_of`, `initiatives_of`, `prerequisites_for`) are what the award checks use: only an
approved rating counts, only an initiative with its recognising decision counts, and a prerequisite applies on
the dates of the law that sets it.

Prerequisites name award forms by code, not by row: an award form has one row per version of the law (code +
valid_from), and the forms are loaded by the catalogue while the prerequisites of each decree are seeded by a
migration, so a row must not depend on which versions exist.
"""

from __future__ import annotations

import datetime
import unicodedata

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from campaigns.models import AwardForm, Unit, Validity, ValidityQuerySet

__all__ = [
    "AnnualRating",
    "Initiative",
    "InitiativeKind",
    "InitiativeLevel",
    "Prerequisite",
    "RatingLevel",
    "RatingSheet",
    "RatingStatus",
]


def name_key(full_name: str) -> str:
    """How two spellings of one name are matched: NFC, case and spacing ignored (diacritics kept: "Ân" ≠ "An")."""
    return " ".join(unicodedata.normalize("NFC", full_name or "").casefold().split())


class RatingLevel(models.TextChoices):
    """The same values as awards.models.Rating (the nominee's self-declared rating)."""

    XUAT_SAC = "xuat_sac", "Hoàn thành xuất sắc nhiệm vụ"
    TOT = "tot", "Hoàn thành tốt nhiệm vụ"
    HOAN_THANH = "hoan_thanh", "Hoàn thành nhiệm vụ"
    KHONG = "khong", "Không hoàn thành nhiệm vụ"


# Best first: a requirement of "tốt" is met by "xuất sắc".
RATING_RANK = {RatingLevel.XUAT_SAC: 4, RatingLevel.TOT: 3, RatingLevel.HOAN_THANH: 2, RatingLevel.KHONG: 1}


class InitiativeLevel(models.TextChoices):
    CO_SO = "co_so", "Cấp cơ sở"
    TINH = "tinh", "Cấp tỉnh"
    BO = "bo", "Cấp bộ"
    TOAN_QUOC = "toan_quoc", "Toàn quốc"


LEVEL_RANK = {InitiativeLevel.CO_SO: 1, InitiativeLevel.TINH: 2, InitiativeLevel.BO: 2, InitiativeLevel.TOAN_QUOC: 3}


class InitiativeKind(models.TextChoices):
    SANG_KIEN = "sang_kien", "Sáng kiến"
    DE_TAI = "de_tai", "Đề tài, đề án, công trình khoa học đã nghiệm thu và áp dụng"


class Initiative(models.Model):
    """A sáng kiến (or đề tài khoa học) recognised by a decision: its authors, who recognised it, how far it reaches."""

    unit = models.ForeignKey(Unit, verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="initiatives")
    year = models.PositiveSmallIntegerField("Năm công nhận")
    kind = models.CharField("Loại", max_length=16, choices=InitiativeKind.choices, default=InitiativeKind.SANG_KIEN)
    title = models.CharField("Tên sáng kiến", max_length=500)
    author_names = models.TextField("Tác giả (mỗi dòng một người)")
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="Tác giả có tài khoản", blank=True, related_name="initiatives"
    )
    decision_number = models.CharField("Số quyết định công nhận", max_length=64)
    decision_date = models.DateField("Ngày quyết định")
    decision_issuer = models.CharField("Cơ quan công nhận", max_length=255)
    level = models.CharField("Cấp công nhận", max_length=16, choices=InitiativeLevel.choices)
    scope_of_effect = models.TextField("Phạm vi ảnh hưởng, hiệu quả áp dụng", blank=True)
    note = models.TextField("Ghi chú", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField("Phiên bản", default=1, editable=False)
    history = HistoricalRecords(m2m_fields=[authors])

    class Meta:
        verbose_name = "sáng kiến"
        verbose_name_plural = "sáng kiến"
        ordering = ["-year", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=1945) & Q(year__lte=2200),
                name="initiative_year_plausible",
                violation_error_message="Năm công nhận không hợp lệ.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def author_list(self) -> list[str]:
        return [line.strip() for line in self.author_names.splitlines() if line.strip()]

    def has_author(self, *, full_name: str, person=None) -> bool:
        if person is not None and any(a.pk == person.pk for a in self.authors.all()):
            return True
        key = name_key(full_name)
        return bool(key) and any(name_key(name) == key for name in self.author_list)

    @property
    def decision_text(self) -> str:
        return f"Quyết định số {self.decision_number} ngày {self.decision_date:%d/%m/%Y} của {self.decision_issuer}"


class RatingStatus(models.TextChoices):
    NHAP = "nhap", "Đang nhập"
    DA_GUI = "da_gui", "Đã gửi Văn phòng Sở"
    DA_DUYET = "da_duyet", "Đã duyệt"
    TRA_LAI = "tra_lai", "Trả lại để sửa"


class RatingSheet(models.Model):
    """A unit's ratings for one year: entered or imported by its head, sent to Văn phòng Sở, approved or returned.

    The state and the version are the sheet's (the office approves the unit's list as a whole); a concurrent save
    is detected on the version."""

    unit = models.ForeignKey(Unit, verbose_name="Đơn vị", on_delete=models.PROTECT, related_name="rating_sheets")
    year = models.PositiveSmallIntegerField("Năm")
    status = models.CharField("Trạng thái", max_length=16, choices=RatingStatus.choices, default=RatingStatus.NHAP)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField("Gửi lúc", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField("Duyệt lúc", null=True, blank=True)
    review_note = models.TextField("Ý kiến của Văn phòng Sở", blank=True)
    version = models.PositiveIntegerField("Phiên bản", default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "bảng xếp loại năm"
        verbose_name_plural = "bảng xếp loại năm"
        ordering = ["-year", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"],
                name="rating_sheet_once_per_year",
                violation_error_message="Đơn vị đã có bảng xếp loại của năm này.",
            ),
        ]

    def __str__(self) -> str:
        return f"Xếp loại năm {self.year} – {self.unit}"

    @property
    def is_editable(self) -> bool:
        return self.status in (RatingStatus.NHAP, RatingStatus.TRA_LAI)


class AnnualRating(models.Model):
    """One person's rating for the year, a row of the unit's sheet."""

    sheet = models.ForeignKey(RatingSheet, on_delete=models.CASCADE, related_name="rows")
    full_name = models.CharField("Họ và tên", max_length=128)
    name_key = models.CharField(max_length=128, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Tài khoản",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="annual_ratings",
    )
    position = models.CharField("Chức vụ", max_length=128, blank=True)
    rating = models.CharField("Xếp loại", max_length=16, choices=RatingLevel.choices)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "xếp loại năm"
        verbose_name_plural = "xếp loại năm"
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "name_key"],
                name="annual_rating_once_per_person",
                violation_error_message="Người này đã có xếp loại trong bảng của năm.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name}: {self.get_rating_display()}"

    def save(self, *args, **kwargs) -> None:
        self.full_name = " ".join(unicodedata.normalize("NFC", self.full_name).split())
        self.name_key = name_key(self.full_name)
        super().save(*args, **kwargs)


class Prerequisite(Validity):
    """One thing a title asks of the person's history, under the law of its dates; a title's rows all apply.

    Exactly one of: a title held (requires_code) for requires_years consecutive years; a rating at least
    requires_rating for requires_years consecutive years; recognised initiatives (initiative_count, at
    initiative_level or above, within the last requires_years years or, with requires_years = 0, ever; or,
    instead, the round year's approved rating at least alternative_rating). The years end with the round's year
    (ends_with_round_year) or the year before it. A row that is not `blocking` is one of several alternative
    standards (the Bằng khen's "đạt một trong các tiêu chuẩn"): it is reported, never refused on."""

    award_code = models.SlugField("Mã danh hiệu, hình thức cần điều kiện", max_length=64)
    province = models.CharField("Tỉnh (để trống: mọi tỉnh)", max_length=64, blank=True)
    requires_code = models.SlugField("Phải có danh hiệu (mã)", max_length=64, blank=True)
    requires_rating = models.CharField(
        "Phải có xếp loại tối thiểu", max_length=16, choices=RatingLevel.choices, blank=True
    )
    requires_years = models.PositiveSmallIntegerField("Số năm liên tục", default=1)
    ends_with_round_year = models.BooleanField("Tính cả năm xét", default=True)
    requires_initiative = models.BooleanField("Phải có sáng kiến được công nhận", default=False)
    initiative_level = models.CharField(
        "Cấp công nhận tối thiểu", max_length=16, choices=InitiativeLevel.choices, blank=True
    )
    initiative_count = models.PositiveSmallIntegerField("Số sáng kiến", default=1)
    accepts_research = models.BooleanField("Chấp nhận đề tài, đề án khoa học thay sáng kiến", default=False)
    alternative_rating = models.CharField(
        "Hoặc thay sáng kiến bằng xếp loại năm xét",
        max_length=16,
        choices=RatingLevel.choices,
        blank=True,
        help_text="Ví dụ: Luật 2022 cho Chiến sĩ thi đua cơ sở: hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến.",
    )
    blocking = models.BooleanField(
        "Bắt buộc",
        default=True,
        help_text="Bỏ chọn khi điều kiện chỉ là một trong các tiêu chuẩn thay thế nhau (ví dụ Bằng khen): thiếu thì "
        "chỉ nhắc, không chặn hồ sơ.",
    )
    legal_basis = models.CharField("Căn cứ", max_length=255)
    note = models.TextField("Ghi chú (điều chưa đối chiếu được)", blank=True)
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)
    history = HistoricalRecords()

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = "điều kiện khen thưởng"
        verbose_name_plural = "điều kiện khen thưởng"
        ordering = ["award_code", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="prerequisite_validity_ordered",
                violation_error_message="Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_code}: {self.describe()}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."})
        kinds = [bool(self.requires_code), bool(self.requires_rating), self.requires_initiative]
        if sum(kinds) != 1:
            raise ValidationError("Mỗi điều kiện chỉ là một trong: danh hiệu phải có, xếp loại phải có, sáng kiến.")
        # Two versions of one rule (same title, province and place in the list) may not both apply on a day.
        others = Prerequisite.objects.filter(award_code=self.award_code, province=self.province, order=self.order)
        if self.valid_from:
            others = others.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from))
        if self.valid_to:
            others = others.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=self.valid_to))
        if others.exclude(pk=self.pk).exists():
            raise ValidationError(
                "Đã có một phiên bản của điều kiện này (cùng danh hiệu, tỉnh và thứ tự) có hiệu lực trùng thời gian; "
                "hãy cho phiên bản cũ hết hiệu lực trước ngày bắt đầu của phiên bản mới."
            )

    def years_for(self, round_year: int) -> list[int]:
        last = round_year if self.ends_with_round_year else round_year - 1
        return list(range(last - max(self.requires_years, 1) + 1, last + 1))

    def describe(self) -> str:
        years = f"{self.requires_years} năm liên tục" if self.requires_years > 1 else "cùng năm"
        if self.requires_code:
            form = AwardForm.objects.filter(code=self.requires_code).first()
            return f"Có danh hiệu {form.name if form else self.requires_code} ({years})"
        if self.requires_rating:
            return f"Xếp loại {RatingLevel(self.requires_rating).label.lower()} ({years})"
        level = InitiativeLevel(self.initiative_level).label.lower() if self.initiative_level else "cấp cơ sở"
        return f"{self.initiative_count} sáng kiến được công nhận ({level} trở lên)"


# --- Reads the award checks use ---------------------------------------------------------------------------


def rating_of(*, unit: Unit, year: int, full_name: str, person=None) -> str | None:
    """The person's APPROVED rating of the year in the unit (a RatingLevel value), or None.

    Matched by account first, else by name within the unit — or the units merged into it (campaigns.orgchart: a
    2024 sheet of a Sở merged since is still the person's); a sheet not yet approved (or returned) says nothing."""
    from campaigns.orgchart import lineage_ids

    rows = AnnualRating.objects.filter(
        sheet__unit__in=lineage_ids(unit), sheet__year=year, sheet__status=RatingStatus.DA_DUYET
    )
    if person is not None:
        row = rows.filter(person=person).first()
        if row is not None:
            return row.rating
    row = rows.filter(name_key=name_key(full_name)).first()
    return row.rating if row is not None else None


def initiatives_of(
    *,
    full_name: str,
    person=None,
    until_year: int | None = None,
    level_at_least: str | None = None,
    unit: Unit | None = None,
) -> list[Initiative]:
    """The recognised initiatives the person is an author of, oldest first.

    unit: look only within that unit's province (a namesake in another province is another person);
    until_year: recognised that year or before; level_at_least: an InitiativeLevel value."""
    qs = Initiative.objects.prefetch_related("authors").select_related("unit")
    if until_year is not None:
        qs = qs.filter(year__lte=until_year)
    if unit is not None:
        if unit.province:
            # The provinces the unit and its predecessors have had: after Bình Phước's merger into Đồng Nai, a
            # 2024 initiative recorded in Bình Phước is still the same person's.
            from campaigns.orgchart import UnitVersion, lineage_ids

            lineage = lineage_ids(unit)
            provinces = {unit.province, *Unit.objects.filter(pk__in=lineage).values_list("province", flat=True)}
            provinces |= set(UnitVersion.objects.filter(unit__in=lineage).values_list("province", flat=True))
            qs = qs.filter(unit__province__in=provinces - {""})
        else:
            qs = qs.filter(unit=unit)
    if level_at_least:
        wanted = LEVEL_RANK[InitiativeLevel(level_at_least)]
        qs = qs.filter(level__in=[lv for lv, rank in LEVEL_RANK.items() if rank >= wanted])
    found = [i for i in qs.order_by("year", "decision_date", "pk") if i.has_author(full_name=full_name, person=person)]
    return found


def prerequisites_for(award_form: AwardForm, day: datetime.date, *, province: str = "") -> list[Prerequisite]:
    """The prerequisites of an award form (by its code) in force on a date, for the province (or every province)."""
    qs = Prerequisite.objects.valid_on(day).filter(award_code=award_form.code)
    qs = qs.filter(Q(province="") | Q(province=province)) if province else qs.filter(province="")
    return list(qs.order_by("order", "pk"))
