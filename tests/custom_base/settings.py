"""Test settings of a site with its own base page: the example site's, and this app's pages.

The base page is a page class of the site's (``SiteBasePage(Page)``), not Wagtail 8's
``WAGTAIL_PAGE_MODEL``: with that setting, Wagtail's ``Page`` is swapped out and the package's
own page types, whose migrations extend it, cannot be migrated (docs/how-to/own-base-page.md).
"""

from tests.settings import *  # noqa: F403

INSTALLED_APPS = ["tests.custom_base", *INSTALLED_APPS]  # noqa: F405

# tests/test_custom_base.py runs this project while the main run holds its test database.
database = DATABASES["default"]  # noqa: F405
if database["ENGINE"] != "django.db.backends.sqlite3":
    database["TEST"] = {"NAME": f"test_{database['NAME']}_custom_base"}
