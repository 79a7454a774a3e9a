"""Verify the signatures of one PDF: bytes and trust roots in, a JSON-safe result out. No Django, no database.

pyHanko does the cryptography (`validate_pdf_signature`); this module only turns its statuses into what the
portal shows. The trust roots are exactly those passed in: an empty list trusts nobody (pyHanko would fall back to
the operating system's TLS list when given None, which says nothing about Vietnamese signing CAs).

`python -m emulation.signatures.verify` reads a JSON request on stdin and writes the result on stdout: the
service runs it as a child process with a time and memory limit, so a malicious or enormous PDF cannot hang or
exhaust the worker (or the web process, when tasks run in-process).
"""

from __future__ import annotations

import base64
import io
import json
import sys
from typing import Any

# Overall statuses, worst first: a file's status is the worst of its signatures' statuses.
HOP_LE = "hop_le"
BI_SUA = "bi_sua"
KHONG_HOP_LE = "khong_hop_le"
BI_THU_HOI = "bi_thu_hoi"
HET_HAN = "het_han"
KHONG_TIN_CAY = "khong_tin_cay"
CHUA_KY = "chua_ky"
LOI = "loi"
WORST_FIRST = (BI_SUA, KHONG_HOP_LE, BI_THU_HOI, HET_HAN, KHONG_TIN_CAY, HOP_LE)

REVOCATION_OFF = "Không kiểm tra được thu hồi (tra cứu trực tuyến đang tắt)"
REVOCATION_SOFT = "Không kiểm tra được thu hồi (không kết nối được máy chủ CRL/OCSP)"
REVOCATION_OK = "Đã kiểm tra thu hồi: chưa bị thu hồi"

_EXPIRED = {"EXPIRED", "OUT_OF_BOUNDS_NO_POE", "OUT_OF_BOUNDS_NOT_REVOKED", "NOT_YET_VALID"}
_REVOKED = {"REVOKED", "REVOKED_NO_POE", "REVOKED_CA_NO_POE"}


def _name_part(name, key: str) -> str:
    try:
        value = name.native.get(key, "")
    except Exception:  # noqa: BLE001 - a malformed name shows as empty, the status says the rest
        return ""
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    return str(value or "")


def _anchor_name(cert) -> str:
    parts = [_name_part(cert.subject, "common_name"), _name_part(cert.subject, "organization_name")]
    return " – ".join(p for p in parts if p) or cert.subject.human_friendly


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _coverage(status) -> str:
    level = getattr(status, "coverage", None)
    return level.name if level is not None else ""


def _modified(status) -> bool:
    """Changed after signing: the signed bytes no longer hash to what was signed, or a later revision changes
    what the signature covers (pyHanko's difference analysis refuses it)."""
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if not status.intact:
        return True
    if getattr(status, "coverage", None) in (None, SignatureCoverageLevel.UNCLEAR):
        return True
    return status.docmdp_ok is False


def _signature_status(status, *, fetching: bool, soft_fail: list[Exception]) -> tuple[str, str]:
    if _modified(status):
        return BI_SUA, "Nội dung tệp đã bị thay đổi sau khi ký."
    if not status.valid:
        return KHONG_HOP_LE, "Giá trị chữ ký không khớp với chứng thư của người ký."
    indic = getattr(status.trust_problem_indic, "name", None)
    if status.revoked or indic in _REVOKED:
        return BI_THU_HOI, "Chứng thư số đã bị thu hồi."
    if indic in _EXPIRED:
        return HET_HAN, "Chứng thư số đã hết hạn hoặc chưa có hiệu lực tại thời điểm kiểm tra."
    if not status.trusted:
        return KHONG_TIN_CAY, "Chứng thư không thuộc danh sách tổ chức chứng thực tin cậy do Quản trị cấu hình."
    if not status.bottom_line:
        return KHONG_HOP_LE, "Chữ ký không đạt yêu cầu kiểm tra (dấu thời gian hoặc ràng buộc của trường chữ ký)."
    return HOP_LE, "Chữ ký hợp lệ, chứng thư thuộc danh sách tin cậy."


def _revocation(status, *, fetching: bool, soft_fail: list[Exception]) -> str:
    if status.revoked:
        when = status.revocation_details.revocation_date
        return f"Đã bị thu hồi ngày {when:%d/%m/%Y}" if when else "Đã bị thu hồi"
    if not fetching:
        return REVOCATION_OFF
    if soft_fail or not status.trusted:
        return REVOCATION_SOFT
    return REVOCATION_OK


def verify_pdf(data: bytes, *, roots: list[bytes], fetching: bool = False) -> dict[str, Any]:
    """{"status", "message", "signatures": [{...}]} for the PDF `data`, trusting exactly `roots` (DER/PEM)."""
    from asn1crypto import pem, x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko_certvalidator import ValidationContext

    anchors = []
    for blob in roots:
        if pem.detect(blob):
            _, _, blob = pem.unarmor(blob)
        anchors.append(x509.Certificate.load(blob))
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_regular_signatures)
    except Exception as exc:  # noqa: BLE001 - any parse failure of a user's file is a status, not a crash
        return {"status": LOI, "message": f"Không đọc được tệp PDF: {type(exc).__name__}.", "signatures": []}
    if not embedded:
        return {"status": CHUA_KY, "message": "Tệp không có chữ ký số.", "signatures": []}
    # Vietnamese signing certificates carry digitalSignature, nonRepudiation or both: either is accepted.
    usage = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False)
    signatures = []
    for sig in embedded:
        context = ValidationContext(
            trust_roots=anchors, allow_fetching=fetching, revocation_mode="soft-fail", other_certs=[]
        )
        row: dict[str, Any] = {"field": str(sig.field_name or "")}
        try:
            cert = sig.signer_cert
            row.update(
                signer=_name_part(cert.subject, "common_name"),
                organization=_name_part(cert.subject, "organization_name"),
                unit=_name_part(cert.subject, "organizational_unit_name"),
                serial=format(cert.serial_number, "X"),
                issuer=_name_part(cert.issuer, "common_name") or cert.issuer.human_friendly,
                issuer_organization=_name_part(cert.issuer, "organization_name"),
                valid_from=_iso(cert.not_valid_before),
                valid_to=_iso(cert.not_valid_after),
            )
            status = validate_pdf_signature(sig, context, key_usage_settings=usage)
        except Exception as exc:  # noqa: BLE001 - a signature pyHanko cannot even evaluate is broken, never valid
            row.update(status=KHONG_HOP_LE, message=f"Không đánh giá được chữ ký: {type(exc).__name__}.")
            signatures.append(row)
            continue
        soft_fail = list(getattr(context, "soft_fail_exceptions", []) or [])
        code, message = _signature_status(status, fetching=fetching, soft_fail=soft_fail)
        path = status.validation_path
        row.update(
            status=code,
            message=message,
            signing_time=_iso(status.signer_reported_dt),
            coverage=_coverage(status),
            intact=bool(status.intact),
            trusted=bool(status.trusted),
            anchor=_anchor_name(path[0]) if path is not None and status.trusted else "",
            revocation=_revocation(status, fetching=fetching, soft_fail=soft_fail),
        )
        signatures.append(row)
    overall = min((s["status"] for s in signatures), key=WORST_FIRST.index)
    messages = {s["status"]: s["message"] for s in signatures}
    return {"status": overall, "message": messages[overall], "signatures": signatures}


def _limit(*, seconds: int, memory_mb: int) -> None:
    """The child's own ceiling: CPU seconds and address space (the parent also kills it after `seconds`)."""
    import resource

    if seconds > 0:
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def main() -> None:
    """A child process: {"pdf": base64, "roots": [base64...], "fetching": bool} on stdin, the result on stdout."""
    request = json.load(sys.stdin)
    _limit(seconds=int(request.get("seconds") or 0), memory_mb=int(request.get("memory_mb") or 0))
    data = base64.b64decode(request["pdf"])
    roots = [base64.b64decode(r) for r in request["roots"]]
    result = verify_pdf(data, roots=roots, fetching=bool(request.get("fetching")))
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
