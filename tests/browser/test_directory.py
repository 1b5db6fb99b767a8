"""The service directory works without JavaScript: the search and its filters are a plain form."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import open_tab

# pytest-django sets up the test database for these; see conftest.py.
pytestmark = pytest.mark.django_db

RESULTS_HEADING = "#ikut-results-heading"
#: Where the browser says the visitor is: at a doorstep in central Helsinki, to 11 cm.
PRECISE_POSITION = {"latitude": 60.169856, "longitude": 24.938379}


@pytest.fixture
def located_tab(browser, demo_site):
    """A new tab whose visitor has let the site know their position."""
    context, visit = open_tab(
        browser, demo_site, geolocation=PRECISE_POSITION, permissions=["geolocation"]
    )
    yield visit
    context.close()


def count_in(heading):
    """The number in the results heading ("Löytyi 8 palvelua")."""
    expect(heading).to_have_text(re.compile(r"^\s*Löytyi \d+ palvelua?\s*$"))
    return int(re.search(r"\d+", heading.inner_text())[0])


def test_typing_a_query_and_pressing_enter_shows_the_results_without_javascript(
    tab_without_js,
):
    page = tab_without_js.open("/fi/palvelut/")
    all_services = count_in(page.locator(RESULTS_HEADING))

    page.get_by_role("searchbox").fill("sosiaalineuvonta")
    page.get_by_role("searchbox").press("Enter")

    page.wait_for_url(re.compile(r"\?q=sosiaalineuvonta"))
    found = count_in(page.locator(RESULTS_HEADING))
    assert 0 < found < all_services
    results = page.locator("ol.ikut-results > li")
    assert 0 < results.count() <= found
    expect(results.first).to_contain_text("Sosiaalineuvonta")
    expect(page.get_by_role("searchbox")).to_have_value("sosiaalineuvonta")


def test_a_filter_and_the_search_button_narrow_the_results_without_javascript(tab_without_js):
    page = tab_without_js.open("/fi/palvelut/")
    all_services = count_in(page.locator(RESULTS_HEADING))

    page.get_by_label(re.compile(r"^Voit asioida nimettömänä")).check()
    page.get_by_role("button", name="Hae", exact=True).click()

    page.wait_for_url(re.compile(r"[?&]anonymous=1"))
    found = count_in(page.locator(RESULTS_HEADING))
    assert 0 < found < all_services
    expect(page.get_by_label(re.compile(r"^Voit asioida nimettömänä"))).to_be_checked()


def test_typing_offers_suggestions_from_the_directory_itself(tab):
    page = tab.open("/fi/palvelut/")

    # With its list of suggestions the search field is a combobox to assistive technology.
    field = page.get_by_role("combobox")
    field.press_sequentially("sosiaalin", delay=30)

    options = page.locator("#ikut-q-suggestions option")
    expect(options.first).to_have_text(re.compile("^Sosiaalineuvonta"))
    expect(field).to_have_attribute("list", "ikut-q-suggestions")


def test_use_my_location_puts_only_a_position_rounded_to_about_a_kilometre_in_the_address(
    located_tab,
):
    page = located_tab.open("/fi/palvelut/")

    page.get_by_role("button", name="Käytä sijaintiani").click()

    page.wait_for_url(re.compile(r"[?&]near="))
    assert parse_qs(urlsplit(page.url).query)["near"] == ["60.17,24.94"]
    assert "60.1698" not in page.url and "24.9383" not in page.url
    expect(page.get_by_label("Lähellä (postinumero tai koordinaatit)")).to_have_value("60.17,24.94")
