"""Settings of the example site in production: the base settings, hardened, from the environment.

Use with ``DJANGO_SETTINGS_MODULE=ikut_site.settings_production``. Required: ``DJANGO_SECRET_KEY``,
``DJANGO_ALLOWED_HOSTS`` (comma-separated) and ``WAGTAILADMIN_BASE_URL``. Optional:
``DATABASE_URL`` (read by the base settings), ``DJANGO_CSRF_TRUSTED_ORIGINS``,
``DJANGO_SECURE_PROXY_SSL_HEADER``, ``DJANGO_SECURE_SSL_REDIRECT``, ``DJANGO_SECURE_HSTS_SECONDS``,
``DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS``, ``DJANGO_SECURE_HSTS_PRELOAD``, ``DJANGO_STATIC_ROOT``,
``DJANGO_MEDIA_ROOT`` and ``DJANGO_LOG_LEVEL``. See docs/how-to/deploy.md.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .settings import *  # noqa: F403


def required(name):
    """Return the environment variable ``name``, or refuse to start without it."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the environment variable {name} for production.")
    return value


def listed(value):
    """Return the items of a comma-separated list, blanks left out."""
    return [item.strip() for item in value.split(",") if item.strip()]


def flag(name, default):
    """Return the environment variable ``name`` as a boolean: "1" is on, "0" off."""
    return os.environ.get(name, "1" if default else "0") == "1"


DEBUG = False
SECRET_KEY = required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = listed(required("DJANGO_ALLOWED_HOSTS"))
# The admin's address in the links of its e-mails: the base settings' loopback one is for the demo.
WAGTAILADMIN_BASE_URL = required("WAGTAILADMIN_BASE_URL")
# Origins other than the site's own from which forms may post, e.g. "https://www.kunta.fi".
CSRF_TRUSTED_ORIGINS = listed(os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", ""))

# HTTPS only. Behind a proxy that ends TLS, Django sees plain HTTP: name the header the proxy
# sets to "https" (e.g. X-Forwarded-Proto, which the proxy must strip from what clients send), or
# the redirect to HTTPS never ends.
if header := os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + header.upper().replace("-", "_"), "https")
SECURE_SSL_REDIRECT = flag("DJANGO_SECURE_SSL_REDIRECT", True)
# A year, as the browsers' preload lists ask; lower it while trying HTTPS out on a new host.
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60))
SECURE_HSTS_INCLUDE_SUBDOMAINS = flag("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = flag("DJANGO_SECURE_HSTS_PRELOAD", True)
# Only staff get these two cookies (the public pages set none): over HTTPS only.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Files as `manage.py collectstatic` leaves them, under names that change with their content, so
# that a web server or CDN in front can cache them for good.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
STATIC_ROOT = os.environ.get("DJANGO_STATIC_ROOT", STATIC_ROOT)  # noqa: F405
MEDIA_ROOT = os.environ.get("DJANGO_MEDIA_ROOT", MEDIA_ROOT)  # noqa: F405

# Everything to standard error, for the service manager or container to collect. WARNING by
# default: Django's "Not Found" and errors. Libraries' INFO lines add little (the search client's
# one line per request), and Django mails errors only to ADMINS, which is empty.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["stderr"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
