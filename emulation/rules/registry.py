"""The kinds of dated rule the "Danh mục và quy định" pages keep: for each, the model, the fields entered and
shown, what makes two rows versions of one rule (their periods may not overlap), whose rows they are (national, a
province's, a unit's) and when a row was already applied (then it is never deleted, and never ended before that
day).

One set of views (emulation.rules.views) serves every kind from this table; nothing here writes.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.db.models import Exists, Max, OuterRef, Q

from emulation.rules.access import RuleAccess

NATIONAL, PROVINCE, UNIT = "national", "province", "unit"


@dataclass(frozen=True)
class Kind:
    slug: str
    label: str
    model_path: str
    fields: tuple[str, ...]  # entered on the add form, besides the validity dates
    columns: tuple[str, ...]  # shown on the list, besides the period and the basis
    overlap_key: tuple[str, ...]  # rows with equal values here are versions of one rule: periods may not overlap
    group: str
    owner: str = NATIONAL
    legal_basis_field: str = ""  # the row's own "Căn cứ", if it has one
    related: tuple[str, ...] = ()  # select_related for the list
    base: Q = field(default_factory=Q)  # rows this page keeps (the others are kept elsewhere)
    ordering: tuple[str, ...] = ()
    replaceable: bool = True
    description: str = ""
    note: str = ""  # what this page does not do, shown on it
    # The last day the row was applied by something already judged or produced (None: never, or not checkable).
    last_used: Callable[[models.Model], datetime.date | None] | None = None

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_path)

    @property
    def verbose_name(self) -> str:
        return str(self.model._meta.verbose_name)

    def queryset(self) -> models.QuerySet:
        qs = self.model._default_manager.filter(self.base)
        if self.related:
            qs = qs.select_related(*self.related)
        return qs.order_by(*self.ordering, models.F("valid_from").desc(nulls_last=True), "-pk")

    def visible_q(self, access: RuleAccess) -> Q:
        if self.owner == PROVINCE and not access.national:
            return Q(province="") | Q(province__in=sorted(access.read_provinces))
        if self.owner == UNIT and not access.national:
            return access.scope.readable("unit__path")
        return Q()

    def province_of_row(self, row) -> str:
        if self.owner == PROVINCE:
            return row.province
        if self.owner == UNIT:
            from campaigns.paper import province_of

            return province_of(row.unit)
        return ""

    def may_add(self, access: RuleAccess, user) -> bool:
        if self.owner == PROVINCE:
            return access.edits
        if self.owner == UNIT:
            return access.national or signer_units(user).exists()
        return access.national

    def may_edit(self, row, access: RuleAccess, user) -> bool:
        if self.owner == PROVINCE:
            return access.edits_province(row.province)
        if self.owner == UNIT:
            from campaigns.services import may_manage_signers

            return access.national or may_manage_signers(unit=row.unit, user=user)
        return access.national

    def key_of(self, row) -> dict:
        return {name: getattr(row, name) for name in self.overlap_key}

    def legal_basis_of(self, row) -> str:
        return getattr(row, self.legal_basis_field, "") if self.legal_basis_field else ""

    # --- Is a row in use? ---------------------------------------------------------------------------------------
    def references(self) -> list[tuple[type[models.Model], str]]:
        """Every (model, field) that points at a row of this kind: a row pointed at is in use. History tables and
        the many-to-many tables Django makes are left out (the relation itself is kept)."""
        found = []
        for rel in self.model._meta.get_fields(include_hidden=True):
            if not (rel.auto_created and not rel.concrete and rel.is_relation):
                continue
            other = rel.related_model
            if getattr(other, "instance_type", None) is not None or other._meta.auto_created:
                continue
            found.append((other, rel.field.name))
        return found

    def in_use_expression(self):
        """True for a row something points at, or that a sent dossier's stored check names (CheckResult): one
        expression, so the list costs the same few queries however many rows it has."""
        from awards.models import CheckResult

        expression = Exists(CheckResult.objects.filter(rule_kind=self.model.__name__, rule_id=OuterRef("pk")))
        for other, name in self.references():
            expression = expression | Exists(other._base_manager.filter(**{name: OuterRef("pk")}))
        return expression

    def uses(self, row) -> tuple[bool, datetime.date | None]:
        """(in use, the last day it was applied if known) for one row."""
        annotated = type(row)._base_manager.filter(pk=row.pk).annotate(used=self.in_use_expression())
        used = bool(annotated.values_list("used", flat=True).first())
        last = self.last_used(row) if self.last_used else None
        checked = _judged_days(row)
        days = [d for d in (last, checked) if d is not None]
        return used or bool(days), max(days) if days else None


# --- When a row was applied -------------------------------------------------------------------------------------


def _within(row, day_field: str) -> Q:
    q = Q()
    if row.valid_from:
        q &= Q(**{f"{day_field}__gte": row.valid_from})
    if row.valid_to:
        q &= Q(**{f"{day_field}__lte": row.valid_to})
    return q


def _round_days(dossiers: Iterable) -> list[datetime.date]:
    from awards.services import round_day

    return [round_day(d) for d in dossiers]


def _judged_days(row) -> datetime.date | None:
    """The latest round day of a sent dossier whose stored checks name this row."""
    from awards.models import CheckResult, Dossier

    ids = CheckResult.objects.filter(rule_kind=type(row).__name__, rule_id=row.pk).values("dossier_id")
    days = _round_days(Dossier.objects.filter(pk__in=ids).select_related("milestone"))
    return max(days) if days else None


def _records_last(row, **filters) -> datetime.date | None:
    from awards.models import AwardRecord

    qs = AwardRecord.objects.filter(_within(row, "decision_date"), amount__isnull=False, **filters)
    return qs.aggregate(last=Max("decision_date"))["last"]


def _amount_last(row) -> datetime.date | None:
    return _records_last(row, award_form_id=row.award_form_id)


def _salary_last(row) -> datetime.date | None:
    return _records_last(row)


def _vote_rule_last(row) -> datetime.date | None:
    from awards.models import Vote

    return Vote.objects.filter(rule=row).aggregate(last=Max("meeting__held_on"))["last"]


def _path_last(row) -> datetime.date | None:
    """Decisions conferring (or forwarding) the form, signed within the path's period."""
    from awards.models import Decision

    qs = Decision.objects.filter(_within(row, "signed_on"), nominees__award_form_id=row.award_form_id)
    return qs.aggregate(last=Max("signed_on"))["last"]


def _prerequisite_last(row) -> datetime.date | None:
    """Sent dossiers proposing the title, whose round day falls within the row's period."""
    from awards.models import Dossier
    from awards.services import COUNTED

    dossiers = (
        Dossier.objects.filter(status__in=COUNTED, nominees__award_form__code=row.award_code)
        .select_related("milestone")
        .distinct()
    )
    days = [d for d in _round_days(dossiers) if row.is_valid_on(d)]
    return max(days) if days else None


def _legal_document_last(row) -> datetime.date | None:
    """Decisions signed while the text was in force cite it (campaigns.paper.law_citations)."""
    from awards.models import Decision

    return Decision.objects.filter(_within(row, "signed_on")).aggregate(last=Max("signed_on"))["last"]


def _signer_last(row) -> datetime.date | None:
    from awards.models import Decision

    return Decision.objects.filter(signer_ref=row).aggregate(last=Max("signed_on"))["last"]


def signer_units(user):
    """Units whose signers the user keeps: where they are Văn phòng, or under their Quản trị unit."""
    from campaigns.models import Role, Unit
    from campaigns.scope import scope_for

    scope = scope_for(user)
    if scope.everything:
        return Unit.objects.all()
    q = Q(pk__in=[g.unit_id for g in scope.grants if g.role == Role.VAN_PHONG])
    for grant in scope.grants:
        if grant.role == Role.QUAN_TRI:
            q |= Q(path__startswith=grant.unit_path)
    return Unit.objects.filter(q)


# --- The kinds ---------------------------------------------------------------------------------------------------

AWARDS, RULES, DOCUMENTS, INDICATORS = (
    "Danh hiệu, hình thức khen thưởng",
    "Quy tắc xét khen thưởng",
    "Văn bản và người ký",
    "Chỉ tiêu, chấm điểm",
)

KINDS: dict[str, Kind] = {
    k.slug: k
    for k in [
        Kind(
            slug="hinh-thuc-khen-thuong",
            label="Danh hiệu, hình thức khen thưởng",
            model_path="campaigns.AwardForm",
            fields=("code", "name", "kind", "target", "authority", "legal_basis", "order"),
            columns=("code", "name", "kind", "target", "authority"),
            overlap_key=("code",),
            group=AWARDS,
            legal_basis_field="legal_basis",
            ordering=("order", "code"),
            description="Danh mục danh hiệu thi đua và hình thức khen thưởng theo từng thời kỳ của luật.",
        ),
        Kind(
            slug="quy-trinh-khen-thuong",
            label="Quy trình, thẩm quyền khen thưởng",
            model_path="awards.AwardPath",
            fields=(
                "award_form",
                "province",
                "proposer",
                "appraiser",
                "council",
                "unit_review",
                "conferrer",
                "forwarded",
                "legal_basis",
                "note",
            ),
            columns=("award_form", "province", "proposer", "council", "conferrer", "forwarded"),
            overlap_key=("award_form_id", "province"),
            group=AWARDS,
            owner=PROVINCE,
            legal_basis_field="legal_basis",
            related=("award_form",),
            ordering=("award_form__order", "award_form_id", "province"),
            description="Cấp đề nghị, cơ quan thẩm định, cách Hội đồng xét và cấp quyết định của từng hình thức.",
            last_used=_path_last,
        ),
        Kind(
            slug="quy-tac-bieu-quyet",
            label="Ngưỡng biểu quyết của Hội đồng",
            model_path="awards.VoteRule",
            fields=("award_form", "threshold_percent", "counted_on_total", "secret_ballot", "legal_basis", "note"),
            columns=("award_form", "threshold_percent", "counted_on_total", "secret_ballot"),
            overlap_key=("award_form_id",),
            group=RULES,
            legal_basis_field="legal_basis",
            related=("award_form",),
            ordering=("award_form__order", "award_form_id"),
            description="Tỷ lệ phiếu đồng ý tối thiểu (tính trên tổng số thành viên Hội đồng) và bỏ phiếu kín.",
            last_used=_vote_rule_last,
        ),
        Kind(
            slug="ty-le-lanh-dao",
            label="Tỷ lệ lãnh đạo tối đa",
            model_path="awards.LeaderShareRule",
            fields=("award_form", "province", "max_percent", "legal_basis", "note"),
            columns=("award_form", "province", "max_percent"),
            overlap_key=("award_form_id", "province"),
            group=RULES,
            owner=PROVINCE,
            legal_basis_field="legal_basis",
            related=("award_form",),
            ordering=("award_form__order", "award_form_id", "province"),
            description="Cá nhân là lãnh đạo (từ Phó trưởng phòng trở lên) tối đa bao nhiêu phần trăm số đề nghị.",
        ),
        Kind(
            slug="tieu-chuan-khen-thuong",
            label="Tiêu chuẩn khen thưởng",
            model_path="awards.AwardStandard",
            fields=(
                "target",
                "award_form",
                "min_rating",
                "initiative_alternative",
                "no_discipline",
                "targets_achieved_percent",
                "members_all_good",
                "members_excellent_min",
                "legal_basis",
            ),
            columns=("target", "award_form", "min_rating", "initiative_alternative", "targets_achieved_percent"),
            overlap_key=("target", "award_form_id", "campaign_id"),
            group=RULES,
            legal_basis_field="legal_basis",
            related=("award_form",),
            base=Q(campaign__isnull=True),
            ordering=("target", "award_form_id"),
            description="Tiêu chuẩn chung (mọi phong trào) của từng hình thức hoặc của mọi hình thức một đối tượng.",
            note="Tiêu chuẩn riêng của một phong trào được khai báo trong kế hoạch của phong trào đó.",
        ),
        Kind(
            slug="dieu-kien-danh-hieu",
            label="Điều kiện của danh hiệu, hình thức",
            model_path="campaigns.Prerequisite",
            fields=(
                "award_code",
                "province",
                "order",
                "requires_code",
                "requires_rating",
                "requires_years",
                "ends_with_round_year",
                "requires_initiative",
                "initiative_level",
                "initiative_count",
                "accepts_research",
                "alternative_rating",
                "blocking",
                "legal_basis",
                "note",
            ),
            columns=(
                "award_code",
                "province",
                "order",
                "requires_code",
                "requires_rating",
                "requires_years",
                "requires_initiative",
                "blocking",
            ),
            overlap_key=("award_code", "province", "order"),
            group=RULES,
            owner=PROVINCE,
            legal_basis_field="legal_basis",
            ordering=("award_code", "province", "order"),
            description="Những gì một danh hiệu đòi hỏi ở quá trình của người được đề nghị (số năm, sáng kiến…).",
            last_used=_prerequisite_last,
        ),
        Kind(
            slug="he-so-tien-thuong",
            label="Hệ số tiền thưởng",
            model_path="awards.AwardAmount",
            fields=("award_form", "coefficient", "round_to", "legal_basis", "note"),
            columns=("award_form", "coefficient", "round_to"),
            overlap_key=("award_form_id",),
            group=RULES,
            legal_basis_field="legal_basis",
            related=("award_form",),
            ordering=("award_form__order", "award_form_id"),
            description="Hệ số nhân với mức lương cơ sở của từng hình thức, và cách làm tròn.",
            last_used=_amount_last,
        ),
        Kind(
            slug="luong-co-so",
            label="Mức lương cơ sở",
            model_path="awards.BaseSalary",
            fields=("amount", "legal_basis", "note"),
            columns=("amount",),
            overlap_key=(),
            group=RULES,
            legal_basis_field="legal_basis",
            description="Mức lương cơ sở dùng để tính tiền thưởng theo ngày quyết định.",
            last_used=_salary_last,
        ),
        Kind(
            slug="so-luong-cum",
            label="Số lượng đề nghị khen thưởng của cụm",
            model_path="clusters.AwardQuota",
            fields=("table", "award_form", "max_count", "min_points", "order", "note"),
            columns=("table", "award_form", "max_count", "min_points"),
            overlap_key=("table_id", "award_form_id"),
            group=INDICATORS,
            related=("table", "award_form"),
            ordering=("table_id", "order"),
            description="Số đơn vị mỗi cụm được đề nghị Cờ thi đua, Bằng khen theo bảng điểm của Bộ.",
        ),
        Kind(
            slug="chi-tieu",
            label="Danh mục chỉ tiêu",
            model_path="indicators.Indicator",
            fields=(
                "code",
                "name",
                "sector",
                "measure",
                "entry",
                "unit_label",
                "numerator_label",
                "denominator_label",
                "direction",
                "definition",
                "source",
                "decimals",
                "input_decimals",
                "plausibility_factor",
                "order",
            ),
            columns=("code", "name", "measure", "entry", "unit_label"),
            overlap_key=("code",),
            group=INDICATORS,
            related=("sector",),
            ordering=("order", "code"),
            replaceable=False,
            description="Chỉ tiêu, cách nhập, tử số, mẫu số và chiều đánh giá.",
            note="Mã chỉ tiêu là duy nhất: định nghĩa mới của một chỉ tiêu được thêm với mã mới, chỉ tiêu cũ được "
            "kết thúc hiệu lực.",
        ),
        Kind(
            slug="van-ban-phap-luat",
            label="Văn bản pháp luật (căn cứ)",
            model_path="campaigns.LegalDocument",
            fields=("topic", "doc_type", "number", "issued_on", "issuer", "title", "province", "unit", "order", "note"),
            columns=("topic", "doc_type", "number", "issued_on", "issuer", "title", "province"),
            overlap_key=("doc_type", "number", "issuer", "province", "title"),
            group=DOCUMENTS,
            owner=PROVINCE,
            related=("unit",),
            ordering=("topic", "order"),
            description="Các văn bản được trích dẫn ở phần căn cứ của văn bản do cổng tạo ra, theo ngày hiệu lực.",
            replaceable=False,
            note="Một văn bản không có phiên bản: khi văn bản mới thay thế, văn bản cũ được kết thúc hiệu lực và văn "
            "bản mới được thêm với số, ngày của nó.",
            last_used=_legal_document_last,
        ),
        Kind(
            slug="nguoi-ky",
            label="Người ký văn bản",
            model_path="campaigns.Signer",
            fields=("unit", "authority", "position", "name"),
            columns=("unit", "authority", "position", "name"),
            overlap_key=("unit_id", "authority", "position", "name"),
            group=DOCUMENTS,
            owner=UNIT,
            related=("unit",),
            ordering=("unit__path",),
            description="Quyền hạn ký, chức vụ và họ tên người ký văn bản của từng đơn vị.",
            last_used=_signer_last,
        ),
    ]
}
