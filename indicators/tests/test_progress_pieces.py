"""The dashboard keeps each submission's judged figures (indicators.progress.judged_figures): after a unit sends, is
returned, approved or reopened, only that unit's figures are judged again, and the page shows exactly what a fresh
computation by the one evaluation (selectors.campaign_progress) shows. A change of a target or of an indicator
judges every figure again; what a person sees stays within what they may read; a cache that fails gives the page."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import Role
from campaigns.tests.factories import UserFactory, grant, make_unit
from indicators import evaluation, selectors, services
from indicators.models import Achievement, Submission
from indicators.tests.factories import make_setup


@pytest.fixture
def setup(world):
    return make_setup(world)


def _send(world, setup, i: int, period=None) -> Submission:
    """A unit of Sở A sends its figures: a rate of 2/3 (66,67 %, under 70 %) or 9/10, a count of 90 + i (≥ 100 is
    Đạt), the task done."""
    unit = make_unit(world.so_a, name=f"Đơn vị thêm {i:03d}")
    head = UserFactory()
    grant(head, unit, Role.LANH_DAO)
    sub = services.submission_open(period=period or setup.period, unit=unit, user=head)
    ids = {v.target.indicator.code: v.pk for v in sub.values.select_related("target__indicator")}
    rate = {"numerator": "2", "denominator": "3"} if i % 2 else {"numerator": "9", "denominator": "10"}
    figures = {
        ids["dai-truyen-thanh-ip"]: rate,
        ids["so-tram"]: {"value": str(90 + i)},
        ids["ke-hoach-cds"]: {"done": "1", "done_on": "15/03/2023"},
    }
    services.submission_save(submission=sub, user=head, version=sub.version, figures=figures)
    return services.submission_submit(submission=Submission.objects.get(pk=sub.pk), user=head)


def _url(setup) -> str:
    return reverse("indicators:campaign_progress", args=[setup.campaign.pk]) + f"?ky={setup.period.pk}"


def _shown(response) -> tuple:
    """What the dashboard shows of its aggregates: each target's total, units reported, judgements and short list,
    the judgement counts, the charts."""
    rows = [
        (r.target_id, r.total, r.reported, r.counts, [(name, cell) for name, cell in r.listed or []])
        for r in response.context["rows"]
    ]
    return rows, response.context["counts"], [(c["bars"], c["trend"]) for c in response.context["charts"]]


def _fresh(setup, user) -> tuple:
    """The same, by the one evaluation with nothing cached."""
    cache.clear()
    _, rows = selectors.campaign_progress(campaign=setup.campaign, period=setup.period, user=user)
    judged = [
        (
            r.target.pk,
            r.total,
            len(r.units),
            {a: sum(1 for c in r.units.values() if c.achievement == a) for a in evaluation.JUDGED},
            [(u.display_name, c) for u, c in r.listed],
        )
        for r in rows
    ]
    return judged, selectors.achievement_counts(rows)


def _assert_as_fresh(client, setup, user) -> tuple:
    shown = _shown(client.get(_url(setup)))
    fresh = _fresh(setup, user)
    assert shown[:2] == fresh
    assert _shown(client.get(_url(setup))) == shown  # computed again from nothing: the charts too
    return shown


@pytest.fixture
def judged_rows():
    """The (target id, figure row) pairs the one evaluation is asked to judge, request after request."""
    asked: list[list] = []
    real = selectors.judged_figures

    def spy(*, targets, rows, year):
        rows = list(rows)
        asked.append(rows)
        return real(targets=targets, rows=rows, year=year)

    with mock.patch.object(selectors, "judged_figures", spy):
        yield asked


def test_after_each_change_of_state_only_that_unit_is_judged_again_and_the_page_is_as_fresh(
    setup, world, login, judged_rows
):
    sent = [_send(world, setup, i) for i in range(6)]
    client = login(world.office)
    _assert_as_fresh(client, setup, world.office)
    changes = [
        ("sends", lambda: _send(world, setup, 6)),
        ("is approved", lambda: services.submission_approve(submission=sent[0], user=world.office)),
        ("is returned", lambda: services.submission_return(submission=sent[1], user=world.office, reason="Sai")),
        ("is reopened", lambda: services.submission_reopen(
            submission=Submission.objects.get(pk=sent[0].pk), user=world.office, reason="Sửa"
        )),
    ]  # fmt: skip
    for what, change in changes:
        changed = change()
        judged_rows.clear()
        shown = _shown(client.get(_url(setup)))
        # The others' judged figures come from the cache: only a unit that now counts is judged again (a returned
        # or reopened one no longer counts, and nothing is judged).
        units = {row.unit_id for rows in judged_rows for _, row in rows}
        assert units == ({changed.unit_id} if changed.status in selectors.COUNTED else set()), what
        assert shown[:2] == _fresh(setup, world.office), what
        assert _shown(client.get(_url(setup))) == shown, what  # the charts as drawn from nothing


def test_a_new_sending_shows_its_judgements_among_the_cached_ones(setup, world, login):
    for i in range(4):
        _send(world, setup, i)
    client = login(world.office)
    before = _shown(client.get(_url(setup)))[1]
    _send(world, setup, 12)  # 102 trạm against ≥ 100, 90 % against ≥ 70 %, the task done in time: all met
    after = _assert_as_fresh(client, setup, world.office)[1]
    met = lambda counts: counts[Achievement.VUOT] + counts[Achievement.DAT]  # noqa: E731
    assert met(after) == met(before) + 3
    assert after[Achievement.CHUA_DAT] == before[Achievement.CHUA_DAT]


def test_a_target_changed_judges_every_figure_again(setup, world, login):
    for i in range(4):
        _send(world, setup, i)  # 90..93 trạm against ≥ 100: Chưa đạt
    client = login(world.office)
    before = _assert_as_fresh(client, setup, world.office)
    setup.count.value = 92
    setup.count.save()
    after = _assert_as_fresh(client, setup, world.office)
    row = next(r for r in after[0] if r[0] == setup.count.pk)
    assert row[3][Achievement.CHUA_DAT] == 2  # 90 and 91 only
    assert after[1] != before[1]


def test_an_indicator_changed_judges_every_figure_again(setup, world, login):
    for i in range(3):
        _send(world, setup, i)
    client = login(world.office)
    before = _assert_as_fresh(client, setup, world.office)
    rate = setup.rate.indicator
    rate.decimals = 2
    rate.save()
    after = _assert_as_fresh(client, setup, world.office)
    texts = lambda shown: [c.text for r in shown[0] if r[0] == setup.rate.pk for _, c in r[4]]  # noqa: E731
    assert "66,7 %" in texts(before) and "66,67 %" in texts(after)


def test_a_sending_for_another_period_shows_in_the_trends(setup, world, login):
    for i in range(3):
        _send(world, setup, i)
    client = login(world.office)
    before = _assert_as_fresh(client, setup, world.office)
    _send(world, setup, 7, period=setup.annual)  # the other period's sums change: its point on each trend appears
    after = _assert_as_fresh(client, setup, world.office)
    assert [trend for _, trend in after[2]] != [trend for _, trend in before[2]]


def test_a_person_sees_only_the_figures_they_may_read_whoever_warmed_the_cache(setup, world, login):
    for i in range(3):
        _send(world, setup, i)
    office = login(world.office)
    office.get(_url(setup))  # every unit's judged figures cached
    mine = _send(world, setup, 9)
    head = mine.submitted_by
    client = login(head)
    shown = _shown(client.get(_url(setup)))
    assert shown[:2] == _fresh(setup, head)
    assert {r[2] for r in shown[0]} == {1}  # the head's own unit only


def test_a_failing_cache_gives_the_page_as_fresh(setup, world, login):
    for i in range(3):
        _send(world, setup, i)
    client = login(world.office)
    expected = _fresh(setup, world.office)
    failing = mock.patch.multiple(
        cache, get=mock.Mock(side_effect=ConnectionError), get_many=mock.Mock(side_effect=ConnectionError),
        set=mock.Mock(side_effect=ConnectionError), set_many=mock.Mock(side_effect=ConnectionError),
    )  # fmt: skip
    with failing:
        response = client.get(_url(setup))
    assert response.status_code == 200
    assert _shown(response)[:2] == expected


def _changed_request_queries(client, setup, submission, office) -> int:
    client.get(_url(setup))  # every submission's judged figures cached
    services.submission_approve(submission=submission, user=office)  # one unit changes: its figures alone
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(_url(setup)).status_code == 200
    return len(ctx)


def test_a_request_after_one_unit_changed_makes_as_many_queries_at_10_units_as_at_60(setup, world, login):
    sent = [_send(world, setup, i) for i in range(8)]  # with phong_a, phong_a2: 10 units
    client = login(world.office)
    few = _changed_request_queries(client, setup, sent[0], world.office)
    sent += [_send(world, setup, i) for i in range(8, 58)]
    many = _changed_request_queries(client, setup, sent[-1], world.office)
    assert many == few
