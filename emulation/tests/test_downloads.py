"""Downloads: streamed by Django, or handed to nginx with X-Accel-Redirect after the permission check."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage
from django.http import FileResponse, Http404
from django.urls import reverse

from awards.tests.matrix_documents import award_world
from campaigns.tests.factories import make_campaign
from emulation.lib.downloads import file_response
from emulation.reports.models import Report
from indicators.models import Evidence

PREFIX = "/protected-media"
VIETNAMESE = "Báo cáo thành tích – Nguyễn Văn An.pdf"
# An ASCII name for clients that ignore filename*, and the Vietnamese one (RFC 5987).
DISPOSITION = f"attachment; filename=\"Bao-cao-thanh-tich-Nguyen-Van-An.pdf\"; filename*=UTF-8''{quote(VIETNAMESE)}"


@pytest.fixture
def x_accel(settings):
    settings.DOWNLOADS_X_ACCEL_PREFIX = PREFIX


def _evidence(world) -> Evidence:
    from indicators import services
    from indicators.tests.factories import make_setup

    setup = make_setup(world)
    submission = services.submission_open(period=setup.period, unit=world.phong_a, user=world.staff)
    evidence = Evidence(value=submission.values.first(), name="Minh chứng số 1.pdf", uploaded_by=world.staff)
    evidence.file.save("minh-chứng.pdf", ContentFile(b"%PDF-1.4 minh chung"), save=True)
    return evidence


# --- file_response itself ---------------------------------------------------------------------------------------


def test_without_a_prefix_the_file_is_streamed_with_an_rfc5987_name(world):
    evidence = _evidence(world)
    response = file_response(evidence.file, VIETNAMESE)
    assert isinstance(response, FileResponse)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 minh chung"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == DISPOSITION
    assert "X-Accel-Redirect" not in response


def test_with_a_prefix_nginx_sends_the_file(world, x_accel):
    evidence = _evidence(world)
    response = file_response(evidence.file, VIETNAMESE)
    assert not isinstance(response, FileResponse)
    assert response.content == b""
    # The stored name holds Vietnamese letters: the header is percent-encoded ASCII, nginx unescapes it.
    assert response["X-Accel-Redirect"] == f"{PREFIX}/{quote(evidence.file.name)}"
    assert response["X-Accel-Redirect"].isascii() and "ch%E1%BB%A9ng" in response["X-Accel-Redirect"]
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == DISPOSITION


def test_an_explicit_content_type_wins(world, x_accel):
    response = file_response(_evidence(world).file, "a.bin", content_type="application/x-thing")
    assert response["Content-Type"] == "application/x-thing"


def test_a_storage_other_than_the_local_disk_is_streamed_even_with_a_prefix(world, x_accel):
    """S3 (here an in-memory stand-in): nginx cannot read the bucket, so Django streams the object."""
    evidence = _evidence(world)
    field = evidence.file
    field.storage = InMemoryStorage()
    field.storage.save(field.name, ContentFile(b"from the bucket"))
    response = file_response(field, "a.pdf")
    assert isinstance(response, FileResponse)
    assert b"".join(response.streaming_content) == b"from the bucket"
    assert "X-Accel-Redirect" not in response


def test_a_missing_or_empty_file_is_404(world):
    evidence = _evidence(world)
    evidence.file.storage.delete(evidence.file.name)
    with pytest.raises(Http404):
        file_response(evidence.file, "a.pdf")
    evidence.file = ""
    with pytest.raises(Http404):
        file_response(evidence.file, "a.pdf")


# --- the download views use it, after their permission check ----------------------------------------------------


def test_evidence_download_uses_x_accel_for_the_unit_and_404s_for_an_outsider(world, login, x_accel):
    evidence = _evidence(world)
    url = reverse("indicators:evidence_download", kwargs={"pk": evidence.pk})
    response = login(world.staff).get(url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"{PREFIX}/{quote(evidence.file.name)}"
    assert "Minh%20ch%E1%BB%A9ng%20s%E1%BB%91%201.pdf" in response["Content-Disposition"]
    response = login(world.outsider).get(url)
    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response


def test_campaign_signed_file_uses_x_accel(world, login, x_accel):
    campaign = make_campaign(world.so_a, title="Phong trào tỉnh A")
    campaign.signed_file.save("ke-hoach.pdf", ContentFile(b"%PDF-1.4 ky"))
    url = reverse("campaigns:campaign_signed_file", kwargs={"pk": campaign.pk})
    response = login(world.office).get(url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"{PREFIX}/{campaign.signed_file.name}"
    assert response["Content-Disposition"].startswith("attachment;")
    assert login(world.outsider).get(url).status_code == 404


def test_award_files_keep_their_ascii_fallback_name_under_x_accel(world, login, x_accel):
    dossier = award_world(world).dossier
    url = reverse("awards:dossier_file", kwargs={"pk": dossier.pk, "which": "to-trinh"})
    response = login(world.staff).get(url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"{PREFIX}/{quote(dossier.submission_file.name)}"
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="To-trinh-so-12.pdf"' in response["Content-Disposition"]
    assert "filename*=UTF-8''T%E1%BB%9D%20tr%C3%ACnh%20s%E1%BB%91%2012.pdf" in response["Content-Disposition"]
    assert login(world.outsider).get(url).status_code == 404


def test_report_download_is_recorded_and_uses_x_accel(world, login, x_accel):
    from indicators.tests.factories import make_setup

    setup = make_setup(world)
    report = Report.objects.create(
        campaign=setup.campaign, period=setup.period, requested_by=world.office, status="xong", progress=100
    )
    report.pdf_file.save("bao-cao.pdf", ContentFile(b"%PDF-1.7 bao cao"), save=True)
    response = login(world.office).get(reverse("reports:report_download", kwargs={"pk": report.pk, "kind": "pdf"}))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"{PREFIX}/{report.pdf_file.name}"
    assert report.downloads.count() == 1


# --- a file missing on this host (a worker on another host without the shared media) ------------------------------


def _finished_report(world) -> Report:
    from indicators.tests.factories import make_setup

    setup = make_setup(world)
    report = Report.objects.create(
        campaign=setup.campaign, period=setup.period, requested_by=world.office, status="xong", progress=100
    )
    report.pdf_file.save("bao-cao.pdf", ContentFile(b"%PDF-1.7 bao cao"), save=False)
    report.xlsx_file.save("bao-cao.xlsx", ContentFile(b"PK xlsx"), save=True)
    return report


def test_a_missing_file_under_x_accel_is_404_before_any_header(world, x_accel):
    """nginx's own 404 for a missing file would keep the attachment header: the check comes first."""
    evidence = _evidence(world)
    evidence.file.storage.delete(evidence.file.name)
    with pytest.raises(Http404):
        file_response(evidence.file, "a.pdf")


@pytest.mark.parametrize("accel", [True, False], ids=["x-accel", "streamed"])
def test_a_report_file_missing_here_is_a_vietnamese_404_without_attachment_and_not_recorded(
    world, login, settings, accel
):
    if accel:
        settings.DOWNLOADS_X_ACCEL_PREFIX = PREFIX
    report = _finished_report(world)
    report.pdf_file.storage.delete(report.pdf_file.name)
    response = login(world.office).get(reverse("reports:report_download", kwargs={"pk": report.pk, "kind": "pdf"}))
    assert response.status_code == 404
    assert "Content-Disposition" not in response and "X-Accel-Redirect" not in response
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "Không tìm thấy tệp PDF của báo cáo" in page and "Lượt tải này không được ghi nhận" in page
    assert report.downloads.count() == 0
    # The other file is there: it downloads, and that one is recorded.
    response = login(world.office).get(reverse("reports:report_download", kwargs={"pk": report.pk, "kind": "xlsx"}))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert report.downloads.count() == 1


def test_a_finished_report_whose_files_are_missing_here_says_so_instead_of_offering_links(world, login):
    report = _finished_report(world)
    report.pdf_file.storage.delete(report.pdf_file.name)
    page = login(world.office).get(reverse("reports:report_detail", kwargs={"pk": report.pk})).content.decode()
    assert "máy chủ này không đọc được tệp của báo cáo" in page
    assert reverse("reports:report_download", kwargs={"pk": report.pk, "kind": "pdf"}) not in page
