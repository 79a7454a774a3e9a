"""Notifications: what happened that a person must know, shown in the portal and e-mailed as they choose.

A notification is written once per event and person: the pair (recipient, event_key) is unique in the database,
so a job delivered twice, or run by two workers at once, writes one row. An e-mail is a Delivery with a unique
key of its own (the event × the person, or the person × the day for the digest), claimed by one conditional
UPDATE before it is sent: one message per key, whichever worker runs the job.

Every notification points at exactly one object (a submission, a dossier, a meeting, a report, a reporting period
or a campaign); it is shown only while its recipient may still read that object (selectors).
"""

from __future__ import annotations

import functools
import operator

from django.db import models
from django.db.models import Q

from awards.models import Dossier, Meeting
from campaigns.models import Campaign, ReportingPeriod, Role, User
from emulation.reports.models import Report
from indicators.models import Submission


class Kind(models.TextChoices):
    SO_LIEU_TRA_LAI = "so_lieu_tra_lai", "Số liệu bị trả lại"
    SO_LIEU_MO_LAI = "so_lieu_mo_lai", "Số liệu đã duyệt được mở lại để sửa"
    SO_LIEU_DUYET = "so_lieu_duyet", "Số liệu được duyệt"
    HAN_SO_LIEU = "han_so_lieu", "Nhắc hạn gửi số liệu"
    HO_SO_MOI = "ho_so_moi", "Hồ sơ khen thưởng mới gửi đến"
    HO_SO_TIEP_NHAN = "ho_so_tiep_nhan", "Hồ sơ được tiếp nhận thẩm định"
    HO_SO_BO_SUNG = "ho_so_bo_sung", "Hồ sơ được yêu cầu bổ sung"
    HO_SO_HOP_LE = "ho_so_hop_le", "Hồ sơ được công nhận hợp lệ"
    HO_SO_DA_XET = "ho_so_da_xet", "Hội đồng đã biểu quyết hồ sơ"
    HO_SO_QUYET_DINH = "ho_so_quyet_dinh", "Hồ sơ đã có quyết định, tờ trình"
    HAN_HO_SO = "han_ho_so", "Nhắc hạn nộp hồ sơ khen thưởng"
    HOP_HOI_DONG = "hop_hoi_dong", "Lịch họp Hội đồng TĐKT"
    BAO_CAO_XONG = "bao_cao_xong", "Báo cáo đã tạo xong"
    BAO_CAO_LOI = "bao_cao_loi", "Báo cáo tạo bị lỗi"
    BAO_CAO_NGUOI_KY = "bao_cao_nguoi_ky", "Báo cáo định kỳ chưa có người ký"


class EmailChoice(models.TextChoices):
    NGAY = "ngay", "Gửi thư ngay"
    HANG_NGAY = "hang_ngay", "Gộp vào thư tổng hợp hằng ngày"
    TAT = "tat", "Không gửi thư"


# What a person gets by e-mail before choosing: at once what asks them to act, in the daily digest what informs.
DEFAULT_EMAIL = {
    Kind.SO_LIEU_TRA_LAI: EmailChoice.NGAY,
    Kind.SO_LIEU_MO_LAI: EmailChoice.NGAY,
    Kind.SO_LIEU_DUYET: EmailChoice.HANG_NGAY,
    Kind.HAN_SO_LIEU: EmailChoice.NGAY,
    Kind.HO_SO_MOI: EmailChoice.HANG_NGAY,
    Kind.HO_SO_TIEP_NHAN: EmailChoice.HANG_NGAY,
    Kind.HO_SO_BO_SUNG: EmailChoice.NGAY,
    Kind.HO_SO_HOP_LE: EmailChoice.HANG_NGAY,
    Kind.HO_SO_DA_XET: EmailChoice.HANG_NGAY,
    Kind.HO_SO_QUYET_DINH: EmailChoice.HANG_NGAY,
    Kind.HAN_HO_SO: EmailChoice.NGAY,
    Kind.HOP_HOI_DONG: EmailChoice.NGAY,
    Kind.BAO_CAO_XONG: EmailChoice.HANG_NGAY,
    Kind.BAO_CAO_LOI: EmailChoice.NGAY,
    Kind.BAO_CAO_NGUOI_KY: EmailChoice.NGAY,
}

UNIT = (Role.CAN_BO, Role.LANH_DAO)
OFFICE = (Role.VAN_PHONG, Role.QUAN_TRI)
# The preferences page groups the kinds, and shows a person those their roles can receive.
GROUPS: list[tuple[str, list[tuple[str, tuple[str, ...]]]]] = [
    (
        "Số liệu chỉ tiêu",
        [
            (Kind.SO_LIEU_TRA_LAI, UNIT),
            (Kind.SO_LIEU_MO_LAI, UNIT),
            (Kind.SO_LIEU_DUYET, UNIT),
            (Kind.HAN_SO_LIEU, (*UNIT, *OFFICE)),
        ],
    ),
    (
        "Hồ sơ khen thưởng",
        [
            (Kind.HO_SO_MOI, OFFICE),
            (Kind.HO_SO_TIEP_NHAN, UNIT),
            (Kind.HO_SO_BO_SUNG, UNIT),
            (Kind.HO_SO_HOP_LE, UNIT),
            (Kind.HO_SO_DA_XET, UNIT),
            (Kind.HO_SO_QUYET_DINH, UNIT),
            (Kind.HAN_HO_SO, (*UNIT, *OFFICE)),
        ],
    ),
    ("Hội đồng thi đua – khen thưởng", [(Kind.HOP_HOI_DONG, (Role.HOI_DONG,))]),
    (
        "Báo cáo 15/6 và 15/12",
        [
            (Kind.BAO_CAO_XONG, (*OFFICE, Role.BAN_TDKT)),
            (Kind.BAO_CAO_LOI, OFFICE),
            (Kind.BAO_CAO_NGUOI_KY, OFFICE),
        ],
    ),
]

# The objects a notification may point at, one field each.
TARGETS = ("submission", "dossier", "meeting", "report", "period", "campaign")


def _exactly_one_target() -> Q:
    cases = [Q(**{f"{name}__isnull": name != field for name in TARGETS}) for field in TARGETS]
    return functools.reduce(operator.or_, cases)


class Delivery(models.Model):
    """One e-mail: a notification sent at once, or a person's daily digest. The key makes it once per event and
    person (or per person and day); the status is moved by conditional UPDATEs, so one worker sends it."""

    class Status(models.TextChoices):
        CHO = "cho", "Chờ gửi"
        DANG_GUI = "dang_gui", "Đang gửi"
        DA_GUI = "da_gui", "Đã gửi"
        LOI = "loi", "Lỗi, sẽ gửi lại"
        NGUNG = "ngung", "Ngừng gửi lại"

    key = models.CharField(max_length=255, unique=True)
    recipient = models.ForeignKey(User, verbose_name="Người nhận", on_delete=models.CASCADE, related_name="+")
    to = models.EmailField("Địa chỉ")
    subject = models.CharField("Tiêu đề", max_length=255)
    body = models.TextField("Nội dung")
    digest = models.BooleanField("Thư tổng hợp", default=False)
    status = models.CharField("Trạng thái", max_length=16, choices=Status.choices, default=Status.CHO)
    attempts = models.PositiveSmallIntegerField("Số lần gửi", default=0)
    error = models.TextField("Lỗi gần nhất", blank=True)
    created_at = models.DateTimeField("Tạo lúc", auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField("Gửi lại lúc", null=True, blank=True)
    sent_at = models.DateTimeField("Gửi lúc", null=True, blank=True)

    class Meta:
        verbose_name = "thư thông báo"
        verbose_name_plural = "thư thông báo"
        ordering = ["-created_at"]
        indexes = [
            # The retry sweep's query: only the mails not sent yet, a handful among many.
            models.Index(
                fields=["status", "next_attempt_at"],
                name="delivery_unsent",
                condition=Q(status__in=["cho", "dang_gui", "loi"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


class Notification(models.Model):
    recipient = models.ForeignKey(
        User, verbose_name="Người nhận", on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField("Loại", max_length=32, choices=Kind.choices)
    text = models.TextField("Nội dung")
    link = models.CharField("Đường dẫn", max_length=500)
    submission = models.ForeignKey(Submission, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    dossier = models.ForeignKey(Dossier, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(Report, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(ReportingPeriod, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    campaign = models.ForeignKey(Campaign, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    event_key = models.CharField(max_length=200)
    created_at = models.DateTimeField("Lúc", auto_now_add=True)
    read_at = models.DateTimeField("Đã đọc lúc", null=True, blank=True)
    # The person's choice when it was written, and when its e-mail was decided: queued at once, put in a digest,
    # or not sent (off, no address, read or no longer readable before the digest).
    email = models.CharField("Thư điện tử", max_length=16, choices=EmailChoice.choices)
    email_done_at = models.DateTimeField(null=True, blank=True)
    delivery = models.ForeignKey(Delivery, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "event_key"], name="notification_once_per_event"),
            models.CheckConstraint(condition=_exactly_one_target(), name="notification_one_target"),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(
                fields=["recipient"],
                name="notification_digest_pending",
                condition=Q(email="hang_ngay", email_done_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def target(self) -> models.Model | None:
        return next((getattr(self, f) for f in TARGETS if getattr(self, f"{f}_id")), None)


class Preference(models.Model):
    """How a person wants one kind of notification by e-mail; no row means the kind's default. Only the person
    changes it (there is no page for anyone else's), so it keeps no history of its own."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notification_preferences")
    kind = models.CharField("Loại", max_length=32, choices=Kind.choices)
    email = models.CharField("Thư điện tử", max_length=16, choices=EmailChoice.choices)

    class Meta:
        verbose_name = "cách nhận thông báo"
        verbose_name_plural = "cách nhận thông báo"
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="preference_once_per_kind")]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display()} – {self.get_email_display()}"
