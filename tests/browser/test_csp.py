"""The privacy headers' Content-Security-Policy breaks nothing: no page reports a violation."""

import pytest

from tests.browser.conftest import HOST_PAGES, PUBLIC_PAGES, open_tab
from wagtail_ikut.middleware import CONTENT_SECURITY_POLICY

# pytest-django sets up the test database for these; see conftest.py.
pytestmark = pytest.mark.django_db

#: Collects the page's CSP violations, from before its first script or style sheet.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
        + ` at ${event.sourceFile}:${event.lineNumber}`
    );
});
"""

#: Console messages about the two policies: a violation, or a feature the browser does not know.
CONSOLE_WORDS = ("Content Security Policy", "Permissions-Policy")

#: The API's interactive documentation (Django Ninja's Swagger UI), from the site's own files.
API_DOCS = "/api/v3/docs/"


@pytest.fixture(scope="module")
def tour(browser, demo_site, password_page):
    """Every public page, the pages around them and the API docs, each with what it reported."""
    context, visit = open_tab(browser, demo_site)
    context.add_init_script(RECORD_VIOLATIONS)
    console = []
    visit.page.on(
        "console",
        # Chromium's own words for a blocked resource, and for a header it cannot parse.
        lambda message: (
            any(name in message.text for name in CONSOLE_WORDS) and console.append(message.text)
        ),
    )
    pages = [(path, 200) for _name, path in PUBLIC_PAGES]
    pages += [(path, status) for _name, path, status in HOST_PAGES]
    pages.append((API_DOCS, 200))
    reports = {}
    for path, status in pages:
        console.clear()
        response = visit.page.goto(demo_site.url + path, wait_until="networkidle")
        assert response is not None and response.status == status, f"GET {path}"
        reports[path] = {
            "header": response.headers.get("content-security-policy"),
            "violations": visit.page.evaluate("window.__cspViolations") + console,
        }
    yield reports
    context.close()


def test_every_public_page_has_the_policy(tour):
    missing = [path for path, report in tour.items() if report["header"] != CONTENT_SECURITY_POLICY]
    assert not missing, f"without the Content-Security-Policy: {missing}"


def test_no_page_reports_a_violation(tour):
    # Only meaningful where the policy is in force.
    assert all(report["header"] == CONTENT_SECURITY_POLICY for report in tour.values())
    violations = {path: report["violations"] for path, report in tour.items()}
    assert not any(violations.values()), f"CSP violations, by page: {violations}"


def test_the_api_docs_render_under_the_policy(tab):
    response = tab.page.goto(tab.site.url + API_DOCS, wait_until="networkidle")
    assert response.headers.get("content-security-policy") == CONTENT_SECURITY_POLICY
    page = tab.page
    page.wait_for_selector(".swagger-ui .opblock", timeout=10_000)
