"""WCAG 2.1 level A and AA, as axe-core checks them, and the keyboard way into each page."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PAGE_KINDS, describe_violations, public_pages

# pytest-django sets up the test database for these; see conftest.py.
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", public_pages())
def test_axe_core_finds_no_wcag_2_1_a_or_aa_violations(tab, path):
    tab.open(path)
    # The stylesheet and scripts too, so that axe-core sees the page as a visitor does.
    assert not tab.failures, f"these did not load: {tab.failures}"
    violations = tab.axe_violations()
    assert not violations, f"axe-core on {path}:\n{describe_violations(violations)}"


def test_the_axe_check_itself_catches_a_known_violation(tab):
    tab.page.set_content("<!DOCTYPE html><title>Broken</title><img src='data:,'>")
    violations = tab.axe_violations()
    assert {"html-has-lang", "image-alt"} <= {violation["id"] for violation in violations}
    assert "image-alt (critical)" in describe_violations(violations)


@pytest.mark.parametrize("path", public_pages(*PAGE_KINDS))
def test_the_skip_link_appears_on_focus_and_moves_the_focus_to_the_main_content(tab, path):
    page = tab.open(path)
    skip_link = page.locator("body > a[href='#main']")
    expect(skip_link).not_to_be_in_viewport()

    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
