"""The trust list page of Quản trị: the CA certificates against which signatures are judged. Everyone else: 403."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from emulation.lib.access import require
from emulation.signatures import forms, selectors, services
from emulation.signatures.models import CheckStatus, SignatureCheck

ONLY_ADMIN = "Chỉ Quản trị được xem và sửa danh sách tổ chức chứng thực tin cậy."


@login_required
def anchor_list(request: HttpRequest) -> HttpResponse:
    require(selectors.may_manage_trust(user=request.user), ONLY_ADMIN)
    form = forms.TrustAnchorForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            anchor = services.trust_anchor_add(
                user=request.user, name=form.cleaned_data["name"], upload=form.cleaned_data["certificate"]
            )
        except services.SignatureError as exc:
            form.add_error("certificate", str(exc))
        else:
            messages.success(request, f"Đã nạp “{anchor.name}”. Các tệp đã ký sẽ được kiểm tra lại theo danh sách mới.")
            return redirect("signatures:anchor_list")
    return render(
        request,
        "signatures/anchor_list.html",
        {
            "form": form,
            "anchors": selectors.trust_anchors(),
            "counts": {
                label: SignatureCheck.objects.filter(status=value).count() for value, label in CheckStatus.choices
            },
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def anchor_active(request: HttpRequest, pk: int) -> HttpResponse:
    require(selectors.may_manage_trust(user=request.user), ONLY_ADMIN)
    anchor = get_object_or_404(selectors.trust_anchors(), pk=pk)
    active = request.POST.get("active") == "1"
    anchor = services.trust_anchor_set_active(anchor=anchor, user=request.user, active=active)
    if anchor.active:
        messages.success(request, f"Đã dùng lại “{anchor.name}”.")
    else:
        messages.success(request, f"Đã ngừng tin cậy “{anchor.name}”: chữ ký do tổ chức này cấp không còn hợp lệ.")
    return redirect("signatures:anchor_list")
