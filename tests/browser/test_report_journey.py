"""Issue 7's report journey: Ban TĐKT of province A requests the annual report in the browser, a real Celery worker
on Redis produces it while the page's progress bar moves, and Ban TĐKT downloads the PDF and the Excel.

The live server runs in this process with eager tasks (emulation.test_settings); for this test it sends the job to
Redis, on a queue of its own that only the worker started here consumes. The worker is another process, so this
needs PostgreSQL and Redis: CI runs it, locally it skips without them.
"""

import datetime as dt
import io
import time
from decimal import Decimal

import openpyxl
import pytest

from emulation.reports.models import Report
from indicators.models import Submission, Value
from indicators.tests.factories import make_setup
from tests.workers import new_queue, require_postgresql, start_worker, stop_worker, worker_env

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "MatKhau@2025"  # campaigns.tests.factories.UserFactory
# The award sheets are three since the report counts the period's dossiers and decisions apart (issue 14).
SHEETS = [
    "Tổng hợp",
    "Chi tiết theo đơn vị",
    "Tình hình gửi báo cáo",
    "Khen thưởng",
    "Hồ sơ khen thưởng",
    "Quyết định khen thưởng",
]


@pytest.fixture
def worker_queue(redis_url, settings, tmp_path, collected_static):
    """Start the worker, and make the live server (this process) enqueue to its queue on Redis; undo both after."""
    require_postgresql()
    from emulation.celery import app

    queue = new_queue("test-browser")
    media = tmp_path / "media"
    media.mkdir()
    # The live server reads the files the worker writes.
    changed = {"task_always_eager": False, "broker_url": redis_url, "task_default_queue": queue}
    # Read before the settings change: Celery reads its configuration from Django's settings lazily, so reading
    # after it would "restore" the changed value and leave later tests' tasks on the broker instead of in-process.
    previous = {name: app.conf[name] for name in changed}
    settings.MEDIA_ROOT = media
    settings.CELERY_TASK_ALWAYS_EAGER = False
    log = tmp_path / "worker.log"
    env = worker_env(media=media, static_root=collected_static, redis_url=redis_url)
    worker = start_worker(queue, env, log, pool="solo")
    app.conf.update(changed)
    try:
        yield queue, worker, log
    finally:
        app.conf.update(previous)
        stop_worker(worker)


@pytest.fixture
def figures(world):
    """Sở A's campaign of 2023 with phòng A's annual figures approved, so the report has something to say."""
    setup = make_setup(world)
    submission = Submission.objects.create(
        period=setup.annual, unit=world.phong_a, status="da_duyet", submitted_by=world.head
    )
    Value.objects.create(
        submission=submission, target=setup.rate, numerator=Decimal(45), denominator=Decimal(50), value=Decimal(90)
    )
    Value.objects.create(submission=submission, target=setup.count, value=Decimal(120))
    Value.objects.create(submission=submission, target=setup.task, value=Decimal(1), done_on=dt.date(2023, 3, 20))
    return setup


def _sign_in(page, live_server, user):
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")


def test_board_requests_the_annual_report_and_downloads_pdf_and_excel(
    world, figures, worker_queue, live_server, page, screenshot, axe
):
    queue, worker, log = worker_queue
    setup = figures
    _sign_in(page, live_server, world.board)
    page.goto(f"{live_server.url}/phong-trao/{setup.campaign.pk}/bao-cao/")
    page.get_by_text("Tạo báo cáo 6 tháng / báo cáo năm").click()
    page.get_by_label("Kỳ báo cáo").select_option(value=str(setup.annual.pk))
    page.get_by_label("IV. Đánh giá chung").fill("Các đơn vị cơ bản hoàn thành chỉ tiêu năm 2023.")
    # A signer is typed whole, title and name (a paper without either is refused).
    page.get_by_label("Chức danh người ký", exact=True).fill("GIÁM ĐỐC")
    page.get_by_label("Người ký", exact=True).fill("Nguyễn Văn Giám Đốc")
    screenshot(page, "report-request")
    axe(page, "report-request")
    page.get_by_role("button", name="Tạo báo cáo").click()
    page.wait_for_selector("text=Đã yêu cầu tạo báo cáo")
    report = Report.objects.get(campaign=setup.campaign, period=setup.annual)
    assert worker.poll() is None, log.read_text(errors="replace")

    # The page polls (htmx, every second): the bar moves forward until the report is done.
    seen: list[int] = []
    done = page.get_by_text("Báo cáo đã tạo xong")
    deadline = time.monotonic() + 90
    while not done.is_visible():
        assert time.monotonic() < deadline, f"the report never finished:\n{log.read_text(errors='replace')}"
        bar = page.locator("progress#tien-do-bao-cao")
        if bar.count():
            try:
                seen.append(int(bar.get_attribute("value", timeout=500)))
            except Exception:  # noqa: BLE001 - the bar was swapped out between the two calls
                pass
            if len(seen) == 1:
                screenshot(page, "report-progress")
                axe(page, "report-progress")
        page.wait_for_timeout(150)
    assert seen, "the progress bar was never shown"
    assert seen == sorted(seen), f"the bar went backwards: {seen}"
    report.refresh_from_db()
    assert (report.status, report.progress) == ("xong", 100), report.error
    screenshot(page, "report-done")
    axe(page, "report-done")

    with page.expect_download() as pdf:
        page.get_by_role("link", name="Tải PDF").click()
    data = pdf.value.path().read_bytes()
    assert data.startswith(b"%PDF"), data[:20]
    assert pdf.value.suggested_filename.endswith(".pdf")
    with page.expect_download() as xlsx:
        page.get_by_role("link", name="Tải Excel").click()
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx.value.path().read_bytes()))
    assert workbook.sheetnames == SHEETS
    assert report.downloads.filter(user=world.board).count() == 2
