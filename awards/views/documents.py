"""Downloads of an award dossier's documents: the generated Báo cáo thành tích (Mẫu 07), tóm tắt thành tích,
Biên bản of the council, Quyết định or Tờ trình, and the signed files uploaded with a dossier, a nominee or a
decision. Every object is fetched through its selector, so another unit's object is a 404; every file is sent as
an attachment under a Vietnamese name (with an ASCII fallback for old clients)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse

from awards import documents, selectors
from awards.models import Decision, DecisionKind, Dossier, Meeting, Nominee
from emulation.lib.downloads import content_disposition, file_response
from emulation.lib.paper import DocumentIncomplete

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
CONTENT_TYPES = {"docx": DOCX, "pdf": PDF}


# --- File names -------------------------------------------------------------------------------------------------


def _attachment(content: bytes, filename: str, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = content_disposition(f"{filename}.{extension}")
    return response


def _generated(
    request: HttpRequest, render: Callable[[], bytes], filename: str, extension: str, back: str
) -> HttpResponse:
    """The generated file, or — when the document lacks what NĐ 30/2020 requires (a signer's chức vụ or name,
    Nơi nhận) — back to the page it was asked from, with the message saying what to complete."""
    try:
        content = render()
    except DocumentIncomplete as exc:
        messages.error(request, str(exc))
        return redirect(back)
    return _attachment(content, filename, extension)


def _uploaded(field: FieldFile, display_name: str, fallback: str) -> HttpResponse:
    """An uploaded file under the name it was given — with the extension it was stored under, which the content
    check decided — or 404 when there is none. Sent by nginx (X-Accel-Redirect) or streamed: see lib/downloads."""
    if not field:
        raise Http404("Chưa có tệp này.")
    extension = field.name.rsplit(".", 1)[-1].lower() if "." in field.name else ""
    stem = display_name.rsplit(".", 1)[0] if "." in display_name else display_name
    name = f"{stem or fallback}.{extension}" if extension else stem or fallback
    return file_response(field, name, content_type=CONTENT_TYPES.get(extension))


# --- Fetching through the selectors -------------------------------------------------------------------------


def _nominee(request: HttpRequest, pk: int) -> Nominee:
    return get_object_or_404(selectors.nominees_visible_to(user=request.user), pk=pk)


def _dossier(request: HttpRequest, pk: int) -> Dossier:
    return get_object_or_404(selectors.dossiers_visible_to(user=request.user).select_related("unit"), pk=pk)


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    return get_object_or_404(selectors.meetings_visible_to(user=request.user), pk=pk)


def _decision(request: HttpRequest, pk: int) -> Decision:
    return get_object_or_404(selectors.decisions_visible_to(user=request.user), pk=pk)


# --- Generated documents ------------------------------------------------------------------------------------


def _report_name(nominee: Nominee) -> str:
    return f"Báo cáo thành tích - {nominee.full_name}"


@login_required
def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    nominee = _nominee(request, pk)
    back = _nominee_page(nominee)
    return _generated(request, lambda: documents.render_report_docx(nominee), _report_name(nominee), "docx", back)


@login_required
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    nominee = _nominee(request, pk)
    back = _nominee_page(nominee)
    return _generated(request, lambda: documents.render_report_pdf(nominee), _report_name(nominee), "pdf", back)


def _nominee_page(nominee: Nominee) -> str:
    return reverse("awards:dossier_detail", args=[nominee.dossier_id])


def _summary_name(dossier: Dossier) -> str:
    return f"Tóm tắt thành tích - {dossier.unit.name} - {dossier.year}"


@login_required
def summary_docx(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _dossier(request, pk)
    back = _dossier_page(dossier)
    return _generated(request, lambda: documents.render_summary_docx(dossier), _summary_name(dossier), "docx", back)


@login_required
def summary_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _dossier(request, pk)
    back = _dossier_page(dossier)
    return _generated(request, lambda: documents.render_summary_pdf(dossier), _summary_name(dossier), "pdf", back)


def _dossier_page(dossier: Dossier) -> str:
    return reverse("awards:dossier_detail", args=[dossier.pk])


def _minutes_name(meeting: Meeting) -> str:
    return f"Biên bản họp Hội đồng TĐKT {meeting.held_on:%d-%m-%Y}"


def _meeting_page(meeting: Meeting) -> str:
    return reverse("awards:meeting_detail", args=[meeting.pk])


@login_required
def minutes_docx(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    render = lambda: documents.render_minutes_docx(meeting)  # noqa: E731
    return _generated(request, render, _minutes_name(meeting), "docx", _meeting_page(meeting))


@login_required
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    render = lambda: documents.render_minutes_pdf(meeting)  # noqa: E731
    return _generated(request, render, _minutes_name(meeting), "pdf", _meeting_page(meeting))


def _decision_name(decision: Decision) -> str:
    kind = "Quyết định" if decision.kind == DecisionKind.QUYET_DINH else "Tờ trình"
    return f"{kind} {decision.number}"


def _decision_page(decision: Decision) -> str:
    return reverse("awards:decision_detail", args=[decision.pk])


@login_required
def decision_docx(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision(request, pk)
    render = lambda: documents.render_decision_docx(decision)  # noqa: E731
    return _generated(request, render, _decision_name(decision), "docx", _decision_page(decision))


@login_required
def decision_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision(request, pk)
    render = lambda: documents.render_decision_pdf(decision)  # noqa: E731
    return _generated(request, render, _decision_name(decision), "pdf", _decision_page(decision))


# --- Uploaded, signed files ---------------------------------------------------------------------------------

# which → (file field, field holding the name it was uploaded under, name when there is none)
DOSSIER_FILES = {
    "to-trinh": ("submission_file", "submission_file_name", "Tờ trình"),
    "bien-ban": ("minutes_file", "minutes_file_name", "Biên bản"),
}


@login_required
def dossier_file(request: HttpRequest, pk: int, which: str) -> HttpResponse:
    if which not in DOSSIER_FILES:
        raise Http404("Không có loại văn bản này.")
    dossier = _dossier(request, pk)
    file_field, name_field, fallback = DOSSIER_FILES[which]
    return _uploaded(getattr(dossier, file_field), getattr(dossier, name_field), fallback)


@login_required
def nominee_signed_report(request: HttpRequest, pk: int) -> HttpResponse:
    nominee = _nominee(request, pk)
    return _uploaded(nominee.signed_report, nominee.signed_report_name, _report_name(nominee))


@login_required
def decision_file(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision(request, pk)
    return _uploaded(decision.file, "", _decision_name(decision))


urlpatterns = [
    path("ho-so/nguoi/<int:pk>/mau-07.docx", report_docx, name="report_docx"),
    path("ho-so/nguoi/<int:pk>/mau-07.pdf", report_pdf, name="report_pdf"),
    path("ho-so/nguoi/<int:pk>/bao-cao-da-ky/", nominee_signed_report, name="nominee_signed_report"),
    path("ho-so/<int:pk>/tom-tat.docx", summary_docx, name="summary_docx"),
    path("ho-so/<int:pk>/tom-tat.pdf", summary_pdf, name="summary_pdf"),
    path("ho-so/<int:pk>/tai-lieu/<slug:which>/", dossier_file, name="dossier_file"),
    path("hoi-dong/<int:pk>/bien-ban.docx", minutes_docx, name="minutes_docx"),
    path("hoi-dong/<int:pk>/bien-ban.pdf", minutes_pdf, name="minutes_pdf"),
    path("quyet-dinh/<int:pk>/van-ban.docx", decision_docx, name="decision_docx"),
    path("quyet-dinh/<int:pk>/van-ban.pdf", decision_pdf, name="decision_pdf"),
    path("quyet-dinh/<int:pk>/ban-ky/", decision_file, name="decision_file"),
]
