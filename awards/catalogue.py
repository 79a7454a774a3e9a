"""The council's starting vote rules (quy tắc biểu quyết) and award standards (tiêu chuẩn khen thưởng), which an
administrator then keeps in the admin.

Idempotent: an award form that already has a rule (any version) is left alone, so an administrator's later edits
and dated versions are never overwritten by loading again. Award forms are those of `campaigns.catalogue`;
load that first.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import NamedTuple

from django.db import transaction

from awards.models import AwardStandard, VoteRule
from campaigns.models import AwardForm

LOAD_REASON = "Nạp quy tắc biểu quyết ban đầu"

# Luật Thi đua, khen thưởng 2022 and Nghị định 98/2023 apply from 01/01/2024; meetings before that keep the rules
# of their own time, which an administrator records as older versions.
LAW_START = datetime.date(2024, 1, 1)
DECREE = "Nghị định 98/2023/NĐ-CP, Điều 30.7"
# The service compares "đồng ý ≥ ngưỡng × tổng số thành viên"; "quá bán" (strictly more than half) is stored as
# 50,01 %, which gives exactly "more than half" for any council under 10.000 members.
MAJORITY = Decimal("50.01")
MAJORITY_NOTE = (
    "Quá bán (trên 50 %) tổng số thành viên hội đồng – quy định của tỉnh, cần đối chiếu văn bản hiện hành "
    "trước khi áp dụng"
)


class RuleRow(NamedTuple):
    threshold: Decimal
    secret_ballot: bool
    legal_basis: str


TITLE_90 = RuleRow(Decimal(90), True, DECREE)
TITLE_80 = RuleRow(Decimal(80), True, DECREE)
SIMPLE_MAJORITY = RuleRow(MAJORITY, False, MAJORITY_NOTE)

# By AwardForm code (campaigns/catalogue.py). Lao động tiên tiến and the Tập thể lao động tiên tiến / xuất sắc
# titles have no default: the law sets no threshold for them here, an administrator adds the province's.
VOTE_RULES: dict[str, RuleRow] = {
    "chien-si-thi-dua-cap-tinh": TITLE_90,
    "chien-si-thi-dua-co-so": TITLE_80,
    "co-thi-dua-ubnd-tinh": TITLE_80,
    "co-thi-dua-bo": TITLE_80,
    "giay-khen-giam-doc-so-tap-the": SIMPLE_MAJORITY,
    "giay-khen-giam-doc-so-ca-nhan": SIMPLE_MAJORITY,
    "giay-khen-chu-tich-ubnd-huyen-tap-the": SIMPLE_MAJORITY,
    "giay-khen-chu-tich-ubnd-huyen-ca-nhan": SIMPLE_MAJORITY,
    "bang-khen-chu-tich-ubnd-tinh-tap-the": SIMPLE_MAJORITY,
    "bang-khen-chu-tich-ubnd-tinh-ca-nhan": SIMPLE_MAJORITY,
    "bang-khen-bo-truong-tap-the": SIMPLE_MAJORITY,
    "bang-khen-bo-truong-ca-nhan": SIMPLE_MAJORITY,
}


@transaction.atomic
def load_vote_rules() -> None:
    """Create a rule for every catalogue award form (every version of its code) that has none yet."""
    forms = AwardForm.objects.filter(code__in=list(VOTE_RULES)).exclude(vote_rules__isnull=False)
    for form in forms:
        row = VOTE_RULES[form.code]
        # A form that ended before the law changed (none in the catalogue today) gets no rule from here.
        if form.valid_to is not None and form.valid_to < LAW_START:
            continue
        rule = VoteRule(
            award_form=form,
            threshold_percent=row.threshold,
            counted_on_total=True,
            secret_ballot=row.secret_ballot,
            legal_basis=row.legal_basis,
            valid_from=max(LAW_START, form.valid_from) if form.valid_from else LAW_START,
            valid_to=form.valid_to,
        )
        rule.full_clean()
        rule._change_reason = LOAD_REASON
        rule.save()


# --- Standards (tiêu chuẩn khen thưởng) -----------------------------------------------------------------------

STANDARD_REASON = "Nạp tiêu chuẩn khen thưởng ban đầu"
# Seed 004 (Bắc Kạn's plan for 2022), §III.2, as users know it: a default to check against the texts in force.
PLAN_STANDARDS = (
    "Tiêu chuẩn chung theo kế hoạch thi đua của ngành (như Kế hoạch thi đua năm 2022 của Sở TT&TT Bắc Kạn, "
    "mục III.2) – cần đối chiếu văn bản hiện hành"
)
LAW_2022 = "Luật Thi đua, khen thưởng 2022; Nghị định 98/2023/NĐ-CP"


class StandardRow(NamedTuple):
    target: str
    form_code: str | None  # None: every form of that target
    fields: dict
    legal_basis: str
    valid_from: datetime.date | None = None


STANDARDS: list[StandardRow] = [
    # Seed 004 §III.2: a person "hoàn thành xuất sắc nhiệm vụ", not disciplined; a collective 100 % of its targets,
    # every member "hoàn thành tốt nhiệm vụ" or better with at least one "xuất sắc", nobody disciplined.
    StandardRow("ca_nhan", None, {"min_rating": "xuat_sac", "no_discipline": True}, PLAN_STANDARDS),
    StandardRow(
        "tap_the",
        None,
        {
            "targets_achieved_percent": Decimal(100),
            "members_all_good": True,
            "members_excellent_min": 1,
            "no_discipline": True,
        },
        PLAN_STANDARDS,
    ),
    # The titles (DOMAIN.md, "Facts for the award rules").
    StandardRow("ca_nhan", "lao-dong-tien-tien", {"min_rating": "tot", "no_discipline": True}, LAW_2022),
    StandardRow(
        "ca_nhan",
        "chien-si-thi-dua-co-so",
        {"min_rating": "xuat_sac", "initiative_alternative": True, "no_discipline": True},
        LAW_2022,
        LAW_START,
    ),
]


@transaction.atomic
def load_standards() -> int:
    """Create the starting standards that do not exist yet (matched by target and form); returns how many.

    Like the vote rules: once a standard for that target and form exists (any version, any dates), it is the
    administrator's, and loading again leaves it alone.
    """
    created = 0
    for row in STANDARDS:
        form = None
        if row.form_code:
            form = AwardForm.objects.filter(code=row.form_code).order_by("-valid_from").first()
            if form is None:
                continue
        existing = AwardStandard.objects.filter(target=row.target, award_form=form, campaign__isnull=True)
        if existing.exists():
            continue
        standard = AwardStandard(
            target=row.target, award_form=form, legal_basis=row.legal_basis, valid_from=row.valid_from, **row.fields
        )
        standard.full_clean()
        standard._change_reason = STANDARD_REASON
        standard.save()
        created += 1
    return created
