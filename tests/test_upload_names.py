"""Every stored upload is named, and served, from the kind its content was checked to be — never from the name the
user gave it: a file that starts "%PDF-" but is called ".html" is stored as ".pdf" and served as application/pdf.

Each upload field of the portal (tests/test_bad_uploads.py lists them) is posted through its real page, and the
file is fetched back through its real download URL.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.tests.matrix_dossiers import _dossier
from emulation.lib.uploads import content_type_for, name_for_kind, validate_document
from tests.test_bad_uploads import FIELDS, PDF, _form_errors, _post, media  # noqa: F401 (media is a fixture)
from tests.test_permissions import _campaign, _setup

DISGUISED = "bao-cao.html"


def _evidence_url(world) -> str:
    from indicators.models import Evidence

    return reverse("indicators:evidence_download", kwargs={"pk": Evidence.objects.latest("pk").pk})


def _decision_url(world) -> str:
    from awards.models import Decision

    return reverse("awards:decision_file", kwargs={"pk": Decision.objects.latest("pk").pk})


# Where each stored upload is downloaded again (the Excel upload is read, not stored).
DOWNLOADS: dict[str, Callable] = {
    "campaign signed plan": lambda w: reverse("campaigns:campaign_signed_file", kwargs={"pk": _campaign(w).pk}),
    "submission evidence": _evidence_url,
    "dossier Tờ trình": lambda w: reverse("awards:dossier_file", kwargs={"pk": _dossier(w).pk, "which": "to-trinh"}),
    "dossier Biên bản": lambda w: reverse("awards:dossier_file", kwargs={"pk": _dossier(w).pk, "which": "bien-ban"}),
    "nominee Mẫu 07": lambda w: reverse(
        "awards:nominee_signed_report", kwargs={"pk": _dossier(w).nominees.order_by("pk").first().pk}
    ),
    "decision file": _decision_url,
}


def test_every_stored_upload_field_is_covered():
    assert set(DOWNLOADS) == {name for name, f in FIELDS.items() if f.url != "indicators:submission_excel_upload"}


@pytest.mark.parametrize("field", DOWNLOADS)
def test_a_pdf_named_html_is_stored_as_pdf_and_served_as_pdf(field, world, login, media):  # noqa: F811
    spec = FIELDS[field]
    client = login(getattr(world, spec.persona))
    spec.kwargs(world), spec.extra(world)
    before = set(media.rglob("*"))

    response = _post(world, client, spec, DISGUISED, PDF)

    assert response.status_code == 302, _form_errors(response)
    stored = [p for p in set(media.rglob("*")) - before if p.is_file()]
    assert stored, "nothing was stored"
    assert all(p.suffix == ".pdf" for p in stored), [p.name for p in stored]
    download = client.get(DOWNLOADS[field](world))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    disposition = download["Content-Disposition"]
    assert ".pdf" in disposition and ".html" not in disposition, disposition
    assert b"".join(download.streaming_content) == PDF


def test_the_name_follows_the_checked_kind():
    assert name_for_kind("bao-cao.html", "pdf") == "bao-cao.pdf"
    assert name_for_kind("Tờ trình số 12.PDF", "pdf") == "Tờ trình số 12.PDF"
    assert name_for_kind("anh.jpeg", "jpeg") == "anh.jpeg"
    assert name_for_kind("anh.png", "jpeg") == "anh.jpg"
    assert name_for_kind("khong-duoi", "docx") == "khong-duoi.docx"
    assert name_for_kind(".html", "pdf") == "tep.pdf"


def test_validate_document_renames_the_upload_to_its_kind():
    upload = SimpleUploadedFile("minh-chung.html", PDF)
    assert validate_document(upload) == "pdf"
    assert upload.name == "minh-chung.pdf"


def test_content_types_come_from_the_checked_kinds_only():
    assert content_type_for("dossiers/1/abc.pdf") == "application/pdf"
    assert content_type_for("evidence/2/anh.JPG") == "image/jpeg"
    assert content_type_for("a.docx").endswith("wordprocessingml.document")
    # A file stored before names followed the check, under the name its uploader chose: bytes, never a page.
    assert content_type_for("evidence/3/trang.html") == "application/octet-stream"
    assert content_type_for("evidence/3/khong-duoi") == "application/octet-stream"


def test_a_file_stored_under_an_html_name_before_the_fix_is_not_served_as_a_page(world, login):
    from indicators.models import Evidence

    setup, submission, _ = _setup(world)
    evidence = Evidence(value=submission.values.first(), name="trang.html", uploaded_by=world.staff)
    evidence.file.save("trang.html", ContentFile(b"%PDF-1.4 <script>alert(1)</script>"), save=True)
    response = login(world.staff).get(reverse("indicators:evidence_download", kwargs={"pk": evidence.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
