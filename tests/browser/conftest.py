"""A real browser on the example site: Debian's Chromium driven by Playwright, with axe-core.

The whole package shares one live server, one set of demo content and one browser. The example
site's ``ikut_demo`` takes several seconds, far too long to repeat for every test, as
pytest-django's ``live_server`` fixture would have it (it empties the database after each
test). So :func:`demo_site` starts the same live server itself, once, loads the demo content
once, and puts the database back as the migrations left it afterwards. The test modules mark
their tests ``django_db`` so that pytest-django sets up the test database; each test then runs
in a transaction that is rolled back, and changes nothing anyway. Each test gets a brand-new
browser context: no cookies, storage or history carry over from one test to the next.

Nothing leaves loopback: the quick-exit address is set to a path on the live server (and
answered by the browser itself), Chromium resolves no host name at all, and every request to
another host is aborted (and still recorded in :attr:`Visit.requests`, so the privacy tests see
it).

If the browser or axe-core is missing, the tests fail: scripts/run-tests installs both.
"""

import json
import re
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections
from django.test import modify_settings, override_settings
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer
from wagtail.models import Page, PageViewRestriction

CHROMIUM = "/usr/bin/chromium"
AXE_JS = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Resolve no host name at all: the live server is addressed as 127.0.0.1.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
EXIT_PATH = "/exit-test/"
EXIT_PAGE = "<!DOCTYPE html><html lang='en'><title>Elsewhere</title><p>A neutral site.</p>"

#: Every kind of public page on the demo site, as (id, path).
PUBLIC_PAGES = [
    ("front-page-fi", "/fi/"),
    ("front-page-sv", "/sv/"),
    ("front-page-en", "/en/"),
    ("directory", "/fi/palvelut/"),
    ("directory-search-and-filters", "/fi/palvelut/?q=sosiaalineuvonta&walk_in=1"),
    ("directory-no-results", "/fi/palvelut/?q=olematonhakusana&walk_in=1"),
    ("service", "/fi/palvelut/sosiaalineuvonta-helsinki/"),
    ("service-with-confidential-address", "/fi/palvelut/turvakoti/"),
    ("guidance-index", "/fi/ohjeet/"),
    ("guidance", "/fi/ohjeet/tunnistaminen-ja-ohjaaminen/"),
    ("guidance-with-repealed-act", "/fi/ohjeet/valtion-korvaus/"),
    ("course-index", "/fi/kurssit/"),
    ("course-index-filters", "/fi/kurssit/?municipality=091&enrolment_open=1&theme=nonsense"),
    ("course", "/fi/kurssit/tyoelamakurssi/"),
    ("staying-safe-online", "/fi/turvallisesti-verkossa/"),
    # Each kind again in Swedish and English: their own words, slugs and date formats.
    ("directory-sv", "/sv/tjanster/?q=skyddshemmet"),
    ("service-sv", "/sv/tjanster/social-radgivning-helsingfors/"),
    ("service-with-confidential-address-sv", "/sv/tjanster/skyddshem/"),
    ("guidance-index-sv", "/sv/anvisningar/"),
    ("guidance-sv", "/sv/anvisningar/statlig-ersattning/"),
    ("course-index-sv", "/sv/kurser/"),
    ("course-sv", "/sv/kurser/arbetslivskurs/"),
    ("staying-safe-online-sv", "/sv/sakert-pa-natet/"),
    ("directory-en", "/en/services/?q=shelter&free_of_charge=1"),
    ("service-en", "/en/services/social-counselling-helsinki/"),
    ("service-with-confidential-address-en", "/en/services/shelter/"),
    ("guidance-index-en", "/en/guidance/"),
    ("guidance-en", "/en/guidance/recognise-and-refer/"),
    ("course-index-en", "/en/courses/"),
    ("course-en", "/en/courses/working-life-course/"),
    ("staying-safe-online-en", "/en/staying-safe-online/"),
]

#: One page of each kind, for what the shared base template does alike on all of them.
PAGE_KINDS = ("front-page-fi", "directory", "service", "course-index", "course")

#: A demo page that :func:`password_page` puts behind a shared password, and the password.
PASSWORD_PAGE = "/fi/ohjeet/palvelujen-jatkuvuus/"
PAGE_PASSWORD = "jaettu-salasana"

#: Pages that Wagtail and Django render around the package's own, as (id, path, status): the
#: password form, with :func:`password_page`, and "not found".
HOST_PAGES = [
    ("password-required", PASSWORD_PAGE, 200),
    ("not-found", "/fi/ei-tallaista-sivua/", 404),
]


def public_pages(*names, **marks):
    """``PUBLIC_PAGES`` (or those named) as pytest parameters, with marks by page id."""
    return [
        pytest.param(path, id=name, marks=marks.get(name, ()))
        for name, path in PUBLIC_PAGES
        if not names or name in names
    ]


@dataclass
class DemoSite:
    url: str

    @property
    def host(self):
        return urlsplit(self.url).netloc

    @property
    def exit_url(self):
        return self.url + EXIT_PATH


@pytest.fixture(scope="package")
def demo_site(django_db_setup, django_db_blocker):
    """The example site with its demo content and a loopback quick exit, on a live server."""
    with django_db_blocker.unblock():
        # What the migrations created (the Finnish front page, the site, the locales), to be
        # put back afterwards for the tests that run after this package.
        initial = {
            alias: connections[alias].creation.serialize_db_to_string() for alias in connections
        }
        server = LiveServer("127.0.0.1:0")
        site = DemoSite(server.url)
        try:
            with (
                modify_settings(ALLOWED_HOSTS={"append": "127.0.0.1"}),
                override_settings(WAGTAIL_IKUT={"QUICK_EXIT_URL": site.exit_url}),
            ):
                call_command("ikut_demo", stdout=StringIO())
                yield site
        finally:
            server.stop()
            for alias in connections:
                call_command("flush", database=alias, interactive=False, inhibit_post_migrate=True)
                connections[alias].creation.deserialize_db_from_string(initial[alias])
            ContentType.objects.clear_cache()
            cache.clear()  # Wagtail caches the site's root paths, which included the demo's.


@pytest.fixture(scope="module")
def password_page(demo_site, django_db_blocker):
    """``PASSWORD_PAGE`` behind ``PAGE_PASSWORD`` while a module's tests run, then open again."""
    with django_db_blocker.unblock():
        restriction = PageViewRestriction.objects.create(
            page=Page.objects.get(locale__language_code="fi", slug="palvelujen-jatkuvuus"),
            restriction_type=PageViewRestriction.PASSWORD,
            password=PAGE_PASSWORD,
        )
    yield PASSWORD_PAGE
    with django_db_blocker.unblock():
        restriction.delete()


@pytest.fixture(scope="package")
def browser(demo_site):
    """One headless Chromium for the package; it must start, or the tests fail."""
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` in {AXE_JS.parent.parent.parent}.")
    with pytest.MonkeyPatch.context() as patch:
        # Playwright's sync API keeps an asyncio event loop running in this thread while the
        # browser is open, and Django refuses ORM calls from a thread with a running loop
        # (SynchronousOnlyOperation), such as pytest-django's own per-test transaction. No
        # coroutine ever touches the database here: the loop only talks to the browser, and
        # the pages' queries run in the live server's threads. So the check is switched off,
        # for as long as the browser runs and no longer.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            try:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            except PlaywrightError as error:
                pytest.fail(f"Chromium did not start (scripts/run-tests installs it): {error}")
            yield browser
            browser.close()
            # Under a running loop Django keeps this thread's connections apart, as context
            # variables: the per-test transactions opened one of their own. Close it while the
            # loop still runs, or it outlives the test database (PostgreSQL then refuses to
            # drop it: "being accessed by other users").
            connections.close_all()


@dataclass
class Visit:
    """A browser tab on the demo site, with every request it made and every one that failed."""

    page: object
    site: DemoSite
    requests: list = field(default_factory=list)
    failures: list = field(default_factory=list)

    def open(self, path, status=200, **options):
        response = self.page.goto(self.site.url + path, **options)
        assert response is not None and response.status == status, (
            f"GET {path}: {response and response.status}"
        )
        return self.page

    def focused(self, selector):
        """Whether the element that has the keyboard focus matches ``selector``."""
        return self.page.evaluate("(s) => !!document.activeElement?.matches(s)", selector)

    def axe_violations(self):
        """Run axe-core's WCAG 2.1 A and AA rules on the page and return the violations."""
        # Evaluated through the DevTools protocol, not added as an inline <script>: the pages'
        # Content-Security-Policy (script-src 'self') would block that.
        self.page.evaluate(AXE_JS.read_text(encoding="utf-8"))
        return self.page.evaluate(
            """() => axe.run(document, {
                runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
                resultTypes: ["violations"],
            }).then((results) => results.violations)"""
        )


def open_tab(browser, site, **context_options):
    context = browser.new_context(**context_options)
    visit = Visit(page=None, site=site)

    def guard(route):
        # The quick exit leads to a stand-in for a neutral site, served without any network.
        if route.request.url.split("?")[0] == site.exit_url:
            route.fulfill(status=200, content_type="text/html", body=EXIT_PAGE)
        elif urlsplit(route.request.url).netloc == site.host:
            route.continue_()
        else:
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    context.on("request", lambda request: visit.requests.append(request.url))
    context.on("requestfailed", lambda request: visit.failures.append(request.url))
    context.on(
        "response",
        lambda response: response.status >= 400 and visit.failures.append(response.url),
    )
    visit.page = context.new_page()
    return context, visit


@pytest.fixture
def tab(browser, demo_site):
    """A new tab in a fresh browser context, JavaScript on."""
    context, visit = open_tab(browser, demo_site)
    yield visit
    context.close()


@pytest.fixture
def tab_without_js(browser, demo_site):
    """A new tab in a fresh browser context with JavaScript turned off."""
    context, visit = open_tab(browser, demo_site, java_script_enabled=False)
    yield visit
    context.close()


def describe_violations(violations):
    """axe-core's violations, one readable paragraph each."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
            f"  {violation['helpUrl']}"
        )
        for node in violation["nodes"][:3]:
            lines.append(f"    at {json.dumps(node['target'])}")
            summary = re.sub(r"\s+", " ", node.get("failureSummary") or "").strip()
            if summary:
                lines.append(f"       {summary[:300]}")
        if len(violation["nodes"]) > 3:
            lines.append(f"    and {len(violation['nodes']) - 3} more")
    return "\n".join(lines)
