"""Every public page has a quick exit: visible, the first control after the skip link, and
leaving no way back to the site in the tab's history; without JavaScript, a plain link. As
GOV.UK's "Exit this page": Shift pressed 3 times leaves too, and the page is hidden at once."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import HOST_PAGES, PAGE_KINDS, public_pages

# pytest-django sets up the test database for these; see conftest.py.
pytestmark = pytest.mark.django_db

QUICK_EXIT = "[data-ikut-quick-exit]"
STATUS = "[data-ikut-quick-exit-status]"


def assert_left_without_a_way_back(tab, history_length):
    page = tab.page
    page.wait_for_url(tab.site.exit_url)
    # location.replace: the exit address took the page's place in the history.
    assert page.evaluate("history.length") == history_length
    # So Back leads to where the tab was before the site (a new tab's blank page).
    page.go_back()
    assert page.url == "about:blank"


#: Notes in the tab's session storage how the page looks the moment the quick exit marks it as
#: leaving, while it is still the page (the exit address is on the same loopback site, so the
#: note can be read there).
WATCH_THE_LEAVING = """
new MutationObserver(() => {
  if (!document.documentElement.classList.contains("ikut-leaving")) return;
  const status = document.querySelector("[data-ikut-quick-exit-status]");
  sessionStorage.setItem("leaving", JSON.stringify({
    at: location.href,
    shown: [...document.querySelectorAll("body > :not([data-ikut-quick-exit-status])")]
      .filter((element) => element.checkVisibility())
      .map((element) => element.localName),
    announced: status.textContent,
    translated: status.dataset.leaving,
    live: status.getAttribute("aria-live"),
  }));
}).observe(document, {attributes: true, attributeFilter: ["class"], subtree: true});
"""


def watch_the_leaving(tab):
    tab.page.add_init_script(WATCH_THE_LEAVING)


def assert_hidden_and_announced_before_leaving(tab, path):
    tab.page.wait_for_url(tab.site.exit_url)
    note = tab.page.evaluate("JSON.parse(sessionStorage.getItem('leaving'))")
    assert note, "the page was never marked as leaving"
    assert note["at"] == tab.site.url + path
    assert note["shown"] == [], f"still shown while leaving: {note['shown']}"
    assert note["translated"], "the announcement's text should come translated from the page"
    assert note["announced"] == note["translated"]
    assert note["live"] == "assertive"


def pressed_shift(tab, times):
    for _ in range(times):
        tab.page.keyboard.press("Shift")


def assert_still_here(tab, path):
    assert tab.page.url == tab.site.url + path
    expect(tab.page.locator("main")).to_be_visible()
    expect(tab.page.locator(STATUS)).to_have_text("")


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


@pytest.mark.parametrize("path", public_pages(*PAGE_KINDS))
def test_shift_pressed_3_times_hides_the_page_at_once_and_leaves_without_a_way_back(tab, path):
    watch_the_leaving(tab)
    page = tab.open(path)
    history_length = page.evaluate("history.length")

    pressed_shift(tab, 3)

    assert_hidden_and_announced_before_leaving(tab, path)
    assert_left_without_a_way_back(tab, history_length)


@pytest.mark.parametrize("how", ["mouse", "keyboard"])
def test_the_control_hides_the_page_at_once_and_leaves_without_a_way_back(tab, how):
    path = "/fi/palvelut/"
    watch_the_leaving(tab)
    page = tab.open(path)
    history_length = page.evaluate("history.length")

    if how == "mouse":
        page.locator(QUICK_EXIT).click()
    else:
        page.locator(QUICK_EXIT).focus()
        page.keyboard.press("Enter")

    assert_hidden_and_announced_before_leaving(tab, path)
    assert_left_without_a_way_back(tab, history_length)


def test_shift_counts_as_gov_uk_counts_it_3_presses_within_5_seconds_and_nothing_between(tab):
    path = "/fi/palvelut/"
    page = tab.page
    page.clock.install()
    tab.open(path)
    history_length = page.evaluate("history.length")

    # Another key between the presses starts the count again, even typing in a field.
    page.locator("#ikut-q").focus()
    pressed_shift(tab, 2)
    page.keyboard.press("a")
    pressed_shift(tab, 2)
    assert_still_here(tab, path)
    # A Shift held for another key (a capital letter) is no press of its own.
    page.keyboard.press("Shift+B")
    pressed_shift(tab, 2)
    assert_still_here(tab, path)
    # A pause of more than 5 seconds starts the count again.
    page.clock.run_for(5001)
    pressed_shift(tab, 1)
    assert_still_here(tab, path)
    # Anywhere on the page, the field included: 3 presses, each within 5 seconds, leave.
    pressed_shift(tab, 1)
    page.clock.run_for(4000)
    pressed_shift(tab, 1)

    assert_left_without_a_way_back(tab, history_length)


@pytest.mark.parametrize("path", public_pages(*PAGE_KINDS))
def test_the_control_tells_screen_readers_of_the_shift_shortcut_only_with_javascript(
    tab, tab_without_js, path
):
    quick_exit = tab.open(path).locator(QUICK_EXIT)
    hint = quick_exit.locator("[data-ikut-quick-exit-hint]")
    visible_text = quick_exit.evaluate("(element) => element.firstChild.textContent").strip()
    shortcut = hint.text_content().strip(". ")
    assert visible_text and shortcut
    # Chromium puts spaces around the visually hidden part: "Poistu sivulta nopeasti . Press…".
    expect(quick_exit).to_have_accessible_name(
        re.compile(rf"^{re.escape(visible_text)}\s*\.\s*{re.escape(shortcut)}\s*$")
    )
    # Read out, not shown: the control looks as it did.
    assert hint.bounding_box()["width"] <= 1

    # Without JavaScript Shift does nothing, so the control does not offer it.
    plain = tab_without_js.open(path).locator(QUICK_EXIT)
    expect(plain).to_have_accessible_name(visible_text)
