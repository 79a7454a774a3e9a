"""The "Danh mục và quy định" pages: the kinds, one kind's rows, and the add / end / replace / delete / history of
a row — one set of views for every kind of the registry.

Access (emulation.rules.access): not a reader → 403; a row of another province → 404; a row one reads but does not
keep → 403 on a change.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from emulation.lib.access import require
from emulation.lib.errors import DomainError
from emulation.lib.vn import format_date, format_number
from emulation.rules import services
from emulation.rules.access import RuleAccess, access_for
from emulation.rules.forms import NATIONAL_LABEL, DeleteForm, EndForm, rule_form_class
from emulation.rules.models import RuleChange
from emulation.rules.registry import KINDS, PROVINCE, Kind

PAGE_SIZE = 50
READ_ONLY = (
    "Bạn chỉ được xem danh mục này; Văn phòng Sở thay đổi quy định của tỉnh, quản trị hệ thống thay đổi quy định chung."
)
NOT_A_READER = "Trang danh mục và quy định dành cho Văn phòng Sở, Ban Thi đua – Khen thưởng, Hội đồng TĐKT và quản trị."
STATUS_LABELS = {"con": "Đang hiệu lực", "sap": "Chưa đến ngày hiệu lực", "het": "Đã hết hiệu lực"}


def _reader(request: HttpRequest) -> RuleAccess:
    access = access_for(request.user)
    require(access.reads, NOT_A_READER)
    return access


def _kind(slug: str) -> Kind:
    kind = KINDS.get(slug)
    if kind is None:
        raise Http404("Không có loại danh mục này.")
    return kind


def _row(kind: Kind, access: RuleAccess, pk: int) -> models.Model:
    return get_object_or_404(kind.queryset().filter(kind.visible_q(access)), pk=pk)


def _status(row, today: datetime.date) -> str:
    if row.valid_to is not None and row.valid_to < today:
        return "het"
    if row.valid_from is not None and row.valid_from > today:
        return "sap"
    return "con"


def cell(row: models.Model, name: str) -> str:
    """A field of a row as the list shows it."""
    field = row._meta.get_field(name)
    value = getattr(row, name)
    if name == "province":
        return value or NATIONAL_LABEL
    if value is None or value == "":
        return "—"
    if field.choices:
        return getattr(row, f"get_{name}_display")()
    if isinstance(field, models.BooleanField):
        return "Có" if value else "Không"
    if isinstance(field, models.DecimalField):
        return format_number(value)
    if isinstance(field, models.DateField):
        return format_date(value)
    return str(value)


def _last_changes(kind: Kind, ids: list[int]) -> dict[int, RuleChange]:
    """The latest change of each row, in one query."""
    changes: dict[int, RuleChange] = {}
    rows = RuleChange.objects.filter(
        content_type=ContentType.objects.get_for_model(kind.model), object_id__in=ids
    ).select_related("user")
    for change in rows.order_by("object_id", "-at", "-pk"):
        changes.setdefault(change.object_id, change)
    return changes


@login_required
def kinds(request: HttpRequest) -> HttpResponse:
    access = _reader(request)
    today = timezone.localdate()
    groups: dict[str, list[dict[str, Any]]] = {}
    for kind in KINDS.values():
        visible = kind.model._default_manager.filter(kind.base).filter(kind.visible_q(access))
        groups.setdefault(kind.group, []).append(
            {
                "kind": kind,
                "current": visible.valid_on(today).count(),
                "may_add": kind.may_add(access, request.user),
            }
        )
    return render(request, "rules/kinds.html", {"groups": groups, "access": access, "today": today})


@login_required
def rule_list(request: HttpRequest, kind: str) -> HttpResponse:
    access = _reader(request)
    kind = _kind(kind)
    today = timezone.localdate()
    rows = kind.queryset().filter(kind.visible_q(access)).annotate(in_use=kind.in_use_expression())
    shown = request.GET.get("hieu-luc", "")
    if shown == "con":
        rows = rows.valid_on(today)
    elif shown == "het":
        rows = rows.filter(valid_to__lt=today)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("trang"))
    objects = list(page.object_list)
    changes = _last_changes(kind, [r.pk for r in objects])
    editable = {r.pk: kind.may_edit(r, access, request.user) for r in objects}
    context = {
        "kind": kind,
        # "Tỉnh (để trống: mọi tỉnh)" → "Tỉnh": the notes in brackets are for the form.
        "headers": [str(kind.model._meta.get_field(name).verbose_name).split(" (")[0] for name in kind.columns],
        "rows": [
            {
                "row": r,
                "cells": [cell(r, name) for name in kind.columns],
                "status": _status(r, today),
                "status_label": STATUS_LABELS[_status(r, today)],
                "basis": kind.legal_basis_of(r) or (changes[r.pk].legal_basis if r.pk in changes else ""),
                "change": changes.get(r.pk),
                "may_edit": editable[r.pk],
            }
            for r in objects
        ],
        "page": page,
        "shown": shown,
        "may_add": kind.may_add(access, request.user),
        "today": today,
    }
    return render(request, "rules/list.html", context)


def _list_url(kind: Kind) -> str:
    return reverse("rules:list", args=[kind.slug])


def _form_page(request, kind, form, *, row=None, status=200) -> HttpResponse:
    return render(request, "rules/form.html", {"kind": kind, "form": form, "row": row}, status=status)


def _refused(form, error: Exception) -> None:
    """The service's refusal, on the form: a field's error beside its field, the others above the form."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            for message in ValidationError(errors).messages:
                form.add_error(name if name in form.fields else None, message)
        return
    for message in error.messages if isinstance(error, ValidationError) else [error.message]:
        form.add_error(None, message)


def _values(form) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in form._meta.fields}


@login_required
def rule_add(request: HttpRequest, kind: str) -> HttpResponse:
    access = _reader(request)
    kind = _kind(kind)
    require(kind.may_add(access, request.user), READ_ONLY)
    form_class = rule_form_class(kind)
    if request.method != "POST":
        initial = {"valid_from": timezone.localdate()}
        if kind.owner == PROVINCE and access.edit_provinces:
            initial["province"] = access.province_choices()[0]
        return _form_page(request, kind, form_class(kind=kind, access=access, user=request.user, initial=initial))
    form = form_class(request.POST, kind=kind, access=access, user=request.user)
    if form.is_valid():
        try:
            row = services.rule_add(
                kind=kind,
                user=request.user,
                values=_values(form),
                reason=form.cleaned_data["reason"],
                legal_basis=form.cleaned_data.get("basis", ""),
            )
        except (DomainError, ValidationError) as error:
            _refused(form, error)
        else:
            period = services.period_text(row.valid_from, row.valid_to)
            messages.success(request, f"Đã thêm: {row} (hiệu lực {period}).")
            return redirect(_list_url(kind))
    return _form_page(request, kind, form, status=400)


@login_required
def rule_replace(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    access = _reader(request)
    kind = _kind(kind)
    old = _row(kind, access, pk)
    require(kind.may_edit(old, access, request.user), READ_ONLY)
    if not kind.replaceable:
        raise Http404("Loại danh mục này không thay phiên bản được.")
    form_class = rule_form_class(kind)
    locked = tuple(name.removesuffix("_id") for name in kind.overlap_key if name.removesuffix("_id") in kind.fields)
    relations = {name for name in kind.fields if kind.model._meta.get_field(name).is_relation}
    initial = {name: getattr(old, f"{name}_id" if name in relations else name) for name in kind.fields}
    start = max(timezone.localdate(), (old.valid_from or datetime.date.min) + services.ONE_DAY)
    initial.update(valid_from=start, valid_to=None)
    options = dict(kind=kind, access=access, user=request.user, locked=locked, initial=initial)
    if request.method != "POST":
        return _form_page(request, kind, form_class(**options), row=old)
    form = form_class(request.POST, **options)
    if form.is_valid():
        try:
            row = services.rule_replace(
                kind=kind,
                pk=old.pk,
                user=request.user,
                values=_values(form),
                reason=form.cleaned_data["reason"],
                legal_basis=form.cleaned_data.get("basis", ""),
            )
        except (DomainError, ValidationError) as error:
            _refused(form, error)
        else:
            messages.success(
                request,
                f"Đã thay phiên bản: bản cũ hiệu lực đến hết {format_date(row.valid_from - services.ONE_DAY)}, "
                f"bản mới từ {format_date(row.valid_from)}.",
            )
            return redirect(_list_url(kind))
    return _form_page(request, kind, form, row=old, status=400)


@login_required
def rule_end(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    access = _reader(request)
    kind = _kind(kind)
    row = _row(kind, access, pk)
    require(kind.may_edit(row, access, request.user), READ_ONLY)
    if request.method != "POST":
        form = EndForm(kind=kind, initial={"valid_to": timezone.localdate()})
        return _end_page(request, kind, row, form)
    form = EndForm(request.POST, kind=kind)
    if form.is_valid():
        try:
            services.rule_end(
                kind=kind,
                pk=row.pk,
                user=request.user,
                valid_to=form.cleaned_data["valid_to"],
                reason=form.cleaned_data["reason"],
                legal_basis=form.cleaned_data["basis"],
            )
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(request, f"{row}: hiệu lực đến hết ngày {format_date(form.cleaned_data['valid_to'])}.")
            return redirect(_list_url(kind))
    return _end_page(request, kind, row, form, status=400)


def _end_page(request, kind, row, form, status=200) -> HttpResponse:
    used, last = kind.uses(row)
    context = {"kind": kind, "row": row, "form": form, "used": used, "last_used": last, "fields": _details(kind, row)}
    return render(request, "rules/end.html", context, status=status)


def _details(kind: Kind, row) -> list[tuple[str, str]]:
    return [
        (str(kind.model._meta.get_field(name).verbose_name).split(" (")[0], cell(row, name)) for name in kind.fields
    ]


@login_required
def rule_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    access = _reader(request)
    kind = _kind(kind)
    row = _row(kind, access, pk)
    require(kind.may_edit(row, access, request.user), READ_ONLY)
    form = DeleteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            summary = str(row)
            try:
                services.rule_delete(kind=kind, pk=row.pk, user=request.user, reason=form.cleaned_data["reason"])
            except DomainError as error:
                _refused(form, error)
            else:
                messages.success(request, f"Đã xóa: {summary}.")
                return redirect(_list_url(kind))
        status = 400
    used, last = kind.uses(row)
    context = {"kind": kind, "row": row, "form": form, "used": used, "last_used": last, "fields": _details(kind, row)}
    return render(request, "rules/delete.html", context, status=status)


@login_required
def rule_history(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    access = _reader(request)
    kind = _kind(kind)
    row = _row(kind, access, pk)
    changes = RuleChange.objects.filter(
        content_type=ContentType.objects.get_for_model(kind.model), object_id=row.pk
    ).select_related("user")
    history = getattr(row, "history", None)
    records = list(history.select_related("history_user")[:100]) if history is not None else []
    used, last = kind.uses(row)
    context = {
        "kind": kind,
        "row": row,
        "changes": changes,
        "records": records,
        "used": used,
        "last_used": last,
        "fields": _details(kind, row),
        "may_edit": kind.may_edit(row, access, request.user),
        "status_label": STATUS_LABELS[_status(row, timezone.localdate())],
    }
    return render(request, "rules/history.html", context)
