"""Settings of the directory benchmark: the example site on a throw-away SQLite file.

``BENCH_DB`` names the database file (default ``bench/.data/bench.sqlite3``). The bench app
``bench.stockpages`` and Wagtail's API v2 are added for the stock comparison.
"""

import os
from pathlib import Path

from ikut_site.settings import *  # noqa: F403
from ikut_site.settings import DATABASES as SITE_DATABASES
from ikut_site.settings import INSTALLED_APPS

BENCH_DIR = Path(__file__).resolve().parent

DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("BENCH_DB", str(BENCH_DIR / ".data" / "bench.sqlite3")),
        # Kept between requests, as the example site keeps them: a new SQLite connection
        # costs a few milliseconds and starts with an empty page cache.
        "CONN_MAX_AGE": SITE_DATABASES["default"]["CONN_MAX_AGE"],
    }
}
INSTALLED_APPS = [
    "bench.stockpages",
    *INSTALLED_APPS,
    "wagtail.api.v2",
    "rest_framework",
]
ROOT_URLCONF = "bench.urls"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    # A stock search interrupted after --stock-timeout is reported by the benchmark itself.
    "loggers": {"django.request": {"level": "CRITICAL"}},
}

# bench/engine.py: the directory on the OpenSearch node it started; Wagtail's own page index
# stays in the database, as the engine comparison is about the directory.
if os.environ.get("BENCH_ENGINE_URL"):
    from tests.support import opensearch_node

    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database"},
        "engine": {
            # The backend that pairs with the node tests/support/opensearch_node.py starts
            # (IKUT_TEST_ENGINE picks it, OpenSearch 3 unless set).
            "BACKEND": opensearch_node.MODELSEARCH_BACKEND,
            "URLS": [os.environ["BENCH_ENGINE_URL"]],
            "INDEX_PREFIX": "bench-",
            "AUTO_UPDATE": False,
            "TIMEOUT": 120,
        },
    }
    WAGTAIL_IKUT = {"SEARCH_BACKEND": "engine", "SEARCH_TIMEOUT": 10.0}

# The Finnish export of 20,000 services is about 85 MB, over the import's default limit of 50 MB:
# a site that imports that much raises the limit as this does.
WAGTAIL_IKUT = {**globals().get("WAGTAIL_IKUT", {}), "IMPORT_MAX_BYTES": 200 * 1024 * 1024}
