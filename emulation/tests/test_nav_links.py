"""The navigation's links, reversed once per process (emulation.context_processors.nav_urls), are each page's own
URL — also when the portal is served under a path prefix (SCRIPT_NAME) — and the current page is marked."""

import pytest
from django.urls import get_script_prefix, reverse, set_script_prefix

from emulation.context_processors import NAV_URLS, nav_urls


@pytest.mark.django_db
def test_every_navigation_link_is_its_pages_url_and_the_current_page_is_marked(world, login):
    world.admin.is_superuser = True
    world.admin.save()
    page = login(world.admin).get(reverse("campaigns:campaign_list")).content.decode()
    for view in NAV_URLS.values():
        if view != "indicators:data_entry":  # shown only to those who enter figures
            assert f'"{reverse(view)}' in page, view
    assert f'class="nav-link active" href="{reverse("campaigns:campaign_list")}"' in page
    staff = login(world.staff).get(reverse("home")).content.decode()
    assert f'href="{reverse("indicators:data_entry")}"' in staff
    assert 'aria-current="page" href="/"' in staff


def test_under_a_path_prefix_the_links_carry_it():
    """WSGIHandler sets the prefix from SCRIPT_NAME for each request; the links follow it."""
    before = get_script_prefix()
    try:
        set_script_prefix("/thi-dua/")
        assert nav_urls()["home_url"] == "/thi-dua/"
        assert nav_urls()["entry_url"] == reverse("indicators:data_entry")
        assert nav_urls()["entry_url"].startswith("/thi-dua/")
        set_script_prefix("/")
        assert nav_urls()["home_url"] == "/"
        assert not nav_urls()["entry_url"].startswith("/thi-dua")
    finally:
        set_script_prefix(before)


def test_cached_reverse_answers_as_reverse_and_follows_the_prefix():
    from emulation.lib.urls import cached_reverse

    before = get_script_prefix()
    try:
        for prefix in ("/", "/thi-dua/", "/"):
            set_script_prefix(prefix)
            for name, *args in (("indicators:submission_detail", 12), ("indicators:period_detail", 3), ("home",)):
                assert cached_reverse(name, *args) == reverse(name, args=args)
                assert cached_reverse(name, *args).startswith(prefix)
    finally:
        set_script_prefix(before)
