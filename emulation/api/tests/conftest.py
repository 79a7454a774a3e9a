"""Two provinces with something in every resource the API serves, and tokens to read them.

Province A (world.so_a) and province B (world.so_b) each run a campaign of 2023 with the same three targets; each
has one phòng whose annual figures were sent by its head and approved by its Văn phòng (through the services),
one register entry and one finished report with files. Province A also has a phòng whose figures are only sent
(not approved) and one still a draft: neither may come out of the API.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from awards.models import AwardRecord, Decision, Dossier, Nominee
from campaigns.models import AwardForm, Campaign, Role, Unit, User
from campaigns.tests.factories import UserFactory, grant, make_campaign, make_unit
from emulation.api import services
from emulation.api.models import ApiToken, Resource
from emulation.reports.models import Report
from indicators import services as figures
from indicators.models import Submission, Target
from indicators.tests.factories import Setup, make_setup

_numbers = itertools.count(1)


@dataclass
class Province:
    so: Unit
    phong: Unit
    campaign: Campaign
    approved: Submission
    record: AwardRecord
    report: Report


def fill_and_approve(*, period, unit: Unit, head: User, office: User, rate=(45, 50), count=120) -> Submission:
    """The unit's figures for the period, entered, sent by its head and approved by its Văn phòng Sở."""
    submission = figures.submission_open(period=period, unit=unit, user=head)
    for value in submission.values.select_related("target__indicator"):
        entry = value.target.indicator.entry
        if entry == "rate":
            value.numerator, value.denominator = Decimal(rate[0]), Decimal(rate[1])
            value.value = value.numerator / value.denominator * 100
        elif entry == "task":
            value.value, value.done_on = Decimal(1), dt.date(2023, 3, 1)
        else:
            value.value = Decimal(count)
        value.save()
    figures.submission_submit(submission=submission, user=head)
    return figures.submission_approve(submission=Submission.objects.get(pk=submission.pk), user=office)


def copy_targets(setup: Setup, campaign: Campaign) -> None:
    for target in (setup.rate, setup.count, setup.task):
        Target.objects.create(
            campaign=campaign,
            indicator=target.indicator,
            comparator=target.comparator,
            value=target.value,
            due_on=target.due_on,
            order=target.order,
        )


def make_record(world, *, unit: Unit, owner: Unit, campaign: Campaign, name: str) -> AwardRecord:
    form = AwardForm.objects.get_or_create(
        code="giay-khen-api",
        defaults=dict(name="Giấy khen của Giám đốc Sở", kind="hinh_thuc", target="ca_nhan", authority="Giám đốc Sở"),
    )[0]
    dossier = Dossier.objects.create(campaign=campaign, unit=unit, round_kind="nam", year=2023, status="da_quyet_dinh")
    nominee = Nominee.objects.create(dossier=dossier, kind="ca_nhan", award_form=form, full_name=name)
    number = f"{next(_numbers):02d}/QĐ-STTTT"
    decision = Decision.objects.create(
        owner=owner,
        kind="quyet_dinh",
        number=number,
        signed_on=dt.date(2024, 1, 15),
        signer="Giám đốc",
        issuer=owner.name,
        created_by=world.office,
    )
    decision.nominees.add(nominee)
    return AwardRecord.objects.create(
        nominee=nominee,
        decision=decision,
        unit=unit,
        award_form=form,
        campaign=campaign,
        name=name,
        kind="ca_nhan",
        year=2023,
        decision_number=number,
        decision_date=dt.date(2024, 1, 15),
        decision_issuer=owner.name,
        coefficient=Decimal("0.3"),
        base_salary=Decimal(1800000),
        amount=Decimal(540000),
    )


def make_report(campaign: Campaign, period, requester: User) -> Report:
    report = Report.objects.create(
        campaign=campaign, period=period, requested_by=requester, status="xong", progress=100
    )
    report.pdf_file.save("bao-cao.pdf", ContentFile(b"%PDF-1.7 bao cao " + campaign.title.encode()), save=False)
    report.xlsx_file.save("bao-cao.xlsx", ContentFile(b"PK bao cao"), save=True)
    return report


@dataclass
class ApiWorld:
    a: Province
    b: Province
    setup: Setup
    sent_only: Submission  # province A, sent but not approved
    draft: Submission  # province A, a draft


@pytest.fixture
def api_world(world, settings, tmp_path) -> ApiWorld:
    settings.MEDIA_ROOT = tmp_path / "media"
    setup = make_setup(world)
    campaign_a = setup.campaign
    period_a = setup.annual
    approved_a = fill_and_approve(period=period_a, unit=world.phong_a, head=world.head, office=world.office)
    # Phòng A2: sent, not approved; phòng A's six-month report: a draft.
    head_a2 = UserFactory(username="head_a2")
    grant(head_a2, world.phong_a2, Role.LANH_DAO)
    sent_only = figures.submission_open(period=period_a, unit=world.phong_a2, user=head_a2)
    for value in sent_only.values.all():
        value.value, value.numerator, value.denominator = Decimal(1), Decimal(1), Decimal(2)
        value.save()
    sent_only = figures.submission_submit(submission=sent_only, user=head_a2)
    draft = figures.submission_open(period=setup.period, unit=world.phong_a, user=world.head)

    campaign_b = make_campaign(
        world.so_b, title="Phong trào tỉnh B", start_date=dt.date(2023, 1, 1), end_date=dt.date(2023, 12, 31)
    )
    copy_targets(setup, campaign_b)
    head_b = UserFactory(username="head_b")
    grant(head_b, world.phong_b, Role.LANH_DAO)
    approved_b = fill_and_approve(
        period=campaign_b.reporting_periods.get(kind="nam"), unit=world.phong_b, head=head_b, office=world.office_b
    )
    a = Province(
        so=world.so_a,
        phong=world.phong_a,
        campaign=campaign_a,
        approved=approved_a,
        record=make_record(world, unit=world.phong_a, owner=world.so_a, campaign=campaign_a, name="Nguyễn Văn An"),
        report=make_report(campaign_a, period_a, world.office),
    )
    b = Province(
        so=world.so_b,
        phong=world.phong_b,
        campaign=campaign_b,
        approved=approved_b,
        record=make_record(world, unit=world.phong_b, owner=world.so_b, campaign=campaign_b, name="Trần Thị Bích"),
        report=make_report(campaign_b, campaign_b.reporting_periods.get(kind="nam"), world.office_b),
    )
    return ApiWorld(a=a, b=b, setup=setup, sent_only=sent_only, draft=draft)


ALL = list(Resource.values)


@pytest.fixture
def make_token(world):
    """make_token(unit, resources=ALL, days=30) → (token, secret), made by Quản trị at the Bộ."""

    def _make(unit: Unit, resources: list[str] | None = None, days: int = 30) -> tuple[ApiToken, str]:
        return services.token_create(
            user=world.admin,
            name=f"Hệ thống {unit.name}",
            unit=unit,
            resources=ALL if resources is None else resources,
            expires_on=dt.date.today() + dt.timedelta(days=days),
        )

    return _make


@pytest.fixture
def api_client():
    """api_client(secret) → a test client that sends `Authorization: Bearer <secret>` (None: no header)."""

    def _client(secret: str | None) -> Client:
        headers = {"Authorization": f"Bearer {secret}"} if secret else {}
        return Client(headers=headers)

    return _client


@pytest.fixture
def so_c(world) -> Unit:
    """A Sở nobody has data in."""
    from campaigns.models import UnitLevel

    return make_unit(world.bo, name="Sở TT&TT tỉnh C", level=UnitLevel.SO, province="Tỉnh C")
