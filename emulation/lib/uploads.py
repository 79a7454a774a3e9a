"""Uploaded documents are checked by content and size, never by their name or the browser's word."""

from __future__ import annotations

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from emulation.lib.vn import format_number

KIND_LABELS = {"pdf": "PDF", "docx": "Word (DOCX)", "xlsx": "Excel (XLSX)", "jpeg": "ảnh JPEG", "png": "ảnh PNG"}
MEGABYTE = 1024 * 1024
MAX_EXPANDED_BYTES = 100 * MEGABYTE
MAX_RATIO = 200
_OOXML_MARKERS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


def sniff(upload: UploadedFile) -> str | None:
    """The file's real kind from its bytes: 'pdf', 'docx', 'xlsx' or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                infos = archive.infolist()
                names = {info.filename for info in infos}
                expanded = sum(info.file_size for info in infos)
                packed = sum(info.compress_size for info in infos) or 1
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            upload.seek(0)
        # A zip bomb dressed as a document: refuse what would expand far beyond any real DOCX or XLSX.
        if expanded > MAX_EXPANDED_BYTES or expanded / packed > MAX_RATIO:
            return None
        for kind, marker in _OOXML_MARKERS.items():
            if marker in names and "[Content_Types].xml" in names:
                return kind
    return None


def _megabytes(size: int) -> str:
    """2.5 MB as "2,5 MB"; under a tenth of a megabyte in kB, so that a small limit never reads "0 MB"."""
    if size < MEGABYTE / 10:
        return f"{format_number(max(1, round(size / 1024)))} kB"
    return f"{format_number(round(size / MEGABYTE, 1))} MB"


def validate_document(
    upload: UploadedFile, *, kinds: tuple[str, ...] = ("pdf", "docx"), max_bytes: int | None = None
) -> str:
    """Return the file's kind, or raise ValidationError with a Vietnamese message."""
    limit = max_bytes or settings.UPLOAD_MAX_BYTES
    if upload.size > limit:
        size, most = _megabytes(upload.size), _megabytes(limit)
        raise ValidationError(f"Tệp “{upload.name}” có dung lượng {size}, vượt quá giới hạn {most}.")
    if upload.size == 0:
        raise ValidationError(f"Tệp “{upload.name}” rỗng.")
    kind = sniff(upload)
    if kind not in kinds:
        allowed = ", ".join(KIND_LABELS[k] for k in kinds)
        raise ValidationError(f"Tệp “{upload.name}” không phải tệp {allowed} hợp lệ (kiểm tra theo nội dung tệp).")
    return kind
