"""A unit's submission for a period: enter, save, send; Văn phòng Sở reviews, returns, approves, reopens."""

from __future__ import annotations

import re
from contextlib import nullcontext

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import engines
from django.template.backends.utils import csrf_input
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST

from campaigns import selectors as campaign_selectors
from campaigns.models import ReportingPeriod, Role
from campaigns.scope import scope_for, scope_key
from emulation.lib.access import require
from emulation.lib.db import CompiledRead
from emulation.lib.downloads import file_response
from emulation.lib.errors import DomainError
from emulation.lib.params import int_param
from emulation.lib.uploads import validate_document
from emulation.lib.urls import cached_reverse
from indicators import evaluation, plausibility, selectors, services
from indicators.excel import MAX_BYTES as EXCEL_MAX_BYTES
from indicators.excel import parse_submission_xlsx, render_submission_xlsx, submission_xlsx_filename
from indicators.forms import ExcelUploadForm
from indicators.models import Evidence, Submission, SubmissionEvent, SubmissionStatus
from indicators.templatetags.submissions import submission_badge

EVIDENCE_KINDS = ("pdf", "docx", "xlsx", "jpeg", "png")
EVENTS_SHOWN = 10  # the latest state changes on the form; all of them on the history page


def _period(request: HttpRequest, pk: int) -> ReportingPeriod:
    campaigns = campaign_selectors.campaigns_visible_to(user=request.user)
    return get_object_or_404(
        ReportingPeriod.objects.filter(campaign__in=campaigns).select_related("campaign", "campaign__owner"), pk=pk
    )


# The report as its reader may see it: compiled once per person (emulation.lib.db.CompiledRead; building the scoped
# query was a tenth of every save and form) and prepared (its subqueries took PostgreSQL ten times longer to plan
# than to run).
_visible_submission = CompiledRead(
    Submission,
    lambda user, related, pk: (
        selectors.submissions_visible_to(user=user)
        .select_related("unit", "period", "period__campaign", *related)
        .filter(pk=pk)
    ),
    prepared=True,
)


# The latest state changes (one more than shown: are there more?) and, when there are more, their number; compiled
# once like the report itself.
_latest_events = CompiledRead(
    SubmissionEvent,
    # Not the person's password, last sign-in or join date: three columns that were most of the read.
    lambda pk: (
        SubmissionEvent.objects.filter(submission_id=pk)
        .select_related("user")
        .defer("user__password", "user__last_login", "user__date_joined")[: EVENTS_SHOWN + 1]
    ),
)
_events = CompiledRead(SubmissionEvent, lambda pk: SubmissionEvent.objects.filter(submission_id=pk))


def _jinja(name: str, request: HttpRequest, **context) -> SafeString:
    """A part of a page drawn by Jinja2 (templates/jinja2/, emulation/jinja2.py), which escaped every value it
    shows; `csrf_input` is the request's token field, masked once for all the part's forms."""
    context["csrf_input"] = csrf_input(request)
    return mark_safe(engines["jinja2"].get_template(name).render(context))  # noqa: S308


def _submission(request: HttpRequest, pk: int, *related: str) -> Submission:
    found = _visible_submission.objects((scope_key(request.user), related), request.user, related, pk=pk)
    if not found:
        raise Http404("Không tìm thấy báo cáo.")
    return found[0]


@login_required
def period_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The period: the queue of units (for reviewers) or the user's own units' submissions."""
    period = _period(request, pk)
    rows = selectors.period_queue(period=period, user=request.user)
    scope = scope_for(request.user)
    counts = {"da_gui": 0, "da_duyet": 0, "tra_lai": 0, "nhap": 0, "chua_bat_dau": 0, "qua_han": 0}
    for row in rows:
        counts[row.state] += 1
        if row.submission and row.submission.is_late:
            counts["qua_han"] += 1
    # Figures flagged by the plausibility rule, per submission: a fixed number of queries for the whole queue.
    flagged = plausibility.flagged_counts(submission_ids=[row.submission.pk for row in rows if row.submission])
    for row in rows:
        row.flagged = flagged.get(row.submission.pk, 0) if row.submission else 0
    context = {
        "period": period,
        "campaign": period.campaign,
        "rows": rows,
        "counts": counts,
        "can_manage": scope.can_manage(period.campaign.owner),
        "writable_units": {g.unit_id for g in scope.grants if g.role in (Role.CAN_BO, Role.LANH_DAO)},
    }
    return render(request, "indicators/period_detail.html", context)


@login_required
@require_POST
def submission_start(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    period = _period(request, pk)
    unit = get_object_or_404(campaign_selectors.units_visible_to(user=request.user), pk=unit_pk)
    require(
        scope_for(request.user).holds(unit, Role.CAN_BO, Role.LANH_DAO),
        "Chỉ cán bộ, lãnh đạo của đơn vị được nhập số liệu.",
    )
    require(
        campaign_selectors.campaign_includes_unit(campaign=period.campaign, unit=unit),
        "Đơn vị không tham gia phong trào này.",
    )
    submission = services.submission_open(period=period, unit=unit, user=request.user)
    return redirect("indicators:submission_detail", pk=submission.pk)


FIGURE_FIELD = re.compile(r"v(\d{1,18})-")  # "v123-value": the figure's id (a bigint), the prefix of its fields


def _figures_from_post(request: HttpRequest) -> dict[int, dict]:
    """The figures posted, keyed by their id (submission_save refuses an id that is not the report's)."""
    figures = {}
    for pk in sorted({int(m.group(1)) for key in request.POST if (m := FIGURE_FIELD.match(key))}):
        prefix = f"v{pk}-"
        figures[pk] = {
            "numerator": request.POST.get(prefix + "numerator"),
            "denominator": request.POST.get(prefix + "denominator"),
            "value": request.POST.get(prefix + "value"),
            "done": request.POST.get(prefix + "done"),
            "done_on": request.POST.get(prefix + "done_on"),
            "note": request.POST.get(prefix + "note", ""),
        }
    return figures


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # Read once with everything the page shows (the form is the request a deadline is made of); a save needs only
    # the unit and the period, and is redirected (the page is read again only to show what was refused).
    related = selectors.SUBMISSION_PAGE_RELATED if request.method != "POST" else ()
    submission = _submission(request, pk, *related)
    scope = scope_for(request.user)
    can_enter = scope.holds(submission.unit, Role.CAN_BO, Role.LANH_DAO)
    errors: list[str] = []
    typed: dict[int, dict] = {}
    if request.method == "POST":
        require(can_enter, "Chỉ cán bộ, lãnh đạo của đơn vị được nhập số liệu.")
        # Nothing read here: submission_save reads the figures it checks, and no save reads the history.
        typed = _figures_from_post(request)
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = -1
        try:
            # The figures and their evidence, all or nothing; without files, submission_save's own transaction (no
            # savepoint inside another: two statements fewer on the request a deadline is made of).
            with transaction.atomic() if request.FILES else nullcontext():
                saved = services.submission_save(
                    submission=submission,
                    user=request.user,
                    version=version,
                    figures=typed,
                    note=request.POST.get("note"),
                )
                if request.FILES:
                    _save_evidence(request, submission.values.all())
        except (DomainError, ValidationError) as exc:
            errors = exc.message.splitlines() if isinstance(exc, DomainError) else list(exc.messages)
        else:
            if request.POST.get("action") == "send":
                try:
                    # The report as the save left it (submission_submit locks the row and checks its state).
                    services.submission_submit(submission=saved, user=request.user)
                except DomainError as exc:
                    messages.error(request, exc.message)
                else:
                    messages.success(request, "Đã gửi báo cáo tới Văn phòng Sở.")
            else:
                messages.success(request, "Đã lưu nháp.")
            return redirect(cached_reverse("indicators:submission_detail", submission.pk))
    submission, values, previous = selectors.submission_page(submission=submission)
    baselines = evaluation.baselines_for(
        targets=[v.target for v in values], unit_ids=[submission.unit_id], year=submission.period.year
    )
    rows = []
    for value in values:
        before = previous.get(value.target.indicator_id)
        rows.append(
            {
                "value": value,
                # The fields' names and ids ("v123-value"), made once: a number in a template is localised each time.
                "prefix": f"v{value.pk}",
                "typed": typed.get(value.pk),
                "previous": before,
                "flags": selectors.outlier_flags(value, before, campaign=submission.period.campaign),
                "figure": evaluation.unit_figure(
                    value.target, value, baseline=baselines.get((value.target_id, submission.unit_id))
                ),
            }
        )
    events = _latest_events.objects((), pk=submission.pk)
    can_enter = can_enter and submission.is_editable
    can_review = selectors.may_review(submission=submission, user=request.user)
    shown_events = events[:EVENTS_SHOWN]
    # The page's body is drawn by Jinja2 (emulation/jinja2.py): in Django's engine it was half of the request.
    body = _jinja(
        "indicators/submission_body.html",
        request,
        submission=submission,
        campaign=submission.period.campaign,
        badge=submission_badge(submission.status),
        rows=rows,
        errors=errors,
        can_enter=can_enter,
        can_send=scope.holds(submission.unit, Role.LANH_DAO) and submission.is_editable,
        can_review=can_review,
        reviewing=can_review and submission.status == SubmissionStatus.DA_GUI,
        history_url=cached_reverse("indicators:submission_history", submission.pk),
        excel_max_bytes=EXCEL_MAX_BYTES,  # checked in the browser too (static/js/portal.js)
        events=shown_events,
        # Counted only when there are more than the page shows.
        events_count=_events.count((), pk=submission.pk) if len(events) > EVENTS_SHOWN else len(events),
    )
    context = {
        "submission": submission,
        "campaign": submission.period.campaign,
        "body": body,
        "targets_url": cached_reverse("indicators:campaign_targets", submission.period.campaign_id),
        "period_url": cached_reverse("indicators:period_detail", submission.period_id),
    }
    return render(request, "indicators/submission_detail.html", context, status=400 if errors else 200)


@login_required
def submission_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every change of the figures (or of one, ?so_lieu=) and every state change, newest first: what the form
    leaves out so that it costs the same after hundreds of saves. Asked by htmx for one figure (the form's
    "Lịch sử" opened), only that figure's latest changes."""
    submission = _submission(request, pk)
    value_id = int_param(request.GET.get("so_lieu"))
    figure = None
    if value_id is not None:
        figure = get_object_or_404(submission.values.select_related("target__indicator"), pk=value_id)
    changes = selectors.figure_history(submission=submission, value_id=value_id)
    if request.htmx and figure is not None:
        context = {"submission": submission, "figure": figure, "changes": changes[: selectors.HISTORY_SHOWN]}
        context["count"] = changes.count()
        return render(request, "indicators/_figure_history.html", context)
    page = Paginator(changes, selectors.HISTORY_PER_PAGE).get_page(request.GET.get("trang"))
    context = {
        "submission": submission,
        "campaign": submission.period.campaign,
        "figure": figure,
        "page": page,
        "events": submission.events.select_related("user") if page.number == 1 else [],
    }
    return render(request, "indicators/submission_history.html", context)


def _save_evidence(request: HttpRequest, values) -> None:
    for value in values:
        for upload in request.FILES.getlist(f"v{value.pk}-evidence"):
            validate_document(upload, kinds=EVIDENCE_KINDS)
            Evidence.objects.create(value=value, file=upload, name=upload.name[:255], uploaded_by=request.user)


@login_required
@require_POST
def submission_send(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    require(scope_for(request.user).holds(submission.unit, Role.LANH_DAO), "Chỉ lãnh đạo đơn vị được gửi báo cáo.")
    try:
        services.submission_submit(submission=submission, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã gửi báo cáo tới Văn phòng Sở.")
    return redirect("indicators:submission_detail", pk=submission.pk)


@login_required
@require_POST
def submission_review(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    submission = _submission(request, pk)
    require(
        selectors.may_review(submission=submission, user=request.user),
        "Chỉ Văn phòng Sở được duyệt hoặc trả lại báo cáo.",
    )
    try:
        if action == "duyet":
            services.submission_approve(submission=submission, user=request.user)
            messages.success(request, "Đã duyệt báo cáo. Số liệu được khóa.")
        elif action == "tra-lai":
            comments = {
                int(key.split("-")[1]): request.POST.get(f"comment-{key.split('-')[1]}", "").strip()
                for key in request.POST
                if key.startswith("return-") and key.split("-")[1].isdigit()
            }
            services.submission_return(
                submission=submission, user=request.user, reason=request.POST.get("reason", ""), value_comments=comments
            )
            messages.success(request, "Đã trả lại báo cáo cho đơn vị.")
        elif action == "mo-lai":
            services.submission_reopen(submission=submission, user=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, "Đã mở lại báo cáo để đơn vị sửa.")
        else:
            messages.error(request, "Thao tác không hợp lệ.")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("indicators:submission_detail", pk=submission.pk)


@login_required
def submission_excel(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    data = render_submission_xlsx(submission)
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{submission_xlsx_filename(submission)}"'
    return response


@login_required
@require_POST
def submission_excel_upload(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    require(
        scope_for(request.user).holds(submission.unit, Role.CAN_BO, Role.LANH_DAO),
        "Chỉ cán bộ, lãnh đạo của đơn vị được nhập số liệu.",
    )
    form = ExcelUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Chọn tệp Excel để tải lên.")
        return redirect("indicators:submission_detail", pk=submission.pk)
    try:
        parsed = parse_submission_xlsx(form.cleaned_data["file"], submission=submission)
        services.submission_save(
            submission=submission, user=request.user, version=parsed.version, figures=parsed.figures
        )
    except DomainError as exc:
        for line in exc.message.splitlines():
            messages.error(request, line)
        messages.error(request, "Chưa có số liệu nào được lưu từ tệp này. Sửa các dòng trên rồi tải lên lại.")
    except ValidationError as exc:
        for line in exc.messages:
            messages.error(request, line)
    else:
        messages.success(request, "Đã nhập số liệu từ tệp Excel.")
    return redirect("indicators:submission_detail", pk=submission.pk)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = get_object_or_404(selectors.evidence_visible_to(user=request.user), pk=pk)
    return file_response(evidence.file, evidence.name)
