"""Visitors may be watched: public pages talk to no one else and leave no cookies behind."""

from urllib.parse import urlsplit

import pytest

from .conftest import PUBLIC_PAGES, open_tab

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
