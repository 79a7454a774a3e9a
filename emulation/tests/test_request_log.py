"""One log line per request: who, what, status, how long, and a request id — without a query of its own."""

from __future__ import annotations

import json
import logging
import logging.config
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils.functional import SimpleLazyObject

from emulation.middleware import RequestLogMiddleware


@pytest.fixture
def request_log(caplog):
    caplog.set_level(logging.DEBUG, logger="emulation.request")
    return lambda: [r for r in caplog.records if r.name == "emulation.request"]


def test_a_signed_in_request_is_one_line_with_user_units_status_duration_and_id(world, login, request_log):
    response = login(world.staff).get("/")
    (record,) = request_log()
    assert record.levelno == logging.INFO
    assert (record.method, record.path, record.status) == ("GET", "/", response.status_code)
    assert record.user == "staff" and record.user_id == world.staff.pk
    assert record.units == [world.phong_a.pk]  # the scope the home page computed anyway
    assert isinstance(record.duration_ms, float) and record.duration_ms >= 0
    assert re.fullmatch(r"[0-9a-f]{32}", record.request_id)
    assert response["X-Request-ID"] == record.request_id
    assert record.getMessage().startswith(f"GET / {response.status_code} ")


def test_an_anonymous_request_is_logged_with_a_dash(db, client, request_log):
    response = client.get("/tai-khoan/dang-nhap/")
    (record,) = request_log()
    assert record.user == "-" and record.user_id is None and record.units == []
    assert record.status == response.status_code == 200


def test_the_proxy_request_id_is_kept_when_sane_and_replaced_when_not(db, client, request_log):
    client.get("/tai-khoan/dang-nhap/", headers={"X-Request-ID": "0123456789abcdef"})
    client.get("/tai-khoan/dang-nhap/", headers={"X-Request-ID": "bad id\r\nwith spaces"})
    first, second = request_log()
    assert first.request_id == "0123456789abcdef"
    assert second.request_id != "bad id\r\nwith spaces" and re.fullmatch(r"[0-9a-f]{32}", second.request_id)


def test_health_probes_are_logged_at_debug_only(db, client, request_log):
    client.get("/healthz")
    (record,) = request_log()
    assert record.levelno == logging.DEBUG


def test_logging_never_loads_the_user_itself(db, request_log):
    """The line must not cost a query: a user nothing in the request loaded is reported as "-"."""

    def never(*args):
        raise AssertionError("the log line evaluated request.user")

    request = RequestFactory().get("/x")
    request.user = SimpleLazyObject(never)
    with CaptureQueriesContext(connection) as queries:
        RequestLogMiddleware(lambda r: HttpResponse("ok"))(request)
    assert len(queries) == 0
    (record,) = request_log()
    assert record.user == "-"

    request = RequestFactory().get("/y")
    request.user = SimpleLazyObject(AnonymousUser)
    request.user.is_authenticated  # noqa: B018 - loaded by "the view"
    RequestLogMiddleware(lambda r: HttpResponse("ok"))(request)
    assert request_log()[-1].user == "-"


def test_the_json_format_carries_every_field(world, login, request_log):
    login(world.staff).get("/")
    (record,) = request_log()
    configurator = logging.config.DictConfigurator(settings.LOGGING)
    formatter = configurator.configure_formatter(dict(settings.LOGGING["formatters"]["json"]))
    line = json.loads(formatter.format(record))
    assert line["level"] == "INFO" and line["logger"] == "emulation.request"
    assert line["user"] == "staff" and line["status"] == 200 and line["path"] == "/"
    assert line["method"] == "GET" and line["units"] == [world.phong_a.pk]
    assert line["request_id"] == record.request_id and "duration_ms" in line and "time" in line
