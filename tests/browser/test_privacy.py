"""Visitors may be watched: public pages talk to no one else and leave no cookies behind."""

from urllib.parse import urlsplit

import pytest

from .conftest import PUBLIC_PAGES, public_pages

# pytest-django sets up the test database for these; see conftest.py.
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", public_pages())
def test_the_page_makes_no_third_party_requests(tab, path):
    tab.page.goto(tab.site.url + path, wait_until="networkidle")
    assert tab.requests, "the browser recorded no request at all"
    elsewhere = [url for url in tab.requests if urlsplit(url).netloc != tab.site.host]
    assert not elsewhere, f"{path} asked other hosts for: {elsewhere}"


def test_browsing_the_public_pages_sets_no_cookies(tab):
    for _name, path in PUBLIC_PAGES:
        tab.open(path)
    assert tab.page.context.cookies() == []
    assert tab.page.evaluate("document.cookie") == ""
