#!/usr/bin/env python3
"""Health probe for systemd and compose.

    healthcheck.py [--url URL] [--wait SECONDS]   GET the web's /healthz (default http://127.0.0.1:8000/healthz)
    healthcheck.py --direct                       run the same checks in-process (database, Redis, broker),
                                                  and that collectstatic ran on this host

The HTTP probe sends the first ALLOWED_HOSTS name as Host (Django refuses other hosts) and
`X-Forwarded-Proto: https`. `--direct` is for hosts without the web process (a worker's ExecStartPre): it answers
whether this host can reach PostgreSQL and Redis before Celery starts, and whether the static files manifest
(STATIC_ROOT/staticfiles.json) is there: without it a worker fails every PDF ("Missing staticfiles manifest
entry"), so it must not start. Exit status 0 = healthy.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def _host() -> str:
    hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip() and h.strip() != "*"]
    return hosts[0].lstrip(".") if hosts else "localhost"


def probe_http(url: str) -> tuple[bool, str]:
    request = urllib.request.Request(url, headers={"Host": _host(), "X-Forwarded-Proto": "https"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - our own URL
            return response.status == 200, response.read().decode(errors="replace")
    except urllib.error.HTTPError as exc:
        return False, f"HTTP {exc.code}: {exc.read().decode(errors='replace')[:500]}"
    except (urllib.error.URLError, OSError) as exc:
        return False, str(exc)


def probe_direct() -> tuple[bool, str]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")
    import django

    django.setup()
    from emulation.health import run_checks

    results = run_checks()
    results["static"] = check_static_manifest()
    return all(r["ok"] for r in results.values()), json.dumps(results)


def check_static_manifest() -> dict[str, object]:
    """With the manifest storage of production, `{% static %}` needs STATIC_ROOT/staticfiles.json (collectstatic)."""
    from django.contrib.staticfiles.storage import ManifestFilesMixin
    from django.core.files.storage import storages

    storage = storages["staticfiles"]
    if not isinstance(storage, ManifestFilesMixin):
        return {"ok": True}  # DEBUG: files are served from the source folders
    if storage.manifest_storage.exists(storage.manifest_name):
        return {"ok": True}
    missing = Path(storage.manifest_storage.location) / storage.manifest_name
    return {"ok": False, "error": f"{missing} is missing: run `manage.py collectstatic` on this host"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("HEALTHCHECK_URL", "http://127.0.0.1:8000/healthz"))
    parser.add_argument("--wait", type=float, default=0, help="retry for this many seconds before failing")
    parser.add_argument("--direct", action="store_true", help="check the services in-process, not over HTTP")
    args = parser.parse_args()
    deadline = time.monotonic() + args.wait
    while True:
        ok, detail = probe_direct() if args.direct else probe_http(args.url)
        if ok or time.monotonic() >= deadline:
            break
        time.sleep(1)
    print(("healthy: " if ok else "UNHEALTHY: ") + detail, file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
