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


# --- workers and shared media -------------------------------------------------------------------------------------


@pytest.fixture
def production_like(settings, redis_url, monkeypatch):
    """A broker, tasks not eager, and no worker known yet for this test database."""
    from emulation import workers
    from emulation.celery import app

    settings.REDIS_URL = redis_url
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(app.conf, "broker_url", redis_url)
    workers._client(redis_url).delete(workers.registry_key())
    yield workers
    workers._client(redis_url).delete(workers.registry_key())


@pytest.mark.django_db
def test_healthz_with_no_worker_is_degraded_and_503_when_strict(client, production_like):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200  # the web itself is up: systemd and compose may call it started
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["redis"] == {"ok": True} and body["checks"]["broker"] == {"ok": True}
    assert body["checks"]["worker"]["ok"] is False and "no heartbeat ever" in body["checks"]["worker"]["error"]
    assert client.get(reverse("healthz") + "?strict=1").status_code == 503


@pytest.mark.django_db
def test_healthz_with_a_worker_gone_silent_names_its_last_heartbeat(client, production_like, settings):
    import json
    import time

    workers = production_like
    stale = time.time() - settings.WORKER_STALE_SECONDS - 30
    workers._client(settings.REDIS_URL).hset(workers.registry_key(), "worker@may-1", json.dumps({"at": stale}))
    check = client.get(reverse("healthz")).json()["checks"]["worker"]
    assert check["ok"] is False and "last heartbeat" in check["error"]


@pytest.mark.django_db
def test_healthz_with_a_live_worker_sharing_the_media_is_ok(client, production_like):
    workers = production_like
    workers.beat("worker@may-1", workers.write_probe("worker@may-1"))
    response = client.get(reverse("healthz") + "?strict=1")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["worker"]["ok"] is True and body["checks"]["worker"]["workers"] == ["worker@may-1"]
    assert body["checks"]["media"] == {"ok": True}


@pytest.mark.django_db(transaction=True)
def test_healthz_and_the_start_up_check_see_a_worker_with_a_media_folder_of_its_own(
    client, production_like, redis_url, tmp_path, collected_static
):
    """A real worker on "another host": its MEDIA_ROOT is not this web's. /healthz and `check --deploy` say so;
    the worker stopping cleanly takes itself off the list."""
    from django.core.checks import run_checks

    from tests.workers import log_text, new_queue, require_postgresql, start_worker, stop_worker, wait_for, worker_env

    require_postgresql()
    workers = production_like
    # A worker on this host (it shares the web's media folder) is alive already.
    workers.beat("worker@host-a", workers.write_probe("worker@host-a"))
    queue = new_queue("test-media")
    env = worker_env(media=tmp_path / "media-of-host-b", static_root=collected_static, redis_url=redis_url)
    log = tmp_path / "worker.log"
    worker = start_worker(queue, env, log, name="host-b")
    try:
        seen = wait_for(lambda: any(e["hostname"].startswith("host-b@") for e in workers.heartbeats()), 60, 0.2)
        assert seen, log_text(log)[-3000:]
        response = client.get(reverse("healthz"))
        body = response.json()
        assert response.status_code == 200 and body["status"] == "degraded", body
        assert body["checks"]["worker"]["ok"] is True
        media = body["checks"]["media"]
        assert media["ok"] is False and "media not shared" in media["error"]
        [(host, problem)] = media["workers"].items()
        assert host.startswith("host-b@") and "not in this host's media storage" in problem
        assert client.get(reverse("healthz") + "?strict=1").status_code == 503

        warnings = [m for m in run_checks(include_deployment_checks=True) if m.id == "reports.W001"]
        assert len(warnings) == 1 and host in warnings[0].msg
        # The worker itself warned at start-up: it cannot see the probe of the worker already running.
        assert "does not share the media storage with worker worker@host-a" in log_text(log)
    finally:
        stop_worker(worker)
    # A clean stop removes the worker's heartbeat.
    assert [e["hostname"] for e in workers.heartbeats()] == ["worker@host-a"]


@pytest.mark.django_db
def test_a_worker_writes_its_probe_again_when_a_restore_brought_back_an_old_one(client, production_like):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    workers = production_like
    probe = workers.write_probe("worker@may-1")
    workers.beat("worker@may-1", probe)
    default_storage.delete(probe["probe"])
    default_storage.save(probe["probe"], ContentFile(b"the token of the day of the backup"))
    assert client.get(reverse("healthz")).json()["checks"]["media"]["ok"] is False

    fresh = workers.ensure_probe("worker@may-1", probe)  # what the worker's heartbeat does every minute
    assert fresh["token"] != probe["token"]
    workers.beat("worker@may-1", fresh)
    assert client.get(reverse("healthz")).json()["checks"]["media"] == {"ok": True}
