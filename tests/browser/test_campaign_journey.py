"""Issue 3's journey: Văn phòng Sở opens seed 003's plan, copies it to a 2026 draft, edits, launches it;
a unit head registers."""

import pytest

from campaigns import demo, demo_campaigns
from campaigns.catalogue import load_catalogue
from campaigns.demo import DEMO_PASSWORD
from campaigns.models import Campaign, Registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeds(settings):
    settings.DEBUG = False
    demo.load()
    load_catalogue()
    demo_campaigns.load()


def _sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")


def test_copy_seed_003_to_2026_launch_and_register(seeds, live_server, page, screenshot, axe):
    _sign_in(page, live_server, "vanphong.bp")
    page.get_by_role("link", name="Phong trào thi đua").first.click()
    axe(page, "campaign-list")
    page.get_by_label("Tìm kiếm").fill("chuyen doi so 2022")
    page.get_by_role("button", name="Lọc").click()
    page.get_by_role("link", name="Chuyển đổi số giai đoạn 2022 - 2025").first.click()
    plan = page.locator("article.plan").inner_text()
    for section in (
        "Căn cứ ban hành",
        "I. Mục đích, yêu cầu",
        "II. Phạm vi, đối tượng và nội dung thi đua",
        "III. Tiêu chí thi đua",
        "IV. Hình thức và số lượng khen thưởng",
        "VI. Tiến độ thực hiện",
        "VII. Tổ chức thực hiện",
        "749/QĐ-TTg",
        "QĐ 26/2020/QĐ-UBND",
        "Nơi nhận:",
    ):
        assert section in plan, section
    screenshot(page, "campaign-seed-003")
    axe(page, "campaign-seed-003")

    page.get_by_role("link", name="Sao chép sang phong trào mới").click()
    page.get_by_label("Tên phong trào mới").fill("Phong trào thi đua Chuyển đổi số năm 2026")
    page.get_by_label("Bắt đầu").fill("01/01/2026")
    page.get_by_label("Kết thúc").fill("31/12/2026")
    page.get_by_role("button", name="Tạo dự thảo mới").click()
    page.wait_for_selector("text=Đã tạo dự thảo mới")
    draft = Campaign.objects.get(title="Phong trào thi đua Chuyển đổi số năm 2026")
    assert draft.status == "du_thao" and draft.legal_bases.count() > 0

    page.get_by_role("link", name="Sửa thông tin chung").click()
    axe(page, "campaign-form")
    page.get_by_label("Số, ký hiệu").fill("01/KH-UBND")
    page.get_by_label("Ngày ban hành").fill("05/01/2026")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_load_state()
    errors = page.locator(".invalid-feedback, .alert-danger").all_inner_texts()
    assert not errors, errors
    page.wait_for_selector("text=Đã lưu thông tin chung")
    page.get_by_role("button", name="Phát động").click()
    page.wait_for_selector("text=Phong trào chuyển sang “Đã phát động”")
    screenshot(page, "campaign-2026-launched")
    axe(page, "campaign-2026-launched")
    draft.refresh_from_db()
    assert draft.status == "da_phat_dong" and draft.number == "01/KH-UBND"

    page.context.clear_cookies()
    _sign_in(page, live_server, "lanhdao.bp")
    assert "Đăng ký thi đua cho" in page.locator("main").inner_text()
    page.goto(f"{live_server.url}/phong-trao/{draft.pk}/dang-ky/moi/")
    page.get_by_label("Nội dung đăng ký").first.fill("100 % hồ sơ công việc được xử lý trên môi trường mạng")
    page.get_by_label("Chỉ tiêu phấn đấu").first.fill("100 %")
    page.get_by_role("button", name="Đăng ký").click()
    page.wait_for_selector("text=Đơn vị đã đăng ký thi đua")
    screenshot(page, "campaign-2026-registrations")
    axe(page, "campaign-2026-registrations")
    assert Registration.objects.filter(campaign=draft, unit__code="binh-phuoc-cntt").exists()
