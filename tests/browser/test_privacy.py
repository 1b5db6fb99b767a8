"""Visitors may be watched: public pages talk to no one else and leave no cookies behind."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import HOST_PAGES, PAGE_PASSWORD, PUBLIC_PAGES, open_tab

# pytest-django sets up the test database for these; see conftest.py.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def tour(browser, demo_site):
    """One visitor's way through every public page, in one browser context."""
    context, visit = open_tab(browser, demo_site)
    requests = {}
    for _name, path in PUBLIC_PAGES:
        visit.requests.clear()
        # Until the network has been quiet for a moment: deferred scripts have run by then.
        visit.open(path, wait_until="networkidle")
        requests[path] = list(visit.requests)
    yield {
        "requests": requests,
        "cookies": context.cookies(),
        "document.cookie": visit.page.evaluate("document.cookie"),
    }
    context.close()


def test_public_pages_make_no_third_party_requests(tour, demo_site):
    assert all(tour["requests"].values()), "a page recorded no request at all"
    elsewhere = {
        path: [url for url in urls if urlsplit(url).netloc != demo_site.host]
        for path, urls in tour["requests"].items()
    }
    assert not any(elsewhere.values()), f"requests to other hosts, by page: {elsewhere}"


def test_public_pages_set_no_cookies(tour):
    assert tour["cookies"] == []
    assert tour["document.cookie"] == ""


@pytest.mark.usefixtures("password_page")
def test_the_pages_rendered_around_the_package_set_no_cookies(tab):
    for _name, path, status in HOST_PAGES:
        tab.open(path, status=status, wait_until="networkidle")
    assert tab.page.context.cookies() == []
    assert tab.page.evaluate("document.cookie") == ""


def test_only_the_right_password_sets_a_cookie_and_only_for_the_browser_session(tab, password_page):
    page = tab.open(password_page)
    page.get_by_label("Salasana").fill("väärä")
    page.get_by_role("button", name="Jatka").click()
    expect(page.locator(".errorlist")).to_be_visible()
    assert page.context.cookies() == []

    page.get_by_label("Salasana").fill(PAGE_PASSWORD)
    page.get_by_role("button", name="Jatka").click()
    page.wait_for_url(tab.site.url + password_page)
    expect(page.locator("h1")).to_have_text(
        "Palvelujen jatkuvuus auttamisjärjestelmän ja kunnan välillä"
    )
    [cookie] = page.context.cookies()
    assert cookie["name"] == "sessionid"
    assert cookie["expires"] == -1, "the session should end when the browser closes"
