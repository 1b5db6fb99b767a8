"""The service directory works without JavaScript: the search is an ordinary form."""

import re

import pytest
from playwright.sync_api import expect

# pytest-django sets up the test database for these; see conftest.py.
pytestmark = pytest.mark.django_db


def test_searching_the_directory_without_javascript_shows_the_results(tab_without_js):
    page = tab_without_js.open("/fi/palvelut/")
    all_services = int(re.search(r"\d+", page.locator("#ikut-results-heading").inner_text())[0])

    page.get_by_role("searchbox").fill("sosiaalineuvonta")
    page.get_by_role("searchbox").press("Enter")

    page.wait_for_url(re.compile(r"[?&]q=sosiaalineuvonta"))
    heading = page.locator("#ikut-results-heading")
    expect(heading).to_have_text(re.compile(r"Löytyi \d+ palvelua?"))
    found = int(re.search(r"\d+", heading.inner_text())[0])
    assert 0 < found < all_services
    results = page.locator("ol.ikut-results > li")
    expect(results.first).to_contain_text("Sosiaalineuvonta")
    assert results.count() == min(found, results.count())
    expect(page.get_by_role("searchbox")).to_have_value("sosiaalineuvonta")
