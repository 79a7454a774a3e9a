"""Pages that belong to no single app: home (the user's to-dos) and the account page."""

from __future__ import annotations

from axes.models import AccessFailureLog, AccessLog
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from campaigns import selectors as campaign_selectors
from campaigns.scope import scope_for

SIGN_IN_ROWS = 10


def todos_for(user) -> list[dict]:
    """What is waiting for this person. Later apps add their items (figures to enter, dossiers to check)."""
    todos = [
        {
            "title": f"Đăng ký thi đua cho {unit.display_name}: {campaign.title}",
            "url": reverse("campaigns:registration_create", args=[campaign.pk]),
            "due": None,
        }
        for campaign, unit in campaign_selectors.registration_todos(user=user)
    ]
    return todos


@login_required
def home(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    return render(request, "home.html", {"todos": todos_for(request.user), "grants": scope.grants})


@login_required
def account(request: HttpRequest) -> HttpResponse:
    username = request.user.get_username()
    context = {
        "grants": scope_for(request.user).grants,
        "sign_ins": AccessLog.objects.filter(username=username).order_by("-attempt_time")[:SIGN_IN_ROWS],
        "failures": AccessFailureLog.objects.filter(username=username).order_by("-attempt_time")[:SIGN_IN_ROWS],
    }
    return render(request, "account.html", context)
