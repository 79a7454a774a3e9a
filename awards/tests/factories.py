"""Factories for award dossiers, shared by every awards test and the permission matrix.

`make_dossier(world)` gives phòng A's complete draft: a launched campaign of Sở A (all its units take part), an
award form for individuals with a campaign-wide quota, signed Tờ trình and Biên bản, and two nominees rated
"hoàn thành xuất sắc nhiệm vụ" with their signed Mẫu 07. Every check passes, so the head can send it at once.
"""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

from django.core.files.base import ContentFile

from awards.catalogue import load_standards
from awards.models import Dossier, Nominee
from campaigns.models import AwardForm, AwardQuota, Campaign
from campaigns.tests.factories import make_campaign

PDF = b"%PDF-1.4\n% tep thu\n"
AWARD_FORM_CODE = "giay-khen-giam-doc-so-ca-nhan"
_names = itertools.count(1)


def pdf(name: str = "tep.pdf") -> ContentFile:
    """A minimal file that the upload check takes for a PDF."""
    return ContentFile(PDF, name=name)


def make_award_form(**fields) -> AwardForm:
    """Giấy khen của Giám đốc Sở for individuals (one row, reused), or a new form when fields are given."""
    if not fields:
        form = AwardForm.objects.filter(code=AWARD_FORM_CODE).first()
        if form:
            return form
    fields.setdefault("code", AWARD_FORM_CODE)
    fields.setdefault("name", "Giấy khen của Giám đốc Sở")
    fields.setdefault("kind", "hinh_thuc")
    fields.setdefault("target", "ca_nhan")
    fields.setdefault("authority", "Giám đốc Sở")
    return AwardForm.objects.create(**fields)


def make_dossier(world, *, campaign: Campaign | None = None, nominees: int = 2, **fields) -> Dossier:
    """Phòng A's dossier for the campaign's end-of-year round (year 2025), complete and sendable.

    - `campaign`: defaults to a new launched campaign of world.so_a (2025, no dossier deadline); the award form
      and a campaign-wide quota (15 individuals, 7 collectives, leaders ≤ 40 %) are added to it either way.
    - `nominees`: how many individuals to add (rated xuất sắc, not leaders, each with a signed Mẫu 07).
    - `fields`: Dossier fields to set instead of the defaults, e.g. `status="da_gui", review_round=1`,
      `unit=world.phong_a2`, or `submission_file=""` to leave the Tờ trình missing.
    The nominees use `dossier.nominees.first().award_form`.
    """
    campaign = campaign or make_campaign(world.so_a, title=f"Phong trào có khen thưởng {next(_names)}")
    load_standards()  # the starting standards, as `load_catalogue` gives a new installation
    form = make_award_form()
    AwardQuota.objects.get_or_create(
        campaign=campaign,
        award_form=form,
        milestone=None,
        defaults={
            "max_collective": 7,
            "max_individual": 15,
            "leader_share_max": Decimal(40),
            "rule_source": "QĐ 26/2020/QĐ-UBND",
        },
    )
    files = {name: fields.pop(name) for name in ("submission_file", "minutes_file") if name in fields}
    values = {
        "unit": world.phong_a,
        "round_kind": "nam",
        "year": 2025,
        "submission_number": "01/TTr-CNTT",
        "submission_date": datetime.date(2025, 11, 20),
        "submission_signer": "Trần Thị Bình",
        "minutes_date": datetime.date(2025, 11, 18),
        "minutes_members_total": 7,
        "minutes_members_present": 7,
        **fields,
    }
    dossier = Dossier(campaign=campaign, **values)
    for name, label in (("submission_file", "to-trinh.pdf"), ("minutes_file", "bien-ban.pdf")):
        if name in files:
            setattr(dossier, name, files[name])
        else:
            getattr(dossier, name).save(label, pdf(label), save=False)
            setattr(dossier, f"{name}_name", label)
    dossier.save()
    for i in range(nominees):
        nominee = Nominee(
            dossier=dossier,
            kind="ca_nhan",
            award_form=form,
            full_name=f"Nguyễn Văn Thử {dossier.pk}-{i + 1}",
            birth_date=datetime.date(1985, 1, 1 + i),
            gender="nam",
            position="Chuyên viên",
            work_unit=dossier.unit.name,
            rating="xuat_sac",
            achievements="Hoàn thành xuất sắc nhiệm vụ được giao.",
            order=i + 1,
        )
        nominee.signed_report.save("mau-07.pdf", pdf("mau-07.pdf"), save=False)
        nominee.signed_report_name = "mau-07.pdf"
        nominee.save()
    return dossier
