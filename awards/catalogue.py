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

from awards.models import (
    Authority,
    AwardAmount,
    AwardPath,
    AwardStandard,
    BaseSalary,
    CouncilStep,
    LeaderShareRule,
    VoteRule,
)
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
    """Create a rule for every catalogue award form (every version of its code) that has none yet — and with
    them the rest of the dated award rules (the older law's vote rules, paths, leaders' caps, amounts), each
    loaded only where an administrator has not already recorded its own."""
    _load_current_vote_rules()
    load_older_vote_rules()
    load_paths()
    load_leader_rules()
    load_amounts()


def _load_current_vote_rules() -> None:
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


# --- The law before 2024: Luật 2003 and Nghị định 91/2017 --------------------------------------------------------

OLD_LAW_END = datetime.date(2023, 12, 31)
DECREE_91 = "Nghị định 91/2017/NĐ-CP; Luật Thi đua, khen thưởng 2003"
UNVERIFIED_91 = (
    "CHƯA ĐỐI CHIẾU: không tra được toàn văn Nghị định 91/2017/NĐ-CP và các thông tư hướng dẫn (08/2017/TT-BNV, "
    "12/2019/TT-BNV) trong nguồn tra cứu. Ngưỡng tạm lấy bằng ngưỡng của Nghị định 98/2023 để hội đồng họp trước "
    "01/01/2024 ghi được kết quả; quản trị viên sửa theo văn bản trước khi dùng."
)


@transaction.atomic
def load_older_vote_rules() -> int:
    """The vote rules of the law before 01/01/2024, for the forms that have none covering 2023."""
    created = 0
    for form in AwardForm.objects.filter(code__in=list(VOTE_RULES)):
        if form.valid_from is not None and form.valid_from > OLD_LAW_END:
            continue
        if VoteRule.objects.filter(award_form=form).valid_on(OLD_LAW_END).exists():
            continue
        if VoteRule.objects.filter(award_form=form, valid_from__isnull=True).exists():
            continue  # an open-started rule of the administrator's covers the old law already
        row = VOTE_RULES[form.code]
        basis = DECREE_91 if row.legal_basis == DECREE else row.legal_basis
        rule = VoteRule(
            award_form=form,
            threshold_percent=row.threshold,
            counted_on_total=True,
            secret_ballot=row.secret_ballot,
            legal_basis=basis[:255],
            note=UNVERIFIED_91,
            valid_from=form.valid_from,
            valid_to=OLD_LAW_END,
        )
        rule.full_clean()
        rule._change_reason = LOAD_REASON
        rule.save()
        created += 1
    return created


# --- Paths: who proposes, appraises, decides, confers --------------------------------------------------------


class Period(NamedTuple):
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    basis: str
    note: str


PERIODS = [
    Period(
        None,
        OLD_LAW_END,
        "Luật Thi đua, khen thưởng 2003; Nghị định 91/2017/NĐ-CP",
        "Các bước theo thực tế văn bản mẫu 003, 004 (2022–2023); điều, khoản của Nghị định 91/2017 CHƯA ĐỐI CHIẾU.",
    ),
    Period(
        LAW_START,
        datetime.date(2025, 6, 30),
        "Luật Thi đua, khen thưởng 2022; Nghị định 98/2023/NĐ-CP",
        "Ngưỡng bỏ phiếu theo Điều 30.7 (DOMAIN.md); thẩm quyền theo DOMAIN.md “Facts for the award rules”.",
    ),
    Period(
        datetime.date(2025, 7, 1),
        None,
        "Luật Thi đua, khen thưởng 2022; Nghị định 152/2025/NĐ-CP",
        "Nghị định 152/2025 giữ cách làm của Nghị định 98/2023 (DOMAIN.md); điều, khoản CHƯA ĐỐI CHIẾU. Sau sáp "
        "nhập tỉnh và bỏ cấp huyện (01/07/2025), cấp huyện không còn quyết định khen thưởng.",
    ),
]

UNIT_HEAD = "Thủ trưởng phòng, đơn vị thuộc Sở (bình xét tại đơn vị)"
OFFICE = "Văn phòng Sở (thường trực Hội đồng TĐKT Sở)"
BAN_TDKT = "Ban Thi đua – Khen thưởng tỉnh (Sở Nội vụ)"
BO_TDKT = "Vụ Thi đua – Khen thưởng của Bộ"


class PathRow(NamedTuple):
    proposer: str
    appraiser: str
    council: str
    conferrer: str


SO_VOTES = PathRow(UNIT_HEAD, OFFICE, CouncilStep.BIEU_QUYET, Authority.GIAM_DOC_SO)
SO_LIST = PathRow(UNIT_HEAD, OFFICE, CouncilStep.XEM_XET, Authority.GIAM_DOC_SO)
PROVINCE_VOTES = PathRow("Giám đốc Sở", BAN_TDKT, CouncilStep.BIEU_QUYET, Authority.CHU_TICH_UBND_TINH)
PROVINCE_LIST = PathRow("Giám đốc Sở", BAN_TDKT, CouncilStep.XEM_XET, Authority.CHU_TICH_UBND_TINH)
MINISTRY_VOTES = PathRow("Giám đốc Sở", BO_TDKT, CouncilStep.BIEU_QUYET, Authority.BO_TRUONG)
DISTRICT = PathRow(
    "Thủ trưởng cơ quan, đơn vị cấp huyện", "Phòng Nội vụ huyện", CouncilStep.BIEU_QUYET, Authority.CHU_TICH_UBND_HUYEN
)

PATHS: dict[str, PathRow] = {
    "giay-khen-giam-doc-so-tap-the": SO_VOTES,
    "giay-khen-giam-doc-so-ca-nhan": SO_VOTES,
    "giay-khen-chu-tich-ubnd-huyen-tap-the": DISTRICT,
    "giay-khen-chu-tich-ubnd-huyen-ca-nhan": DISTRICT,
    "bang-khen-chu-tich-ubnd-tinh-tap-the": PROVINCE_VOTES,
    "bang-khen-chu-tich-ubnd-tinh-ca-nhan": PROVINCE_VOTES,
    "bang-khen-bo-truong-tap-the": MINISTRY_VOTES,
    "bang-khen-bo-truong-ca-nhan": MINISTRY_VOTES,
    # The titles without a ballot threshold: each unit's bình xét with its Biên bản, the Sở's council reviewing
    # the list, the Giám đốc Sở deciding.
    "lao-dong-tien-tien": SO_LIST,
    "tap-the-lao-dong-tien-tien": SO_LIST,
    "chien-si-thi-dua-co-so": SO_VOTES,
    "chien-si-thi-dua-cap-tinh": PROVINCE_VOTES,
    "tap-the-lao-dong-xuat-sac": PROVINCE_LIST,
    "co-thi-dua-ubnd-tinh": PROVINCE_VOTES,
    "co-thi-dua-bo": MINISTRY_VOTES,
}

# Bình Phước's own rule (seed 003): Bằng khen of the Chủ tịch UBND tỉnh go through the province's Ban TĐKT under QĐ
# 26/2020/QĐ-UBND (08/10/2020), until the law changed; after 01/07/2025 (merged provinces) nothing is known.
QD_26 = "Quyết định 26/2020/QĐ-UBND ngày 08/10/2020 của UBND tỉnh Bình Phước"
PROVINCE_PATHS = [
    ("Bình Phước", code, start, end, f"{basis}; {QD_26}"[:255])
    for code in ("bang-khen-chu-tich-ubnd-tinh-ca-nhan", "bang-khen-chu-tich-ubnd-tinh-tap-the")
    for start, end, basis in (
        (datetime.date(2020, 10, 8), OLD_LAW_END, PERIODS[0].basis),
        (LAW_START, datetime.date(2025, 6, 30), PERIODS[1].basis),
    )
]
PROVINCE_NOTE = (
    "Quy định của tỉnh (văn bản mẫu 003 trích khoản 5 Điều 11). Ngày hiệu lực lấy bằng ngày ban hành vì CHƯA ĐỐI "
    "CHIẾU; hiệu lực sau sáp nhập tỉnh 01/07/2025 chưa rõ."
)
PATH_REASON = "Nạp quy trình khen thưởng ban đầu"


def _clip(form: AwardForm, start: datetime.date | None, end: datetime.date | None):
    """The period's dates within the form's own; None when they do not meet."""
    if form.valid_from and start and form.valid_from > start:
        start = form.valid_from
    elif form.valid_from and start is None:
        start = form.valid_from
    if form.valid_to and (end is None or form.valid_to < end):
        end = form.valid_to
    if start and end and end < start:
        return None
    return start, end


@transaction.atomic
def load_paths() -> int:
    """A path per catalogue form and period of law, unless the form already has a path (any version)."""
    created = 0
    for form in AwardForm.objects.filter(code__in=list(PATHS)):
        if form.paths.exists():
            continue
        row = PATHS[form.code]
        rows = [(p.valid_from, p.valid_to, p.basis, p.note, "") for p in PERIODS]
        rows += [
            (start, end, basis, PROVINCE_NOTE, prov)
            for prov, code, start, end, basis in PROVINCE_PATHS
            if code == form.code
        ]
        for start, end, basis, note, province in rows:
            dates = _clip(form, start, end)
            if dates is None:
                continue
            appraiser = row.appraiser
            if province and row.conferrer == Authority.CHU_TICH_UBND_TINH:
                appraiser = f"Ban Thi đua – Khen thưởng tỉnh {province} (Sở Nội vụ)"
            path = AwardPath(
                award_form=form,
                province=province,
                proposer=row.proposer,
                appraiser=appraiser,
                council=row.council,
                unit_review=True,
                conferrer=row.conferrer,
                forwarded=row.conferrer != Authority.GIAM_DOC_SO,
                legal_basis=basis,
                note=note,
                valid_from=dates[0],
                valid_to=dates[1],
            )
            path.full_clean()
            path._change_reason = PATH_REASON
            path.save()
            created += 1
    return created


# --- The leaders' share cap (a provincial rule) ---------------------------------------------------------------

LEADER_RULES = [
    (
        "bang-khen-chu-tich-ubnd-tinh-ca-nhan",
        "Bình Phước",
        Decimal(40),
        f"Khoản 5 Điều 11 Quy định ban hành kèm theo {QD_26}",
        datetime.date(2020, 10, 8),
        "Cá nhân là lãnh đạo, quản lý (từ Phó Trưởng phòng và tương đương trở lên) không quá 40 % tổng số cá nhân "
        "được đề nghị Bằng khen của Chủ tịch UBND tỉnh (văn bản mẫu 003). " + PROVINCE_NOTE,
    ),
]


@transaction.atomic
def load_leader_rules() -> int:
    created = 0
    for code, province, percent, basis, start, note in LEADER_RULES:
        form = AwardForm.objects.filter(code=code).order_by("-valid_from").first()
        if form is None or LeaderShareRule.objects.filter(award_form=form, province=province).exists():
            continue
        rule = LeaderShareRule(
            award_form=form,
            province=province,
            max_percent=percent,
            legal_basis=basis[:255],
            note=note,
            valid_from=start,
        )
        rule.full_clean()
        rule._change_reason = LOAD_REASON
        rule.save()
        created += 1
    return created


# --- Cash amounts: hệ số × mức lương cơ sở -----------------------------------------------------------------------

SALARY_NOTE = "Đối chiếu qua nhiều nguồn công khai thứ cấp (trích dẫn nghị định); CHƯA ĐỐI CHIẾU bản gốc của nghị định."
BASE_SALARIES = [
    (Decimal(1_490_000), datetime.date(2019, 7, 1), datetime.date(2023, 6, 30), "Nghị định 38/2019/NĐ-CP"),
    (Decimal(1_800_000), datetime.date(2023, 7, 1), datetime.date(2024, 6, 30), "Nghị định 24/2023/NĐ-CP"),
    (Decimal(2_340_000), datetime.date(2024, 7, 1), None, "Nghị định 73/2024/NĐ-CP, Điều 3"),
]
ROUND_TO = 10_000
AMOUNT_NOTE = (
    "Hệ số và cách làm tròn (lên hàng chục nghìn đồng) theo trí nhớ về các nghị định; CHƯA ĐỐI CHIẾU được với "
    "toàn văn (không có trong nguồn tra cứu). Quản trị viên kiểm tra trước khi dùng số tiền."
)
# Hệ số by form code, for the law before 2024 and since; the Giấy khen's is the one that differs (0,15 / 0,3 of
# Nghị định 91/2017 against 0,3 / 0,6 since — both unverified, see AMOUNT_NOTE).
COEFFICIENTS: dict[str, tuple[Decimal, Decimal]] = {
    "lao-dong-tien-tien": (Decimal("0.3"), Decimal("0.3")),
    "chien-si-thi-dua-co-so": (Decimal("1.0"), Decimal("1.0")),
    "chien-si-thi-dua-cap-tinh": (Decimal("3.0"), Decimal("3.0")),
    "tap-the-lao-dong-tien-tien": (Decimal("0.8"), Decimal("0.8")),
    "tap-the-lao-dong-xuat-sac": (Decimal("1.5"), Decimal("1.5")),
    "co-thi-dua-ubnd-tinh": (Decimal("8.0"), Decimal("8.0")),
    "co-thi-dua-bo": (Decimal("8.0"), Decimal("8.0")),
    "bang-khen-chu-tich-ubnd-tinh-ca-nhan": (Decimal("1.0"), Decimal("1.0")),
    "bang-khen-chu-tich-ubnd-tinh-tap-the": (Decimal("2.0"), Decimal("2.0")),
    "bang-khen-bo-truong-ca-nhan": (Decimal("1.0"), Decimal("1.0")),
    "bang-khen-bo-truong-tap-the": (Decimal("2.0"), Decimal("2.0")),
    "giay-khen-giam-doc-so-ca-nhan": (Decimal("0.15"), Decimal("0.3")),
    "giay-khen-giam-doc-so-tap-the": (Decimal("0.3"), Decimal("0.6")),
    "giay-khen-chu-tich-ubnd-huyen-ca-nhan": (Decimal("0.15"), Decimal("0.3")),
    "giay-khen-chu-tich-ubnd-huyen-tap-the": (Decimal("0.3"), Decimal("0.6")),
}


@transaction.atomic
def load_amounts() -> int:
    created = 0
    if not BaseSalary.objects.exists():
        for amount, start, end, basis in BASE_SALARIES:
            row = BaseSalary(amount=amount, valid_from=start, valid_to=end, legal_basis=basis, note=SALARY_NOTE)
            row.full_clean()
            row.save()
            created += 1
    for form in AwardForm.objects.filter(code__in=list(COEFFICIENTS)):
        if form.amounts.exists():
            continue
        for (start, end, basis, _), coefficient in zip(PERIODS[:2], COEFFICIENTS[form.code], strict=True):
            if start == LAW_START:
                end = None  # Nghị định 152/2025 keeps the amounts of 98/2023 as far as known (AMOUNT_NOTE)
                basis = "Nghị định 98/2023/NĐ-CP (từ 01/07/2025: Nghị định 152/2025/NĐ-CP)"
            dates = _clip(form, start, end)
            if dates is None:
                continue
            row = AwardAmount(
                award_form=form,
                coefficient=coefficient,
                round_to=ROUND_TO,
                legal_basis=basis,
                note=AMOUNT_NOTE,
                valid_from=dates[0],
                valid_to=dates[1],
            )
            row.full_clean()
            row.save()
            created += 1
    return created


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
