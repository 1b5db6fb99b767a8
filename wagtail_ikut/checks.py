"""System checks that turn a misconfigured ``WAGTAIL_IKUT`` into a clear message."""

import difflib

import phonenumbers
from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Warning
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

from wagtail_ikut.conf import DEFAULTS, configured
from wagtail_ikut.core.demo import DEMO_CONTENT_LANGUAGES


def check_settings(app_configs, **kwargs):
    """Report a ``WAGTAIL_IKUT`` setting that is not a dict, has unknown keys or bad values."""
    user_settings = configured()
    if not isinstance(user_settings, dict):
        return [
            Error(
                f"WAGTAIL_IKUT must be a dict, not {type(user_settings).__name__}.",
                hint='Write it as WAGTAIL_IKUT = {"DEFAULT_PHONE_REGION": "FI"}.',
                id="wagtail_ikut.E001",
            )
        ]
    errors = []
    for key, value in user_settings.items():
        if key not in DEFAULTS:
            close = difflib.get_close_matches(str(key), DEFAULTS, n=1)
            errors.append(
                Error(
                    f"WAGTAIL_IKUT has an unknown key {key!r}.",
                    hint=(f"Did you mean {close[0]!r}? " if close else "")
                    + "Known keys: "
                    + ", ".join(sorted(DEFAULTS))
                    + ".",
                    id="wagtail_ikut.E002",
                )
            )
        elif not isinstance(value, expected_type(DEFAULTS[key])):
            errors.append(
                Error(
                    f"WAGTAIL_IKUT[{key!r}] must be a {type(DEFAULTS[key]).__name__}, "
                    f"not {type(value).__name__}.",
                    hint=f"The default is {DEFAULTS[key]!r}.",
                    id="wagtail_ikut.E003",
                )
            )
        else:
            errors.extend(VALUE_CHECKS.get(key, lambda value: [])(value))
    return errors


def expected_type(default):
    # A whole number of seconds is as good as a float.
    return (int, float) if isinstance(default, float) else type(default)


def check_search_backend(value):
    backends = getattr(settings, "WAGTAILSEARCH_BACKENDS", {})
    if value == "default" or value in backends:
        return []
    return [
        Error(
            f"WAGTAIL_IKUT['SEARCH_BACKEND'] is {value!r}, which WAGTAILSEARCH_BACKENDS lacks.",
            hint="Name one of: " + ", ".join(sorted(backends) or ["default"]) + ".",
            id="wagtail_ikut.E008",
        )
    ]


def check_positive(key):
    def check(value):
        if value > 0:
            return []
        return [
            Error(
                f"WAGTAIL_IKUT[{key!r}] is {value!r}; it must be more than 0 seconds.",
                hint=f"The default is {DEFAULTS[key]!r}.",
                id="wagtail_ikut.E009",
            )
        ]

    return check


def check_phone_region(value):
    if value in phonenumbers.SUPPORTED_REGIONS:
        return []
    return [
        Error(
            f"WAGTAIL_IKUT['DEFAULT_PHONE_REGION'] is {value!r}, which is not a region code.",
            hint='Use an ISO 3166-1 alpha-2 code in upper case, e.g. "FI".',
            id="wagtail_ikut.E004",
        )
    ]


def check_demo_languages(value):
    unknown = [code for code in value if code not in DEMO_CONTENT_LANGUAGES]
    if value and not unknown:
        return []
    return [
        Error(
            f"WAGTAIL_IKUT['DEMO_LANGUAGES'] is {value!r}; the demo content is written in "
            + ", ".join(DEMO_CONTENT_LANGUAGES)
            + " only.",
            hint="List one or more of those codes; the first is the source language.",
            id="wagtail_ikut.E005",
        )
    ]


def check_quick_exit_url(value):
    try:
        URLValidator(schemes=["https"])(value)
    except ValidationError:
        return [
            Error(
                f"WAGTAIL_IKUT['QUICK_EXIT_URL'] is {value!r}, which is not an https address.",
                hint='Give the full address of a neutral site, e.g. "https://www.ilmatieteenlaitos.fi/".',
                id="wagtail_ikut.E006",
            )
        ]
    return []


def check_review_reminder_recipients(value):
    invalid = []
    for address in value:
        try:
            validate_email(address)
        except ValidationError:
            invalid.append(address)
    if not invalid:
        return []
    return [
        Error(
            f"WAGTAIL_IKUT['REVIEW_REMINDER_RECIPIENTS'] has {invalid!r}, which are not "
            "e-mail addresses.",
            hint='List addresses, e.g. ["ohjeet@example.fi"].',
            id="wagtail_ikut.E007",
        )
    ]


def check_log_search_queries(value, is_installed=apps.is_installed):
    if value and not is_installed("wagtail.contrib.search_promotions"):
        return [
            Error(
                "WAGTAIL_IKUT['LOG_SEARCH_QUERIES'] needs Wagtail's search promotions app.",
                hint="Add 'wagtail.contrib.search_promotions' to INSTALLED_APPS and migrate, "
                "or leave the setting off.",
                id="wagtail_ikut.E010",
            )
        ]
    return []


VALUE_CHECKS = {
    "LOG_SEARCH_QUERIES": check_log_search_queries,
    "REVIEW_REMINDER_RECIPIENTS": check_review_reminder_recipients,
    "QUICK_EXIT_URL": check_quick_exit_url,
    "DEFAULT_PHONE_REGION": check_phone_region,
    "DEMO_LANGUAGES": check_demo_languages,
    "SEARCH_BACKEND": check_search_backend,
    "SEARCH_TIMEOUT": check_positive("SEARCH_TIMEOUT"),
    "SEARCH_RETRY_SECONDS": check_positive("SEARCH_RETRY_SECONDS"),
    "RATE_LIMIT_WINDOW": check_positive("RATE_LIMIT_WINDOW"),
    "WEBHOOK_TIMEOUT": check_positive("WEBHOOK_TIMEOUT"),
}


def check_api_docs(app_configs, **kwargs):
    """Warn when API v3's interactive documentation would load its scripts from a CDN."""
    return api_docs_warnings(
        settings.INSTALLED_APPS, getattr(settings, "WAGTAILAPI_DOCS_ENABLED", True)
    )


def api_docs_warnings(installed_apps, docs_enabled):
    # django-ninja serves Swagger UI from its own static files only when "ninja" is an
    # installed app; otherwise the page at /api/v3/docs/ asks a third party for its scripts.
    if "wagtail.api.v3" in installed_apps and docs_enabled and "ninja" not in installed_apps:
        return [
            Warning(
                "The API documentation at …/api/v3/docs/ loads Swagger UI from a third-party "
                "CDN, so a visitor's browser tells it who reads the API.",
                hint='Add "ninja" to INSTALLED_APPS to serve it from this site\'s static '
                "files, or set WAGTAILAPI_DOCS_ENABLED = False.",
                id="wagtail_ikut.W001",
            )
        ]
    return []
