"""Which Celery workers are alive, and whether this host sees the files they write.

Every worker writes a heartbeat into one Redis hash every WORKER_HEARTBEAT_SECONDS, from its own timer (the
`WorkerHeartbeat` bootstep of emulation/celery.py): it does not depend on beat, nor on a job being run. At
start-up it also writes a probe file into the media storage and puts the file's name and content in its
heartbeat. A web host reads both in /healthz: no fresh heartbeat means no worker; a probe it cannot read means
the worker writes report files into a folder this host does not see (web and worker hosts without shared media).

The hash is named after the database, so installations (and test runs) sharing one Redis do not see each
other's workers. Everything here is short timeouts and no exception for the caller who asks "is there a worker?"
on a page: the answer is then "unknown" (None).
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from functools import cache
from typing import TypedDict

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 2
# A heartbeat older than this is removed from the hash by the next worker that beats (a host long gone).
FORGET_AFTER_SECONDS = 7 * 24 * 3600


class Probe(TypedDict, total=False):
    probe: str  # the storage name of the worker's probe file ("" when it could not write one)
    token: str  # what the file holds
    probe_error: str  # why it could not write it


class Heartbeat(Probe, total=False):
    hostname: str
    at: float  # time.time() of the heartbeat
    age: float  # seconds since, when read


@cache
def _client(url: str):
    import redis

    return redis.Redis.from_url(url, socket_connect_timeout=TIMEOUT_SECONDS, socket_timeout=TIMEOUT_SECONDS)


def registry_key() -> str:
    return f"emulation:{connection.settings_dict['NAME']}:workers"


def probe_name(hostname: str) -> str:
    return f"_health/worker-{re.sub(r'[^A-Za-z0-9._-]+', '-', hostname)}.txt"


def applies() -> bool:
    """Workers exist only with a broker: without REDIS_URL (or with eager tasks) jobs run in the web process."""
    return bool(settings.REDIS_URL) and not settings.CELERY_TASK_ALWAYS_EAGER


# --- the worker's side --------------------------------------------------------------------------------------------


def write_probe(hostname: str) -> Probe:
    """Write this worker's probe file into the media storage (where its report files go)."""
    name, token = probe_name(hostname), uuid.uuid4().hex
    try:
        if default_storage.exists(name):
            default_storage.delete(name)
        saved = default_storage.save(name, ContentFile(token.encode()))
    except Exception as exc:  # noqa: BLE001 - a storage the worker cannot write to is what /healthz must show
        logger.warning("worker %s cannot write its media probe %s: %r", hostname, name, exc)
        return {"probe": "", "token": "", "probe_error": exc.__class__.__name__}
    return {"probe": saved, "token": token}


def ensure_probe(hostname: str, probe: Probe) -> Probe:
    """The worker's probe as it should be: written again when it is gone or holds something else (a restore of
    MEDIA_ROOT brings back older probe files; someone cleaned the folder)."""
    if probe.get("probe"):
        try:
            with default_storage.open(probe["probe"], "rb") as handle:
                if handle.read(200).decode(errors="replace").strip() == probe.get("token"):
                    return probe
        except Exception as exc:  # noqa: BLE001 - missing or unreadable: write it again
            logger.info("worker %s: its media probe %s is gone (%r); writing it again", hostname, probe["probe"], exc)
    return write_probe(hostname)


def beat(hostname: str, probe: Probe) -> None:
    """Record that `hostname` is alive now (and forget hosts silent for a week)."""
    client = _client(settings.REDIS_URL)
    now = time.time()
    client.hset(registry_key(), hostname, json.dumps({**probe, "at": now}))
    old = [host for host, entry in _parse(client.hgetall(registry_key()), now) if entry["age"] > FORGET_AFTER_SECONDS]
    if old:
        client.hdel(registry_key(), *old)


def forget(hostname: str) -> None:
    """A worker that stops cleanly takes itself off the list: /healthz knows at once that it is gone."""
    _client(settings.REDIS_URL).hdel(registry_key(), hostname)


# --- the reader's side --------------------------------------------------------------------------------------------


def _parse(raw: dict, now: float) -> list[tuple[str, Heartbeat]]:
    entries = []
    for host, value in raw.items():
        host = host.decode() if isinstance(host, bytes) else host
        try:
            entry = json.loads(value)
            entry["age"] = max(0.0, now - float(entry["at"]))
        except (ValueError, KeyError, TypeError):
            continue
        entry["hostname"] = host
        entries.append((host, entry))
    return entries


def heartbeats() -> list[Heartbeat]:
    """Every worker that ever beat (and was not forgotten), freshest first. Raises when Redis cannot be read."""
    entries = [entry for _, entry in _parse(_client(settings.REDIS_URL).hgetall(registry_key()), time.time())]
    return sorted(entries, key=lambda e: e["age"])


def alive(entries: list[Heartbeat]) -> list[Heartbeat]:
    return [e for e in entries if e["age"] <= settings.WORKER_STALE_SECONDS]


def queue_has_worker() -> bool | None:
    """True when a worker beat recently; False when none did; None when it does not apply or cannot be told."""
    if not applies():
        return None
    try:
        return bool(alive(heartbeats()))
    except Exception:  # noqa: BLE001 - Redis down: the page says nothing rather than fail
        return None


def last_seen_seconds() -> float | None:
    """How long ago the freshest worker beat; None when never (or unknown)."""
    try:
        entries = heartbeats()
    except Exception:  # noqa: BLE001
        return None
    return entries[0]["age"] if entries else None


def unreadable_probes(entries: list[Heartbeat]) -> dict[str, str]:
    """The workers among `entries` whose probe file this host cannot read, and why: their report files are not
    in this host's media storage either."""
    problems = {}
    for entry in entries:
        host = entry["hostname"]
        if not entry.get("probe"):
            problems[host] = f"the worker could not write to its media storage ({entry.get('probe_error', '?')})"
            continue
        try:
            with default_storage.open(entry["probe"], "rb") as handle:
                seen = handle.read(200).decode(errors="replace").strip()
        except FileNotFoundError:
            problems[host] = f"its probe file {entry['probe']} is not in this host's media storage"
            continue
        except Exception as exc:  # noqa: BLE001
            problems[host] = f"its probe file cannot be read here ({exc.__class__.__name__})"
            continue
        if seen != entry.get("token"):
            problems[host] = f"its probe file {entry['probe']} holds another content here (another media folder)"
    return problems


def media_problems(*, exclude: str = "") -> dict[str, str]:
    """`unreadable_probes` for the live workers (except `exclude`); {} when none or when Redis cannot be read."""
    if not settings.REDIS_URL:
        return {}
    try:
        entries = [e for e in alive(heartbeats()) if e["hostname"] != exclude]
    except Exception:  # noqa: BLE001 - /healthz reports Redis itself
        return {}
    return unreadable_probes(entries)
