"""The permission matrix: every URL × every persona × GET/POST gives the expected status.

A URL added to the URL conf without a row here fails `test_every_url_has_a_row`. Later issues add their rows.
"""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from campaigns.models import Campaign, Cluster, ClusterKind, ClusterMembership, Registration, Unit
from campaigns.tests.factories import make_campaign
from emulation.reports.models import Report
from tests.matrix import ONLY_A, PERSONAS, PUBLIC, Row, expect


def _cluster_with_a(world) -> Cluster:
    cluster = Cluster.objects.create(kind=ClusterKind.CUM, number=1, year=2025, name="Cụm thử", organiser=world.bo)
    ClusterMembership.objects.create(cluster=cluster, unit=world.so_a)
    return cluster


def _unit_form(world) -> dict:
    return {
        "name": "Tên mới",
        "short_name": "",
        "address": "",
        "phone": "",
        "email": "",
        "head_name": "",
        "version": world.phong_a.version,
        "reason": "",
    }


def _campaign(world) -> Campaign:
    """A launched campaign of province A, open to all its units, with a signed file."""
    if not hasattr(world, "_campaign"):
        campaign = make_campaign(world.so_a, title="Phong trào tỉnh A")
        campaign.signed_file.save("ke-hoach.pdf", ContentFile(b"%PDF-1.4 ky"))
        world._campaign = campaign
    return world._campaign


def _pk(world) -> dict:
    return {"pk": _campaign(world).pk}


def _setup(world):
    """Indicators of a launched campaign of province A, and phòng A's submission with one evidence file."""
    if not hasattr(world, "_setup"):
        from indicators import services
        from indicators.models import Evidence
        from indicators.tests.factories import make_setup

        setup = make_setup(world)
        submission = services.submission_open(period=setup.period, unit=world.phong_a, user=world.staff)
        value = submission.values.first()
        evidence = Evidence(value=value, name="minh-chung.pdf", uploaded_by=world.staff)
        evidence.file.save("minh-chung.pdf", ContentFile(b"%PDF-1.4 minh chung"), save=True)
        world._setup = (setup, submission, evidence)
    return world._setup


def _sub(world) -> dict:
    return {"pk": _setup(world)[1].pk}


def _submission_field(name):
    from indicators.models import Submission

    return lambda w: getattr(Submission.objects.get(pk=_setup(w)[1].pk), name)


OFFICE_ONLY_A = expect(302, 403, office=200, **ONLY_A)
# A province-wide report: those who read the Sở's subtree (its office, Ban TĐKT, council); a phòng's people do not.
READERS_OF_SO_A = expect(302, 404, office=200, board=200, council=200)


def _report(world):
    """A finished province-wide report of province A's campaign, with its files."""
    if not hasattr(world, "_report"):
        setup = _setup(world)[0]
        report = Report.objects.create(
            campaign=setup.campaign, period=setup.period, requested_by=world.office, status="xong", progress=100
        )
        report.pdf_file.save("bao-cao.pdf", ContentFile(b"%PDF-1.7 bao cao"), save=False)
        report.xlsx_file.save("bao-cao.xlsx", ContentFile(b"PK bao cao"), save=True)
        world._report = report
    return world._report


UNIT_WRITERS = dict(staff=302, head=302)
OFFICES = expect(302, 403, office=200, office_b=200)

ROWS: dict[str, Row] = {
    "home": Row(),
    "account": Row(),
    "healthz": Row(get=PUBLIC, post=expect(405, 405)),
    "login": Row(get=expect(200, 302)),
    "logout": Row(get=expect(405, 405), post=expect(302, 302)),
    "password_change": Row(),
    "password_change_done": Row(),
    "password_reset": Row(get=PUBLIC),
    "password_reset_done": Row(get=PUBLIC),
    "password_reset_confirm": Row(kwargs=lambda w: {"uidb64": "MQ", "token": "sai-ma"}, get=PUBLIC),
    "password_reset_complete": Row(get=PUBLIC),
    "campaigns:unit_list": Row(),
    "campaigns:unit_detail": Row(kwargs=lambda w: {"pk": w.phong_a.pk}, get=expect(302, 200, **ONLY_A)),
    "campaigns:unit_edit": Row(
        kwargs=lambda w: {"pk": w.phong_a.pk},
        get=expect(302, 403, office=200, **ONLY_A),
        post=expect(302, 403, office=302, **ONLY_A),
        post_data=_unit_form,
        unchanged=lambda w: Unit.objects.get(pk=w.phong_a.pk).name,
    ),
    "campaigns:cluster_list": Row(),
    "campaigns:cluster_detail": Row(kwargs=lambda w: {"pk": _cluster_with_a(w).pk}, get=expect(302, 200, **ONLY_A)),
    "campaigns:campaign_list": Row(),
    "campaigns:campaign_create": Row(
        get=OFFICES, post=OFFICES, unchanged=lambda w: Campaign.objects.count(), may_change=()
    ),
    "campaigns:campaign_detail": Row(kwargs=_pk, get=expect(302, 200, **ONLY_A)),
    "campaigns:campaign_edit": Row(
        kwargs=_pk,
        get=OFFICE_ONLY_A,
        post=OFFICE_ONLY_A,
        unchanged=lambda w: Campaign.objects.get(pk=_campaign(w).pk).title,
        may_change=(),
    ),
    "campaigns:campaign_section_edit": Row(
        kwargs=lambda w: {**_pk(w), "section": "giai-doan"},
        get=OFFICE_ONLY_A,
        post=OFFICE_ONLY_A,
        unchanged=lambda w: _campaign(w).phases.count(),
        may_change=(),
    ),
    "campaigns:campaign_transition": Row(
        kwargs=_pk,
        get=expect(302, 405),
        post=expect(302, 403, office=302, **ONLY_A),
        post_data=lambda w: {"to_status": "so_ket"},
        unchanged=lambda w: Campaign.objects.get(pk=_campaign(w).pk).status,
    ),
    "campaigns:campaign_copy": Row(
        kwargs=_pk, get=OFFICE_ONLY_A, post=OFFICE_ONLY_A, unchanged=lambda w: Campaign.objects.count(), may_change=()
    ),
    "campaigns:registration_list": Row(kwargs=_pk, get=expect(302, 200, **ONLY_A)),
    "campaigns:registration_create": Row(
        kwargs=_pk,
        get=expect(302, 403, head=200, **ONLY_A),
        post=expect(302, 403, head=200, **ONLY_A),
        unchanged=lambda w: Registration.objects.count(),
        may_change=(),
    ),
    "campaigns:campaign_log": Row(kwargs=_pk, get=expect(302, 200, **ONLY_A)),
    "campaigns:campaign_pdf": Row(kwargs=_pk, get=expect(302, 200, **ONLY_A)),
    "campaigns:campaign_signed_file": Row(kwargs=_pk, get=expect(302, 200, **ONLY_A)),
    "indicators:campaign_targets": Row(
        kwargs=lambda w: {"pk": _setup(w)[0].campaign.pk}, get=expect(302, 200, **ONLY_A)
    ),
    "indicators:campaign_targets_edit": Row(
        kwargs=lambda w: {"pk": _setup(w)[0].campaign.pk},
        get=OFFICE_ONLY_A,
        post=OFFICE_ONLY_A,
        unchanged=lambda w: _setup(w)[0].campaign.targets.count(),
        may_change=(),
    ),
    "indicators:campaign_progress": Row(
        kwargs=lambda w: {"pk": _setup(w)[0].campaign.pk}, get=expect(302, 200, **ONLY_A)
    ),
    "indicators:period_detail": Row(kwargs=lambda w: {"pk": _setup(w)[0].period.pk}, get=expect(302, 200, **ONLY_A)),
    "indicators:submission_start": Row(
        kwargs=lambda w: {"pk": _setup(w)[0].period.pk, "unit_pk": w.phong_a.pk},
        get=expect(302, 405),
        post=expect(302, 403, **UNIT_WRITERS, **ONLY_A),
    ),
    "indicators:submission_detail": Row(
        kwargs=_sub,
        get=expect(302, 200, **ONLY_A),
        post=expect(302, 403, staff=400, head=400, **ONLY_A),
        unchanged=_submission_field("version"),
        may_change=(),
    ),
    "indicators:submission_send": Row(
        kwargs=_sub,
        get=expect(302, 405),
        post=expect(302, 403, head=302, **ONLY_A),
        unchanged=_submission_field("status"),
        may_change=(),
    ),
    "indicators:submission_review": Row(
        kwargs=lambda w: {**_sub(w), "action": "duyet"},
        get=expect(302, 405),
        post=expect(302, 403, office=302, **ONLY_A),
        unchanged=_submission_field("status"),
        may_change=(),
    ),
    "indicators:submission_excel": Row(kwargs=_sub, get=expect(302, 200, **ONLY_A)),
    "indicators:submission_excel_upload": Row(
        kwargs=_sub,
        get=expect(302, 405),
        post=expect(302, 403, **UNIT_WRITERS, **ONLY_A),
        unchanged=_submission_field("version"),
        may_change=(),
    ),
    "reports:report_list": Row(),
    "reports:report_detail": Row(kwargs=lambda w: {"pk": _report(w).pk}, get=READERS_OF_SO_A),
    "reports:report_download": Row(kwargs=lambda w: {"pk": _report(w).pk, "kind": "pdf"}, get=READERS_OF_SO_A),
    "reports:campaign_reports": Row(
        kwargs=lambda w: {"pk": _setup(w)[0].campaign.pk},
        get=expect(302, 200, **ONLY_A),
        post=expect(302, 403, office=200, board=200, **ONLY_A),
        unchanged=lambda w: Report.objects.count(),
        may_change=(),
    ),
    "indicators:evidence_download": Row(kwargs=lambda w: {"pk": _setup(w)[2].pk}, get=expect(302, 200, **ONLY_A)),
}


# Apps to the right keep their rows beside their code: a module `<app>/tests/matrix_*.py` with a ROWS dict.
def _app_rows() -> dict[str, Row]:
    import importlib
    import pkgutil

    import awards.tests

    rows = {}
    for module in pkgutil.iter_modules(awards.tests.__path__):
        if module.name.startswith("matrix_"):
            rows.update(importlib.import_module(f"awards.tests.{module.name}").ROWS)
    return rows


ROWS.update(_app_rows())

# The admin has its own permission system (is_staff + model permissions), tested in test_admin.py.
EXEMPT_NAMESPACES = {"admin"}


def _url_names(resolver=None, namespace: str | None = None):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or namespace
            if ns in EXEMPT_NAMESPACES:
                continue
            full = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else ns
            yield from _url_names(pattern, full)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_has_a_row():
    missing = sorted(set(_url_names()) - set(ROWS))
    assert not missing, f"URLs without a row in the permission matrix: {missing}"


def _persona(world, name):
    return None if name == "anonymous" else getattr(world, name)


GET_CASES = [(name, persona) for name in ROWS for persona in PERSONAS]
POST_CASES = [(name, persona) for name, row in ROWS.items() if row.post for persona in PERSONAS]


@pytest.mark.parametrize(("name", "persona"), GET_CASES)
def test_get(name, persona, world, login):
    row = ROWS[name]
    client = login(_persona(world, persona))
    response = client.get(reverse(name, kwargs=row.kwargs(world)))
    assert response.status_code == row.get[persona], f"GET {name} as {persona}"


@pytest.mark.parametrize(("name", "persona"), POST_CASES)
def test_post(name, persona, world, login):
    row = ROWS[name]
    client = login(_persona(world, persona))
    url = reverse(name, kwargs=row.kwargs(world))
    before = row.unchanged(world) if row.unchanged else None
    response = client.post(url, row.post_data(world))
    expected = row.post[persona]
    assert response.status_code == expected, f"POST {name} as {persona}"
    if row.unchanged and persona not in row.may_change:
        assert row.unchanged(world) == before, f"POST {name} as {persona} changed what it may not"
