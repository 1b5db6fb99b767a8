"""The package's settings: one ``WAGTAIL_IKUT`` dict read over documented defaults."""

from django.conf import settings

#: Every key a site may set in ``WAGTAIL_IKUT``, with its default.
DEFAULTS = {
    # Region assumed for phone numbers written without a country code ("09 123 4567").
    "DEFAULT_PHONE_REGION": "FI",
    # Where the quick-exit control on every public page sends a visitor: a neutral site.
    "QUICK_EXIT_URL": "https://www.ilmatieteenlaitos.fi/",
    # Days after which a service's "last verified" date counts as overdue for a check.
    "VERIFICATION_MAX_AGE_DAYS": 180,
    # Who gets the review reminder that ``ikut_review_report --email`` sends: e-mail addresses.
    "REVIEW_REMINDER_RECIPIENTS": [],
    # Language codes the demo content is written in; the first is the source locale.
    "DEMO_LANGUAGES": ["fi", "sv", "en"],
    # The WAGTAILSEARCH_BACKENDS entry whose OpenSearch or Elasticsearch 7 engine the directory
    # searches; a database backend there means the directory searches the database.
    "SEARCH_BACKEND": "default",
    # Seconds a public search waits for the engine before answering from the database.
    "SEARCH_TIMEOUT": 2.0,
    # Seconds the directory leaves the engine alone after it failed, answering from the database.
    "SEARCH_RETRY_SECONDS": 30.0,
    # Count the directory's searches by their words and day in Wagtail's search-promotions
    # query log (wagtail.contrib.search_promotions): off, as the words may say who searched.
    "LOG_SEARCH_QUERIES": False,
    # The largest file, in bytes, that ikut_import_ptv (and any importer) reads.
    "IMPORT_MAX_BYTES": 50 * 1024 * 1024,
    # A JSON file mapping PTV service classes, target groups and organisation types onto the
    # site's vocabularies; empty for the one shipped in wagtail_ikut/interop/ptv_mapping.json.
    "PTV_MAPPING": "",
    # Cache-Control of the package's API answers and of its public pages, on a 200 or a 304;
    # empty for none. Pages say "no-cache": any cache may keep them, but asks each time.
    "API_CACHE_CONTROL": "public, max-age=60",
    "PAGE_CACHE_CONTROL": "no-cache",
    # Origins (scheme://host[:port]) whose scripts may read the package's API routes, through
    # django-cors-headers when the site installs it; none by default.
    "CORS_ALLOWED_ORIGINS": [],
    # Requests each client may make per RATE_LIMIT_WINDOW seconds to the package's API and to
    # the directory pages; 0 for no limit. Off: behind a proxy, all visitors share its address
    # until CLIENT_ADDRESS_HEADER names the header where it writes theirs.
    "API_RATE_LIMIT": 0,
    "DIRECTORY_RATE_LIMIT": 0,
    "RATE_LIMIT_WINDOW": 60,
    "CLIENT_ADDRESS_HEADER": "",
    # The CACHES entry that holds the rate limit's counters: one shared by every process.
    "RATE_LIMIT_CACHE": "default",
    # Publish webhooks: seconds to wait for a subscriber's answer (to connect, and for each
    # read), attempts before a delivery counts as failed, and the first wait before a retry in
    # seconds, doubled after each failure.
    "WEBHOOK_TIMEOUT": 5.0,
    "WEBHOOK_MAX_ATTEMPTS": 8,
    "WEBHOOK_RETRY_SECONDS": 60,
    # Let subscribers' addresses be private, loopback or link-local: only for tests and
    # development, as it lets anyone who may add a subscriber reach the site's own network.
    "WEBHOOK_ALLOW_PRIVATE_ADDRESSES": False,
}


def configured():
    """Return ``WAGTAIL_IKUT`` exactly as the site wrote it (an empty dict if absent)."""
    return getattr(settings, "WAGTAIL_IKUT", {})


class IkutSettings:
    """Give attribute access to ``WAGTAIL_IKUT`` merged over :data:`DEFAULTS`."""

    def __init__(self):
        self._cache = {}

    @property
    def user_settings(self):
        value = configured()
        # checks.py reports a non-dict value; reading falls back so the check can run.
        return value if isinstance(value, dict) else {}

    def __getattr__(self, name):
        if name not in DEFAULTS:
            raise AttributeError(f"Unknown WAGTAIL_IKUT setting: {name!r}")
        if name not in self._cache:
            self._cache[name] = self.user_settings.get(name, DEFAULTS[name])
        return self._cache[name]

    def reload(self):
        self._cache.clear()


ikut_settings = IkutSettings()


def reload_settings(*, setting, **kwargs):
    """Forget cached values when a test or a site changes ``WAGTAIL_IKUT``."""
    if setting == "WAGTAIL_IKUT":
        ikut_settings.reload()
