"""The demo's 2025 reorganisation, applied through the same file and service an operator uses.

01/03/2025: Bộ TT&TT becomes Bộ Khoa học và Công nghệ (a rename of the root); the Sở TT&TT of Bình Phước and of
Bắc Kạn merge into their province's Sở KH&CN. 01/07/2025: Bình Phước is merged into Đồng Nai and Bắc Kạn into Thái
Nguyên, so each Sở KH&CN merges into the new province's. The phòng continue under the successor, the demo logins
keep their roles there (vanphong.bp is Văn phòng of Sở KH&CN Đồng Nai), and the campaigns still open on the date
pass to the successor; everything dated before keeps the old names. Dates and legal numbers that could not be
checked against the official texts are marked "CHƯA ĐỐI CHIẾU" in the file's notes (campaigns/demo_data/).

Idempotent: skipped when the change file was applied already.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.db import transaction

from campaigns.models import Campaign, Signer, Unit
from campaigns.orgchart import OrgChange
from campaigns.orgchart_file import apply_plan, read_plan

DATA = Path(__file__).resolve().parent / "demo_data" / "sap_nhap_2025.csv"
SOURCE = "Dữ liệu mẫu: sap_nhap_2025.csv"

# Signers of the new Sở: illustrative names (the demo's own), not the real office holders.
SIGNERS = [
    ("skhcn-binh-phuoc", datetime.date(2025, 3, 1), "", "Giám đốc", "Nguyễn Hoài Nam"),
    ("skhcn-binh-phuoc", datetime.date(2025, 3, 1), "KT. Giám đốc", "Phó Giám đốc", "Phạm Thị Dung"),
    ("skhcn-bac-kan", datetime.date(2025, 3, 1), "", "Giám đốc", "Hà Văn Tiến"),
    ("skhcn-dong-nai", datetime.date(2025, 7, 1), "", "Giám đốc", "Lý Minh Khoa"),
    ("skhcn-dong-nai", datetime.date(2025, 7, 1), "KT. Giám đốc", "Phó Giám đốc", "Phạm Thị Dung"),
    ("skhcn-thai-nguyen", datetime.date(2025, 7, 1), "", "Giám đốc", "Đinh Quang Hưng"),
]


def applied() -> bool:
    return OrgChange.objects.filter(source=SOURCE).exists()


def seed_campaigns() -> list[Campaign]:
    """The campaigns the demo loaded from the seeds, whoever owns them now."""
    from campaigns.demo_campaigns import LOAD_ACTION

    return list(Campaign.objects.filter(events__action=LOAD_ACTION).distinct())


@transaction.atomic
def load() -> list[OrgChange]:
    if not applied() and Unit.objects.filter(code="stttt-binh-phuoc").exists():
        apply_plan(read_plan(DATA.read_bytes(), DATA.name), user=None, dry_run=False, source=SOURCE)
        for code, since, authority, position, name in SIGNERS:
            unit = Unit.objects.filter(code=code).first()
            if unit is None:
                continue
            # The Sở KH&CN of Bình Phước and Bắc Kạn ended on 30/06/2025 with the provinces.
            until = unit.valid_to
            Signer.objects.get_or_create(
                unit=unit,
                authority=authority,
                position=position,
                name=name,
                defaults={"valid_from": since, "valid_to": until},
            )
        _campaign_2026()
    return list(OrgChange.objects.filter(source=SOURCE))


# The successor's own 2026 plan: a draft its Văn phòng copied from the last annual plan of the demo, to be
# completed and launched (illustrative; the demo has no real 2026 plan of Sở KH&CN Đồng Nai).
PLAN_2026 = "Phát động phong trào thi đua thực hiện nhiệm vụ năm 2026 của Sở Khoa học và Công nghệ tỉnh Đồng Nai"


def _campaign_2026() -> Campaign | None:
    from campaigns.models import CampaignKind, User
    from campaigns.services import campaign_copy

    owner = Unit.objects.filter(code="skhcn-dong-nai").first()
    office = User.objects.filter(username="vanphong.bp").first()
    source = Campaign.objects.filter(kind=CampaignKind.THUONG_XUYEN).order_by("-start_date", "pk").first()
    if owner is None or office is None or source is None:
        return None
    existing = Campaign.objects.filter(owner=owner, title=PLAN_2026).first()
    if existing is not None:
        return existing
    plan = campaign_copy(
        source=source,
        user=office,
        owner=owner,
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 12, 31),
        title=PLAN_2026,
    )
    # What the office fills in before printing: the signer (the demo's illustrative Giám đốc) and Nơi nhận.
    plan.signer_title = "GIÁM ĐỐC"
    plan.signer_name = "Lý Minh Khoa"
    plan.recipients = "UBND tỉnh (b/c);\nBan Thi đua – Khen thưởng tỉnh;\nCác phòng, đơn vị thuộc Sở;\nLưu: VT, VP."
    plan.save(update_fields=["signer_title", "signer_name", "recipients"])
    return plan
