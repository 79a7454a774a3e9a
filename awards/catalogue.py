"""The council's starting vote rules (quy tắc biểu quyết), which an administrator then keeps in the admin.

Idempotent: an award form that already has a rule (any version) is left alone, so an administrator's later edits
and dated versions are never overwritten by loading again. Award forms are those of `campaigns.catalogue`;
load that first.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import NamedTuple

from django.db import transaction

from awards.models import VoteRule
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
