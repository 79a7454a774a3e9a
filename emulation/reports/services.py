"""Requesting and producing reports. The job takes an id, re-fetches, and is idempotent: a redelivered job
whose report is already done does nothing; one that died half-way produces the files once.

A report never stays "Đang tạo" (docs/deploy.md, "Jobs and workers"):

- the running attempt holds a claim (a token on the row) and touches `heartbeat_at` every
  REPORT_HEARTBEAT_SECONDS from a thread of its own, also while WeasyPrint renders;
- a database error (a restart) in the job reconnects, then queues the report again or fails it with a message;
- `reports_sweep` (beat, every REPORT_SWEEP_SECONDS) queues again a running report whose heartbeat is older than
  REPORT_STALE_SECONDS — its worker died — and a queued report whose job is no longer in the queue; after
  REPORT_MAX_ATTEMPTS sends it fails it instead. Reports restored from a backup are such reports.
- two deliveries of one report never both run to the end: the second finds a live claim and stops, and an
  attempt whose claim was taken over stops at its next progress step without writing files.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import math
import threading
import time
import uuid
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.utils import timezone

from campaigns.models import Campaign, Cluster, ReportingPeriod, Role, Unit, User
from campaigns.scope import scope_for
from emulation.lib.errors import DomainError
from emulation.lib.paper import DocumentIncomplete
from emulation.reports.models import Report, ReportStatus

logger = logging.getLogger(__name__)

ANNEX_SUFFIX = "PhuLuc-ChiTietDonVi"  # BC-nam-2023-SoTTTT-BinhPhuoc-v2-PhuLuc-ChiTietDonVi.pdf
REQUESTERS = (Role.VAN_PHONG, Role.BAN_TDKT, Role.QUAN_TRI)
CLUSTER_REQUESTERS = (
    "Báo cáo so sánh các tỉnh của cụm, khối chỉ do Cụm trưởng, Cụm phó, cơ quan tổ chức cụm và Ban TĐKT yêu cầu."
)
QUEUE_DOWN = (
    "Hàng đợi tạo báo cáo tạm thời không hoạt động nên chưa tạo được báo cáo. Các chức năng khác vẫn dùng bình "
    "thường; vui lòng thử lại sau ít phút."
)
REQUEUED_AFTER_DB_ERROR = "Mất kết nối cơ sở dữ liệu giữa chừng; báo cáo đã được xếp hàng để tạo lại."
REQUEUED_AFTER_SILENCE = "Máy xử lý ngừng giữa chừng; báo cáo đã được xếp hàng để tạo lại."
REQUEUED_LOST = "Công việc tạo báo cáo không còn trong hàng đợi; báo cáo đã được xếp hàng lại."
# How long a job whose database went away waits for it to come back before it leaves the report to the sweep.
DB_WAIT_SECONDS = 60


class Superseded(Exception):
    """The sweep gave this report to another attempt: the one running stops without writing anything."""


def operators_alerted() -> str:
    """How an error logged by this module reaches an operator right now, in words a user reads ("" = nobody):
    read from the live logging set-up, so the report's message never claims a notification that is not sent."""
    from django.utils.log import AdminEmailHandler, RequireDebugFalse

    handlers, node = [], logger
    while node is not None:
        handlers += node.handlers
        node = node.parent if node.propagate else None

    def mails(handler: logging.Handler) -> bool:
        muted = settings.DEBUG and any(isinstance(f, RequireDebugFalse) for f in handler.filters)
        return isinstance(handler, AdminEmailHandler) and handler.level <= logging.ERROR and not muted

    ways = []
    if settings.ADMINS and logger.isEnabledFor(logging.ERROR) and any(mails(h) for h in handlers):
        ways.append("thư điện tử")
    try:
        import sentry_sdk
    except ImportError:
        pass
    else:
        if sentry_sdk.get_client().is_active():
            ways.append("hệ thống theo dõi lỗi")
    return " và ".join(ways)


def failure_message(report_id: int, reason: str = "Không tạo được báo cáo do lỗi hệ thống.") -> str:
    """`reason`, then who knows about it — only someone who is really told — and what the user can do."""
    told = operators_alerted()
    if told:
        return f"{reason} Quản trị hệ thống đã được báo tự động qua {told}; vui lòng thử tạo lại sau ít phút."
    return (
        f"{reason} Lỗi được ghi vào nhật ký máy chủ nhưng không ai được báo tự động: vui lòng thử tạo lại; nếu "
        f"vẫn lỗi, hãy báo cho quản trị hệ thống kèm mã báo cáo số {report_id}."
    )


def may_request(user: User, campaign: Campaign) -> bool:
    """The campaign's own reports (the whole campaign, one unit): Văn phòng Sở and Ban TĐKT over its owner."""
    scope = scope_for(user)
    return scope.has_role(*REQUESTERS) and (scope.can_read(campaign.owner) or scope.can_manage(campaign.owner))


def campaign_clusters(campaign: Campaign) -> list[Cluster]:
    """The clusters a campaign can be reported for: those taking part in it, and the one that launched it."""
    clusters = {c.pk: c for c in campaign.participant_clusters.select_related("organiser")}
    if campaign.issuer_cluster_id and campaign.issuer_cluster_id not in clusters:
        clusters[campaign.issuer_cluster_id] = Cluster.objects.select_related("organiser").get(
            pk=campaign.issuer_cluster_id
        )
    return sorted(clusters.values(), key=lambda c: (-c.year, c.kind, c.number or 0, c.name))


def may_request_cluster(user: User, campaign: Campaign, cluster: Cluster) -> bool:
    """A cluster's report puts every member's figures side by side (issue 17: a member never reads another's): the
    Cụm trưởng and Cụm phó (their Văn phòng or lãnh đạo) and the organiser's office, who read every member's
    scores (emulation.clusters' `reads_all_scores`), and Ban TĐKT over the organiser or the campaign's owner."""
    from emulation.clusters.selectors import seat_for

    if seat_for(user=user, cluster=cluster).reads_all_scores:
        return True
    scope = scope_for(user)
    boards = [g for g in scope.grants if g.role == Role.BAN_TDKT]
    return any(cluster.organiser.path.startswith(g.unit_path) or campaign.owner.path.startswith(g.unit_path)
               for g in boards)  # fmt: skip


def clusters_for_request(user: User, campaign: Campaign) -> list[Cluster]:
    return [c for c in campaign_clusters(campaign) if may_request_cluster(user, campaign, c)]


def may_request_any(user: User, campaign: Campaign) -> bool:
    return may_request(user, campaign) or bool(clusters_for_request(user, campaign))


@transaction.atomic
def report_request(
    *,
    user: User | None,
    campaign: Campaign,
    period: ReportingPeriod,
    unit: Unit | None = None,
    cluster: Cluster | None = None,
    assessment: str = "",
    direction: str = "",
    signer_title: str = "",
    signer_name: str = "",
    number: str = "",
    recipients: str = "",
    scheduled: bool = False,
    with_annex: bool = False,
) -> Report:
    """Create the report row (a new version each time) and enqueue its job once the transaction commits."""
    if unit is not None and cluster is not None:
        raise DomainError("Chọn một đơn vị hoặc một cụm, khối, không chọn cả hai.")
    if cluster is not None:
        if cluster.pk not in {c.pk for c in campaign_clusters(campaign)}:
            raise DomainError("Cụm, khối này không tham gia phong trào.")
        if user is not None and not may_request_cluster(user, campaign, cluster):
            raise DomainError(CLUSTER_REQUESTERS)
    elif user is not None and not may_request(user, campaign):
        raise DomainError("Chỉ Văn phòng Sở và Ban TĐKT được yêu cầu tạo báo cáo.")
    if period.campaign_id != campaign.pk:
        raise DomainError("Kỳ báo cáo không thuộc phong trào này.")
    if user is not None:
        _check_rate(user)
    same = Report.objects.select_for_update().filter(campaign=campaign, period=period, unit=unit, cluster=cluster)
    version = (same.aggregate(v=Max("version"))["v"] or 0) + 1
    report = Report.objects.create(
        campaign=campaign,
        period=period,
        unit=unit,
        cluster=cluster,
        requested_by=user,
        scheduled=scheduled,
        version=version,
        assessment=assessment,
        direction=direction,
        signer_title=signer_title,
        signer_name=signer_name,
        number=number.strip(),
        recipients=recipients.strip(),
        with_annex=with_annex,
    )
    transaction.on_commit(lambda: enqueue(report.pk))
    return report


def _check_rate(user: User) -> None:
    """At most REPORT_RATE_LIMIT requests per person in REPORT_RATE_WINDOW_MINUTES, counted from the report rows
    themselves (exact, and it holds with Redis down). Requests the queue never took (failed, never run) do not
    count."""
    limit, minutes = settings.REPORT_RATE_LIMIT, settings.REPORT_RATE_WINDOW_MINUTES
    if limit <= 0:
        return
    # Two tabs of one person asking at the same moment queue up here instead of both passing at limit − 1.
    User.objects.select_for_update().filter(pk=user.pk).first()
    now = timezone.now()
    recent = list(
        Report.objects.filter(requested_by=user, created_at__gte=now - datetime.timedelta(minutes=minutes))
        .exclude(status=ReportStatus.LOI, attempts=0)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:limit]
    )
    if len(recent) < limit:
        return
    wait = max(1, math.ceil((recent[-1] + datetime.timedelta(minutes=minutes) - now).total_seconds() / 60))
    raise DomainError(
        f"Bạn đã yêu cầu tạo {limit} báo cáo trong {minutes} phút qua, mức tối đa cho mỗi người vì mỗi báo cáo "
        f"cần nhiều thời gian xử lý của máy chủ. Vui lòng thử lại sau khoảng {wait} phút; các báo cáo đã yêu cầu "
        "vẫn được tạo bình thường."
    )


def enqueue(report_id: int) -> None:
    """Send the job to the broker; if the broker is down, say so on the report instead of failing the page."""
    from emulation.reports.tasks import generate_report

    try:
        generate_report.apply_async(
            args=[report_id],
            retry=True,
            retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1},
        )
    except Exception:  # noqa: BLE001 - any broker failure: the report shows why, the portal keeps working
        logger.exception("could not enqueue report %s", report_id)
        Report.objects.filter(pk=report_id, status=ReportStatus.CHO).update(status=ReportStatus.LOI, error=QUEUE_DOWN)


def _progress(report_id: int, claim: str):
    def update(fraction: float, message: str) -> None:
        updated = Report.objects.filter(pk=report_id, claim=claim).update(
            progress=min(99, max(0, int(fraction * 100))), message=message[:255], heartbeat_at=timezone.now()
        )
        if not updated:
            raise Superseded

    return update


class _Heartbeat:
    """Touches the report's `heartbeat_at` every REPORT_HEARTBEAT_SECONDS while the job runs, from a thread
    (with its own database connection): rendering a large PDF is one long call without progress steps."""

    def __init__(self, report_id: int, claim: str):
        self.report_id, self.claim = report_id, claim
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"report-{report_id}-heartbeat", daemon=True)

    def __enter__(self) -> _Heartbeat:
        self.thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stopped.set()
        self.thread.join(timeout=10)

    def _run(self) -> None:
        try:
            while not self.stopped.wait(settings.REPORT_HEARTBEAT_SECONDS):
                try:
                    Report.objects.filter(pk=self.report_id, claim=self.claim, status=ReportStatus.DANG_CHAY).update(
                        heartbeat_at=timezone.now()
                    )
                except DatabaseError:
                    connection.close()  # a database restart: reconnect at the next beat
        finally:
            connection.close()  # this thread's own connection


def _last_sign():
    return Coalesce("heartbeat_at", "started_at", "created_at")


def _is_stale(report: Report, now: datetime.datetime | None = None) -> bool:
    last = report.heartbeat_at or report.started_at or report.created_at
    return last < (now or timezone.now()) - datetime.timedelta(seconds=settings.REPORT_STALE_SECONDS)


def _requeue(report: Report, message: str) -> None:
    """Inside a transaction holding the row: back to the queue, the running claim revoked, sent on commit."""
    report.status, report.claim, report.progress, report.message = ReportStatus.CHO, "", 0, message
    report.sends += 1
    report.heartbeat_at = timezone.now()
    report.save(update_fields=["status", "claim", "progress", "message", "sends", "heartbeat_at"])
    transaction.on_commit(partial(enqueue, report.pk))


def _fail(report: Report, error: str) -> None:
    report.status, report.claim, report.error = ReportStatus.LOI, "", error
    report.finished_at = timezone.now()
    report.save(update_fields=["status", "claim", "error", "finished_at"])


def _with_database(write):
    """Run `write` on a fresh connection, again every second while the database is away (a restart), for up to
    DB_WAIT_SECONDS; then give up (the sweep finds the report once the database is back)."""
    deadline = time.monotonic() + DB_WAIT_SECONDS
    while True:
        if not connection.in_atomic_block:
            connection.close()
        try:
            return write()
        except (OperationalError, InterfaceError):
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


def _claim(report_id: int, claim: str, worker: str, redelivered: bool) -> Report | None:
    """Take the report for this attempt, or None when there is nothing to do: it is finished, or a live attempt
    holds it. A delivery the broker restored (its worker presumably died, `redelivered`) waits up to
    REPORT_STALE_SECONDS for the holder's heartbeat to stop, then takes over; any other duplicate leaves at once."""
    patience = settings.REPORT_STALE_SECONDS + 2 * settings.REPORT_HEARTBEAT_SECONDS if redelivered else 0
    deadline = time.monotonic() + patience
    while True:
        with transaction.atomic():
            report = Report.objects.select_for_update().get(pk=report_id)
            if report.status in (ReportStatus.XONG, ReportStatus.LOI):
                return None
            # A running row without a claim is from before claims existed, or was set by hand: nobody holds it.
            held = report.status == ReportStatus.DANG_CHAY and bool(report.claim)
            if not held or _is_stale(report):
                if held and report.attempts >= settings.REPORT_MAX_ATTEMPTS:
                    logger.error("report %s: worker lost on attempt %s, giving up", report_id, report.attempts)
                    _fail(report, failure_message(report_id, _SILENT_FAILURE.format(n=report.attempts)))
                    return None
                report.status, report.claim = ReportStatus.DANG_CHAY, claim
                report.attempts += 1
                report.worker = worker[:255]
                report.started_at = report.heartbeat_at = timezone.now()
                report.progress, report.message, report.error = 1, "Bắt đầu", ""
                report.save()
                return report
        if time.monotonic() >= deadline:
            logger.info("report %s is being produced by another attempt; this delivery leaves it", report_id)
            return None
        time.sleep(1)


_SILENT_FAILURE = (
    "Không tạo được báo cáo: máy xử lý ngừng giữa chừng {n} lần (máy bị tắt, khởi động lại hoặc hết bộ nhớ)."
)


def report_run(report_id: int, *, worker: str = "", redelivered: bool = False) -> Report:
    """Produce the report's files. Safe to run twice: a finished report is left as it is, and a report another
    live attempt is producing is left to it.

    `worker` names the Celery worker running the job (its hostname); it is recorded with each attempt, so a
    finished report says which worker produced its files. `redelivered`: the broker handed this job out again
    (see `_claim`)."""
    from emulation.reports.data import build_report_data
    from emulation.reports.render import render_annex_pdf, render_report_pdf, render_report_xlsx

    claim = uuid.uuid4().hex
    report = _claim(report_id, claim, worker, redelivered)
    if report is None:
        return Report.objects.get(pk=report_id)
    progress = _progress(report.pk, claim)
    try:
        with _Heartbeat(report.pk, claim):
            if report.is_statistics:
                # Thông tư 02/2023/TT-BNV statistics: the same job, claim and files; other content.
                from emulation.reports.statistics.job import build_statistics_files

                pdf, xlsx = build_statistics_files(report, report.requested_by, progress)
                return _store(report_id, claim, worker, pdf, xlsx)
            # A cluster's report reads across its members whoever asked; the others read with the requester's scope
            # (a scheduled report: the campaign's Văn phòng Sở).
            if report.cluster_id:
                requester = report.requested_by
            else:
                requester = report.requested_by or _owner_office(report.campaign)
            # The data once, for every file: the PDF, the workbook and the annex say the same figures.
            data = build_report_data(
                campaign=report.campaign,
                period=report.period,
                user=requester,
                unit=report.unit,
                cluster=report.cluster,
                assessment=report.assessment,
                direction=report.direction,
                signer_title=report.signer_title,
                signer_name=report.signer_name,
                number=report.number,
                recipients=report.recipient_lines,
                progress=progress,
                complete=True,
                with_annex=report.with_annex,
            )
            progress(0.6, "Đang dựng tệp PDF")
            pdf = render_report_pdf(data)
            progress(0.7 if report.with_annex else 0.85, "Đang ghi tệp Excel")
            xlsx = render_report_xlsx(data)
            annex = None
            if report.with_annex:
                progress(0.75, "Đang dựng phụ lục chi tiết theo đơn vị (PDF)")
                annex = render_annex_pdf(data)
            return _store(report_id, claim, worker, pdf, xlsx, annex)
    except Superseded:
        logger.warning("report %s: attempt %s was superseded by the sweep; it stops", report_id, claim)
        return Report.objects.get(pk=report_id)
    except DocumentIncomplete as exc:
        # Not a fault of the system: the report lacks a signer or Nơi nhận and is not produced (NĐ 30/2020). The
        # report's page says what is missing; the office is notified (report_finished).
        logger.warning("report %s refused: %s", report_id, exc)
        _after_failure(report_id, claim, exc)
        return Report.objects.get(pk=report_id)
    except Exception as exc:
        logger.exception("report %s failed", report_id)
        _after_failure(report_id, claim, exc)
        if isinstance(exc, (OperationalError, InterfaceError)):
            # Recorded: queued again or failed with a message. Not re-raised, or Celery would log it twice.
            return Report.objects.get(pk=report_id)
        raise


def _store(report_id: int, claim: str, worker: str, pdf: bytes, xlsx: bytes, annex: bytes | None = None) -> Report:
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report_id)
        if report.status == ReportStatus.XONG:  # another delivery of the same job finished first
            return report
        if report.claim != claim:
            raise Superseded
        stem = report.file_stem
        report.pdf_file.save(f"{stem}.pdf", ContentFile(pdf), save=False)
        report.xlsx_file.save(f"{stem}.xlsx", ContentFile(xlsx), save=False)
        report.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
        report.xlsx_sha256 = hashlib.sha256(xlsx).hexdigest()
        if annex is not None:
            report.annex_file.save(f"{stem}-{ANNEX_SUFFIX}.pdf", ContentFile(annex), save=False)
            report.annex_sha256 = hashlib.sha256(annex).hexdigest()
        report.status, report.progress, report.message = ReportStatus.XONG, 100, "Đã xong"
        report.worker = worker[:255]
        report.claim = ""
        report.finished_at = report.heartbeat_at = timezone.now()
        report.save()
    return report


def _after_failure(report_id: int, claim: str, exc: Exception) -> None:
    """Record how the attempt ended — on a fresh connection, since a database restart closed the old one. A
    database error queues the report again (while sends remain); anything else fails it with a message."""
    lost_database = isinstance(exc, (OperationalError, InterfaceError))

    def write() -> None:
        with transaction.atomic():
            report = Report.objects.select_for_update().get(pk=report_id)
            if report.claim != claim or report.status != ReportStatus.DANG_CHAY:
                return  # the sweep already gave it to another attempt
            if lost_database and report.sends < settings.REPORT_MAX_ATTEMPTS:
                _requeue(report, REQUEUED_AFTER_DB_ERROR)
            elif isinstance(exc, DomainError):
                _fail(report, exc.message)
            elif isinstance(exc, DocumentIncomplete):
                hint = STATISTICS_SIGNER_HINT if report.is_statistics else SIGNER_HINT
                _fail(report, f"{exc} {hint}" if _lacks_signer(exc) else str(exc))
            else:
                _fail(report, failure_message(report_id))

    try:
        _with_database(write) if lost_database else write()
    except DatabaseError:
        logger.exception("report %s: could not record the failure; the sweep will", report_id)


SIGNER_HINT = (
    "Chọn người ký khi yêu cầu tạo báo cáo, đặt người ký báo cáo định kỳ của phong trào, hoặc khai báo người ký "
    "văn bản của Sở (trang đơn vị, mục Người ký văn bản) rồi tạo lại báo cáo."
)
# A statistics report belongs to no campaign: only the first and the last way apply.
STATISTICS_SIGNER_HINT = (
    "Chọn người ký khi yêu cầu tạo báo cáo thống kê, hoặc khai báo người ký văn bản của Sở (trang đơn vị, mục "
    "Người ký văn bản) rồi tạo lại báo cáo."
)


def _lacks_signer(exc: DocumentIncomplete) -> bool:
    return any("người ký" in what for what in exc.missing)


def reports_sweep(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Queue again, or fail, the reports that lost their job. Runs on beat every REPORT_SWEEP_SECONDS."""
    now = now or timezone.now()
    counts = {"requeued": 0, "failed": 0}
    silent = Report.objects.filter(status=ReportStatus.DANG_CHAY).alias(last=_last_sign())
    silent = silent.filter(last__lt=now - datetime.timedelta(seconds=settings.REPORT_STALE_SECONDS))
    for pk in silent.values_list("pk", flat=True):
        with transaction.atomic():
            report = Report.objects.select_for_update().get(pk=pk)
            if report.status != ReportStatus.DANG_CHAY or not _is_stale(report, now):
                continue  # it moved on since the query
            if report.sends < settings.REPORT_MAX_ATTEMPTS:
                logger.warning("report %s: no heartbeat since %s; queued again", pk, report.heartbeat_at)
                _requeue(report, REQUEUED_AFTER_SILENCE)
                counts["requeued"] += 1
            else:
                logger.error("report %s: no heartbeat since %s after %s sends; failed", pk, report.heartbeat_at,
                             report.sends)  # fmt: skip
                _fail(report, failure_message(pk, _SILENT_FAILURE.format(n=report.attempts)))
                counts["failed"] += 1
    waiting = Report.objects.filter(status=ReportStatus.CHO).alias(last=_last_sign())
    waiting = waiting.filter(last__lt=now - datetime.timedelta(seconds=settings.REPORT_QUEUED_STALE_SECONDS))
    # The sweep runs on a worker, so one is alive: a report still queued while the queue is empty has lost its
    # job (Redis emptied, a restore). A non-empty queue is a backlog: those jobs are still coming.
    if waiting.exists() and queue_length() == 0:
        for pk in waiting.values_list("pk", flat=True):
            with transaction.atomic():
                report = Report.objects.select_for_update().get(pk=pk)
                if report.status != ReportStatus.CHO:
                    continue
                if report.sends < settings.REPORT_MAX_ATTEMPTS:
                    logger.warning("report %s: queued but not in the queue; sent again", pk)
                    _requeue(report, REQUEUED_LOST)
                    counts["requeued"] += 1
                else:
                    logger.error("report %s: queued but not in the queue after %s sends; failed", pk, report.sends)
                    _fail(report, failure_message(pk, "Không tạo được báo cáo: công việc bị mất khỏi hàng đợi."))
                    counts["failed"] += 1
    return counts


def queue_length() -> int | None:
    """Jobs waiting in the default queue (None when the broker cannot say)."""
    from emulation.celery import app

    try:
        with app.connection_for_read() as conn:
            declared = conn.default_channel.queue_declare(queue=app.conf.task_default_queue, passive=True)
    except Exception:  # noqa: BLE001 - unknown: then nothing is sent again
        logger.warning("could not read the length of queue %s", app.conf.task_default_queue, exc_info=True)
        return None
    return declared.message_count


def _owner_office(campaign: Campaign) -> User | None:
    """Scheduled reports have no requester: they are built with the scope of the campaign's Văn phòng Sở."""
    from campaigns.models import RoleAssignment

    grant = (
        RoleAssignment.objects.valid_on(timezone.localdate())
        .filter(unit=campaign.owner, role__in=[Role.VAN_PHONG, Role.QUAN_TRI])
        .select_related("user")
        .first()
    )
    if grant is None:
        raise DomainError(f"{campaign.owner} chưa có tài khoản Văn phòng Sở để tạo báo cáo theo lịch.")
    return grant.user


def reports_due_today(*, today=None) -> list[Report]:
    """The daily job: on a period's due date, the province's report waits for Ban TĐKT (once per period)."""
    today = today or timezone.localdate()
    created = []
    for period in ReportingPeriod.objects.filter(due_date=today).select_related("campaign", "campaign__owner"):
        if period.campaign.status == "du_thao":
            continue
        exists = Report.objects.filter(period=period, unit=None, cluster=None, scheduled=True).exists()
        if not exists:
            created.append(report_request(user=None, campaign=period.campaign, period=period, scheduled=True))
    return created


def send_reminders(*, today=None) -> int:
    """E-mail the units that have not sent their figures 7 and 1 days before a due date. Once per unit."""
    import datetime

    from django.core.mail import send_mass_mail

    from campaigns.models import RoleAssignment
    from campaigns.selectors import campaign_expected_registrants
    from emulation.reports.models import ReminderSent
    from indicators.models import Submission, SubmissionStatus

    today = today or timezone.localdate()
    messages, sent = [], 0
    for days in settings.REPORT_REMINDER_DAYS:
        due = today + datetime.timedelta(days=days)
        for period in ReportingPeriod.objects.filter(due_date=due).select_related("campaign"):
            if period.campaign.status == "du_thao":
                continue
            done = set(
                Submission.objects.filter(
                    period=period, status__in=[SubmissionStatus.DA_GUI, SubmissionStatus.DA_DUYET]
                ).values_list("unit_id", flat=True)
            )
            units = [u for u in campaign_expected_registrants(campaign=period.campaign) if u.pk not in done]
            reminded = set(
                ReminderSent.objects.filter(period=period, days_before=days).values_list("unit_id", flat=True)
            )
            emails: dict[int, list[str]] = {}
            for grant in (
                RoleAssignment.objects.valid_on(today)
                .filter(unit__in=units, role__in=[Role.CAN_BO, Role.LANH_DAO])
                .select_related("user")
            ):
                if grant.user.email and grant.user.is_active:
                    emails.setdefault(grant.unit_id, []).append(grant.user.email)
            for unit in units:
                if unit.pk in reminded:
                    continue
                recipients = sorted(set(emails.get(unit.pk, [])))
                ReminderSent.objects.create(period=period, unit=unit, days_before=days, recipients=len(recipients))
                if recipients:
                    subject = f"Nhắc gửi {period} – còn {days} ngày"
                    body = (
                        f"Kính gửi {unit.name},\n\nĐơn vị chưa gửi {str(period).lower()} của phong trào "
                        f"“{period.campaign.title}”. Hạn gửi: {period.due_date:%d/%m/%Y}.\n\n"
                        "Vui lòng đăng nhập Cổng thi đua – khen thưởng để nhập và gửi số liệu.\n"
                    )
                    messages.append((subject, body, None, recipients))
                    sent += 1
    if messages:
        send_mass_mail(messages, fail_silently=False)
    return sent
