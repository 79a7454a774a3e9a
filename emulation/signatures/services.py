"""Every write of the signatures app: the trust list, and the check of a stored file's signatures.

A file is checked in a child process (`verify.py` run as a script) with a time and a memory limit: a PDF built
to make the parser loop or balloon ends as "Lỗi đọc tệp", never as a hung worker. The check runs in the job
queue (tasks.py); without a broker it runs in-process like every other job of the portal.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
import logging
import subprocess
import sys
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import timezone

from campaigns.models import User
from emulation.lib.uploads import _megabytes
from emulation.signatures import verify
from emulation.signatures.models import TRUST_DEPENDENT, CheckStatus, SignatureCheck, TrustAnchor

logger = logging.getLogger(__name__)

# The file fields whose uploads are checked, by model label: the signed documents of a dossier, the signed plan.
WATCHED: dict[str, tuple[str, ...]] = {
    "awards.dossier": ("submission_file", "minutes_file"),
    "awards.nominee": ("signed_report",),
    "awards.decision": ("file",),
    "campaigns.campaign": ("signed_file",),
}
MAX_CERTIFICATE_BYTES = 64 * 1024
_VERIFY_SCRIPT = Path(verify.__file__)


class SignatureError(Exception):
    """A refused change to the trust list, with the message to show."""


# --- The trust list ---------------------------------------------------------------------------------------------


def _load_certificate(data: bytes) -> x509.Certificate:
    """A certificate from PEM or DER bytes, decided by the content, not the file name."""
    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError as exc:
        raise SignatureError("Tệp không phải chứng thư số X.509 (định dạng PEM hoặc DER) đọc được.") from exc


def _name(name: x509.Name) -> str:
    parts = []
    for oid, label in ((NameOID.COMMON_NAME, "CN"), (NameOID.ORGANIZATION_NAME, "O"), (NameOID.COUNTRY_NAME, "C")):
        parts += [f"{label}={a.value}" for a in name.get_attributes_for_oid(oid)]
    return ", ".join(parts) or name.rfc4514_string()


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        # Old roots (X.509 v1) carry no extensions at all; a self-signed one is taken as a CA.
        return cert.issuer == cert.subject


@transaction.atomic
def trust_anchor_add(*, user: User, name: str, upload: UploadedFile) -> TrustAnchor:
    """Load a CA certificate into the trust list. Refused: not a certificate, not a CA's, expired, already there."""
    if upload.size > MAX_CERTIFICATE_BYTES:
        raise SignatureError(f"Tệp chứng thư quá lớn ({_megabytes(upload.size)}); chứng thư số chỉ vài kB.")
    upload.seek(0)
    cert = _load_certificate(upload.read())
    if not _is_ca(cert):
        raise SignatureError(
            "Đây là chứng thư của người ký, không phải của tổ chức chứng thực: hãy nạp chứng thư gốc (Root CA)."
        )
    now = timezone.now()
    if cert.not_valid_after_utc < now:
        raise SignatureError(f"Chứng thư đã hết hạn ngày {cert.not_valid_after_utc:%d/%m/%Y}.")
    fingerprint = cert.fingerprint(hashes.SHA256()).hex()
    existing = TrustAnchor.objects.filter(fingerprint=fingerprint).first()
    if existing is not None:
        raise SignatureError(f"Chứng thư này đã có trong danh sách: “{existing.name}”.")
    subject = _name(cert.subject)
    anchor = TrustAnchor(
        name=(name or "").strip()[:200] or subject[:200],
        certificate_der=cert.public_bytes(serialization.Encoding.DER),
        file_name=(upload.name or "")[:255],
        subject=subject[:500],
        issuer=_name(cert.issuer)[:500],
        serial=format(cert.serial_number, "X")[:100],
        fingerprint=fingerprint,
        valid_from=cert.not_valid_before_utc,
        valid_to=cert.not_valid_after_utc,
        added_by=user,
    )
    try:
        anchor.full_clean()
    except ValidationError as exc:
        raise SignatureError(" ".join(exc.messages)) from exc
    anchor._history_user = user
    anchor.save()
    _recheck_after_commit()
    return anchor


@transaction.atomic
def trust_anchor_set_active(*, anchor: TrustAnchor, user: User, active: bool) -> TrustAnchor:
    """Stop (or resume) trusting a CA. Results that depended on the trust list are checked again."""
    anchor = TrustAnchor.objects.select_for_update().get(pk=anchor.pk)
    if anchor.active == active:
        return anchor
    anchor.active = active
    anchor._history_user = user
    anchor.save(update_fields=["active"])
    _recheck_after_commit()
    return anchor


def _recheck_after_commit() -> None:
    def send() -> None:
        from emulation.signatures import tasks

        try:
            tasks.signature_recheck_trusted.delay()
        except Exception:  # noqa: BLE001 - the trust list is saved; the re-check is what is lost, and logged
            logger.exception("could not queue the re-check of signatures")

    transaction.on_commit(send)


def active_roots() -> list[bytes]:
    return [bytes(der) for der in TrustAnchor.objects.filter(active=True).values_list("certificate_der", flat=True)]


# --- Checking a stored file -------------------------------------------------------------------------------------


def _check_for(owner: models.Model, field: str) -> SignatureCheck | None:
    ct = ContentType.objects.get_for_model(owner)
    return SignatureCheck.objects.filter(content_type=ct, object_id=owner.pk, field=field).first()


def signature_check_request(*, owner: models.Model, field: str) -> SignatureCheck | None:
    """After a save of `owner`: if the file in `field` is new, mark it "đang kiểm tra" and queue its check once
    the transaction commits. The same file saved again costs one query."""
    stored = getattr(owner, field)
    check = _check_for(owner, field)
    if not stored:
        if check is not None:
            check.delete()
        return None
    if check is not None and check.file_name == stored.name:
        return check
    if check is None:
        check = SignatureCheck(content_type=ContentType.objects.get_for_model(owner), object_id=owner.pk, field=field)
    check.file_name = stored.name[:255]
    check.sha256, check.size, check.signatures, check.message, check.checked_at = "", None, [], "", None
    check.status = CheckStatus.DANG_KIEM_TRA
    check.save()
    check_id = check.pk

    def send() -> None:
        from emulation.signatures import tasks

        try:
            tasks.signature_check.delay(check_id)
        except Exception:  # noqa: BLE001 - the upload stands; the check stays "đang kiểm tra" and is logged
            logger.exception("could not queue the signature check %s", check_id)

    transaction.on_commit(send)
    return check


def _result(status: str, message: str) -> dict[str, Any]:
    return {"status": status, "message": message, "signatures": []}


def verify_isolated(data: bytes, *, roots: list[bytes]) -> dict[str, Any]:
    """verify.verify_pdf in a child process with SIGNATURE_CHECK_SECONDS and SIGNATURE_CHECK_MEMORY_MB."""
    if b"/ByteRange" not in data:
        # Every PDF signature names the byte range it signs; without one there is nothing to verify.
        return _result(CheckStatus.CHUA_KY, "Tệp không có chữ ký số.")
    request = {
        "pdf": base64.b64encode(data).decode(),
        "roots": [base64.b64encode(r).decode() for r in roots],
        "fetching": settings.SIGNATURE_REVOCATION_FETCH,
        "seconds": settings.SIGNATURE_CHECK_SECONDS,
        "memory_mb": settings.SIGNATURE_CHECK_MEMORY_MB,
    }
    seconds = settings.SIGNATURE_CHECK_SECONDS
    try:
        done = subprocess.run(  # noqa: S603 - our own script, our interpreter, the file on stdin
            [sys.executable, "-I", str(_VERIFY_SCRIPT)],
            input=json.dumps(request).encode(),
            capture_output=True,
            timeout=seconds,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return _result(CheckStatus.LOI, f"Kiểm tra quá {seconds} giây và đã dừng: tệp quá phức tạp hoặc bị hỏng.")
    if done.returncode != 0:
        logger.warning("signature check failed (%s): %s", done.returncode, done.stderr[-2000:])
        return _result(CheckStatus.LOI, "Không đọc được tệp: bộ kiểm tra dừng vì tệp hỏng hoặc vượt giới hạn bộ nhớ.")
    try:
        result = json.loads(done.stdout)
    except ValueError:
        return _result(CheckStatus.LOI, "Không đọc được kết quả kiểm tra chữ ký.")
    if result.get("status") not in CheckStatus.values:
        return _result(CheckStatus.LOI, "Không đọc được kết quả kiểm tra chữ ký.")
    return result


def _read(stored) -> bytes:
    stored.open("rb")
    try:
        return stored.read()
    finally:
        stored.close()


def signature_check_file(*, owner: models.Model, field: str, force: bool = False) -> SignatureCheck | None:
    """Verify the signatures of the file in `owner.<field>` and store the result beside it. The same file
    (name and SHA-256) already checked is not checked again unless `force` (the trust list changed)."""
    stored = getattr(owner, field)
    check = _check_for(owner, field)
    if not stored:
        if check is not None:
            check.delete()
        return None
    if check is None:
        check = SignatureCheck(content_type=ContentType.objects.get_for_model(owner), object_id=owner.pk, field=field)
    limit = settings.SIGNATURE_CHECK_MAX_BYTES
    try:
        size = stored.size
        data = _read(stored) if size <= limit else b""
    except OSError:
        result, size, digest = _result(CheckStatus.LOI, "Không mở được tệp đã lưu."), None, ""
    else:
        digest = hashlib.sha256(data).hexdigest() if data else ""
        same = check.pk and check.file_name == stored.name and check.sha256 == digest and digest
        if same and not force and check.status != CheckStatus.DANG_KIEM_TRA:
            return check
        if size > limit:
            result = _result(
                CheckStatus.LOI,
                f"Tệp {_megabytes(size)}, vượt giới hạn kiểm tra chữ ký {_megabytes(limit)}: không kiểm tra.",
            )
        elif not data.startswith(b"%PDF-"):
            result = _result(CheckStatus.KHONG_AP_DUNG, "Chỉ kiểm tra chữ ký số của tệp PDF.")
        else:
            result = verify_isolated(data, roots=active_roots())
    # A newer upload while this file was being checked: its own job writes the result, not this one.
    current = type(owner)._default_manager.filter(pk=owner.pk).values_list(field, flat=True).first()
    if current != stored.name:
        return check if check.pk else None
    check.file_name = stored.name[:255]
    check.sha256, check.size = digest, size
    check.status = result["status"]
    check.message = str(result.get("message", ""))[:500]
    check.signatures = result.get("signatures", [])
    check.checked_at = timezone.now()
    check.full_clean()
    check.save()
    return check


def signature_check_run(check_id: int, *, force: bool = False) -> SignatureCheck | None:
    """The task's body: the check's owner re-fetched; a row whose owner is gone is removed."""
    check = SignatureCheck.objects.select_related("content_type").filter(pk=check_id).first()
    if check is None:
        return None
    owner = check.owner
    if owner is None:
        check.delete()
        return None
    return signature_check_file(owner=owner, field=check.field, force=force)


def signature_checks_trust_dependent() -> list[int]:
    """Results the trust list decides, and files still waiting (a job lost while the broker was away)."""
    waiting = [*TRUST_DEPENDENT, CheckStatus.DANG_KIEM_TRA]
    return list(SignatureCheck.objects.filter(status__in=waiting).values_list("pk", flat=True))


def signature_checks_stuck(*, older_than: datetime.timedelta) -> list[int]:
    """Files still "đang kiểm tra" long after they were queued: the job was lost (broker down at upload, a worker
    killed). The sweep queues them again; a check is idempotent, so one still running does no harm."""
    before = timezone.now() - older_than
    return list(
        SignatureCheck.objects.filter(status=CheckStatus.DANG_KIEM_TRA, requested_at__lt=before).values_list(
            "pk", flat=True
        )
    )


def signature_checks_forget(*, owner: models.Model) -> int:
    ct = ContentType.objects.get_for_model(owner)
    deleted, _ = SignatureCheck.objects.filter(content_type=ct, object_id=owner.pk).delete()
    return deleted
