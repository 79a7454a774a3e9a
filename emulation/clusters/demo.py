"""Demo of Cụm thi đua số 2 (seed 001) at work. Run after campaigns', indicators' and awards' demos.

- The seven Sở of the Cụm each get a Văn phòng account (vanphong.laocai, vanphong.sonla, …): until now none of them
  could sign in.
- 2023: Lào Cai is Cụm trưởng (seed 001 is written in Lào Cai), Hà Giang Cụm phó (our choice: the seed names no
  phó). The Bộ's assignment decision is recorded without a number or date, as seed 001 leaves them blank.
- The Bộ's scoring table (emulation.clusters.catalogue, every figure marked unverified).
- Two automatic criteria read 2023 annual figures of the seed 001 programme: illustrative targets and figures
  ("số liệu minh họa"), approved for six Sở; Điện Biên's report was sent and not yet approved, so its automatic
  criteria score 0 — only approved figures count.
- The giao ước, launched by Lào Cai and signed by six of seven (Điện Biên has not signed); self-scores of all seven
  with evidence for a few criteria; Lào Cai's and Hà Giang's cross-check (three adjustments, each with a comment);
  the meeting of 15/12/2023 in Lào Cai agreeing the ranking (two Sở level on total points, parted by group I);
  the result published; the proposal of the Bộ's Cờ thi đua and Bằng khen as a draft dossier of Lào Cai's Sở.
- 2024: the membership copied, the heads rotated — Sơn La Cụm trưởng, Lạng Sơn Cụm phó —, the Bộ's decision
  recorded without number and date (we do not know them).
Names of people (accounts, signers) are illustrative. Idempotent: keyed on usernames and on the 2023 scoring.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from campaigns.demo import DemoLogin, _person
from campaigns.models import (
    Campaign,
    Cluster,
    ClusterKind,
    ClusterRole,
    ReportingPeriod,
    Role,
    Signer,
    Unit,
    User,
)
from emulation.clusters import catalogue, services
from emulation.clusters.models import Pledge, PledgeSignature, Score, ScoreAdjustment, ScoringRound
from indicators.models import Comparator, Indicator, Submission, SubmissionStatus, Target, Value

CODES = {
    "Lào Cai": "laocai",
    "Sơn La": "sonla",
    "Lai Châu": "laichau",
    "Điện Biên": "dienbien",
    "Hà Giang": "hagiang",
    "Cao Bằng": "caobang",
    "Lạng Sơn": "langson",
}
UNIT_CODES = {
    "laocai": "stttt-lao-cai",
    "sonla": "stttt-son-la",
    "laichau": "stttt-lai-chau",
    "dienbien": "stttt-dien-bien",
    "hagiang": "stttt-ha-giang",
    "caobang": "stttt-cao-bang",
    "langson": "stttt-lang-son",
}
NAMES = {
    "laocai": "Phạm Minh Khoa",
    "sonla": "Lò Thị Hoa",
    "laichau": "Tẩn Văn Long",
    "dienbien": "Quàng Thị Mai",
    "hagiang": "Nguyễn Đức Nam",
    "caobang": "Nông Thị Oanh",
    "langson": "Hoàng Văn Phúc",
}
DEMO_LOGINS = [
    DemoLogin(
        f"vanphong.{code}",
        NAMES[code],
        "Chánh Văn phòng Sở",
        ((Role.VAN_PHONG, UNIT_CODES[code]),),
    )
    for code in ("laocai", "sonla", "laichau", "dienbien", "hagiang", "caobang", "langson")
]
# Illustrative Giám đốc of the two Sở that chair the Cụm in 2023 and 2024 (they sign the meeting's Biên bản).
SIGNERS = [("stttt-lao-cai", "Giám đốc", "Trần Văn Quang"), ("stttt-son-la", "Giám đốc", "Cầm Văn Sơn")]

PLEDGE_TITLE = "Giao ước thi đua Cụm thi đua số 2 năm 2023"
PLEDGE_CONTENTS = (
    "Thực hiện Quyết định số 2341/QĐ-BTTTT ngày 16/12/2022 của Bộ Thông tin và Truyền thông và Chương trình phát "
    "động phong trào thi đua của Cụm thi đua số 2 năm 2023, 07 Sở Thông tin và Truyền thông các tỉnh Sơn La, Lai "
    "Châu, Điện Biên, Lào Cai, Hà Giang, Cao Bằng, Lạng Sơn cùng giao ước thi đua:\n"
    "1. Thi đua thực hiện thắng lợi chủ đề “Toàn ngành Thông tin và Truyền thông tiếp tục thi đua đổi mới, sáng "
    "tạo, đi đầu thực hiện chuyển đổi số để phát triển bền vững”.\n"
    "2. Hoàn thành vượt mức các chỉ tiêu, nhiệm vụ được giao trên các lĩnh vực bưu chính, viễn thông, công nghệ "
    "thông tin và chuyển đổi số, an toàn thông tin, công nghiệp ICT, báo chí – truyền thông.\n"
    "3. Tham gia đầy đủ các hoạt động của Cụm; gửi báo cáo, tự chấm điểm đúng hạn theo bảng chấm điểm của Bộ."
)
PLEDGE_TARGETS = [
    "Tỷ lệ hồ sơ TTHC được xử lý hoàn toàn trực tuyến đạt chỉ tiêu của tỉnh năm 2023",
    "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến toàn trình đạt chỉ tiêu của tỉnh năm 2023",
    "100 % các xã có Tổ công nghệ số cộng đồng hoạt động",
]

# Illustrative 2023 targets of the seed 001 programme and each Sở's annual figure: (numerator, denominator).
TARGETS = {"ho-so-tthc-truc-tuyen": Decimal(30), "dvc-truc-tuyen-toan-trinh": Decimal(50)}
FIGURES = {
    "ho-so-tthc-truc-tuyen": {
        "laocai": (41_250, 100_000),
        "sonla": (28_400, 100_000),
        "laichau": (33_100, 100_000),
        "dienbien": (35_000, 100_000),
        "hagiang": (30_500, 100_000),
        "caobang": (22_800, 100_000),
        "langson": (37_600, 100_000),
    },
    "dvc-truc-tuyen-toan-trinh": {
        "laocai": (620, 1_000),
        "sonla": (540, 1_000),
        "laichau": (480, 1_000),
        "dienbien": (560, 1_000),
        "hagiang": (510, 1_000),
        "caobang": (450, 1_000),
        "langson": (575, 1_000),
    },
}
NOT_APPROVED = {"dienbien"}  # sent, waiting for the Văn phòng Bộ's review: counts for nothing yet
UNSIGNED = {"dienbien"}

# Self-scores of the criteria scored by hand, by criterion code (automatic 3 and 4 are computed).
SELF = {
    "laocai": {"1": 7, "2": 7, "5": 8, "6": 5, "7": 9, "8": 10, "9": 9, "10": 10, "11": 6, "12": 0},
    "sonla": {"1": 7, "2": 8, "5": 8, "6": 5, "7": 9, "8": 10, "9": 8, "10": 10, "11": 5, "12": 0},
    "laichau": {"1": 6, "2": 6, "5": 8, "6": 4, "7": 8, "8": 10, "9": 7, "10": 10, "11": 3, "12": 0},
    "dienbien": {"1": 6, "2": 7, "5": 8, "6": 4, "7": 8, "8": 10, "9": 7, "10": 0, "11": 2, "12": -2},
    "hagiang": {"1": 7, "2": 7, "5": 8, "6": 5, "7": 8, "8": 10, "9": 8, "10": 10, "11": 5, "12": 0},
    "caobang": {"1": 6, "2": 6, "5": 0, "6": 4, "7": 8, "8": 10, "9": 7, "10": 10, "11": 2, "12": 0},
    "langson": {"1": 7, "2": 7, "5": 8, "6": 5, "7": 9, "8": 10, "9": 8, "10": 10, "11": 4, "12": 0},
}
# The cross-check: (adjusting Sở, adjusted Sở, criterion, new points, comment).
ADJUSTMENTS = [
    (
        "laocai",
        "sonla",
        "11",
        Decimal(3),
        "Mô hình “Bình dân học vụ số” chưa có quyết định công nhận sáng kiến: tính 3 điểm.",
    ),
    (
        "laocai",
        "caobang",
        "12",
        Decimal(-2),
        "Báo cáo 6 tháng gửi Cụm chậm 10 ngày (công văn của Cụm trưởng ngày 05/7/2023).",
    ),
    ("hagiang", "laocai", "7", Decimal(8), "Chưa có minh chứng kết quả thông tin đối ngoại quý IV: trừ 1 điểm."),
]
MEETING = datetime.date(2023, 12, 15)
PDF = b"%PDF-1.4\n% ban giao uoc da ky (minh hoa)\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@transaction.atomic
def load() -> list[DemoLogin]:
    users = {login.username.split(".", 1)[1]: _person(login) for login in DEMO_LOGINS}
    for code, position, name in SIGNERS:
        Signer.objects.get_or_create(
            unit=Unit.objects.get(code=code),
            position=position,
            name=name,
            defaults={"valid_from": datetime.date(2022, 1, 1)},
        )
    bo = Unit.objects.get(code="bo-tttt")
    admin = User.objects.get(username="quantri")
    table = catalogue.load_khoi_so_tttt_table(bo)
    cluster = Cluster.objects.get(organiser=bo, kind=ClusterKind.CUM, number=2, year=2023)
    if ScoringRound.objects.filter(cluster=cluster).exists():
        return DEMO_LOGINS
    units = {code: Unit.objects.get(code=UNIT_CODES[code]) for code in CODES.values()}
    services.assignment_save(
        cluster=cluster,
        user=admin,
        roles={units["laocai"].pk: ClusterRole.TRUONG, units["hagiang"].pk: ClusterRole.PHO},
        issuer="Bộ Thông tin và Truyền thông",
    )
    campaign = Campaign.objects.filter(issuer_cluster=cluster).order_by("-issued_on").first()
    if campaign is not None:
        _figures(campaign, units, admin)
    _pledge(cluster, units, users)
    scoring = services.round_open(cluster=cluster, user=users["laocai"], table=table, campaign=campaign)
    _self_scores(scoring, units, users)
    scoring = services.round_start_cross_check(scoring=scoring, user=users["laocai"])
    for by, whose, code, points, comment in ADJUSTMENTS:
        score = Score.objects.get(round=scoring, unit=units[whose], criterion__code=code)
        services.score_adjust(score=score, user=users[by], version=score.version, points=points, comment=comment)
    scoring = services.round_agree(
        scoring=scoring,
        user=users["laocai"],
        meeting_date=MEETING,
        meeting_place="Sở Thông tin và Truyền thông tỉnh Lào Cai",
        meeting_present="\n".join(f"Đại diện lãnh đạo {units[c].name}" for c in CODES.values()),
        meeting_secretary="Nguyễn Thị Thu",
        meeting_number="01",
    )
    scoring = services.round_publish(scoring=scoring, user=users["laocai"])
    if campaign is not None:
        services.proposal_create(scoring=scoring, user=users["laocai"])
    # The story's dates: the cross-check in early December, the meeting on 15/12/2023, published three days later.
    ScoreAdjustment.objects.filter(score__round=scoring).update(
        at=timezone.make_aware(datetime.datetime(2023, 12, 8, 15, 0))
    )
    when = timezone.make_aware(datetime.datetime(2023, 12, 15, 16, 0))
    ScoringRound.objects.filter(pk=scoring.pk).update(agreed_at=when, published_at=when + datetime.timedelta(days=3))
    _next_year(cluster, units, admin)
    return DEMO_LOGINS


def _figures(campaign: Campaign, units: dict[str, Unit], admin: User) -> None:
    period, _ = ReportingPeriod.objects.get_or_create(
        campaign=campaign, kind="nam", year=2023, defaults={"due_date": datetime.date(2023, 12, 15)}
    )
    for indicator_code, value in TARGETS.items():
        indicator = Indicator.objects.filter(code=indicator_code).first()
        if indicator is None:
            continue
        target, _ = Target.objects.get_or_create(
            campaign=campaign,
            indicator=indicator,
            year=2023,
            defaults={"comparator": Comparator.GTE, "value": value, "note": "Chỉ tiêu minh họa của Cụm 2 năm 2023."},
        )
        for code, (numerator, denominator) in FIGURES[indicator_code].items():
            status = SubmissionStatus.DA_GUI if code in NOT_APPROVED else SubmissionStatus.DA_DUYET
            submission, _ = Submission.objects.get_or_create(
                period=period,
                unit=units[code],
                defaults={
                    "status": status,
                    "submitted_at": timezone.make_aware(datetime.datetime(2023, 12, 10, 9, 0)),
                    "reviewed_by": None if code in NOT_APPROVED else admin,
                },
            )
            Value.objects.get_or_create(
                submission=submission,
                target=target,
                defaults={
                    "numerator": Decimal(numerator),
                    "denominator": Decimal(denominator),
                    "value": Decimal(numerator) / Decimal(denominator) * 100,
                    "note": "Số liệu minh họa.",
                },
            )


def _pledge(cluster: Cluster, units: dict[str, Unit], users: dict[str, User]) -> None:
    pledge = services.pledge_save(
        cluster=cluster, user=users["laocai"], title=PLEDGE_TITLE, contents=PLEDGE_CONTENTS, targets=PLEDGE_TARGETS
    )
    pledge = services.pledge_launch(pledge=pledge, user=users["laocai"])
    Pledge.objects.filter(pk=pledge.pk).update(launched_at=timezone.make_aware(datetime.datetime(2023, 3, 2, 9, 0)))
    pledge.refresh_from_db()
    for day, code in enumerate(CODES.values(), start=2):
        if code in UNSIGNED:
            continue
        signature = services.pledge_sign(
            pledge=pledge, unit=units[code], user=users[code], upload=_upload(f"giao-uoc-2023-{code}.pdf")
        )
        PledgeSignature.objects.filter(pk=signature.pk).update(
            signed_at=timezone.make_aware(datetime.datetime(2023, 3, day, 10, 0))
        )


def _self_scores(scoring: ScoringRound, units: dict[str, Unit], users: dict[str, User]) -> None:
    for code, points in SELF.items():
        scores = {
            s.criterion.code: s
            for s in Score.objects.filter(round=scoring, unit=units[code]).select_related("criterion")
        }
        entries = [
            services.SelfEntry(
                score_id=score.pk,
                points=Decimal(points[c]) if c in points else score.points,
                explanation=f"Báo cáo tổng kết năm 2023 của {units[code].short_name}, mục {c}." if c in points else "",
            )
            for c, score in scores.items()
        ]
        services.self_score_save(scoring=scoring, unit=units[code], user=users[code], entries=entries)
        if "7" in scores:
            services.evidence_add(score=scores["7"], user=users[code], upload=_upload(f"minh-chung-bao-chi-{code}.pdf"))


def _next_year(cluster: Cluster, units: dict[str, Unit], admin: User) -> None:
    if Cluster.objects.filter(
        organiser=cluster.organiser, kind=cluster.kind, number=cluster.number, year=2024
    ).exists():
        return
    new = services.cluster_copy_to_next_year(cluster=cluster, user=admin)
    services.assignment_save(
        cluster=new,
        user=admin,
        roles={
            units["laocai"].pk: ClusterRole.THANH_VIEN,
            units["hagiang"].pk: ClusterRole.THANH_VIEN,
            units["sonla"].pk: ClusterRole.TRUONG,
            units["langson"].pk: ClusterRole.PHO,
        },
        number="",
        issued_on=None,
        issuer="Bộ Thông tin và Truyền thông",
    )
