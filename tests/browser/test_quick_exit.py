"""Every public page has a quick exit: visible, reached at once from the keyboard, and leaving
no way back to the site in the tab's history."""

import pytest
from playwright.sync_api import expect

from .conftest import public_pages

# pytest-django sets up the test database for these; see conftest.py.
pytestmark = pytest.mark.django_db

QUICK_EXIT = "[data-ikut-quick-exit]"


@pytest.mark.parametrize("path", public_pages())
def test_the_quick_exit_is_visible_and_the_first_control_after_the_skip_link(tab, path):
    page = tab.open(path)
    expect(page.locator(QUICK_EXIT)).to_be_visible()
    expect(page.locator(QUICK_EXIT)).to_be_in_viewport()

    page.keyboard.press("Tab")
    assert tab.focused("a[href='#main']"), "the first Tab should reach the skip link"
    page.keyboard.press("Tab")
    expect(page.locator(QUICK_EXIT)).to_be_focused()


@pytest.mark.parametrize("path", public_pages())
def test_the_quick_exit_leaves_for_the_exit_address_without_a_way_back(tab, path):
    page = tab.open(path)
    history_length = page.evaluate("history.length")

    page.locator(QUICK_EXIT).click()

    page.wait_for_url(tab.site.exit_url)
    # location.replace: the site's page was replaced in the history, not added to it.
    assert page.evaluate("history.length") == history_length
    assert page.go_back() is None
    assert page.url == tab.site.exit_url


@pytest.mark.parametrize("path", public_pages())
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
