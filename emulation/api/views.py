"""Quản trị's pages for the API tokens: the list, making one (its secret shown once), one token and its calls,
revoking it. Only a Quản trị (403 for everyone else); a token of a Sở outside their subtree → 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from emulation.api import selectors, services
from emulation.api.forms import RevokeForm, TokenForm
from emulation.api.models import ApiToken
from emulation.lib.access import require
from emulation.lib.errors import DomainError

ADMIN_ONLY = "Chỉ Quản trị được quản lý mã truy cập API."
SESSION_SECRET = "api_token_secret_{pk}"  # the secret, kept until the token's page shows it (once)


def _token(request: HttpRequest, pk: int) -> ApiToken:
    require(selectors.may_manage_tokens(user=request.user), ADMIN_ONLY)
    return get_object_or_404(selectors.tokens_visible_to(user=request.user), pk=pk)


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    require(selectors.may_manage_tokens(user=request.user), ADMIN_ONLY)
    tokens = selectors.tokens_visible_to(user=request.user)
    return render(request, "api/token_list.html", {"tokens": tokens})


@login_required
def token_create(request: HttpRequest) -> HttpResponse:
    require(selectors.may_manage_tokens(user=request.user), ADMIN_ONLY)
    units = selectors.token_units_for(user=request.user)
    form = TokenForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            token, secret = services.token_create(
                user=request.user,
                name=data["name"],
                unit=data["unit"],
                resources=data["resources"],
                expires_on=data["expires_on"],
                note=data["note"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            # Through the session, not the URL: the secret must not end up in a log or the browser's history.
            request.session[SESSION_SECRET.format(pk=token.pk)] = secret
            return redirect("api_tokens:detail", pk=token.pk)
    return render(request, "api/token_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def token_detail(request: HttpRequest, pk: int) -> HttpResponse:
    token = _token(request, pk)
    secret = request.session.pop(SESSION_SECRET.format(pk=token.pk), None)
    return render(
        request,
        "api/token_detail.html",
        {
            "token": token,
            "secret": secret,
            "calls": selectors.token_calls(token=token),
            "revoke_form": RevokeForm() if token.revoked_at is None else None,
        },
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = _token(request, pk)
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            services.token_revoke(token=token, user=request.user, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Đã thu hồi mã truy cập của “{token.name}”: các lượt gọi sau bị từ chối.")
            return redirect("api_tokens:detail", pk=token.pk)
    context = {"token": token, "secret": None, "calls": selectors.token_calls(token=token), "revoke_form": form}
    return render(request, "api/token_detail.html", context, status=400)
