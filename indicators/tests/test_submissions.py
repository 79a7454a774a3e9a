"""The submission flow: who may do what, all-or-nothing saves, late sends, the lost update."""

import datetime as dt
import re
import threading
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from emulation.lib.errors import DomainError, StaleEditError
from indicators import services
from indicators.models import Submission, SubmissionEvent, Value
from indicators.tests.factories import make_setup


@pytest.fixture
def setup(world):
    return make_setup(world)


@pytest.fixture
def submission(setup, world):
    return services.submission_open(period=setup.period, unit=world.phong_a, user=world.staff)


def _figures(submission, rate=("45", "50"), count="120", done="1", done_on="15/03/2023"):
    values = {v.target.indicator.code: v.pk for v in submission.values.select_related("target__indicator")}
    return {
        values["dai-truyen-thanh-ip"]: {"numerator": rate[0], "denominator": rate[1]},
        values["so-tram"]: {"value": count},
        values["ke-hoach-cds"]: {"done": done, "done_on": done_on},
    }


def test_open_creates_one_figure_per_applicable_target(submission):
    assert submission.values.count() == 3
    assert submission.status == "nhap"


def test_save_computes_the_rate_and_keeps_raw_numbers(submission, world):
    services.submission_save(
        submission=submission, user=world.staff, version=submission.version, figures=_figures(submission)
    )
    rate = Value.objects.get(submission=submission, target__indicator__code="dai-truyen-thanh-ip")
    assert (rate.numerator, rate.denominator, rate.value) == (Decimal(45), Decimal(50), Decimal(90))
    assert rate.history.first().history_user == world.staff


@pytest.mark.parametrize(
    ("typed", "stored"), [("82", 82), ("1.234", 1234), ("41.250", 41250), ("1.234.567", 1234567), (" 1 234 ", 1234)]
)
def test_a_count_is_read_with_vietnamese_grouping(submission, world, typed, stored):
    services.submission_save(
        submission=submission, user=world.staff, version=submission.version, figures=_figures(submission, count=typed)
    )
    assert Value.objects.get(submission=submission, target__indicator__code="so-tram").value == Decimal(stored)


# The rule changed with "Figures you can trust": a count is whole, "%" belongs to rates, and a dot is never a
# decimal mark (it used to be, which read "168.900" as 168,9).
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("82,5", "chỉ nhận số nguyên"),
        ("82.5", "phần thập phân dùng dấu phẩy"),
        ("82,5 %", "không phải tỷ lệ phần trăm"),
        (" 85% ", "không phải tỷ lệ phần trăm"),
    ],
)
def test_a_count_refuses_decimals_and_percentages_with_the_reason(submission, world, typed, message):
    with pytest.raises(DomainError, match=re.escape(message)):
        services.submission_save(
            submission=submission,
            user=world.staff,
            version=submission.version,
            figures=_figures(submission, count=typed),
        )
    assert not Value.objects.filter(submission=submission, value__isnull=False).exists()


@pytest.mark.parametrize(
    ("figures", "message"),
    [
        ({"rate": ("51", "50")}, "tử số (51) lớn hơn mẫu số (50)"),
        ({"count": "-3"}, "không được âm"),
        ({"count": "mười hai"}, "“mười hai” không phải là số"),
        ({"rate": ("5", "0")}, "mẫu số phải lớn hơn 0"),
        ({"rate": ("5", "")}, "cần nhập cả tử số và mẫu số"),
        ({"done_on": "31/02/2023"}, "không đúng dạng dd/mm/yyyy"),
    ],
)
def test_bad_input_saves_nothing(submission, world, figures, message):
    with pytest.raises(DomainError, match=re.escape(message)):
        services.submission_save(
            submission=submission, user=world.staff, version=submission.version, figures=_figures(submission, **figures)
        )
    assert not Value.objects.filter(submission=submission, value__isnull=False).exists()
    assert Submission.objects.get(pk=submission.pk).version == submission.version


def test_the_second_tab_saving_an_older_version_is_refused(submission, world):
    stale_version = submission.version
    services.submission_save(
        submission=submission, user=world.staff, version=stale_version, figures=_figures(submission, count="120")
    )
    with pytest.raises(StaleEditError, match="đã được lưu ở nơi khác"):
        services.submission_save(
            submission=submission, user=world.head, version=stale_version, figures=_figures(submission, count="999")
        )
    assert Value.objects.get(submission=submission, target__indicator__code="so-tram").value == Decimal(120)


@pytest.mark.django_db(transaction=True)
def test_lost_update_with_two_connections_on_postgresql(world):
    if connection.vendor != "postgresql":
        pytest.skip("two real connections: PostgreSQL (CI)")
    setup = make_setup(world)
    submission = services.submission_open(period=setup.period, unit=world.phong_a, user=world.staff)
    version = submission.version
    barrier = threading.Barrier(2)
    outcomes = []

    def save(user, count):
        from django.db import connections

        try:
            fresh = Submission.objects.get(pk=submission.pk)
            barrier.wait(timeout=10)
            services.submission_save(submission=fresh, user=user, version=version, figures=_figures(fresh, count=count))
            outcomes.append(("saved", count))
        except StaleEditError:
            outcomes.append(("refused", count))
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=(world.staff, "111")),
        threading.Thread(target=save, args=(world.head, "222")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(o[0] for o in outcomes) == ["refused", "saved"]
    winner = next(count for state, count in outcomes if state == "saved")
    assert Value.objects.get(submission=submission, target__indicator__code="so-tram").value == Decimal(winner)


def test_only_the_head_sends_and_every_figure_is_needed(submission, world):
    with pytest.raises(DomainError, match="Chưa nhập số liệu cho"):
        services.submission_submit(submission=submission, user=world.head)
    services.submission_save(
        submission=submission, user=world.staff, version=submission.version, figures=_figures(submission)
    )
    with pytest.raises(DomainError, match="Chỉ lãnh đạo đơn vị"):
        services.submission_submit(submission=submission, user=world.staff)
    with pytest.raises(DomainError, match="Chỉ lãnh đạo đơn vị"):
        services.submission_submit(submission=submission, user=world.office)
    sent = services.submission_submit(submission=submission, user=world.head)
    assert sent.status == "da_gui" and sent.submitted_by == world.head


def test_a_late_send_is_accepted_and_marked(submission, world, setup):
    services.submission_save(
        submission=submission, user=world.staff, version=submission.version, figures=_figures(submission)
    )
    with time_machine.travel(dt.datetime(2023, 6, 20, 9, 0, tzinfo=dt.UTC)):
        sent = services.submission_submit(submission=submission, user=world.head)
    assert sent.is_late
    fresh = services.submission_open(period=setup.annual, unit=world.phong_a, user=world.staff)
    services.submission_save(submission=fresh, user=world.staff, version=fresh.version, figures=_figures(fresh))
    with time_machine.travel(dt.datetime(2023, 12, 10, 9, 0, tzinfo=dt.UTC)):
        assert not services.submission_submit(submission=fresh, user=world.head).is_late


def test_return_approve_lock_and_reopen(submission, world):
    services.submission_save(
        submission=submission, user=world.staff, version=submission.version, figures=_figures(submission)
    )
    sent = services.submission_submit(submission=submission, user=world.head)
    rate = sent.values.get(target__indicator__code="dai-truyen-thanh-ip")
    with pytest.raises(DomainError, match="Chỉ Văn phòng Sở"):
        services.submission_return(submission=sent, user=world.board, reason="x")
    with pytest.raises(DomainError, match="Chỉ Văn phòng Sở"):
        services.submission_approve(submission=sent, user=world.office_b)
    with pytest.raises(DomainError, match="ghi lý do"):
        services.submission_return(submission=sent, user=world.office, reason=" ")
    returned = services.submission_return(
        submission=sent, user=world.office, reason="Kiểm tra lại số xã", value_comments={rate.pk: "Tổng số xã là 111"}
    )
    assert returned.status == "tra_lai"
    assert (
        Value.objects.get(pk=rate.pk).returned and Value.objects.get(pk=rate.pk).return_comment == "Tổng số xã là 111"
    )
    corrected = services.submission_save(
        submission=returned, user=world.staff, version=returned.version, figures=_figures(returned, rate=("90", "111"))
    )
    sent_again = services.submission_submit(submission=corrected, user=world.head)
    assert not Value.objects.get(pk=rate.pk).returned
    approved = services.submission_approve(submission=sent_again, user=world.office)
    assert approved.status == "da_duyet"
    with pytest.raises(DomainError, match="không sửa được"):
        services.submission_save(
            submission=approved, user=world.staff, version=approved.version, figures=_figures(approved)
        )
    reopened = services.submission_reopen(submission=approved, user=world.office, reason="Sai số liệu quý II")
    assert reopened.status == "tra_lai"
    steps = list(
        SubmissionEvent.objects.filter(submission=submission)
        .order_by("at", "pk")
        .values_list("to_status", "user__username")
    )
    assert steps == [
        ("da_gui", "head"),
        ("tra_lai", "office"),
        ("da_gui", "head"),
        ("da_duyet", "office"),
        ("tra_lai", "office"),
    ]


def test_staff_of_another_unit_cannot_save(submission, world):
    with pytest.raises(DomainError, match="Chỉ cán bộ, lãnh đạo của đơn vị"):
        services.submission_save(
            submission=submission, user=world.outsider, version=submission.version, figures=_figures(submission)
        )


# --- Pages ------------------------------------------------------------------------------------------------


def test_form_keeps_what_was_typed_when_a_row_is_wrong(submission, world, login):
    client = login(world.staff)
    values = {v.target.indicator.code: v.pk for v in submission.values.select_related("target__indicator")}
    rate, count = values["dai-truyen-thanh-ip"], values["so-tram"]
    data = {
        "version": submission.version,
        f"v{rate}-numerator": "55",
        f"v{rate}-denominator": "50",
        f"v{count}-value": "123,5",
        "action": "save",
    }
    response = client.post(reverse("indicators:submission_detail", args=[submission.pk]), data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "tử số (55) lớn hơn mẫu số (50)" in body
    assert 'value="123,5"' in body and 'value="55"' in body
    assert not Value.objects.filter(submission=submission, value__isnull=False).exists()


def test_head_saves_and_sends_from_the_page(submission, world, login):
    client = login(world.head)
    figures = _figures(submission)
    data = {"version": submission.version, "action": "send"}
    for pk, fields in figures.items():
        data.update({f"v{pk}-{k}": v for k, v in fields.items()})
    response = client.post(reverse("indicators:submission_detail", args=[submission.pk]), data)
    assert response.status_code == 302
    assert Submission.objects.get(pk=submission.pk).status == "da_gui"


def test_review_queue_and_dashboard_query_counts_do_not_grow(setup, world, login):
    from django.test.utils import CaptureQueriesContext

    from campaigns.tests.factories import make_unit

    client = login(world.office)
    urls = [
        reverse("indicators:period_detail", args=[setup.period.pk]),
        reverse("indicators:campaign_progress", args=[setup.campaign.pk]),
    ]

    def counts():
        result = []
        for url in urls:
            client.get(url)
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            result.append(len(ctx))
        return result

    def add_units(n):
        from campaigns.models import Role
        from campaigns.tests.factories import UserFactory, grant

        for i in range(n):
            unit = make_unit(world.so_a, name=f"Đơn vị thêm {i:03d}")
            person = UserFactory()
            grant(person, unit, Role.LANH_DAO)
            sub = services.submission_open(period=setup.period, unit=unit, user=person)
            services.submission_save(submission=sub, user=person, version=sub.version, figures=_figures(sub))
            services.submission_submit(submission=Submission.objects.get(pk=sub.pk), user=person)

    add_units(10)
    few = counts()
    add_units(20)
    assert counts() == few


def test_evidence_is_checked_by_content_and_downloaded_only_in_scope(submission, world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from indicators.models import Evidence

    client = login(world.staff)
    value = submission.values.first()
    url = reverse("indicators:submission_detail", args=[submission.pk])
    fake = SimpleUploadedFile("bien-ban.pdf", b"<html>not a pdf</html>")
    response = client.post(url, {"version": submission.version, f"v{value.pk}-note": "", f"v{value.pk}-evidence": fake})
    assert response.status_code == 400 and "không phải tệp" in response.content.decode()
    assert not Evidence.objects.exists()
    photo = SimpleUploadedFile("anh-dai-truyen-thanh.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    fresh = Submission.objects.get(pk=submission.pk)
    response = client.post(url, {"version": fresh.version, f"v{value.pk}-note": "", f"v{value.pk}-evidence": photo})
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert client.get(reverse("indicators:evidence_download", args=[evidence.pk])).status_code == 200
    assert login(world.outsider).get(reverse("indicators:evidence_download", args=[evidence.pk])).status_code == 404


def test_the_office_running_a_cluster_campaign_sees_members_sent_figures_not_drafts(world, login):
    """Cụm trưởng (Sở A) runs a cluster campaign; province B's Sở takes part and reports."""
    from campaigns.models import Cluster, ClusterMembership, Role
    from campaigns.tests.factories import UserFactory, grant

    setup = make_setup(world)
    cluster = Cluster.objects.create(kind="cum", number=2, year=2023, name="Cụm thi đua số 2", organiser=world.bo)
    for unit in (world.so_a, world.so_b):
        ClusterMembership.objects.create(
            cluster=cluster, unit=unit, role="truong" if unit == world.so_a else "thanh_vien"
        )
    setup.campaign.participant_clusters.set([cluster])
    head_b = UserFactory()
    grant(head_b, world.so_b, Role.LANH_DAO)
    sub_b = services.submission_open(period=setup.period, unit=world.so_b, user=head_b)
    draft_url = reverse("indicators:submission_detail", args=[sub_b.pk])
    assert login(world.office).get(draft_url).status_code == 404  # a draft stays the unit's own
    services.submission_save(submission=sub_b, user=head_b, version=sub_b.version, figures=_figures(sub_b, count="321"))
    services.submission_submit(submission=Submission.objects.get(pk=sub_b.pk), user=head_b)
    office = login(world.office)
    assert office.get(draft_url).status_code == 200
    progress = office.get(reverse("indicators:campaign_progress", args=[setup.campaign.pk]), {"ky": setup.period.pk})
    assert "321" in progress.content.decode()
    services.submission_approve(submission=Submission.objects.get(pk=sub_b.pk), user=world.office)
    # Province B's own office sees its own figures, not province A's.
    assert (
        login(world.office_b).get(reverse("indicators:campaign_progress", args=[setup.campaign.pk])).status_code == 200
    )


def test_after_a_refused_upload_the_page_shown_saves_as_it_is(submission, world, login):
    """The refused file rolls the save back: the version on the page shown must be the one the next save needs."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(world.staff)
    value = submission.values.first()
    url = reverse("indicators:submission_detail", args=[submission.pk])
    fake = SimpleUploadedFile("bien-ban.pdf", b"<html>not a pdf</html>")
    fields = {"version": submission.version, f"v{value.pk}-note": "ghi chú giữ lại"}
    refused = client.post(url, {**fields, f"v{value.pk}-evidence": fake})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "ghi chú giữ lại" in page
    shown = re.search(r'name="version" value="(\d+)"', page).group(1)
    assert int(shown) == Submission.objects.get(pk=submission.pk).version
    assert client.post(url, {**fields, "version": shown}).status_code == 302
    assert Value.objects.get(pk=value.pk).note == "ghi chú giữ lại"


def test_a_figure_of_another_report_posted_into_the_form_is_refused_and_nothing_saved(submission, setup, world, login):
    other = services.submission_open(period=setup.period, unit=world.phong_a2, user=world.admin)
    foreign = other.values.first()
    own = submission.values.first()
    client = login(world.staff)
    url = reverse("indicators:submission_detail", args=[submission.pk])
    response = client.post(
        url,
        {"version": submission.version, f"v{own.pk}-note": "của mình", f"v{foreign.pk}-note": "của đơn vị khác"},
    )
    assert response.status_code == 400
    assert "Có số liệu không thuộc báo cáo này." in response.content.decode()
    assert Value.objects.get(pk=own.pk).note == "" and Value.objects.get(pk=foreign.pk).note == ""
    assert Submission.objects.get(pk=submission.pk).version == submission.version


def test_a_figure_field_with_a_number_too_long_for_an_id_is_ignored_not_a_500(submission, world, login):
    from urllib.parse import urlencode

    own = submission.values.first()
    body = {"version": submission.version, f"v{own.pk}-note": "đúng", f"v{'9' * 5000}-note": "khóa quá dài"}
    response = login(world.staff).post(
        reverse("indicators:submission_detail", args=[submission.pk]),
        urlencode(body),
        content_type="application/x-www-form-urlencoded",  # a multipart part's name that long is refused by Django
    )
    assert response.status_code == 302
    assert Value.objects.get(pk=own.pk).note == "đúng"


@pytest.mark.parametrize("version", ["99999999999999999999", str(2**31 - 1), "-5"])
def test_a_version_no_report_can_have_is_refused_as_stale_not_a_500(submission, world, login, version):
    """The version claim (emulation.lib.errors.claim_version) is SQL of its own: a posted version beyond what the
    column holds is a stale page, as the ORM's lookup answered, not a database error."""
    own = submission.values.first()
    response = login(world.staff).post(
        reverse("indicators:submission_detail", args=[submission.pk]),
        {"version": version, f"v{own.pk}-note": "không được lưu"},
    )
    assert response.status_code == 400
    assert "đã được lưu ở nơi khác" in response.content.decode()
    assert Value.objects.get(pk=own.pk).note == ""
    assert Submission.objects.get(pk=submission.pk).version == submission.version
