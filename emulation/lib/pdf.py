"""HTML → PDF with WeasyPrint, reading our own static files and nothing else.

Documents are rendered from templates that carry user text (titles, names, distribution lists). Autoescaping keeps
that text out of the markup; this fetcher is the second wall: whatever URL ends up in the document — `file:`,
`http(s):`, `data:`, a path climbing out of static/ — only files the staticfiles finders know under STATIC_URL are
read. A refused URL raises, and WeasyPrint treats it as a missing resource (it logs a warning and goes on).
"""

from __future__ import annotations

import mimetypes
import posixpath
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Templates link `{% static 'css/document.css' %}` = "/static/css/document.css", a relative URL. WeasyPrint needs an
# absolute base to resolve it; this one can never resolve on a network (RFC 2606 .invalid) and is only a key the
# fetcher recognises. Nothing is ever requested from it.
BASE_URL = "https://document.invalid/"


class ResourceRefused(ValueError):
    """A URL that is not one of our static files."""


class StaticFilesFetcher(URLFetcher):
    """Serves `{BASE_URL}{STATIC_URL}<name>` from the staticfiles finders; refuses every other URL."""

    def __init__(self) -> None:
        # No protocol allowed: should anything ever reach urllib through the parent class, it is refused too.
        super().__init__(allowed_protocols=(), allow_redirects=False)
        self.static_prefix = urljoin(BASE_URL, settings.STATIC_URL)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        path = find_static(self.static_name(url))
        if path is None:
            raise ResourceRefused(f"Không có tệp tĩnh: {url}")
        with open(path, "rb") as file:
            body = file.read()
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})

    def static_name(self, url: str) -> str:
        """The static name in a URL: https://document.invalid/static/css/a.css?v=1 → css/a.css; else refused."""
        if not url.startswith(self.static_prefix):
            raise ResourceRefused(f"Chỉ được dùng tệp tĩnh của cổng: {url[:200]}")
        name = unquote(urlsplit(url[len(self.static_prefix) :]).path)
        parts = name.split("/")
        if (
            not name
            or name.startswith("/")
            or "\\" in name
            or "\x00" in name
            or name != posixpath.normpath(name)
            or ".." in parts
        ):
            raise ResourceRefused(f"Đường dẫn tệp tĩnh không hợp lệ: {url[:200]}")
        return name


def find_static(name: str) -> str | None:
    """The source file of a static name, also when `{% static %}` gave a hashed name (manifest storage)."""
    found = finders.find(name)
    if not found:
        # With ManifestStaticFilesStorage the tag yields "css/document.3f2a….css": map it back to its source.
        originals = {hashed: original for original, hashed in getattr(staticfiles_storage, "hashed_files", {}).items()}
        if name in originals:
            found = finders.find(originals[name])
    return found if isinstance(found, str) else None


def render_pdf(html: str) -> bytes:
    """The PDF of a complete HTML document whose stylesheets and images are our static files."""
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher()).write_pdf()
