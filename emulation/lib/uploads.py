"""Uploaded documents are checked by content and size, never by their name or the browser's word.

The kind the content check decides also names the file: `validate_document` gives the upload the extension of
that kind (a PDF sent as "bao-cao.html" is stored and offered as "bao-cao.pdf"), and a stored file is served
with the content type of its stored extension (`content_type_for`), so what the browser is told is what the
bytes were checked to be.
"""

from __future__ import annotations

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from emulation.lib.vn import format_number

KIND_LABELS = {"pdf": "PDF", "docx": "Word (DOCX)", "xlsx": "Excel (XLSX)", "jpeg": "ảnh JPEG", "png": "ảnh PNG"}
# The extension a checked file is stored under, and the type it is served with, by kind.
EXTENSIONS = {"pdf": "pdf", "docx": "docx", "xlsx": "xlsx", "jpeg": "jpg", "png": "png"}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpeg": "image/jpeg",
    "png": "image/png",
}
_KIND_OF_EXTENSION = {**{ext: kind for kind, ext in EXTENSIONS.items()}, "jpeg": "jpeg"}
UNKNOWN_TYPE = "application/octet-stream"
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


def kind_of_name(name: str) -> str | None:
    """The kind a stored name's extension stands for (only the kinds we check), or None."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""
    return _KIND_OF_EXTENSION.get(extension)


def content_type_for(name: str) -> str:
    """The type to serve a stored file with: from its extension, which the content check chose; any other
    extension (a file stored before names followed the check) is served as opaque bytes, never as a page."""
    kind = kind_of_name(name)
    return CONTENT_TYPES[kind] if kind else UNKNOWN_TYPE


def name_for_kind(name: str, kind: str) -> str:
    """The user's file name with the extension of the kind its content is: "a.html" → "a.pdf", "a" → "a.pdf";
    a name that already says the kind ("A.PDF", "anh.jpeg") is kept."""
    if kind_of_name(name) == kind:
        return name
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return f"{stem or 'tep'}.{EXTENSIONS[kind]}"


def _megabytes(size: int) -> str:
    """2.5 MB as "2,5 MB"; under a tenth of a megabyte in kB, so that a small limit never reads "0 MB"."""
    if size < MEGABYTE / 10:
        return f"{format_number(max(1, round(size / 1024)))} kB"
    return f"{format_number(round(size / MEGABYTE, 1))} MB"


def validate_document(
    upload: UploadedFile, *, kinds: tuple[str, ...] = ("pdf", "docx"), max_bytes: int | None = None
) -> str:
    """Return the file's kind, or raise ValidationError with a Vietnamese message.

    The upload is renamed with the extension of that kind (`name_for_kind`): the storage names the stored file
    from it, and the name shown and offered for download is the checked one."""
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
    upload.name = name_for_kind(upload.name, kind)
    return kind
