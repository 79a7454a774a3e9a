"""The Celery app. Without REDIS_URL tasks run in-process (settings: CELERY_TASK_ALWAYS_EAGER).

Every worker also runs `WorkerHeartbeat`: /healthz and the report page learn from it whether any worker is alive,
and whether this host sees the files workers write (emulation/workers.py).
"""

import logging
import os

from celery import Celery, bootsteps

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")

logger = logging.getLogger("emulation.workers")

app = Celery("emulation")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


class WorkerHeartbeat(bootsteps.StartStopStep):
    """On the worker's own timer (its event loop), not beat's: a heartbeat says the worker process is up and
    connected, whether or not beat runs and whether or not it has a job. At start-up it also writes the media
    probe and warns when the other live workers' probes are not visible from here."""

    requires = {"celery.worker.components:Timer"}
    # Every this many heartbeats the worker checks that its probe file is still its own (after a restore).
    PROBE_CHECK_EVERY = 6

    def __init__(self, worker, **kwargs):
        super().__init__(worker, **kwargs)
        self.tref = None
        self.probe = {}
        self.beats = 0

    def start(self, worker) -> None:
        from django.conf import settings

        from emulation import workers

        if not settings.REDIS_URL:
            return
        self.probe = workers.write_probe(worker.hostname)
        for host, problem in workers.media_problems(exclude=worker.hostname).items():
            logger.warning(
                "worker %s does not share the media storage with worker %s: %s. Report files one of them writes "
                "cannot be downloaded through a web host that sees only the other (docs/deploy.md, "
                "'Several machines').",
                worker.hostname,
                host,
                problem,
            )
        self.beat(worker)
        self.tref = worker.timer.call_repeatedly(settings.WORKER_HEARTBEAT_SECONDS, self.beat, (worker,), priority=10)

    def beat(self, worker) -> None:
        from emulation import workers

        self.beats += 1
        try:
            if self.beats % self.PROBE_CHECK_EVERY == 0:
                self.probe = workers.ensure_probe(worker.hostname, self.probe)
            workers.beat(worker.hostname, self.probe)
        except Exception as exc:  # noqa: BLE001 - Redis away: the next beat tries again
            logger.warning("worker %s could not write its heartbeat: %r", worker.hostname, exc)

    def stop(self, worker) -> None:
        from django.conf import settings

        from emulation import workers

        if self.tref is not None:
            self.tref.cancel()
            self.tref = None
        if settings.REDIS_URL:
            try:
                workers.forget(worker.hostname)
            except Exception as exc:  # noqa: BLE001 - its heartbeat then goes stale on its own
                logger.warning("worker %s could not remove its heartbeat: %r", worker.hostname, exc)


app.steps["worker"].add(WorkerHeartbeat)
