"""What people see: the badge beside a signed file on the dossier page, and Quản trị's trust list page.

Each upload runs its check as it would after the transaction commits (the in-process job queue)."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.models import Dossier
from awards.tests.factories import make_dossier
from emulation.signatures.models import CheckStatus, SignatureCheck, TrustAnchor
from emulation.signatures.tests import pki

ANCHORS = reverse("signatures:anchor_list")
VALID = "Ký số hợp lệ"


@pytest.fixture
def dossier(world, media):
    return make_dossier(world, nominees=1)


def _upload(login, world, dossier, data: bytes, name: str = "to-trinh.pdf"):
    """Phòng A's staff uploads a new Tờ trình through the dossier's edit page."""
    from awards.tests.test_dossier_pages import _dossier_post

    client = login(world.staff)
    version = Dossier.objects.get(pk=dossier.pk).version
    post = _dossier_post(version, submission_upload=SimpleUploadedFile(name, data, content_type="application/pdf"))
    response = client.post(reverse("awards:dossier_edit", args=[dossier.pk]), post)
    assert response.status_code == 302, response.content.decode()[:2000]


def _load_root(login, world, identity, name="CA thử nghiệm gốc", filename="root.pem", data=None):
    return login(world.admin).post(
        ANCHORS, {"name": name, "certificate": SimpleUploadedFile(filename, data or identity.pem)}
    )


def _page(login, user, dossier) -> str:
    return login(user).get(reverse("awards:dossier_detail", args=[dossier.pk])).content.decode()


def _check(dossier, field="submission_file") -> SignatureCheck:
    return SignatureCheck.objects.get(object_id=dossier.pk, field=field, content_type__model="dossier")


def test_a_signed_tờ_trình_under_a_loaded_root_shows_as_valid_with_its_signer(
    world, login, dossier, ca, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert _load_root(login, world, ca.root).status_code == 302
        _upload(login, world, dossier, ca.signed)
    assert _check(dossier).status == CheckStatus.HOP_LE
    page = _page(login, world.office, dossier)
    assert VALID in page and "Nguyễn Văn An" in page and "CA thử nghiệm gốc" in page
    assert "Không kiểm tra được thu hồi" in page
    # The unit's own staff see the same on their dossier.
    assert VALID in _page(login, world.staff, dossier)


@pytest.mark.parametrize(
    ("make", "label"),
    [
        (lambda ca: pki.change_after_signing(ca.signed), "Bị sửa sau khi ký"),
        (lambda ca: pki.tamper_bytes(ca.signed), "Bị sửa sau khi ký"),
        (lambda ca: pki.sign_pdf(ca.unsigned, pki.make_signer(ca.other_root), ca.other_root), "Không tin cậy"),
        (lambda ca: pki.sign_pdf(ca.unsigned, pki.expired_signer(ca.root), ca.root), "Chứng thư hết hạn"),
        (lambda ca: b"%PDF-1.4\n/ByteRange [0 1 2 3] hong", "Lỗi đọc tệp"),
    ],
    ids=["updated-after-signing", "bytes-changed", "unknown-signer", "expired", "broken"],
)
def test_a_broken_or_unknown_signature_is_stored_but_never_shown_as_valid(
    world, login, dossier, ca, make, label, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _load_root(login, world, ca.root)
        _upload(login, world, dossier, make(ca))
    assert Dossier.objects.get(pk=dossier.pk).submission_file  # stored
    page = _page(login, world.office, dossier)
    assert label in page and VALID not in page


def test_an_unsigned_pdf_is_marked_not_signed(world, login, dossier, ca, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _upload(login, world, dossier, ca.unsigned)
    assert _check(dossier).status == CheckStatus.CHUA_KY
    page = _page(login, world.office, dossier)
    assert "Chưa ký số" in page and VALID not in page


def test_loading_and_stopping_a_root_checks_the_stored_files_again(
    world, login, dossier, ca, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _upload(login, world, dossier, ca.signed)
    assert _check(dossier).status == CheckStatus.KHONG_TIN_CAY
    with django_capture_on_commit_callbacks(execute=True):
        _load_root(login, world, ca.root, filename="root.cer", data=ca.root.der)  # DER, told apart by content
    assert _check(dossier).status == CheckStatus.HOP_LE
    anchor = TrustAnchor.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = login(world.admin).post(reverse("signatures:anchor_active", args=[anchor.pk]), {"active": "0"})
    assert response.status_code == 302
    assert _check(dossier).status == CheckStatus.KHONG_TIN_CAY
    assert VALID not in _page(login, world.office, dossier)


def test_a_new_upload_replaces_the_old_result(world, login, dossier, ca, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _load_root(login, world, ca.root)
        _upload(login, world, dossier, ca.signed)
        _upload(login, world, dossier, pki.change_after_signing(ca.signed), name="to-trinh-2.pdf")
    check = _check(dossier)
    assert (
        check.status == CheckStatus.BI_SUA
        and check.file_name == Dossier.objects.get(pk=dossier.pk).submission_file.name
    )


def test_a_file_over_the_check_limit_is_stored_and_marked(
    world, login, dossier, ca, settings, django_capture_on_commit_callbacks
):
    settings.SIGNATURE_CHECK_MAX_BYTES = 1024
    with django_capture_on_commit_callbacks(execute=True):
        _upload(login, world, dossier, ca.signed)
    check = _check(dossier)
    assert check.status == CheckStatus.LOI and "vượt giới hạn kiểm tra chữ ký" in check.message


def test_the_signed_plan_of_a_campaign_shows_its_check(world, login, media, ca, django_capture_on_commit_callbacks):
    from campaigns.tests.factories import make_campaign

    campaign = make_campaign(world.so_a)
    with django_capture_on_commit_callbacks(execute=True):
        _load_root(login, world, ca.root)
        campaign.signed_file.save("ke-hoach.pdf", ContentFile(ca.signed))
    page = login(world.office).get(reverse("campaigns:campaign_detail", args=[campaign.pk])).content.decode()
    assert VALID in page and "Nguyễn Văn An" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"day khong phai chung thu", "không phải chứng thư số X.509"),
        (None, "không phải của tổ chức chứng thực"),
    ],
    ids=["not-a-certificate", "a-signer-certificate"],
)
def test_the_trust_list_refuses_what_is_not_a_ca_certificate(world, login, ca, data, message):
    response = _load_root(login, world, ca.root, data=data or ca.signer.pem)
    assert response.status_code == 400 and message in response.content.decode()
    assert not TrustAnchor.objects.exists()


def test_the_same_root_is_not_loaded_twice(world, login, ca):
    assert _load_root(login, world, ca.root).status_code == 302
    response = _load_root(login, world, ca.root, name="Lần hai")
    assert response.status_code == 400 and "đã có trong danh sách" in response.content.decode()
    assert TrustAnchor.objects.count() == 1


def test_the_trust_list_page_shows_what_was_loaded(world, login, ca):
    _load_root(login, world, ca.root)
    page = login(world.admin).get(ANCHORS).content.decode()
    assert "CA thử nghiệm gốc" in page and "Đang tin cậy" in page
    fingerprint = TrustAnchor.objects.get().fingerprint_display
    assert fingerprint in page


def test_the_decision_page_and_the_register_show_the_signed_decisions_check(
    world, login, media, ca, django_capture_on_commit_callbacks
):
    from awards.tests.test_register import _award_form, _record
    from campaigns.tests.factories import make_campaign

    record = _record(world, "Trần Thị Bình", form=_award_form("Giấy khen"), campaign=make_campaign(world.so_a))
    with django_capture_on_commit_callbacks(execute=True):
        _load_root(login, world, ca.root)
        record.decision.file.save("quyet-dinh.pdf", ContentFile(pki.change_after_signing(ca.signed)))
    client = login(world.office)
    page = client.get(reverse("awards:decision_detail", args=[record.decision_id])).content.decode()
    assert "Bị sửa sau khi ký" in page and VALID not in page
    register = client.get(reverse("awards:register")).content.decode()
    assert "Bị sửa sau khi ký" in register and VALID not in register


def test_a_check_that_finishes_after_a_newer_upload_does_not_overwrite_it(world, media, dossier, ca):
    from emulation.signatures import services

    stale = Dossier.objects.get(pk=dossier.pk)  # the job took the row holding the first file…
    stale.submission_file.save("cu.pdf", ContentFile(ca.signed), save=False)
    Dossier.objects.filter(pk=dossier.pk).update(submission_file="dossiers/moi.pdf")  # …then a new upload came
    services.signature_check_file(owner=stale, field="submission_file")
    check = _check(dossier)
    assert check.status != CheckStatus.HOP_LE and check.file_name != stale.submission_file.name


def test_a_certificate_of_another_organisation_is_flagged_but_not_refused(
    world, login, dossier, ca, django_capture_on_commit_callbacks
):
    # world.phong_a sits under "Sở TT&TT tỉnh A"; the throwaway signer's certificate names a Bình Phước Sở.
    with django_capture_on_commit_callbacks(execute=True):
        _load_root(login, world, ca.root)
        _upload(login, world, dossier, ca.signed)
    page = _page(login, world.office, dossier)
    assert VALID in page and "Khác đơn vị gửi" in page and "không khớp với đơn vị gửi" in page


def test_a_certificate_of_the_sending_units_sở_is_not_flagged(
    world, login, dossier, ca, django_capture_on_commit_callbacks
):
    signer = pki.make_signer(ca.root, org="Sở Thông tin và Truyền thông tỉnh A", unit="Văn phòng")
    with django_capture_on_commit_callbacks(execute=True):
        _load_root(login, world, ca.root)
        _upload(login, world, dossier, pki.sign_pdf(ca.unsigned, signer, ca.root))
    page = _page(login, world.office, dossier)
    assert VALID in page and "Khác đơn vị gửi" not in page


def test_unit_names_are_compared_loosely():
    from emulation.signatures.units import names_match

    assert names_match(["Sở TT&TT tỉnh A"], ["SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH A"])
    assert names_match(["Phòng CNTT"], ["Sở X", "Phòng Công nghệ thông tin"])
    assert not names_match(["Sở TT&TT tỉnh A"], ["Sở Thông tin và Truyền thông tỉnh Bình Phước"])


def test_a_check_whose_job_was_lost_is_run_by_the_sweep(world, login, dossier, ca, django_capture_on_commit_callbacks):
    """The broker was down at upload: the file stays "đang kiểm tra" until beat's sweep queues it again."""
    import datetime

    from django.utils import timezone

    from emulation.signatures import tasks

    with django_capture_on_commit_callbacks(execute=False):  # the job is never sent
        _upload(login, world, dossier, ca.unsigned)
    assert _check(dossier).status == CheckStatus.DANG_KIEM_TRA
    assert tasks.signature_sweep() == 0  # just queued: left to its own job
    SignatureCheck.objects.filter(pk=_check(dossier).pk).update(
        requested_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert tasks.signature_sweep() == 1
    assert _check(dossier).status == CheckStatus.CHUA_KY
    assert "Chưa ký số" in _page(login, world.office, dossier)
