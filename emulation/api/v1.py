"""The read-only JSON API, version 1 (/api/v1/): what the provincial and national reporting systems (LGSP) and the
Sở's own dashboards pull from the portal.

django-ninja builds the OpenAPI schema (/api/v1/openapi.json) from the type hints below and serves Swagger UI
(/api/v1/docs) from assets inside its own package, so the docs page needs no network. Every data endpoint:
- is authenticated by a Bearer token (emulation.api.auth) that names its resources; a token reads its Sở's
  subtree only (emulation.api.selectors), and a filter naming a unit or campaign outside it is refused (403);
- is throttled per token (429 with Retry-After) and logged (ApiCall), refused calls included;
- pages by key: `sau` = the last id read, `gioi_han` = how many; rows come in id order, so a client paging while
  rows are added never sees one twice nor misses one (new rows get larger ids and come at the end);
- answers with ETag and Last-Modified computed from the count, largest id and latest change of the rows the
  filters select, and 304 to If-None-Match / If-Modified-Since when nothing changed (incremental pulls);
- refuses an unknown or malformed parameter with 400 and a Vietnamese message.
Figures are judged by indicators.evaluation, the one module every page and report uses.
"""

from __future__ import annotations

import contextvars
import datetime
import functools
import hashlib
import inspect
import json
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, Literal
from urllib.parse import urlencode

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from ninja import NinjaAPI, Query, Schema
from ninja.errors import AuthenticationError, Throttled, ValidationError
from ninja.openapi.docs import Swagger
from ninja.renderers import JSONRenderer

from awards.models import AwardRecord
from campaigns.models import Campaign, ReportingPeriod, Unit
from campaigns.orgchart import DatedNames
from emulation.api import selectors, services
from emulation.api.auth import MISSING, NOT_IN_SCOPE, ApiError, TokenAuth, TokenThrottle
from emulation.api.models import ApiToken, Resource
from emulation.lib.downloads import file_response
from emulation.lib.params import MAX_ID
from indicators import evaluation
from indicators.models import Submission, SubmissionStatus, Target, Value

logger = logging.getLogger(__name__)

PAGE_DEFAULT = 100
PAGE_MAX = 500

DESCRIPTION = """
API **chỉ đọc** của Cổng quản lý thi đua – khen thưởng, cho hệ thống báo cáo của tỉnh, của Bộ (LGSP) và bảng
điều hành của Sở.

**Xác thực.** Mỗi hệ thống kết nối dùng một mã truy cập do Quản trị cổng cấp (trang *Kết nối API*), gửi trong
tiêu đề `Authorization: Bearer <mã truy cập>`. Mã chỉ đọc dữ liệu của **một Sở và các đơn vị trực thuộc**, chỉ
các loại dữ liệu được chọn khi cấp, đến ngày hết hạn hoặc khi bị thu hồi. Thiếu mã, mã sai, hết hạn, bị thu hồi:
`401`; mã không được đọc loại dữ liệu hoặc đơn vị, phong trào được hỏi: `403`. Mọi lượt gọi đều được ghi nhật ký.

**Phân trang.** Kết quả xếp theo `id` tăng dần. Gửi `sau=<id cuối cùng đã đọc>` để lấy trang tiếp (trường
`tiep_theo` có sẵn đường dẫn); `gioi_han` từ 1 đến 500 (mặc định 100). Bản ghi thêm mới trong lúc đọc không làm
trùng hoặc sót bản ghi.

**Đọc phần thay đổi.** Mỗi danh sách trả về `ETag` và `Last-Modified`. Gửi lại `If-None-Match` (hoặc
`If-Modified-Since`): không có gì thay đổi thì nhận `304` không kèm dữ liệu. Nên dùng `ETag`: nó nhận ra cả bản ghi
bị xóa.

**Giới hạn.** Mỗi mã truy cập gọi tối đa một số lần mỗi phút; vượt quá: `429` kèm `Retry-After` (giây).

**Lỗi.** Tham số lạ hoặc sai định dạng: `400`, thông báo tiếng Việt trong trường `detail` (và `loi` theo từng tham
số). Số liệu là số JSON (dấu chấm thập phân); trường `hien_thi` là cách viết trên cổng (ví dụ `82,5 %`).
"""


class VietnameseJSON(JSONRenderer):
    """UTF-8 as it is ("Đạt", not "\\u0110\\u1ea1t"): the same JSON, readable in a log or a browser."""

    json_dumps_params = {"ensure_ascii": False}


class PortalSwagger(Swagger):
    """Swagger UI from django-ninja's own static files (never a CDN), under a heading of the portal."""

    template = "api/docs.html"


api = NinjaAPI(
    title="API chỉ đọc – Cổng thi đua, khen thưởng",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs=PortalSwagger(settings={"persistAuthorization": False, "defaultModelsExpandDepth": 0}),
    throttle=[TokenThrottle()],
    renderer=VietnameseJSON(),
)


# --- Errors: JSON with a Vietnamese message -------------------------------------------------------------------------


class Error(Schema):
    detail: str


class ParamError(Schema):
    tham_so: str
    thong_bao: str


class ValidationErrorOut(Schema):
    detail: str
    loi: list[ParamError]


def _json_error(request: HttpRequest, status: int, message: str, **extra: Any) -> HttpResponse:
    response = api.create_response(request, {"detail": message, **extra}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return _json_error(request, exc.status, exc.message, **exc.extra)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _json_error(request, 401, MISSING)


@api.exception_handler(Throttled)
def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    wait = f" Thử lại sau {int(exc.wait) + 1} giây." if exc.wait is not None else ""
    return _json_error(request, 429, f"Mã truy cập đã gọi quá số lần cho phép trong một phút.{wait}")


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _json_error(request, 404, "Không tìm thấy dữ liệu được hỏi trong phạm vi của mã truy cập.")


def _param_message(error: dict) -> str:
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "phải là số nguyên"
    if kind == "greater_than_equal":
        return f"phải lớn hơn hoặc bằng {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"phải nhỏ hơn hoặc bằng {ctx.get('le')}"
    if kind.startswith("date"):
        return "phải là ngày dạng NNNN-TT-NN, ví dụ 2023-12-15"
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", "")).replace(" or ", " hoặc ")
        return f"chỉ nhận một trong các giá trị {expected}".strip()
    if kind == "missing":
        return "bắt buộc phải có"
    if kind == "string_too_long":
        return f"dài quá {ctx.get('max_length')} ký tự"
    return "không hợp lệ"


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"tham_so": str(error.get("loc", ["", "?"])[-1]), "thong_bao": _param_message(error)} for error in exc.errors
    ]
    text = "; ".join(f"{e['tham_so']} {e['thong_bao']}" for e in errors)
    return _json_error(request, 400, f"Tham số không hợp lệ: {text}.", loi=errors)


@api.exception_handler(Exception)
def _failed(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("api: %s %s failed", request.method, request.path)
    return _json_error(request, 500, "Đã có lỗi xảy ra phía cổng thi đua. Vui lòng thử lại sau.")


def strict_params(view: Callable) -> Callable:
    """Refuse a query parameter the endpoint does not take (400): a misspelt filter must not silently return
    everything."""
    taken = set(inspect.signature(view).parameters) - {"request", "response"}

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        unknown = sorted(set(request.GET) - taken)
        if unknown:
            names = ", ".join(unknown)
            raise ApiError(
                400,
                f"Tham số không được hỗ trợ: {names}. Tham số được dùng: {', '.join(sorted(taken)) or 'không có'}.",
                extra={"loi": [{"tham_so": n, "thong_bao": "không được hỗ trợ"} for n in unknown]},
            )
        return view(request, *args, **kwargs)

    return wrapper


# --- Paging and conditional answers ---------------------------------------------------------------------------------


class PageInfo(Schema):
    so_ban_ghi: int  # rows in this page
    sau: int | None  # pass as `sau` for the next page; null: this is the last page
    tiep_theo: str | None  # the next page's URL


def _token(request: HttpRequest) -> ApiToken:
    # Every endpoint starts here: the unit names of this request are read afresh (one query) and from memory after.
    _NAMES.set(None)
    return request.auth  # type: ignore[attr-defined,return-value]


def _stamp(value: Any) -> datetime.datetime | None:
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, datetime.date):
        return timezone.make_aware(datetime.datetime.combine(value, datetime.time.min))
    return None


def _not_modified(
    request: HttpRequest, response: HttpResponse, *, parts: Iterable[Any], changed: Iterable[Any]
) -> HttpResponse | None:
    """Put ETag and Last-Modified on the answer; the 304 when the client's copy is current."""
    token = _token(request)
    key = [request.path, sorted(request.GET.lists()), token.unit.path, sorted(token.resources), *parts]
    etag = '"' + hashlib.sha256(json.dumps(key, default=str).encode()).hexdigest()[:40] + '"'
    stamps = [s for s in (_stamp(c) for c in changed) if s is not None]
    last_modified = int(max(stamps).timestamp()) if stamps else None
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    # Scoped to the token: a shared cache must not serve it to another client; revalidate every time.
    response["Cache-Control"] = "private, no-cache"
    response["Vary"] = "Authorization"
    answer = get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)
    return None if answer is response else answer


def _page(
    request: HttpRequest,
    response: HttpResponse,
    rows: QuerySet,
    *,
    sau: int,
    gioi_han: int,
    serialize: Callable[[list], list[dict]],
    changed: Iterable[str] = (),
    also: Callable[[], Iterable[Any]] = lambda: (),
) -> dict | HttpResponse:
    """One page of `rows` after id `sau`, in id order; or 304. `changed`: fields whose latest value dates the rows;
    `also`: more values that change when what the rows show changes (a target edited, a history row)."""
    marks = {f"c{i}": Max(name) for i, name in enumerate(changed)}
    summary = rows.order_by().aggregate(n=Count("pk"), top=Max("pk"), **marks)
    extra = list(also())
    latest = [summary[k] for k in marks] + extra
    cached = _not_modified(request, response, parts=[summary["n"], summary["top"], *latest], changed=latest)
    if cached is not None:
        return cached
    found = list(rows.filter(pk__gt=sau).order_by("pk")[: gioi_han + 1])
    more = len(found) > gioi_han
    found = found[:gioi_han]
    after = found[-1].pk if more and found else None
    following = None
    if after is not None:
        query = {k: v for k, v in request.GET.items() if k != "sau"}
        following = request.build_absolute_uri(f"{request.path}?{urlencode({**query, 'sau': after})}")
    return {"du_lieu": serialize(found), "so_ban_ghi": len(found), "sau": after, "tiep_theo": following}


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


_NAMES: contextvars.ContextVar[DatedNames | None] = contextvars.ContextVar("api_dated_names", default=None)


def _unit_name(unit: Unit, day: datetime.date) -> str:
    """The unit's name in force on `day` (campaigns.orgchart): a 2023 figure of a Sở merged since is named as it
    was then. The past states are read once per request, however many rows name a unit."""
    names = _NAMES.get()
    if names is None:
        names = DatedNames()
        _NAMES.set(names)
    return names.name(unit, day)


class UnitRef(Schema):
    id: int
    ma: str
    ten: str


def _unit_ref(unit: Unit | None, day: datetime.date) -> dict | None:
    if unit is None:
        return None
    return {"id": unit.pk, "ma": unit.code, "ten": _unit_name(unit, day)}


def _unit_filter(token: ApiToken, value: str | None) -> Unit | None:
    """`don_vi` (id or code): the unit and everything under it, which must be the token's (403 otherwise, whether
    the unit exists or not)."""
    if value is None or value == "":
        return None
    lookup = Q(pk=int(value)) if value.isdigit() and len(value) < 19 else Q(code=value)
    unit = Unit.objects.filter(lookup).first()
    if unit is None or not unit.path.startswith(token.unit.path):
        raise ApiError(403, NOT_IN_SCOPE)
    return unit


def _campaign_filter(token: ApiToken, value: int | None) -> Campaign | None:
    if value is None:
        return None
    campaign = selectors.campaigns_for(token=token).filter(pk=value).first()
    if campaign is None:
        raise ApiError(403, NOT_IN_SCOPE)
    return campaign


# Common parameters, described once for the schema.
SAU = Query(0, ge=0, le=MAX_ID, description="Id cuối cùng đã đọc (trang trước); 0: từ đầu.")
GIOI_HAN = Query(PAGE_DEFAULT, ge=1, le=PAGE_MAX, description=f"Số bản ghi mỗi trang, tối đa {PAGE_MAX}.")
DON_VI = Query(None, max_length=64, description="Id hoặc mã đơn vị: đơn vị đó và các đơn vị trực thuộc.")
PHONG_TRAO = Query(None, ge=1, le=MAX_ID, description="Id phong trào.")
NAM = Query(None, ge=1900, le=2200, description="Năm.")
NGAY = Query(None, description="Ngày (NNNN-TT-NN): các đơn vị có hiệu lực ngày đó; mặc định hôm nay.")
CAP = Query(None, max_length=16, description="Cấp: so, phong, huyen, xa, doanh_nghiep, …")
COMPLETENESS_CAMPAIGN = Query(..., ge=1, le=MAX_ID, description="Id phong trào (bắt buộc).")
ERRORS = {400: ValidationErrorOut, 401: Error, 403: Error, 429: Error}


# --- Đơn vị -------------------------------------------------------------------------------------------------------


class UnitOut(Schema):
    id: int
    ma: str
    ten: str
    ten_viet_tat: str
    cap: str
    cap_ten: str
    tinh: str
    don_vi_cha_id: int | None
    hieu_luc_tu: datetime.date | None
    hieu_luc_den: datetime.date | None


class UnitPage(PageInfo):
    ngay: datetime.date
    du_lieu: list[UnitOut]


@api.get(
    "/don-vi",
    auth=TokenAuth(Resource.DON_VI),
    response={200: UnitPage, **ERRORS},
    url_name="units",
    summary="Đơn vị",
    tags=["Đơn vị"],
)
@strict_params
def units(
    request: HttpRequest,
    response: HttpResponse,
    ngay: datetime.date | None = NGAY,
    cap: str | None = CAP,
    sau: int = SAU,
    gioi_han: int = GIOI_HAN,
):
    """Sở của mã truy cập và các đơn vị trực thuộc có hiệu lực vào `ngay` (mặc định hôm nay), với tên tại ngày đó."""
    token = _token(request)
    day = ngay or timezone.localdate()
    rows = selectors.units_for(token=token, day=day)
    if cap:
        rows = rows.filter(level=cap)

    def serialize(found: list[Unit]) -> list[dict]:
        parents = dict(
            Unit.objects.filter(path__in={u.path[: -Unit.steplen] for u in found if u.depth > 1}).values_list(
                "path", "pk"
            )
        )
        return [
            {
                "id": u.pk,
                "ma": u.code,
                "ten": _unit_name(u, day),
                "ten_viet_tat": u.short_name,
                "cap": u.level,
                "cap_ten": u.get_level_display(),
                "tinh": u.province,
                # The token's own Sở is the root of what it reads: its parent is not part of the answer.
                "don_vi_cha_id": None if u.pk == token.unit_id else parents.get(u.path[: -Unit.steplen]),
                "hieu_luc_tu": u.valid_from,
                "hieu_luc_den": u.valid_to,
            }
            for u in found
        ]

    def history() -> list:
        return [Unit.history.filter(id__in=rows.values("pk")).aggregate(at=Max("history_date"))["at"]]

    page = _page(request, response, rows, sau=sau, gioi_han=gioi_han, serialize=serialize, also=history)
    return page if isinstance(page, HttpResponse) else {**page, "ngay": day}


# --- Phong trào, chỉ tiêu phấn đấu ------------------------------------------------------------------------------


class PeriodOut(Schema):
    id: int
    loai: str
    loai_ten: str
    nam: int
    han_gui: datetime.date


def _period(period) -> dict:
    return {
        "id": period.pk,
        "loai": period.kind,
        "loai_ten": period.get_kind_display(),
        "nam": period.year,
        "han_gui": period.due_date,
    }


class CampaignOut(Schema):
    id: int
    so_ky_hieu: str
    loai_van_ban: str
    tieu_de: str
    loai: str
    loai_ten: str
    trang_thai: str
    trang_thai_ten: str
    ngay_ban_hanh: datetime.date | None
    bat_dau: datetime.date
    ket_thuc: datetime.date
    don_vi_quan_ly: UnitRef
    ky_bao_cao: list[PeriodOut]


class CampaignPage(PageInfo):
    du_lieu: list[CampaignOut]


@api.get(
    "/phong-trao",
    auth=TokenAuth(Resource.PHONG_TRAO),
    response={200: CampaignPage, **ERRORS},
    url_name="campaigns",
    summary="Phong trào thi đua",
    tags=["Phong trào, chỉ tiêu"],
)
@strict_params
def campaigns(
    request: HttpRequest, response: HttpResponse, nam: int | None = NAM, sau: int = SAU, gioi_han: int = GIOI_HAN
):
    """Phong trào đã phát động mà Sở chủ trì hoặc tham gia, với các kỳ báo cáo; `nam`: phong trào diễn ra trong năm."""
    rows = selectors.campaigns_for(token=_token(request))
    if nam is not None:
        rows = rows.filter(start_date__year__lte=nam, end_date__year__gte=nam)

    def serialize(found: list[Campaign]) -> list[dict]:
        periods = defaultdict(list)
        for period in ReportingPeriod.objects.filter(campaign__in=found).order_by("due_date"):
            periods[period.campaign_id].append(_period(period))
        return [
            {
                "id": c.pk,
                "so_ky_hieu": c.number,
                "loai_van_ban": c.document_type,
                "tieu_de": c.title,
                "loai": c.kind,
                "loai_ten": c.get_kind_display(),
                "trang_thai": c.status,
                "trang_thai_ten": c.get_status_display(),
                "ngay_ban_hanh": c.issued_on,
                "bat_dau": c.start_date,
                "ket_thuc": c.end_date,
                "don_vi_quan_ly": _unit_ref(c.owner, c.issued_on or c.start_date),
                "ky_bao_cao": periods[c.pk],
            }
            for c in found
        ]

    return _page(request, response, rows, sau=sau, gioi_han=gioi_han, serialize=serialize, changed=["updated_at"])


class IndicatorOut(Schema):
    ma: str
    ten: str
    linh_vuc: str | None
    loai_so_do: str
    cach_nhap: str
    don_vi_tinh: str
    tu_so: str
    mau_so: str
    chieu_danh_gia: str


class TargetOut(Schema):
    id: int
    phong_trao_id: int
    chi_tieu: IndicatorOut
    so_sanh: str
    so_sanh_ten: str
    gia_tri: float | None
    gia_tri_toi_da: float | None
    han_hoan_thanh: datetime.date | None
    thu_hang_moc: float | None
    nam: int | None
    ap_dung_cho: str
    cap: str
    don_vi: UnitRef | None
    mo_ta: str


class TargetPage(PageInfo):
    du_lieu: list[TargetOut]


def _indicator(indicator) -> dict:
    return {
        "ma": indicator.code,
        "ten": indicator.name,
        "linh_vuc": indicator.sector.name if indicator.sector_id else None,
        "loai_so_do": indicator.measure,
        "cach_nhap": indicator.entry,
        "don_vi_tinh": indicator.unit_label,
        "tu_so": indicator.numerator_label,
        "mau_so": indicator.denominator_label,
        "chieu_danh_gia": indicator.direction,
    }


@api.get(
    "/chi-tieu",
    auth=TokenAuth(Resource.PHONG_TRAO),
    response={200: TargetPage, **ERRORS},
    url_name="targets",
    summary="Chỉ tiêu và chỉ tiêu phấn đấu",
    tags=["Phong trào, chỉ tiêu"],
)
@strict_params
def targets(
    request: HttpRequest,
    response: HttpResponse,
    phong_trao: int | None = PHONG_TRAO,
    nam: int | None = Query(None, ge=1900, le=2200, description="Năm: chỉ tiêu của năm đó và chỉ tiêu cả phong trào."),
    sau: int = SAU,
    gioi_han: int = GIOI_HAN,
):
    """Chỉ tiêu phấn đấu của các phong trào (so sánh, giá trị, năm, áp dụng cho ai) kèm định nghĩa chỉ tiêu."""
    token = _token(request)
    rows = selectors.targets_for(token=token).select_related("indicator__sector")
    if (campaign := _campaign_filter(token, phong_trao)) is not None:
        rows = rows.filter(campaign=campaign)
    if nam is not None:
        rows = rows.filter(Q(year__isnull=True) | Q(year=nam))

    def serialize(found: list[Target]) -> list[dict]:
        return [
            {
                "id": t.pk,
                "phong_trao_id": t.campaign_id,
                "chi_tieu": _indicator(t.indicator),
                "so_sanh": t.comparator,
                "so_sanh_ten": t.get_comparator_display(),
                "gia_tri": _number(t.value),
                "gia_tri_toi_da": _number(t.value_max),
                "han_hoan_thanh": t.due_on,
                "thu_hang_moc": _number(t.baseline),
                "nam": t.year,
                "ap_dung_cho": t.applies_to,
                "cap": t.level,
                "don_vi": _unit_ref(t.unit, t.campaign.start_date),
                "mo_ta": t.describe(),
            }
            for t in found
        ]

    def history() -> list:
        return [Target.history.filter(id__in=rows.values("pk")).aggregate(at=Max("history_date"))["at"]]

    return _page(request, response, rows, sau=sau, gioi_han=gioi_han, serialize=serialize, also=history)


# --- Số liệu đã duyệt ----------------------------------------------------------------------------------------------


class FigureOut(Schema):
    id: int
    phong_trao_id: int
    ky_bao_cao: PeriodOut
    don_vi: UnitRef
    chi_tieu_phan_dau_id: int
    chi_tieu: IndicatorOut
    chi_tieu_phan_dau: str
    gia_tri: float | None
    tu_so: float | None
    mau_so: float | None
    ngay_hoan_thanh: datetime.date | None
    hien_thi: str
    phan_tram_ke_hoach: float | None
    danh_gia: str
    danh_gia_ten: str
    trang_thai: str
    trang_thai_ten: str
    ngay_duyet: datetime.datetime | None
    qua_han: bool


class FigurePage(PageInfo):
    du_lieu: list[FigureOut]


def _figures(found: list[Value]) -> list[dict]:
    """Each approved figure judged by indicators.evaluation, a rank target against its baseline rank."""
    by_year: dict[int, list[Value]] = defaultdict(list)
    for value in found:
        by_year[value.submission.period.year].append(value)
    baselines: dict[tuple[int, int], Decimal] = {}
    for year, values in by_year.items():
        baselines.update(
            evaluation.baselines_for(
                targets={v.target for v in values}, unit_ids={v.submission.unit_id for v in values}, year=year
            )
        )
    items = []
    for v in found:
        submission, period, target = v.submission, v.submission.period, v.target
        shown = evaluation.unit_figure(target, v, baseline=baselines.get((target.pk, submission.unit_id)))
        items.append(
            {
                "id": v.pk,
                "phong_trao_id": target.campaign_id,
                "ky_bao_cao": _period(period),
                "don_vi": _unit_ref(submission.unit, period.due_date),
                "chi_tieu_phan_dau_id": target.pk,
                "chi_tieu": _indicator(target.indicator),
                "chi_tieu_phan_dau": target.describe(),
                "gia_tri": _number(shown.value),
                "tu_so": _number(shown.numerator),
                "mau_so": _number(shown.denominator),
                "ngay_hoan_thanh": shown.done_on,
                "hien_thi": shown.text,
                "phan_tram_ke_hoach": _number(shown.percent),
                "danh_gia": shown.achievement,
                "danh_gia_ten": shown.label,
                "trang_thai": submission.status,
                "trang_thai_ten": submission.get_status_display(),
                "ngay_duyet": v.approved_at,
                "qua_han": submission.is_late,
            }
        )
    return items


@api.get(
    "/so-lieu",
    auth=TokenAuth(Resource.SO_LIEU),
    response={200: FigurePage, **ERRORS},
    url_name="figures",
    summary="Số liệu đã duyệt",
    tags=["Số liệu"],
)
@strict_params
def figures(
    request: HttpRequest,
    response: HttpResponse,
    nam: int | None = Query(None, ge=1900, le=2200, description="Năm của kỳ báo cáo."),
    ky: Literal["sau_thang", "nam"] | None = Query(None, description="Kỳ báo cáo: sau_thang (6 tháng) hoặc nam."),
    don_vi: str | None = DON_VI,
    phong_trao: int | None = PHONG_TRAO,
    chi_tieu: str | None = Query(None, max_length=64, description="Mã chỉ tiêu."),
    sau: int = SAU,
    gioi_han: int = GIOI_HAN,
):
    """Số liệu **đã duyệt** của từng đơn vị theo kỳ báo cáo: giá trị, tử số, mẫu số, đánh giá so với chỉ tiêu
    (Vượt, Đạt, Chưa đạt), ngày duyệt. Số liệu nháp, đã gửi chưa duyệt hoặc bị trả lại không có ở đây."""
    token = _token(request)
    rows = selectors.figures_for(token=token)
    if (unit := _unit_filter(token, don_vi)) is not None:
        rows = rows.filter(submission__unit__path__startswith=unit.path)
    if (campaign := _campaign_filter(token, phong_trao)) is not None:
        rows = rows.filter(target__campaign=campaign)
    if nam is not None:
        rows = rows.filter(submission__period__year=nam)
    if ky is not None:
        rows = rows.filter(submission__period__kind=ky)
    if chi_tieu:
        rows = rows.filter(target__indicator__code=chi_tieu)

    def targets_changed() -> list:
        # A target edited after approval changes the judgement of its figures.
        ids = rows.order_by().values("target_id")
        return [Target.history.filter(id__in=ids).aggregate(at=Max("history_date"))["at"]]

    return _page(
        request,
        response,
        rows,
        sau=sau,
        gioi_han=gioi_han,
        serialize=_figures,
        changed=["submission__updated_at"],
        also=targets_changed,
    )


# --- Tình hình gửi báo cáo ----------------------------------------------------------------------------------------

STATES = {"dung_han": "Đúng hạn", "qua_han": "Quá hạn", "chua_gui": "Chưa gửi"}


def _state(submission: Submission | None) -> str:
    # The completeness table's rule (indicators.selectors.completeness): nothing, a draft or a returned report
    # has not been sent; a sent or approved one is on time or late by its first sending.
    if submission is None or submission.status in (SubmissionStatus.NHAP, SubmissionStatus.TRA_LAI):
        return "chua_gui"
    return "qua_han" if submission.is_late else "dung_han"


class CellOut(Schema):
    ky_bao_cao: PeriodOut
    tinh_trang: str
    tinh_trang_ten: str
    gui_lan_dau_luc: datetime.datetime | None


class CompletenessOut(Schema):
    id: int
    don_vi: UnitRef
    cac_ky: list[CellOut]


class CompletenessPage(PageInfo):
    phong_trao_id: int
    du_lieu: list[CompletenessOut]


@api.get(
    "/tien-do",
    auth=TokenAuth(Resource.TIEN_DO),
    response={200: CompletenessPage, **ERRORS},
    url_name="completeness",
    summary="Tình hình gửi báo cáo",
    tags=["Số liệu"],
)
@strict_params
def completeness(
    request: HttpRequest,
    response: HttpResponse,
    phong_trao: int = COMPLETENESS_CAMPAIGN,
    don_vi: str | None = DON_VI,
    sau: int = SAU,
    gioi_han: int = GIOI_HAN,
):
    """Mỗi đơn vị phải báo cáo cho phong trào: từng kỳ báo cáo đúng hạn, quá hạn hay chưa gửi. Trang theo đơn vị
    (`id` là id đơn vị)."""
    token = _token(request)
    campaign = _campaign_filter(token, phong_trao)
    rows = selectors.completeness_units(token=token, campaign=campaign)
    if (unit := _unit_filter(token, don_vi)) is not None:
        rows = rows.filter(path__startswith=unit.path)
    periods = selectors.periods_of(campaign=campaign)

    def serialize(found: list[Unit]) -> list[dict]:
        sent = selectors.completeness_submissions(campaign=campaign, unit_ids=[u.pk for u in found])
        items = []
        for u in found:
            cells = []
            for period in periods:
                submission = sent.get((u.pk, period.pk))
                state = _state(submission)
                cells.append(
                    {
                        "ky_bao_cao": _period(period),
                        "tinh_trang": state,
                        "tinh_trang_ten": STATES[state],
                        "gui_lan_dau_luc": submission.first_submitted_at if state != "chua_gui" else None,
                    }
                )
            items.append({"id": u.pk, "don_vi": _unit_ref(u, campaign.end_date), "cac_ky": cells})
        return items

    def submissions_changed() -> list:
        sent = Submission.objects.filter(period__campaign=campaign, unit__in=rows.values("pk"))
        summary = sent.aggregate(n=Count("pk"), at=Max("updated_at"))
        # The periods' due dates change the answer, not its date (a due date may lie ahead): text, not a date.
        return [summary["n"], summary["at"], len(periods), [str(p.due_date) for p in periods]]

    page = _page(request, response, rows, sau=sau, gioi_han=gioi_han, serialize=serialize, also=submissions_changed)
    return page if isinstance(page, HttpResponse) else {**page, "phong_trao_id": campaign.pk}


# --- Báo cáo định kỳ và tệp ---------------------------------------------------------------------------------------

FILE_KINDS = {"pdf": "pdf_file", "xlsx": "xlsx_file", "phu-luc": "annex_file"}


class ReportFileOut(Schema):
    loai: str
    url: str
    sha256: str


class ReportOut(Schema):
    id: int
    phong_trao_id: int
    ky_bao_cao: PeriodOut
    pham_vi: str
    don_vi: UnitRef | None
    lan: int
    so: str
    xong_luc: datetime.datetime | None
    tep: list[ReportFileOut]


class ReportPage(PageInfo):
    du_lieu: list[ReportOut]


@api.get(
    "/bao-cao",
    auth=TokenAuth(Resource.BAO_CAO),
    response={200: ReportPage, **ERRORS},
    url_name="reports",
    summary="Báo cáo định kỳ",
    tags=["Báo cáo"],
)
@strict_params
def reports(
    request: HttpRequest,
    response: HttpResponse,
    phong_trao: int | None = PHONG_TRAO,
    nam: int | None = Query(None, ge=1900, le=2200, description="Năm của kỳ báo cáo."),
    don_vi: str | None = DON_VI,
    sau: int = SAU,
    gioi_han: int = GIOI_HAN,
):
    """Báo cáo 6 tháng, báo cáo năm đã tạo xong (của cả phong trào Sở chủ trì, hoặc của một đơn vị), với đường dẫn
    tải tệp PDF, Excel, phụ lục; tải tệp cũng cần mã truy cập."""
    token = _token(request)
    rows = selectors.reports_for(token=token)
    if (campaign := _campaign_filter(token, phong_trao)) is not None:
        rows = rows.filter(campaign=campaign)
    if nam is not None:
        rows = rows.filter(period__year=nam)
    if (unit := _unit_filter(token, don_vi)) is not None:
        rows = rows.filter(unit__path__startswith=unit.path)

    def serialize(found: list) -> list[dict]:
        items = []
        for r in found:
            files = []
            for kind, field in FILE_KINDS.items():
                if getattr(r, field):
                    digest = {"pdf_file": r.pdf_sha256, "xlsx_file": r.xlsx_sha256, "annex_file": r.annex_sha256}
                    url = reverse("api:report_file", kwargs={"pk": r.pk, "loai": kind})
                    files.append({"loai": kind, "url": request.build_absolute_uri(url), "sha256": digest[field]})
            items.append(
                {
                    "id": r.pk,
                    "phong_trao_id": r.campaign_id,
                    "ky_bao_cao": _period(r.period),
                    "pham_vi": r.scope_label,
                    "don_vi": _unit_ref(r.unit, r.period.due_date),
                    "lan": r.version,
                    "so": r.number,
                    "xong_luc": r.finished_at,
                    "tep": files,
                }
            )
        return items

    return _page(request, response, rows, sau=sau, gioi_han=gioi_han, serialize=serialize, changed=["finished_at"])


@api.get(
    "/bao-cao/{pk}/tep/{loai}",
    auth=TokenAuth(Resource.BAO_CAO),
    response={200: None, 404: Error, **ERRORS},
    url_name="report_file",
    summary="Tải tệp của báo cáo",
    tags=["Báo cáo"],
)
@strict_params
def report_file(request: HttpRequest, pk: int, loai: Literal["pdf", "xlsx", "phu-luc"]):
    """Tệp PDF, Excel hoặc phụ lục của một báo cáo trong phạm vi của mã truy cập; ngoài phạm vi: 404."""
    from emulation.reports.services import ANNEX_SUFFIX

    report = selectors.reports_for(token=_token(request)).filter(pk=pk).first() if pk <= MAX_ID else None
    if report is None:
        raise Http404
    file = getattr(report, FILE_KINDS[loai])
    if not file:
        raise Http404
    name = f"{report.file_stem}-{ANNEX_SUFFIX}.pdf" if loai == "phu-luc" else f"{report.file_stem}.{loai}"
    return file_response(file, name)


# --- Sổ khen thưởng -----------------------------------------------------------------------------------------------


class AwardFormOut(Schema):
    ma: str
    ten: str
    loai: str
    loai_ten: str
    cap_quyet_dinh: str


class RecordOut(Schema):
    id: int
    ho_ten_tap_the: str
    doi_tuong: str
    doi_tuong_ten: str
    don_vi: UnitRef
    hinh_thuc: AwardFormOut
    phong_trao_id: int
    nam: int
    so_quyet_dinh: str
    ngay_quyet_dinh: datetime.date
    co_quan_quyet_dinh: str
    he_so: float | None
    muc_luong_co_so: float | None
    tien_thuong: float | None


class RecordPage(PageInfo):
    du_lieu: list[RecordOut]


@api.get(
    "/khen-thuong",
    auth=TokenAuth(Resource.KHEN_THUONG),
    response={200: RecordPage, **ERRORS},
    url_name="records",
    summary="Sổ khen thưởng",
    tags=["Khen thưởng"],
)
@strict_params
def records(
    request: HttpRequest,
    response: HttpResponse,
    nam: int | None = NAM,
    don_vi: str | None = DON_VI,
    phong_trao: int | None = PHONG_TRAO,
    sau: int = SAU,
    gioi_han: int = GIOI_HAN,
):
    """Các khen thưởng đã quyết định của đơn vị trong phạm vi: hình thức, số và ngày quyết định, cơ quan quyết
    định, tiền thưởng (nếu có)."""
    token = _token(request)
    rows = selectors.records_for(token=token)
    if nam is not None:
        rows = rows.filter(year=nam)
    if (unit := _unit_filter(token, don_vi)) is not None:
        rows = rows.filter(unit__path__startswith=unit.path)
    if (campaign := _campaign_filter(token, phong_trao)) is not None:
        rows = rows.filter(campaign=campaign)

    def serialize(found: list[AwardRecord]) -> list[dict]:
        return [
            {
                "id": r.pk,
                "ho_ten_tap_the": r.name,
                "doi_tuong": r.kind,
                "doi_tuong_ten": r.get_kind_display(),
                "don_vi": _unit_ref(r.unit, r.decision_date),
                "hinh_thuc": {
                    "ma": r.award_form.code,
                    "ten": r.award_form.name,
                    "loai": r.award_form.kind,
                    "loai_ten": r.award_form.get_kind_display(),
                    "cap_quyet_dinh": r.award_form.authority,
                },
                "phong_trao_id": r.campaign_id,
                "nam": r.year,
                "so_quyet_dinh": r.decision_number,
                "ngay_quyet_dinh": r.decision_date,
                "co_quan_quyet_dinh": r.decision_issuer,
                "he_so": _number(r.coefficient),
                "muc_luong_co_so": _number(r.base_salary),
                "tien_thuong": _number(r.amount),
            }
            for r in found
        ]

    def amounts() -> list:
        return [rows.order_by().aggregate(total=Sum("amount"))["total"]]

    return _page(
        request,
        response,
        rows,
        sau=sau,
        gioi_han=gioi_han,
        serialize=serialize,
        changed=["decision__created_at"],
        also=amounts,
    )


# --- URLs: every data call is logged ------------------------------------------------------------------------------

UNLOGGED = {"openapi-json", "openapi-view", "api-root"}


def _logged(view: Callable) -> Callable:
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        services.call_record(
            token=getattr(request, "api_token", None),
            method=request.method or "",
            path=request.path,
            query=request.META.get("QUERY_STRING", ""),
            status=response.status_code,
            ip=request.META.get("REMOTE_ADDR"),
        )
        return response

    return wrapper


def urls() -> tuple[list, str, str]:
    patterns, app_name, namespace = api.urls
    wrapped = [
        URLPattern(p.pattern, _logged(p.callback), p.default_args, p.name)
        if isinstance(p, URLPattern) and p.name not in UNLOGGED
        else p
        for p in patterns
    ]
    return wrapped, app_name, namespace


DATA_URL_NAMES = ("units", "campaigns", "targets", "figures", "completeness", "reports", "report_file", "records")
