"""Figures you can trust, through the real page: what the form shows, posted back, changes nothing; "12.345" is
twelve thousand; a task has three states; sending keeps the first sending's timeliness."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html.parser import HTMLParser

import pytest
import time_machine
from django.urls import reverse

from indicators import services
from indicators.models import Indicator, Submission, Target, Value
from indicators.tests.factories import make_setup


class FormFields(HTMLParser):
    """The fields a browser would post from the figures form: inputs, checked radios, selects and textareas."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}
        self._in_form = False
        self._textarea: str | None = None
        self._select: str | None = None
        self.readings: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == "submission-form":
            self._in_form = True
        if not self._in_form:
            return
        if tag == "input" and a.get("name") and a.get("type") not in ("file", "submit"):
            if a.get("type") in ("radio", "checkbox"):
                if "checked" in a:
                    self.fields[a["name"]] = a.get("value", "on")
                else:
                    self.fields.setdefault(a["name"], None)
            else:
                self.fields[a["name"]] = a.get("value", "")
        if tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self.fields[a["name"]] = ""
        if tag == "select" and a.get("name"):
            self._select = a["name"]
            self.fields.setdefault(a["name"], "")
        if tag == "option" and self._select and "selected" in a:
            self.fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        if tag == "textarea":
            self._textarea = None
        if tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data.removeprefix("\n") if not self.fields[self._textarea] else data


def posted_back(html: str) -> dict[str, str]:
    parser = FormFields()
    parser.feed(html)
    return {name: value for name, value in parser.fields.items() if value is not None}


@pytest.fixture
def setup(world):
    setup = make_setup(world)
    rank = Indicator.objects.create(
        code="dti-hang", name="Thứ hạng DTI", measure="rank", entry="rank", unit_label="hạng"
    )
    typed = Indicator.objects.create(
        code="kinh-te-so", name="Tỷ trọng kinh tế số trong GRDP", measure="percent", entry="number", unit_label="%"
    )
    ratio = Indicator.objects.create(
        code="dn-cns", name="Doanh nghiệp công nghệ số / 1.000 dân", measure="ratio", entry="number", decimals=2
    )
    task2 = Indicator.objects.create(code="de-an", name="Ban hành Đề án", measure="task", entry="task")
    task3 = Indicator.objects.create(code="danh-muc", name="Ban hành danh mục CSDL", measure="task", entry="task")
    for order, (indicator, comparator, value) in enumerate(
        [(rank, "improve", 2), (typed, "gte", 20), (ratio, "gte", Decimal("0.7"))], start=4
    ):
        Target.objects.create(
            campaign=setup.campaign,
            indicator=indicator,
            comparator=comparator,
            value=Decimal(value),
            baseline=Decimal(40) if comparator == "improve" else None,
            order=order,
        )
    for order, indicator in enumerate([task2, task3], start=7):
        Target.objects.create(
            campaign=setup.campaign, indicator=indicator, comparator="done_by", due_on=dt.date(2023, 6, 30), order=order
        )
    return setup


@pytest.fixture
def submission(setup, world):
    submission = services.submission_open(period=setup.period, unit=world.phong_a, user=world.staff)
    ids = {v.target.indicator.code: v.pk for v in submission.values.select_related("target__indicator")}
    services.submission_save(
        submission=submission,
        user=world.staff,
        version=submission.version,
        figures={
            ids["dai-truyen-thanh-ip"]: {"numerator": 168_900, "denominator": 1_271_300},
            ids["so-tram"]: {"value": 1_234_567},
            ids["ke-hoach-cds"]: {"done": "1", "done_on": "15/03/2023"},
            ids["dti-hang"]: {"value": 37},
            ids["kinh-te-so"]: {"value": Decimal("18.25")},
            ids["dn-cns"]: {"value": Decimal("0.65")},
            ids["de-an"]: {"done": "0"},
            ids["danh-muc"]: {"done": ""},
        },
    )
    return Submission.objects.get(pk=submission.pk)


def _stored(submission) -> dict[str, tuple]:
    return {
        v.target.indicator.code: (v.numerator, v.denominator, v.value, v.done_on)
        for v in Value.objects.filter(submission=submission).select_related("target__indicator")
    }


def test_saving_the_form_as_shown_three_times_changes_no_figure(client, login, world, submission):
    url = reverse("indicators:submission_detail", args=[submission.pk])
    before = _stored(submission)
    history = Value.history.filter(submission_id=submission.pk).count()
    client = login(world.staff)
    for _ in range(3):
        page = client.get(url)
        assert page.status_code == 200
        fields = posted_back(page.content.decode())
        assert fields[f"v{Value.objects.get(submission=submission, target__indicator__code='so-tram').pk}-value"] == (
            "1.234.567"
        )
        response = client.post(url, {**fields, "action": "save"})
        assert response.status_code == 302, response.content.decode()[:2000]
    assert _stored(submission) == before
    assert before["dai-truyen-thanh-ip"][:2] == (168_900, 1_271_300)
    assert before["de-an"][2] == 0  # "chưa hoàn thành" survives the browser, it is not erased to "not reported"
    assert before["danh-muc"][2] is None
    assert Value.history.filter(submission_id=submission.pk).count() == history  # nothing was even rewritten


def test_twelve_point_three_four_five_is_twelve_thousand(client, login, world, submission):
    url = reverse("indicators:submission_detail", args=[submission.pk])
    client = login(world.staff)
    fields = posted_back(client.get(url).content.decode())
    count = Value.objects.get(submission=submission, target__indicator__code="so-tram")
    rate = Value.objects.get(submission=submission, target__indicator__code="dai-truyen-thanh-ip")
    fields[f"v{count.pk}-value"] = "12.345"
    fields[f"v{rate.pk}-numerator"] = "480.000"
    fields[f"v{rate.pk}-denominator"] = "1.000.000"
    assert client.post(url, {**fields, "action": "save"}).status_code == 302
    count.refresh_from_db()
    rate.refresh_from_db()
    assert count.value == 12345
    assert (rate.numerator, rate.denominator, rate.value) == (480000, 1000000, 48)


def test_an_ambiguous_figure_is_refused_and_everything_typed_stays_on_the_page(client, login, world, submission):
    url = reverse("indicators:submission_detail", args=[submission.pk])
    client = login(world.staff)
    fields = posted_back(client.get(url).content.decode())
    count = Value.objects.get(submission=submission, target__indicator__code="so-tram")
    typed = Value.objects.get(submission=submission, target__indicator__code="kinh-te-so")
    fields[f"v{count.pk}-value"] = "82.5"
    fields[f"v{typed.pk}-value"] = "19,5 %"
    response = client.post(url, {**fields, "action": "save"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "phần thập phân dùng dấu phẩy (82,5)" in html
    assert 'value="82.5"' in html and 'value="19,5 %"' in html
    assert _stored(submission)["kinh-te-so"][2] == Decimal("18.25")  # nothing saved


def test_a_percentage_typed_directly_is_read_as_a_percentage(client, login, world, submission):
    url = reverse("indicators:submission_detail", args=[submission.pk])
    client = login(world.staff)
    fields = posted_back(client.get(url).content.decode())
    typed = Value.objects.get(submission=submission, target__indicator__code="kinh-te-so")
    fields[f"v{typed.pk}-value"] = "21,5 %"
    assert client.post(url, {**fields, "action": "save"}).status_code == 302
    typed.refresh_from_db()
    assert typed.value == Decimal("21.5")


def test_the_form_says_how_to_write_numbers_and_shows_the_reading(client, login, world, submission):
    html = login(world.staff).get(reverse("indicators:submission_detail", args=[submission.pk])).content.decode()
    assert "dấu chấm phân nhóm hàng nghìn, dấu phẩy trước phần thập phân" in html
    assert "data-reading" in html and 'data-decimals="0"' in html


def _send(client, url):
    """The head completes the one task left "chưa báo cáo" (a unit cannot send without it) and sends."""
    fields = posted_back(client.get(url).content.decode())
    task = Value.objects.get(submission_id=int(url.rstrip("/").split("/")[-1]), target__indicator__code="danh-muc")
    fields[f"v{task.pk}-done"] = "1"
    fields[f"v{task.pk}-done_on"] = "2023-05-02"
    return client.post(url, {**fields, "action": "send"})


def test_timeliness_is_the_first_sendings_across_return_and_reopen(client, login, world, setup, submission):
    url = reverse("indicators:submission_detail", args=[submission.pk])
    due = setup.period.due_date
    with time_machine.travel(dt.datetime.combine(due - dt.timedelta(days=2), dt.time(9)), tick=False):
        assert _send(login(world.head), url).status_code == 302
    first = Submission.objects.get(pk=submission.pk)
    assert first.status == "da_gui" and not first.is_late
    with time_machine.travel(dt.datetime.combine(due + dt.timedelta(days=10), dt.time(9)), tick=False):
        services.submission_return(submission=first, user=world.office, reason="Kiểm tra lại số trạm")
        assert _send(login(world.head), url).status_code == 302
        resent = Submission.objects.get(pk=submission.pk)
        services.submission_approve(submission=resent, user=world.office)
        services.submission_reopen(
            submission=Submission.objects.get(pk=submission.pk), user=world.office, reason="Bổ sung minh chứng"
        )
    with time_machine.travel(dt.datetime.combine(due + dt.timedelta(days=20), dt.time(9)), tick=False):
        assert _send(login(world.head), url).status_code == 302
    last = Submission.objects.get(pk=submission.pk)
    assert last.status == "da_gui"
    assert not last.is_late  # sent on time the first time: corrections do not make it late
    assert last.first_submitted_at == first.submitted_at
    assert last.submitted_at > last.first_submitted_at
    assert last.events.filter(to_status="da_gui").count() == 3  # the history shows every sending
    html = login(world.office).get(url).content.decode()
    assert "Gửi lần đầu" in html


def test_a_first_sending_after_the_due_date_stays_late(world, setup, submission):
    task = Value.objects.get(submission=submission, target__indicator__code="danh-muc")
    services.submission_save(
        submission=submission, user=world.staff, version=submission.version, figures={task.pk: {"done": "0"}}
    )
    submission.refresh_from_db()
    with time_machine.travel(dt.datetime.combine(setup.period.due_date + dt.timedelta(days=1), dt.time(9))):
        sent = services.submission_submit(submission=submission, user=world.head)
    assert sent.is_late
