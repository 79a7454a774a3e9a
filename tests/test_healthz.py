import pytest
from django.db import OperationalError
from django.urls import reverse


@pytest.mark.django_db
def test_healthz_reports_database_up(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == {"ok": True}


@pytest.mark.django_db
def test_healthz_checks_redis_and_broker_when_configured(client, settings, redis_url, monkeypatch):
    from emulation.celery import app

    settings.REDIS_URL = redis_url
    monkeypatch.setattr(app.conf, "broker_url", redis_url)
    response = client.get(reverse("healthz"))
    assert response.status_code == 200, response.json()
    checks = response.json()["checks"]
    assert checks["redis"] == {"ok": True} and checks["broker"] == {"ok": True}


@pytest.mark.django_db
def test_healthz_is_503_when_redis_is_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["checks"]["redis"]["ok"] is False


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_is_unreachable(client, monkeypatch):
    from django.db.backends.base.base import BaseDatabaseWrapper

    def unreachable(self):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", unreachable)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"] == {"ok": False, "error": "OperationalError"}
