"""Every public page has a quick exit: visible, the first control after the skip link, and
leaving no way back to the site in the tab's history; without JavaScript, a plain link."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import HOST_PAGES, PAGE_KINDS, public_pages

# pytest-django sets up the test database for these; see conftest.py.
pytestmark = pytest.mark.django_db

QUICK_EXIT = "[data-ikut-quick-exit]"


def assert_left_without_a_way_back(tab, history_length):
    page = tab.page
    page.wait_for_url(tab.site.exit_url)
    # location.replace: the exit address took the page's place in the history.
    assert page.evaluate("history.length") == history_length
    # So Back leads to where the tab was before the site (a new tab's blank page).
    page.go_back()
    assert page.url == "about:blank"


@pytest.mark.parametrize("path", public_pages())
def test_the_quick_exit_is_visible_and_two_tabs_and_enter_leave_without_a_way_back(tab, path):
    page = tab.open(path)
    quick_exit = page.locator(QUICK_EXIT)
    expect(quick_exit).to_be_visible()
    expect(quick_exit).to_be_in_viewport()
    history_length = page.evaluate("history.length")

    page.keyboard.press("Tab")
    assert tab.focused("a[href='#main']"), "the first Tab should reach the skip link"
    page.keyboard.press("Tab")
    expect(quick_exit).to_be_focused()
    page.keyboard.press("Enter")

    assert_left_without_a_way_back(tab, history_length)


@pytest.mark.usefixtures("password_page")
@pytest.mark.parametrize(
    ("path", "status"), [pytest.param(path, status, id=name) for name, path, status in HOST_PAGES]
)
def test_the_pages_rendered_around_the_package_have_the_same_quick_exit(tab, path, status):
    page = tab.open(path, status=status)
    expect(page.locator(QUICK_EXIT)).to_be_in_viewport()
    history_length = page.evaluate("history.length")

    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator(QUICK_EXIT)).to_be_focused()
    page.keyboard.press("Enter")

    assert_left_without_a_way_back(tab, history_length)


@pytest.mark.parametrize("path", public_pages(*PAGE_KINDS))
def test_a_click_on_the_quick_exit_leaves_without_a_way_back(tab, path):
    page = tab.open(path)
    history_length = page.evaluate("history.length")

    page.locator(QUICK_EXIT).click()

    assert_left_without_a_way_back(tab, history_length)


@pytest.mark.parametrize("path", public_pages(*PAGE_KINDS))
def test_without_javascript_the_quick_exit_is_a_plain_link_to_the_exit_address(
    tab_without_js, path
):
    page = tab_without_js.open(path)
    quick_exit = page.locator(QUICK_EXIT)
    expect(quick_exit).to_be_visible()
    assert quick_exit.evaluate("(element) => element.localName") == "a"
    assert quick_exit.get_attribute("href") == tab_without_js.site.exit_url

    quick_exit.click()
    page.wait_for_url(tab_without_js.site.exit_url)
