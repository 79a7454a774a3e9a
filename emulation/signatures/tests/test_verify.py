"""The verification itself, through the child process the service runs: PDFs signed here with a throwaway CA."""

from __future__ import annotations

from emulation.signatures import services
from emulation.signatures.models import CheckStatus
from emulation.signatures.tests import pki
from emulation.signatures.verify import REVOCATION_OFF


def test_a_pdf_signed_under_a_trusted_root_is_valid_with_its_signer(ca):
    result = services.verify_isolated(ca.signed, roots=[ca.root.pem])
    assert result["status"] == CheckStatus.HOP_LE
    (signature,) = result["signatures"]
    assert signature["signer"] == "Nguyễn Văn An"
    assert signature["organization"] == "Sở Thông tin và Truyền thông tỉnh Bình Phước"
    assert signature["issuer"] == "CA thử nghiệm gốc"
    assert signature["trusted"] and signature["signing_time"]
    # Revocation is not fetched by default (closed networks), and the result says so.
    assert signature["revocation"] == REVOCATION_OFF


def test_a_root_loaded_as_der_is_trusted_too(ca):
    assert services.verify_isolated(ca.signed, roots=[ca.root.der])["status"] == CheckStatus.HOP_LE


def test_content_changed_in_an_update_after_signing_is_marked_modified(ca):
    changed = pki.change_after_signing(ca.signed)
    result = services.verify_isolated(changed, roots=[ca.root.der])
    assert result["status"] == CheckStatus.BI_SUA
    # The signer's certificate is still fine: it is the document that changed.
    assert result["message"] == "Nội dung tệp đã bị thay đổi sau khi ký."


def test_bytes_changed_inside_the_signed_range_are_marked_modified(ca):
    result = services.verify_isolated(pki.tamper_bytes(ca.signed), roots=[ca.root.der])
    assert result["status"] == CheckStatus.BI_SUA


def test_a_signer_under_a_root_not_in_the_list_is_untrusted(ca):
    assert services.verify_isolated(ca.signed, roots=[ca.other_root.der])["status"] == CheckStatus.KHONG_TIN_CAY


def test_an_empty_trust_list_trusts_nobody(ca):
    # Not the operating system's TLS roots either: nothing is trusted that Quản trị did not load.
    assert services.verify_isolated(ca.signed, roots=[])["status"] == CheckStatus.KHONG_TIN_CAY


def test_an_expired_certificate_is_marked_expired(ca):
    signed = pki.sign_pdf(ca.unsigned, pki.expired_signer(ca.root), ca.root)
    result = services.verify_isolated(signed, roots=[ca.root.der])
    assert result["status"] == CheckStatus.HET_HAN


def test_an_unsigned_pdf_is_not_signed_rather_than_an_error(ca):
    result = services.verify_isolated(ca.unsigned, roots=[ca.root.der])
    assert result["status"] == CheckStatus.CHUA_KY and result["message"] == "Tệp không có chữ ký số."


def test_a_broken_pdf_is_a_read_error(ca):
    result = services.verify_isolated(b"%PDF-1.4\n/ByteRange [0 1 2 3] rac", roots=[ca.root.der])
    assert result["status"] == CheckStatus.LOI


def test_a_check_over_its_time_is_stopped_and_marked(ca, settings):
    settings.SIGNATURE_CHECK_SECONDS = 0
    result = services.verify_isolated(ca.signed, roots=[ca.root.der])
    assert result["status"] == CheckStatus.LOI and "Kiểm tra quá 0 giây" in result["message"]


def test_a_check_over_its_memory_is_stopped_and_marked(ca, settings):
    settings.SIGNATURE_CHECK_MEMORY_MB = 16
    result = services.verify_isolated(ca.signed, roots=[ca.root.der])
    assert result["status"] == CheckStatus.LOI
