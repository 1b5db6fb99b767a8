"""Test settings: the example site, as a municipality would run it, with test speed-ups.

``DATABASE_URL`` picks the database (SQLite in memory by default; scripts/run-tests also runs
the suite on a real PostgreSQL).
"""

import os

import dj_database_url

from ikut_site.settings import *  # noqa: F403

DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", "sqlite://:memory:"))}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEBUG = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# For the tests of WAGTAIL_IKUT["LOG_SEARCH_QUERIES"], which writes to its query log.
INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.search_promotions"]  # noqa: F405

# For the tests of WAGTAIL_IKUT["CORS_ALLOWED_ORIGINS"]: the site installs django-cors-headers
# as docs/how-to/headless-front-end.md says. It allows no origin until the setting names one.
INSTALLED_APPS = [*INSTALLED_APPS, "corsheaders"]
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.common.CommonMiddleware"),
    "corsheaders.middleware.CorsMiddleware",
)
