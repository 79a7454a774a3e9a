"""Issue 7's award journey: phòng A's staff prepares a dossier with two nominees (Tờ trình, Biên bản and each Mẫu 07
uploaded), the head sends it, Văn phòng Sở asks for a correction, the staff fixes it and the head sends it again,
Văn phòng accepts it, records the council's vote and the Quyết định, and the award appears in the nominee's history.

The world, a launched campaign of Sở A with its award form, quota and the vote rule of the catalogue are built with
the factories; every step a person takes goes through the browser.
"""

import pytest

from awards.catalogue import load_standards, load_vote_rules
from awards.models import AwardRecord, Dossier
from awards.tests.factories import make_award_form
from campaigns.models import AwardQuota
from campaigns.tests.factories import make_campaign

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "MatKhau@2025"  # campaigns.tests.factories.UserFactory
NOMINEES = ("Nguyễn Văn An", "Trần Thị Bích")


@pytest.fixture
def campaign(world):
    campaign = make_campaign(world.so_a, title="Phong trào thi đua Chuyển đổi số năm 2025")
    form = make_award_form()
    AwardQuota.objects.create(
        campaign=campaign, award_form=form, max_individual=15, max_collective=7, leader_share_max=40
    )
    load_vote_rules()  # Giấy khen của Giám đốc Sở: more than half of the council's total membership
    load_standards()  # an individual: "hoàn thành xuất sắc nhiệm vụ", no discipline (seed 004)
    world.staff.full_name = NOMINEES[0]
    world.staff.save()
    return campaign


def _sign_in(page, live_server, user):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")


def _pdf(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.4\n% " + name.encode() + b"\n")
    return str(path)


def _no_errors(page):
    page.wait_for_load_state()
    errors = page.locator(".alert-danger, .invalid-feedback").all_inner_texts()
    assert not errors, errors


def _add_nominee(page, tmp_path, name, *, person=None, birth_date, report):
    page.get_by_role("link", name="Thêm người, tập thể").first.click()
    page.get_by_label("Cá nhân").check()
    page.get_by_label("Hình thức đề nghị").select_option(value=str(make_award_form().pk))
    page.get_by_label("Họ và tên / tên tập thể").fill(name)
    if person is not None:
        page.get_by_label("Tài khoản (nếu có)").select_option(value=str(person.pk))
    page.get_by_label("Ngày sinh").fill(birth_date)
    page.get_by_label("Giới tính").select_option(label="Nam" if person else "Nữ")
    page.get_by_label("Chức vụ").fill("Chuyên viên")
    page.get_by_label("Đơn vị công tác").fill("Phòng CNTT tỉnh A")
    page.get_by_label("Xếp loại năm").select_option(value="xuat_sac")
    page.get_by_label("Quyền hạn, nhiệm vụ được giao").fill("Quản trị hệ thống một cửa điện tử của Sở.")
    page.get_by_label("Thành tích đạt được").fill("100 % hồ sơ công việc được xử lý trên môi trường mạng.")
    page.get_by_label("Báo cáo thành tích (Mẫu 07) đã ký, bản quét").set_input_files(_pdf(tmp_path, report))
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.wait_for_selector(f"text=Đã lưu {name}")


def test_dossier_from_draft_to_the_award_history(world, campaign, live_server, page, screenshot, axe, tmp_path):
    # Phòng A's staff opens the campaign's Khen thưởng tab and starts the end-of-year dossier.
    _sign_in(page, live_server, world.staff)
    page.goto(f"{live_server.url}/phong-trao/{campaign.pk}/khen-thuong/")
    axe(page, "dossier-tab-unit")
    create = page.get_by_role("region", name="Lập hồ sơ đề nghị khen thưởng")
    create.get_by_label("Đợt khen thưởng").select_option(label="Bình xét cuối năm")
    create.get_by_label("Năm", exact=True).select_option("2025")
    create.get_by_role("button", name="Lập hồ sơ").click()
    page.wait_for_selector("text=Đã lập hồ sơ")
    dossier = Dossier.objects.get(campaign=campaign, unit=world.phong_a)

    # Tờ trình and Biên bản, with their signed files.
    page.get_by_role("link", name="Sửa Tờ trình, Biên bản").click()
    page.get_by_label("Số Tờ trình").fill("01/TTr-CNTT")
    page.get_by_label("Ngày Tờ trình").fill("20/11/2025")
    page.get_by_label("Người ký Tờ trình").fill("Trần Văn Bình")
    page.get_by_label("Tờ trình đã ký", exact=True).set_input_files(_pdf(tmp_path, "to-trinh.pdf"))
    page.get_by_label("Ngày họp hội đồng đơn vị").fill("18/11/2025")
    page.get_by_label("Tổng số thành viên hội đồng").fill("7")
    page.get_by_label("Số thành viên có mặt").fill("7")
    page.get_by_label("Biên bản họp Hội đồng TĐKT đã ký").set_input_files(_pdf(tmp_path, "bien-ban.pdf"))
    screenshot(page, "dossier-documents-form")
    axe(page, "dossier-documents-form")
    page.get_by_role("button", name="Lưu").click()
    _no_errors(page)
    page.wait_for_selector("text=Đã lưu Tờ trình và Biên bản")

    # Two nominees, each with a signed Mẫu 07; the first has an account, so the award reaches her history.
    _add_nominee(page, tmp_path, NOMINEES[0], person=world.staff, birth_date="1988-03-12", report="mau-07-an.pdf")
    axe(page, "dossier-nominee-saved")
    page.get_by_role("link", name="Thêm người, tập thể").first.click()
    axe(page, "dossier-nominee-form")
    page.go_back()
    _add_nominee(page, tmp_path, NOMINEES[1], birth_date="1990-07-01", report="mau-07-bich.pdf")
    assert dossier.nominees.count() == 2
    checks = page.locator("section[aria-labelledby=kiem-tra]")
    assert checks.locator(".list-group-item-danger").count() == 0, checks.inner_text()
    screenshot(page, "dossier-draft")

    # The staff cannot send: the head does.
    assert page.get_by_role("button", name="Gửi Văn phòng Sở").count() == 0
    _sign_in(page, live_server, world.head)
    page.goto(f"{live_server.url}/ho-so/{dossier.pk}/")
    page.get_by_role("button", name="Gửi Văn phòng Sở").click()
    page.wait_for_selector("text=Đã gửi hồ sơ tới Văn phòng Sở")
    assert Dossier.objects.get(pk=dossier.pk).status == "da_gui"

    # Văn phòng Sở takes it from the queue and asks for a correction of the Tờ trình and of the second nominee.
    _sign_in(page, live_server, world.office)
    page.goto(f"{live_server.url}/phong-trao/{campaign.pk}/khen-thuong/")
    screenshot(page, "dossier-queue-office")
    axe(page, "dossier-queue-office")
    page.get_by_role("link", name=f"Thẩm định của {world.phong_a.name}").click()
    page.get_by_role("button", name="Nhận thẩm định").click()
    page.wait_for_selector("text=Đã nhận hồ sơ để thẩm định")
    page.get_by_label("Về Tờ trình").fill("Số Tờ trình phải theo ký hiệu của Sở: 01/TTr-PCNTT.")
    page.get_by_label(f"Về {NOMINEES[1]}").fill("Bổ sung tóm tắt thành tích.")
    screenshot(page, "dossier-review")
    axe(page, "dossier-review")
    page.get_by_role("button", name="Trả hồ sơ, yêu cầu bổ sung").click()
    page.wait_for_selector("text=Đã trả hồ sơ cho đơn vị kèm yêu cầu bổ sung")
    assert Dossier.objects.get(pk=dossier.pk).status == "yeu_cau_bo_sung"

    # The staff sees the requests and fixes both; the head sends the dossier again.
    _sign_in(page, live_server, world.staff)
    page.goto(f"{live_server.url}/ho-so/{dossier.pk}/")
    requests = page.locator(".alert-warning").inner_text()
    assert "01/TTr-PCNTT" in requests and "Bổ sung tóm tắt thành tích" in requests
    screenshot(page, "dossier-returned")
    axe(page, "dossier-returned")
    page.get_by_role("link", name="Sửa Tờ trình, Biên bản").click()
    page.get_by_label("Số Tờ trình").fill("01/TTr-PCNTT")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_selector("text=Đã lưu Tờ trình và Biên bản")
    page.get_by_role("link", name=f"Sửa {NOMINEES[1]}").click()
    page.get_by_label("Tóm tắt thành tích").fill("Chuyên viên xuất sắc năm 2025; chữ ký số cho 100 % cán bộ.")
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.wait_for_selector(f"text=Đã lưu {NOMINEES[1]}")
    _sign_in(page, live_server, world.head)
    page.goto(f"{live_server.url}/ho-so/{dossier.pk}/")
    page.get_by_role("button", name="Gửi lại Văn phòng Sở").click()
    page.wait_for_selector("text=Đã gửi hồ sơ tới Văn phòng Sở")

    # Văn phòng Sở accepts it.
    _sign_in(page, live_server, world.office)
    page.goto(f"{live_server.url}/ho-so/{dossier.pk}/")
    page.get_by_role("button", name="Nhận thẩm định").click()
    page.get_by_role("button", name="Công nhận hồ sơ hợp lệ").click()
    page.wait_for_selector("text=Đã công nhận hồ sơ hợp lệ")
    assert Dossier.objects.get(pk=dossier.pk).submission_number == "01/TTr-PCNTT"
    screenshot(page, "dossier-accepted")
    axe(page, "dossier-accepted")

    # The council meets; Văn phòng records its vote (7 members: 6 for each nominee passes).
    page.goto(f"{live_server.url}/hoi-dong/tao/")
    page.get_by_label("Phong trào").select_option(value=str(campaign.pk))
    # Before the Quyết định below: a decision dated before the council's meeting is refused.
    page.locator("input[name=held_on]").fill("05/12/2025")
    page.get_by_label("Tổng số thành viên hội đồng").fill("7")
    page.get_by_label("Số thành viên có mặt").fill("6")
    # The attendance list as the Biên bản prints it: seven members by name, the chair and the secretary with
    # their chức vụ, one member absent.
    members = [
        ("Lê Văn Giám Đốc", "Giám đốc Sở, Chủ tịch Hội đồng", "chu_tri"),
        ("Phạm Thị Thư", "Chánh Văn phòng Sở, Ủy viên thư ký", "thu_ky"),
        *[(f"Thành viên {n}", "Ủy viên Hội đồng", "thanh_vien") for n in range(3, 8)],
    ]
    for row, (name, position, role) in enumerate(members, start=1):
        page.get_by_label(f"Họ và tên – dòng {row}", exact=True).fill(name)
        page.get_by_label(f"Chức vụ – dòng {row}", exact=True).fill(position)
        page.get_by_label(f"Vai trò – dòng {row}", exact=True).select_option(role)
        if not page.get_by_label(f"Thành viên hội đồng – dòng {row}", exact=True).is_checked():
            page.get_by_label(f"Thành viên hội đồng – dòng {row}", exact=True).check()
        present = page.get_by_label(f"Có mặt – dòng {row}", exact=True)
        present.set_checked(row != 7)
    axe(page, "meeting-form")
    page.get_by_role("button", name="Lập phiên họp").click()
    page.wait_for_selector("text=Đã lập phiên họp")
    for name, against in zip(NOMINEES, ("1", "0"), strict=True):
        page.get_by_label(f"Đồng ý – {name}", exact=True).fill("6")
        page.get_by_label(f"Không đồng ý – {name}", exact=True).fill(against)
    page.get_by_role("button", name="Lưu kết quả biểu quyết").click()
    page.wait_for_selector("text=Đã ghi kết quả biểu quyết cho 2 người, tập thể")
    assert page.locator("main .badge", has_text="Đạt").count() == 2
    screenshot(page, "meeting-votes")
    axe(page, "meeting-votes")

    # A council member reads the result but has nothing to type.
    meeting_url = page.url
    _sign_in(page, live_server, world.council)
    page.goto(meeting_url)
    assert page.locator("main .badge", has_text="Đạt").count() == 2
    assert page.locator("main input[type=number]").count() == 0
    axe(page, "meeting-council-member")

    # Văn phòng records the Giám đốc's Quyết định for both.
    _sign_in(page, live_server, world.office)
    page.goto(meeting_url)
    page.get_by_role("link", name="Lập quyết định, tờ trình").click()
    page.get_by_label("Số, ký hiệu").fill("125/QĐ-STTTT")
    page.get_by_label("Ngày ký").fill("10/12/2025")
    page.locator("#id_signer").fill("Lê Văn Giám Đốc")
    for name in NOMINEES:
        page.get_by_label(name).check()
    screenshot(page, "decision-form")
    axe(page, "decision-form")
    page.get_by_role("button", name="Ghi văn bản").click()
    _no_errors(page)
    page.wait_for_selector("text=Đã ghi quyết định khen thưởng số 125/QĐ-STTTT")
    screenshot(page, "decision-detail")
    axe(page, "decision-detail")
    assert AwardRecord.objects.filter(person=world.staff).count() == 1
    assert Dossier.objects.get(pk=dossier.pk).status == "da_quyet_dinh"

    # The award is in the nominee's own history.
    _sign_in(page, live_server, world.staff)
    page.goto(f"{live_server.url}/lich-su/nguoi/{world.staff.pk}/")
    history = page.locator("main").inner_text()
    assert "Giấy khen của Giám đốc Sở" in history and "125/QĐ-STTTT" in history, history
    screenshot(page, "award-history")
    axe(page, "award-history")
