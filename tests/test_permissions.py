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
from tests.matrix import (
    DRAFT,
    DRAFT_READERS,
    ONLY_A,
    PERSONAS,
    PUBLIC,
    RETURNED,
    SENT,
    STATE_PERSONAS,
    WITH_OFFICE,
    Row,
    expect,
    reads_in,
)


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
        # A plan that can be printed: signer and Nơi nhận (the document layer refuses a plan without them).
        campaign = make_campaign(
            world.so_a,
            title="Phong trào tỉnh A",
            signer_title="GIÁM ĐỐC",
            signer_name="Người Ký Thử",
            recipients="Các phòng thuộc Sở;\nLưu: VT.",
        )
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


def _signer(w):
    """A signer of Sở A, made on first use: the row the "thôi ký" action ends."""
    import datetime

    from campaigns.models import Signer

    return Signer.objects.get_or_create(
        unit=w.so_a, position="Giám đốc", name="Người Ký Thử", defaults={"valid_from": datetime.date(2024, 1, 1)}
    )[0]


def _signer_state() -> list:
    from campaigns.models import Signer

    return list(Signer.objects.order_by("pk").values_list("pk", "name", "valid_to"))


def _four_eyes_rows() -> int:
    from campaigns.models import FourEyesRule

    return FourEyesRule.objects.count()


def _sub(world) -> dict:
    return {"pk": _setup(world)[1].pk}


def _sent_sub(world) -> dict:
    """Phòng A's submission as its head sent it: what Văn phòng Sở reviews."""
    from indicators.models import Submission

    submission = _setup(world)[1]
    Submission.objects.filter(pk=submission.pk).update(status="da_gui", submitted_by=world.head)
    return {"pk": submission.pk}


def _submission_field(name):
    from indicators.models import Submission

    return lambda w: getattr(Submission.objects.get(pk=_setup(w)[1].pk), name)


def _submissions_made(world) -> int:
    """Submissions once _setup's are made (its phòng A submission already exists: opening it again adds none)."""
    from indicators.models import Submission

    _setup(world)
    return Submission.objects.count()


def _reminders_sent(world) -> int:
    from indicators.models import SubmissionReminder

    return SubmissionReminder.objects.count()


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
    "inbox_badges": Row(),
    "account": Row(),
    "healthz": Row(get=PUBLIC, post=expect(405, 405)),
    # Off unless METRICS_TOKEN or METRICS_ALLOWED_IPS is set (emulation/tests/test_metrics.py covers it on).
    "metrics": Row(get=expect(404, 404), post=expect(405, 405)),
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
    # A Sở's four-eyes rule: changed only by the Sở's lãnh đạo or Quản trị (tests in campaigns/tests/test_four_eyes.py).
    # No persona of the matrix may; "admin" (Quản trị at the Bộ, outside PERSONAS) is who test_fuzz_forms posts as.
    "campaigns:unit_four_eyes": Row(
        kwargs=lambda w: {"pk": w.so_a.pk},
        get=expect(302, 405),
        post=expect(302, 403, staff=404, head=404, admin=302, **ONLY_A),
        post_data=lambda w: {"required": "0", "reason": "Thử tắt"},
        unchanged=lambda w: _four_eyes_rows(),
        may_change=(),
    ),
    # Who signs Sở A's documents: kept by its Văn phòng (or Quản trị); campaigns/tests/test_signers.py.
    "campaigns:unit_signer_add": Row(
        kwargs=lambda w: {"pk": w.so_a.pk},
        get=expect(302, 405),
        post=expect(302, 403, staff=404, head=404, office=302, **ONLY_A),
        post_data=lambda w: {"position": "Giám đốc", "name": "Nguyễn Văn Ký", "valid_from": "01/01/2025"},
        unchanged=lambda w: _signer_state(),
    ),
    "campaigns:unit_signer_end": Row(
        kwargs=lambda w: {"pk": w.so_a.pk, "signer_pk": _signer(w).pk},
        get=expect(302, 405),
        post=expect(302, 403, staff=404, head=404, office=302, **ONLY_A),
        post_data=lambda w: {"valid_to": "31/12/2025"},
        unchanged=lambda w: _signer_state(),
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
    "campaigns:campaign_docx": Row(kwargs=_pk, get=expect(302, 200, **ONLY_A)),
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
    "indicators:progress_completeness": Row(
        kwargs=lambda w: {"pk": _setup(w)[0].campaign.pk}, get=expect(302, 200, **ONLY_A)
    ),
    "indicators:progress_units": Row(
        kwargs=lambda w: {"pk": _setup(w)[0].campaign.pk, "target_pk": _setup(w)[0].rate.pk},
        get=expect(302, 200, **ONLY_A),
    ),
    "indicators:period_detail": Row(kwargs=lambda w: {"pk": _setup(w)[0].period.pk}, get=expect(302, 200, **ONLY_A)),
    "indicators:submission_start": Row(
        kwargs=lambda w: {"pk": _setup(w)[0].period.pk, "unit_pk": w.phong_a.pk},
        get=expect(302, 405),
        post=expect(302, 403, **UNIT_WRITERS, **ONLY_A),
    ),
    # _setup's submission is a draft (nháp): only phòng A's own people read it (the states: test_figures_by_state).
    "indicators:submission_detail": Row(
        kwargs=_sub,
        get=DRAFT_READERS,
        post=expect(302, 404, staff=400, head=400),
        unchanged=_submission_field("version"),
        may_change=(),
    ),
    "indicators:submission_send": Row(
        kwargs=_sub,
        get=expect(302, 405),
        post=expect(302, 404, staff=403, head=302),
        unchanged=_submission_field("status"),
        may_change=(),
    ),
    "indicators:submission_review": Row(
        kwargs=lambda w: {**_sent_sub(w), "action": "duyet"},
        get=expect(302, 405),
        post=expect(302, 403, office=302, **ONLY_A),
        unchanged=_submission_field("status"),
        may_change=("office",),
    ),
    "indicators:submission_excel": Row(kwargs=_sub, get=DRAFT_READERS),
    "indicators:submission_history": Row(kwargs=_sub, get=DRAFT_READERS),
    "indicators:submission_excel_upload": Row(
        kwargs=_sub,
        get=expect(302, 405),
        post=expect(302, 404, **UNIT_WRITERS),
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
    "indicators:evidence_download": Row(kwargs=lambda w: {"pk": _setup(w)[2].pk}, get=DRAFT_READERS),
    # "Nhập số liệu": a unit's cán bộ and lãnh đạo, for their own units (phòng B's cán bộ may not pick phòng A: 400).
    "indicators:data_entry": Row(
        get=expect(302, 403, staff=200, head=200, outsider=200),
        post=expect(302, 403, staff=302, head=302, outsider=400),
        post_data=lambda w: {"don_vi": w.phong_a.pk, "ky": _setup(w)[0].period.pk},
        unchanged=_submissions_made,
        may_change=(),
    ),
    # "Nhắc đơn vị": Văn phòng Sở of province A; other readers of the campaign 403, province B 404.
    "indicators:period_remind": Row(
        kwargs=lambda w: {"pk": _setup(w)[0].period.pk},
        get=expect(302, 405),
        post=expect(302, 403, office=302, **ONLY_A),
        post_data=lambda w: {"don_vi": w.phong_a2.pk},
        unchanged=_reminders_sent,
        may_change=("office",),
    ),
}


# Apps to the right keep their rows beside their code: a module `<app>/tests/matrix_*.py` with a ROWS dict.
def _app_rows() -> dict[str, Row]:
    import importlib
    import pkgutil

    rows = {}
    for package in (
        "awards.tests",
        "campaigns.tests",
        "emulation.notifications.tests",
        "emulation.clusters.tests",
        "emulation.signatures.tests",
        "emulation.rules.tests",
        "emulation.api.tests",
        "emulation.reports.statistics.tests",
    ):
        for module in pkgutil.iter_modules(importlib.import_module(package).__path__):
            if module.name.startswith("matrix_"):
                rows.update(importlib.import_module(f"{package}.{module.name}").ROWS)
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


# --- Role × object × state: drafts are read by the unit's own people only (campaigns.scope) -------------------------


@pytest.fixture
def state_world(world):
    """The world with the roles the read table tells apart, beyond the usual personas."""
    from campaigns.models import Role
    from campaigns.tests.factories import UserFactory, grant

    for name, grants in {
        "so_head": [(world.so_a, Role.LANH_DAO)],
        "head_on_council": [(world.phong_a, Role.LANH_DAO), (world.so_a, Role.HOI_DONG)],
        "council_a2": [(world.phong_a2, Role.LANH_DAO), (world.so_a, Role.HOI_DONG)],
    }.items():
        user = UserFactory(username=name)
        for unit, role in grants:
            grant(user, unit, role)
        setattr(world, name, user)
    return world


SUBMISSION_STATES = {"nhap": DRAFT, "tra_lai": RETURNED, "da_gui": SENT, "da_duyet": SENT}
DOSSIER_STATES = {
    "nhap": DRAFT,
    "yeu_cau_bo_sung": RETURNED,
    "da_gui": WITH_OFFICE,
    "dang_tham_dinh": WITH_OFFICE,
    "hop_le": SENT,
    "da_xet": SENT,
    "da_quyet_dinh": SENT,
    "da_trinh": SENT,
}


def _assert_reads(client, urls: list[str], expected: int, listing: str, link: str, what: str) -> None:
    for url in urls:
        assert client.get(url).status_code == expected, f"GET {url} ({what})"
    page = client.get(listing)
    if page.status_code == 200:
        # The list shows the object (with its link) exactly to those who may open it.
        assert (link in page.content.decode()) == (expected == 200), f"{listing} lists it? ({what})"


@pytest.mark.parametrize("persona", STATE_PERSONAS)
@pytest.mark.parametrize("status", SUBMISSION_STATES)
def test_figures_by_state(status, persona, state_world, login):
    """Phòng A's figures, their Excel and their evidence, in each state, for every role."""
    from indicators.models import Submission

    world = state_world
    setup, submission, evidence = _setup(world)
    Submission.objects.filter(pk=submission.pk).update(status=status)
    detail = reverse("indicators:submission_detail", kwargs={"pk": submission.pk})
    urls = [
        detail,
        reverse("indicators:submission_excel", kwargs={"pk": submission.pk}),
        reverse("indicators:submission_history", kwargs={"pk": submission.pk}),
        reverse("indicators:evidence_download", kwargs={"pk": evidence.pk}),
    ]
    expected = reads_in(SUBMISSION_STATES[status])[persona]
    listing = reverse("indicators:period_detail", kwargs={"pk": setup.period.pk})
    _assert_reads(login(_persona(world, persona)), urls, expected, listing, detail, f"{persona}, {status}")


@pytest.mark.parametrize("persona", STATE_PERSONAS)
@pytest.mark.parametrize("status", DOSSIER_STATES)
def test_dossiers_by_state(status, persona, state_world, login):
    """Phòng A's dossier, its signed files, its summary, and its nominees' Mẫu 07 (generated and signed), in each
    state, for every role."""
    from awards.tests.factories import make_dossier

    world = state_world
    dossier = make_dossier(world, status=status, review_round=0 if status in ("nhap", "da_gui") else 1)
    nominee = dossier.nominees.first()
    detail = reverse("awards:dossier_detail", kwargs={"pk": dossier.pk})
    urls = [
        detail,
        reverse("awards:dossier_file", kwargs={"pk": dossier.pk, "which": "to-trinh"}),
        reverse("awards:dossier_file", kwargs={"pk": dossier.pk, "which": "bien-ban"}),
        reverse("awards:summary_docx", kwargs={"pk": dossier.pk}),
        reverse("awards:report_docx", kwargs={"pk": nominee.pk}),
        reverse("awards:report_pdf", kwargs={"pk": nominee.pk}),
        reverse("awards:nominee_signed_report", kwargs={"pk": nominee.pk}),
    ]
    expected = reads_in(DOSSIER_STATES[status], office_reads_drafts=True)[persona]
    listing = reverse("awards:campaign_dossiers", kwargs={"pk": dossier.campaign_id})
    _assert_reads(login(_persona(world, persona)), urls, expected, listing, detail, f"{persona}, {status}")


def test_every_state_is_in_the_state_matrix():
    from awards.models import DossierStatus
    from indicators.models import SubmissionStatus

    assert set(SUBMISSION_STATES) == set(SubmissionStatus.values)
    assert set(DOSSIER_STATES) == set(DossierStatus.values)


def test_a_council_member_reads_their_own_units_drafts_but_no_other_units(state_world, login):
    """The head of phòng A2 who sits on Sở A's council: phòng A2's draft yes (own unit), phòng A's draft no."""
    from awards.tests.factories import make_dossier

    world = state_world
    own = make_dossier(world, unit=world.phong_a2)
    other = make_dossier(world, campaign=own.campaign)
    client = login(world.council_a2)
    assert client.get(reverse("awards:dossier_detail", kwargs={"pk": own.pk})).status_code == 200
    assert client.get(reverse("awards:dossier_detail", kwargs={"pk": other.pk})).status_code == 404
