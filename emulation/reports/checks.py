"""Start-up check (`manage.py check --deploy`, the web's ExecStartPre): the live workers write report files where
this host can read them. A worker on a host without the shared media produces reports whose links 404 here."""

from __future__ import annotations

from django.core.checks import Warning, register


@register("reports", deploy=True)
def check_media_shared_with_workers(app_configs=None, **kwargs) -> list[Warning]:
    from emulation import workers

    return [
        Warning(
            f"Worker {host} writes report files where this host cannot read them: {problem}.",
            hint="Mount the same MEDIA_ROOT on every web, worker and nginx host (or use MEDIA_STORAGE=s3); "
            "docs/deploy.md, 'Several machines'. /healthz shows the same under checks.media.",
            id="reports.W001",
        )
        for host, problem in sorted(workers.media_problems().items())
    ]
