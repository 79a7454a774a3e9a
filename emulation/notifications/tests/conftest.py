"""Phòng A's figures sent by its head, ready for Văn phòng Sở to return or approve; and the jobs run as they do
in-process (after the transaction commits), which the test transaction would otherwise never do."""

from __future__ import annotations

import pytest

from indicators import services as indicator_services
from indicators.models import Submission
from indicators.tests.factories import make_setup


def figures(submission: Submission, rate=("45", "50"), count="120") -> dict:
    values = {v.target.indicator.code: v.pk for v in submission.values.select_related("target__indicator")}
    return {
        values["dai-truyen-thanh-ip"]: {"numerator": rate[0], "denominator": rate[1]},
        values["so-tram"]: {"value": count},
        values["ke-hoach-cds"]: {"done": "1", "done_on": "15/03/2023"},
    }


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs what the block queues on commit (the notification jobs, their e-mails)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def setup(world):
    return make_setup(world)


@pytest.fixture
def sent(setup, world, committed) -> Submission:
    submission = indicator_services.submission_open(period=setup.period, unit=world.phong_a, user=world.staff)
    submission = indicator_services.submission_save(
        submission=submission, user=world.staff, version=submission.version, figures=figures(submission)
    )
    with committed():
        return indicator_services.submission_submit(submission=submission, user=world.head)


@pytest.fixture
def returned(sent, world, committed) -> Submission:
    with committed():
        return indicator_services.submission_return(submission=sent, user=world.office, reason="Một số liệu chưa khớp")
