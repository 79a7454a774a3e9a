"""The notification list (unread first, mark one or all as read), opening one, and the person's own choice of
e-mail. Every page is the signed-in person's own: there is no id of another person to ask for; a notification
that is not yours, or whose object you may no longer read, is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from emulation.notifications import selectors, services
from emulation.notifications.forms import PreferencesForm

PAGE_SIZE = 20


def _back_to_list(request: HttpRequest) -> HttpResponse:
    page = request.POST.get("trang", "")
    url = reverse("notifications:list")
    return redirect(f"{url}?page={page}" if page.isdigit() else url)


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notification_list(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Marks it read and goes where it points (the object's own page checks access again)."""
    notification = get_object_or_404(selectors.notifications_visible_to(user=request.user), pk=pk)
    services.notification_mark_read(notification=notification, user=request.user)
    if not url_has_allowed_host_and_scheme(notification.link, allowed_hosts=None):
        return redirect("notifications:list")
    return redirect(notification.link)


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(selectors.notifications_visible_to(user=request.user), pk=pk)
    services.notification_mark_read(notification=notification, user=request.user)
    return _back_to_list(request)


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(user=request.user)
    if count:
        messages.success(request, f"Đã đánh dấu {count} thông báo là đã đọc.")
    return _back_to_list(request)


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(
        request.POST or None,
        groups=selectors.preference_groups(user=request.user),
        initial_choices=selectors.preferences_of(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        services.preferences_save(user=request.user, choices=form.choices())
        messages.success(request, "Đã lưu cách nhận thông báo.")
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
