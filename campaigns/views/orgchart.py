"""Quản trị applies a list of organisation changes: upload the file → preview (a dry run) → apply.

The preview carries the file and the version of every unit it names in a signed field; applying re-reads both and
refuses if any of those units changed in between (another operator applied a change meanwhile)."""

from __future__ import annotations

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from campaigns.models import Role, Unit
from campaigns.orgchart import OrgChange
from campaigns.orgchart_file import COLUMNS, MAX_BYTES, OrgFileError, apply_plan, read_plan, unit_versions
from campaigns.scope import scope_for
from emulation.lib.access import require

SALT = "campaigns.orgchart_import"
MAX_AGE = 60 * 60  # a preview older than an hour is done again
RECENT = 20


def _outside_scope(request: HttpRequest, codes: list[str]) -> list[str]:
    scope = scope_for(request.user)
    return [
        f"Bạn không quản lý đơn vị “{unit.name}” ({unit.code}): chỉ Quản trị của đơn vị cấp trên được thay đổi nó."
        for unit in Unit.objects.filter(code__in=codes)
        if not scope.can_manage(unit)
    ]


def _page(request: HttpRequest, *, status: int = 200, **context) -> HttpResponse:
    context.setdefault("errors", [])
    context["columns"] = ";".join(COLUMNS)
    context["recent"] = OrgChange.objects.select_related("applied_by").prefetch_related(
        "links__predecessor", "links__successor"
    )[:RECENT]
    return render(request, "campaigns/orgchart_import.html", context, status=status)


@login_required
def org_change_import(request: HttpRequest) -> HttpResponse:
    require(
        scope_for(request.user).has_role(Role.QUAN_TRI),
        "Chỉ Quản trị được áp dụng thay đổi tổ chức (sáp nhập, chia tách, đổi tên, giải thể).",
    )
    if request.method != "POST":
        return _page(request)

    if "token" in request.POST:  # apply a previewed file
        try:
            payload = signing.loads(request.POST["token"], salt=SALT, max_age=MAX_AGE)
        except signing.BadSignature:
            return _page(
                request, errors=["Bản xem trước đã hết hạn hoặc không hợp lệ; hãy tải tệp lên lại."], status=400
            )
        data, name = base64.b64decode(payload["data"]), payload["name"]
        versions = payload["versions"]
        try:
            plan = read_plan(data, name)
            errors = _outside_scope(request, plan.codes)
            if errors:
                raise OrgFileError(errors)
            outcome = apply_plan(plan, user=request.user, dry_run=False, source=name, expected_versions=versions)
        except OrgFileError as exc:
            return _page(request, errors=["Không áp dụng thay đổi nào:", *exc.errors], status=400)
        messages.success(request, f"Đã áp dụng {outcome.changes} thay đổi tổ chức từ tệp “{name}”.")
        return redirect("campaigns:org_change_import")

    upload = request.FILES.get("file")
    if upload is None:
        return _page(request, errors=["Chưa chọn tệp danh sách thay đổi (.csv hoặc .xlsx)."], status=400)
    name = (upload.name or "tep-tai-len.csv")[-120:]
    if upload.size > MAX_BYTES:
        return _page(request, errors=[f"Tệp “{name}” lớn hơn 2 MB."], status=400)
    data = upload.read()
    try:
        plan = read_plan(data, name)
        errors = _outside_scope(request, plan.codes)
        if errors:
            raise OrgFileError(errors)
        versions = unit_versions(plan.codes)
        outcome = apply_plan(plan, user=request.user, dry_run=True, source=name)
    except OrgFileError as exc:
        return _page(
            request, errors=["Tệp chưa áp dụng được: sửa các lỗi sau rồi tải lên lại.", *exc.errors], status=400
        )
    token = signing.dumps(
        {"name": name, "data": base64.b64encode(data).decode(), "versions": versions}, salt=SALT, compress=True
    )
    # The dry run's lines: a change's heading, then its effects indented by "  - ".
    preview = [(line.startswith("  - "), line.removeprefix("  - ")) for line in outcome.lines]
    return _page(request, preview=preview, changes=outcome.changes, token=token, filename=name)
