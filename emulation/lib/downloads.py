"""Sending a stored file to a user who may see it.

The view checks the permission (selector → 404/403) and then calls `file_response`. With
DOWNLOADS_X_ACCEL_PREFIX set and files on the local file system, the web worker answers with an empty response and
an `X-Accel-Redirect` header, and nginx sends the file from its `internal` location: a 20 MB dossier does not hold
a gunicorn thread for as long as a slow connection takes to read it. Otherwise — no prefix (development, a
deployment without nginx) or media on S3 — Django streams the file itself (FileResponse reads it in 8 KiB blocks).

S3 files are streamed through the portal rather than redirected to a presigned URL: a presigned URL works for
anyone who holds it (a forwarded link, a proxy log) until it expires, and the bucket need not be reachable from the
users' network at all.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse

from emulation.lib.uploads import content_type_for


def safe_filename(name: str) -> str:
    """A file name fit for a header and a file system: no control characters, separators or reserved marks."""
    name = unicodedata.normalize("NFC", name)
    name = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in name)
    name = re.sub(r'[\\/:*?"<>|;]+', "-", name)
    name = re.sub(r"\s+", " ", name).strip(" .-")
    return name[:150] or "tai-lieu"


def ascii_filename(name: str) -> str:
    """Nguyễn Văn An.docx → Nguyen-Van-An.docx, for clients that ignore filename*."""
    name = name.replace("đ", "d").replace("Đ", "D")
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", name)
    return re.sub(r"-{2,}", "-", name).strip("-.") or "tai-lieu"


def content_disposition(filename: str) -> str:
    """attachment; filename="Bao-cao.docx"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o.docx (RFC 6266)."""
    name = safe_filename(filename)
    return f"attachment; filename=\"{ascii_filename(name)}\"; filename*=UTF-8''{quote(name, safe='')}"


def x_accel_enabled(fieldfile: FieldFile) -> bool:
    """X-Accel only when nginx can read the file: a prefix is configured and the storage is the local disk."""
    return bool(settings.DOWNLOADS_X_ACCEL_PREFIX) and isinstance(fieldfile.storage, FileSystemStorage)


def file_response(fieldfile: FieldFile, filename: str, content_type: str | None = None) -> HttpResponse:
    """An attachment named `filename` (`content_disposition`: an ASCII name plus the Vietnamese one as RFC 5987
    `filename*`) holding `fieldfile`.

    Call it only after the permission check, and record a download only once it returned. A missing file is an
    Http404 raised here, before any header is set: with X-Accel too, where nginx's own 404 for a missing file
    would still carry the attachment header (a browser saves the error page as the "PDF"). That check reads this
    web host's MEDIA_ROOT, which is the folder nginx serves (docs/deploy.md, "Several machines").
    """
    if not fieldfile:
        raise Http404("Chưa có tệp này.")
    if x_accel_enabled(fieldfile):
        if not fieldfile.storage.exists(fieldfile.name):
            raise Http404("Tệp không còn trên máy chủ.")
        response = HttpResponse(content_type=content_type or _guess_type(fieldfile.name))
        prefix = settings.DOWNLOADS_X_ACCEL_PREFIX.rstrip("/")
        # Header values must be ASCII; nginx unescapes the URI before mapping it onto the internal location.
        response["X-Accel-Redirect"] = f"{prefix}/{quote(fieldfile.name, safe='/')}"
    else:
        try:
            handle = fieldfile.open("rb")
        except FileNotFoundError as exc:
            raise Http404("Tệp không còn trên máy chủ.") from exc
        response = FileResponse(handle, content_type=content_type or _guess_type(fieldfile.name))
    response["Content-Disposition"] = content_disposition(filename)
    return response


def _guess_type(stored_name: str) -> str:
    """From the stored file's extension, which the upload check chose from the content (lib/uploads), not from
    the name shown to the user; an extension of no kind we check is served as opaque bytes."""
    return content_type_for(stored_name)
