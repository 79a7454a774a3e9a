"""Every upload field of the portal refuses a bad file with a Vietnamese message and writes nothing.

Fields: the campaign's signed plan, evidence on a submission, the filled Excel template, the dossier's Tờ trình
and Biên bản, a nominee's signed Mẫu 07, the signed decision. Bad files: an .exe renamed .pdf, a zip bomb
dressed as .docx/.xlsx, a file one byte over the limit, an .exe whose name climbs out with "../". Each is posted
through the real page with otherwise valid data (a control case shows that a good file is accepted), and neither
the database nor MEDIA_ROOT (nor the folder above it) changes.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.tests.matrix_council import council_setup
from awards.tests.matrix_dossiers import _dossier
from tests.test_fuzz_forms import form_fields, snapshot
from tests.test_permissions import _campaign, _setup

LIMIT = 256 * 1024  # above the zip bomb's packed size, so the bomb is refused for what it is
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


@functools.cache
def zip_bomb() -> bytes:
    """Under 200 kB on the wire, 120 MB once expanded, with the parts that make it look like a DOCX or an XLSX."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("xl/workbook.xml", "0" * (120 * 1024 * 1024))
    return buffer.getvalue()


@dataclass
class Field:
    url: str  # the URL name the form posts to
    persona: str
    kwargs: Callable
    name: Callable  # the file input's name
    page: str | None = None  # the page showing the form, when it is not the URL posted to
    extra: Callable = lambda world: {}
    suffix: str = ".pdf"
    good: Callable = lambda world: PDF


def _submission(world):
    return _setup(world)[1]


def _good_xlsx(world) -> bytes:
    from indicators.excel import render_submission_xlsx

    return render_submission_xlsx(_submission(world))


def _decision_extra(world) -> dict:
    _, to_trinh = council_setup(world)
    from awards.models import Nominee

    second = Nominee.objects.get(full_name="Trần Thị Hai")
    return {
        "kind": "to_trinh",
        "owner": world.so_a.pk,
        "number": "02/TTr-STTTT",
        "signed_on": "2025-06-10",
        "signer": "Giám đốc",
        "issuer": "Sở TT&TT tỉnh A",
        "nominees": [second.pk],
    }


FIELDS = {
    "campaign signed plan": Field(
        "campaigns:campaign_edit",
        "office",
        lambda w: {"pk": _campaign(w).pk},
        lambda w: "signed_file",
        extra=lambda w: {"reason": "Bổ sung văn bản đã ký."},
    ),
    "submission evidence": Field(
        "indicators:submission_detail",
        "staff",
        lambda w: {"pk": _submission(w).pk},
        lambda w: f"v{_submission(w).values.order_by('pk').first().pk}-evidence",
    ),
    "submission Excel": Field(
        "indicators:submission_excel_upload",
        "staff",
        lambda w: {"pk": _submission(w).pk},
        lambda w: "file",
        page="indicators:submission_detail",
        suffix=".xlsx",
        good=_good_xlsx,
    ),
    "dossier Tờ trình": Field(
        "awards:dossier_edit", "staff", lambda w: {"pk": _dossier(w).pk}, lambda w: "submission_upload"
    ),
    "dossier Biên bản": Field(
        "awards:dossier_edit", "staff", lambda w: {"pk": _dossier(w).pk}, lambda w: "minutes_upload"
    ),
    "nominee Mẫu 07": Field(
        "awards:nominee_edit",
        "staff",
        lambda w: {"pk": _dossier(w).nominees.order_by("pk").first().pk},
        lambda w: "report_upload",
    ),
    "decision file": Field("awards:decision_create", "office", lambda w: {}, lambda w: "file", extra=_decision_extra),
}

BAD = {
    "exe renamed": (lambda suffix: (f"van-ban{suffix}", EXE), "không phải tệp"),
    "zip bomb": (lambda suffix: (f"van-ban{suffix.replace('.pdf', '.docx')}", zip_bomb()), "không phải tệp"),
    "one byte over": (lambda suffix: (f"van-ban{suffix}", PDF + b"0" * (LIMIT + 1 - len(PDF))), "vượt quá giới hạn"),
    "climbing name": (lambda suffix: (f"../../../ra-ngoai{suffix}", EXE), "không phải tệp"),
}


@pytest.fixture
def media(settings, tmp_path, monkeypatch):
    """MEDIA_ROOT in a fresh folder, and upload limits of LIMIT bytes (the Excel upload has its own)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    settings.UPLOAD_MAX_BYTES = LIMIT
    monkeypatch.setattr("indicators.excel.MAX_BYTES", LIMIT)
    return settings.MEDIA_ROOT


def _post(world, client, field: Field, filename: str, content: bytes):
    url = reverse(field.url, kwargs=field.kwargs(world))
    page = reverse(field.page, kwargs=field.kwargs(world)) if field.page else url
    data, _ = form_fields(client, page, url)
    data.update(field.extra(world))
    data[field.name(world)] = SimpleUploadedFile(filename, content)
    return client.post(url, data)


def _said(response) -> str:
    """What the person reads: the page, or the messages of a redirect."""
    said = [str(m) for m in getattr(response.wsgi_request, "_messages", [])]
    if response.status_code != 302:
        said.append(response.content.decode())
    return "\n".join(said)


def _form_errors(response) -> list[str]:
    return re.findall(r"(?:invalid-feedback|errorlist|alert-danger)[^>]*>(.{0,300})", _said(response))


def _errors_only(response) -> bool:
    from django.contrib.messages import constants

    stored = list(getattr(response.wsgi_request, "_messages", []))
    return bool(stored) and all(m.level >= constants.ERROR for m in stored)


def _everything(tmp_path) -> set:
    return set(tmp_path.rglob("*"))


@pytest.mark.parametrize("field", FIELDS)
def test_a_good_file_is_accepted(field, world, login, media):
    """The control: with the same data and a real document, the form goes through."""
    spec = FIELDS[field]
    response = _post(world, login(getattr(world, spec.persona)), spec, f"van-ban{spec.suffix}", spec.good(world))
    assert response.status_code == 302, _form_errors(response)
    assert not _errors_only(response), _said(response)[:2000]


@pytest.mark.parametrize("bad", BAD)
@pytest.mark.parametrize("field", FIELDS)
def test_a_bad_file_is_refused_with_a_message_and_nothing_written(field, bad, world, login, media, tmp_path):
    spec = FIELDS[field]
    spec.kwargs(world), spec.extra(world)  # build the world and sign in before taking the snapshot
    client = login(getattr(world, spec.persona))
    make, message = BAD[bad]
    filename, content = make(spec.suffix)
    before, files_before = snapshot(), _everything(tmp_path)

    response = _post(world, client, spec, filename, content)

    assert response.status_code in (200, 400) or (response.status_code == 302 and _errors_only(response))
    assert message in _said(response)
    assert snapshot() == before, "a refused upload changed the database"
    assert _everything(tmp_path) == files_before, "a refused upload left a file on disk"


@pytest.mark.parametrize("field", [f for f in FIELDS if FIELDS[f].url != "indicators:submission_excel_upload"])
def test_a_climbing_name_on_a_good_file_stays_inside_media_root(field, world, login, media, tmp_path):
    """The multipart parser keeps only the base name: a real document named "../../x.pdf" is stored in MEDIA_ROOT
    under a name without "..", and nothing appears outside it."""
    spec = FIELDS[field]
    response = _post(world, login(getattr(world, spec.persona)), spec, "../../../../ra-ngoai.pdf", PDF)
    assert response.status_code == 302 and not _errors_only(response), _said(response)[:2000]
    outside = {p for p in tmp_path.rglob("*") if media not in p.parents and p != media}
    assert outside == set()
    stored = [p for p in media.rglob("*") if p.is_file()]
    assert stored and all(p.resolve().is_relative_to(media.resolve()) and ".." not in p.parts for p in stored)
    assert not [row for rows in snapshot().values() for row in rows if any("../" in str(v) for v in row)]
