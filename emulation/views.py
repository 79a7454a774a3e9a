"""Pages that belong to no single app: home (the user's to-dos), the account page, and the server-error page."""

from __future__ import annotations

import logging
import sys

from axes.models import AccessFailureLog, AccessLog
from django.contrib.auth.decorators import login_required
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from campaigns.scope import scope_for
from emulation.inbox import inbox_for

SIGN_IN_ROWS = 10


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The person's to-dos (emulation.inbox), role by role, and their roles."""
    scope = scope_for(request.user)
    return render(request, "home.html", {"inbox": inbox_for(request.user), "grants": scope.grants})


@login_required
def inbox_badges(request: HttpRequest) -> HttpResponse:
    """The navigation's counts, fetched by htmx once a page has loaded: the page itself never waits for them, and
    pages that do not show the inbox do not pay for it."""
    return render(request, "_inbox_badges.html", {"inbox": inbox_for(request.user)})


@login_required
def account(request: HttpRequest) -> HttpResponse:
    username = request.user.get_username()
    context = {
        "grants": scope_for(request.user).grants,
        "sign_ins": AccessLog.objects.filter(username=username).order_by("-attempt_time")[:SIGN_IN_ROWS],
        "failures": AccessFailureLog.objects.filter(username=username).order_by("-attempt_time")[:SIGN_IN_ROWS],
    }
    return render(request, "account.html", context)


DATABASE_RETRY_SECONDS = 30


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, or a 503 while the database cannot be reached (a restart, a failover).

    Called by Django inside its exception handler, so the error is at hand. The pages are rendered without the
    request context: no query may run while the database is away. Every write is one transaction, so what the user
    was saving is stored whole or not at all; the 503 page says so and asks them to look before typing it again.
    """
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        logging.getLogger("emulation.request").warning("database unavailable: %s", error)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(DATABASE_RETRY_SECONDS)
        return response
    return HttpResponse(render_to_string("500.html"), status=500)
