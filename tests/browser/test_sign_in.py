"""A person signs in through the real form and sees their own home page, on a desktop and on a phone."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "MatKhau@2025"  # campaigns.tests.factories.UserFactory


def _sign_in(page, live_server, username, password=PASSWORD):
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


@pytest.mark.parametrize("persona", ["staff", "office"])
def test_each_role_sees_its_own_home_page(persona, world, live_server, page, screenshot, axe):
    user = getattr(world, persona)
    user.full_name = {"staff": "Nguyễn Văn An", "office": "Lê Văn Cường"}[persona]
    user.save()
    _sign_in(page, live_server, user.username)
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("heading", level=1).inner_text() == f"Xin chào, {user.full_name}"
    roles = page.locator("#vai-tro").locator("..").locator("..").inner_text()
    expected = {"staff": ("Cán bộ đơn vị", world.phong_a.name), "office": ("Văn phòng Sở", world.so_a.name)}[persona]
    assert all(text in roles for text in expected)
    screenshot(page, f"home-{persona}")
    axe(page, f"home-{persona}")
    page.get_by_role("link", name="Đơn vị").first.click()
    body = page.locator("main").inner_text()
    assert world.phong_a.name in body and world.phong_b.name not in body
    screenshot(page, f"units-{persona}")
    axe(page, f"units-{persona}")


def test_wrong_password_is_explained_in_vietnamese(world, live_server, page, screenshot, axe):
    _sign_in(page, live_server, world.staff.username, "sai-mat-khau")
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in page.locator("main").inner_text()
    assert page.get_by_label("Tên đăng nhập").input_value() == world.staff.username
    screenshot(page, "login-error")
    axe(page, "login-error")


def test_home_page_works_on_a_phone(world, live_server, make_page, screenshot, axe):
    page = make_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    axe(page, "login-phone")
    _sign_in(page, live_server, world.office.username)
    page.wait_for_url(f"{live_server.url}/")
    # The navigation collapses behind the menu button and opens on tap.
    menu = page.get_by_role("button", name="Mở menu")
    assert menu.is_visible()
    menu.click()
    page.wait_for_selector("#nav-chinh.show")
    page.get_by_role("link", name="Cụm, khối thi đua").first.wait_for(state="visible")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    screenshot(page, "home-office-phone")
    axe(page, "home-office-phone")
