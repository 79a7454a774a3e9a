"""Reads compiled once (emulation.lib.db.CompiledRead) give what the ORM gives — the same instances, related objects
and annotations, the same single query — and never let a person see what their grants of the moment do not give."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Role, RoleAssignment, User
from campaigns.scope import scope_key
from campaigns.tests.factories import UserFactory, grant
from emulation.lib.db import CompiledRead
from indicators import selectors, services
from indicators.models import Submission, Value
from indicators.tests.factories import make_setup


def _fields(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


@pytest.fixture
def reports(world):
    setup = make_setup(world)
    own = services.submission_open(period=setup.period, unit=world.phong_a, user=world.staff)
    stranger = UserFactory(username="canbo-khac")
    grant(stranger, world.phong_b, Role.CAN_BO)
    other = services.submission_open(period=setup.period, unit=world.phong_b, user=stranger)
    return setup, own, other


@pytest.mark.django_db
def test_it_reads_the_instances_the_orm_reads_in_one_query_and_builds_once(world, reports):
    _, own, other = reports
    built = []

    def build(pk):
        built.append(pk)
        return (
            Value.objects.filter(submission_id=pk)
            .select_related("target__indicator")
            .annotate(n=Count("target__indicator"))
            .order_by("target__order")
        )

    read = CompiledRead(Value, build)
    for submission in (own, other, own):
        expected = list(build(submission.pk))
        with CaptureQueriesContext(connection) as captured:
            got = read.objects((), pk=submission.pk)
        assert len(captured) == 1
        assert [_fields(v) for v in got] == [_fields(v) for v in expected]
        assert [v.n for v in got] == [v.n for v in expected]
        with CaptureQueriesContext(connection) as captured:
            names = [v.target.indicator.name for v in got]  # select_related: already read
        assert len(captured) == 0
        assert names == [v.target.indicator.name for v in expected]
        assert got and all(v.submission_id == submission.pk for v in got)
    assert len(built) == 1 + 3  # compiled once (with a marker); the three calls above built the ORM's own
    assert read.count((), pk=own.pk) == own.values.count()


@pytest.mark.django_db
def test_an_id_beyond_any_row_and_a_filter_that_matches_nothing_read_nothing_without_error(world, reports):
    read = CompiledRead(Submission, lambda pk: Submission.objects.filter(pk=pk))
    assert read.objects((), pk=10**30) == []
    assert read.count((), pk=-(10**30)) == 0
    nothing = CompiledRead(Submission, lambda pk: Submission.objects.filter(Q(pk__in=[]) & Q(pk=pk)))
    with CaptureQueriesContext(connection) as captured:
        assert nothing.objects((), pk=reports[1].pk) == []
    assert len(captured) == 0  # as the ORM: an empty filter runs no query


@pytest.mark.django_db
def test_a_value_the_sql_does_not_bind_is_a_programming_error(world):
    read = CompiledRead(Submission, lambda pk: Submission.objects.all())
    with pytest.raises(ValueError, match="pk"):
        read.objects((), pk=1)


@pytest.mark.django_db
def test_the_report_lookup_follows_a_grant_given_or_ended_during_the_day(world, reports, login):
    """The person's grants are part of the key: a role given at noon opens the report on the next request, a role
    that ends closes it, in the same process and on the same day."""
    _, own, other = reports
    newcomer = UserFactory(username="canbo-moi")
    client = login(newcomer)
    url = reverse("indicators:submission_detail", args=[own.pk])
    assert client.get(url).status_code == 404
    role = grant(newcomer, world.phong_a, Role.CAN_BO)
    assert client.get(url).status_code == 200
    assert client.get(reverse("indicators:submission_detail", args=[other.pk])).status_code == 404
    RoleAssignment.objects.filter(pk=role.pk).update(valid_to=timezone.localdate() - dt.timedelta(days=1))
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_the_key_of_a_scoped_read_moves_with_the_grants(world):
    before = scope_key(world.staff)
    grant(world.staff, world.phong_a2, Role.CAN_BO)
    assert scope_key(User.objects.get(pk=world.staff.pk)) != before  # the next request reads the grants again


@pytest.mark.django_db
def test_the_form_shows_the_same_figures_and_previous_period_as_the_orm(world, reports):
    setup, own, _ = reports
    Value.objects.filter(submission=own).update(note="kỳ trước")
    later = services.submission_open(period=setup.annual, unit=world.phong_a, user=world.staff)
    for submission in (own, later):
        shown, values, previous = selectors.submission_page(submission=submission)
        expected = list(submission.values.select_related("target__indicator").order_by("target__order"))
        assert [_fields(v) for v in values] == [_fields(v) for v in expected]
        assert all(v.submission is shown for v in values)
        before = selectors.previous_period(submission.period)
        assert {k: v.pk for k, v in previous.items()} == {
            v.target.indicator_id: v.pk
            for v in Value.objects.filter(submission__period=before, submission__unit=world.phong_a).select_related(
                "target"
            )
        }
    # The annual report's previous period is the half-year's, which has figures.
    assert selectors.submission_page(submission=later)[2]
