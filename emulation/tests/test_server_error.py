"""While the database cannot be reached the user gets a 503 in Vietnamese that says to retry, not a bare 500."""

import pytest
from django.db import OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_no_raise():
    return Client(raise_request_exception=False)


def test_a_lost_database_connection_is_a_503_asking_to_retry(client_no_raise, world, monkeypatch):
    client_no_raise.force_login(world.staff)

    def gone(user):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("emulation.views.inbox_for", gone)
    response = client_no_raise.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    text = response.content.decode()
    assert "Hệ thống tạm thời gián đoạn" in text and "mở lại trang" in text


def test_any_other_error_is_the_500_page(client_no_raise, world, monkeypatch):
    client_no_raise.force_login(world.staff)

    def broken(user):
        raise ValueError("bug")

    monkeypatch.setattr("emulation.views.inbox_for", broken)
    response = client_no_raise.get("/")
    assert response.status_code == 500
    assert "Đã có lỗi xảy ra" in response.content.decode()
